// Guardrails of mutating AWS calls: which accounts, which tagged resources, how many at once.
// The run sets them (CLI flags, action inputs); an experiment's chaos-action extension may only
// tighten them:
//   extensions: [{name: chaos-action, guardrails: {allowed-account-ids: ["111122223333"],
//                 required-tags: {chaos: allowed}, max-targets: 2}}]
// This file parses and merges them (pure, positioned problems); src/aws/guardrails.ts enforces them.
import type { Problem } from './diagnostics.js';
import { findExtension } from './objectives.js';
import { defineKey, isMapping } from '../python/values.js';
import { joinPointer } from './source-map.js';

export interface Guardrails {
  /** Accounts where mutating calls may run; undefined: any account. */
  readonly allowedAccountIds?: readonly string[];
  /** Tags every resource a mutating call touches must carry (key: value). */
  readonly requiredTags?: Readonly<Record<string, string>>;
  /** Most resources one mutating call may touch; undefined: DEFAULT_MAX_TARGETS. */
  readonly maxTargets?: number;
}

/** One resource per call unless the run or the experiment says otherwise: a typo cannot stop a fleet. */
export const DEFAULT_MAX_TARGETS = 1;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ACCOUNT_ID = /^\d{12}$/;

/** "111122223333,444455556666" (commas, spaces or new lines between them). */
export function parseAccountIds(text: string): Parsed<string[]> {
  const ids = text.split(/[\s,]+/).filter(Boolean);
  if (ids.length === 0) return { ok: false, problem: 'no account id given: expected 12-digit AWS account ids separated by commas' };
  const bad = ids.filter((id) => !ACCOUNT_ID.test(id));
  if (bad.length)
    return {
      ok: false,
      problem: `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not an AWS account id' : 'are not AWS account ids'}: expected 12 digits, e.g. 111122223333`,
    };
  return { ok: true, value: [...new Set(ids)] };
}

/** "key=value,key2=value2" (commas or new lines between pairs; a value may be empty). */
export function parseRequiredTags(text: string): Parsed<Record<string, string>> {
  const pairs = text
    .split(/\r?\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (pairs.length === 0) return { ok: false, problem: 'no tag given: expected key=value pairs separated by commas, e.g. chaos=allowed,env=staging' };
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim();
    if (!key) return { ok: false, problem: `"${pair}" is not a tag: expected key=value, e.g. chaos=allowed` };
    const value = pair.slice(at + 1).trim();
    if (Object.hasOwn(tags, key) && tags[key] !== value)
      return { ok: false, problem: `tag "${key}" is required twice, with "${tags[key]}" and "${value}": a resource can carry only one value` };
    defineKey(tags, key, value);
  }
  return { ok: true, value: tags };
}

/** A whole number, 0 or more (0: no mutating call may run at all). */
export function parseMaxTargets(text: string): Parsed<number> {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n))
    return { ok: false, problem: `"${text}" is not a number of resources: expected a whole number, 0 or more (default ${DEFAULT_MAX_TARGETS})` };
  return { ok: true, value: n };
}

/** The names of the three guardrails, as flags, action inputs and extension keys. */
const GUARDRAIL_SETTINGS = ['allowed-account-ids', 'required-tags', 'max-targets'] as const;

const KEYS: readonly string[] = GUARDRAIL_SETTINGS;

/**
 * The guardrails that apply to one experiment: the run's, tightened by the experiment's extension.
 * Loosening (an account the run does not allow, a required tag with another value, more targets
 * than the run allows) is an error positioned on the offending value.
 */
