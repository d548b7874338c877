// Python's Decimal comparison as the `range` tolerance uses it: Decimal(value) against Decimal(bound),
// where a float bound is its exact binary value (so [0.1, 1] rejects "0.1"). Exact, with BigInt.

/** An exact rational: numerator / 2^twos / 10^tens, or an infinity. */
type Exact = { kind: 'finite'; num: bigint; twos: number; tens: number } | { kind: 'inf'; sign: 1 | -1 };

export class DecimalError extends Error {}

const DECIMAL = /^\s*([-+]?)(?:(\d[\d_]*)?(?:\.(\d[\d_]*)?)?)(?:[eE]([-+]?\d+))?\s*$/;
const SPECIAL = /^\s*([-+]?)(inf|infinity|nan|snan)\s*$/i;

function fromNumber(n: number): Exact {
  if (Number.isNaN(n)) throw new DecimalError('cannot compare a NaN');
  if (!Number.isFinite(n)) return { kind: 'inf', sign: n > 0 ? 1 : -1 };
  if (Number.isInteger(n)) return { kind: 'finite', num: BigInt(n), twos: 0, tens: 0 };
  // Every finite double is m * 2^-k for integers m, k: find them by doubling until integral.
  let m = n;
  let k = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    k++;
  }
  return { kind: 'finite', num: BigInt(m), twos: k, tens: 0 };
}

/** Decimal(text) as Python parses it; undefined where Python raises InvalidOperation. */
function fromString(text: string): Exact | undefined {
  const special = SPECIAL.exec(text);
  if (special) {
    if (/nan/i.test(special[2] as string)) throw new DecimalError('cannot compare a NaN');
    return { kind: 'inf', sign: special[1] === '-' ? -1 : 1 };
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  if (/__|_$|^_/.test(int) || /__|_$|^_/.test(frac)) return undefined;
  const digits = ((int + frac).replace(/_/g, '') || '0').replace(/^0+(?=\d)/, '');
  const scale = frac.replace(/_/g, '').length - Number(exp);
  // Far beyond any double (1e308, 5e-324) the order is known without the digits: do not build
  // a BigInt of a billion digits for "1e999999999".
  const magnitude = digits.length - scale;
  if (digits !== '0' && magnitude > 400) return { kind: 'inf', sign: sign === '-' ? -1 : 1 };
  if (digits !== '0' && magnitude < -1200) return { kind: 'finite', num: sign === '-' ? -1n : 1n, twos: 0, tens: 1500 };
  const num = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return scale >= 0 ? { kind: 'finite', num, twos: 0, tens: scale } : { kind: 'finite', num: num * 10n ** BigInt(-scale), twos: 0, tens: 0 };
}

/** Decimal(value) for a JSON value; undefined when Python's Decimal() would raise InvalidOperation. */
export function toExact(value: unknown): Exact | undefined {
  if (typeof value === 'boolean') return { kind: 'finite', num: value ? 1n : 0n, twos: 0, tens: 0 };
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value === 'string') return fromString(value);
  throw new DecimalError(
    `conversion from ${value === null ? 'NoneType' : Array.isArray(value) ? 'list' : typeof value === 'object' ? 'dict' : typeof value} to Decimal is not supported`,
  );
}

function compare(a: Exact, b: Exact): number {
  if (a.kind === 'inf' || b.kind === 'inf') {
    const av = a.kind === 'inf' ? a.sign * 2 : 0;
    const bv = b.kind === 'inf' ? b.sign * 2 : 0;
    if (a.kind === 'inf' && b.kind === 'inf') return av - bv;
    return a.kind === 'inf' ? a.sign : -(b as { sign: number }).sign;
  }
  // a.num / (2^a.twos 10^a.tens)  vs  b.num / (2^b.twos 10^b.tens): cross-multiply.
  const left = a.num * 2n ** BigInt(b.twos) * 10n ** BigInt(b.tens);
  const right = b.num * 2n ** BigInt(a.twos) * 10n ** BigInt(a.tens);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function decimalBetween(value: Exact, low: Exact, high: Exact): boolean {
  return compare(low, value) <= 0 && compare(value, high) <= 0;
}
