// Case tables for IGNORECASE: which characters are cased, and which ones sre treats as equal.

// Characters that are cased for Node's Unicode but not for Python 3.11 (Unicode 14.0).
const NOT_CASED_IN_PYTHON: ReadonlyArray<readonly [number, number]> = [
  [0x19b, 0x19b],
  [0x264, 0x264],
  [0x1c89, 0x1c8a],
  [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d5],
  [0xa7da, 0xa7dc],
  [0x10d50, 0x10d65],
  [0x10d70, 0x10d85],
  [0x16ea0, 0x16eb8],
  [0x16ebb, 0x16ed3],
];
export const CASED_LIMIT = 0x20000; // no cased character above plane 1

interface CaseTables {
  /** _sre.unicode_iscased: lower(c) != c or upper(c) != c */
  readonly cased: Uint8Array;
  /** the code points sre's IGNORECASE treats as equal to a cased one (itself included) */
  readonly classes: Map<number, readonly number[]>;
}

let caseTables: CaseTables | null = null;

/**
 * sre (unicode, IGNORECASE) matches ch against a cased c when lower(ch) is lower(c) or one of
 * _casefix._EXTRA_CASES[lower(c)] ("lowercased characters which have the same uppercase"),
 * i.e. when upper(lower(ch)) == upper(lower(c)). Built once, from Node's case mappings (İ's
 * simple lowercase is "i"; its full lowercase is "i̇"). JS's own case folding (flag i) differs
 * (İ, ı) and V8's (?i:) modifiers mis-handle following sets, hence explicit classes.
 */
export function getCaseTables(): CaseTables {
  if (caseTables !== null) return caseTables;
  const cased = new Uint8Array(CASED_LIMIT);
  for (let c = 0; c < CASED_LIMIT; c++) {
    const s = String.fromCodePoint(c);
    if (s.toLowerCase() !== s || s.toUpperCase() !== s) cased[c] = 1;
  }
  for (const [lo, hi] of NOT_CASED_IN_PYTHON) cased.fill(0, lo, hi + 1);
  const byKey = new Map<string, number[]>();
  for (let c = 0; c < CASED_LIMIT; c++) {
    if (!cased[c]) continue;
    const key = (c === 0x130 ? 'i' : String.fromCodePoint(c).toLowerCase()).toUpperCase();
    const members = byKey.get(key);
    if (members) members.push(c);
    else byKey.set(key, [c]);
  }
  const classes = new Map<number, readonly number[]>();
  for (const members of byKey.values()) for (const c of members) classes.set(c, members);
  caseTables = { cased, classes };
  return caseTables;
}

export function isCased(cp: number): boolean {
  return cp < CASED_LIMIT && getCaseTables().cased[cp] === 1;
}
