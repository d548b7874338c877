// Did an action take effect? Chaos Toolkit calls an activity `succeeded` when its provider returned,
// whatever it returned: a process that exited 1, an http call answered 500. The journal keeps that
// status; this is our judgement beside it, a pure function of the run record (and of the
// expectation the activity declares, see experiment/expectations.ts). The verdict, the progress
// lines, the rollback ledger and the post step all ask it.
import { expectationOf } from '../experiment/expectations.js';
import { isMapping } from '../python/values.js';
import { type DryMode, isDry } from './activity.js';
import type { Journal, RunRecord } from './journal.js';

export interface NoEffect {
  /**
   * `failed`: the provider raised (ActivityFailed: a python function raised, a connection or a
   * timeout failed); `unfinished`: no status (interrupted, or an unexpected error); `result`: it
   * returned, but its result says it did not work (exit code, HTTP status).
   */
  readonly kind: 'failed' | 'unfinished' | 'result';
  /** One line: the error, or `exit code 1: cp: cannot stat 'x': No such file or directory`. */
  readonly why: string;
}

/** How long the quoted first line of stderr (or of a body) may be. */
const DETAIL_LENGTH = 160;

/** Why the activity of `record` did not take effect, or undefined when nothing says it did not. */
export function noEffect(record: RunRecord): NoEffect | undefined {
  if (record.status === 'failed') return { kind: 'failed', why: exceptionMessage(record) };
  if (record.status === undefined) return { kind: 'unfinished', why: 'did not finish' };
  const provider = record.activity.provider;
  const output = record.output;
  if (!isMapping(provider) || !isMapping(output) || typeof output.status !== 'number') return undefined;
  const expected = expectationOf(record.activity);
  if (provider.type === 'process' && 'stdout' in output) {
    const code = output.status;
    if ((expected.exitCodes ?? [0]).includes(code)) return undefined;
    const signal = code < 0 ? ` (killed by signal ${-code})` : '';
    return { kind: 'result', why: withDetail(`exit code ${code}${signal}`, output.stderr) };
  }
  if (provider.type === 'http' && 'body' in output) {
    const status = output.status;
    if (expected.statuses ? expected.statuses.includes(status) : status < 400) return undefined;
    return { kind: 'result', why: withDetail(`HTTP status ${status}`, output.body) };
  }
  return undefined;
}

/** `failed`, `did not finish` or `did not take effect`. */
function noEffectVerb(e: NoEffect): string {
  return e.kind === 'failed' ? 'failed' : e.kind === 'unfinished' ? 'did not finish' : 'did not take effect';
}

/** `failed: <error>`, `did not finish`, or `did not take effect: exit code 1: …`; `aside` goes before the why. */
export function describeNoEffect(e: NoEffect, aside = ''): string {
  return `${noEffectVerb(e)}${aside}${e.kind === 'unfinished' ? '' : `: ${e.why}`}`;
}

/** One judged activity, as the journal lists it under `chaos-action.activities`. */
export interface ActivityEffect {
  readonly phase: 'method' | 'rollbacks';
  /** Its place in the journal's `run` or `rollbacks` list. */
  readonly index: number;
  readonly name: string;
  readonly 'took-effect': boolean;
  /** When it did not: the error, `did not finish`, or `exit code 1: cp: cannot stat …`. */
  readonly why?: string;
}

/**
 * Every method action and rollback of a journal that ran (a dry one did not, and is left out),
 * with our judgement. Method probes are left out: they only look, and Chaos Toolkit does not
 * judge them either. `dry` is the run's dry mode (the journal's copy, `experiment.dry`, could be
 * blurred by a redaction).
 */
export function activityEffects(journal: Journal, dry: DryMode | null): ActivityEffect[] {
  const judged = (phase: ActivityEffect['phase'], records: readonly RunRecord[]): ActivityEffect[] =>
    records.flatMap((record, index) => {
      if (phase === 'method' && record.activity.type !== 'action') return [];
      if (isDry(record.activity, dry).dryActivity) return [];
      const e = noEffect(record);
      const name = String(record.activity.name ?? '');
      return [e ? { phase, index, name, 'took-effect': false, why: e.why } : { phase, index, name, 'took-effect': true }];
    });
  return [...judged('method', journal.run), ...judged('rollbacks', journal.rollbacks)];
}

function exceptionMessage(record: RunRecord): string {
  return (record.exception?.at(-1) ?? '').replace(/^chaoslib\.exceptions\.ActivityFailed: /, '').trim() || 'failed';
}

/** `exit code 1: <the first line of stderr>`, the line shortened; nothing added when there is none. */
function withDetail(head: string, detail: unknown): string {
  if (typeof detail !== 'string') return head;
  const line = detail
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return head;
  return `${head}: ${line.length > DETAIL_LENGTH ? `${line.slice(0, DETAIL_LENGTH - 1)}…` : line}`;
}
