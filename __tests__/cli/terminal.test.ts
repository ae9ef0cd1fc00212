/** Colour, the live line, the question and the CLI's wording: terminal-only behaviour off a terminal is off. */
import { PassThrough } from 'node:stream';
import { askYesNo, colourText, isTransient, LiveLine, paintFor, plain } from '../../src/cli/terminal.js';
import { cliWording } from '../../src/cli/wording.js';
import { confirmQuestion } from '../../src/cli.js';
import type { PlanNode } from '../../src/deploy/types.js';

const ESC = '\x1b[';

describe('colour', () => {
  test('only on a terminal, and never with NO_COLOR or TERM=dumb', () => {
    expect(paintFor(true, {})('red', 'x')).toBe(`${ESC}31mx${ESC}0m`);
    expect(paintFor(false, {})).toBe(plain);
    expect(paintFor(undefined, {})).toBe(plain);
    expect(paintFor(true, { NO_COLOR: '1' })).toBe(plain);
    expect(paintFor(true, { TERM: 'dumb' })).toBe(plain);
    // An empty NO_COLOR does not count (no-color.org).
    expect(paintFor(true, { NO_COLOR: '' })).not.toBe(plain);
  });

  test('colours plan steps by action, errors, warnings and the verdict, and changes no text', () => {
    const text = [
      'a.yaml:1:1: error: bad',
      '[] -> #1 create web @local: new',
      '[1] -> #2 remove old @local: not in the template',
      'Plan: 1 to create, 0 to replace, 0 to start, 1 to remove, 0 unchanged.',
      'deploy of stack s: failure (1 error, 0 warnings)',
    ].join('\n');
    const painted = colourText(text, paintFor(true, {}));
    expect(painted.split(/\u001b\[\d+m/).join('')).toBe(text); // eslint-disable-line no-control-regex
    expect(painted).toContain(`${ESC}31ma.yaml:1:1: error: bad`);
    expect(painted).toContain(`${ESC}32mcreate${ESC}0m web`);
    expect(painted).toContain(`${ESC}31mremove${ESC}0m old`);
    expect(painted).toContain(`${ESC}31mdeploy of stack s: failure`);
    expect(colourText(text, plain)).toBe(text);
  });
});

describe('the live line', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, s: { write: (t: string) => out.push(t), isTTY, columns: 60 } };
  };

  test('on a terminal, a status is rewritten in place and lines scroll above it', () => {
    const { out, s } = stream(true);
    const live = new LiveLine(s, plain);
    live.status('web: pulling image');
    live.status('web: pulling 1/3 layers', 'web');
    live.line('db: created, running', 'db');
    live.line('web: created, running', 'web');
    live.clear();
    expect(out).toEqual([
      '\r\x1b[2K… web: pulling image',
      '\r\x1b[2K… web: pulling 1/3 layers',
      '\r\x1b[2Kdb: created, running\n',
      '\r\x1b[2K… web: pulling 1/3 layers',
      // web's own lasting line ends its status: nothing is drawn again.
      '\r\x1b[2Kweb: created, running\n',
    ]);
  });

  test('off a terminal, every update is a plain line', () => {
    const { out, s } = stream(false);
    const live = new LiveLine(s, plain);
    live.status('web: pulling image');
    live.line('web: created');
    live.clear();
    expect(out).toEqual(['web: pulling image\n', 'web: created\n']);
  });

  test('what is under way is live; what happened stays', () => {
    expect(isTransient("pulling image 'x' on 'local'")).toBe(true);
    expect(isTransient("started 'x', waiting until it proves stable (5 s)")).toBe(true);
    expect(isTransient('created, running (0123456789ab)')).toBe(false);
    expect(isTransient('removed')).toBe(false);
  });
});

describe('the question', () => {
  test('is not asked when input is not a terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    expect(await askYesNo('Go?', { input, output })).toBeUndefined();
    expect(output.read()).toBeNull();
  });

  test.each([['y\n', true], ['yes\n', true], ['n\n', false], ['\n', false]])('on a terminal, %j answers %s', async (answer, expected) => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    const asked = askYesNo('Go?', { input, output });
    input.write(answer);
    expect(await asked).toBe(expected);
    expect(String(output.read())).toContain('Go? [y/N] ');
  });

  test.each([['Ctrl-C', '\u0003'], ['Ctrl-D', '\u0004']])('on a terminal, %s answers no', async (_key, typed) => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const asked = askYesNo('Go?', { input, output: new PassThrough() });
    input.write(typed);
    expect(await asked).toBe(false);
  });

  test('a cancel while it waits answers no', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const cancel = new AbortController();
    const asked = askYesNo('Go?', { input, output: new PassThrough() }, cancel.signal);
    cancel.abort();
    expect(await asked).toBe(false);
  });

  test('names the stack, and for destroy what it removes', () => {
    const node = (type: PlanNode['type'], resource: string) => ({ id: 1, type, resource, endpoint: 'local', reasons: [], dependsOn: [] }) as unknown as PlanNode;
    expect(confirmQuestion('destroy', 'shop', [node('remove', 'web'), node('remove', 'db')])).toBe('Remove 2 resources of stack shop (web, db)?');
    expect(confirmQuestion('deploy', 'shop', [node('create', 'web')])).toBe('Apply this plan to stack shop?');
    expect(confirmQuestion('deploy', 'shop', [node('create', 'web'), node('remove', 'old')])).toBe('Apply this plan to stack shop, removing old?');
  });
});

describe('CLI wording', () => {
  test.each([
    ["Invalid input 'pull': 'x'. Expected missing, always or never", "Invalid option --pull: 'x'. Expected missing, always or never"],
    ["no credentials for registry 'r:5000' to pull image 'r:5000/a:1' (set registry-auth)", "no credentials for registry 'r:5000' to pull image 'r:5000/a:1' (run docker login for it, or give --registry-auth FILE)"],
    ["Invalid input 'endpoints': entry 'a' has no 'url'", "Invalid option --endpoints: entry 'a' has no 'url'"],
    ['ssh: no ssh-private-key given (and no ssh-agent at SSH_AUTH_SOCK)', 'ssh: no ssh key found (IdentityFile in ~/.ssh/config, ~/.ssh/id_*) (and no ssh-agent at SSH_AUTH_SOCK)'],
    ["Invalid input 'github-token': x", "Invalid input 'github-token': x"],
    ["parameter 'x' from the 'parameters' input is not declared", "parameter 'x' from --param is not declared"],
    ["Unknown endpoint 'far': not a name from the endpoints input (the endpoints input is empty) and not a URL", "Unknown endpoint 'far': not a name from --endpoints FILE (no --endpoints FILE was given) and not a URL"],
    ["x: TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but unix:// does not use TLS", 'x: TLS material (ca.pem, cert.pem, key.pem) is given, but unix:// does not use TLS'],
  ])('%s', (engine, cli) => {
    expect(cliWording(engine)).toBe(cli);
  });
});
