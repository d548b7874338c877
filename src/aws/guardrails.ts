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
const pairs = (tags: Readonly<Record<string, string>>): string => Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ');

function listed(targets: readonly AwsTarget[], limit = 10): string {
  const shown = targets.slice(0, limit).map((t) => t.id).join(', ');
  return targets.length > limit ? `${shown} and ${targets.length - limit} more` : shown;
}

/**
 * Checks a call that would touch `targets`. `account` resolves the caller's account id (STS
 * GetCallerIdentity); it is only asked when allowed-account-ids is set.
 */
export async function checkGuardrails(guardrails: Guardrails, targets: readonly AwsTarget[], account: () => Promise<string>): Promise<GuardrailVerdict> {
  const refusals: string[] = [];
  const max = guardrails.maxTargets ?? DEFAULT_MAX_TARGETS;
  if (targets.length > max) {
    refusals.push(`max-targets is ${max}${guardrails.maxTargets === undefined ? ' (the default)' : ''} but the call would touch ${targets.length} resources (${listed(targets)})`);
  }
  const required = guardrails.requiredTags ?? {};
  if (Object.keys(required).length > 0) {
    for (const target of targets) {
      if (!target.tags) {
        refusals.push(`required-tags ${pairs(required)}: the tags of ${describe(target)} are unknown`);
        continue;
      }
      const tags = target.tags;
      const wrong = Object.entries(required).filter(([k, v]) => !Object.prototype.hasOwnProperty.call(tags, k) || tags[k] !== v);
      if (wrong.length) {
        const has = wrong.map(([k]) => (Object.prototype.hasOwnProperty.call(tags, k) ? `${k}=${tags[k]}` : `no ${k}`)).join(', ');
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
      refusals.push(`allowed-account-ids is ${allowed.join(', ') || '(none)'} but the account could not be checked (STS GetCallerIdentity: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return { allowed: refusals.length === 0, refusals };
}

/** The ActivityFailed message of a refused call. */
export function refusalMessage(operation: string, targets: readonly AwsTarget[], verdict: GuardrailVerdict): string {
  return `guardrails refused ${operation} on ${targets.length === 1 ? describe(targets[0] as AwsTarget) : `${targets.length} resources`}; nothing was sent: ${verdict.refusals.join('; ')}`;
}
