// An action or a rollback that did not work is not "succeeded": through the bundled CLI, against a
// real local service and real processes. Chaos Toolkit records these as succeeded (the journal
// still does); the verdict, the progress lines and the report say what happened.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';

/** /health answers 200; /purge answers 500 with a one-line reason and a trace after it. */
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/purge') res.writeHead(500, { 'Content-Type': 'text/plain' }).end('purge failed: backend down\n  at purge (cache.js:12)\n');
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One experiment in YAML: a met steady state, then `body` (method and rollbacks). */
const experiment = (body: string): string => `title: Effect
description: d
configuration:
  base: {type: env, key: TARGET}
steady-state-hypothesis:
  title: up
  probes:
    - type: probe
      name: up
      tolerance: 200
      provider: {type: http, url: "\${base}/health", timeout: 3}
${body}`;

interface Journal {
  run: { status?: string; output: { status: number } }[];
  rollbacks: { status?: string; output: { status: number } }[];
  'chaos-action': { verdict: string; reasons: string[]; activities: Record<string, unknown>[] };
}

async function run(body: string, ...flags: string[]) {
  const dir = writeCorpus([{ name: 'effect.yaml', content: experiment(body) }]);
  const out = path.join(dir, 'out');
  const r = await runCliAsync(['run', '--journal-dir', out, ...flags, path.join(dir, 'effect.yaml')], { env: { TARGET: base } });
  const journal = JSON.parse(readFileSync(path.join(out, 'effect.journal.json'), 'utf8')) as Journal;
  const report = readFileSync(path.join(out, 'report.md'), 'utf8');
  return { ...r, journal, report, file: path.join(dir, 'effect.yaml') };
}

// `cat` is given the text "$(echo /etc/hostname)" (a list runs without a shell): exit 1.
const readsSubstitution = `method:
  - type: action
    name: read-id
    provider: {type: process, path: cat, arguments: ["$(echo /etc/hostname)"]}
`;

describe('an action that did not take effect', () => {
  it('a method process that exits 1 fails the gate, saying so at default verbosity with the exit code and the first stderr line', async () => {
    const r = await run(readsSubstitution);
    expect(r.code).toBe(1);
    // Validation warned before anything ran.
    expect(r.stderr).toContain('argument "$(echo /etc/hostname)" looks like shell syntax (a command substitution, $(…))');
    expect(r.stderr).toMatch(/WARN {6}✖ action "read-id" did not take effect: exit code 1: \S*cat: .*No such file or directory/);
    expect(r.stdout).toMatch(/failed +Effect/);
    expect(r.stdout).toMatch(/method action "read-id" did not take effect: exit code 1: \S*cat: .*No such file or directory/);
    expect(r.report).toMatch(/- method action "read-id" did not take effect: exit code 1: \S*cat: /);
    // The journal keeps Chaos Toolkit's status; our judgement is beside it.
    expect(r.journal.run[0]).toMatchObject({ status: 'succeeded', output: { status: 1 } });
    expect(r.journal['chaos-action'].verdict).toBe('failed');
    expect(r.journal['chaos-action'].activities).toEqual([
      { phase: 'method', index: 0, name: 'read-id', 'took-effect': false, why: expect.stringMatching(/^exit code 1: \S*cat: .*No such file or directory$/) },
    ]);
  });

  it('passes with --allow-action-failure (Chaos Toolkit meaning), still saying the action did not take effect', async () => {
    const r = await run(readsSubstitution, '--allow-action-failure');
    expect(r.code).toBe(0);
    expect(r.journal['chaos-action'].verdict).toBe('passed');
    expect(r.stderr).toContain('✖ action "read-id" did not take effect: exit code 1');
  });

  it('an http action answered 500 fails the gate, with the status and the first line of the body', async () => {
    const r = await run(`method:
  - type: action
    name: purge-cache
    provider: {type: http, url: "\${base}/purge", timeout: 3}
`);
    expect(r.code).toBe(1);
    expect(r.journal.run[0]).toMatchObject({ status: 'succeeded', output: { status: 500 } });
    expect(r.journal['chaos-action'].reasons).toEqual(['method action "purge-cache" did not take effect: HTTP status 500: purge failed: backend down']);
    expect(r.stderr).toContain('✖ action "purge-cache" did not take effect: HTTP status 500: purge failed: backend down');
  });

  it('a rollback whose cp finds no backup fails the gate: a fault may be left behind', async () => {
    const r = await run(`method:
  - type: action
    name: inject
    provider: {type: process, path: "true"}
rollbacks:
  - type: action
    name: restore-config
    provider: {type: process, path: cp, arguments: ["/nonexistent/chaos-action/config.bak", "/nonexistent/chaos-action/config"]}
`);
    expect(r.code).toBe(1);
    expect(r.journal.rollbacks[0]).toMatchObject({ status: 'succeeded', output: { status: 1 } });
    const [reason] = r.journal['chaos-action'].reasons;
    expect(reason).toMatch(
      /^rollback "restore-config" did not take effect, so a fault may be left behind: exit code 1: \S*cp: cannot stat '\/nonexistent\/chaos-action\/config\.bak'/,
    );
    expect(r.report).toContain('a fault may be left behind');
    expect(r.stderr).toContain('✖ action "restore-config" did not take effect: exit code 1: ');
  });

  it('an exit code the action declares is fine: chaos-action: {expect: {exit-codes: [0, 1]}}', async () => {
    const r = await run(`method:
  - type: action
    name: drain
    provider: {type: process, path: sh, arguments: ["-c", "echo already drained >&2; exit 1"]}
    chaos-action:
      expect:
        exit-codes: [0, 1]
`);
    expect(r.code).toBe(0);
    expect(r.journal['chaos-action'].verdict).toBe('passed');
    expect(r.journal['chaos-action'].activities).toEqual([{ phase: 'method', index: 0, name: 'drain', 'took-effect': true }]);
    expect(r.stderr).not.toContain('did not take effect');
  });

  it('an invalid expectation is a validation error at its line and column, and nothing runs', async () => {
    const dir = writeCorpus([
      {
        name: 'bad.yaml',
        content: experiment(`method:
  - type: action
    name: drain
    provider: {type: process, path: "true"}
    chaos-action:
      expect:
        exit-codes: [0, 256]
`),
      },
    ]);
    const r = await runCliAsync(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${path.join(dir, 'bad.yaml')}:18:25: error: exit-codes holds 256: expected exit codes, whole numbers from 0 to 255 (negative: killed by that signal) (/method/0/chaos-action/expect/exit-codes/1)`,
    );
  });
});
