// Secret values registered as they are loaded, so that any later layer (logs, journals,
// reports) can replace them before anything leaves the process: as written, JSON-escaped,
// URL-encoded, and base64-encoded (standard and URL-safe alphabets, also where the secret sits
// inside a longer encoded string, as in `Authorization: Basic base64(user:secret)`).
import { pythonStr } from '../python/values.js';

const REDACTED = '***';
/** Shorter values would blank out ordinary text; GitHub's own masking has the same problem. */
const MIN_LENGTH = 3;
/**
 * The shortest base64 form redacted: 8 characters carry 48 bits of the secret. Shorter runs of
 * base64 characters turn up in ordinary text and encoded data too often to be blanked out.
 */
const MIN_ENCODED_LENGTH = 8;

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
    const forms = [text, JSON.stringify(text).slice(1, -1), encodeURIComponent(text)].filter((f) => f.length >= MIN_LENGTH);
    for (const form of [...forms, ...base64Forms(text).filter((f) => f.length >= MIN_ENCODED_LENGTH)]) {
      if (!this.values.has(form)) {
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

/**
 * The base64 forms of `text` (its UTF-8 bytes), in the standard and the URL-safe alphabet. The
 * secret can start at any of three byte offsets (mod 3) inside a longer encoded string (as in
 * `Basic base64(user:secret)`), and encodes differently at each. For each offset: the characters
 * the secret's bytes alone decide, and, for a secret that ends the encoded data, those up to the
 * end (padded and not). GitHub's runner masks the whole encodings shifted by one and two bytes,
 * which match only when the secret ends the encoded string and nothing precedes it but whole
 * groups. The character before an embedded secret, and the one after it when more data follows,
 * also depend on its neighbours: they stay, and carry at most a few bits of its first and last bytes.
 */
export function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const standard = new Set<string>();
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character j holds bits [6j, 6j + 6) of the data; the secret holds bits [8·offset, 8·(offset + n)).
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    if (end <= first) continue;
    standard.add(encoded.slice(first, end));
    standard.add(encoded.slice(first));
    standard.add(encoded.slice(first).replace(/=+$/, ''));
  }
  const forms = new Set<string>();
  for (const form of standard) {
    forms.add(form);
    forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}
