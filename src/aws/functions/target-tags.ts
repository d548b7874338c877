// Tags of the resources a mutating call will touch, for the guardrails (required-tags) and the
// dry-run plan. chaosaws never reads them, so a lookup is extra: when it fails (the resource is
// missing, the role may not read tags) the tags stay unknown and the real call then reports what
// chaosaws would; a required-tags guardrail refuses a target whose tags are unknown.
import { defineKey } from '../../python/values.js';

export type TagMap = Record<string, string>;

/** Runs a tag lookup; any failure but an interruption leaves the tags unknown (undefined). */
export async function lookupTags(signal: AbortSignal, read: () => Promise<TagMap | undefined>): Promise<TagMap | undefined> {
  try {
    return await read();
  } catch (err) {
    if (signal.aborted) throw err;
    return undefined;
  }
}

/** AWS's [{Key, Value}] tag list as a mapping. */
export function tagListToMap(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): TagMap {
  const out: TagMap = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) defineKey(out, tag.Key, tag.Value ?? '');
  return out;
}
