// Every tolerance kind judged exactly as chaoslib's within_tolerance judges it: the same
// (tolerance, value) pairs through the real chaoslib and through ours.
import { describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { ToleranceError, withinTolerance } from '../../src/engine/tolerance.js';
import { pythonTruthy } from '../../src/python/values.js';
import { runPythonOracle } from '../support/oracle.js';

const http = (status: number, body: unknown, headers: Record<string, string> = { 'Content-Type': 'text/plain' }) => ({ status, headers, body });
const proc = (status: number, stdout: string, stderr = '') => ({ status, stdout, stderr });

const CASES: [unknown, unknown][] = [
  // booleans and Python equality
  [true, true],
  [true, 1],
  [false, 0],
  [true, 'true'],
  [true, http(200, 'ok')],
  [false, null],
  // integers: status of http/process results, else equality
  [200, http(200, 'ok')],
  [200, http(500, 'ok')],
  [0, proc(0, '')],
  [1, proc(1, '')],
  [200, 200.0],
  [1, true],
  [200, '200'],
  [5, { count: 5 }],
  // strings (substituted)
  ['ok', 'ok'],
  ['ok', 'OK'],
  ['${expected}', 'hello'],
  ['ok', http(200, 'ok')],
  ['${code}', http(200, 'ok')],
  ['${codes}', http(503, '')],
  // lists: membership on status, two elements as a range, else membership
  [[200, 503], http(503, '')],
  [[200, 299], http(250, '')],
  [[200, 201, 204], http(204, '')],
  [[1, 5], 3],
  [[1, 5], 7],
  [[1, 5], 5.0],
  [['a', 'c'], 'b'],
  [['ok', 'fine'], 'ok'],
  [['x', 'y', 'z'], 'y'],
  [[], 'y'],
  [[0, 1], true],
  [
    [
      [1, 2],
      [3, 4],
    ],
    [2, 0],
  ],
  // regex (Python re)
  [{ type: 'regex', pattern: '^ok$', target: 'body' }, http(200, 'ok')],
  [{ type: 'regex', pattern: '3\\.11\\.4$' }, 'Python 3.11.4\n'],
  [{ type: 'regex', pattern: '(?P<v>\\d+)' }, 'abc'],
  [{ type: 'regex', pattern: '(?i)READY', target: 'stdout' }, proc(0, 'ready\n')],
  [{ type: 'regex', pattern: '${word}', target: 'stdout' }, proc(0, 'say hello')],
  // jsonpath (jsonpath2): target, string re-parsing, count, expect
  [
    { type: 'jsonpath', path: '$.items.*[?(@.ready = true)]', target: 'body', count: 2 },
    http(200, { items: [{ ready: true }, { ready: true }, { ready: false }] }),
  ],
  [{ type: 'jsonpath', path: '$.items[?(@.ready = true)]', target: 'body' }, http(200, { items: [{ ready: true }] })],
  [{ type: 'jsonpath', path: '$.status', target: 'body', expect: 'up' }, http(200, '{"status": "up"}')],
  [{ type: 'jsonpath', path: '$.v', expect: 1 }, { v: [1, 2] }],
  [{ type: 'jsonpath', path: '$.a[*]', expect: [1, 2] }, { a: [1, 2] }],
  [{ type: 'jsonpath', path: '$.a[*]', expect: [] }, { a: [] }],
  [{ type: 'jsonpath', path: '$.status' }, http(200, 'ok')],
  [{ type: 'jsonpath', path: '$.x', count: 0 }, { y: 1 }],
  [{ type: 'jsonpath', path: '$.${key}', expect: 3 }, { n: 3 }],
  // range: exact Decimal, numeric strings, bools, targets
  [{ type: 'range', range: [0, 0.5], target: 'body' }, http(200, '0.25')],
  [{ type: 'range', range: [0.1, 1] }, '0.1'],
  [{ type: 'range', range: [0.1, 1] }, 0.1],
  [{ type: 'range', range: [0, 0.3] }, '0.3'],
  [{ type: 'range', range: [1, 10] }, ' 5 '],
  [{ type: 'range', range: [0, 2000] }, '1e3'],
  [{ type: 'range', range: [0, 1] }, true],
  [{ type: 'range', range: [0, 1] }, 'abc'],
  [{ type: 'range', range: [10, 20], target: 'stdout' }, proc(0, '15\n')],
  [{ type: 'range', range: [-1, 1] }, '-0'],
  [{ type: 'range', range: [1, 2] }, 1.0000000000000002],
  [{ type: 'range', range: [0, 100] }, 'Infinity'],
  [{ type: 'range', range: [0, 1e308] }, '1e999999999'],
  [{ type: 'range', range: [-1, 1] }, '-1e-999999'],
  [{ type: 'range', range: [1e-300, 1] }, '1e-999999'],
];

// Cases where chaoslib raises (crashing the run); we raise ToleranceError (the experiment aborts).
const RAISES: [unknown, unknown][] = [
  [{ type: 'regex', pattern: 'ok' }, http(200, 'ok')],
  [{ type: 'regex', pattern: 'ok', target: 'body' }, http(200, { a: 1 })],
  [[1, 5], null],
  [[1, 5], '3'],
  [{ type: 'range', range: [0, 1] }, http(200, '0')],
  [{ type: 'range', range: [0, 1] }, null],
  [{ type: 'range', range: [0, 1] }, 'NaN'],
  [{ type: 'regex', pattern: 'x', target: 'body' }, 'not a mapping'],
  [{ type: 'regex', pattern: 'x', target: 'missing' }, 'xx'],
];

const PY = String.raw`
import json, logging, sys
logging.disable(logging.CRITICAL)
from chaoslib import substitute
from chaoslib.hypothesis import within_tolerance
data = json.load(sys.stdin)
out = []
for tolerance, value in data["cases"]:
    # run_steady_state_hypothesis substitutes string tolerances before judging
    if isinstance(tolerance, str):
        tolerance = substitute(tolerance, data["configuration"], {})
    try:
        out.append({"met": bool(within_tolerance(tolerance, value, configuration=data["configuration"], secrets={}))})
    except Exception as e:
        out.append({"raises": type(e).__name__})
json.dump(out, sys.stdout)
`;

const configuration = { expected: 'hello', word: 'hel+o', key: 'n', code: 200, codes: [200, 503] };
const scope = substitutionScope(configuration, {});
const ctx = { scope, runProvider: async () => true };

describe('tolerances agree with chaoslib.within_tolerance', () => {
  const expected = runPythonOracle<({ met: boolean } | { raises: string })[]>(PY, { cases: [...CASES, ...RAISES], configuration });

  it.each(CASES.map((c, i) => [`${JSON.stringify(c[0])} on ${JSON.stringify(c[1])}`, c, expected[i]]))('%s', async (_label, [tolerance, value], want) => {
    expect(want).toHaveProperty('met');
    expect(await withinTolerance(tolerance, value, ctx)).toBe((want as { met: boolean }).met);
  });

  it.each(RAISES.map((c, i) => [`${JSON.stringify(c[0])} on ${JSON.stringify(c[1])}`, c, expected[CASES.length + i]]))(
    '%s raises in both',
    async (_label, [tolerance, value], want) => {
      expect(want).toHaveProperty('raises');
      await expect(withinTolerance(tolerance, value, ctx)).rejects.toBeInstanceOf(ToleranceError);
    },
  );
});

describe('probe tolerances', () => {
  it('pass the probed value as the "value" argument and judge the result by Python truthiness', async () => {
    const seen: unknown[] = [];
    const met = await withinTolerance({ type: 'probe', name: 'judge', provider: { type: 'python', module: 'm', func: 'f', arguments: { limit: 3 } } }, 2, {
      scope,
      runProvider: async (activity) => {
        seen.push((activity.provider as { arguments: unknown }).arguments);
        return [];
      },
    });
    expect(seen).toEqual([{ limit: 3, value: 2 }]);
    expect(met).toBe(false);
    expect([pythonTruthy({}), pythonTruthy({ a: 1 }), pythonTruthy('0'), pythonTruthy(0)]).toEqual([false, true, true, false]);
  });
});
