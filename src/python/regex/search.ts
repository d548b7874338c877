// re.search over a RegExp made by compilePythonRegex.

const globalClones = new WeakMap<RegExp, RegExp>();

/**
 * `re.search(pattern, value) is not None`, for a regex made by compilePythonRegex. It runs on the
 * calling thread and cannot be interrupted: a run matches tolerances through a worker instead
 * (engine/regex-worker.ts), with the same loop (searchWithScanner).
 */
export function pythonSearch(regex: RegExp, value: string): boolean {
  return searchWithScanner(scannerFor(regex), value);
}

/**
 * The search loop over a scanner (scannerFor). V8 may report a match starting between the two
 * halves of a surrogate pair (seen with look-behinds, flag `v`): such a start is not a code-point
 * position Python would try, so the search goes on after it.
 *
 * Self-contained on purpose (no helpers, no closure, no nested function): the regex worker runs
 * it from its source text (Function.prototype.toString).
 */
export function searchWithScanner(scanner: RegExp, value: string): boolean {
  scanner.lastIndex = 0;
  while (true) {
    const match = scanner.exec(value);
    if (match === null) return false;
    const before = value.charCodeAt(match.index - 1);
    const after = value.charCodeAt(match.index);
    const insideSurrogatePair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
    if (!insideSurrogatePair) return true;
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
