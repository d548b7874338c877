// Secret values registered as they are loaded, so that any later layer (logs, journals,
// reports) can replace them before anything leaves the process.
import { pythonStr } from '../python/values.js';

const REDACTED = '***';
/** Shorter values would blank out ordinary text; GitHub's own masking has the same problem. */
const MIN_LENGTH = 3;

export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  add(value: unknown): void {
    if (value === null || value === undefined) return;
    if (typeof value === 'object') {
      for (const v of Array.isArray(value) ? value : Object.values(value)) this.add(v);
      return;
    }
    const text = pythonStr(value);
    for (const form of [text, JSON.stringify(text).slice(1, -1), encodeURIComponent(text)]) {
      if (form.length >= MIN_LENGTH && !this.values.has(form)) {
        this.values.add(form);
        this.pattern = undefined;
      }
    }
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }

  /** A deep copy of a JSON value with every secret replaced, in strings and in keys. */
  redactValue<T>(value: T): T {
    if (this.values.size === 0) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, inner] of Object.entries(v)) out[this.redact(k)] = walk(inner);
        return out;
      }
      if (typeof v === 'number' && this.values.has(pythonStr(v))) return REDACTED;
      return v;
    };
    return walk(value) as T;
  }
}
