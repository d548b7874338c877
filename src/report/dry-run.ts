// A dry run in words: which dry modes skip activities (a run under them can never pass), which
// activities a journal shows were skipped, and the note the report, the summary and the CLI print.
import { DRY_MODES, type DryMode, isDry } from '../engine/activity.js';
import { type Journal, recordsByPhase } from '../engine/journal.js';

/** The modes that skip activities. `pause` only skips the pauses: everything else runs for real. */
export type SkippingDryMode = Exclude<DryMode, 'pause'>;

export const skipsActivities = (mode: DryMode | null | undefined): mode is SkippingDryMode => mode !== null && mode !== undefined && mode !== 'pause';

/** The run's dry mode, as Chaos Toolkit writes it into the journal's `experiment.dry` (else null). */
export function dryModeOf(journal: Pick<Journal, 'experiment'>): DryMode | null {
  const mode = journal.experiment.dry;
  return (DRY_MODES as readonly unknown[]).includes(mode) ? (mode as DryMode) : null;
}

/** An activity the dry mode kept from running (once per phase, however often it was recorded). */
export interface SkippedActivity {
  readonly activity: string;
  readonly type: string;
  /** before, during, after (the hypothesis), method or rollbacks. */
  readonly phase: string;
}

/** What the journal shows the dry mode (by default, the journal's) skipped, in the order the phases ran. */
export function skippedActivities(journal: Journal, mode: DryMode | null = dryModeOf(journal)): SkippedActivity[] {
  if (!skipsActivities(mode)) return [];
  const phases = recordsByPhase(journal);
  const seen = new Set<string>();
  const skipped: SkippedActivity[] = [];
  for (const [phase, records] of phases) {
    for (const r of records) {
      if (!isDry(r.activity, mode).dryActivity) continue;
      const entry = { activity: String(r.activity.name ?? ''), type: String(r.activity.type ?? 'activity'), phase };
      const key = JSON.stringify(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      skipped.push(entry);
    }
  }
  return skipped;
}

const WHAT_WAS_SKIPPED: Record<SkippingDryMode, string> = {
  actions: 'nothing was injected',
  activities: 'nothing was run, nothing was injected',
  probes: 'the probes were skipped, so the steady state was not checked',
};

/** "dry run (--dry actions): nothing was injected". */
export const describeDryRun = (mode: SkippingDryMode): string => `dry run (--dry ${mode}): ${WHAT_WAS_SKIPPED[mode]}`;

/** "🧪 dry run (--dry actions): nothing was injected": the header of a dry run's report and summary. */
export const dryRunNote = (mode: SkippingDryMode): string => `🧪 ${describeDryRun(mode)}`;
