// How the activity's arguments are encoded: requests' _encode_params with
// urllib.parse.urlencode(doseq=True) (query string or form body), and json.dumps (JSON body).
import { JsonOutOfRangeFloat, pythonJsonDumps } from '../../python/json-dumps.js';
import { isMapping, pythonStr } from '../../python/values.js';
import { pyError } from './errors.js';
import { quotePlus } from './quoting.js';

function unpackPair(item: unknown): [unknown, unknown] {
  let parts: unknown[];
  if (Array.isArray(item)) parts = item;
  else if (typeof item === 'string') parts = [...item];
  else if (isMapping(item)) parts = Object.keys(item);
  else throw pyError('ValueError', 'cannot encode objects that are not 2-tuples');
  if (parts.length !== 2) {
    throw pyError('ValueError', parts.length > 2 ? 'too many values to unpack (expected 2)' : `not enough values to unpack (expected 2, got ${parts.length})`);
  }
  return [parts[0], parts[1]];
}

/** Iterating a Python value: a list's items, a dict's keys, a str's characters. */
function iterate(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isMapping(value)) return Object.keys(value);
  return null;
}

/** requests' _encode_params for a dict or list of pairs: `a=1&l=1&l=2`, None dropped. */
function urlencodeParams(data: Record<string, unknown> | unknown[]): string {
  const pairs: [unknown, unknown][] = Array.isArray(data) ? data.map(unpackPair) : Object.entries(data);
  const out: string[] = [];
  for (const [k, vs] of pairs) {
    const key = quotePlus(pythonStr(k));
    const values = typeof vs === 'string' ? [vs] : (iterate(vs) ?? [vs]);
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        out.push(`${key}=${quotePlus(v)}`);
        continue;
      }
      const inner = iterate(v);
      if (inner === null) out.push(`${key}=${quotePlus(pythonStr(v))}`);
      else for (const elt of inner) out.push(`${key}=${quotePlus(pythonStr(elt))}`);
    }
  }
  return out.join('&');
}

/** requests' _encode_params: strings pass through; dicts and lists are urlencoded; others pass. */
export function encodeParams(data: unknown): unknown {
  if (typeof data === 'string') return data;
  if (isMapping(data) || Array.isArray(data)) return urlencodeParams(data);
  return data;
}

/** requests' JSON body: json.dumps(allow_nan=False), its ValueError raised as InvalidJSONError. */
export function requestsJsonDumps(value: unknown): string {
  try {
    return pythonJsonDumps(value);
  } catch (e) {
    if (e instanceof JsonOutOfRangeFloat) throw pyError('requests.exceptions.InvalidJSONError', e.message);
    throw e;
  }
}
