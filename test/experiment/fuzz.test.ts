// Nothing a user writes may crash the loader or the validator: thousands of mutated experiments,
// each must come back as positioned diagnostics (or none), never as an exception.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlSupport, parseExperimentText } from '../../src/experiment/loader.js';
import type { PythonLookup } from '../../src/python/signature.js';
import { pythonTargets, validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';
import { repoRoot } from '../support/oracle.js';
import { mutateText, mutateValue } from '../support/mutate.js';
import { pick, prng } from '../support/prng.js';
import { CASES } from './validation-corpus.js';

// parseExperimentText parses YAML once the loader is loaded (the async readers load it themselves).
await loadYamlSupport();

const SEEDS = [
  ...CASES.filter((c) => c.expect === 'valid').map((c) => ({ name: c.name, text: c.content })),
  ...['exchange-file.yaml', 'exchange-file.json'].map((f) => ({ name: f, text: readFileSync(path.join(repoRoot, 'experiments', f), 'utf8') })),
];

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
