// Reads a chaosaws function's keyword arguments (JSON values, defaults not applied) with Python's
// meaning of None, and fails with a message that names the function, the argument, what it got and
// what it expects, where Python would pass a wrong type on to boto3 and crash inside it.
import { ActivityFailed } from '../../contract/provider.js';
import { defineKey, isMapping, pythonRepr, pythonTruthy, pythonTypeOf } from '../../python/values.js';

export interface KeyValueTag {
  readonly Key: string;
  readonly Value: string;
}

export class PyArgs {
  constructor(
    /** e.g. "chaosaws.asg.actions.suspend_processes", for messages. */
    readonly fn: string,
    private readonly args: Readonly<Record<string, unknown>>,
  ) {}

  /** The value, with a missing argument and JSON null both read as Python's None (undefined). */
  raw(name: string): unknown {
    const v = Object.hasOwn(this.args, name) ? this.args[name] : undefined;
    return v === null ? undefined : v;
  }

  /** Python's `bool(arg)`, with the default when the argument is absent. */
  truthy(name: string, fallback = false): boolean {
    const v = this.raw(name);
    return v === undefined ? fallback : pythonTruthy(v);
  }

  fail(name: string, expected: string): never {
    const v = this.raw(name);
    throw new ActivityFailed(`${this.fn}: argument '${name}' must be ${expected}, got ${pythonTypeOf(v)} ${pythonRepr(v)}`);
  }

  str(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined || typeof v === 'string') return v;
    return this.fail(name, 'a string');
  }

  /** A string argument the function cannot do without. */
  requiredStr(name: string): string {
    return this.str(name) ?? this.fail(name, 'a string');
  }

  /** A boolean sent to AWS as is (boto3 rejects anything but a bool there). */
  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    return this.fail(name, 'true or false');
  }

  num(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || (typeof v === 'number' && Number.isFinite(v))) return v;
    return this.fail(name, 'a number');
  }

  int(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || (typeof v === 'number' && Number.isInteger(v))) return v;
    return this.fail(name, 'an integer');
  }

  strList(name: string): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    return this.fail(name, 'a list of strings');
  }

  /** Any JSON object, passed through to AWS (e.g. SSM command parameters). */
  mapping(name: string): Record<string, unknown> | undefined {
    const v = this.raw(name);
    if (v === undefined || isMapping(v)) return v;
    return this.fail(name, 'a mapping');
  }

  /** Any JSON list of objects, passed through to AWS (e.g. SSM targets). */
  mappingList(name: string): Record<string, unknown>[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every(isMapping)) return v as Record<string, unknown>[];
    return this.fail(name, 'a list of mappings');
  }

  /** Tags as AWS lists them: [{"Key": "k", "Value": "v"}, …]. */
  keyValueTags(name: string): KeyValueTag[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const ok = Array.isArray(v) && v.every((t) => isMapping(t) && typeof t.Key === 'string' && typeof t.Value === 'string');
    if (ok) return v as KeyValueTag[];
    return this.fail(name, 'a list of {"Key": "...", "Value": "..."} mappings');
  }

  /** chaosaws's convert_tags: a mapping, or a "k=v,x=y" string; empty or None gives {}. */
  tagMap(name: string): Record<string, string> {
    const v = this.raw(name);
    if (!pythonTruthy(v)) return {};
    if (isMapping(v)) {
      const out: Record<string, string> = {};
      for (const [k, value] of Object.entries(v)) {
        if (typeof value !== 'string') this.fail(name, 'a mapping of strings to strings');
        defineKey(out, k, value);
      }
      return out;
    }
    if (typeof v !== 'string') return this.fail(name, 'a mapping or a "key=value,key2=value2" string');
    const out: Record<string, string> = {};
    for (const pair of v.split(',')) {
      const at = pair.indexOf('=');
      if (at < 0) {
        throw new ActivityFailed(`${this.fn}: argument '${name}' must be "key=value" pairs separated by commas, but ${pythonRepr(pair)} has no '='`);
      }
      defineKey(out, pair.slice(0, at), pair.slice(at + 1));
    }
    return out;
  }
}

/** Python's random.sample over a seeded uniform source: k distinct items, in pick order. */
export function sample<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < k && pool.length > 0; i += 1) {
    const at = Math.floor(random() * pool.length);
    out.push(pool.splice(at, 1)[0] as T);
  }
  return out;
}

/** Resolves after `ms`, or rejects with the signal's reason when the run is interrupted first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
