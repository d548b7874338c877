// The rollback ledger: owed before any fault, settled only when every rollback ran.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { FileRollbackLedger, owedRollbacks } from '../../src/engine/rollback-ledger.js';
import { runExperiment, runRollbacksOnly } from '../../src/engine/runner.js';
import { providerRegistry } from '../../src/providers/registry.js';
import { writeCorpus } from '../support/corpus.js';

const never = new AbortController().signal;
const proc = (name: string, script: string) => ({ type: 'action', name, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });

async function run(dir: string, experiment: Record<string, unknown>, ledger: FileRollbackLedger) {
  return runExperiment(
    { file: 'e.json', experiment, configuration: {}, dynamicConfiguration: [], secrets: {} },
    { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: null },
    { clock: systemClock, runProvider: providerRegistry({ python: 'python3' }), events: silentEvents, env: { PATH: process.env.PATH ?? '' }, cwd: dir, interruption: { signal: never, hardSignal: never }, ledger, ledgerId: 'e' },
  );
}

describe('the rollback ledger', () => {
  it('records the rollbacks as owed before the first fault, and settles them once they ran', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    const seen = path.join(dir, 'seen');
    await run(dir, { title: '${secret_title}', description: 'd', method: [proc('inject', `cat ${file} > ${seen}`)], rollbacks: [proc('revert', 'true')] }, ledger);
    const during = JSON.parse(readFileSync(seen, 'utf8')) as { status: string; title: string }[];
    expect(during).toEqual([expect.objectContaining({ id: 'e', status: 'owed', activity: 'inject', title: '${secret_title}' })]);
    expect(await owedRollbacks(file)).toEqual([]);
  });

  it('leaves the rollbacks owed when one of them failed, so the post step tries again', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    await run(dir, { title: 't', description: 'd', method: [proc('inject', 'true')], rollbacks: [{ type: 'action', name: 'revert', provider: { type: 'process', path: 'sh', arguments: ['-c', 'sleep 5'], timeout: 0.1 } }] }, new FileRollbackLedger(file));
    expect((await owedRollbacks(file)).map((e) => e.id)).toEqual(['e']);
  });

  it('plays only the rollbacks of an experiment for the post step, then settles it', async () => {
    const dir = writeCorpus([]);
    const file = path.join(dir, 'ledger.json');
    const ledger = new FileRollbackLedger(file);
    await ledger.owe({ id: 'e', file: 'e.json', title: 't', activity: 'inject' });
    const marker = path.join(dir, 'reverted');
    const out = await runRollbacksOnly(
      { file: 'e.json', experiment: { title: 't', description: 'd', method: [proc('inject', 'exit 1')], rollbacks: [proc('revert', `touch ${marker}`)] }, configuration: {}, dynamicConfiguration: [], secrets: {} },
      { clock: systemClock, runProvider: providerRegistry({ python: 'python3' }), events: silentEvents, env: { PATH: process.env.PATH ?? '' }, cwd: dir, interruption: { signal: never, hardSignal: never }, ledger, ledgerId: 'e' },
    );
    expect(out.rollbacks.map((r) => r.status)).toEqual(['succeeded']);
    expect(readFileSync(marker, 'utf8')).toBe('');
    expect(await owedRollbacks(file)).toEqual([]);
  });
});
