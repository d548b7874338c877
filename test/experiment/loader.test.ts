// Loading: strict JSON with positions and kinds, and which files a path names.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverExperiments } from '../../src/experiment/discover.js';
import { parseJson } from '../../src/experiment/json-parser.js';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { writeCorpus } from '../support/corpus.js';
import { runPythonOracle } from '../support/oracle.js';

describe('JSON as Python reads it', () => {
  const DOCS = [
    '{"a": 1}',
    '{"a": 1.0}',
    '[1, 2.5e3, -0, true, null]',
    '{"a": NaN}',
    '{"a": Infinity, "b": -Infinity}',
    '{"a": 1, "a": 2}',
    '"\\u00e9\\n"',
    '{"a": 01}',
    "{'a': 1}",
    '{"a": [1,]}',
    '{"a": "tab\there"}',
    '{"a": 1} x',
    '',
    '  [ ]  ',
    '{"a": .5}',
    '{"a": 1e}',
    '{"\\ud83d\\ude00": "emoji"}',
  ];
  const PY = String.raw`
import json, sys, math
out = []
for d in json.load(sys.stdin):
    try:
        v = json.loads(d)
        out.append({"ok": True, "repr": json.dumps(v, allow_nan=True, sort_keys=True)})
    except ValueError as e:
        out.append({"ok": False})
json.dump(out, sys.stdout)
`;
  const expected = runPythonOracle<{ ok: boolean; repr?: string }[]>(PY, DOCS);
  it.each(DOCS.map((d, i) => [d, expected[i]]))('%j', (doc, want) => {
    let got: { ok: boolean; repr?: string };
    try {
      const v = parseJson(doc).value;
      const sorted = (x: unknown): unknown =>
        Array.isArray(x)
          ? x.map(sorted)
          : x && typeof x === 'object'
            ? Object.fromEntries(
                Object.keys(x)
                  .sort()
                  .map((k) => [k, sorted((x as Record<string, unknown>)[k])]),
              )
            : x;
      got = { ok: true, repr: JSON.stringify(sorted(v)) };
    } catch {
      got = { ok: false };
    }
    expect(got.ok).toBe(want?.ok);
    if (want?.ok && want.repr && !/NaN|Infinity|\.0\b|e\+|-0/.test(want.repr)) expect(JSON.parse(got.repr as string)).toEqual(JSON.parse(want.repr));
  });

  it('keeps the int/float distinction Python sees (200 versus 200.0)', () => {
    const { map } = parseJson('{"a": 200, "b": 200.0, "c": 2e2}');
    expect([map.kindOf('/a'), map.kindOf('/b'), map.kindOf('/c')]).toEqual(['int', 'float', 'float']);
  });

  it('positions values, keys and errors', () => {
    const { map } = parseJson('{\n  "method": [\n    {"name": "x"}\n  ]\n}');
    expect(map.locate('/method/0/name')).toEqual({ line: 3, column: 14 });
    expect(map.locate('/method/0/name', true)).toEqual({ line: 3, column: 6 });
    expect(map.locate('/method/0/missing')).toEqual({ line: 3, column: 5 });
    const r = parseExperimentText('x.json', 'json', '{\n  "a": 1,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ line: 3, column: 1, message: 'invalid JSON: unexpected "}": a trailing comma is not allowed in JSON' });
  });

  it('cannot be tricked into prototype pollution by a __proto__ key', () => {
    const v = parseJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('discovering experiments', () => {
  it('searches folders recursively in sorted order, skipping hidden folders and node_modules', async () => {
    const dir = writeCorpus([]);
    for (const sub of ['b', 'a', '.hidden', 'node_modules']) mkdirSync(path.join(dir, sub));
    for (const f of ['b/2.yaml', 'b/1.json', 'a/z.yml', 'top.json', 'notes.md', '.hidden/x.json', 'node_modules/y.json'])
      writeFileSync(path.join(dir, f), '{}');
    const found = await discoverExperiments([dir]);
    expect(found.files.map((f) => path.relative(dir, f))).toEqual(['a/z.yml', 'b/1.json', 'b/2.yaml', 'top.json']);
    expect(found.diagnostics).toEqual([]);
  });

  it('reports missing paths, empty folders and files that are not experiments', async () => {
    const dir = writeCorpus([{ name: 'notes.txt', content: 'x' }]);
    mkdirSync(path.join(dir, 'empty'));
    const found = await discoverExperiments([path.join(dir, 'nope'), path.join(dir, 'empty'), path.join(dir, 'notes.txt')]);
    expect(found.diagnostics.map((d) => d.code)).toEqual(['discover-missing', 'discover-empty', 'load-extension']);
  });
});
