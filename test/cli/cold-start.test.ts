// A plain run's cold start through the bundled CLI: the built-in modules that only some runs need
// (node:crypto for AWS sessions and the durability canary, node:child_process for processes and
// python) are loaded on first use, not at start-up; each costs every run a few milliseconds.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, collect } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { type HttpTarget, startHttpTarget } from '../support/http-target.js';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

/** Writes the built-in modules the process loaded, as it exits, to the file CHAOS_TEST_BUILTINS names. */
const BUILTINS_HOOK = `data:text/javascript,process.on('exit',()=>process.getBuiltinModule('node:fs').writeFileSync(process.env.CHAOS_TEST_BUILTINS,process.moduleLoadList.filter((m)=>m.startsWith('NativeModule ')).map((m)=>m.slice(13)).join('\\n')))`;

async function builtinsOfRun(experiment: Record<string, unknown>): Promise<{ code: number | null; stderr: string; builtins: string[] }> {
  const dir = writeCorpus([{ name: 'e.json', content: JSON.stringify(experiment) }]);
  const log = path.join(dir, 'builtins.txt');
  const child = spawn(
    process.execPath,
    ['--import', BUILTINS_HOOK, cliPath, 'run', '--quiet', '--journal-dir', path.join(dir, 'out'), path.join(dir, 'e.json')],
    {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', CHAOS_TEST_BUILTINS: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const r = await collect(child);
  return { code: r.code, stderr: r.stderr, builtins: readFileSync(log, 'utf8').split('\n') };
}

const httpProbe = (name: string) => ({ type: 'probe', name, tolerance: 200, provider: { type: 'http', url: `${target.origin}/echo/${name}`, timeout: 5 } });

describe('a cold start', () => {
  it('of a run of http probes loads neither node:crypto nor node:child_process', { timeout: 60_000 }, async () => {
    const r = await builtinsOfRun({ title: 'one probe', description: 'd', 'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] }, method: [] });
    expect(r.code, r.stderr).toBe(0);
    // The hook itself sees the modules loaded: node:http proves the list is the run's.
    expect(r.builtins).toContain('http');
    expect(r.builtins).not.toContain('crypto');
    expect(r.builtins).not.toContain('child_process');
  });

  it('loads node:child_process once an experiment runs a process', { timeout: 60_000 }, async () => {
    const r = await builtinsOfRun({
      title: 'a process',
      description: 'd',
      'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] },
      method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.builtins).toContain('child_process');
  });
});
