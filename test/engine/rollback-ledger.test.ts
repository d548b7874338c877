// The rollback ledger: owed before any fault, settled only when every rollback ran.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { FileRollbackLedger, LedgerUnreadable, owedRollbacks } from '../../src/engine/rollback-ledger.js';
import { runRollbacksOnly } from '../../src/engine/owed-rollbacks.js';
import { type RunDependencies, runExperiment } from '../../src/engine/runner.js';
import type { DryMode } from '../../src/engine/activity.js';
import type { RollbackStrategy } from '../../src/engine/strategies.js';
import type { ProviderRunner } from '../../src/contract/provider.js';
import { runProviders } from '../../src/app/providers.js';
import { writeCorpus } from '../support/corpus.js';

const never = new AbortController().signal;
const proc = (name: string, script: string) => ({ type: 'action', name, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });

interface RunTweaks {
  readonly rollbacks?: RollbackStrategy;
  readonly dry?: DryMode;
  readonly runProvider?: ProviderRunner;
  readonly interruption?: RunDependencies['interruption'];
}

async function run(dir: string, experiment: Record<string, unknown>, ledger: FileRollbackLedger, tweaks: RunTweaks = {}) {
  return runExperiment(
    { file: 'e.json', experiment, configuration: {}, dynamicConfiguration: [], secrets: {} },
    { strategies: { hypothesis: 'default', rollbacks: tweaks.rollbacks ?? 'always' }, hypothesisFrequency: 1, failFast: false, dry: tweaks.dry ?? null },
    {
      clock: systemClock,
      runProvider: tweaks.runProvider ?? runProviders({ python: 'python3' }),
      events: silentEvents,
      env: { PATH: process.env.PATH ?? '' },
      cwd: dir,
      interruption: tweaks.interruption ?? { signal: never, hardSignal: never },
      ledger,
      ledgerId: 'e',
    },
  );
}

function rollbacksOnly(dir: string, experiment: Record<string, unknown>, ledger: FileRollbackLedger) {
  return runRollbacksOnly(
    { file: 'e.json', experiment, configuration: {}, dynamicConfiguration: [], secrets: {} },
    {
      clock: systemClock,
      runProvider: runProviders({ python: 'python3' }),
      events: silentEvents,
      env: { PATH: process.env.PATH ?? '' },
      cwd: dir,
      interruption: { signal: never, hardSignal: never },
      ledger,
      ledgerId: 'e',
    },
  );
}

