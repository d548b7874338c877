// An experiment's timeline as an inline SVG chart, drawn here (no script, no network): the
// activities of each phase as bars on one time axis (t = 0 is the fault: the first method action
// starts), the sampled steady state (met / not met, each sample a dot), the canary's writes, and
// the recovery point. The steady-state and canary rows are the same segments as the Markdown
// report's chart (timeline-chart.ts); the activity bars come from the journal's timestamps.
import type { Journal, RunRecord } from '../engine/journal.js';
import type { ExperimentResult } from './results.js';
import type { ChartSegment } from './timeline-chart.js';
import { timestampMs as journalTimestampMs } from './journal-shape.js';
import { formatSeconds } from './verdict.js';
import { attr, type Html, html, text } from './html-text.js';

/** At most this many bars per activity row and dots for the samples: the rest is in the journal. */
export const MAX_MARKS = 400;

const WIDTH = 960;
const LABELS = 170;
const PLOT = WIDTH - LABELS - 20;
const ROW = 24;
const GAP = 8;
const AXIS = 28;
const TOP = 18;

/** A journal timestamp in milliseconds (any chaoslib's form: journal-shape.ts); undefined when unreadable. */
export const timestampMs = (value: unknown): number | undefined => (typeof value === 'string' ? journalTimestampMs(value) : undefined);

interface Bar {
  readonly from: number;
  readonly to: number;
  readonly kind: string;
  readonly tip: string;
}

interface Row {
  readonly label: string;
  readonly bars: readonly Bar[];
  /** Point marks (samples): at, kind, tip. */
  readonly dots?: readonly { at: number; kind: string; tip: string }[];
  /** Marks left out to stay within MAX_MARKS. */
  readonly more: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fault's start (the first method action's start) in milliseconds, when the journal has one. */
export function faultStartMs(journal: Journal | undefined): number | undefined {
  const first = (journal?.run ?? []).find((r) => r.activity?.type === 'action');
  return first ? timestampMs(first.start) : undefined;
}

function activityBars(records: readonly RunRecord[], origin: number, kind: (r: RunRecord) => string): { bars: Bar[]; more: number } {
  const bars: Bar[] = [];
  for (const r of records.slice(0, MAX_MARKS)) {
    const start = timestampMs(r.start);
    if (start === undefined) continue;
    const end = timestampMs(r.end) ?? start;
    const name = String(r.activity?.name ?? '?');
    const status = r.status ?? 'no status';
    bars.push({
      from: (start - origin) / 1000,
      to: (end - origin) / 1000,
      kind: `${kind(r)}${r.status === 'failed' ? ' failed' : ''}`,
      tip: `${String(r.activity?.type ?? 'activity')} ${name}: ${status}, ${formatSeconds(Math.max(0, (end - start) / 1000))}`,
    });
  }
  return { bars, more: Math.max(0, records.length - MAX_MARKS) };
}

function segmentBars<S extends string>(list: readonly ChartSegment<S>[], what: string, prefix: string): Bar[] {
  return list
    .filter((s) => s.to > s.from)
    .map((s) => ({
      from: s.from,
      to: s.to,
      kind: `${prefix}-${s.state.replace(' ', '-')}`,
      tip: `${what} ${s.state} from ${formatSeconds(s.from)} to ${formatSeconds(s.to)}`,
    }));
}

/** The sampler's samples from the journal (`chaos-action.recovery.samples`): seconds after the fault, met or not. */
function samplesOf(journal: Journal | undefined): { at: number; met: boolean }[] {
  const recovery = journal?.['chaos-action']?.recovery;
  const samples = isRecord(recovery) && Array.isArray(recovery.samples) ? recovery.samples : [];
  return samples.flatMap((s) => (isRecord(s) && typeof s.at === 'number' && Number.isFinite(s.at) ? [{ at: s.at, met: s.met === true }] : []));
}

/** The rows the chart has for this experiment (rows without marks are left out). */
export function timelineRows(e: ExperimentResult, journal: Journal | undefined): Row[] {
  const fault = faultStartMs(journal);
  const origin = fault ?? timestampMs(journal?.start);
  const rows: Row[] = [];
  if (journal && origin !== undefined) {
    const { before, during, after } = journal.steady_states;
    const checks = [...(before?.probes ?? []), ...during.flatMap((s) => s.probes ?? []), ...(after?.probes ?? [])];
    const hypothesis = activityBars(checks, origin, () => 'check');
    const method = activityBars(journal.run, origin, (r) => (r.activity?.type === 'action' ? 'fault' : 'probe'));
    const rollbacks = activityBars(journal.rollbacks, origin, () => 'rollback');
    rows.push({ label: 'Hypothesis checks', ...hypothesis }, { label: 'Method', ...method }, { label: 'Rollbacks', ...rollbacks });
  }
  if (e.chart) {
    const samples = fault === undefined ? [] : samplesOf(journal);
    rows.push({
      label: 'Steady state (sampled)',
      bars: segmentBars(e.chart.steadyState, 'steady state', 'ss'),
      dots: samples
        .slice(0, MAX_MARKS)
        .map((s) => ({ at: s.at, kind: s.met ? 'ss-met' : 'ss-not-met', tip: `sample at ${formatSeconds(s.at)}: ${s.met ? 'met' : 'not met'}` })),
      more: Math.max(0, samples.length - MAX_MARKS),
    });
    rows.push({ label: 'Canary writes', bars: segmentBars(e.chart.canary, 'canary writes', 'write'), more: 0 });
  }
  return rows.filter((r) => r.bars.length > 0 || (r.dots?.length ?? 0) > 0);
}

/** A round step for about `ticks` ticks over `span` seconds. */
function tickStep(span: number, ticks = 8): number {
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  return steps.find((s) => span / s <= ticks) ?? Math.ceil(span / ticks / 3600) * 3600;
}

