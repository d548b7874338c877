// A dry run's plan in words: what an action would send, to which resources, and the guardrails'
// verdict. One line per change, for the progress output and the Markdown report.
import type { OpaqueEffect, PlannedChange, PlannedTarget } from '../contract/provider.js';

/** One dry action's plan, as results.json and the report list it. */
export interface PlannedActivity {
  readonly activity: string;
  readonly phase: string;
  readonly changes: readonly PlannedChange[];
  /** Why the action would fail before changing anything (e.g. no instance matches). */
  readonly error?: string;
  /** A process, http or python-bridge action: unguarded (effect unknown) or without AWS credentials. */
  readonly effect?: OpaqueEffect;
}

/**
 * "unguarded: effect unknown: process aws route53 … (why: the CLI is the only way)", or
 * "not AWS (no credentials): process ./load.sh".
 */
export function describeEffect(effect: OpaqueEffect): string {
  return effect.kind === 'unguarded'
    ? `unguarded: effect unknown: ${effect.runs} (why: ${effect.reason ?? 'not given'})`
    : `not AWS (no credentials): ${effect.runs}`;
}

/** A dry action's plan in one line: its changes, why it would fail, or its effect. */
export function describePlannedActivity(p: Pick<PlannedActivity, 'changes' | 'error' | 'effect'>): string {
  if (p.error !== undefined) return `would fail before changing anything: ${p.error}`;
  if (p.effect) return describeEffect(p.effect);
  return p.changes.length === 0 ? 'would change nothing' : p.changes.map(describePlannedChange).join(' · ');
}

const MAX_TARGETS_LISTED = 10;

function describeTarget(t: PlannedTarget): string {
  const set = t.unbounded || t.count !== undefined;
  const pairs =
    t.tags === undefined
      ? ''
      : Object.entries(t.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
  const tags = t.tags === undefined ? 'tags unknown' : set ? (pairs ? `each tagged ${pairs}` : 'tags unknown') : pairs || 'no tags';
  const notes = [
    ...(t.unbounded ? ['an unknown number of resources'] : t.count !== undefined ? [`${t.count} resource${t.count === 1 ? '' : 's'}`] : []),
    ...(t.counted === false ? ['not counted'] : []),
  ];
  return `${t.kind} ${t.id} (${[tags, ...notes].join('; ')})`;
}

/**
 * "ec2:StopInstances to ec2:instance i-1 (chaos=allowed): allowed by the guardrails"; a container
 * reads "(app=web; not counted)", a FIS target "(each tagged app=web; an unknown number of resources)".
 */
export function describePlannedChange(change: PlannedChange): string {
  const shown = change.targets.slice(0, MAX_TARGETS_LISTED).map(describeTarget).join(', ');
  const more = change.targets.length > MAX_TARGETS_LISTED ? ` and ${change.targets.length - MAX_TARGETS_LISTED} more` : '';
  const targets = change.targets.length ? ` to ${shown}${more}` : '';
  const verdict = change.allowed ? 'allowed by the guardrails' : `REFUSED by the guardrails: ${change.refusals.join('; ')}`;
  return `${change.operation}${targets}: ${verdict}`;
}
