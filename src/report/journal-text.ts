// A journal as written: Chaos Toolkit's `json.dump(indent=2)` layout, with a final new line. Its
// writing never fails: the journal is bounded first (nesting, string lengths: see
// engine/recorded-value.ts); should it still not render (a run whose outputs together pass what
// one string can hold), the outputs are left out and `chaos-action.journal-error` says why; failing
// that, the journal's summary alone is written with the error.
import { DEFAULT_MAX_OUTPUT_BYTES, MAX_RECORDED_DEPTH } from '../contract/limits.js';
import { truncationMarker } from '../contract/truncation.js';
import { boundValue } from '../engine/recorded-value.js';

/** The journal's own nesting above a recorded output (steady_states.before.probes[0].output). */
const JOURNAL_NESTING = 16;

/** The keys of the last-resort journal: what says how the experiment ended. */
const SUMMARY_KEYS = ['chaoslib-version', 'platform', 'node', 'start', 'status', 'deviated', 'end', 'duration'];

/** The journal within its bounds (nesting, string lengths): safe to walk (redact) and to render. */
export const boundJournal = <T>(journal: T, maxChars: number = DEFAULT_MAX_OUTPUT_BYTES): T =>
  boundValue(journal, { maxDepth: MAX_RECORDED_DEPTH + JOURNAL_NESTING, maxChars }) as T;

/**
 * The journal's text. `bounded`: it is boundJournal's result for `maxChars` (redacted since, which
 * never lengthens a string nor nests deeper), so it is not walked again.
 */
export function renderJournal(journal: unknown, maxChars: number = DEFAULT_MAX_OUTPUT_BYTES, bounded = false): string {
  const render = (value: unknown): string => `${JSON.stringify(boundJournal(value, maxChars), null, 2)}\n`;
  try {
    return bounded ? `${JSON.stringify(journal, null, 2)}\n` : render(journal);
  } catch (e) {
    const why = `the journal could not be written in full (${e instanceof Error ? e.message : String(e)}): activity outputs are left out`;
    try {
      return render(withNote(withoutOutputs(journal), why));
    } catch (again) {
      const summary: Record<string, unknown> = {};
      const whole = isRecord(journal) ? journal : {};
      for (const key of SUMMARY_KEYS) if (key in whole) summary[key] = whole[key];
      const ours = isRecord(whole['chaos-action']) ? whole['chaos-action'] : {};
      summary['chaos-action'] = {
        ...Object.fromEntries(['version', 'file', 'verdict', 'reasons'].filter((k) => k in ours).map((k) => [k, ours[k]])),
        'journal-error': `the journal could not be written (${again instanceof Error ? again.message : String(again)}): only its summary is`,
      };
      return `${JSON.stringify(boundValue(summary, { maxDepth: 8, maxChars: 4096 }), null, 2)}\n`;
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function withNote(journal: unknown, note: string): unknown {
  if (!isRecord(journal)) return journal;
  const ours = isRecord(journal['chaos-action']) ? journal['chaos-action'] : {};
  return { ...journal, 'chaos-action': { ...ours, 'journal-error': note } };
}

/** The journal with every run record's output replaced by a marker. */
function withoutOutputs(journal: unknown): unknown {
  if (!isRecord(journal)) return journal;
  const left = truncationMarker('left out: the journal could not be written in full').trim();
  const strip = (records: unknown): unknown =>
    Array.isArray(records) ? records.map((r) => (isRecord(r) && 'output' in r ? { ...r, output: left } : r)) : records;
  const states = isRecord(journal.steady_states) ? journal.steady_states : undefined;
  const state = (s: unknown): unknown => (isRecord(s) ? { ...s, probes: strip(s.probes) } : s);
  return {
    ...journal,
    ...(states
      ? {
          steady_states: {
            ...states,
            before: state(states.before),
            after: state(states.after),
            during: Array.isArray(states.during) ? states.during.map(state) : states.during,
          },
        }
      : {}),
    run: strip(journal.run),
    rollbacks: strip(journal.rollbacks),
  };
}
