// Configuration, secrets and variables resolved as chaoslib resolves them.
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from '../../src/experiment/configuration.js';
import { convertToType } from '../../src/experiment/convert.js';
import { Redactor } from '../../src/experiment/redaction.js';
import { loadSecrets } from '../../src/experiment/secrets.js';
import { mergeVars, parseDotEnv, parseVarOption } from '../../src/experiment/vars.js';
import { runPythonOracle } from '../support/oracle.js';

const CONVERSIONS: [string, string][] = [
  ['int', '42'],
  ['int', ' 7 '],
  ['int', '1_000'],
  ['int', '-3'],
  ['int', '1.5'],
  ['int', 'abc'],
  ['integer', '+9'],
  ['float', '1.5'],
  ['float', '1e3'],
  ['float', 'inf'],
  ['float', '-Infinity'],
  ['float', ' 2 '],
  ['float', 'x'],
  ['number', '.5'],
  ['bool', 'false'],
  ['bool', 'FALSE'],
  ['bool', '0'],
  ['bool', 'no'],
  ['bool', 'yes'],
  ['bool', ''],
  ['bool', 'off'],
  ['json', '{"a": [1, true]}'],
  ['json', '3'],
  ['json', ''],
  ['json', '{bad'],
  ['str', 'x'],
  ['string', '1'],
  ['bytes', 'abc'],
  ['weird', '1'],
];

describe('env_var_type and --var key:type conversions match chaoslib.convert_to_type', () => {
  const PY = String.raw`
import json, sys, math
from chaoslib import convert_to_type
out = []
for t, v in json.load(sys.stdin):
    try:
        r = convert_to_type(t, v)
        if isinstance(r, bytes): r = r.decode()
        if isinstance(r, float) and math.isinf(r): r = "inf" if r > 0 else "-inf"
        out.append({"ok": r})
    except Exception as e:
        out.append({"error": type(e).__name__})
json.dump(out, sys.stdout)
`;
  const expected = runPythonOracle<({ ok: unknown } | { error: string })[]>(PY, CONVERSIONS);
  it.each(CONVERSIONS.map((c, i) => [`${c[0]} ${JSON.stringify(c[1])}`, c, expected[i]]))('%s', (_label, [type, value], want) => {
    let got: unknown;
    try {
      const r = convertToType(type, value);
      got = { ok: r === Infinity ? 'inf' : r === -Infinity ? '-inf' : r };
    } catch {
      got = { error: true };
    }
    if (want && 'error' in want) expect(got).toEqual({ error: true });
    else expect(got).toEqual(want);
  });
});

describe('configuration', () => {
  it('reads env values as strings unless env_var_type says otherwise, with defaults', () => {
    const r = loadConfiguration(
      { a: { type: 'env', key: 'A' }, n: { type: 'env', key: 'N', env_var_type: 'int' }, d: { type: 'env', key: 'MISSING', default: null }, lit: [1] },
      {},
      { A: 'x', N: '5' },
    );
    expect(r.values).toEqual({ a: 'x', n: 5, d: null, lit: [1] });
    expect(r.problems).toEqual([]);
  });

  it('is an error when an env key is unset and has no default, naming the variable', () => {
    const r = loadConfiguration({ url: { type: 'env', key: 'URL' } }, {}, {});
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      pointer: '/configuration/url/key',
      message: 'environment variable URL is not set (configuration key url)',
    });
  });

  it('lets --var override a declared key (even an env one) and warns about undeclared ones', () => {
    const r = loadConfiguration({ url: { type: 'env', key: 'URL' } }, { url: 'http://127.0.0.1', other: 1 }, {});
    expect(r.values).toEqual({ url: 'http://127.0.0.1' });
    expect(r.problems.map((p) => `${p.severity}:${p.code}`)).toEqual(['warning:var-undeclared']);
  });

  it('lists dynamic probe entries for the engine', () => {
    const r = loadConfiguration({ token: { type: 'probe', name: 'get', provider: { type: 'process', path: 'echo' } } }, {}, {});
    expect(r.dynamic).toEqual(['token']);
  });
});

describe('secrets', () => {
  it('loads literal, env and nested values and collects every value for redaction', () => {
    const r = loadSecrets({ db: { password: 'hunter22', token: { type: 'env', key: 'TOK' } } }, {}, { TOK: 'abc123' });
    expect(r.values).toEqual({ db: { password: 'hunter22', token: 'abc123' } });
    expect(r.secretValues).toEqual(['hunter22', 'abc123']);
  });

  it('is an error when an env secret is unset (secrets have no default)', () => {
    expect(loadSecrets({ db: { p: { type: 'env', key: 'NOPE' } } }, {}, {}).problems[0]?.code).toBe('secret-env-missing');
  });

  it('says vault is not supported yet, and how to get the value in', () => {
    const p = loadSecrets({ db: { p: { type: 'vault', path: 'secret/db' } } }, {}, {}).problems[0];
    expect(p?.code).toBe('secret-vault-unsupported');
    expect(p?.hint).toContain('{type: env');
  });
});

describe('variables', () => {
  it('parses --var key[:type]=value', () => {
    expect(parseVarOption('port:int=8080')).toEqual(['port', 8080]);
    expect(parseVarOption('url=http://x/?a=b')).toEqual(['url', 'http://x/?a=b']);
    expect(() => parseVarOption('novalue')).toThrow(/key\[:type\]=value/);
  });

  it('reads .env lines without removing quotes, as chaoslib does', () => {
    expect(parseDotEnv('# c\nA=1\n\nB="two"\nC=x=y\n')).toEqual({ A: '1', B: '"two"', C: 'x=y' });
  });

  it('lets later var files win and --var win over all files', () => {
    const merged = mergeVars(
      [
        { configuration: { a: 1, b: 1 }, secrets: {}, env: {} },
        { configuration: { b: 2 }, secrets: {}, env: { E: 'x' } },
      ],
      [['a', 9]],
    );
    expect(merged.configuration).toEqual({ a: 9, b: 2 });
    expect(merged.env).toEqual({ E: 'x' });
  });
});

describe('redaction', () => {
  it('replaces secret values in text, JSON escapes, URLs and keys', () => {
    const r = new Redactor();
    r.add('s3cr3t "pw"');
    r.add({ nested: ['tok-123'] });
    expect(r.redact('a s3cr3t "pw" b')).toBe('a *** b');
    expect(r.redactValue({ 'tok-123': JSON.stringify({ p: 's3cr3t "pw"' }) })).toEqual({ '***': '{"p":"***"}' });
    expect(r.redact(`?q=${encodeURIComponent('s3cr3t "pw"')}`)).toBe('?q=***');
  });

  it('ignores values too short to redact safely', () => {
    const r = new Redactor();
    r.add('ab');
    expect(r.redact('about')).toBe('about');
  });
});
