// re.search over a RegExp made by compilePythonRegex.

const globalClones = new WeakMap<RegExp, RegExp>();

/**
 * `re.search(pattern, value) is not None`, for a regex made by compilePythonRegex. V8 may report
 * a match starting between the two halves of a surrogate pair (seen with look-behinds, flag `v`):
 * such a start is not a code-point position Python would try, so the search goes on after it.
 */
export function pythonSearch(regex: RegExp, value: string): boolean {
  const scanner = scannerFor(regex);
  scanner.lastIndex = 0;
  while (true) {
    const match = scanner.exec(value);
    if (match === null) return false;
    if (!insideSurrogatePair(value, match.index)) return true;
    scanner.lastIndex = match.index + 1;
  }
}

/** A global copy of `regex`, to resume a search after a given index. */
export function scannerFor(regex: RegExp): RegExp {
  let scanner = globalClones.get(regex);
  if (scanner === undefined) {
    scanner = new RegExp(regex.source, regex.flags.replace(/[gy]/g, '') + 'g');
    globalClones.set(regex, scanner);
  }
  return scanner;
}

function insideSurrogatePair(s: string, index: number): boolean {
  const before = s.charCodeAt(index - 1);
  const after = s.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
