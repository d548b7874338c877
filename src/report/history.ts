// A run's compact history record (what a later run compares itself with), and the comparison:
// the change since the previous run and since the oldest one known (the baseline), the trend of the
// last runs, regressions (an objective newly missed, RTO/RPO worse by more than a threshold, a
// verdict that flipped from passed) and flaky experiments (verdicts that differ between runs of the
// same commit). Pure: the records come from results.json files, wherever those were found.
import type { ExperimentResult, RunResults } from './results.js';
import { formatSeconds, type Verdict } from './verdict.js';

export interface HistoryExperiment {
  readonly file: string;
  /** The leg's comment-key in merged results: the same file in two environments is two experiments. */
  readonly environment?: string;
  readonly title: string;
  /** The run's own verdict (before any comparison with history). */
  readonly verdict: Verdict;
  /** Observed RTO in seconds; null when not measured (or not recovered). */
  readonly rto: number | null;
  readonly rtoObjective?: number;
  /** Observed RPO in seconds; null when not measured. */
  readonly rpo: number | null;
  readonly rpoObjective?: number;
  readonly duration: number;
}

export interface HistoryRecord {
  readonly version: 1;
  /** ISO 8601, when the run ended. */
  readonly date: string;
  readonly commit: string | null;
  readonly ref: string | null;
  /** The comment-key or environment the run was for (legs of a matrix keep apart). */
  readonly environment: string | null;
  /** The workflow run, when the action made the record. */
  readonly runId?: number;
  readonly gate: RunResults['gate'];
  readonly experiments: readonly HistoryExperiment[];
}

export interface RunMeta {
  readonly date: string;
  readonly commit?: string | null;
  readonly ref?: string | null;
  readonly environment?: string | null;
  readonly runId?: number;
}

const observed = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What an experiment is matched by across runs: its file, and its environment in merged results. */
export const historyKey = (e: { readonly file: string; readonly environment?: string | undefined }): string =>
  e.environment === undefined ? e.file : `${e.environment}\u0000${e.file}`;

export function historyExperiment(e: ExperimentResult): HistoryExperiment {
  const rtoObjective = e.rto?.objective;
  const rpoObjective = e.rpo?.objective ?? e.rpoObjective;
  return {
    file: e.file,
    ...(e.environment !== undefined ? { environment: e.environment } : {}),
    title: e.title,
    verdict: e.verdict,
    rto: observed(e.rto?.observed),
    ...(rtoObjective !== undefined ? { rtoObjective } : {}),
    rpo: observed(e.rpo?.observed),
    ...(rpoObjective !== undefined ? { rpoObjective } : {}),
    duration: e.duration,
  };
}

export function historyRecord(results: Pick<RunResults, 'gate' | 'experiments'>, meta: RunMeta): HistoryRecord {
  return {
    version: 1,
    date: meta.date,
    commit: meta.commit ?? null,
    ref: meta.ref ?? null,
    environment: meta.environment ?? null,
    ...(meta.runId !== undefined ? { runId: meta.runId } : {}),
    gate: results.gate,
    experiments: results.experiments.map(historyExperiment),
  };
}

/** How much worse counts as a regression: a share of the previous value, or seconds. */
export type Threshold = { readonly kind: 'percent'; readonly value: number } | { readonly kind: 'seconds'; readonly value: number };

export const DEFAULT_THRESHOLD: Threshold = { kind: 'percent', value: 25 };

/** `25%`, `5s`, `1.5s`, `500ms`; undefined when it is none of those. */
export function parseThreshold(text: string): Threshold | undefined {
  const t = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent) return { kind: 'percent', value: Number(percent[1]) };
  const ms = /^(\d+(?:\.\d+)?)\s*ms$/.exec(t);
  if (ms) return { kind: 'seconds', value: Number(ms[1]) / 1000 };
  const s = /^(\d+(?:\.\d+)?)\s*s?$/.exec(t);
  if (s) return { kind: 'seconds', value: Number(s[1]) };
  return undefined;
}

export const thresholdText = (t: Threshold): string => (t.kind === 'percent' ? `${t.value}%` : `${t.value} s`);

/** Is `now` worse than `before` by more than the threshold? (Both measured; larger is worse.) */
export function worseBeyond(before: number, now: number, t: Threshold): boolean {
  if (now <= before) return false;
  return t.kind === 'percent' ? now - before > (before * t.value) / 100 : now - before > t.value;
}

