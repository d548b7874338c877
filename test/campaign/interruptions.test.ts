// The campaign's interruptions: the bundled action's main step (dist/main.js, run as a runner runs
// it) is stopped at a random moment by SIGINT, SIGTERM, SIGINT then SIGTERM (the runner's cancel),
// or SIGKILL (a runner that dies); then its post step runs, as `post-if: always()` does. Whatever
// the moment, a fault that was injected must be reverted by the run or by the post step: 100 %.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pick, prng } from '../support/prng.js';
import {
  fileCommandEnv,
  mainScript,
  newRunnerJob,
  newStepFiles,
  postScript,
  type RunnerJob,
  runnerEnv,
  runStep,
  startStep,
  stateEnv,
  writeEvent,
} from '../support/runner-env.js';
import { scale } from './scale.js';

const COUNT = scale(100, 6);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGINT+SIGTERM', 'SIGKILL'] as const;
const jobs: RunnerJob[] = [];
afterAll(() => {
  for (const job of jobs) rmSync(job.root, { recursive: true, force: true });
});

/** Two faults, each recorded by a file and reverted by its own rollback; pauses make the moments vary. */
function experiment(job: RunnerJob): void {
  const action = (name: string, script: string) => ({ type: 'action', name, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });
  const dir = path.join(job.workspace, 'experiments');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'faults.json'),
    JSON.stringify({
      title: 'Two faults, interrupted at a random moment',
      description: 'each fault leaves a file; each rollback removes its fault',
      'steady-state-hypothesis': { title: 'up', probes: [{ type: 'probe', name: 'up', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
      method: [action('fault-a', 'touch fault-a; sleep 0.3'), action('fault-b', 'touch fault-b; sleep 0.3')],
      rollbacks: [action('revert-a', 'sleep 0.1; touch reverted-a'), action('revert-b', 'sleep 0.1; touch reverted-b')],
    }),
  );
}

interface Outcome {
  readonly signal: string;
  readonly delayMs: number;
  readonly faults: number;
  readonly reverted: number;
  readonly bySomething: 'run' | 'post' | 'nothing to revert';
}

async function once(random: () => number): Promise<Outcome> {
  const job = newRunnerJob('chaos-campaign-interrupt-');
  jobs.push(job);
  experiment(job);
  const eventName = writeEvent(job, { kind: 'push' });
  const env = runnerEnv(job, {
    eventName,
    apiUrl: 'http://127.0.0.1:9',
    inputs: { experiments: 'experiments', comment: 'never', 'journal-dir': 'chaos-results' },
  });
  const files = newStepFiles(job, 'main');
  const step = startStep(mainScript, { ...env, ...fileCommandEnv(files) }, job.workspace);
  const signal = pick(random, SIGNALS);
  const delayMs = Math.floor(random() * 2500);
  const guard = setTimeout(() => step.child.kill('SIGKILL'), 60_000);
  await new Promise((r) => setTimeout(r, delayMs));
  if (signal === 'SIGINT+SIGTERM') {
    step.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
    step.child.kill('SIGTERM');
  } else step.child.kill(signal);
  await step.exited;
  clearTimeout(guard);
  const at = (f: string) => existsSync(path.join(job.workspace, f));
  const revertedByRun = ['a', 'b'].filter((x) => at(`fault-${x}`) && at(`reverted-${x}`)).length;
  const post = await runStep(postScript, { ...env, ...stateEnv(files.state), ...fileCommandEnv(newStepFiles(job, 'post')) }, job.workspace, 60_000);
  expect(post.code, post.stdout + post.stderr).toBe(0);
  const faults = ['a', 'b'].filter((x) => at(`fault-${x}`)).length;
  const reverted = ['a', 'b'].filter((x) => at(`fault-${x}`) && at(`reverted-${x}`)).length;
  const bySomething = faults === 0 ? 'nothing to revert' : revertedByRun === faults ? 'run' : 'post';
  return { signal, delayMs, faults, reverted, bySomething };
}

it(`${COUNT} randomly timed interruptions: every injected fault is reverted by the run or the post step`, { timeout: 60 * 60_000 }, async () => {
  const random = prng(Number(process.env.CHAOS_CAMPAIGN_SEED ?? 20261207));
  const outcomes: Outcome[] = [];
  for (let i = 0; i < COUNT; i++) outcomes.push(await once(random));
  const left = outcomes.filter((o) => o.reverted < o.faults);
  expect(left, JSON.stringify(left)).toEqual([]);
  if (process.env.CHAOS_CAMPAIGN === 'full') {
    const tally = (key: 'signal' | 'bySomething') =>
      Object.fromEntries([...new Set(outcomes.map((o) => o[key]))].map((v) => [v, outcomes.filter((o) => o[key] === v).length]));
    console.log(
      `interruptions: ${COUNT}; faults injected ${outcomes.reduce((n, o) => n + o.faults, 0)}, reverted ${outcomes.reduce((n, o) => n + o.reverted, 0)}; by signal ${JSON.stringify(tally('signal'))}; reverted by ${JSON.stringify(tally('bySomething'))}`,
    );
  }
});
