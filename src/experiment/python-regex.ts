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

export type PythonRegexResult = { ok: true; regex: RegExp } | { ok: false; message: string; position: number };

const UNSUPPORTED = 'unsupported in chaos-action:';

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
      const reason = String((e as Error).message).split(': ').pop();
      return { ok: false, message: `${UNSUPPORTED} the JavaScript engine rejected the translated expression (${reason})`, position: -1 };
    }
    return { ok: true, regex };
  } catch (e) {
    if (e instanceof ReError) return { ok: false, message: e.msg, position: e.pos };
    return { ok: false, message: `${UNSUPPORTED} internal error while translating the pattern (${String(e)})`, position: -1 };
  }
}

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
function scannerFor(regex: RegExp): RegExp {
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

// ---------------------------------------------------------------------------------------------
// Constants of re/_constants.py and re/_parser.py

const TEMPLATE = 1;
const IGNORECASE = 2;
const LOCALE = 4;
const MULTILINE = 8;
const DOTALL = 16;
const UNICODE = 32;
const VERBOSE = 64;
const DEBUG = 128;
const ASCII = 256;
const TYPE_FLAGS = ASCII | LOCALE | UNICODE;
const GLOBAL_FLAGS = DEBUG | TEMPLATE;
const FLAGS = new Map<string, number>([
  ['i', IGNORECASE], ['L', LOCALE], ['m', MULTILINE], ['s', DOTALL], ['x', VERBOSE], ['a', ASCII], ['t', TEMPLATE], ['u', UNICODE],
]);

const MAXREPEAT = 4294967295; // _sre.MAXREPEAT
const MAXGROUPS = 1073741823n; // _sre.MAXGROUPS
const MAXCODE = 4294967295n; // _compiler.MAXCODE
const MAXWIDTH = 1n << 64n; // _parser.MAXWIDTH
const MAX_NESTING = 400;

const SPECIAL_CHARS = '.\\[{()*+?^$|';
const REPEAT_CHARS = '*+?{';
const DIGITS = new Set('0123456789');
const OCTDIGITS = new Set('01234567');
const HEXDIGITS = new Set('0123456789abcdefABCDEF');
const WHITESPACE = new Set(' \t\n\r\v\f');
const ESCAPES = new Map<string, number>([
  ['\\a', 7], ['\\b', 8], ['\\f', 12], ['\\n', 10], ['\\r', 13], ['\\t', 9], ['\\v', 11], ['\\\\', 92],
]);
type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';
type AtKind = 'beginning' | 'end' | 'beginning_string' | 'end_string' | 'boundary' | 'non_boundary';
const AT_ESCAPES = new Map<string, AtKind>([['\\A', 'beginning_string'], ['\\b', 'boundary'], ['\\B', 'non_boundary'], ['\\Z', 'end_string']]);
const CATEGORY_ESCAPES = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);

// ---------------------------------------------------------------------------------------------
// Tree

type Width = readonly [bigint, bigint];
type ClassItem = { k: 'lit'; cp: number } | { k: 'range'; lo: number; hi: number } | { k: 'cat'; cat: Category };
type RepeatMode = 'greedy' | 'lazy' | 'possessive';

type Node =
  | { t: 'lit'; cp: number; flags: number }
  | { t: 'any'; flags: number }
  | { t: 'set'; negate: boolean; items: ClassItem[]; flags: number; fromBranches?: true }
  | { t: 'at'; at: AtKind; flags: number }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'group'; id: number | null; flagged: boolean; body: Node }
  | { t: 'atomic'; body: Node }
  | { t: 'look'; behind: boolean; negate: boolean; body: Node }
  | { t: 'repeat'; min: number; max: number; mode: RepeatMode; body: Node }
  | { t: 'ref'; id: number; flags: number; pos: number }
  | { t: 'cond'; id: number; yes: Node; no: Node | null; pos: number };

class ReError {
  readonly msg: string;
  readonly pos: number;
  constructor(msg: string, pos: number) {
    this.msg = msg;
    this.pos = pos;
  }
}

/** Number of code points (Python's len() of a str). */
function cpLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: _parser.Tokenizer, over code points ("\\" + next char is one token)

class Tokenizer {
  private readonly chars: string[];
  private index = 0;
  next: string | null = null;
  private nextLen = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    this.advance();
  }

  /** Tokenizer.__next */
  private advance(): void {
    let index = this.index;
    const char = this.chars[index];
    if (char === undefined) {
      this.next = null;
      this.nextLen = 0;
      return;
    }
    let token = char;
    if (char === '\\') {
      index += 1;
      const escaped = this.chars[index];
      if (escaped === undefined) throw new ReError('bad escape (end of pattern)', this.chars.length - 1);
      token += escaped;
    }
    this.index = index + 1;
    this.next = token;
    this.nextLen = token === char ? 1 : 2;
  }

  match(char: string): boolean {
    if (char === this.next) {
      this.advance();
      return true;
    }
    return false;
  }

  get(): string | null {
    const token = this.next;
    this.advance();
    return token;
  }

  getwhile(n: number, charset: Set<string>): string {
    let result = '';
    for (let i = 0; i < n; i++) {
      const c = this.next;
      if (c === null || !charset.has(c)) break;
      result += c;
      this.advance();
    }
    return result;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    while (true) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!result) throw this.error('missing ' + name);
        throw this.error(`missing ${terminator}, unterminated name`, cpLen(result));
      }
      if (c === terminator) {
        if (!result) throw this.error('missing ' + name, 1);
        break;
      }
      result += c;
    }
    return result;
  }

  tell(): number {
    return this.index - this.nextLen;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(msg: string, offset = 0): ReError {
    return new ReError(msg, this.tell() - offset);
  }

  checkgroupname(name: string, offset: number): void {
    if (!isIdentifier(name)) throw this.error(`bad character in group name ${pyRepr(name)}`, cpLen(name) + offset);
  }
}

// ---------------------------------------------------------------------------------------------
// Parser state: _parser.State

class State {
  flags = 0;
  readonly groupdict = new Map<string, number>();
  readonly groupwidths: (Width | null)[] = [null];
  lookbehindgroups: number | null = null;
  readonly grouprefpos = new Map<number, number>();
  unsupported: ReError | null = null;

  get groups(): number {
    return this.groupwidths.length;
  }

