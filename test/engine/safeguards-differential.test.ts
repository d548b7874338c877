// chaostoolkit-addons' real safeguards control under the pinned `chaos run`, and ours natively, on
// the same experiment against the same kind of local target (health fails one second into a ten
// second fault): the journals agree where they should (status interrupted, no steady state after,
// the method cut at the fault, the guard's runs kept out of the journal). The one difference is
// ours on purpose (README: Differences): the default strategy's rollbacks play after a stop.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/runner.js';
import type { Journal } from '../../src/engine/journal.js';
import type { RollbackStrategy } from '../../src/engine/strategies.js';
import { localRunDependencies } from '../support/engine-deps.js';
import { oracleChaos } from '../support/oracle.js';
import { type DegradingTarget, degradingExperiment, healthGuard, safeguards, startDegradingTarget } from '../support/degrading-target.js';

let target: DegradingTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** What should agree between the two journals. */
const shape = (j: Journal) => ({
  status: j.status,
  deviated: j.deviated,
  before: j.steady_states.before?.steady_state_met ?? null,
  after: j.steady_states.after,
  run: j.run.map((r) => [r.activity.name, r.status ?? null]),
});

async function both(rollbacks: RollbackStrategy) {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-safeguards-'));
  target = await startDegradingTarget(1000);
  const experiment = degradingExperiment(target.url, safeguards([healthGuard(target.url, { frequency: 0.5 })]));
  const file = path.join(dir, 'guarded.json');
  writeFileSync(file, JSON.stringify(experiment, null, 2));
  const journalPath = path.join(dir, 'ctk.json');
  const args = ['--no-version-check', '--no-log-file', 'run', '--journal-path', journalPath, '--rollback-strategy', rollbacks, file];
  // Asynchronously: the target lives in this process and must keep answering meanwhile.
  const code = await new Promise<number | null>((resolve) => spawn(oracleChaos, args, { stdio: 'ignore' }).on('exit', (c) => resolve(c)));
  const ctk = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  const ctkHeals = target.hits.filter((h) => h === '/heal').length;
  await target.close();

  target = await startDegradingTarget(1000);
  const ours = await runExperiment(
    {
      file,
      experiment: degradingExperiment(target.url, safeguards([healthGuard(target.url, { frequency: 0.5 })])),
      configuration: {},
      dynamicConfiguration: [],
      secrets: {},
    },
    { strategies: { hypothesis: 'default', rollbacks }, hypothesisFrequency: 1, failFast: false, dry: null },
    localRunDependencies(),
  );
  return { code, ctk, ctkHeals, ours: ours.journal, oursHeals: target.hits.filter((h) => h === '/heal').length };
}

describe("chaostoolkit-addons' safeguards (pinned in scripts/oracle-requirements.txt): chaos run and ours", () => {
  it('agree: a tripped safeguard interrupts the experiment mid-fault, with no steady state after and no guard records', async () => {
    const { code, ctk, ours } = await both('always');
    expect(code).toBe(1);
    expect(ctk.status).toBe('interrupted');
    expect(shape(ours)).toEqual(shape(ctk));
    // With `always`, both play the rollback.
    expect(ours.rollbacks.map((r) => [r.activity.name, r.status])).toEqual(ctk.rollbacks.map((r) => [r.activity.name, r.status]));
  }, 120_000);

  it('differ on purpose under the default strategy: Chaos Toolkit skips the rollbacks of an interrupted run, ours plays them after a stop', async () => {
    const { ctk, ctkHeals, ours, oursHeals } = await both('default');
    expect(shape(ours)).toEqual(shape(ctk));
    expect([ctk.rollbacks.length, ctkHeals]).toEqual([0, 0]);
    expect([ours.rollbacks.map((r) => r.activity.name), oursHeals]).toEqual([['heal'], 1]);
  }, 120_000);
});
