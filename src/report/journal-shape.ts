// A journal read back from a file, of any chaoslib version, in the shape the rest of the report
// reads (engine/journal.ts Journal). Chaos Toolkit's journal changed little over the years, but
// enough to trip a strict reader: chaoslib 1.9 wrote naive UTC timestamps (no offset) and no
// `steady_states.during`, key orders moved (1.19, 1.41), 1.44 writes `+00:00`, a journal cut short
// may lack `end` and `duration`, an old `--dry` was a boolean. What a journal does not hold stays
// unknown (null), never a reassuring default.
import type { Journal, RunRecord, SteadyState } from '../engine/journal.js';
import { isMapping } from '../python/values.js';

const STATUSES = ['completed', 'failed', 'aborted', 'interrupted'] as const;

/** What makes a JSON document a journal: an experiment, the run records and the steady states. */
export function looksLikeJournal(value: unknown): value is Record<string, unknown> {
  return isMapping(value) && isMapping(value.experiment) && Array.isArray(value.run) && isMapping(value.steady_states);
}

/**
 * The journal in our reader's shape, or what is wrong with it (worded to follow "not a journal:").
 * The value itself is not changed.
 */
export function journalOf(value: unknown): { readonly journal: Journal } | { readonly problem: string } {
  if (!isMapping(value)) return { problem: 'expected a JSON object' };
  if (!looksLikeJournal(value)) {
    const missing = ['experiment', 'steady_states', 'run'].filter((k) => !(k in value));
    return {
      problem: missing.length ? `it has no ${missing.map((k) => `"${k}"`).join(', ')}` : '"experiment", "steady_states" or "run" is not of a journal\'s type',
    };
  }
  const steady = value.steady_states as Record<string, unknown>;
  const before = steadyState(steady.before);
  const after = steadyState(steady.after);
  const during = Array.isArray(steady.during) ? steady.during.flatMap((s) => steadyState(s) ?? []) : [];
  const status = (STATUSES as readonly unknown[]).includes(value.status) ? (value.status as Journal['status']) : null;
  const experiment = { ...(value.experiment as Record<string, unknown>) };
  // chaoslib before 1.3x: `--dry` was a switch that skipped every activity.
  if (experiment.dry === true) experiment.dry = 'activities';
  const start = typeof value.start === 'string' ? value.start : '';
  const end = typeof value.end === 'string' ? value.end : undefined;
  const duration = typeof value.duration === 'number' && Number.isFinite(value.duration) ? value.duration : durationBetween(start, end);
  return {
    journal: {
      'chaoslib-version': typeof value['chaoslib-version'] === 'string' ? value['chaoslib-version'] : 'unknown',
      platform: typeof value.platform === 'string' ? value.platform : '',
      node: typeof value.node === 'string' ? value.node : '',
      experiment,
      start,
      status,
      // Old journals may lack it: the after-hypothesis not met is what it means.
      deviated: typeof value.deviated === 'boolean' ? value.deviated : after?.steady_state_met === false,
      steady_states: { before, after, during },
      run: records(value.run),
      rollbacks: records(value.rollbacks),
      ...(end !== undefined ? { end } : {}),
      ...(duration !== undefined ? { duration } : {}),
      ...(isMapping(value['chaos-action']) ? { 'chaos-action': value['chaos-action'] } : {}),
    },
  };
}

function steadyState(value: unknown): SteadyState | null {
  if (!isMapping(value)) return null;
  const met = value.steady_state_met;
  return { steady_state_met: typeof met === 'boolean' ? met : null, probes: records(value.probes) };
}

function records(value: unknown): RunRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isMapping).map((r) => {
    const record: RunRecord = {
      activity: isMapping(r.activity) ? r.activity : {},
      output: r.output ?? null,
      start: typeof r.start === 'string' ? r.start : '',
    };
    if (r.status === 'succeeded' || r.status === 'failed') record.status = r.status;
    if (Array.isArray(r.exception)) record.exception = r.exception.map(String);
    if (typeof r.end === 'string') record.end = r.end;
    if (typeof r.duration === 'number') record.duration = r.duration;
    if (typeof r.tolerance_met === 'boolean') record.tolerance_met = r.tolerance_met;
    return record;
  });
}

/**
 * A journal timestamp in milliseconds since the epoch, or undefined. chaoslib writes UTC: with a
 * `+00:00` offset since 1.2x, naive (no offset: `datetime.utcnow().isoformat()`) before. A naive
 * one is read as UTC, never as the reader's local time.
 */
export function timestampMs(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
  const offset = (m[4] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}${fraction}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

function durationBetween(start: string, end: string | undefined): number | undefined {
  const a = timestampMs(start);
  const b = end === undefined ? undefined : timestampMs(end);
  return a === undefined || b === undefined || b < a ? undefined : (b - a) / 1000;
}
