// An experiment's timeline after the fault, as a chart people read at a glance: the sampled
// steady state (met / not met) and the canary's writes (kept / lost / failed, or unverified when
// the survivors could not be read), as bars on one time axis. Rendered as a Mermaid gantt chart in the Markdown report (GitHub draws it).
// Only fixed words go into the chart: nothing a user wrote can break it.
import type { DurabilityReport } from '../engine/canary.js';
import type { RecoveryTimeline } from '../engine/sampler.js';

type SteadyStateMark = 'met' | 'not met';
/** unverified: acknowledged, but whether it survived is unknown (the survivors were not read). */
type WriteMark = 'kept' | 'lost' | 'failed' | 'unverified';

export interface ChartSegment<S extends string> {
  /** Seconds after the fault. */
  readonly from: number;
  readonly to: number;
  readonly state: S;
}

export interface RecoveryChart {
  /** Seconds after the fault that the chart covers. */
  readonly until: number;
  readonly steadyState: ChartSegment<SteadyStateMark>[];
  readonly canary: ChartSegment<WriteMark>[];
}

/** At most this many bars per row: a long flapping timeline is grouped into slices of time. */
const CELLS = 40;
const round = (s: number): number => Math.round(s * 1000) / 1000;

export function recoveryChart(timeline?: RecoveryTimeline, durability?: DurabilityReport): RecoveryChart | undefined {
  const samples = timeline?.samples ?? [];
  const writes = durability?.writes ?? [];
  if (samples.length === 0 && writes.length === 0) return undefined;
  // A loop, not Math.max(...list): a long list would overflow the call stack.
  let until = Math.max(timeline?.observedFor ?? 0, durability?.observedFor ?? 0);
  for (const s of samples) if (s.at > until) until = s.at;
  for (const w of writes) if (w.at > until) until = w.at;
  const lost = (seq: number): boolean => (durability?.lostRanges ?? []).some(([a, b]) => seq >= a && seq <= b);
  const unread = durability?.lost === null;
  return {
    until: round(until),
    steadyState: segments(
      samples.map((s) => ({ at: s.at, state: s.met ? 'met' : 'not met' })),
      until,
      ['met', 'not met'],
    ),
    canary: segments(
      writes.map((w) => ({ at: w.at, state: !w.acknowledged ? 'failed' : unread ? 'unverified' : lost(w.seq) ? 'lost' : 'kept' })),
      until,
      ['kept', 'unverified', 'failed', 'lost'],
    ),
  };
}

/**
 * Each point holds until the next one (the last until `until`); runs of the same state merge.
 * With more than CELLS points, time is cut into CELLS slices, each showing its worst state
 * (`rank` lists states from best to worst).
 */
export function segments<S extends string>(points: readonly { at: number; state: S }[], until: number, rank: readonly S[]): ChartSegment<S>[] {
  let spans: { from: number; to: number; state: S }[];
  if (points.length <= CELLS || until <= 0) {
    spans = points.map((p, i) => ({ from: p.at, to: points[i + 1]?.at ?? Math.max(until, p.at), state: p.state }));
  } else {
    const width = until / CELLS;
    const slices = new Map<number, S>();
    for (const p of points) {
      const i = Math.min(CELLS - 1, Math.floor(p.at / width));
      const had = slices.get(i);
      if (had === undefined || rank.indexOf(p.state) > rank.indexOf(had)) slices.set(i, p.state);
    }
    const keys = [...slices.keys()].sort((a, b) => a - b);
    spans = keys.map((i, n) => ({ from: i * width, to: (keys[n + 1] ?? CELLS) * width, state: slices.get(i) as S }));
  }
  const merged: ChartSegment<S>[] = [];
  // Compared before rounding: slices of until / CELLS seconds do not round to where they meet.
  let lastTo = Number.NaN;
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && last.state === span.state && Math.abs(lastTo - span.from) < 1e-9) merged[merged.length - 1] = { ...last, to: round(span.to) };
    else merged.push({ from: round(span.from), to: round(span.to), state: span.state });
    lastTo = span.to;
  }
  return merged;
}

// Mermaid reads `dateFormat x` as epoch milliseconds. The axis starts at a midnight so that
// minutes:seconds on it read as time since the fault (whole-hour time zones leave them as is).
const ORIGIN_MS = Date.UTC(2000, 0, 1);
// "done, crit" (grey with a red outline) draws unverified writes apart from kept (grey), lost
// (red) and failed (light blue); each bar is also labelled with its state.
const TAGS: Record<SteadyStateMark | WriteMark, string> = {
  met: '',
  'not met': 'crit, ',
  kept: 'done, ',
  lost: 'crit, ',
  failed: 'active, ',
  unverified: 'done, crit, ',
};

const MEANINGS: Record<WriteMark, string> = {
  kept: 'kept = acknowledged and still there after recovery',
  lost: 'lost = acknowledged, then missing after recovery',
  failed: 'failed = not acknowledged (unavailability, not loss)',
  unverified: 'unverified = acknowledged, survival unknown (the survivors could not be read)',
};

/** The legend of the canary's bars, for the states the chart shows (undefined when none). */
export function chartLegend(chart: RecoveryChart): string | undefined {
  const shown = new Set(chart.canary.filter((s) => s.to > s.from).map((s) => s.state));
  const entries = (['kept', 'lost', 'failed', 'unverified'] as const).filter((m) => shown.has(m)).map((m) => MEANINGS[m]);
  return entries.length ? `Canary writes: ${entries.join('; ')}.` : undefined;
}

/** A fenced ```mermaid gantt block: one section for the steady state, one for the canary. */
export function mermaidGantt(chart: RecoveryChart): string {
  const ms = (s: number): number => ORIGIN_MS + Math.round(s * 1000);
  const rows = (title: string, list: readonly ChartSegment<SteadyStateMark | WriteMark>[]): string[] => {
    const bars = list.filter((s) => s.to > s.from).map((s) => `    ${s.state} :${TAGS[s.state]}${ms(s.from)}, ${ms(s.to)}`);
    return bars.length ? [`    section ${title}`, ...bars] : [];
  };
  return [
    '```mermaid',
    'gantt',
    '    dateFormat x',
    '    axisFormat %M:%S',
    '    todayMarker off',
    ...rows('Steady state', chart.steadyState),
    ...rows('Canary writes', chart.canary),
    '```',
  ].join('\n');
}
