// Activities whose AWS effect the guardrails cannot see: process activities, python functions
// that are not built in (the python3 bridge, chaosaws functions that are not ported included).
// They run without the run's AWS credentials unless the experiment marks them, with a reason:
//   {"type": "action", "name": "...", "provider": {...}, "chaos-action": {"unguarded": "why"}}
// Chaos Toolkit ignores the activity's `chaos-action` key. This file reads the mark and tells
// which activities can only mean AWS changes (a validation error when unmarked).
import { isMapping } from '../python/values.js';
import { ACTIVITY_KEY } from './expectations.js';

/** The reason an activity may hold the AWS credentials outside the guardrails, when it is marked. */
export function unguardedReason(activity: Readonly<Record<string, unknown>>): string | undefined {
  const extension = activity[ACTIVITY_KEY];
  if (!isMapping(extension)) return undefined;
  const reason = extension.unguarded;
  return typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
}

/**
 * What an activity runs, in a few words: "process aws route53 update-health-check …",
 * "python chaosaws.s3.actions.delete_object", "http GET https://…".
 */
export function describeProvider(provider: unknown): string {
  if (!isMapping(provider)) return 'an unknown provider';
  if (provider.type === 'process') {
    const args = Array.isArray(provider.arguments)
      ? provider.arguments.map(String).join(' ')
      : typeof provider.arguments === 'string'
        ? provider.arguments
        : '';
    const command = `${String(provider.path ?? '')}${args ? ` ${args}` : ''}`;
    return `process ${command.length > 160 ? `${command.slice(0, 159)}…` : command}`;
  }
  if (provider.type === 'python') return `python ${String(provider.module ?? '')}.${String(provider.func ?? '')}`;
  if (provider.type === 'http') return `http ${String(provider.method ?? 'GET')} ${String(provider.url ?? '')}`;
  return String(provider.type ?? 'an unknown provider');
}

/**
 * A process activity that runs the AWS CLI (its path is `aws`, or ends in /aws): it can only
 * mean AWS calls, so unmarked it is an error rather than a run without credentials.
 */
export function runsAwsCli(provider: unknown): boolean {
  return isMapping(provider) && provider.type === 'process' && typeof provider.path === 'string' && /(^|\/)aws$/.test(provider.path.trim());
}

/** A python provider in a chaosaws module (whether built in or not). */
export function isChaosawsFunction(provider: unknown): boolean {
  return isMapping(provider) && provider.type === 'python' && typeof provider.module === 'string' && /^chaosaws(\.|$)/.test(provider.module);
}
