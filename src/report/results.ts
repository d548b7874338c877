// What a run produced, per experiment and overall: the data behind results.json, the Markdown
// report, the CLI summary and (later) the action's outputs.
import type { Journal } from '../engine/journal.js';
import { type Verdict, VERDICTS, worstVerdict } from './verdict.js';

export interface ExperimentResult {
  readonly file: string;
  readonly title: string;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  /** Chaos Toolkit's own fields, for reference. */
  readonly status: Journal['status'];
  readonly deviated: boolean;
  readonly steadyStateBefore: boolean | null;
  readonly steadyStateAfter: boolean | null;
  readonly duration: number;
  /** Path of the journal, relative to the journal folder. */
  readonly journal: string | null;
}

export interface RunResults {
  readonly tool: string;
  readonly version: string;
  readonly verdict: Verdict;
  readonly gate: 'passed' | 'failed';
  readonly failOn: readonly Verdict[];
  readonly counts: Record<Verdict, number>;
  readonly experiments: readonly ExperimentResult[];
}

export function summarize(experiments: readonly ExperimentResult[], failOn: readonly Verdict[], version: string): RunResults {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const e of experiments) counts[e.verdict]++;
  const verdict = worstVerdict(experiments.map((e) => e.verdict));
  const gate = experiments.some((e) => failOn.includes(e.verdict)) ? 'failed' : 'passed';
  return { tool: 'chaos-action', version, verdict, gate, failOn, counts, experiments };
}

export function resultOf(file: string, journal: Journal, verdict: Verdict, reasons: readonly string[], journalName: string | null): ExperimentResult {
  return {
    file,
    title: String(journal.experiment.title ?? file),
    verdict,
    reasons,
    status: journal.status,
    deviated: journal.deviated,
    steadyStateBefore: journal.steady_states.before?.steady_state_met ?? null,
    steadyStateAfter: journal.steady_states.after?.steady_state_met ?? null,
    duration: journal.duration ?? 0,
    journal: journalName,
  };
}