/** Appends a line to `file` each time it runs: how many times a rollback really ran. */
const counting = (name: string, file: string) => proc(name, `echo x >> ${file}`);
const count = (file: string): number => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe('the rollback ledger', () => {
  it('records the rollbacks as owed before the first fault, and settles them once they ran', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    const seen = path.join(dir, 'seen');
    await run(
      dir,
      { title: '${secret_title}', description: 'd', method: [proc('inject', `cat ${file} > ${seen}`)], rollbacks: [proc('revert', 'true')] },
      ledger,
    );
    const during = JSON.parse(readFileSync(seen, 'utf8')) as { status: string; title: string }[];
    expect(during).toEqual([expect.objectContaining({ id: 'e', status: 'owed', activity: 'inject', title: '${secret_title}' })]);
    expect(await owedRollbacks(file)).toEqual([]);
  });

  it('leaves the rollbacks owed when one of them failed, so the post step tries again', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    await run(
      dir,
      {
        title: 't',
        description: 'd',
        method: [proc('inject', 'true')],
        rollbacks: [{ type: 'action', name: 'revert', provider: { type: 'process', path: 'sh', arguments: ['-c', 'sleep 5'], timeout: 0.1 } }],
      },
      new FileRollbackLedger(file),
    );
    expect((await owedRollbacks(file)).map((e) => e.id)).toEqual(['e']);
  });

  it('leaves the rollbacks owed when one exited non-zero (succeeded for Chaos Toolkit, but it did not take effect)', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const out = await run(
      dir,
      { title: 't', description: 'd', method: [proc('inject', 'true')], rollbacks: [proc('undo-1', 'true'), proc('restore', 'cp missing-backup live')] },
      new FileRollbackLedger(file),
    );
    expect(out.journal.rollbacks.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await owedRollbacks(file)).toEqual([expect.objectContaining({ id: 'e', done: [0] })]);
  });

  it('plays only the rollbacks of an experiment for the post step, then settles it', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    await ledger.owe({ id: 'e', file: 'e.json', title: 't', activity: 'inject' });
    const marker = path.join(dir, 'reverted');
    const out = await runRollbacksOnly(
      {
        file: 'e.json',
        experiment: { title: 't', description: 'd', method: [proc('inject', 'exit 1')], rollbacks: [proc('revert', `touch ${marker}`)] },
        configuration: {},
        dynamicConfiguration: [],
        secrets: {},
      },
      {
        clock: systemClock,
        runProvider: runProviders({ python: 'python3' }),
        events: silentEvents,
        env: { PATH: process.env.PATH ?? '' },
        cwd: dir,
        interruption: { signal: never, hardSignal: never },
        ledger,
        ledgerId: 'e',
      },
    );
    expect(out.rollbacks.map((r) => r.status)).toEqual(['succeeded']);
    expect(readFileSync(marker, 'utf8')).toBe('');
    expect(await owedRollbacks(file)).toEqual([]);
  });

  it('records each rollback as it succeeds, and the post step plays only those not done', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    // The second rollback fails in the main step (it hangs past its timeout until `gate` exists).
    const gate = path.join(dir, 'gate');
    const undo2 = {
      ...proc('undo-2', `test -e ${gate} || sleep 5; echo x >> ${second}`),
      provider: { type: 'process', path: 'sh', arguments: ['-c', `test -e ${gate} || exec sleep 5; echo x >> ${second}`], timeout: 0.5 },
    };
    const experiment = { title: 't', description: 'd', method: [proc('inject', 'true')], rollbacks: [counting('undo-1', first), undo2] };
    const ledger = new FileRollbackLedger(file);
    await run(dir, experiment, ledger);
    expect(await owedRollbacks(file)).toEqual([expect.objectContaining({ id: 'e', done: [0] })]);
    expect([count(first), count(second)]).toEqual([1, 0]);

    writeFileSync(gate, '');
    const out = await rollbacksOnly(dir, experiment, await FileRollbackLedger.resume(file));
    expect(out.rollbacks.map((r) => r.activity.name)).toEqual(['undo-2']);
    expect([count(first), count(second)]).toEqual([1, 1]);
    expect(await owedRollbacks(file)).toEqual([]);
  });

  it('owes nothing for a dry run: no action runs, so nothing is injected', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    await ledger.init();
    const injected = path.join(dir, 'injected');
    await run(dir, { title: 't', description: 'd', method: [counting('inject', injected)], rollbacks: [proc('revert', 'exit 1')] }, ledger, { dry: 'actions' });
    expect(count(injected)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('stays owed when a rollback throws before it starts (an unexpected error), even if the others succeeded', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const real = runProviders({ python: 'python3' });
    const runProvider: ProviderRunner = async (provider, ctx) => {
      if (Array.isArray(provider.arguments) && String(provider.arguments[1]).includes('boom')) throw new Error('the provider crashed');
      return real(provider, ctx);
    };
    const out = await run(
      dir,
      { title: 't', description: 'd', method: [proc('inject', 'true')], rollbacks: [proc('undo-1', 'true'), proc('undo-2', 'echo boom')] },
      new FileRollbackLedger(file),
      { runProvider },
    );
    expect(out.errors).toEqual([expect.objectContaining({ phase: 'rollbacks', message: 'the provider crashed' })]);
    expect(await owedRollbacks(file)).toEqual([expect.objectContaining({ done: [0] })]);
  });

  it('stays owed when the run is interrupted under the default strategy (which skips rollbacks), but not under never', async () => {
    for (const [strategy, owed] of [
      ['default', 1],
      ['deviated', 1],
      ['never', 0],
    ] as const) {
      const dir = writeCorpus([]);
      const file = path.join(dir, 'ledger.json');
      const controller = new AbortController();
      const runProvider: ProviderRunner = async () => {
        controller.abort();
        throw new Error('interrupted');
      };
      const out = await run(
        dir,
        { title: 't', description: 'd', method: [proc('inject', 'true')], rollbacks: [proc('revert', 'true')] },
        new FileRollbackLedger(file),
        { rollbacks: strategy, runProvider, interruption: { signal: controller.signal, hardSignal: never } },
      );
      expect(out.journal.status).toBe('interrupted');
      expect(out.rollbacks).toBe('skipped');
      expect((await owedRollbacks(file)).length, strategy).toBe(owed);
    }
  });

  it('says a missing or corrupt ledger file cannot be read, instead of reporting nothing owed', async () => {
    const dir = writeCorpus([]);
    await expect(owedRollbacks(path.join(dir, 'gone.json'))).rejects.toThrow(LedgerUnreadable);
    await expect(owedRollbacks(path.join(dir, 'gone.json'))).rejects.toThrow(/is missing: the post step cannot tell which faults are still injected/);
    writeFileSync(path.join(dir, 'bad.json'), '{"half');
    await expect(owedRollbacks(path.join(dir, 'bad.json'))).rejects.toThrow(/is corrupt/);
  });
  it('keeps every entry when many experiments owe, record and settle at once (parallel runs share one ledger)', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    await ledger.init();
    const ids = Array.from({ length: 40 }, (_, i) => `${i}:e${i}.json`);
    await Promise.all(ids.map((id, i) => ledger.owe({ id, file: `e${i}.json`, title: `e${i}`, activity: 'fault' })));
    // Rollbacks of every experiment recorded at once, then half of them settled, all interleaved.
    await Promise.all(ids.flatMap((id) => [0, 1, 2].map((n) => ledger.rollbackDone(id, n))));
    await Promise.all(
      ids.map((id, i) => (i % 2 === 0 ? ledger.settle(id, 'rollbacks played') : ledger.owe({ id, file: `e${i}.json`, title: `e${i}`, activity: 'again' }))),
    );
    const written = JSON.parse(readFileSync(file, 'utf8')) as { id: string; status: string; done: number[]; activity: string }[];
    expect(written.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const [i, id] of ids.entries()) {
      const entry = written.find((e) => e.id === id);
      expect(entry?.done).toEqual([0, 1, 2]);
      expect(entry?.status).toBe(i % 2 === 0 ? 'settled' : 'owed');
      if (i % 2 === 1) expect(entry?.activity).toBe('again');
    }
    expect((await owedRollbacks(file)).length).toBe(20);
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
