// Python `re` (3.11) patterns in JavaScript: the `regex` tolerance of chaostoolkit-lib validates with
// `re.compile(pattern)` (an `re.error` makes the experiment invalid; `e.msg` is shown) and evaluates
// with `re.search(pattern, value) is not None`. This module gives the same verdicts in Node.
//
// Design: a recursive-descent parser that mirrors CPython 3.11's re/_parser.py (same tokenizer,
// grammar, checks, error messages and error positions), the two compile-time checks of
// re/_compiler.py (fixed-width look-behind, template flag), then a translator from that tree to a
// JavaScript RegExp with the `v` flag (code-point semantics, nested classes, set subtraction) that
// never uses the JS `i`, `m` or `s` flags globally: every construct whose meaning differs is spelled
// out explicitly.
//
// Python-vs-JavaScript differences handled:
// - `$` is end-of-string or before a final "\n" (`(?=\n?$)`); under MULTILINE `^`/`$` only know
//   "\n" as a line break (`(?<![^\n])` / `(?![^\n])`); `\A` / `\Z` are absolute start / end.
// - `.` excludes only "\n" (JS also excludes \r, U+2028, U+2029); DOTALL makes it `[^]`.
// - `\d` = str.isdecimal(), `\w` = str.isalnum() or "_", `\s` = str.isspace() (Unicode, as
//   Python 3.11 / Unicode 14.0 defines them: code points assigned later are subtracted), `\b`/`\B`
//   use that `\w`, and `\B` never matches the empty string (sre's AT_NON_BOUNDARY); `(?a)` /
//   `(?a:...)` switch to the ASCII definitions, `(?u)` back.
// - IGNORECASE follows sre: a cased literal, or a set holding a cased character, matches the
//   characters with the same upper(lower(c)) (lower() plus _casefix's extra cases: i/I/İ/ı are
//   one class, unlike JS case folding), spelled out as explicit classes (neither the JS flag i
//   nor V8's (?i:) modifiers are used: V8 applies them to a following set); under ASCII only
//   A-Z/a-z fold. CPython quirks kept: in a set of several members a literal beyond the BMP is
//   not lowered (`(?i)[a𐐀]` does not match "𐐀"), and an alternation of single characters is
//   such a set (`(?i)𐐀|x`).
// - inline flags: global `(?aimsux)` (only at the very start, else "global flags not at the start
//   of the expression"), scoped `(?i-s:...)`, `(?x)` verbose whitespace/comments, `(?L)` error,
//   `(?t)` template flag (rejects repeats like sre does).
// - `(?P<name>...)`, `(?P=name)`, `(?#...)`, `\0`/`\012`/`\101` octal, `\1`..`\99` references,
//   `\xhh`, `\uhhhh`, `\Uhhhhhhhh`, `{,n}` and `{,}` quantifiers, `{` as a literal when it does
//   not start a valid quantifier, `]` first in a set is a literal.
// - atomic groups `(?>...)` (Python 3.11) as `(?=(?<aN>...))\k<aN>` (a JS lookahead never
//   backtracks into its body); possessive quantifiers `*+ ++ ?+ {m,n}+` as sre runs them: each
//   iteration atomic, and the whole repeat atomic.
// - look-behind must be fixed-width in Python (JS accepts any): rejected like sre does.
// - a backreference to a group that did not participate fails in Python but matches the empty
//   string in JS: references are checked statically (see `participation`).
// - conditionals `(?(id)yes|no)`: all of Python's checks; translated when the group's
//   participation is statically known, otherwise unsupported (below).
// - re.search's start positions: sre skips those failing the pattern's leading set compiled with
//   the global flags (`(?a:\W)` finds nothing in "é", see searchFilter); V8 may start a match
//   inside a surrogate pair (see pythonSearch).
//
// Patterns Python accepts that this module rejects (message starts with "unsupported in chaos-action:"):
// - `\N{NAME}` named-character escapes (Node has no Unicode character-name database; names that
//   cannot exist get Python's "undefined character name" error);
// - a backreference to a group that may or may not have participated at that point
//   (e.g. `(a)?b\1`, `(?:(a)|b)\1`): JS would match it as the empty string;
// - a backreference under IGNORECASE (sre compares lower() of each character; JS cannot);
// - a backreference in a pattern holding a repeat whose body can match both the empty string and
//   a non-empty one (sre stops after an empty iteration, JS rejects it: captures differ);
// - inside an atomic group or possessive repeat, a greedy repeat whose body can match the empty
//   string before a non-empty one (the first match found differs, e.g. `(?>(?:a??)*)`);
// - a conditional `(?(id)yes|no)` whose group may or may not have participated at that point;
// - groups nested more than 400 deep (CPython's parser hits its recursion limit at ~495);
// - patterns V8 cannot compile ("Regular expression too large", e.g. 100000 literal characters).
// Python errors that are not `re.error` are reported as ok:false too, with Python's message:
// "the repetition number is too large", "Python int too large to convert to C int"
// (OverflowError), "ASCII and UNICODE flags are incompatible" (ValueError). Errors raised by
// sre's compiler have no position: `position` is -1 for them.
//
// Known residual difference: characters assigned after Unicode 14.0 (Node knows a newer Unicode)
// are handled for \w, \d and case folding of literals, not in every corner (a set holding a
// character whose case partner is newer).

import { compileChecks } from './compile-checks.js';
import { ReError, UNSUPPORTED } from './error.js';
import { parse } from './parser.js';
import { scannerFor } from './search.js';
import { Translator } from './translate.js';

export { pythonSearch, scannerFor, searchWithScanner } from './search.js';

export type PythonRegexResult = { ok: true; regex: RegExp } | { ok: false; message: string; position: number };

/** re.compile(pattern) for a str pattern: a JS RegExp with the same matches, or Python's error. */
export function compilePythonRegex(pattern: string): PythonRegexResult {
  try {
    const parsed = parse(pattern);
    compileChecks(parsed.root, parsed.state);
    if (parsed.state.unsupported) throw parsed.state.unsupported;
    const source = new Translator(parsed).translate();
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'v');
      // V8 compiles on first use, where "Regular expression too large" surfaces: compile now
      regex.test('');
      scannerFor(regex).test('');
    } catch (e) {
      const reason = String((e as Error).message)
        .split(': ')
        .pop();
      return { ok: false, message: `${UNSUPPORTED} the JavaScript engine rejected the translated expression (${reason})`, position: -1 };
    }
    return { ok: true, regex };
  } catch (e) {
    if (e instanceof ReError) return { ok: false, message: e.msg, position: e.pos };
    return { ok: false, message: `${UNSUPPORTED} internal error while translating the pattern (${String(e)})`, position: -1 };
  }
}
