// Kept-alive connections through the bundled CLI: the probes of each run of the hypothesis share
// one, and none keeps the process alive once the run is over (the target keeps idle connections
// open for a minute; the test's timeout is the hang guard). Without an RTO objective a run sends
// the requests Chaos Toolkit's `chaos run` sends, no more: the check after the method stands for
// the recovery sample that would be taken beside it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliUnderTest } from '../support/cli-under-test.js';
import { writeCorpus } from '../support/corpus.js';
import { oracleChaos } from '../support/oracle.js';
import { type HttpTarget, startHttpTarget } from '../support/http-target.js';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

const probe = (i: number) => ({ type: 'probe', name: `p${i}`, tolerance: 200, provider: { type: 'http', url: `\${base}/echo/p${i}`, timeout: 5 } });

describe('connections of a run', () => {
  it('are shared by the probes of each run of the hypothesis, and the process exits once it is over', { timeout: 30_000 }, async () => {
    const dir = writeCorpus([
      {
        name: 'kept.json',
        content: JSON.stringify({
          title: 'kept',
          description: 'd',
          configuration: { base: target.origin },
          'steady-state-hypothesis': { title: 'h', probes: [probe(0), probe(1), probe(2), probe(3)] },
          method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const result = await runCliUnderTest(['run', '--quiet', '--no-sampling', '--journal-dir', out, path.join(dir, 'kept.json')]);
    expect(result.code).toBe(0);
    const journal = JSON.parse(readFileSync(path.join(out, 'kept.journal.json'), 'utf8'));
    expect(journal.status).toBe('completed');
    const connections = target.requests.map((r) => r.connection);
    expect(connections).toHaveLength(8);
    // The check before on one connection, the check after on another.
    expect(new Set(connections.slice(0, 4)).size).toBe(1);
    expect(new Set(connections.slice(4)).size).toBe(1);
    expect(connections[0]).not.toBe(connections[4]);
    await target.idle();
  });

  it('sends the requests chaos run sends when sampling is on and no RTO objective is set: the check after the method is the last sample', {
    timeout: 60_000,
  }, async () => {
    const experiment = {
      title: 'same requests',
      description: 'd',
      configuration: { base: target.origin },
      'steady-state-hypothesis': { title: 'h', probes: [probe(0), probe(1), probe(2)] },
      method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
    };
    const dir = writeCorpus([{ name: 'same.json', content: JSON.stringify(experiment) }]);
    const already = target.requests.length;
    const count = () => target.requests.slice(already).filter((r) => r.target.startsWith('/echo/p')).length;
    const args = ['--no-version-check', '--no-log-file', 'run', '--journal-path', path.join(dir, 'ctk.json'), path.join(dir, 'same.json')];
    // Asynchronously: the target lives in this process and must keep answering meanwhile.
    expect(await new Promise((resolve) => spawn(oracleChaos, args, { stdio: 'ignore' }).on('exit', resolve))).toBe(0);
    const ctk = count();
    expect(ctk).toBe(6);
    const out = path.join(dir, 'out');
    const result = await runCliUnderTest(['run', '--quiet', '--journal-dir', out, path.join(dir, 'same.json')]);
    expect(result.code).toBe(0);
    expect(count() - ctk).toBe(ctk);
    const journal = JSON.parse(readFileSync(path.join(out, 'same.journal.json'), 'utf8'));
    // Still measured: no impact, from the check after the method, with no sample request of its own.
    expect(journal['chaos-action'].recovery).toMatchObject({ state: 'no-impact', ended: 'method-ended', sampleRequests: 0 });
    await target.idle();
  });
});