  /** Returns the new group id, or an error message (the caller positions it). */
  opengroup(name: string | null): number | string {
    const gid = this.groups;
    this.groupwidths.push(null);
    if (name !== null) {
      const ogid = this.groupdict.get(name);
      if (ogid !== undefined) return `redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${ogid}`;
      this.groupdict.set(name, gid);
    }
    return gid;
  }

  closegroup(gid: number, body: Node): void {
    this.groupwidths[gid] = width(body, this);
  }

  checkgroup(gid: number): boolean {
    return gid < this.groups && this.groupwidths[gid] !== null;
  }

  checklookbehindgroup(gid: number, source: Tokenizer): void {
    if (this.lookbehindgroups !== null) {
      if (!this.checkgroup(gid)) throw source.error('cannot refer to an open group');
      if (gid >= this.lookbehindgroups) throw source.error('cannot refer to group defined in the same lookbehind subpattern');
    }
  }

  markUnsupported(msg: string, pos: number): void {
    this.unsupported ??= new ReError(`${UNSUPPORTED} ${msg}`, pos);
  }
}

/** _compiler._combine_flags */
function combineFlags(flags: number, add: number, del: number): number {
  if (add & TYPE_FLAGS) flags &= ~TYPE_FLAGS;
  return (flags | add) & ~del;
}

/** Scoped flag groups enclosing the current position, outermost first. */
type Scopes = ReadonlyArray<readonly [number, number]>;

function effectiveFlags(state: State, scopes: Scopes): number {
  return scopes.reduce((flags, [add, del]) => combineFlags(flags, add, del), state.flags);
}

// ---------------------------------------------------------------------------------------------
// Parser: _parser.parse, _parse_sub, _parse, _parse_flags, _escape, _class_escape

interface Parsed {
  root: Node;
  state: State;
}

/** _parser.parse(str, 0) */
function parse(pattern: string): Parsed {
  const source = new Tokenizer(pattern);
  const state = new State();
  const root = parseSub(source, state, false, 0, []);
  // fix_flags: (?a) and (?u) both given globally
  if (state.flags & ASCII && state.flags & UNICODE) throw new ReError('ASCII and UNICODE flags are incompatible', -1);
  if (source.next !== null) throw source.error('unbalanced parenthesis');
  for (const [g, pos] of state.grouprefpos) {
    if (g >= state.groups) throw new ReError(`invalid group reference ${g}`, pos);
  }
  return { root, state };
}

/** _parse_sub: an alternation a|b|c */
function parseSub(source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes): Node {
  if (nested > 2 * MAX_NESTING) throw new ReError(`${UNSUPPORTED} groups nested more than ${MAX_NESTING} deep`, source.tell());
  const items: Seq[] = [];
  while (true) {
    items.push(parseSequence(source, state, verbose, nested + 1, scopes, nested === 0 && items.length === 0));
    if (!source.match('|')) break;
    if (nested === 0) verbose = (state.flags & VERBOSE) !== 0;
  }
  return items.length === 1 ? items[0]! : optimizeBranches(items);
}

type Seq = Extract<Node, { t: 'seq' }>;

/**
 * _parse_sub's rewriting of an alternation, mirrored because sre's behaviour depends on it (see
 * emitSet): a prefix common to all branches moves out, and branches that are single literals or
 * non-negated sets become one set.
 */
function optimizeBranches(branches: Seq[]): Node {
  const prefix: Node[] = [];
  while (branches.every((b) => b.items.length > 0)) {
    const key = itemKey(branches[0]!.items[0]!);
    if (key === null || !branches.every((b) => itemKey(b.items[0]!) === key)) break;
    prefix.push(branches[0]!.items[0]!);
    branches = branches.map((b) => ({ t: 'seq', items: b.items.slice(1) }));
  }
  const members: ClassItem[] = [];
  let flags: number | null = null;
  for (const branch of branches) {
    const only = branch.items.length === 1 ? branch.items[0]! : null;
    if (only?.t === 'lit') members.push({ k: 'lit', cp: only.cp });
    else if (only?.t === 'set' && !only.negate) members.push(...uniqueItems(only.items));
    else {
      flags = null;
      break;
    }
    flags = only.flags;
  }
  const rest: Node = flags === null ? { t: 'alt', branches } : { t: 'set', negate: false, items: uniqueItems(members), flags, fromBranches: true };
  return prefix.length ? { t: 'seq', items: [...prefix, rest] } : rest;
}

function uniqueItems(items: ClassItem[]): ClassItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A set sre's parser turns into a LITERAL / NOT_LITERAL: one distinct member, a literal. */
function singleLiteral(node: Extract<Node, { t: 'set' }>): boolean {
  const items = uniqueItems(node.items);
  return !node.fromBranches && items.length === 1 && items[0]!.k === 'lit';
}

/** Python's equality of two parsed items (tuples holding subpatterns compare by identity). */
function itemKey(node: Node): string | null {
  switch (node.t) {
    case 'lit':
      return `L${node.cp}`;
    case 'set': {
      const items = uniqueItems(node.items);
      if (singleLiteral(node)) return `${node.negate ? 'N' : 'L'}${(items[0] as { cp: number }).cp}`;
      return `I${node.negate}${JSON.stringify(items)}`;
    }
    case 'any':
      return 'A';
    case 'at':
      return `T${node.at}`;
    case 'ref':
      return `R${node.id}`;
    default:
      return null;
  }
}

/** _parse: a sequence of items, up to "|", ")" or the end */
function parseSequence(source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, first: boolean): Seq {
  const items: Node[] = [];
  const flagsNow = (): number => effectiveFlags(state, scopes);

  while (true) {
    const token = source.next;
    if (token === null) break;
    if (token === '|' || token === ')') break;
    source.get();

    if (verbose) {
      // skip whitespace and comments
      if (WHITESPACE.has(token)) continue;
      if (token === '#') {
        while (true) {
          const c = source.get();
          if (c === null || c === '\n') break;
        }
        continue;
      }
    }

    if (token.startsWith('\\')) {
      items.push(parseEscape(source, token, state, flagsNow()));
    } else if (!SPECIAL_CHARS.includes(token)) {
      items.push({ t: 'lit', cp: token.codePointAt(0)!, flags: flagsNow() });
    } else if (token === '[') {
      items.push(parseSet(source, state, flagsNow()));
    } else if (REPEAT_CHARS.includes(token)) {
      parseRepeat(source, token, items, flagsNow());
    } else if (token === '.') {
      items.push({ t: 'any', flags: flagsNow() });
    } else if (token === '(') {
      const outcome = parseParen(source, state, verbose, nested, scopes, first, items.length > 0);
      if (outcome === 'verbose-on') verbose = true;
      else if (outcome === 'verbose-off') verbose = false;
      else if (outcome !== null) items.push(outcome);
    } else if (token === '^') {
      items.push({ t: 'at', at: 'beginning', flags: flagsNow() });
    } else if (token === '$') {
      items.push({ t: 'at', at: 'end', flags: flagsNow() });
    }
  }
  // unpack non-capturing groups without flags
  return { t: 'seq', items: items.flatMap((item) => (item.t === 'group' && item.id === null && !item.flagged ? (item.body.t === 'seq' ? item.body.items : [item.body]) : [item])) };
}