const num = (n: number): number => Math.round(n * 10) / 10;

/** The recovery point on the axis: when the steady state was met again for good, or when it was last seen failing. */
function recoveryMark(e: ExperimentResult): { at: number; kind: string; label: string } | undefined {
  if (e.rto?.state === 'recovered') return { at: e.rto.rto, kind: 'recovered', label: `recovered ${formatSeconds(e.rto.rto)}` };
  if (e.rto?.state === 'not-recovered') return { at: e.rto.failingAt, kind: 'not-recovered', label: `still failing ${formatSeconds(e.rto.failingAt)}` };
  return undefined;
}

/** The chart, or undefined when the experiment has nothing on a time axis (it never started). */
export function timelineSvg(e: ExperimentResult, journal: Journal | undefined): Html | undefined {
  const rows = timelineRows(e, journal);
  if (rows.length === 0) return undefined;
  const hasFault = faultStartMs(journal) !== undefined || e.chart !== undefined;
  const mark = recoveryMark(e);
  let lo = 0;
  let hi = e.chart?.until ?? 0;
  for (const r of rows) {
    for (const b of r.bars) {
      if (b.from < lo) lo = b.from;
      if (b.to > hi) hi = b.to;
    }
    for (const d of r.dots ?? []) if (d.at > hi) hi = d.at;
  }
  if (mark && mark.at > hi) hi = mark.at;
  if (hi - lo < 0.1) hi = lo + 0.1;
  const x = (t: number): number => num(LABELS + ((t - lo) / (hi - lo)) * PLOT);
  const height = TOP + rows.length * (ROW + GAP) + AXIS;
  const plotBottom = TOP + rows.length * (ROW + GAP);
  const step = tickStep(hi - lo);
  const ticks: Html[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) {
    const at = x(t);
    const label = `${t < 0 ? '−' : ''}${formatSeconds(Math.abs(Number(t.toFixed(3))))}`;
    ticks.push(
      html`<line class="grid" x1="${at}" x2="${at}" y1="${TOP - 4}" y2="${plotBottom}"/><text class="tick" x="${at}" y="${plotBottom + 16}" text-anchor="middle">${text(label)}</text>`,
    );
  }
  const rowMarks = rows.map((r, i) => {
    const y = TOP + i * (ROW + GAP);
    const bars = r.bars.map((b) => {
      const from = x(b.from);
      const width = Math.max(2, num(x(b.to) - from));
      return html`<rect class=${attr(`bar ${b.kind}`)} x="${from}" y="${y}" width="${width}" height="${ROW}" rx="2"><title>${text(b.tip)}</title></rect>`;
    });
    const dots = (r.dots ?? []).map(
      (d) => html`<circle class=${attr(`dot ${d.kind}`)} cx="${x(d.at)}" cy="${y + ROW / 2}" r="3.5"><title>${text(d.tip)}</title></circle>`,
    );
    const more = r.more ? html`<tspan class="more"> (+${r.more} in the journal)</tspan>` : html``;
    return html`<g class="row"><text class="label" x="${LABELS - 8}" y="${y + ROW / 2 + 4}" text-anchor="end">${text(r.label)}${more}</text>${bars}${dots}</g>`;
  });
  const fault = hasFault
    ? html`<line class="fault-line" x1="${x(0)}" x2="${x(0)}" y1="${TOP - 10}" y2="${plotBottom}"/><text class="marker" x="${x(0) + 3}" y="${TOP - 8}">fault</text>`
    : html``;
  // A label near the right edge is written leftwards from its line, so it stays inside the chart.
  const rightmost = LABELS + PLOT * 0.8;
  const recovery = mark
    ? html`<line class=${attr(`recovery-line ${mark.kind}`)} x1="${x(mark.at)}" x2="${x(mark.at)}" y1="${TOP - 10}" y2="${plotBottom}"/><text class=${attr(`marker ${mark.kind}`)} x="${x(mark.at) > rightmost ? x(mark.at) - 3 : x(mark.at) + 3}" y="${TOP - 8}" text-anchor="${x(mark.at) > rightmost ? html`end` : html`start`}">${text(mark.label)}</text>`
    : html``;
  const described = `Timeline of ${e.title}: ${rows.map((r) => r.label).join(', ')}`;
  return html`<svg class="timeline" role="img" aria-label=${attr(described)} viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${text(described)}</title>${ticks}${rowMarks}${fault}${recovery}</svg>${legend(rows)}`;
}

const LEGEND: readonly (readonly [kind: string, meaning: string])[] = [
  ['check', 'hypothesis check'],
  ['fault', 'method action (the fault)'],
  ['probe', 'method probe'],
  ['rollback', 'rollback'],
  ['failed', 'activity failed'],
  ['ss-met', 'steady state met'],
  ['ss-not-met', 'steady state not met'],
  ['write-kept', 'canary write kept (acknowledged, still there after recovery)'],
  ['write-lost', 'acknowledged write lost'],
  ['write-failed', 'write not acknowledged (unavailability, not loss)'],
  ['write-unverified', 'write unverified (the survivors could not be read)'],
];

/** The chart's legend: what each colour it shows means (fixed words only). */
function legend(rows: readonly Row[]): Html {
  const kinds = new Set(rows.flatMap((r) => [...r.bars.flatMap((b) => b.kind.split(' ')), ...(r.dots ?? []).map((d) => d.kind)]));
  const shown = LEGEND.filter(([kind]) => kinds.has(kind));
  return html`<ul class="legend">${shown.map(([kind, meaning]) => html`<li><span class=${attr(`swatch ${kind}`)}></span>${text(meaning)}</li>`)}</ul>`;
}
