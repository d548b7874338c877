// Which activities ran unguarded: marked `chaos-action: {unguarded: why}`, they held the run's AWS
// credentials outside the guardrails. From the journal, for its `chaos-action` key, results.json
// and the report (a reviewer sees the whole blast radius).
import { isDry } from '../engine/activity.js';
import { type Journal, recordsByPhase } from '../engine/journal.js';
import { describeProvider, unguardedReason } from '../experiment/unguarded.js';
import { dryModeOf } from './dry-run.js';

export interface UnguardedActivity {
  readonly activity: string;
  readonly type: string;
  /** before, during, after (the hypothesis), method or rollbacks. */
  readonly phase: string;
  /** What it ran: "process aws route53 …", "python chaosaws.s3.actions.delete_object". */
  readonly runs: string;
  readonly reason: string;
}

/** The marked activities the journal shows ran (once per phase), in the order the phases ran. */
export function unguardedActivities(journal: Journal): UnguardedActivity[] {
  const phases = recordsByPhase(journal);
  const mode = dryModeOf(journal);
  const seen = new Set<string>();
  const found: UnguardedActivity[] = [];
  for (const [phase, records] of phases) {
    for (const r of records) {
      const reason = unguardedReason(r.activity);
      // A dry run skipped it: it held nothing (the plan lists it).
      if (reason === undefined || isDry(r.activity, mode).dryActivity) continue;
      const entry = {
        activity: String(r.activity.name ?? ''),
        type: String(r.activity.type ?? 'activity'),
        phase,
        runs: describeProvider(r.activity.provider),
        reason,
      };
      const key = `${entry.phase}\u0000${entry.activity}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(entry);
    }
  }
  return found;
}

/** `method action "invert" ran unguarded: process aws route53 … (why: …)`. */
export const describeUnguarded = (u: UnguardedActivity): string => `${u.phase} ${u.type} "${u.activity}" ran unguarded: ${u.runs} (why: ${u.reason})`;
