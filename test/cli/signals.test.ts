// SIGINT/SIGTERM on a real `chaos-action run`: the running activity's whole process group is
// killed, the rollbacks run, the journal says interrupted; a second signal skips the rest of them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';

function experiment(dir: string, rollbackSeconds: number): string {
  const pidFile = path.join(dir, 'fault.pid');
  return JSON.stringify({
    title: 'interrupted',
    description: 'a fault that runs until it is interrupted',
    method: [
      // A shell that starts a grandchild sleep: both must die with the process group.
      { type: 'action', name: 'long-fault', provider: { type: 'process', path: 'sh', arguments: ['-c', `sleep 60 & echo $! > ${pidFile}; wait`] } },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'slow-revert',
        provider: { type: 'process', path: 'sh', arguments: ['-c', `sleep ${rollbackSeconds}; touch ${path.join(dir, 'reverted')}`] },
      },
    ],
  });
}

function waitFor(predicate: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > limitMs) reject(new Error(`gave up waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

/** A zombie (killed, not yet reaped by an init that may never reap it) counts as gone. */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

async function interruptedRun(signals: NodeJS.Signals[], rollbackSeconds: number) {
  const dir = writeCorpus([]);
  const file = path.join(dir, 'fault.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, experiment(dir, rollbackSeconds));
  const child = spawnCli(['run', '--journal-dir', path.join(dir, 'results'), file]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => existsSync(path.join(dir, 'fault.pid')) && readFileSync(path.join(dir, 'fault.pid'), 'utf8').trim() !== '', 'the fault to start');
  const grandchild = Number(readFileSync(path.join(dir, 'fault.pid'), 'utf8'));
  child.kill(signals[0]);
  if (signals[1]) {
    await waitFor(() => stderr.includes('Action: slow-revert'), 'the rollback to start');
    child.kill(signals[1]);
  }
  const code = await exited;
  const journal = JSON.parse(readFileSync(path.join(dir, 'results', 'fault.journal.json'), 'utf8')) as Record<string, unknown> & {
    status: string;
    run: { status?: string }[];
    rollbacks: { status?: string }[];
    'chaos-action': { verdict: string; rollbacks: string };
  };
  return { dir, code, stderr, journal, grandchild };
}

describe('interrupting a run', () => {
  it('SIGINT kills the running fault with its children, plays the rollbacks, and writes an interrupted journal', async () => {
    const r = await interruptedRun(['SIGINT'], 0);
    expect(r.code).toBe(1);
    await waitFor(() => !alive(r.grandchild), "the fault's grandchild to die", 5_000);
    expect(r.journal.status).toBe('interrupted');
    expect(r.journal.run[0]?.status).toBeUndefined();
    expect(r.journal.rollbacks[0]?.status).toBe('succeeded');
    expect(existsSync(path.join(r.dir, 'reverted'))).toBe(true);
    expect(r.journal['chaos-action'].verdict).toBe('interrupted');
    expect(r.stderr).toContain('SIGINT received: stopping the running activity, then playing the rollbacks');
  });

  it('SIGTERM does the same', async () => {
    const r = await interruptedRun(['SIGTERM'], 0);
    expect(r.journal.status).toBe('interrupted');
    expect(existsSync(path.join(r.dir, 'reverted'))).toBe(true);
  });

  it('a second signal skips what is left of the rollbacks, says so, and still writes the journal', async () => {
    const r = await interruptedRun(['SIGINT', 'SIGTERM'], 30);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('received again: skipping what is left of the rollbacks');
    expect(existsSync(path.join(r.dir, 'reverted'))).toBe(false);
    expect(r.journal.status).toBe('interrupted');
    expect(r.journal['chaos-action'].rollbacks).toBe('cut-short');
  });

  it('counts the experiments an interruption kept from starting as interrupted, so the gate fails', async () => {
    const dir = writeCorpus([]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'a-fault.json'), experiment(dir, 0));
    writeFileSync(path.join(dir, 'b-next.json'), JSON.stringify({ title: 'never started', description: 'd', method: [] }));
    const child = spawnCli(['run', '--journal-dir', path.join(dir, 'results'), '--fail-on', 'failed,deviated,interrupted', dir]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => existsSync(path.join(dir, 'fault.pid')) && readFileSync(path.join(dir, 'fault.pid'), 'utf8').trim() !== '', 'the fault to start');
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    const results = JSON.parse(readFileSync(path.join(dir, 'results', 'results.json'), 'utf8')) as {
      gate: string;
      experiments: { file: string; verdict: string }[];
    };
    expect(results.gate).toBe('failed');
    expect(results.experiments.map((e) => [path.basename(e.file), e.verdict])).toEqual([
      ['a-fault.json', 'interrupted'],
      ['b-next.json', 'interrupted'],
    ]);
  });
});
