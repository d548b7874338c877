// YAML 1.1 plain-scalar resolution exactly as PyYAML's SafeLoader does it (resolver.py and
// constructor.py), which is what `chaos run` uses: yes/no/on/off booleans, 0777 octal, 1_000,
// sexagesimal 1:30, dates, and '1e3' staying a string.

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const TIMESTAMP_PARTS =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

/** What the source said a scalar was, where JavaScript alone cannot tell (200 versus 200.0). */
export type ScalarKind = 'int' | 'float' | 'string' | 'bool' | 'null' | 'timestamp';

export const TAG = 'tag:yaml.org,2002:';

export class YamlValueError extends Error {}

export interface Resolved {
  readonly value: unknown;
  readonly kind: ScalarKind;
}

/** The tag PyYAML's implicit resolvers give a plain scalar, or `str`. */
export function implicitTag(text: string): string {
  // PyYAML first filters resolvers by the first character; the anchored patterns imply the same.
  if (BOOL.test(text)) return 'bool';
  if (FLOAT.test(text)) return 'float';
  if (INT.test(text)) return 'int';
  if (text === '<<') return 'merge';
  if (NULL.test(text)) return 'null';
  if (TIMESTAMP.test(text)) return 'timestamp';
  if (text === '=') return 'value';
  return 'str';
}

/** Constructs the value of a scalar with the given short tag (`int`, `str`, …), as SafeConstructor. */
export function constructScalar(tag: string, text: string): Resolved {
  switch (tag) {
    case 'str':
      return { value: text, kind: 'string' };
    case 'null':
      return { value: null, kind: 'null' };
    case 'bool':
      return { value: ['yes', 'true', 'on'].includes(text.toLowerCase()), kind: 'bool' };
    case 'int':
      return { value: constructInt(text), kind: 'int' };
    case 'float':
      return { value: constructFloat(text), kind: 'float' };
    case 'timestamp':
      return { value: constructTimestamp(text), kind: 'timestamp' };
    default:
      throw new YamlValueError(`could not determine a constructor for the tag '${TAG}${tag}'`);
  }
}

function splitSign(text: string): [number, string] {
  const value = text.replace(/_/g, '');
  if (value.startsWith('-')) return [-1, value.slice(1)];
  if (value.startsWith('+')) return [1, value.slice(1)];
  return [1, value];
}

function sexagesimal(value: string): number {
  let base = 1;
  let total = 0;
  for (const digit of value.split(':').reverse()) {
    total += Number(digit) * base;
    base *= 60;
  }
  return total;
}

function strictInt(digits: string, radix: number): number {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) throw new YamlValueError(`invalid literal for int() with base ${radix}: '${digits}'`);
  return parseInt(digits, radix);
}

function constructInt(text: string): number {
  const [sign, value] = splitSign(text);
  if (value === '0') return 0;
  if (value.startsWith('0b')) return sign * strictInt(value.slice(2), 2);
  if (value.startsWith('0x')) return sign * strictInt(value.slice(2), 16);
  if (value.startsWith('0')) return sign * strictInt(value, 8);
  if (value.includes(':')) return sign * sexagesimal(value);
  return sign * strictInt(value, 10);
}

function constructFloat(text: string): number {
  const [sign, value] = splitSign(text.toLowerCase());
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) return sign * sexagesimal(value);
  const n = Number(value);
  if (Number.isNaN(n)) throw new YamlValueError(`could not convert string to float: '${text}'`);
  return sign * n;
}

const pad = (n: string | number, width = 2): string => String(n).padStart(width, '0');

/** A date or datetime in the form Python's isoformat() gives it (what a journal would show). */
function constructTimestamp(text: string): string {
  const m = TIMESTAMP_PARTS.exec(text);
  if (!m) throw new YamlValueError(`not a timestamp: '${text}'`);
  const [, year, month, day, hour, minute, second, fraction, tz, tzSign, tzHour, tzMinute] = m;
  const date = `${year}-${pad(month as string)}-${pad(day as string)}`;
  if (hour === undefined) return date;
  let iso = `${date}T${pad(hour)}:${minute}:${second}`;
  const micro = (fraction ?? '').slice(0, 6).padEnd(6, '0');
  if (Number(micro) !== 0) iso += `.${micro}`;
  if (tz === 'Z') iso += '+00:00';
  else if (tzSign) iso += `${tzSign}${pad(tzHour as string)}:${pad(tzMinute ?? '00')}`;
  return iso;
}

/** Python's str() of a scalar mapping key, which is what a non-string key turns into for us. */
export function pythonKeyString(value: unknown, kind: ScalarKind): string {
  if (kind === 'null') return 'None';
  if (kind === 'bool') return value ? 'True' : 'False';
  if (kind === 'float') return pythonFloatRepr(value as number);
  return String(value);
}

export function pythonFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  const s = String(n);
  // JS writes 1e+21 where Python writes 1e+21 too; small exponents: JS 1e-7, Python 1e-07.
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
}