export interface Change {
  /** The value in the other run. */
  readonly from: number;
  /** now − from, in seconds. */
  readonly delta: number;
}

export interface ExperimentHistory {
  readonly file: string;
  /** RTO/RPO against the previous run that measured them. */
  readonly sinceLast: { readonly rto?: Change; readonly rpo?: Change };
  /** RTO/RPO against the oldest run known that measured them (the baseline). */
  readonly sinceBaseline: { readonly rto?: Change; readonly rpo?: Change };
  /** Observed RTO of the runs known, oldest first, this run last (null: not measured). */
  readonly rtoTrend: readonly (number | null)[];
  readonly rpoTrend: readonly (number | null)[];
  /** Verdicts of the runs known, oldest first, this run last (null: the experiment was not in that run). */
  readonly verdicts: readonly (Verdict | null)[];
  /** One line each: why this is a regression against the previous run. Empty: none. */
  readonly regressions: readonly string[];
  /** Verdicts differ between runs of the same commit (this run included). */
  readonly flaky: boolean;
}

const seconds = (v: number): string => formatSeconds(v);

function change(now: number | null, before: readonly (number | null)[]): Change | undefined {
  if (now === null) return undefined;
  const from = before.find((v) => v !== null);
  return from === undefined || from === null ? undefined : { from, delta: now - from };
}

/**
 * Compares this run with earlier ones (newest first; records of other environments are left out by
 * the caller). An experiment absent from every earlier record has no changes and no regressions.
 */
