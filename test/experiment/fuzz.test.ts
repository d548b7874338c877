// Nothing a user writes may crash the loader or the validator: thousands of mutated experiments,
// each must come back as positioned diagnostics (or none), never as an exception.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import type { PythonLookup } from '../../src/python/signature.js';
import { pythonTargets, validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';
import { repoRoot } from '../support/oracle.js';
import { pick, prng } from '../support/prng.js';
import { CASES } from './validation-corpus.js';

const SEEDS = [
  ...CASES.filter((c) => c.expect === 'valid').map((c) => ({ name: c.name, text: c.content })),
  ...['exchange-file.yaml', 'exchange-file.json'].map((f) => ({ name: f, text: readFileSync(path.join(repoRoot, 'experiments', f), 'utf8') })),
];

const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  '',
  'x',
  '${x}',
  '$',
  [],
  [1, 2],
  {},
  { type: 'regex' },
  { ref: 'x' },
  { type: 'probe' },
  '(?P<',
  '$[',
  1e308,
];
const NOISE = ['{', '}', '[', ']', ':', ',', '"', "'", '#', '\t', '\n', '- ', '&a', '*a', '!!int', '<<:', '---', '\\', '\u0000', '\u00e9', '%', '|', '>'];

function mutateValue(value: unknown, random: () => number): unknown {
  if (random() < 0.15) return pick(random, VALUES);
  if (Array.isArray(value)) {
    const copy = value.map((v) => mutateValue(v, random));
    if (copy.length && random() < 0.2) copy.splice(Math.floor(random() * copy.length), 1);
    return copy;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = random();
      if (r < 0.08) continue; // drop the key
      out[r < 0.12 ? k + 'x' : k] = mutateValue(v, random);
    }
    return out;
  }
  return value;
}

function mutateText(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (t.length + 1));
    const r = random();
    if (r < 0.4) t = t.slice(0, at) + pick(random, NOISE) + t.slice(at);
    else if (r < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 8));
    else if (r < 0.85) t = t.slice(0, at);
    else {
      const lines = t.split('\n');
      const j = Math.floor(random() * lines.length);
      lines.splice(j, 0, lines[Math.floor(random() * lines.length)] ?? '');
      t = lines.join('\n');
    }
  }
  return t;
}

const python = new Map<string, PythonLookup>();
const ctx = { env: { PATH: process.env.PATH }, vars: emptyVars(), findExecutable: () => 'ok' as const, python };

function check(name: string, text: string): void {
  const format = name.endsWith('.json') ? 'json' : 'yaml';
  const loaded = parseExperimentText(name, format, text);
  const diagnostics = loaded.ok ? [...loaded.warnings, ...validateExperiment(loaded.doc, ctx).diagnostics] : loaded.diagnostics;
  if (loaded.ok) pythonTargets(loaded.doc.value);
  for (const d of diagnostics) {
    expect(d.file).toBe(name);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message).not.toMatch(/\[object Object\]|\bundefined\b(?! alias)/);
  }
}

describe('fuzzing the loader and the validator', () => {
  it('never throws on 2,000 text mutations, and positions every problem', () => {
    const random = prng(20261122);
    for (let i = 0; i < 2000; i++) {
      const seed = pick(random, SEEDS);
      check(seed.name, mutateText(seed.text, random));
    }
  });

  it('never throws on 2,000 structural mutations, and positions every problem', () => {
    const random = prng(7);
    for (let i = 0; i < 2000; i++) {
      const seed = pick(random, SEEDS);
      const loaded = parseExperimentText(seed.name, seed.name.endsWith('.json') ? 'json' : 'yaml', seed.text);
      if (!loaded.ok) throw new Error(`seed ${seed.name} does not load`);
      check(`mutant-${i}.json`, JSON.stringify(mutateValue(loaded.doc.value, random), null, 1));
    }
  });
});
