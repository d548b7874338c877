// What is recorded of a value (an activity's output, a whole journal) is bounded, so that writing
// it can never fail: containers nested deeper than a limit become a marker string, strings longer
// than a limit are cut (head and tail kept), and what JSON cannot hold (a BigInt, a cycle) becomes
// text. The copy is what gets judged, reported and written; the original is left as it was.
import { cutString, truncationMarker } from '../contract/truncation.js';

export interface RecordBounds {
  /** Containers below this many levels of nesting are replaced by a marker. */
  readonly maxDepth: number;
  /** Strings (and object keys) longer than this many characters are cut. */
  readonly maxChars: number;
}

/** `value`, copied within `bounds` (the same value when nothing needed changing). */
export function boundValue(value: unknown, bounds: RecordBounds): unknown {
  const ancestors = new Set<object>();
  const tooDeep = (): string => truncationMarker(`nested deeper than ${bounds.maxDepth} levels`).trim();
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return v.length > bounds.maxChars ? cutString(v, bounds.maxChars, 'max-output') : v;
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object') return v;
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json = safely(() => toJSON.call(v));
      if (json !== v) return visit(json, depth + 1);
    }
    if (depth >= bounds.maxDepth) return tooDeep();
    if (ancestors.has(v)) return truncationMarker('a value that contains itself').trim();
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const item = v[i] as unknown;
          const bounded = visit(item, depth + 1);
          if (bounded !== item && !out) out = v.slice(0, i);
          out?.push(bounded);
        }
        return out ?? v;
      }
      // Keys and values read once, in order, as Object.entries would: no entry arrays per value.
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(v);
      const values = keys.map((key) => (v as Record<string, unknown>)[key]);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const item = values[i];
        const k = key.length > bounds.maxChars ? cutString(key, bounds.maxChars, 'max-output') : key;
        const bounded = visit(item, depth + 1);
        if ((bounded !== item || k !== key) && !out) {
          out = {};
          for (let j = 0; j < i; j++) defineEntry(out, keys[j] as string, values[j]);
        }
        if (out) defineEntry(out, k, bounded);
      }
      return out ?? v;
    } finally {
      ancestors.delete(v);
    }
  };
  return visit(value, 0);
}

function safely(get: () => unknown): unknown {
  try {
    return get();
  } catch (e) {
    return `<${e instanceof Error ? e.message : String(e)}>`;
  }
}

/** Sets a key as data (a key named `__proto__` stays a key). */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
