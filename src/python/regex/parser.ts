// Parser: _parser.parse, _parse_sub, _parse, and _parse's "(" branch (groups and extensions).
// The other branches of _parse live in parse-set.ts, parse-repeat.ts, parse-flags.ts and parse-escapes.ts.

import { ASCII, FLAGS, MAXGROUPS, MAX_NESTING, REPEAT_CHARS, SPECIAL_CHARS, UNICODE, VERBOSE, WHITESPACE } from './constants.js';
import { ReError, UNSUPPORTED } from './error.js';
import { optimizeBranches } from './optimize-branches.js';
import { parseEscape } from './parse-escapes.js';
import { parseFlags } from './parse-flags.js';
import { parseRepeat } from './parse-repeat.js';
import { parseSet } from './parse-set.js';
import { cpLen, isIdentifier, pyInt, pyRepr } from './python-str.js';
import { effectiveFlags, State, type Scopes } from './state.js';
import { Tokenizer } from './tokenizer.js';
import type { Node, Seq } from './tree.js';

export interface Parsed {
  root: Node;
  state: State;
}

/** _parser.parse(str, 0) */
export function parse(pattern: string): Parsed {
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
  return {
    t: 'seq',
    items: items.flatMap((item) =>
      item.t === 'group' && item.id === null && !item.flagged ? (item.body.t === 'seq' ? item.body.items : [item.body]) : [item],
    ),
  };
}

type ParenOutcome = Node | null | 'verbose-on' | 'verbose-off';

/** The "(" branch of _parse: groups and extensions. null: nothing to add (comment, global flags). */
function parseParen(source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, first: boolean, hasItems: boolean): ParenOutcome {
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
function parseLookaround(source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, char: string, start: number): Node {
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
function parseConditional(source: Tokenizer, state: State, verbose: boolean, nested: number, scopes: Scopes, start: number): Node {
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