export function experimentGuardrails(experiment: Record<string, unknown>, run: Guardrails = {}): { guardrails: Guardrails; problems: Problem[] } {
  const problems: Problem[] = [];
  const found = findExtension(experiment);
  if (!found || !('guardrails' in found.value)) return { guardrails: run, problems };
  const pointer = joinPointer(found.pointer, 'guardrails');
  const block = found.value.guardrails;
  const error = (at: string, code: string, message: string, hint?: string): void => {
    problems.push({ severity: 'error', code, pointer: at, message, ...(hint ? { hint } : {}) });
  };
  if (!isMapping(block)) {
    error(pointer, 'guardrails-shape', 'guardrails in the chaos-action extension must be a mapping', `keys: ${KEYS.join(', ')}`);
    return { guardrails: run, problems };
  }
  for (const key of Object.keys(block)) {
    if (!KEYS.includes(key))
      problems.push({
        severity: 'error',
        code: 'guardrails-unknown-key',
        pointer: joinPointer(pointer, key),
        atKey: true,
        message: `unknown guardrail "${key}"`,
        hint: `guardrails are ${KEYS.join(', ')}`,
      });
  }
  const merged: { allowedAccountIds?: readonly string[]; requiredTags?: Record<string, string>; maxTargets?: number } = { ...run };

  if ('allowed-account-ids' in block) {
    const at = joinPointer(pointer, 'allowed-account-ids');
    const ids = accountList(block['allowed-account-ids']);
    if (!ids.ok) error(at, 'guardrails-account-ids', `allowed-account-ids: ${ids.problem}`, 'a list of 12-digit account ids, quoted: ["111122223333"]');
    else {
      const outside = run.allowedAccountIds ? ids.value.filter((id) => !run.allowedAccountIds?.includes(id)) : [];
      if (outside.length) {
        error(
          at,
          'guardrails-loosened',
          `allowed-account-ids names ${outside.join(', ')}, which the run does not allow (it allows ${run.allowedAccountIds?.join(', ')})`,
          'an experiment may only narrow the accounts the run allows',
        );
      } else merged.allowedAccountIds = ids.value;
    }
  }

  if ('required-tags' in block) {
    const at = joinPointer(pointer, 'required-tags');
    const tags = block['required-tags'];
    if (!isMapping(tags) || Object.values(tags).some((v) => typeof v !== 'string')) {
      error(at, 'guardrails-required-tags', 'required-tags must be a mapping of tag keys to string values', 'e.g. required-tags: {chaos: allowed}');
    } else {
      const union: Record<string, string> = { ...run.requiredTags };
      for (const [key, value] of Object.entries(tags as Record<string, string>)) {
        const runValue = run.requiredTags && Object.hasOwn(run.requiredTags, key) ? run.requiredTags[key] : undefined;
        if (runValue !== undefined && runValue !== value) {
          error(
            joinPointer(at, key),
            'guardrails-loosened',
            `required tag ${key}=${value} contradicts the run's ${key}=${runValue}`,
            'an experiment may add required tags, not change the ones the run requires',
          );
        } else defineKey(union, key, value);
      }
      merged.requiredTags = union;
    }
  }

  if ('max-targets' in block) {
    const at = joinPointer(pointer, 'max-targets');
    const n = block['max-targets'];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      error(at, 'guardrails-max-targets', `max-targets is ${JSON.stringify(n)}: expected a whole number, 0 or more`);
    } else if (n > (run.maxTargets ?? DEFAULT_MAX_TARGETS)) {
      const given = run.maxTargets !== undefined;
      error(
        at,
        'guardrails-loosened',
        `max-targets ${n} is more than the run allows (${run.maxTargets ?? DEFAULT_MAX_TARGETS}${given ? '' : ', the default'})`,
        given
          ? 'an experiment may only lower max-targets'
          : 'an experiment may only lower max-targets; the run raises it (--max-targets, the max-targets input)',
      );
    } else merged.maxTargets = n;
  }
  return { guardrails: merged, problems };
}

/** Account ids as written in a file: a list (or a comma-separated string) of 12-digit ids. */
function accountList(value: unknown): Parsed<string[]> {
  if (typeof value === 'string') return parseAccountIds(value);
  if (!Array.isArray(value) || value.length === 0) return { ok: false, problem: `expected a list of account ids, got ${JSON.stringify(value)}` };
  const ids: string[] = [];
  for (const v of value) {
    // YAML reads an unquoted id as a number: fine with 12 digits, but a leading 0 is lost.
    const id = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
    if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
      return {
        ok: false,
        problem: `${JSON.stringify(v)} is not an AWS account id (12 digits${typeof v === 'number' ? '; quote it, a leading 0 is lost in a number' : ''})`,
      };
    }
    ids.push(id);
  }
  return { ok: true, value: [...new Set(ids)] };
}
