// Differential tests of the jsonpath2 port against the real jsonpath2 0.4.5 (the oracle venv).
// Every corpus case and a sample of fuzzed paths go to Python in a single oracle call.
import { beforeAll, describe, expect, it } from 'vitest';
import { JsonPathEvaluationError, JsonPathSyntaxError, evaluateJsonPath, parseJsonPath, pythonEquals } from '../../src/python/jsonpath/index.js';
import { runPythonOracle } from '../support/oracle.js';
import { prng } from '../support/prng.js';

// ----- Documents -----

const DOCS = {
  store: {
    store: {
      book: [
        { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
        { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
        { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
        { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
      ],
      bicycle: { color: 'red', price: 19.95 },
    },
    expensive: 10,
  },
  items: {
    items: [
      { n: 0, tag: 'a' },
      { n: 1, tag: 'b', ok: true },
      { n: 2, tag: 'c', ok: false },
      { n: 3, nested: { deep: [1, 2] } },
    ],
    limit: 1,
    key: 'limit',
    idx: 2,
  },
  mixed: {
    int: 1,
    float: 1.5,
    big: 1e21,
    neg: -2,
    t: true,
    f: false,
    zero: 0,
    nul: null,
    s: 'hello',
    digits: '1',
    empty: '',
    arr: [1, 2, 3],
    obj: { a: 1, b: [true, null] },
    emptyArr: [],
    emptyObj: {},
    'with space': 'ws',
    'quo\\"te': 'raw escape key',
    'a\\u0041': 'raw unicode key',
    A: 'decoded key',
    and: 'kw',
    true: 'kw-true',
    é: 'accent',
    emoji: 'a😀b',
  },
  list: [10, 20, 30, 40, 50],
  nested: { a: { b: { c: 1, d: [{ c: 2 }, { e: 3 }] }, c: 4 }, c: [5, { c: 6 }] },
  chaos: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: {
      status: 'UP',
      components: {
        db: { status: 'UP', details: { latency: 12 } },
        cache: { status: 'DOWN', details: { latency: 250 } },
      },
      replicas: [
        { name: 'r1', ready: true, restarts: 0 },
        { name: 'r2', ready: false, restarts: 3 },
        { name: 'r3', ready: true, restarts: 1 },
      ],
    },
  },
  scalar: 42,
  text: 'just a string',
  nul: null,
} as const;

type DocName = keyof typeof DOCS;

// ----- Corpus: [path, document] — grouped by the feature they exercise -----

const VALID: ReadonlyArray<readonly [string, DocName]> = [
  // root, members, whitespace
  ['$', 'store'],
  ['$', 'scalar'],
  ['$', 'nul'],
  ['$.expensive', 'store'],
  ['$.store.bicycle.color', 'store'],
  ['$["store"]["bicycle"]["color"]', 'store'],
  ['$["store"].bicycle["price"]', 'store'],
  ['$.missing', 'store'],
  ['$.store.missing.deeper', 'store'],
  ['$.expensive.deeper', 'store'],
  ['  $.expensive  ', 'store'],
  ['$ . store . bicycle', 'store'],
  ['$\t[ "store" ]\n[\r"bicycle" ] .color', 'store'],
  ['$.s', 'mixed'],
  ['$._x', 'mixed'],
  ['$.andy', 'mixed'],
  ['$.nullable', 'mixed'],
  ['$["and"]', 'mixed'],
  ['$["true"]', 'mixed'],
  ['$["with space"]', 'mixed'],
  ['$["é"]', 'mixed'],
  ['$[""]', 'mixed'],
  ['$.length', 'mixed'],
  ['$.s', 'text'],
  ['$.a', 'list'],
  // string escapes are kept verbatim
  ['$["quo\\"te"]', 'mixed'],
  ['$["a\\u0041"]', 'mixed'],
  ['$["\\u0041"]', 'mixed'],
  ['$["A"]', 'mixed'],
  ['$["a\\/b\\\\c\\b\\f\\n\\r\\t"]', 'mixed'],
  // array indices
  ['$[0]', 'list'],
  ['$[4]', 'list'],
  ['$[5]', 'list'],
  ['$[-1]', 'list'],
  ['$[-5]', 'list'],
  ['$[-6]', 'list'],
  ['$[-0]', 'list'],
  ['$[99999999999999999999]', 'list'],
  ['$[-99999999999999999999]', 'list'],
  ['$[0]', 'text'],
  ['$[0]', 'store'],
  ['$.store.book[2].title', 'store'],
  ['$.store.book[-1].author', 'store'],
  ['$.arr[1]', 'mixed'],
  ['$["0"]', 'list'],
  // unions
  ['$[0,1]', 'list'],
  ['$[1,0,1]', 'list'],
  ['$[4, -1, 9]', 'list'],
  ['$["s","int","missing","s"]', 'mixed'],
  ['$.store.book[0,2]["title","price"]', 'store'],
  ['$[0:2,4]', 'list'],
  ['$[*,0]', 'list'],
  // slices
  ['$[1:3]', 'list'],
  ['$[:2]', 'list'],
  ['$[3:]', 'list'],
  ['$[:]', 'list'],
  ['$[::]', 'list'],
  ['$[::2]', 'list'],
  ['$[1::2]', 'list'],
  ['$[:4:3]', 'list'],
  ['$[1:4:]', 'list'],
  ['$[-2:]', 'list'],
  ['$[:-2]', 'list'],
  ['$[-3:-1]', 'list'],
  ['$[-10:2]', 'list'],
  ['$[-5:]', 'list'],
  ['$[2:100]', 'list'],
  ['$[3:1]', 'list'],
  ['$[::-1]', 'list'],
  ['$[4:0:-1]', 'list'],
  ['$[4::-2]', 'list'],
  ['$[:-10:-1]', 'list'],
  ['$[10:0:-3]', 'list'],
  ['$[-1:-4:-1]', 'list'],
  ['$[2::-1]', 'list'],
  ['$[2:-6:-1]', 'list'],
  ['$[4:-9:-2]', 'list'],
  ['$[99999999999999999999::-99999999999999999998]', 'list'],
  ['$[::99999999999999999999]', 'list'],
  ['$[1:3]', 'text'],
  ['$[1:3]', 'store'],
  ['$[::0]', 'list'],
  ['$[::0]', 'store'],
  ['$[0:1:0]', 'text'],
  // wildcard
  ['$.*', 'list'],
  ['$[*]', 'list'],
  ['$.*', 'store'],
  ['$.store.*', 'store'],
  ['$.store.book[*].author', 'store'],
  ['$.store.book.*.price', 'store'],
  ['$.*.*', 'nested'],
  ['$.*', 'text'],
  ['$.*', 'scalar'],
  ['$.*', 'mixed'],
  // recursive descent
  ['$..author', 'store'],
  ['$..price', 'store'],
  ['$.store..price', 'store'],
  ['$..*', 'nested'],
  ['$..c', 'nested'],
  ['$..[0]', 'nested'],
  ['$..["c","e"]', 'nested'],
  ['$..c..c', 'nested'],
  ['$..d[*].c', 'nested'],
  ['$..book[-1:]', 'store'],
  ['$..book[?(@.isbn)]', 'store'],
  ['$..*[?(@.isbn)].title', 'store'],
  ['$..status', 'chaos'],
  ['$..*', 'scalar'],
  ['$..length()', 'nested'],
  ['$..*', 'mixed'],
  // filters test the current node itself
  ['$.items[?(@.n > 1)]', 'items'],
  ['$.items.*[?(@.n > 1)]', 'items'],
  ['$.items[*][?(@.n > 1)].tag', 'items'],
  ['$.items[?(@[0])]', 'items'],
  ['$[?(@.items)]', 'items'],
  ['$.items.*[?(@.ok)]', 'items'],
  ['$.items.*[?(@.ok = true)].n', 'items'],
  ['$.items.*[?(@.ok != true)].n', 'items'],
  ['$.items.*[?(not @.ok)].n', 'items'],
  ['$.items.*[?(not not @.ok)].n', 'items'],
  ['$.items.*[?(@.n >= 1 and @.n <= 2)].n', 'items'],
  ['$.items.*[?(@.n = 0 or @.n = 3)].n', 'items'],
  ['$.items.*[?(@.n = 0 or @.n = 2 and @.tag)].n', 'items'],
  ['$.items.*[?(@.tag and @.n = 0 or @.n = 2)].n', 'items'],
  ['$.items.*[?((@.tag and @.n = 0) or @.n = 3)].n', 'items'],
  ['$.items.*[?(not (@.n = 1 or @.n = 2))].n', 'items'],
  ['$.items.*[?(not @.n = 1)].n', 'items'],
  ['$.items.*[?(@.n > $.limit)].n', 'items'],
  ['$.items.*[?(@.nested.deep[*] = 2)].n', 'items'],
  ['$.items.*[?(@..deep)].n', 'items'],
  ['$.items.*[?(@.tag = "b")]', 'items'],
  ['$.items.*[?(@.tag = "b")][?(@.n = 1)].tag', 'items'],
  ['$.items.*[?(@.n = 1), ?(@.n = 0)].n', 'items'],
  ['$.items.*[?(@.tag.length() = 1)].n', 'items'],
  ['$.items.*[?(@)].n', 'items'],
  ['$.items.*[?($)].n', 'items'],
  ['$.items.*[?($.nope)].n', 'items'],
  ['$.store.book.*[?(@.price < $.expensive)].title', 'store'],
  ['$.store.book.*[?(@.category = "fiction" and @.price > 10)].title', 'store'],
  ['$.body.replicas.*[?(@.ready = false)].name', 'chaos'],
  ['$.body.replicas.*[?(@.restarts > 0)].name', 'chaos'],
  ['$.body.components.*[?(@.status != "UP")].details.latency', 'chaos'],
  ['$[?(@.status = 200)].body.status', 'chaos'],
  ['$.headers["content-type"]', 'chaos'],
  // filter on literals: Python truthiness
  ['$.list[?(true)]', 'mixed'],
  ['$[?(true)]', 'list'],
  ['$[?(false)]', 'list'],
  ['$[?(null)]', 'list'],
  ['$[?(0)]', 'list'],
  ['$[?(0.0)]', 'list'],
  ['$[?(2)]', 'list'],
  ['$[?("")]', 'list'],
  ['$[?("x")]', 'list'],
  ['$[?([])]', 'list'],
  ['$[?([0])]', 'list'],
  ['$[?({})]', 'list'],
  ['$[?({"a": 1})]', 'list'],
  // comparisons: each type combination
  ['$[?(@.int = 1)].s', 'mixed'],
  ['$[?(@.int = 1.0)].s', 'mixed'],
  ['$[?(@.int = true)].s', 'mixed'],
  ['$[?(@.t = 1)].s', 'mixed'],
  ['$[?(@.zero = false)].s', 'mixed'],
  ['$[?(@.f = 0.0)].s', 'mixed'],
  ['$[?(@.digits = 1)].s', 'mixed'],
  ['$[?(@.digits = "1")].s', 'mixed'],
  ['$[?(@.nul = null)].s', 'mixed'],
  ['$[?(@.nul = 0)].s', 'mixed'],
  ['$[?(@.nul = false)].s', 'mixed'],
  ['$[?(@.empty = "")].s', 'mixed'],
  ['$[?(@.arr = [1, 2, 3])].s', 'mixed'],
  ['$[?(@.arr = [1, 2])].s', 'mixed'],
  ['$[?(@.arr = [true, 2.0, 3])].s', 'mixed'],
  ['$[?(@.obj = {"b": [1, null], "a": true})].s', 'mixed'],
  ['$[?(@.obj = {"a": 1})].s', 'mixed'],
  ['$[?(@.obj = {"a": 2, "a": 1, "b": [true, null]})].s', 'mixed'],
  ['$[?(@.emptyObj = {})].s', 'mixed'],
  ['$[?(@.emptyArr = [])].s', 'mixed'],
  ['$[?(@.emptyArr = {})].s', 'mixed'],
  ['$[?(@.float > 1)].s', 'mixed'],
  ['$[?(@.float < 1.6)].s', 'mixed'],
  ['$[?(@.float >= 1.5)].s', 'mixed'],
  ['$[?(@.float <= 1.4)].s', 'mixed'],
  ['$[?(@.t > 0)].s', 'mixed'],
  ['$[?(@.t >= 1)].s', 'mixed'],
  ['$[?(@.f < @.t)].s', 'mixed'],
  ['$[?(@.s > 1)].s', 'mixed'],
  ['$[?(@.s < "z")].s', 'mixed'],
  ['$[?(@.digits < 2)].s', 'mixed'],
  ['$[?(@.nul < 1)].s', 'mixed'],
  ['$[?(@.arr > 0)].s', 'mixed'],
  ['$[?(@.neg < -1)].s', 'mixed'],
  ['$[?(@.big > 1e20)].s', 'mixed'],
  ['$[?(@.big = 1E21)].s', 'mixed'],
  ['$[?(@.int < 1e999)].s', 'mixed'],
  ['$[?(@.float = 15e-1)].s', 'mixed'],
  ['$[?(@.float = 0.15E+1)].s', 'mixed'],
  ['$[?(@.neg = -2.0)].s', 'mixed'],
  ['$[?(@.zero = -0)].s', 'mixed'],
  ['$[?(@.zero = -0.0)].s', 'mixed'],
  ['$[?(1 = 1)].s', 'mixed'],
  ['$[?(1 < 2)].s', 'mixed'],
  ['$[?("a" = "a")].s', 'mixed'],
  ['$[?("a" != "a")].s', 'mixed'],
  ['$[?(@.missing != 1)].s', 'mixed'],
  ['$[?(@.missing = @.missing)].s', 'mixed'],
  ['$[?(@.s = "hel\\u006co")].s', 'mixed'],
  // existential comparisons and the single-use right-hand generator
  ['$[?(@.arr[*] = 2)].s', 'mixed'],
  ['$[?(2 = @.arr[*])].s', 'mixed'],
  ['$[?(@.arr[*] > 2)].s', 'mixed'],
  ['$[?(@.arr[*] = @.int)].s', 'mixed'],
  ['$[?(@.arr[*] = @.neg)].s', 'mixed'],
  ['$[?(@.arr[1:] = @.arr[*])].s', 'mixed'],
  ['$[?(@.arr[*] = @.arr[1:])].s', 'mixed'],
  ['$[?(@.arr[*] != @.arr[*])].s', 'mixed'],
  ['$[?(@.int = $.arr[*])].s', 'mixed'],
  // paths as subscripts
  ['$.items[$.idx]', 'items'],
  ['$[$.key]', 'items'],
  ['$[@.key]', 'items'],
  ['$.items[@.length()]', 'items'],
  ['$.items[$.items[*].n]', 'items'],
  ['$.items[$.items.*.tag]', 'items'],
  ['$.arr[$.t]', 'mixed'],
  ['$.arr[$.float]', 'mixed'],
  ['$.arr[$.neg]', 'mixed'],
  ['$[$.s, "int"]', 'mixed'],
  // functions
  ['$.length()', 'list'],
  ['$.length()', 'text'],
  ['$.length()', 'store'],
  ['$.length()', 'scalar'],
  ['$[length()]', 'list'],
  ['$.s.length()', 'mixed'],
  ['$.emoji.length()', 'mixed'],
  ['$.length(1)', 'list'],
  ['$.keys()', 'list'],
  ['$.obj.keys()', 'mixed'],
  ['$.keys()', 'text'],
  ['$.obj.values()', 'mixed'],
  ['$.values()', 'list'],
  ['$.obj.entries()', 'mixed'],
  ['$.entries()', 'list'],
  ['$.entries()[1][0]', 'list'],
  ['$.emptyObj.entries()', 'mixed'],
  ['$.keys(1)', 'list'],
  ['$.s.charAt(0)', 'mixed'],
  ['$.s.charAt(-1)', 'mixed'],
  ['$.s.charAt(5)', 'mixed'],
  ['$.s.charAt(true)', 'mixed'],
  ['$.s.charAt(1.0)', 'mixed'],
  ['$.s.charAt("1")', 'mixed'],
  ['$.s.charAt()', 'mixed'],
  ['$.s.charAt(0, 1)', 'mixed'],
  ['$.s.charAt($.int)', 'mixed'],
  ['$.s.charAt($.arr[*])', 'mixed'],
  ['$.s.charAt($.missing)', 'mixed'],
  ['$.emoji.charAt(1)', 'mixed'],
  ['$.arr.charAt(0)', 'mixed'],
  ['$.s.substring(1)', 'mixed'],
  ['$.s.substring(-2)', 'mixed'],
  ['$.s.substring(1, 3)', 'mixed'],
  ['$.s.substring(3, 1)', 'mixed'],
  ['$.s.substring(-10, 99)', 'mixed'],
  ['$.s.substring(1, -1)', 'mixed'],
  ['$.s.substring(1.5)', 'mixed'],
  ['$.s.substring(false, true)', 'mixed'],
  ['$.s.substring($.arr[*], $.arr[0:2])', 'mixed'],
  ['$.emoji.substring(1, 2)', 'mixed'],
  ['$.s.substring(1, 2, 3)', 'mixed'],
  ['$.s.substring()', 'mixed'],
  ['$[?(@.s.charAt(0) = "h")].int', 'mixed'],
  ['$.store.book.*[?(@.title.substring(0, 3) = "The")].author', 'store'],
  ['$.store.book.*[?(@.keys().length() > 4)].title', 'store'],
  ['$..*[?(@.length() = 2)]', 'nested'],
  ['$.arr[length()]', 'mixed'],
  ['$.length ()', 'list'],
];

/** Paths jsonpath2 rejects (the oracle confirms each one). */
const INVALID: readonly string[] = [
  '',
  '   ',
  'foo[*].baz',
  '@.a',
  '.a',
  'store.book',
  "$['a']",
  "$[?(@.a = 'x')]",
  '$[?(@.a == 1)]',
  '$[?(@.a === 1)]',
  '$.a == 1',
  '$.a = 1',
  '$[?(@.a <> 1)]',
  '$[?(@.a && @.b)]',
  '$[?(@.a || @.b)]',
  '$[?(!@.a)]',
  '$[?(@.a AND @.b)]',
  '$[',
  '$]',
  '$[0',
  '$[0]]',
  '$[[0]]',
  '$[?(@.a]',
  '$[?(@.a))]',
  '$[?@.a]',
  '$[?()]',
  '$[?(not)]',
  '$[?(@.a = )]',
  '$[?(@.a = 1 = 2)]',
  '$[?(@.a = foo)]',
  '$[?(@.a = [1,])]',
  '$[?(@.a = {"a"})]',
  '$[?(@.a = {a: 1})]',
  '$.a b',
  '$.a.',
  '$..',
  '$...a',
  '$.[0]',
  '$.0',
  '$.1a',
  '$."a"',
  '$.true',
  '$.and',
  '$.null',
  '$.not',
  '$.a-b',
  '$.é',
  '$[01]',
  '$[1.5]',
  '$[1e2]',
  '$[1:2.0]',
  '$[::1e0]',
  '$[-]',
  '$[+1]',
  '$[a]',
  '$[length]',
  '$[,]',
  '$[0,]',
  '$[]',
  '$.foo()',
  '$.Length()',
  '$.length(,)',
  '$.length(1,)',
  '$["a]',
  '$["a\\x"]',
  '$["\\u00g0"]',
  '$["a\nb"]',
  '$["a\tb"]',
  '$ $',
  '$$',
  '$@',
  '$.a\u00a0',
  '$.a\f',
  '$[?(@.a = 1.)]',
  '$[?(@.a = .5)]',
  '$[?(@.a = 1e)]',
  '$[?(@.a = +1)]',
  '$[?(@.a = 0x10)]',
  '$[?(@.a = True)]',
  '$[?(@.a = None)]',
  '$[?(@.a in [1])]',
  '$[*',
];

// ----- Fuzzing: seeded mutations of the valid corpus -----

const FRAGMENTS = [
  '$',
  '@',
  '.',
  '..',
  '[',
  ']',
  '(',
  ')',
  '?',
  '*',
  ',',
  ':',
  '=',
  '==',
  '!=',
  '<',
  '>=',
  '"',
  "'",
  '-',
  '0',
  '1',
  '7',
  'e',
  'E',
  'a',
  '_',
  ' ',
  '\\',
  'and',
  'or',
  'not',
  'true',
  'null',
  '{',
  '}',
  '"x"',
  'length()',
  'charAt(1)',
  '[0]',
  '[1:]',
  '[?(@)]',
  '.*',
  '..*',
  '\u00e9',
];

function mutate(path: string, others: readonly string[], random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const at = Math.floor(random() * (path.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0:
      return path.slice(0, at) + pick(FRAGMENTS) + path.slice(at);
    case 1:
      return path.slice(0, at) + path.slice(at + 1 + Math.floor(random() * 3));
    case 2:
      return path.slice(0, at) + pick(FRAGMENTS) + path.slice(at + 1);
    case 3: {
      const other = pick(others);
      return path.slice(0, at) + other.slice(Math.floor(random() * other.length));
    }
    case 4:
      return path.slice(0, at) + path.slice(at, at + 4) + path.slice(at);
    default:
      return path.slice(0, at);
  }
}

function fuzzPaths(count: number, seed: number): string[] {
  const random = prng(seed);
  const bases = VALID.map(([path]) => path);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let path = bases[i % bases.length] as string;
    const rounds = 1 + Math.floor(random() * 3);
    for (let r = 0; r < rounds; r++) path = mutate(path, bases, random);
    out.push(path);
  }
  return out;
}

const FUZZ = fuzzPaths(4000, 0xc4a05);
const FUZZ_SAMPLE = [...new Set(FUZZ)].filter((_, i) => i % 10 === 0).slice(0, 400);
const FUZZ_DOC: DocName = 'mixed';

// ----- Generated valid paths: random derivations of the grammar, to stress evaluation -----

/** Builds random well-formed paths over the names used in the `items` document. */
function pathGenerator(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const names = ['items', 'n', 'tag', 'ok', 'nested', 'deep', 'limit', 'key', 'idx', 'zz'];
  const ints = ['0', '1', '2', '-1', '-2', '3', '-5', '7'];
  const literals = ['0', '1', '2', '-1', '1.5', '2.0', '1e0', 'true', 'false', 'null', '""', '"b"', '"limit"', '[]', '[1, 2]', '{}', '{"deep": [1, 2]}'];

  const slice = (): string => {
    const parts = [chance(0.6) ? pick(ints) : '', ':', chance(0.6) ? pick(ints) : ''];
    if (chance(0.5)) parts.push(':', chance(0.8) ? pick(['1', '2', '-1', '-2']) : '');
    return parts.join('');
  };
  const call = (depth: number): string => {
    const name = pick(['length', 'keys', 'values', 'entries', 'charAt', 'substring']);
    const arity = name === 'charAt' ? 1 : name === 'substring' ? 1 + Math.floor(random() * 2) : 0;
    return `${name}(${Array.from({ length: arity }, () => operand(depth + 1)).join(', ')})`;
  };
  const subscriptable = (depth: number): string =>
    pick([
      () => JSON.stringify(pick(names)),
      () => pick(ints),
      slice,
      () => '*',
      () => `?(${expression(depth + 1)})`,
      () => relative(depth + 1),
      () => call(depth),
    ])();
  const steps = (depth: number): string => {
    let out = '';
    for (let n = Math.floor(random() * (depth > 2 ? 2 : 4)); n > 0; n--) {
      out += pick([
        () => `.${chance(0.2) ? '*' : chance(0.2) ? call(depth) : pick(names)}`,
        () => `..${chance(0.5) ? pick([...names, '*']) : `[${subscriptable(depth)}]`}`,
        () => `[${Array.from({ length: 1 + Math.floor(random() * 2) }, () => subscriptable(depth)).join(', ')}]`,
      ])();
    }
    return out;
  };
  const relative = (depth: number): string => (chance(0.8) ? '@' : '$') + steps(depth + 1);
  const operand = (depth: number): string => (chance(0.6) ? relative(depth) : pick(literals));
  const expression = (depth: number): string =>
    pick([
      () => `${operand(depth)} ${pick(['=', '!=', '<', '<=', '>', '>='])} ${operand(depth)}`,
      () => operand(depth),
      ...(depth > 3
        ? []
        : [
            () => `${expression(depth + 1)} and ${expression(depth + 1)}`,
            () => `${expression(depth + 1)} or ${expression(depth + 1)}`,
            () => `not ${expression(depth + 1)}`,
            () => `(${expression(depth + 1)})`,
          ]),
    ])();
  return () => '$' + steps(0);
}

const GENERATED = ((): string[] => {
  const next = pathGenerator(prng(0x5eed));
  const paths = new Set<string>();
  while (paths.size < 400) paths.add(next());
  return [...paths];
})();
const GENERATED_DOC: DocName = 'items';

// ----- Oracle -----

type Verdict = { ok: false } | { ok: true; values: unknown[] } | { ok: true; error: string };

interface OracleCase {
  path: string;
  data: unknown;
}

const ORACLE_SCRIPT = String.raw`
import json, sys
from jsonpath2.path import Path

def run(case):
    try:
        path = Path.parse_str(case["path"])
    except Exception:
        return {"ok": False}
    try:
        return {"ok": True, "values": [m.current_value for m in path.match(case["data"])]}
    except Exception as e:
        return {"ok": True, "error": type(e).__name__}

print(json.dumps([run(case) for case in json.load(sys.stdin)]))
`;

type Ours = { ok: false; error: unknown } | { ok: true; values: unknown[] } | { ok: true; error: unknown };

function runOurs(path: string, data: unknown): Ours {
  let parsed;
  try {
    parsed = parseJsonPath(path);
  } catch (error) {
    return { ok: false, error };
  }
  try {
    return { ok: true, values: evaluateJsonPath(parsed, data) };
  } catch (error) {
    return { ok: true, error };
  }
}

/** Asserts our verdict and values equal the oracle's (JSON numbers compare as JS numbers). */
function expectSameAsOracle(path: string, data: unknown, oracle: Verdict): void {
  const ours = runOurs(path, data);
  if (!oracle.ok) {
    expect(ours.ok, `jsonpath2 rejects ${JSON.stringify(path)}`).toBe(false);
    if (!ours.ok) expect(ours.error).toBeInstanceOf(JsonPathSyntaxError);
    return;
  }
  if (!ours.ok) throw new Error(`jsonpath2 accepts ${JSON.stringify(path)} but we reject it: ${String(ours.error)}`);
  if ('error' in oracle) {
    expect('error' in ours && ours.error).toBeInstanceOf(JsonPathEvaluationError);
    return;
  }
  expect('values' in ours ? ours.values : ours.error).toEqual(oracle.values);
}

const CORPUS: OracleCase[] = [...VALID.map(([path, doc]) => ({ path, data: DOCS[doc] })), ...INVALID.map((path) => ({ path, data: DOCS.store }))];

let oracle: Verdict[] = [];

beforeAll(() => {
  const cases = [...CORPUS, ...FUZZ_SAMPLE.map((path) => ({ path, data: DOCS[FUZZ_DOC] })), ...GENERATED.map((path) => ({ path, data: DOCS[GENERATED_DOC] }))];
  oracle = runPythonOracle<Verdict[]>(ORACLE_SCRIPT, cases);
  expect(oracle).toHaveLength(cases.length);
});

function title(path: string, doc: DocName): string {
  return `${path} on ${doc}`;
}

// ----- Tests -----

describe('jsonpath2 port agrees with jsonpath2 0.4.5', () => {
  it.each(VALID.map(([path, doc], i) => ({ name: title(path, doc), i })))('$name', ({ i }) => {
    const verdict = oracle[i] as Verdict;
    expect(verdict.ok, 'the corpus lists this path as valid').toBe(true);
    expectSameAsOracle(CORPUS[i]!.path, CORPUS[i]!.data, verdict);
  });

  it.each(INVALID.map((path, j) => ({ name: JSON.stringify(path), i: VALID.length + j })))('rejects $name', ({ i }) => {
    const verdict = oracle[i] as Verdict;
    expect(verdict.ok, 'the corpus lists this path as invalid').toBe(false);
    expectSameAsOracle(CORPUS[i]!.path, CORPUS[i]!.data, verdict);
  });
});

describe('fuzzed paths', () => {
  it(`parsing throws only JsonPathSyntaxError, evaluation only JsonPathEvaluationError (${FUZZ.length} mutants)`, () => {
    for (const path of FUZZ) {
      const outcome = runOurs(path, DOCS[FUZZ_DOC]);
      if ('values' in outcome) continue;
      const expected = outcome.ok ? JsonPathEvaluationError : JsonPathSyntaxError;
      if (!(outcome.error instanceof expected)) throw new Error(`${JSON.stringify(path)} threw ${String(outcome.error)}`);
    }
  });

  it(`accepts, rejects and evaluates like jsonpath2 (${FUZZ_SAMPLE.length} sampled mutants)`, () => {
    const accepted = FUZZ_SAMPLE.filter((_, k) => oracle[CORPUS.length + k]!.ok).length;
    expect(accepted, 'the sample mixes valid and invalid paths').toBeGreaterThan(20);
    expect(FUZZ_SAMPLE.length - accepted).toBeGreaterThan(20);
    FUZZ_SAMPLE.forEach((path, k) => {
      expectSameAsOracle(path, DOCS[FUZZ_DOC], oracle[CORPUS.length + k]!);
    });
  });

  it(`evaluates ${GENERATED.length} randomly generated valid paths like jsonpath2`, () => {
    const offset = CORPUS.length + FUZZ_SAMPLE.length;
    const verdicts = GENERATED.map((_, k) => oracle[offset + k]!);
    expect(
      verdicts.every((v) => v.ok),
      'the generator only derives valid paths',
    ).toBe(true);
    expect(verdicts.filter((v) => 'values' in v && v.values.length > 0).length, 'many paths match something').toBeGreaterThan(50);
    GENERATED.forEach((path, k) => {
      expectSameAsOracle(path, DOCS[GENERATED_DOC], verdicts[k]!);
    });
  });
});

describe('surprising jsonpath2 semantics', () => {
  const values = (path: string, data: unknown): unknown[] => evaluateJsonPath(parseJsonPath(path), data);
  const items = [{ n: 1 }, { n: 2 }, { n: 3 }];

  it('a filter tests the current node itself, not its children', () => {
    expect(values('$.items[?(@.n > 1)]', { items })).toEqual([]);
    expect(values('$.items.*[?(@.n > 1)]', { items })).toEqual([{ n: 2 }, { n: 3 }]);
    expect(values('$.items[*][?(@.n > 1)].n', { items })).toEqual([2, 3]);
  });

  it('equality is "=" and "==" is a syntax error pointing at the second "="', () => {
    expect(values('$.*[?(@.n = 2)]', items)).toEqual([{ n: 2 }]);
    expect(() => parseJsonPath('$[?(@.n == 2)]')).toThrow(/"==" is not an operator here: jsonpath2 uses "=" for equality/);
    try {
      parseJsonPath('$[?(@.n == 2)]');
    } catch (error) {
      expect((error as JsonPathSyntaxError).offset).toBe(9);
    }
  });

  it('true equals 1 and orders like a number, but a string never equals a number', () => {
    expect(values('$.*[?(@ = 1)]', [true, 1, 1.0, '1', false])).toEqual([true, 1, 1]);
    expect(values('$.*[?(@ > 0)]', [true, false, '5', null, 0.5])).toEqual([true, 0.5]);
  });

  it('pythonEquals follows Python ==', () => {
    expect(pythonEquals(true, 1)).toBe(true);
    expect(pythonEquals(false, 0.0)).toBe(true);
    expect(pythonEquals('1', 1)).toBe(false);
    expect(pythonEquals(null, false)).toBe(false);
    expect(pythonEquals([1, { a: true }], [1.0, { a: 1 }])).toBe(true);
    expect(pythonEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(pythonEquals({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(pythonEquals([], {})).toBe(false);
  });

  it('strings are double-quoted only and their escapes are not decoded', () => {
    expect(() => parseJsonPath("$['a']")).toThrow(/unexpected "'" at offset 2: strings must be double-quoted/);
    expect(values('$["a\\"b"]', { 'a"b': 1, 'a\\"b': 2 })).toEqual([2]);
  });

  it('or binds tighter than and', () => {
    // a and b or c  ==  a and (b or c)
    expect(values('$[?(@.a and @.b or @.c)]', { a: 1, c: 1 })).toEqual([{ a: 1, c: 1 }]);
    expect(values('$[?(@.c or @.b and @.a)]', { c: 1 })).toEqual([]);
  });

  it('comparing two paths only uses the first left-hand match', () => {
    expect(values('$[?(@.x[*] = @.y[*])]', { x: [1, 2], y: [2, 3] })).toEqual([]);
    expect(values('$[?(@.x[*] = 2)]', { x: [1, 2], y: [2, 3] })).toEqual([{ x: [1, 2], y: [2, 3] }]);
  });

  it('keywords cannot be member names', () => {
    expect(() => parseJsonPath('$.true')).toThrow(/write \["true"\]/);
    expect(values('$["true"]', { true: 1 })).toEqual([1]);
  });

  it('slices run through Python range(): [::-1] is empty and a zero step raises on arrays', () => {
    expect(values('$[::-1]', [1, 2, 3])).toEqual([]);
    expect(values('$[2::-1]', [1, 2, 3])).toEqual([]); // a missing end is len() even when stepping down
    expect(values('$[2:-4:-1]', [1, 2, 3])).toEqual([3, 2, 1]);
    expect(values('$[2:-5:-1]', [1, 2, 3])).toEqual([3, 2, 1, 3]); // range() reaches -1, which wraps
    expect(() => values('$[::0]', [1])).toThrow(JsonPathEvaluationError);
    expect(values('$[::0]', { a: 1 })).toEqual([]);
  });

  it('length() yields nothing for an object; string functions count code points', () => {
    expect(values('$.length()', { a: 1 })).toEqual([]);
    expect(values('$.length()', 'a😀')).toEqual([2]);
    expect(values('$.charAt(1)', 'a😀b')).toEqual(['😀']);
  });

  it('explains common mistakes', () => {
    expect(() => parseJsonPath('')).toThrow(/empty path/);
    expect(() => parseJsonPath('foo[*].baz')).toThrow(/must start with "\$"/);
    expect(() => parseJsonPath('$.foo()')).toThrow(/unknown function "foo"/);
    expect(() => parseJsonPath('$[?(@.a && @.b)]')).toThrow(/"and" \/ "or"/);
    expect(() => parseJsonPath('$["abc')).toThrow(/unterminated string/);
  });
});
