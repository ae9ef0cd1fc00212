/**
 * Output hygiene through the bundle, as the runner runs it: template text never becomes a workflow
 * command (validate and plan modes run on fork pull requests) nor breaks out of the summary's
 * markdown; every part of every hidden parameter is masked in the log, the outputs and the
 * summary; a 60 MiB container log leaves outputs and summary under GitHub's 1 MiB, tail kept.
 * Plan and deploy need the lab's main engine.
 */
import { jest } from '@jest/globals';
import { cleanupStack, freePort, localDocker, uniqueStack } from '../helpers/stack.js';
import { lab } from '../helpers/lab.js';
import { runAction, workspace } from './harness.js';
import { plantedCommands, runnerCommands } from './runner-commands.js';

jest.setTimeout(180_000);

const MiB = 1024 * 1024;
const docker = localDocker();

/** Payload of text that would be commands and markdown if printed raw. Marker: FAKE. */
const PAYLOAD = String.raw`\n::error title=FAKE::FAKE planted error\n  ::add-mask::FAKE-mask\r::warning::FAKE cr\nx ##[add-mask]FAKE-v1 and ##[stop-commands]FAKE-stop\n`;

/** A resource name, a description, a parameter default and an output all carry the payload. */
const INJECTING = `heat_template_version: 2021-04-16
description: "stack${PAYLOAD}"
parameters:
  p:
    type: string
    default: "value${PAYLOAD}"
resources:
  "web${PAYLOAD}\`\`\`\\n## FAKE heading <img src=x>\\n\`\`\`\`":
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      env: [{list_join: ["=", [A, {get_param: p}]]}]
outputs:
  "o${PAYLOAD}":
    description: "out${PAYLOAD}"
    value: {get_param: p}
`;

