// The published JSON Schema (schema/experiment.schema.json), compiled with ajv, its errors turned
// into problems a user can act on: which activity, what is wrong, what would be right.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describePointer } from './describe.js';
import type { Problem } from './diagnostics.js';
import { pythonTypeName } from '../python/values.js';
import { joinPointer } from './source-map.js';
// Compiled ahead of time from schema/experiment.schema.json (scripts/generate-schema-validator.mjs).
import { validate as generated } from './generated/experiment-schema.js';

const validate = generated as ValidateFunction;

export function checkSchema(document: unknown): Problem[] {
  if (validate(document)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // A failed oneOf also reports why each branch failed (through $refs, so not under its schema
  // path); its own message, with the hint, says it better than the branches at the same value.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf' || !alternatives.has(e.instancePath));
  const problems = kept.map((e) => toProblem(e, document));
  return dedupe(problems);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hintOf(schemaNode: unknown): string | undefined {
  const hint = (schemaNode as Record<string, unknown> | undefined)?.['x-hint'];
  return typeof hint === 'string' ? hint : undefined;
}

function withHint(problem: Omit<Problem, 'hint'>, hint: string | undefined): Problem {
  return hint ? { ...problem, hint } : problem;
}

function toProblem(e: ErrorObject, root: unknown): Problem {
  const where = describePointer(e.instancePath, root);
  const hint = hintOf(e.parentSchema);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const prop = String(params.missingProperty);
      const propSchema = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[prop];
      return withHint({ severity: 'error', code: 'schema-required', pointer: e.instancePath, message: `${where} has no "${prop}"` }, hintOf(propSchema));
    }
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const suggestion = closest(prop, known);
      return withHint(
        {
          severity: 'warning',
          code: 'unknown-key',
          pointer: joinPointer(e.instancePath, prop),
          atKey: true,
          message: `unknown key "${prop}" in ${where}; it is ignored`,
        },
        suggestion ? `did you mean "${suggestion}"?` : undefined,
      );
    }
    case 'type':
      return withHint(
        {
          severity: 'error',
          code: 'schema-type',
          pointer: e.instancePath,
          message: `${where} must be ${typeWords(String(params.type))}, not ${pythonTypeName(e.data)}`,
        },
        hint,
      );
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      const suggestion = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
      return withHint(
        {
          severity: 'error',
          code: 'schema-enum',
          pointer: e.instancePath,
          message: `${where} is ${JSON.stringify(e.data)}; expected ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        },
        suggestion ? `did you mean "${suggestion}"?` : hint,
      );
    }
    case 'minLength':
      return withHint({ severity: 'error', code: 'schema-empty', pointer: e.instancePath, message: `${where} must not be empty` }, hint);
    case 'minItems':
    case 'maxItems':
      return withHint(
        {
          severity: 'error',
          code: 'schema-items',
          pointer: e.instancePath,
          message: `${where} must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items`,
        },
        hint,
      );
    case 'oneOf':
    case 'anyOf':
      return withHint(
        { severity: 'error', code: 'schema-shape', pointer: e.instancePath, message: `${where} has the wrong form (${JSON.stringify(e.data)})` },
        hint,
      );
    default:
      return withHint({ severity: 'error', code: `schema-${e.keyword}`, pointer: e.instancePath, message: `${where} ${e.message ?? 'is invalid'}` }, hint);
  }
}

function typeWords(types: string): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'a boolean',
    null: 'null',
  };
  const list = types.split(',').map((t) => words[t] ?? t);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : (list[0] ?? types);
}

/** The candidate within edit distance 2 of `word`, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}
