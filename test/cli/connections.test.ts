// Kept-alive connections through the bundled CLI: the probes of each run of the hypothesis share
// one, and none keeps the process alive once the run is over (the target keeps idle connections
// open for a minute; the test's timeout is the hang guard).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
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
    const result = await runCliAsync(['run', '--quiet', '--no-sampling', '--journal-dir', out, path.join(dir, 'kept.json')]);
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
});
