// Python's json.dumps as requests and chaosaws call it: ", " and ": " separators, ensure_ascii
// (every character outside printable ASCII written as \uXXXX), allow_nan=False.
import { pythonRepr } from './values.js';

/** The ValueError json.dumps(..., allow_nan=False) raises for NaN and the infinities. */
export class JsonOutOfRangeFloat extends Error {
  override readonly name = 'ValueError';
  constructor() {
    super('Out of range float values are not JSON compliant');
  }
}

/** json.dumps(value, allow_nan=False) with Python's other defaults. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JsonOutOfRangeFloat();
    return pythonRepr(value);
  }
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pythonJsonString(k)}: ${pythonJsonDumps(v)}`)
    .join(', ')}}`;
}

function pythonJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