/** The "[" branch of _parse: a character set. */
function parseSet(source: Tokenizer, state: State, flags: number): Node {
  const here = source.tell() - 1;
  const items: ClassItem[] = [];
  const negate = source.match('^');
  while (true) {
    const token = source.get();
    if (token === null) throw source.error('unterminated character set', source.tell() - here);
    if (token === ']' && items.length > 0) break;
    const code1 = token.startsWith('\\') ? classEscape(source, token, state) : ({ k: 'lit', cp: token.codePointAt(0)! } as const);
    if (source.match('-')) {
      // potential range
      const that = source.get();
      if (that === null) throw source.error('unterminated character set', source.tell() - here);
      if (that === ']') {
        items.push(code1, { k: 'lit', cp: 0x2d });
        break;
      }
      const code2 = that.startsWith('\\') ? classEscape(source, that, state) : ({ k: 'lit', cp: that.codePointAt(0)! } as const);
      if (code1.k !== 'lit' || code2.k !== 'lit' || code2.cp < code1.cp) {
        throw source.error(`bad character range ${token}-${that}`, cpLen(token) + 1 + cpLen(that));
      }
      items.push({ k: 'range', lo: code1.cp, hi: code2.cp });
    } else {
      items.push(code1);
    }
  }
  return { t: 'set', negate, items, flags };
}

/** The repeat branch of _parse ("*", "+", "?", "{m,n}"): replaces the last item of `items`. */
function parseRepeat(source: Tokenizer, token: string, items: Node[], flags: number): void {
  const here = source.tell();
  let min = 0;
  let max = MAXREPEAT;
  if (token === '?') {
    max = 1;
  } else if (token === '+') {
    min = 1;
  } else if (token === '{') {
    if (source.next === '}') {
      items.push({ t: 'lit', cp: 0x7b, flags });
      return;
    }
    let lo = '';
    let hi = '';
    while (source.next !== null && DIGITS.has(source.next)) lo += source.get();
    if (source.match(',')) {
      while (source.next !== null && DIGITS.has(source.next)) hi += source.get();
    } else {
      hi = lo;
    }
    if (!source.match('}')) {
      // not a quantifier: a literal "{"
      items.push({ t: 'lit', cp: 0x7b, flags });
      source.seek(here);
      return;
    }
    if (lo) min = repeatCount(lo);
    if (hi) {
      max = repeatCount(hi);
      if (max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
    }
  }
  const item = items[items.length - 1];
  if (item === undefined || item.t === 'at') throw source.error('nothing to repeat', source.tell() - here + cpLen(token));
  if (item.t === 'repeat') throw source.error('multiple repeat', source.tell() - here + cpLen(token));
  let mode: RepeatMode = 'greedy';
  if (source.match('?')) mode = 'lazy';
  else if (source.match('+')) mode = 'possessive';
  items[items.length - 1] = { t: 'repeat', min, max, mode, body: item };
}

function repeatCount(digits: string): number {
  if (BigInt(digits) >= BigInt(MAXREPEAT)) throw new ReError('the repetition number is too large', -1);
  return Number(digits);
}

type ParenOutcome = Node | null | 'verbose-on' | 'verbose-off';

/** The "(" branch of _parse: groups and extensions. null: nothing to add (comment, global flags). */
function parseParen(
  source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, first: boolean, hasItems: boolean,
): ParenOutcome {
  const start = source.tell() - 1;
  let capture = true;
  let atomic = false;
  let name: string | null = null;
  let addFlags = 0;
  let delFlags = 0;
  if (source.match('?')) {
    const char = source.get();
    if (char === null) throw source.error('unexpected end of pattern');
    if (char === 'P') {
      if (source.match('<')) {
        // named group
        name = source.getuntil('>', 'group name');
        source.checkgroupname(name, 1);
      } else if (source.match('=')) {
        // named backreference
        const refName = source.getuntil(')', 'group name');
        source.checkgroupname(refName, 1);
        const gid = state.groupdict.get(refName);
        if (gid === undefined) throw source.error(`unknown group name ${pyRepr(refName)}`, cpLen(refName) + 1);
        if (!state.checkgroup(gid)) throw source.error('cannot refer to an open group', cpLen(refName) + 1);
        state.checklookbehindgroup(gid, source);
        return { t: 'ref', id: gid, flags: effectiveFlags(state, scopes), pos: start };
      } else {
        const c = source.get();
        if (c === null) throw source.error('unexpected end of pattern');
        throw source.error('unknown extension ?P' + c, cpLen(c) + 2);
      }
    } else if (char === ':') {
      capture = false;
    } else if (char === '#') {
      while (true) {
        if (source.next === null) throw source.error('missing ), unterminated comment', source.tell() - start);
        if (source.get() === ')') break;
      }
      return null;
    } else if (char === '=' || char === '!' || char === '<') {
      return parseLookaround(source, state, verbose, nested, scopes, char, start);
    } else if (char === '(') {
      return parseConditional(source, state, verbose, nested, scopes, start);
    } else if (char === '>') {
      capture = false;
      atomic = true;
    } else if (FLAGS.has(char) || char === '-') {
      const flags = parseFlags(source, state, char);
      if (flags === null) {
        // global flags
        if (!first || hasItems) throw source.error('global flags not at the start of the expression', source.tell() - start);
        return state.flags & VERBOSE ? 'verbose-on' : 'verbose-off';
      }
      [addFlags, delFlags] = flags;
      capture = false;
    } else {
      throw source.error('unknown extension ?' + char, cpLen(char) + 1);
    }
  }

  // parse group contents
  let group: number | null = null;
  if (capture) {
    const opened = state.opengroup(name);
    if (typeof opened === 'string') throw source.error(opened, cpLen(name ?? '') + 1);
    group = opened;
  }
  const subVerbose = (verbose || (addFlags & VERBOSE) !== 0) && !(delFlags & VERBOSE);
  const subScopes: Scopes = addFlags || delFlags ? [...scopes, [addFlags, delFlags]] : scopes;
  const body = parseSub(source, state, subVerbose, nested + 1, subScopes);
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  if (group !== null) state.closegroup(group, body);
  return atomic ? { t: 'atomic', body } : { t: 'group', id: group, flagged: (addFlags | delFlags) !== 0, body };
}

/** (?=...), (?!...), (?<=...), (?<!...) */
function parseLookaround(
  source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, char: string, start: number,
): Node {
  let kind = char;
  const behind = char === '<';
  let outerLookbehind: number | null = null;
  if (behind) {
    const c = source.get();
    if (c === null) throw source.error('unexpected end of pattern');
    if (c !== '=' && c !== '!') throw source.error('unknown extension ?<' + c, cpLen(c) + 2);
    kind = c;
    outerLookbehind = state.lookbehindgroups;
    if (outerLookbehind === null) state.lookbehindgroups = state.groups;
  }
  const body = parseSub(source, state, verbose, nested + 1, scopes);
  if (behind && outerLookbehind === null) state.lookbehindgroups = null;
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  return { t: 'look', behind, negate: kind === '!', body };
}

/** (?(id/name)yes|no) */
function parseConditional(
  source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, start: number,
): Node {
  const condname = source.getuntil(')', 'group name');
  let condgroup: number;
  if (isIdentifier(condname)) {
    const gid = state.groupdict.get(condname);
    if (gid === undefined) throw source.error(`unknown group name ${pyRepr(condname)}`, cpLen(condname) + 1);
    condgroup = gid;
  } else {
    const value = pyInt(condname);
    if (value === null || value < 0n) throw source.error(`bad character in group name ${pyRepr(condname)}`, cpLen(condname) + 1);
    if (value === 0n) throw source.error('bad group number', cpLen(condname) + 1);
    if (value >= MAXGROUPS) throw source.error(`invalid group reference ${value}`, cpLen(condname) + 1);
    condgroup = Number(value);
    if (!state.grouprefpos.has(condgroup)) state.grouprefpos.set(condgroup, source.tell() - cpLen(condname) - 1);
  }
  state.checklookbehindgroup(condgroup, source);
  const yes = parseSequence(source, state, verbose, nested + 1, scopes, false);
  let no: Node | null = null;
  if (source.match('|')) {
    no = parseSequence(source, state, verbose, nested + 1, scopes, false);
    if (source.next === '|') throw source.error('conditional backref with more than two branches');
  }
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  return { t: 'cond', id: condgroup, yes, no, pos: start };
}

/** _parse_flags: null for global flags "(?imsx)", else [add, del] for "(?i-s:" */
function parseFlags(source: Tokenizer, state: State, first: string): [number, number] | null {
  let char: string | null = first;
  let add = 0;
  let del = 0;
  if (char !== '-') {
    while (true) {
      const flag = FLAGS.get(char)!;
      if (char === 'L') throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      add |= flag;
      if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      char = source.get();
      if (char === null) throw source.error('missing -, : or )');
      if (char === ')' || char === '-' || char === ':') break;
      if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing -, : or )', cpLen(char));
    }
  }
  if (char === ')') {
    state.flags |= add;
    return null;
  }
  if (add & GLOBAL_FLAGS) throw source.error('bad inline flags: cannot turn on global flag', 1);
  if (char === '-') {
    char = source.get();
    if (char === null) throw source.error('missing flag');
    if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing flag', cpLen(char));
    while (true) {
      const flag = FLAGS.get(char)!;
      if (flag & TYPE_FLAGS) throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      del |= flag;
      char = source.get();
      if (char === null) throw source.error('missing :');
      if (char === ':') break;
      if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing :', cpLen(char));
    }
  }
  if (del & GLOBAL_FLAGS) throw source.error('bad inline flags: cannot turn off global flag', 1);
  if (add & del) throw source.error('bad inline flags: flag turned on and off', 1);
  return [add, del];
}

