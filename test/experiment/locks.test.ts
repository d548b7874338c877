// Locks and exclusive in the chaos-action extension: read, and checked with positions.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { declaredLocks } from '../../src/experiment/locks.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';

const experiment = (ext: Record<string, unknown>) => ({ title: 't', description: 'd', method: [], extensions: [{ name: 'chaos-action', ...ext }] });

function diagnostics(doc: Record<string, unknown>) {
  const loaded = parseExperimentText('x.json', 'json', JSON.stringify(doc, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
}

describe('locks and exclusive in the chaos-action extension', () => {
  it('reads the locks (trimmed, once each) and exclusive, and they are known keys', () => {
    const doc = experiment({ locks: ['rds:orders', ' aws:ec2:instance:i-1 ', 'rds:orders'], exclusive: true });
    expect(declaredLocks(doc)).toEqual({ value: { locks: ['rds:orders', 'aws:ec2:instance:i-1'], exclusive: true }, problems: [] });
    expect(diagnostics(doc)).toEqual([]);
  });

  it('has none without an extension', () => {
    expect(declaredLocks({ title: 't', description: 'd', method: [] }).value).toEqual({ locks: [], exclusive: false });
  });

  it('points at locks that are not a list, a lock that is not a name, and an exclusive that is not true or false', () => {
    const d = diagnostics(experiment({ locks: ['ok', '', 3], exclusive: 'yes' }));
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([
      ['error', 'extension-locks', '/extensions/0/locks/1'],
      ['error', 'extension-locks', '/extensions/0/locks/2'],
      ['error', 'extension-exclusive', '/extensions/0/exclusive'],
    ]);
    expect(d.every((x) => x.line > 1 && x.column > 1)).toBe(true);
    expect(d[2]?.message).toBe('exclusive is "yes": expected true or false');
    const notList = diagnostics(experiment({ locks: 'rds:orders' }));
    expect(notList.map((x) => [x.code, x.pointer, x.message])).toEqual([
      ['extension-locks', '/extensions/0/locks', 'locks is "rds:orders": expected a list of lock names'],
    ]);
  });
});