/** Twelve unknown properties named with the payload: ten annotations, two plain log lines. */
const INJECTING_ERRORS = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
${Array.from({ length: 12 }, (_, i) => `      "bogus_${i}${PAYLOAD}": x`).join('\n')}
`;

function expectNoPlantedCommands(stdout: string): void {
  expect(plantedCommands(stdout, 'FAKE')).toEqual([]);
  // And nothing that reads as a legacy command or a line-leading command outside hotdock's own.
  expect(runnerCommands(stdout).filter((c) => c.form === 'v1')).toEqual([]);
}

/** The fenced code block under `### Plan`: its fence, content lines, and whether it closed. */
function planBlock(summary: string): { content: string[]; closed: boolean; after: string[] } {
  const lines = summary.split('\n');
  const start = lines.findIndex((l, i) => i > lines.indexOf('### Plan') && /^(`{3,}|~{3,})/.test(l));
  const fence = /^(`{3,}|~{3,})/.exec(lines[start])![1];
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  const end = lines.findIndex((l, i) => i > start && closing.test(l));
  return { content: lines.slice(start + 1, end < 0 ? undefined : end), closed: end > start, after: end < 0 ? [] : lines.slice(end + 1) };
}

describe('template text never becomes a workflow command', () => {
  it('validate: diagnostics past the ten annotations are plain log lines, not commands', () => {
    const ws = workspace({ 'stack.yaml': INJECTING_ERRORS });
    const r = runAction(ws, { template: 'stack.yaml', mode: 'validate' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('2 more error(s) and 0 more warning(s)');
    expectNoPlantedCommands(r.stdout);
    // The ten annotations are hotdock's own, at the property's line.
    const annotations = runnerCommands(r.stdout).filter((c) => c.name === 'error' && c.props.includes('file=stack.yaml'));
    expect(annotations).toHaveLength(10);
  });

  it('plan: progress and plan lines in the log are not commands; the summary code block holds', () => {
    lab();
    const stack = uniqueStack('hyg-plan');
    const ws = workspace({ 'stack.yaml': INJECTING });
    const r = runAction(ws, { template: 'stack.yaml', mode: 'plan', 'stack-name': stack });
    expect([r.status, r.outputs.result, r.stderr]).toEqual([0, 'success', '']);
    expect(r.stdout).toContain('1 to create');
    expectNoPlantedCommands(r.stdout);

    const block = planBlock(r.summary);
    expect(block.closed).toBe(true);
    // The whole plan is inside the block, the counts line last; nothing of the name escaped it.
    expect(block.content[block.content.length - 1]).toMatch(/^Plan: 1 to create/);
    expect(block.content.join('\n')).toContain('FAKE heading');
    expect(block.after.join('\n')).not.toMatch(/^## FAKE/m);
    const outside = r.summary.replace(block.content.join('\n'), '');
    expect(outside).not.toMatch(/^## FAKE/m);
    expect(outside).not.toContain('<img');
    // Table cells: the name's newlines are <br>, its HTML escaped; the table keeps its rows.
    expect(r.summary).toMatch(/^\| web<br>::error title=FAKE::FAKE planted error<br>/m);
  });
});

describe('hidden parameters of every type', () => {
  const stack = uniqueStack('hyg-hidden');
  afterAll(() => cleanupStack(docker, stack));

  it('json leaves, list elements and numbers appear nowhere: log, outputs, summary', async () => {
    lab();
    const port = await freePort();
    const template = `heat_template_version: 2021-04-16
parameters:
  db: {type: json, hidden: true}
  hosts: {type: comma_delimited_list, hidden: true}
  port: {type: number, hidden: true}
  tiny: {type: number, hidden: true}
  flag: {type: boolean, hidden: true}
  cert: {type: string, hidden: true}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      cmd: [sh, -c, "exec sleep 3600"]
      name: {list_join: ["-", [{get_param: [hosts, 0]}, "c"]]}
      env:
        - {str_replace: {template: "DB=@db@", params: {"@db@": {get_param: db}}}}
        - {list_join: ["=", [HOSTS, {list_join: [",", {get_param: hosts}]}]]}
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
outputs:
  user: {value: {get_param: [db, user]}}
  pass: {value: {get_param: [db, pass]}}
  whole: {value: {get_param: db}}
  list: {value: {get_param: hosts}}
  joined: {value: {list_join: [" and ", {get_param: hosts}]}}
  port: {value: {get_param: port}}
  url: {value: {str_replace: {template: "http://127.0.0.1:P/", params: {P: {get_param: port}}}}}
  tiny: {value: {get_param: tiny}}
  flag: {value: {get_param: flag}}
  second: {value: {str_split: ["\\n", {get_param: cert}, 1]}}
  visible: {value: plain-visible-value}
`;
    const secrets = ['svc-user-q8', 'pw-s3cr3t-z9', '98765', 'alpha-one-7f3k', 'beta-two-x2m', String(port), 'cert-line-one', 'cert-line-two'];
    const parameters = [
      `db: '{"user": "svc-user-q8", "pass": "pw-s3cr3t-z9", "n": 98765}'`,
      'hosts: "alpha-one-7f3k, beta-two-x2m"',
      `port: ${port}`,
      'tiny: 7',
      'flag: yes',
      'cert: "cert-line-one\\ncert-line-two"',
    ].join('\n');
    const ws = workspace({ 'stack.yaml': template });
    const r = runAction(ws, { template: 'stack.yaml', mode: 'deploy', 'stack-name': stack, parameters, 'stable-seconds': '1' });
    expect([r.status, r.outputs.result, r.stderr]).toEqual([0, 'success', '']);

    const masks = runnerCommands(r.stdout).filter((c) => c.name === 'add-mask').map((c) => c.data);
    expect(masks).toEqual(expect.arrayContaining(secrets));
    // Too short to mask everywhere (mask.ts): never registered, masked as whole values below.
    expect(masks.filter((m) => ['7', 'true', 'yes'].includes(m))).toEqual([]);
    const log = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    const outputFile = JSON.stringify(r.outputs);
    for (const secret of secrets) {
      expect([secret, log.includes(secret), r.summary.includes(secret), outputFile.includes(secret)]).toEqual([secret, false, false, false]);
    }
    const outputs = JSON.parse(r.outputs.outputs) as Record<string, unknown>;
    expect(outputs).toMatchObject({
      user: '******',
      pass: '******',
      port: '******',
      tiny: '******',
      flag: '******',
      second: '******',
      visible: 'plain-visible-value',
    });
    expect(outputs.list).toEqual(['******', '******']);
    expect(outputs.joined).toBe('****** and ******');
    expect(outputs.url).toBe('http://127.0.0.1:******/');
    // The container really got the values.
    const resources = JSON.parse(r.outputs.resources) as Record<string, { container_id: string }>;
    const env = (await docker.getContainer(resources.web.container_id).inspect()).Config.Env;
    // Heat keeps the blank after the comma in a comma_delimited_list element.
    expect(env).toEqual(expect.arrayContaining(['HOSTS=alpha-one-7f3k, beta-two-x2m', 'DB={"n": 98765, "pass": "pw-s3cr3t-z9", "user": "svc-user-q8"}']));
  });
});

describe('a 60 MiB container log', () => {
  const stack = uniqueStack('hyg-logs');
  afterAll(() => cleanupStack(docker, stack));

  it('outputs and summary each stay under 1 MiB, keep the tail and say what was cut', async () => {
    lab();
    const template = `heat_template_version: 2021-04-16
resources:
  chatty:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      cmd: [sh, -c, 'L=$(printf "%0999d" 0); yes "$L" | head -c ${60 * MiB}; printf "\\nEND-OF-LOG\\n"; exec sleep 3600']
outputs:
  log: {value: {get_attr: [chatty, logs]}}
  last: {value: {get_attr: [chatty, logs_tail]}}
`;
    const ws = workspace({ 'stack.yaml': template });
    const first = runAction(ws, { template: 'stack.yaml', mode: 'deploy', 'stack-name': stack, 'stable-seconds': '1' });
    expect([first.status, first.outputs.result, first.stderr]).toEqual([0, 'success', '']);
    // How far the engine got with 60 MiB of logs when the first run read them depends on the
    // machine: wait until the log is complete, then a no-op run reads it whole.
    const id = (JSON.parse(first.outputs.resources) as Record<string, { container_id: string }>).chatty.container_id;
    for (let i = 0; i < 240; i++) {
      const tail = (await docker.getContainer(id).logs({ stdout: true, tail: 1 })).toString();
      if (tail.includes('END-OF-LOG')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const r = runAction(ws, { template: 'stack.yaml', mode: 'deploy', 'stack-name': stack, 'stable-seconds': '1' });
    expect([r.status, r.outputs.result, r.outputs.changed, r.stderr]).toEqual([0, 'success', 'false', '']);
    expect(Buffer.byteLength(first.summary)).toBeLessThan(MiB);

    for (const [name, value] of Object.entries(r.outputs)) expect([name, Buffer.byteLength(value) < MiB]).toEqual([name, true]);
    expect(Buffer.byteLength(r.summary)).toBeLessThan(MiB);
    const outputs = JSON.parse(r.outputs.outputs) as { log: string; last: string };
    expect(outputs.last).toBe('END-OF-LOG');
    expect(outputs.log.endsWith('END-OF-LOG\n')).toBe(true);
    const cut = /… (\d+) bytes truncated/.exec(outputs.log);
    expect(Number(cut?.[1])).toBeGreaterThan(59 * MiB);
    expect(Number(/… (\d+) bytes truncated/.exec(r.summary)?.[1])).toBeGreaterThan(59 * MiB);
    expect(runnerCommands(r.stdout).filter((c) => c.name === 'warning').map((c) => c.data)).toEqual([
      expect.stringContaining("The 'outputs' output was larger than GitHub keeps (1 MiB)"),
    ]);
    expect(r.summary).toContain('END-OF-LOG');
  });
});