/** Escapes shared by _escape and _class_escape: \x \u \U \N. null when `escape` is none of them. */
function numericEscape(source: Tokenizer, escape: string, state: State): number | null {
  const c = escape[1];
  if (c === 'x' || c === 'u' || c === 'U') {
    const size = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    escape += source.getwhile(size, HEXDIGITS);
    if (escape.length !== size + 2) throw source.error(`incomplete escape ${escape}`, escape.length);
    const value = parseInt(escape.slice(2), 16);
    // chr() raises OverflowError beyond a C int, ValueError (turned into "bad escape") beyond 0x10ffff
    if (value > 0x7fffffff) throw new ReError('Python int too large to convert to C int', -1);
    if (value > 0x10ffff) throw source.error(`bad escape ${escape}`, escape.length);
    return value;
  }
  if (c === 'N') {
    // named unicode escape e.g. \N{EM DASH}
    if (!source.match('{')) throw source.error('missing {');
    const charname = source.getuntil('}', 'character name');
    // Unicode names and aliases are words of A-Z, 0-9 and "-" not starting with a digit, joined
    // by single spaces (unicodedata.lookup ignores case): anything else is surely undefined.
    if (cpLen(charname) < 2 || !/^[A-Za-z-][A-Za-z0-9-]*(?: [A-Za-z-][A-Za-z0-9-]*)*$/.test(charname)) {
      throw source.error(`undefined character name ${pyRepr(charname)}`, cpLen(charname) + 4);
    }
    state.markUnsupported('\\N{...} named character escapes (no Unicode name database in Node: write the character or \\uXXXX)', source.tell() - cpLen(charname) - 4);
    return 0xfffd;
  }
  return null;
}

/** _class_escape: an escape inside a set */
function classEscape(source: Tokenizer, escape: string, state: State): ClassItem {
  const code = ESCAPES.get(escape);
  if (code !== undefined) return { k: 'lit', cp: code };
  if (CATEGORY_ESCAPES.has(escape)) return { k: 'cat', cat: escape[1] as Category };
  const numeric = numericEscape(source, escape, state);
  if (numeric !== null) return { k: 'lit', cp: numeric };
  const c = escape.slice(1);
  if (OCTDIGITS.has(c)) {
    // octal escape (up to three digits)
    escape += source.getwhile(2, OCTDIGITS);
    const value = parseInt(escape.slice(1), 8);
    if (value > 0o377) throw source.error(`octal escape value ${escape} outside of range 0-0o377`, cpLen(escape));
    return { k: 'lit', cp: value };
  }
  if (!DIGITS.has(c) && !isAsciiLetter(c)) return { k: 'lit', cp: c.codePointAt(0)! };
  throw source.error(`bad escape ${escape}`, cpLen(escape));
}

