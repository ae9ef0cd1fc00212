/**
 * Masking, table by table: which values the runner's masker gets, what hotdock's own redaction
 * does to text, report data and template outputs, and every text form of a hidden value.
 */
import { MASK, maskableEverywhere, redact, redactOutputs, redactValue, registerSecret } from '../../src/report/mask.js';
import { hiddenValueTexts } from '../../src/template/hidden-values.js';

describe('maskableEverywhere: long enough to hide, not a bare boolean word', () => {
  it.each([
    ['7', false],
    ['42', false],
    ['abc', false],
    ['  ab  ', false],
    ['', false],
    ['abcd', true],
    ['8080', true],
    ['true', false],
    ['False', false],
    ['null', false],
    ['trueish', true],
    ['pw-s3cr3t', true],
  ])('%j → %s', (value, expected) => {
    expect(maskableEverywhere(value)).toBe(expected);
  });
});

describe('registerSecret: what the runner is told to mask', () => {
  const registered = (value: string) => {
    const seen: string[] = [];
    registerSecret(value, (s) => seen.push(s));
    return seen;
  };
  it.each([
    ['hunter22', ['hunter22']],
    ['7', []],
    ['true', []],
    ['line-one\nline-two\nx', ['line-one\nline-two\nx', 'line-one', 'line-two']],
    ['  indented-secret  \r\nnext-line', ['  indented-secret  \r\nnext-line', '  indented-secret  ', 'indented-secret', 'next-line']],
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----', ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----', 'MIIEvQIBADANBgkq']],
  ])('%j → %j', (value, expected) => {
    expect(registered(value)).toEqual(expected);
  });
});

describe('redact: text', () => {
  it.each([
    ['pw=abcdef and abcd', ['abcd', 'abcdef'], `pw=${MASK} and ${MASK}`],
    ['port 7 and 8080', ['7', '8080'], `port 7 and ${MASK}`],
    ['flag true', ['true'], 'flag true'],
    ['first-line only', ['first-line\nsecond-line'], `${MASK} only`],
    ['nothing here', [], 'nothing here'],
  ])('%j with %j → %j', (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});

describe('redactValue / redactOutputs: data', () => {
  it.each<[string, unknown, string[], unknown, unknown]>([
    ['strings inside', { a: 'x-hunter22-y' }, ['hunter22'], { a: `x-${MASK}-y` }, { a: `x-${MASK}-y` }],
    ['a short secret as a whole string', { a: '7', b: '17' }, ['7'], { a: MASK, b: '17' }, { a: MASK, b: '17' }],
    ['a short secret as a number', { n: 7, m: 17 }, ['7'], { n: 7, m: 17 }, { n: MASK, m: 17 }],
    ['a long secret inside a number', { port: 43129 }, ['43129'], { port: 43129 }, { port: MASK }],
    ['a hidden boolean', { on: true, off: false }, ['true'], { on: true, off: false }, { on: MASK, off: false }],
    ['lists', { l: ['alpha-one', 'beta', 3] }, ['alpha-one', 'beta'], { l: [MASK, MASK, 3] }, { l: [MASK, MASK, 3] }],
    ['keys hold only long secrets', { 'svc-user': 1, '7': 2 }, ['svc-user', '7'], { [MASK]: 1, '7': 2 }, { [MASK]: 1, '7': 2 }],
    ['no secrets', { a: 'x', n: 1 }, [], { a: 'x', n: 1 }, { a: 'x', n: 1 }],
  ])('%s', (_what, value, secrets, asData, asOutputs) => {
    expect(redactValue(value, secrets)).toEqual(asData);
    expect(redactOutputs(value as Record<string, unknown>, secrets)).toEqual(asOutputs);
  });
});

describe('hiddenValueTexts: every form of a hidden value', () => {
  it.each<[string, unknown, string[]]>([
    ['a string', 'hunter22', ['hunter22']],
    ['a number', 8080, ['8080']],
    ['a boolean', true, ['true']],
    ['nothing', null, []],
    ['an empty string', '', []],
    ['a list', ['alpha-one', 'beta-two'], ['["alpha-one","beta-two"]', '["alpha-one", "beta-two"]', 'alpha-one,beta-two', 'alpha-one', 'beta-two']],
    [
      "a comma_delimited_list as Heat splits it (blanks kept): the bare forms too",
      ['alpha-one', ' beta-two'],
      ['["alpha-one"," beta-two"]', '["alpha-one", " beta-two"]', 'alpha-one, beta-two', 'alpha-one,beta-two', 'alpha-one', ' beta-two', 'beta-two'],
    ],
    [
      'a json map',
      { user: 'svc', pass: 'pw-s3cr3t', n: 98765, deep: { list: ['d1'] } },
      [
        '{"user":"svc","pass":"pw-s3cr3t","n":98765,"deep":{"list":["d1"]}}',
        '{"deep": {"list": ["d1"]}, "n": 98765, "pass": "pw-s3cr3t", "user": "svc"}',
        'svc',
        'pw-s3cr3t',
        '98765',
        '{"list":["d1"]}',
        '{"list": ["d1"]}',
        '["d1"]',
        'd1',
      ],
    ],
  ])('%s', (_what, value, expected) => {
    expect(hiddenValueTexts(value)).toEqual(expected);
  });
});
