// The guardrails' verdict on one mutating call: every rule is checked (so that a refusal, or a
// dry-run plan, names everything that is wrong at once), and a refusal names the resources and the
// rule. The caller sends nothing when the verdict refuses.
import { DEFAULT_MAX_TARGETS, type Guardrails } from '../experiment/guardrails.js';
import type { AwsTarget } from './functions/types.js';

export interface GuardrailVerdict {
  readonly allowed: boolean;
  /** One sentence per broken rule. */
  readonly refusals: string[];
}

const describe = (t: AwsTarget): string => `${t.kind} ${t.id}`;
const pairs = (tags: Readonly<Record<string, string>>): string =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** How many resources a target stands for toward max-targets (an unbounded one: none, it is refused apart). */
function targetCount(t: AwsTarget): number {
  if (t.counted === false || t.unbounded) return 0;
  return t.count ?? 1;
}

const shownId = (t: AwsTarget): string => (targetCount(t) > 1 ? `${t.count} × ${t.id}` : t.id);

function listed(targets: readonly AwsTarget[], limit = 10): string {
  const shown = targets.slice(0, limit).map(shownId).join(', ');
  return targets.length > limit ? `${shown} and ${targets.length - limit} more` : shown;
}

/**
 * Checks a call that would touch `targets`. `account` resolves the caller's account id (STS
 * GetCallerIdentity); it is only asked when allowed-account-ids is set.
 *
 * max-targets counts what the call faults: a target marked `counted: false` (a container the call
 * acts through) is checked for its tags and account only; one with `count: n` counts n; an
 * `unbounded` one (a set of resources AWS chooses at run time) cannot be counted, so it is refused.
 */
export async function checkGuardrails(guardrails: Guardrails, targets: readonly AwsTarget[], account: () => Promise<string>): Promise<GuardrailVerdict> {
  const refusals: string[] = [];
  const max = guardrails.maxTargets ?? DEFAULT_MAX_TARGETS;
  const maxText = `max-targets is ${max}${guardrails.maxTargets === undefined ? ' (the default)' : ''}`;
  const counted = targets.filter((t) => targetCount(t) > 0);
  const total = counted.reduce((n, t) => n + targetCount(t), 0);
  const containers = targets.filter((t) => t.counted === false);
  if (total > max) {
    const notCounted = containers.length ? `; not counted: ${listed(containers)}, which the call acts through` : '';
    refusals.push(`${maxText} but the call would touch ${total} resources (${listed(counted)}${notCounted})`);
  } else if (max === 0 && containers.length > 0) {
    // 0 lets no mutating call run, not even one that only acts through resources it does not count.
    refusals.push(`${maxText} but the call would act through ${listed(containers)}`);
  }
  for (const t of targets.filter((x) => x.unbounded)) {
    refusals.push(`${maxText} but ${describe(t)} selects an unknown number of resources (AWS chooses them when the call runs)`);
  }
  const required = guardrails.requiredTags ?? {};
  if (Object.keys(required).length > 0) {
    for (const target of targets) {
      if (!target.tags) {
        refusals.push(`required-tags ${pairs(required)}: the tags of ${describe(target)} are unknown`);
        continue;
      }
      const tags = target.tags;
      const wrong = Object.entries(required).filter(([k, v]) => !Object.hasOwn(tags, k) || tags[k] !== v);
      if (wrong.length) {
        // A set of resources (count, unbounded) is known by the tags that select it: a key missing
        // there may be on some of them, but nothing makes sure that it is on all.
        const missing =
          target.unbounded || target.count !== undefined ? (k: string) => `no ${k} in the tags that select its resources` : (k: string) => `no ${k}`;
        const has = wrong.map(([k]) => (Object.hasOwn(tags, k) ? `${k}=${tags[k]}` : missing(k))).join(', ');
        refusals.push(`required-tags ${pairs(required)}: ${describe(target)} has ${has}`);
      }
    }
  }
  const allowed = guardrails.allowedAccountIds;
  if (allowed !== undefined) {
    try {
      const id = await account();
      if (!allowed.includes(id)) refusals.push(`allowed-account-ids is ${allowed.join(', ') || '(none)'} but the credentials are for account ${id}`);
    } catch (e) {
      refusals.push(
        `allowed-account-ids is ${allowed.join(', ') || '(none)'} but the account could not be checked (STS GetCallerIdentity: ${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }
  return { allowed: refusals.length === 0, refusals };
}

/** The ActivityFailed message of a refused call. */
export function refusalMessage(operation: string, targets: readonly AwsTarget[], verdict: GuardrailVerdict): string {
  return `guardrails refused ${operation} on ${targets.length === 1 ? describe(targets[0] as AwsTarget) : `${targets.length} resources`}; nothing was sent: ${verdict.refusals.join('; ')}`;
}