/** _escape: an escape outside a set */
function parseEscape(source: Tokenizer, escape: string, state: State, flags: number): Node {
  const at = AT_ESCAPES.get(escape);
  if (at !== undefined) return { t: 'at', at, flags };
  if (CATEGORY_ESCAPES.has(escape)) return { t: 'set', negate: false, items: [{ k: 'cat', cat: escape[1] as Category }], flags };
  const code = ESCAPES.get(escape);
  if (code !== undefined) return { t: 'lit', cp: code, flags };
  const numeric = numericEscape(source, escape, state);
  if (numeric !== null) return { t: 'lit', cp: numeric, flags };
  const c = escape.slice(1);
  if (c === '0') {
    // octal escape
    escape += source.getwhile(2, OCTDIGITS);
    return { t: 'lit', cp: parseInt(escape.slice(1), 8), flags };
  }
  if (DIGITS.has(c)) {
    // octal escape *or* decimal group reference (sigh)
    const escapeStart = source.tell() - 2;
    if (source.next !== null && DIGITS.has(source.next)) {
      escape += source.get();
      if (OCTDIGITS.has(escape[1]!) && OCTDIGITS.has(escape[2]!) && source.next !== null && OCTDIGITS.has(source.next)) {
        // got three octal digits; this is an octal escape
        escape += source.get();
        const value = parseInt(escape.slice(1), 8);
        if (value > 0o377) throw source.error(`octal escape value ${escape} outside of range 0-0o377`, escape.length);
        return { t: 'lit', cp: value, flags };
      }
    }
    // not an octal escape, so this is a group reference
    const group = Number(escape.slice(1));
    if (group < state.groups) {
      if (!state.checkgroup(group)) throw source.error('cannot refer to an open group', escape.length);
      state.checklookbehindgroup(group, source);
      return { t: 'ref', id: group, flags, pos: escapeStart };
    }
    throw source.error(`invalid group reference ${group}`, escape.length - 1);
  }
  if (!isAsciiLetter(c)) return { t: 'lit', cp: c.codePointAt(0)!, flags };
  throw source.error(`bad escape ${escape}`, cpLen(escape));
}

// ---------------------------------------------------------------------------------------------
// Widths (SubPattern.getwidth) and the checks of _compiler._compile

function width(node: Node, state: State): Width {
  switch (node.t) {
    case 'lit':
    case 'any':
    case 'set':
      return [1n, 1n];
    case 'at':
    case 'look':
      return [0n, 0n];
    case 'group':
    case 'atomic':
      return width(node.body, state);
    case 'seq': {
      let lo = 0n;
      let hi = 0n;
      for (const item of node.items) {
        const [l, h] = width(item, state);
        lo += l;
        hi += h;
      }
      return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
    }
    case 'alt': {
      let lo = MAXWIDTH;
      let hi = 0n;
      for (const branch of node.branches) {
        const [l, h] = width(branch, state);
        if (l < lo) lo = l;
        if (h > hi) hi = h;
      }
      return [lo, hi];
    }
    case 'repeat': {
      const [i, j] = width(node.body, state);
      const lo = i * BigInt(node.min);
      const hi = node.max === MAXREPEAT && j ? MAXWIDTH : j * BigInt(node.max);
      return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
    }
    case 'ref':
      return state.groupwidths[node.id]!;
    case 'cond': {
      let [i, j] = width(node.yes, state);
      if (node.no !== null) {
        const [l, h] = width(node.no, state);
        if (l < i) i = l;
        if (h > j) j = h;
      } else {
        i = 0n;
      }
      return [i, j];
    }
  }
}

const REPEAT_OPCODES: Record<RepeatMode, string> = { greedy: 'MAX_REPEAT', lazy: 'MIN_REPEAT', possessive: 'POSSESSIVE_REPEAT' };

/** The errors _compiler._compile raises, in its (pre-order) traversal order; they have no position. */
function compileChecks(node: Node, state: State): void {
  switch (node.t) {
    case 'repeat':
      if (state.flags & TEMPLATE) throw new ReError(`internal: unsupported template operator ${REPEAT_OPCODES[node.mode]}`, -1);
      compileChecks(node.body, state);
      return;
    case 'look':
      if (node.behind) {
        const [lo, hi] = width(node.body, state);
        if (lo > MAXCODE) throw new ReError('looks too much behind', -1);
        if (lo !== hi) throw new ReError('look-behind requires fixed-width pattern', -1);
      }
      compileChecks(node.body, state);
      return;
    default:
      for (const child of children(node)) compileChecks(child, state);
  }
}

