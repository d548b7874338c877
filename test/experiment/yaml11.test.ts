// YAML must mean what PyYAML's safe_load (YAML 1.1) means: compared scalar by scalar with the real
// PyYAML from the oracle virtualenv.
import { describe, expect, it } from 'vitest';
import { loadYamlSupport, parseExperimentText } from '../../src/experiment/loader.js';
import { parseYaml } from '../../src/experiment/yaml-loader.js';
import { runPythonOracle } from '../support/oracle.js';

// parseExperimentText parses YAML once the loader is loaded (the async readers load it themselves).
await loadYamlSupport();

const SCALARS = [
  // booleans, YAML 1.1 style
  'yes',
  'Yes',
  'YES',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'true',
  'True',
  'TRUE',
  'false',
  'y',
  'n',
  'Y',
  'N',
  'yEs',
  // null
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  '',
  // integers
  '0',
  '7',
  '-7',
  '+7',
  '0777',
  '0o777',
  '08',
  '0x1F',
  '0X1F',
  '0b101',
  '-0b101',
  '1_000',
  '1__0',
  '0_7',
  '1:30',
  '-1:30:59',
  '190:20:30',
  '1:60',
  '00',
  '-0',
  // floats
  '1.0',
  '1.',
  '.5',
  '-1.5',
  '+1.5',
  '1e3',
  '1.0e3',
  '1.0e+3',
  '1.5E-2',
  '6.8523015e+5',
  '1_000.5',
  '.inf',
  '-.inf',
  '+.Inf',
  '.NaN',
  '.nan',
  '1:30.5',
  '0.1',
  // timestamps
  '2024-01-01',
  '2024-1-1',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-15T02:59:43.1Z',
  '2002-12-14',
  '2001-12-14 21:59:43',
  // strings
  'hello',
  '=',
  '"quoted yes"',
  "'on'",
  '!!str 12',
  '!!int "12"',
  '!!float "1"',
  '!!bool "yes"',
  '0x',
  '1e',
  '1.2.3',
  '12:00 AM',
  '- not a list',
  'a: b: c'.slice(0, 1),
];

interface Typed {
  type: string;
  repr: string;
}

const PY = String.raw`
import json, sys, yaml, math

out = []
for s in json.load(sys.stdin):
    try:
        v = yaml.safe_load("v: " + s)["v"]
    except Exception as e:
        out.append({"type": "error", "repr": type(e).__name__}); continue
    t = type(v).__name__
    if t == "float":
        r = "nan" if math.isnan(v) else repr(v)
    elif t in ("date", "datetime"):
        r = v.isoformat(); t = "timestamp"
    elif t == "NoneType":
        r = "None"
    else:
        r = repr(v) if t != "str" else v
    out.append({"type": t, "repr": r})
json.dump(out, sys.stdout)
`;

function ours(scalar: string): Typed {
  try {
    const parsed = parseYaml(`v: ${scalar}`);
    const value = (parsed.value as Record<string, unknown>).v;
    const kind = parsed.map.kindOf('/v');
    switch (kind) {
      case 'int':
        return { type: 'int', repr: String(value) };
      case 'float': {
        const n = value as number;
        return {
          type: 'float',
          repr: Number.isNaN(n)
            ? 'nan'
            : n === Infinity
              ? 'inf'
              : n === -Infinity
                ? '-inf'
                : Number.isInteger(n)
                  ? `${n}.0`
                  : String(n).replace(/e([-+])(\d)$/, 'e$10$2'),
        };
      }
      case 'bool':
        return { type: 'bool', repr: value ? 'True' : 'False' };
      case 'null':
        return { type: 'NoneType', repr: 'None' };
      case 'timestamp':
        return { type: 'timestamp', repr: String(value) };
      default:
        return { type: 'str', repr: String(value) };
    }
  } catch (e) {
    return { type: 'error', repr: (e as Error).constructor.name };
  }
}

describe('YAML 1.1 scalars mean what PyYAML safe_load means', () => {
  const expected = runPythonOracle<Typed[]>(PY, SCALARS);
  it.each(SCALARS.map((s, i) => [s, expected[i] as Typed]))('%j', (scalar, want) => {
    const got = ours(scalar);
    if (want.type === 'error') expect(got.type).toBe('error');
    else expect(got).toEqual(want);
  });
});

describe('YAML documents', () => {
  it('keeps line and column of every value', () => {
    const parsed = parseYaml('title: t\nmethod:\n  - type: action\n    name: a\n');
    expect(parsed.map.locate('/method/0/name')).toEqual({ line: 4, column: 11 });
    expect(parsed.map.locate('/method/0/name', true)).toEqual({ line: 4, column: 5 });
  });

  it('merges << keys with the earliest merged mapping winning and own keys overriding', () => {
    const parsed = parseYaml('a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n');
    expect((parsed.value as Record<string, unknown>).c).toEqual({ x: 1, y: 3, z: 2 });
  });

  it('turns a key like `on` into the boolean True, as PyYAML does', () => {
    expect(parseYaml('on: push').value).toEqual({ True: 'push' });
  });

  it('rejects a second document with its position', () => {
    const r = parseExperimentText('two.yaml', 'yaml', 'title: a\n---\ntitle: b\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ line: 2, message: expect.stringContaining('single document') });
  });

  it('refuses unknown tags instead of running anything', () => {
    const r = parseExperimentText('tag.yaml', 'yaml', 'title: !!python/object:os.system ls\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('could not determine a constructor');
  });

  it('stops an alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const r = parseExperimentText('bomb.yaml', 'yaml', lines.join('\n'));
    expect(r.ok).toBe(false);
  });

  it('warns about a duplicate key and keeps the last value', () => {
    const r = parseExperimentText('dup.yaml', 'yaml', 'title: a\ntitle: b\n');
    expect(r.ok && (r.doc.value as Record<string, unknown>).title).toBe('b');
    expect(r.ok && r.warnings[0]).toMatchObject({ code: 'duplicate-key', line: 2, column: 1 });
  });

  it('points a syntax error at its line', () => {
    const r = parseExperimentText('bad.yaml', 'yaml', 'title: t\nmethod:\n  - a\n - b\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ file: 'bad.yaml', line: 4, code: 'syntax-yaml' });
  });
});