export function compareWithHistory(
  current: HistoryRecord,
  earlier: readonly HistoryRecord[],
  threshold: Threshold = DEFAULT_THRESHOLD,
): Map<string, ExperimentHistory> {
  const out = new Map<string, ExperimentHistory>();
  for (const now of current.experiments) {
    const key = historyKey(now);
    const past = earlier.map((r) => r.experiments.find((e) => historyKey(e) === key));
    const known = past.filter((e): e is HistoryExperiment => e !== undefined);
    const oldestFirst = [...past].reverse();
    const previous = known[0];
    const regressions: string[] = [];
    if (previous) {
      if (previous.verdict === 'passed' && now.verdict !== 'passed') regressions.push(`verdict ${now.verdict}, was passed in the previous run`);
      for (const [measure, nowValue, before, objective] of [
        ['RTO', now.rto, previous.rto, now.rtoObjective],
        ['RPO', now.rpo, previous.rpo, now.rpoObjective],
      ] as const) {
        if (nowValue === null) continue;
        if (objective !== undefined && nowValue > objective && before !== null && before <= objective)
          regressions.push(`${measure} ${seconds(nowValue)} newly misses its objective of ${seconds(objective)} (was ${seconds(before)})`);
        else if (before !== null && worseBeyond(before, nowValue, threshold))
          regressions.push(
            `${measure} ${seconds(nowValue)}, ${seconds(nowValue - before)} worse than the previous run (${seconds(before)}; threshold ${thresholdText(threshold)})`,
          );
      }
    }
    const sameCommit = current.commit ? earlier.filter((r) => r.commit === current.commit) : [];
    const commitVerdicts = new Set([now.verdict, ...sameCommit.flatMap((r) => r.experiments.filter((e) => historyKey(e) === key).map((e) => e.verdict))]);
    out.set(key, {
      file: now.file,
      sinceLast: {
        ...optional(
          'rto',
          change(
            now.rto,
            known.map((e) => e.rto),
          ),
        ),
        ...optional(
          'rpo',
          change(
            now.rpo,
            known.map((e) => e.rpo),
          ),
        ),
      },
      sinceBaseline: {
        ...optional(
          'rto',
          change(
            now.rto,
            [...known].reverse().map((e) => e.rto),
          ),
        ),
        ...optional(
          'rpo',
          change(
            now.rpo,
            [...known].reverse().map((e) => e.rpo),
          ),
        ),
      },
      rtoTrend: [...oldestFirst.map((e) => e?.rto ?? null), now.rto],
      rpoTrend: [...oldestFirst.map((e) => e?.rpo ?? null), now.rpo],
      verdicts: [...oldestFirst.map((e) => e?.verdict ?? null), now.verdict],
      regressions,
      flaky: commitVerdicts.size > 1,
    });
  }
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `▲ 19 s` / `▼ 3 s` / `= 0 s`: worse is up (larger RTO/RPO). */
export function deltaText(c: Change): string {
  if (Math.abs(c.delta) < 0.05) return 'no change';
  return `${c.delta > 0 ? '▲' : '▼'} ${formatSeconds(Math.abs(c.delta))}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline of values (oldest first): low ▁ to high █, `·` where not measured. */
export function trendSparkline(values: readonly (number | null)[]): string {
  const measured = values.filter((v): v is number => v !== null);
  if (measured.length === 0) return values.map(() => '·').join('');
  const lo = Math.min(...measured);
  const hi = Math.max(...measured);
  return values
    .map((v) => {
      if (v === null) return '·';
      if (hi === lo) return BARS[0];
      return BARS[Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))];
    })
    .join('');
}

/** A Mermaid xychart of the values (oldest first, labelled), or undefined with fewer than 2 measured. */
export function mermaidTrend(title: string, labels: readonly string[], values: readonly (number | null)[], yLabel = 'seconds'): string | undefined {
  const measured = values.filter((v): v is number => v !== null);
  if (measured.length < 2) return undefined;
  // xychart has no gaps: a run that measured nothing is drawn at 0 and its label says so.
  const quote = (s: string): string => `"${s.replace(/["\\\n\r`<>]/g, ' ')}"`;
  const top = Math.max(...measured);
  return [
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis [${labels.map((l, i) => quote(values[i] === null ? `${l} (n/m)` : l)).join(', ')}]`,
    `  y-axis ${quote(yLabel)} 0 --> ${Math.ceil(top * 1.1) || 1}`,
    `  line [${values.map((v) => (v === null ? 0 : Number(v.toFixed(3)))).join(', ')}]`,
  ].join('\n');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const MAX_EXPERIMENTS = 10_000;
const isoDate = (v: unknown): string | null =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && Number.isFinite(Date.parse(v)) ? v : null;

/**
 * The history record of a results.json (parsed, untrusted: it comes from an artifact): its `record`
 * when it has one, else one made from its experiments (results.json of versions before records);
 * undefined when it is not a results.json. Values of the wrong type read as not measured.
 */
export function recordOfResults(
  results: unknown,
  fallback: { readonly date: string; readonly commit?: string | null; readonly runId?: number },
): HistoryRecord | undefined {
  if (!isObject(results) || results['tool'] !== 'chaos-action' || !Array.isArray(results['experiments'])) return undefined;
  const record = isObject(results['record']) ? results['record'] : {};
  const source = Array.isArray(record['experiments']) ? record['experiments'] : results['experiments'];
  const experiments: HistoryExperiment[] = [];
  for (const raw of source.slice(0, MAX_EXPERIMENTS)) {
    if (!isObject(raw) || typeof raw['file'] !== 'string') continue;
    const fromResult = isObject(raw['rto']) || isObject(raw['rpo']);
    const rto = fromResult ? num((raw['rto'] as Record<string, unknown> | undefined)?.['observed']) : num(raw['rto']);
    const rpo = fromResult ? num((raw['rpo'] as Record<string, unknown> | undefined)?.['observed']) : num(raw['rpo']);
    const rtoObjective = fromResult ? num((raw['rto'] as Record<string, unknown> | undefined)?.['objective']) : num(raw['rtoObjective']);
    const rpoObjective = num(raw['rpoObjective']) ?? (fromResult ? num((raw['rpo'] as Record<string, unknown> | undefined)?.['objective']) : null);
    const environment = str(raw['environment']);
    experiments.push({
      file: raw['file'],
      ...(environment !== null ? { environment } : {}),
      title: str(raw['title']) ?? raw['file'],
      // A record keeps the run's own verdict: `regressed` is a passed run compared with its history.
      verdict: (str(raw['verdict']) === 'regressed' ? 'passed' : (str(raw['verdict']) ?? 'invalid')) as HistoryExperiment['verdict'],
      rto,
      ...(rtoObjective !== null ? { rtoObjective } : {}),
      rpo,
      ...(rpoObjective !== null ? { rpoObjective } : {}),
      duration: num(raw['duration']) ?? 0,
    });
  }
  const runId = num(record['runId']) ?? fallback.runId;
  return {
    version: 1,
    // Dates order the runs and are printed: only an ISO 8601 time is taken from the file.
    date: isoDate(record['date']) ?? fallback.date,
    commit: str(record['commit']) ?? fallback.commit ?? null,
    ref: str(record['ref']),
    environment: str(record['environment']),
    ...(runId !== undefined && runId !== null ? { runId } : {}),
    gate: (['passed', 'failed', 'dry-run'] as const).find((g) => g === results['gate']) ?? 'failed',
    experiments,
  };
}