function children(node: Node): Node[] {
  switch (node.t) {
    case 'seq':
      return node.items;
    case 'alt':
      return node.branches;
    case 'group':
    case 'atomic':
    case 'look':
    case 'repeat':
      return [node.body];
    case 'cond':
      return node.no === null ? [node.yes] : [node.yes, node.no];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Translation to a JavaScript RegExp source (flag `v`)

// Code points JS (Node's newer Unicode) counts as letters/digits but Python 3.11's Unicode 14.0
// database does not know: subtracted from \w and \d.
const POST_UNICODE_14_ALNUM =
  '\\u{88f}\\u{c5c}\\u{cdc}\\u{1c89}-\\u{1c8a}\\u{a7cb}-\\u{a7cf}\\u{a7d2}\\u{a7d4}\\u{a7da}-\\u{a7dc}\\u{a7f1}\\u{105c0}-\\u{105f3}' +
  '\\u{10940}-\\u{10959}\\u{10d40}-\\u{10d65}\\u{10d6f}-\\u{10d85}\\u{10ec2}-\\u{10ec7}\\u{1123f}-\\u{11240}\\u{11380}-\\u{11389}' +
  '\\u{1138b}\\u{1138e}\\u{11390}-\\u{113b5}\\u{113b7}\\u{113d1}\\u{113d3}\\u{116d0}-\\u{116e3}\\u{11bc0}-\\u{11be0}\\u{11bf0}-\\u{11bf9}' +
  '\\u{11db0}-\\u{11ddb}\\u{11de0}-\\u{11de9}\\u{11f02}\\u{11f04}-\\u{11f10}\\u{11f12}-\\u{11f33}\\u{11f50}-\\u{11f59}\\u{1342f}' +
  '\\u{13441}-\\u{13446}\\u{13460}-\\u{143fa}\\u{16100}-\\u{1611d}\\u{16130}-\\u{16139}\\u{16d40}-\\u{16d6c}\\u{16d70}-\\u{16d79}' +
  '\\u{16ea0}-\\u{16eb8}\\u{16ebb}-\\u{16ed3}\\u{16ff2}-\\u{16ff6}\\u{187f8}-\\u{187ff}\\u{18cff}\\u{18d09}-\\u{18d1e}\\u{18d80}-\\u{18df2}' +
  '\\u{1b132}\\u{1b155}\\u{1ccf0}-\\u{1ccf9}\\u{1d2c0}-\\u{1d2d3}\\u{1df25}-\\u{1df2a}\\u{1e030}-\\u{1e06d}\\u{1e4d0}-\\u{1e4eb}' +
  '\\u{1e4f0}-\\u{1e4f9}\\u{1e5d0}-\\u{1e5ed}\\u{1e5f0}-\\u{1e5fa}\\u{1e6c0}-\\u{1e6de}\\u{1e6e0}-\\u{1e6e2}\\u{1e6e4}-\\u{1e6e5}' +
  '\\u{1e6e7}-\\u{1e6ed}\\u{1e6f0}-\\u{1e6f4}\\u{1e6fe}-\\u{1e6ff}\\u{2b739}-\\u{2b73f}\\u{2cea2}-\\u{2cead}\\u{2ebf0}-\\u{2ee5d}\\u{31350}-\\u{33479}';

// sre's CATEGORY_UNI_* (Py_UNICODE_ISDECIMAL / ISALNUM / ISSPACE) and CATEGORY_* (ASCII).
const UNICODE_CATEGORIES = {
  d: `[\\p{Nd}--[${POST_UNICODE_14_ALNUM}]]`,
  w: `[[\\p{L}\\p{N}_]--[${POST_UNICODE_14_ALNUM}]]`,
  s: '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
};
const ASCII_CATEGORIES = { d: '[0-9]', w: '[A-Za-z0-9_]', s: '[\\t-\\r\\x20]' };

/** A nested v-mode class for a category escape. */
function categoryClass(cat: Category, flags: number): string {
  const table = flags & ASCII ? ASCII_CATEGORIES : UNICODE_CATEGORIES;
  const base = table[cat.toLowerCase() as 'd' | 'w' | 's'];
  return cat === cat.toLowerCase() ? base : `[^${base}]`;
}

/** A code point as a v-mode class member or atom. */
function esc(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}

function isAsciiLetterCp(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

// Characters that are cased for Node's Unicode but not for Python 3.11 (Unicode 14.0).
const NOT_CASED_IN_PYTHON: ReadonlyArray<readonly [number, number]> = [
  [0x19b, 0x19b], [0x264, 0x264], [0x1c89, 0x1c8a], [0xa7cb, 0xa7cf], [0xa7d2, 0xa7d5], [0xa7da, 0xa7dc],
  [0x10d50, 0x10d65], [0x10d70, 0x10d85], [0x16ea0, 0x16eb8], [0x16ebb, 0x16ed3],
];
const CASED_LIMIT = 0x20000; // no cased character above plane 1

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
function getCaseTables(): CaseTables {
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

function isCased(cp: number): boolean {
  return cp < CASED_LIMIT && getCaseTables().cased[cp] === 1;
}

function memberRange(item: ClassItem): [number, number] | null {
  if (item.k === 'cat') return null;
  return item.k === 'lit' ? [item.cp, item.cp] : [item.lo, item.hi];
}

/** Whether a set member holds a cased character (ascii_iscased under ASCII). */
function memberHasCased(item: ClassItem, flags: number): boolean {
  const range = memberRange(item);
  if (range === null) return false;
  const [lo, hi] = range;
  if (flags & ASCII) return lo <= 0x7a && hi >= 0x41 && !(lo > 0x5a && hi < 0x61);
  for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++) if (isCased(cp)) return true;
  return false;
}

/**
 * The code points a member matches under IGNORECASE (`hascased` sets, and cased literals as a
 * one-member set): sre tests lower(ch) against lowered members plus their _casefix extra cases,
 * i.e. the member's characters and their case variants. Except (a CPython quirk) a literal
 * outside the BMP in a set of several members: _optimize_charset keeps it unlowered in the
 * "tail", so it matches the characters whose lower() it is, not itself when it is uppercase.
 */
function foldedMember(item: ClassItem, flags: number, alone: boolean): string {
  const range = memberRange(item);
  if (range === null) return emitMember(item, flags);
  const [lo, hi] = range;
  const extra: number[] = [];
  if (flags & ASCII) {
    // ascii_tolower: only A-Z / a-z fold
    for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++) if (isAsciiLetterCp(cp)) extra.push(cp ^ 0x20);
    // a range reaching beyond the BMP goes to the "tail" as RANGE_UNI_IGNORE, which also tests
    // the (Unicode) upper() of the character
    if (hi > 0xffff) {
      for (let cp = 0; cp < CASED_LIMIT; cp++) {
        if (!isCased(cp) || (cp >= lo && cp <= hi)) continue;
        const upper = Array.from(String.fromCodePoint(cp).toUpperCase());
        const u = upper.length === 1 ? upper[0]!.codePointAt(0)! : cp;
        if (u >= lo && u <= hi) extra.push(cp);
      }
    }
    return emitMember(item, flags) + extra.map(esc).join('');
  }
  const { classes } = getCaseTables();
  if (item.k === 'lit' && item.cp > 0xffff && !alone) {
    const lowersTo = [item.cp, ...(classes.get(item.cp) ?? [])].filter((c) => String.fromCodePoint(c).toLowerCase() === String.fromCodePoint(item.cp));
    return [...new Set(lowersTo)].map(esc).join('');
  }
  for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++) {
    for (const other of classes.get(cp) ?? []) if (other < lo || other > hi) extra.push(other);
  }
  return emitMember(item, flags) + extra.map(esc).join('');
}

function emitMember(item: ClassItem, flags: number): string {
  if (item.k === 'lit') return esc(item.cp);
  if (item.k === 'range') return `${esc(item.lo)}-${esc(item.hi)}`;
  return categoryClass(item.cat, flags);
}

/** A literal; under IGNORECASE as sre compares it (LITERAL_UNI_IGNORE / IN_UNI_IGNORE / LITERAL_IGNORE). */
function emitLiteral(cp: number, flags: number): string {
  if (flags & IGNORECASE && (flags & ASCII ? isAsciiLetterCp(cp) : isCased(cp))) {
    return emitSet({ t: 'set', negate: false, items: [{ k: 'lit', cp }], flags });
  }
  return esc(cp);
}

/**
 * A set, as a v-mode class. Under IGNORECASE a set holding a cased character (`hascased`) is
 * matched through lower() (IN_UNI_IGNORE / IN_IGNORE): see foldedMember. Categories are not
 * affected by case. A set of one distinct literal is a (NOT_)LITERAL for sre (_parse).
 */
function emitSet(node: Extract<Node, { t: 'set' }>): string {
  const { negate, items, flags } = node;
  let body: string;
  // _optimize_charset's `hascased`: a cased member, or any member beyond the BMP (its "tail")
  const hascased = items.some((item) => memberHasCased(item, flags) || (memberRange(item)?.[1] ?? 0) > 0xffff);
  if (flags & IGNORECASE && hascased) {
    const alone = singleLiteral(node);
    body = items.map((item) => foldedMember(item, flags, alone)).join('');
  } else {
    body = items.map((item) => emitMember(item, flags)).join('');
  }
  return `[${negate ? '^' : ''}${body}]`;
}

/** Anchors: sre's AT_* codes (AT_MULTILINE / AT_UNICODE variants chosen by the flags). */
function emitAt(node: Extract<Node, { t: 'at' }>): string {
  const multiline = (node.flags & MULTILINE) !== 0;
  switch (node.at) {
    case 'beginning':
      return multiline ? '(?<![^\\n])' : '^';
    case 'end':
      return multiline ? '(?![^\\n])' : '(?=\\n?$)';
    case 'beginning_string':
      return '^';
    case 'end_string':
      return '$';
    case 'boundary': {
      const w = categoryClass('w', node.flags);
      return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
    }
    case 'non_boundary': {
      // AT_NON_BOUNDARY fails on an empty string
      const w = categoryClass('w', node.flags);
      return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))(?:(?<=[^])|(?=[^]))`;
    }
  }
}

function quantifier(min: number, max: number): string {
  if (max === MAXREPEAT) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/**
 * sre's search skips start positions that fail the pattern's "charset prefix" (_compiler
 * _get_charset_prefix / _compile_info), and compiles that charset's categories with the
 * pattern's global flags even when the set sits in a scoped (?a:...) / (?u:...) group: then
 * `re.search('(?a:\\W)', 'é')` finds nothing. Mirrored with a lookahead in that case only.
 */
function searchFilter(root: Node, globalFlags: number): string {
  let node: Node = root;
  while (node.t !== 'set') {
    if (node.t === 'seq' && node.items.length > 0) node = node.items[0]!;
    else if (node.t === 'group') node = node.body;
    else return '';
  }
  const set = node;
  const hasCategory = set.items.some((item) => item.k === 'cat');
  if (!hasCategory || (set.flags & ASCII) === (globalFlags & ASCII)) return '';
  // _get_charset_prefix gives up on cased members and on ranges beyond the BMP
  const blocks = (item: ClassItem): boolean => memberHasCased(item, set.flags) || (item.k === 'range' && item.hi > 0xffff);
  if (set.flags & IGNORECASE && set.items.some(blocks)) return '';
  const flags = (set.flags & ~(ASCII | IGNORECASE)) | (globalFlags & ASCII);
  return `(?=${emitSet({ ...set, flags })})`;
}

/** Whether, in match priority order, `node` can match the empty string before a non-empty one. */
function emptyFirst(node: Node, state: State): boolean {
  const canEmpty = (n: Node): boolean => width(n, state)[0] === 0n;
  const canNonEmpty = (n: Node): boolean => width(n, state)[1] > 0n;
  const alternatives = (branches: Node[]): boolean =>
    branches.some((b) => emptyFirst(b, state)) || branches.some((b, i) => canEmpty(b) && branches.slice(i + 1).some(canNonEmpty));
  switch (node.t) {
    case 'seq':
      return node.items.every(canEmpty) && node.items.some((item) => emptyFirst(item, state));
    case 'alt':
      return alternatives(node.branches);
    case 'cond':
      return alternatives([node.yes, node.no ?? { t: 'seq', items: [] }]);
    case 'group':
      return emptyFirst(node.body, state);
    case 'repeat':
      if (node.mode === 'lazy') return canNonEmpty(node.body) && (node.min === 0 || canEmpty(node.body));
      return node.mode === 'greedy' && emptyFirst(node.body, state);
    default:
      return false;
  }
}

type Step = { node: Node; key: number };
type Participation = 'always' | 'never' | 'maybe';

class Translator {
  private readonly groupPaths = new Map<number, Step[]>();
  private readonly usePaths = new Map<Node, Step[]>();
  private atomicCount = 0;
  private readonly parsed: Parsed;

  constructor(parsed: Parsed) {
    this.parsed = parsed;
  }

  translate(): string {
    this.index(this.parsed.root, []);
    const hasBackreference = [...this.usePaths.keys()].some((use) => use.t === 'ref');
    this.checkLoopOrder(this.parsed.root, hasBackreference, false, false);
    return searchFilter(this.parsed.root, this.parsed.state.flags) + this.emit(this.parsed.root, false);
  }

  /**
   * sre and JS explore a loop whose body can match the empty string in a different order: sre
   * accepts an empty iteration and stops looping (MAX_UNTIL's "zero-width match protection"),
   * JS rejects the empty iteration and backtracks into the body. Same set of matches, so
   * re.search agrees, except where the first match found matters: inside an atomic group or a
   * possessive repeat (when the body can match empty before non-empty), or when a
   * backreference reads what such a loop captured. Those few patterns are unsupported.
   */
  private checkLoopOrder(node: Node, hasBackreference: boolean, inAtomic: boolean, inLookbehind: boolean): void {
    const state = this.parsed.state;
    if (node.t === 'repeat' && node.max > 0) {
      const [lo, hi] = width(node.body, state);
      if (hasBackreference && lo === 0n && hi > 0n) {
        throw new ReError(`${UNSUPPORTED} a backreference in a pattern with a repeat of a subpattern that can match the empty string (sre and JavaScript capture differently there)`, -1);
      }
      if (inAtomic && !inLookbehind && node.mode === 'greedy' && emptyFirst(node.body, state)) {
        throw new ReError(`${UNSUPPORTED} an atomic group or possessive repeat around a repeat of a subpattern that can match the empty string first (sre and JavaScript try its matches in a different order)`, -1);
      }
    }
    const atomicHere = node.t === 'atomic' || (node.t === 'repeat' && node.mode === 'possessive');
    const lookbehind = node.t === 'look' ? node.behind : inLookbehind;
    for (const child of children(node)) this.checkLoopOrder(child, hasBackreference, inAtomic || atomicHere, lookbehind);
  }

  /** Records the ancestors of every capturing group, backreference and conditional. */
  private index(node: Node, path: Step[]): void {
    if (node.t === 'group' && node.id !== null) this.groupPaths.set(node.id, path);
    if (node.t === 'ref' || node.t === 'cond') this.usePaths.set(node, path);
    children(node).forEach((child, key) => this.index(child, [...path, { node, key }]));
  }

  /**
   * Whether group `id` has certainly / certainly not / maybe participated when `use` is reached.
   * sre fails a reference to an unset group, JS matches it as empty, and JS also resets the
   * captures of a quantified group at each iteration: only the certain cases are translated.
   */
  private participation(id: number, use: Node): Participation {
    const gp = this.groupPaths.get(id);
    const up = this.usePaths.get(use);
    if (gp === undefined || up === undefined) return 'maybe';
    let k = 0;
    while (k < gp.length && k < up.length && gp[k]!.node === up[k]!.node && gp[k]!.key === up[k]!.key) k++;
    if (k === gp.length || k === up.length) return 'maybe'; // one inside the other
    const fork = gp[k]!;
    if (fork.node.t !== 'seq' || fork.key > up[k]!.key) return 'maybe'; // other branch, or the group comes later
    let result: Participation = 'always';
    for (const { node } of gp.slice(k + 1)) {
      if ((node.t === 'look' && node.negate) || (node.t === 'repeat' && node.max === 0)) return 'never';
      if (node.t === 'alt' || node.t === 'cond' || (node.t === 'repeat' && node.min === 0)) result = 'maybe';
    }
    return result;
  }

  /** (?>...) as a lookahead capture consumed by a backreference; plain inside a (fixed-width) look-behind. */
  private atomic(body: string, inLookbehind: boolean): string {
    if (inLookbehind) return `(?:${body})`;
    const name = `a${++this.atomicCount}`;
    return `(?=(?<${name}>${body}))\\k<${name}>`;
  }

  private emit(node: Node, inLookbehind: boolean): string {
    switch (node.t) {
      case 'lit':
        return emitLiteral(node.cp, node.flags);
      case 'any':
        return node.flags & DOTALL ? '[^]' : '[^\\n]';
      case 'set':
        return emitSet(node);
      case 'at':
        return emitAt(node);
      case 'seq':
        return node.items.map((item) => this.emit(item, inLookbehind)).join('');
      case 'alt':
        return `(?:${node.branches.map((branch) => this.emit(branch, inLookbehind)).join('|')})`;
      case 'group':
        return node.id === null ? `(?:${this.emit(node.body, inLookbehind)})` : `(?<g${node.id}>${this.emit(node.body, inLookbehind)})`;
      case 'atomic':
        return this.atomic(this.emit(node.body, inLookbehind), inLookbehind);
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.emit(node.body, node.behind)})`;
      case 'repeat': {
        const body = this.emit(node.body, inLookbehind);
        const quantified = `(?:${body})${quantifier(node.min, node.max)}`;
        if (node.mode === 'lazy') return quantified + '?';
        if (node.mode === 'greedy') return quantified;
        // sre's POSSESSIVE_REPEAT matches each iteration on its own (no backtracking into it), then the tail
        return this.atomic(`(?:${this.atomic(body, inLookbehind)})${quantifier(node.min, node.max)}`, inLookbehind);
      }
      case 'ref':
        return this.emitRef(node);
      case 'cond':
        return this.emitCond(node, inLookbehind);
    }
  }

  private emitRef(node: Extract<Node, { t: 'ref' }>): string {
    switch (this.participation(node.id, node)) {
      case 'never':
        return '(?!)';
      case 'maybe':
        throw new ReError(`${UNSUPPORTED} backreference to group ${node.id}, which may not have participated in the match at that point (JavaScript would match it as empty)`, node.pos);
      case 'always':
        if (node.flags & IGNORECASE) {
          throw new ReError(`${UNSUPPORTED} backreference under IGNORECASE (sre compares lower() of each character, JavaScript has no equivalent)`, node.pos);
        }
        return `\\k<g${node.id}>`;
    }
  }

  private emitCond(node: Extract<Node, { t: 'cond' }>, inLookbehind: boolean): string {
    switch (this.participation(node.id, node)) {
      case 'never':
        return node.no === null ? '' : `(?:${this.emit(node.no, inLookbehind)})`;
      case 'maybe':
        throw new ReError(`${UNSUPPORTED} conditional (?(${node.id})...) on a group that may or may not have participated at that point`, node.pos);
      case 'always':
        return `(?:${this.emit(node.yes, inLookbehind)})`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Python str helpers

function isAsciiLetter(c: string): boolean {
  return /^[A-Za-z]$/.test(c);
}

/** str.isalpha() of one token (a two-character escape token is never alphabetic). */
function isAlpha(token: string): boolean {
  return /^\p{L}$/u.test(token);
}

/** str.isidentifier() */
function isIdentifier(s: string): boolean {
  return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(s);
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr() of a str */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}

const PY_SPACE = new RegExp(`^${UNICODE_CATEGORIES.s}$`, 'v');

/** The value of a decimal digit (Unicode Nd digits come in runs of ten starting at 0). */
function decimalValue(ch: string): number | null {
  if (!/^\p{Nd}$/u.test(ch)) return null;
  let cp = ch.codePointAt(0)!;
  let run = 0;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    run++;
  }
  return run % 10;
}

/** int(s) for a str (decimal digits of any script, "_" separators, surrounding spaces); null on ValueError. */
function pyInt(s: string): bigint | null {
  let ascii = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) ascii += ch;
    else if (PY_SPACE.test(ch)) ascii += ' ';
    else {
      const digit = decimalValue(ch);
      if (digit === null) return null;
      ascii += String(digit);
    }
  }
  const m = /^[ \t\n\r\v\f]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\r\v\f]*$/.exec(ascii);
  if (!m) return null;
  const digits = m[2]!.replaceAll('_', '');
  if (digits.length > 4300) return null; // sys.int_info.default_max_str_digits
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}
