// compilePythonRegex / pythonSearch must give the verdicts of Python 3.11's `re.compile(pattern)`
// and `re.search(pattern, value) is not None`: a differential corpus and a seeded fuzz, each sent
// to the real Python in one oracle call.
import { describe, expect, it } from 'vitest';
import { compilePythonRegex, pythonSearch } from '../../src/python/regex/index.js';
import { runPythonOracle } from '../support/oracle.js';
import { prng as mulberry32 } from '../support/prng.js';

const r = String.raw;

type PyAnswer = { ok: true; matches: boolean[] } | { ok: false; msg: string; pos: number | null; exc?: string };

const ORACLE = r`
import json, re, sys, warnings
warnings.simplefilter("ignore")
out = []
for case in json.load(sys.stdin):
    try:
        rx = re.compile(case["pattern"])
    except re.error as e:
        out.append({"ok": False, "msg": e.msg, "pos": e.pos})
        continue
    except (OverflowError, ValueError, RecursionError) as e:
        out.append({"ok": False, "msg": str(e), "pos": None, "exc": type(e).__name__})
        continue
    out.append({"ok": True, "matches": [rx.search(s) is not None for s in case["subjects"]]})
json.dump(out, sys.stdout)
`;

// Subjects every valid corpus pattern is searched in: Unicode text, trailing newlines, multi-line strings.
const SUBJECTS = [
  '',
  'a',
  'abc',
  'ABC',
  'aaa bbb ccc',
  'abab',
  'hello world',
  'Hello World\n',
  'line1\nline2\n',
  'line1\r\nline2',
  'foo\n\n',
  '\n',
  '123',
  'x=42, y=-7.5',
  '\u0663\u0664\u0665 \u0966\u0967',
  'x_y-z',
  'ÉCOLE école naïve',
  'straße STRASSE ẞ',
  'İstanbul ıi Iİ',
  'ſ s S K k K',
  'µ μ Μ',
  'Σίσυφος σς',
  '日本語テキスト',
  '😀 emoji 😀😃',
  '\u00a0nbsp\u2003em\u3000',
  'tab\there',
  '\x1c\x1f\x85\ufeff',
  'status: 200 OK',
  '{"status": "ok", "count": 3}',
  'a{1,2} b{} c{',
  '$100.00 [x] (y) ^z',
  'C:\\path\\to',
  'aAbB_09',
  'ﬀ ǅ ǆ Ǆ ϐ β',
];

type Case = readonly [pattern: string, subjects?: readonly string[]];

// Patterns Python accepts, grouped by feature (extra subjects where the default ones are not telling).
const VALID: readonly Case[] = [
  // literals, alternation, groups
  ['abc'],
  ['a.c'],
  ['a|b'],
  ['ab|cd|ef'],
  [''],
  ['(a)'],
  ['(?:ab)+'],
  ['(a|b)(c|d)'],
  ['()'],
  ['(|)'],
  ['(a|)'],
  ['((a)b)'],
  ['(?:a(?:b(?:c)))'],
  ['hello world'],
  ['Hello|World'],
  ['status: 200'],
  ['"status": "ok"'],
  ['a b', ['a b', 'ab']],
  ['日本'],
  ['😀'],
  ['.😀.', ['a😀b', '😀😀😀', '😀']],
  ['^.$', ['😀', 'ab', '\uD800']],
  ['\uD800', ['\uD800x', 'x']],
  [']'],
  ['}'],
  ['a]'],
  ['a}'],
  ['-'],
  [','],
  ['=>'],
  ['#'],
  ['&&'],
  ['~'],
  // quantifiers
  ['a*'],
  ['a+'],
  ['a?'],
  ['a{2}'],
  ['a{2,}'],
  ['a{,2}b', ['b', 'aab', 'aaab']],
  ['a{1,3}'],
  ['a{0}b'],
  ['a{0,0}'],
  ['a{,}', ['', 'aaa']],
  ['^a{,}$', ['', 'aaa', 'b']],
  ['b{3,}', ['bb', 'bbb']],
  ['(ab){2}'],
  ['a{}'],
  ['a{', ['a{', 'a']],
  ['a{x}'],
  ['a{1,2', ['a{1,2']],
  ['x{1, 2}', ['x{1, 2}', 'xx']],
  ['{'],
  ['{}'],
  ['{,'],
  ['a{,x}'],
  ['a{1}{'],
  ['a*{'],
  ['a*{}'],
  ['a*?'],
  ['a+?b'],
  ['a??'],
  ['a{1,2}?'],
  ['(a|ab)(c|bcd)(d*)'],
  ['^(a+)+$', ['aaaa', 'aaab']],
  ['a{1000}', ['a'.repeat(1000), 'a'.repeat(999)]],
  ['(?:a{2}){3}', ['aaaaaa', 'aaaaa']],
  ['x*y*z*'],
  ['[ab]{2,3}?c'],
  ['(?:)*'],
  ['(?:a*)*b'],
  ['(?:a*)+'],
  ['(a*)*'],
  ['(a|b)*?c'],
  // possessive quantifiers and atomic groups (Python 3.11)
  ['a*+'],
  ['a++'],
  ['a?+'],
  ['a{1,2}+'],
  ['a++b', ['aab', 'aa']],
  ['x*+x', ['xxx', 'x']],
  ['(?>x*)x', ['xxx']],
  ['(?>a+)b', ['aab', 'aaa']],
  ['(?>a|ab)c', ['abc', 'ac']],
  ['(?:a|ab)++c', ['abc', 'ac', 'aabc']],
  ['(?>(a+))\\1', ['aaaa', 'aa']],
  ['\\d++\\.', ['12.5', '12']],
  ['"[^"]*+"', ['"abc"', '"abc']],
  ['a{2}+a', ['aaa', 'aa']],
  ['(?>ab|a)b', ['ab', 'abb']],
  ['(?>a)+', ['aaa']],
  ['(?:(?>a)b)*c', ['ababc', 'c']],
  ['[a-z]?+[a-z]', ['a', 'ab']],
  ['(?:\\A.{,2}){2,}+', ['abc', 'a']],
  ['(?:a|ab){2}+c', ['ababc', 'aabc', 'abac']],
  ['(?:a??)*+b', ['ab', 'b']],
  ['(?>a*)*b', ['aab']],
  ['(?:(?:)|a)++b', ['ab', 'b']],
  ['(?:a??)*b', ['aab']],
  ['(?:(?:a|)*)++b', ['aab', 'b']],
  // anchors
  ['^abc'],
  ['abc$'],
  ['$'],
  ['^'],
  ['line2$'],
  ['^line2'],
  ['(?m)^line2$'],
  ['(?m)line1$'],
  ['\\Aline'],
  ['line\\d\\Z'],
  ['\\Z'],
  ['\\A\\Z'],
  ['(?m)$'],
  ['\\n$'],
  ['\\n\\Z'],
  ['^\\n'],
  ['(?s).$'],
  ['(?m)\\r$'],
  ['foo$', ['foo\n', 'foo\n\n', 'foo', 'foo\r\n']],
  ['foo\\Z', ['foo\n', 'foo']],
  ['(?m)foo$', ['foo\nbar', 'foo\r\nbar', 'foo\u2028']],
  ['(?m)^bar', ['foo\nbar', 'foo\rbar', 'foo\u2028bar']],
  ['$\\n', ['a\n', 'a\n\n']],
  ['^$', ['', '\n', '\n\n']],
  ['(?m)^$', ['', 'a', 'a\n', 'a\n\nb']],
  ['a$|b', ['a\n']],
  ['(?:$)*x'],
  ['x(?m:$)', ['x\ny']],
  ['(?m:^)x', ['y\nx']],
  // dot
  ['.'],
  ['a.b', ['a\nb', 'a\rb', 'a\u2028b', 'axb']],
  ['(?s)a.b', ['a\nb']],
  ['.{3}'],
  ['^.*$'],
  ['(?s)^.*$'],
  ['(?m)^.+$'],
  ['.\\Z'],
  ['\\r.'],
  ['(?s:.)\\n'],
  ['..\\n', ['ab\n', 'a\n']],
  ['(?s)(?-s:.)x', ['\nx', 'ax']],
  // sets
  ['[abc]'],
  ['[^abc]'],
  ['[a-z]+'],
  ['[^a-z]'],
  ['[]a]', [']', 'a', 'b']],
  ['[^]a]', [']', 'b']],
  ['[a-]', ['-']],
  ['[-a]'],
  ['[a\\-z]', ['-', 'b']],
  ['[\\]]'],
  ['[\\\\]'],
  ['[.]'],
  ['[$]'],
  ['[\\d]'],
  ['[\\D]'],
  ['[\\w.]+'],
  ['[\\s\\S]'],
  ['[^\\W\\d]'],
  ['[\\x41-\\x5a]'],
  ['[\\u00e0-\\u00ff]'],
  ['[\\U0001F600-\\U0001F64F]'],
  ['[😀]'],
  ['[\\b]', ['\b', 'b']],
  ['[\\0]', ['\0']],
  ['[\\101]'],
  ['[\\1]', ['\x01']],
  ['[\\7-\\12]', ['\n']],
  ['[a-z&&b]'],
  ['[--]', ['-']],
  ['[[]', ['[']],
  ['[a[]', ['[']],
  ['[\\[]'],
  ['[^^]'],
  ['[\\t\\n]'],
  ['[ -~]+'],
  ['[é-ü]'],
  ['[\\w-]', ['-']],
  ['[\\s-]'],
  ['[%--]', ['+', '.']],
  ['[a-a]'],
  ['[\\x00-\\U0010FFFF]'],
  ['[^\\x00-\\U0010FFFF]'],
  ['[😀-😃]', ['😁']],
  ['[^😀]', ['😀', 'a']],
  ['[|]'],
  ['[(){}]'],
  ['[*+?]'],
  ['[\\^]'],
  ['[#]'],
  ['[\\u0661-\\u0669]'],
  ['[^\\s\\d]+'],
  ['[\\W\\d]'],
  // escapes
  ['\\d+'],
  ['\\D'],
  ['\\w+'],
  ['\\W'],
  ['\\S'],
  ['\\bworld\\b'],
  ['\\Bor\\B'],
  ['\\B', ['', ' ', 'a', 'ab']],
  ['\\b', ['', ' ', 'a']],
  ['^\\B$', ['', ' ']],
  ['\\b\\w+\\b'],
  ['\\x41'],
  ['\\u00e9'],
  ['\\U0001F600'],
  ['\\0', ['\0']],
  ['\\012', ['\n']],
  ['\\101'],
  ['\\1010', ['A0']],
  ['\\08', ['\x008']],
  ['\\n'],
  ['\\t'],
  ['\\\\'],
  ['\\.'],
  ['\\-'],
  ['\\ '],
  ['\\é'],
  ['\\#'],
  ['\\a', ['\x07']],
  ['\\f'],
  ['\\v'],
  ['\\_'],
  ['\\%'],
  ['\\"'],
  ['\\{'],
  ['\\}'],
  ['\\/'],
  ['\\😀'],
  ['\\d{3}'],
  ['\\s+$'],
  ['^\\s*$'],
  ['\\w+@\\w+\\.com', ['me@example.com']],
  ['\\d', ['٣', '¹', '²', '٣٤']],
  ['\\w', ['٣', '¹', '½', 'ǅ', '_', '\u0301', '\u2160']],
  ['\\s', ['\x1c', '\x85', '\ufeff', '\u200b', '\u2028']],
  ['\\bé', ['café', 'é']],
  ['é\\b', ['café', 'éa']],
  ['\\b日', ['x日', ' 日']],
  // backreferences
  ['(a)\\1'],
  ['(\\w+) \\1', ['hello hello', 'hello world']],
  ['(?P<x>a)(?P=x)'],
  ['(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10', ['abcdefghijj']],
  ['(a)\\100', ['a@']],
  ['(a)(?=\\1)'],
  ['(?:(a)b)+\\1', ['ababa', 'abab']],
  ['(a)(?<=\\1)'],
  ['(?=(a))\\1', ['a', 'b']],
  ['(?<=(a))b\\1', ['aba', 'abb']],
  ['(?!(a)b)\\1', ['ac', 'b']],
  ['(?P<word>\\w+)\\s(?P=word)', ['the the', 'the cat']],
  ['((a)b)\\2\\1', ['abaab']],
  ['(a){2}\\1', ['aaa', 'aa']],
  ['(a)+\\1', ['aaa', 'a']],
  ['(a)(?:b|c)\\1'],
  // named groups and comments
  ['(?P<name>\\d+)-(?P<n2>\\d+)'],
  ['(?P<é>x)'],
  ['(?P<_>x)'],
  ['(?#comment)abc'],
  ['a(?#x)*', ['aaa', '']],
  ['(?#)'],
  ['a(?#(b)c'],
  ['(?P<v>\\d+)\\.\\d+$', ['1.5', '1.5\n', '1.']],
  // flags
  ['(?i)abc'],
  ['(?i)ABC'],
  ['(?i)straße'],
  ['(?i)ß'],
  ['(?i)ẞ'],
  ['(?i)i'],
  ['(?i)I'],
  ['(?i)İ'],
  ['(?i)ı'],
  ['(?i)[i]'],
  ['(?i)[a-z]+'],
  ['(?i)[^a-z]'],
  ['(?i)[^i]'],
  ['(?i)[h-j]', ['İ', 'ı']],
  ['(?i)s'],
  ['(?i)ſ'],
  ['(?i)k'],
  ['(?i)[k]'],
  ['(?i)µ'],
  ['(?i)σ'],
  ['(?i)Σ'],
  ['(?i)ς'],
  ['(?i)é'],
  ['(?i)É'],
  ['(?i)[é]'],
  ['(?i)[\\w]'],
  ['(?i)[\\da]'],
  ['(?i)[^\\da]'],
  ['(?i)[\\Wi]'],
  ['(?i)ǆ'],
  ['(?i)ϐ'],
  ['(?i)ﬀ'],
  ['(?i)[ÿ]', ['Ÿ', 'ÿ']],
  ['(?i)Ÿ', ['ÿ']],
  ['(?i)K', ['k']],
  ['(?i)[\u0100-\u0200]', ['i', 's', 'S', 'I']],
  ['(?i)[^\u0100-\u0200]', ['i', 's']],
  ['(?ai)k'],
  ['(?ai)s'],
  ['(?ai)[a-z]'],
  ['(?ai)[^a-z]'],
  ['(?ai)é'],
  ['(?ai)[Z-a]', ['z', 'A', '_']],
  ['(?ai)[^i]'],
  ['(?a)\\w+'],
  ['(?a)\\d'],
  ['(?a)\\s'],
  ['(?a)\\b\\w+\\b'],
  ['(?a)\\W'],
  ['(?u)\\w'],
  ['(?a:\\w+)'],
  ['(?i:abc)d'],
  ['(?-i:a)'],
  ['(?i)(?-i:a)b'],
  ['(?m)^a'],
  ['(?s).'],
  ['(?x) a b c'],
  ['(?x)a # comment\n b'],
  ['(?x)[ ]', [' ', 'a']],
  ['(?x)\\ a'],
  ['(?x)a{1, 2}'],
  ['(?x)a{2', ['a{2', 'aa']],
  ['(?x:a b)c d', ['abc d', 'abcd']],
  ['(?x)(?-x:a b)', ['a b']],
  ['(?imsx)a'],
  ['(?i)(?m)^A'],
  ['(?#c)(?i)a'],
  ['(?t)abc'],
  ['(?ms:^.$)'],
  ['(?i:[^i])'],
  ['(?a:\\b)'],
  ['(?x)a *'],
  ['(?x)a#\\\n'],
  ['(?x) # only comment'],
  ['(?x)[#]'],
  ['(?x)a | b'],
  ['(?x)(?i) A'],
  ['(?i)(?x) A'],
  ['(?is)A.B'],
  ['(?i)[^\\W]'],
  ['(?i)\\w'],
  ['(?i)(?a:k)'],
  ['(?i)[a-zA-Z]+'],
  ['(?i)hello world'],
  ['(?i)ÉCOLE'],
  ['(?i)日本'],
  // IGNORECASE outside the BMP, including CPython's unlowered non-BMP literal in a multi-member set
  ['(?i)𐐀', ['𐐀', '𐐨']],
  ['(?i)[𐐀]', ['𐐀', '𐐨']],
  ['(?i)[\\-𐐀]', ['𐐀', '𐐨', '-']],
  ['(?i)[𐐀𐐁]', ['𐐀', '𐐁', '𐐩']],
  ['(?i)[^𐐀𐐁]', ['𐐀', 'a']],
  ['(?i)[a𐐨]', ['𐐀', '𐐨', 'A']],
  ['(?i)[\\U00010400-\\U00010410a]', ['𐐨', '𐐀', 'A']],
  ['(?i)[^a𐐀]', ['𐐀', '𐐨', 'A']],
  ['(?i)[𐐀𐐀]', ['𐐨']],
  ['(?i)[😀x]', ['😀', 'X']],
  ['(?i)𐐀|\\n', ['𐐀', '𐐨']],
  ['(?i)𐐀|𐐀', ['𐐀', '𐐨']],
  ['(?i)x𐐀|x\\n', ['x𐐀', 'x𐐨']],
  ['(?i)(?:𐐀)|[x]', ['𐐀']],
  ['(?ia)[\\w\\U00010400-\\U00010410]', ['𐐨', 'é']],
  // sre's search skips start positions outside the "charset prefix", compiled with the global flags
  ['(?a:\\W)', ['é', '-', 'a']],
  ['(?a)(?u:\\w)', ['٣', 'é', 'a']],
  ['(?a)((?u:[\\w]))x', ['éx', 'ax']],
  ['(?a:\\W)|x', ['é']],
  // lookarounds
  ['a(?=b)'],
  ['a(?!b)'],
  ['(?<=a)b'],
  ['(?<!a)b'],
  ['(?<=ab|cd)e', ['abe', 'cde', 'ade']],
  ['(?<=\\d{3})x', ['123x', '12x']],
  ['(?<=^a)b'],
  ['(?<=\\b)w'],
  ['(?<!^)x', ['x', 'ax']],
  ['(?=a)*b'],
  ['(?<=\\n)x', ['\nx']],
  ['(?<=a(?=b))b'],
  ['(?<=(?>ab))c', ['abc']],
  ['(?<=a{2}+)b', ['aab']],
  ['(?<=\\w)\\b'],
  ['(?=(?:a|b)+c)'],
  ['(?!)'],
  ['(?=)'],
  ['(?<=)'],
  ['(?<!😀)x', ['😀x', 'ax']],
  ['(?<=[😀a])x', ['😀x']],
  ['(?<=.)$', ['', 'a']],
  // conditionals whose group's participation is known
  ['(a)(?(1)b|c)', ['ab', 'ac']],
  ['(?P<x>a)(?(x)b)', ['ab', 'a']],
  ['(?!(a))(?(1)b|c)', ['c', 'b']],
  ['(a)(?(1)b)', ['ab']],
  ['(?:(a)x)+(?(1)y|z)', ['axy', 'axz']],
  // realistic tolerance patterns
  ['^HTTP/1\\.[01] 200'],
  ['"status":\\s*"ok"'],
  ['(?i)error|fail'],
  ['^\\s*\\{.*\\}\\s*$'],
  ['\\bOK\\b'],
  ['^(?:\\d{1,3}\\.){3}\\d{1,3}$', ['10.0.0.1', '10.0.0', '10.0.0.1\n']],
  ['^[0-9a-f]{8}-[0-9a-f]{4}-', ['deadbeef-0123-']],
  ['latency_ms=(\\d+)', ['latency_ms=120']],
  ['(?m)^ready$', ['starting\nready\n', 'not ready']],
  ['(?s)begin.*end'],
  ['\\d+(?:\\.\\d+)?\\s*(?:ms|s)\\b', ['12.5 ms', '3s', '3sec']],
];

// Patterns Python rejects (re.error, or OverflowError/ValueError from re.compile).
const INVALID: readonly string[] = [
  '(',
  ')',
  '(?',
  '(?P',
  '(?P<',
  '(?P<>a)',
  '(?P<1a>x)',
  '(?P<a',
  '(?P<a>x)(?P<a>y)',
  '(?P=',
  '(?P=a)',
  '(?P=1)',
  '(?P<a>(?P=a))',
  '(?P>a)',
  '(?Px)',
  '(?<x)',
  '(?<a>x)',
  '(?<',
  '(?x',
  '(?i',
  '(?i-',
  '(?i-:a)',
  '(?-',
  '(?-:a)',
  '(?-a:x)',
  '(?L)',
  '(?au)',
  '(?a)(?u)',
  '(?z)',
  '(?iz)',
  '(?i!)',
  '(?t:a)',
  '(?-t:a)',
  '(?i-i:a)',
  'a(?i)',
  '(a(?i))',
  '|(?i)',
  '^(?i)',
  '(?:)(?i)',
  '(?-i)',
  '(?i-z:a)',
  '(?i-1:a)',
  '(?u-u:a)',
  '(?s-a:x)',
  '(?x)a(?i)',
  '*',
  '+',
  '?',
  '{1}',
  '{1,2}',
  'a**',
  'a*+*',
  'a{2}{3}',
  'a{3,2}',
  '^*',
  '$+',
  '\\b*',
  '\\A?',
  'a|*',
  '(*)',
  '(?:*)',
  '^{1,2}x',
  'a??+',
  '(?i)*',
  '(?#x)*',
  'a{4294967295}',
  'a{99999999999}',
  'a{1,4294967296}',
  '{99999999999}',
  '[',
  '[a',
  '[^',
  '[]',
  '[^]',
  '[a-',
  '[z-a]',
  '[\\d-z]',
  '[a-\\w]',
  '[\\x7a-\\x61]',
  '[b-a]',
  '[\\w-\\d]',
  '[a-\\',
  '\\',
  'a\\',
  '\\p{L}',
  '\\e',
  '\\c',
  '\\x',
  '\\x4',
  '\\xg',
  '\\u12',
  '\\U0011ffff',
  '\\U1234',
  '\\N',
  '\\N{',
  '\\N{}',
  '\\N{abc',
  '\\8',
  '\\1',
  '(a)\\2',
  '(a\\1)',
  '\\400',
  '[\\400]',
  '[\\8]',
  '[\\A]',
  '[\\Z]',
  '[\\B]',
  '[\\p]',
  '\\g<1>',
  '\\k<a>',
  '(a)\\10',
  '(a)\\18',
  '\\99',
  '\\z',
  '\\R',
  '\\h',
  '\\X',
  '\\Q',
  '\\E',
  '[\\e]',
  '(?(',
  '(?()',
  '(?(1)',
  '(?(1)a)',
  '(?(0)a)',
  '(?(-1)a)',
  '(?(a)b)',
  '(?(1a)b)',
  '(a)(?(1)b|c|d)',
  '(a)(?(1)b',
  '(?( 1)a)',
  '(?(1_0)a)',
  '(?(\u0663)a)',
  '(?(+1)a)',
  '(?(1__0)a)',
  '(?(0x1)a)',
  '(?(99999999999)a)',
  '(?(é)a)',
  '(?<=a+)b',
  '(?<=a|bc)',
  '(?<!a*)',
  '(?<=a{1,2})',
  '(?<=(a+))',
  '(a+)(?<=\\1)',
  '(?<=(a)\\1)',
  '(?<=a|(?<=bc))d',
  '(?<=a{4294967294}a{4294967294})',
  '(?t)a*',
  '(?t)a+?',
  '(?t)(?:a)++',
  '(?t)(?<=a|bc)a*',
  '(?<=(?(1)a|bc))(b)',
  '(?<=\\1)(a)',
  '(a)(?<=(?P=b))',
  '(?#',
  '(?#abc',
  '(?x)#\\',
  '(?=a',
  '(?<=a',
  '(?>a',
  '(?:a',
  'a)',
  'a)(',
  '(a))',
  '(?P<a!>x)',
  "(?P<a'>x)",
  '(?P<a\\tb>x)',
  '(?P<a\tb>x)',
  '(?P<a b>x)',
  '(?P=a b)',
  '(?P<a>x)(?P=a',
  '(?P<😀>x)',
  '(?x)[',
  '(?aiu:k)',
  '(?<=(?i)x)',
  'x(?x)',
  '(a|b',
  '((a)',
  'a|b)',
  '(?i:a',
  '(?i:a))',
  '[a-z',
  '[\\',
  '[\\w',
];

// Patterns Python accepts that compilePythonRegex rejects as "unsupported in chaos-action:".
const UNSUPPORTED: readonly string[] = [
  '\\N{EM DASH}',
  '[\\N{EM DASH}]',
  '(a)?b\\1',
  '(?:(a)|b)\\1',
  '(<)?\\w+(?(1)>)',
  '(a)*\\1',
  '(a)|\\1',
  '(?:(a)|b)+\\1',
  '(?(1)a|b)(c)',
  '((?(1)a|b))',
  '(a)?(?(1)b|c)',
  '(?i)(a)\\1',
  '(?i:(\\w+) \\1)',
  '(a*)+\\1',
  '(a)(?:b?)*\\1',
  '(?>(?:a??)*)b',
  '(?:(?:|a)*)++',
  '(?>(?:|a)+)',
  '('.repeat(401) + ')'.repeat(401),
  'a'.repeat(100_000),
];

interface OracleCase {
  readonly pattern: string;
  readonly subjects: readonly string[];
}

function ours(pattern: string, subjects: readonly string[]): PyAnswer {
  const compiled = compilePythonRegex(pattern);
  if (!compiled.ok) return { ok: false, msg: compiled.message, pos: compiled.position };
  return { ok: true, matches: subjects.map((s) => pythonSearch(compiled.regex, s)) };
}

/** What differs between Python's answer and ours (empty when they agree). */
function disagreement(c: OracleCase, py: PyAnswer, js: PyAnswer): string | null {
  if (py.ok !== js.ok) return `verdict: python ${py.ok ? 'accepts' : `rejects (${py.msg})`}, ours ${js.ok ? 'accepts' : `rejects (${js.msg})`}`;
  if (py.ok && js.ok) {
    const bad = c.subjects.filter((_, i) => py.matches[i] !== js.matches[i]);
    return bad.length ? `search differs on ${JSON.stringify(bad)}` : null;
  }
  if (!py.ok && !js.ok) {
    if (py.msg !== js.msg) return `message: python ${JSON.stringify(py.msg)}, ours ${JSON.stringify(js.msg)}`;
    if ((py.pos ?? -1) !== js.pos) return `position: python ${py.pos}, ours ${js.pos}`;
  }
  return null;
}

describe('compilePythonRegex against Python 3.11 re', () => {
  const cases: OracleCase[] = [
    ...VALID.map(([pattern, extra]) => ({ pattern, subjects: [...SUBJECTS, ...(extra ?? [])] })),
    ...INVALID.map((pattern) => ({ pattern, subjects: [] })),
    ...UNSUPPORTED.map((pattern) => ({ pattern, subjects: [] })),
  ];
  const py = runPythonOracle<PyAnswer[]>(ORACLE, cases);
  const answer = (pattern: string): PyAnswer => py[cases.findIndex((c) => c.pattern === pattern)]!;

  it('has a corpus of the intended size', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(250);
    expect(INVALID.length).toBeGreaterThanOrEqual(80);
    expect(cases.map((c) => c.pattern).filter((p, i, all) => all.indexOf(p) !== i)).toEqual([]);
  });

  it('accepts what Python accepts and searches like re.search', () => {
    const problems: string[] = [];
    for (const [pattern] of VALID) {
      const c = cases.find((x) => x.pattern === pattern)!;
      const p = answer(pattern);
      if (!p.ok) problems.push(`${JSON.stringify(pattern)}: listed valid but Python rejects it (${p.msg})`);
      const why = disagreement(c, p, ours(pattern, c.subjects));
      if (why) problems.push(`${JSON.stringify(pattern)}: ${why}`);
    }
    expect(problems).toEqual([]);
  });

  it("rejects what Python rejects, with Python's message and position", () => {
    const problems: string[] = [];
    for (const pattern of INVALID) {
      const p = answer(pattern);
      if (p.ok) problems.push(`${JSON.stringify(pattern)}: listed invalid but Python accepts it`);
      const why = disagreement({ pattern, subjects: [] }, p, ours(pattern, []));
      if (why) problems.push(`${JSON.stringify(pattern)}: ${why}`);
    }
    expect(problems).toEqual([]);
  });

  it('rejects the documented unsupported constructs cleanly', () => {
    for (const pattern of UNSUPPORTED) {
      expect(answer(pattern).ok, pattern).toBe(true);
      const compiled = compilePythonRegex(pattern);
      expect(compiled.ok, pattern).toBe(false);
      if (!compiled.ok) expect(compiled.message, pattern).toMatch(/^unsupported in chaos-action: /);
    }
  });

  it('reports positions as Python counts them (code points)', () => {
    const compiled = compilePythonRegex('😀😀(?<x>a)');
    expect(compiled).toEqual({ ok: false, message: 'unknown extension ?<x', position: 3 });
    expect(compilePythonRegex('(?<=a+)b')).toEqual({ ok: false, message: 'look-behind requires fixed-width pattern', position: -1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Seeded fuzz: mutations of corpus patterns

const PIECES = [
  'a',
  'b',
  'A',
  '.',
  '*',
  '+',
  '?',
  '{',
  '}',
  '{2}',
  '{1,3}',
  '{,2}',
  '{2,}',
  '(',
  ')',
  '(?:',
  '(?=',
  '(?!',
  '(?<=',
  '(?<!',
  '(?>',
  '(?P<n>',
  '(?P=n)',
  '(?i)',
  '(?i:',
  '(?-i:',
  '(?x)',
  '(?m)',
  '(?s)',
  '(?a)',
  '(?a:',
  '(?#',
  '[',
  ']',
  '[^',
  '-',
  '^',
  '$',
  '|',
  '\\',
  '\\d',
  '\\w',
  '\\s',
  '\\W',
  '\\b',
  '\\B',
  '\\A',
  '\\Z',
  '\\1',
  '\\2',
  '\\0',
  '\\x4',
  '\\x41',
  '\\u00e9',
  '\\U0001F600',
  '\\N{',
  'é',
  'İ',
  'ß',
  '😀',
  ' ',
  '#',
  '\n',
  '\\n',
  '(?(1)',
  '*?',
  '++',
  '?+',
  ',',
  '0',
  '9',
  'k',
  'K',
  'ſ',
  'i',
  '\\\\',
  '(?P<m>',
  '(?P=m)',
  ')?',
  ')*',
  ')+',
  '𐐀',
  '𐐨',
  'ǅ',
  '\\U00010400',
];

function mutate(base: string, rand: () => number, pool: readonly string[]): string {
  let chars = Array.from(base);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = (): number => Math.floor(rand() * (chars.length + 1));
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) {
    const op = Math.floor(rand() * 6);
    if (op === 0 || op === 1) {
      const i = at();
      chars.splice(i, 0, ...Array.from(pick(PIECES)));
    } else if (op === 2 && chars.length) {
      chars.splice(Math.floor(rand() * chars.length), 1 + Math.floor(rand() * 3));
    } else if (op === 3 && chars.length) {
      chars.splice(Math.floor(rand() * chars.length), 1, ...Array.from(pick(PIECES)));
    } else if (op === 4 && chars.length) {
      const i = Math.floor(rand() * chars.length);
      const j = Math.min(chars.length, i + 1 + Math.floor(rand() * 4));
      chars.splice(j, 0, ...chars.slice(i, j));
    } else {
      chars = [...chars, ...Array.from(pick(pool))].slice(0, 60);
    }
  }
  return chars.join('');
}

const FUZZ_SUBJECTS = ['', 'ab', 'aab\n', 'A-b_1 é', 'xyz😀', 'a\nb', 'İi ß', 'kK', 'aaa', '1 2'];

/** Random patterns from a small regex grammar, Python-valid most of the time (semantics, not syntax). */
function structuredPattern(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chars = ['a', 'b', 'A', 'é', 'É', 'İ', 'ı', 'i', 'I', 'k', 'K', 'ſ', 's', '\\n', ' ', '😀', '1', '٣', '_', '\\-', 'ß', 'ẞ', 'ς', 'σ', '𐐀', '𐐨'];
  let groups = 0;
  const set = (): string => {
    let out = rand() < 0.3 ? '[^' : '[';
    for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
      const r = rand();
      out += r < 0.2 ? pick(['\\d', '\\w', '\\s', '\\W']) : r < 0.4 ? pick(['a-z', 'A-Z', 'h-j', 'Z-a', 'é-ü', '\\U00010400-\\U00010410']) : pick(chars);
    }
    return out + ']';
  };
  const atom = (depth: number, fixed: boolean): string => {
    const r = rand();
    if (r < 0.35 || depth > 3) return pick(chars);
    if (r < 0.45) return set();
    if (r < 0.5) return pick(['\\d', '\\w', '\\s', '.', '\\S']);
    if (!fixed && r < 0.56) return pick(['^', '$', '\\b', '\\B', '\\A', '\\Z']);
    if (r < 0.68) {
      ++groups;
      return `(${alt(depth + 1, fixed)})`;
    }
    if (r < 0.74) return `(?:${alt(depth + 1, fixed)})`;
    if (r < 0.78) return pick(['(?i:', '(?-i:', '(?a:', '(?s:', '(?m:', '(?x:', '(?u:']) + alt(depth + 1, fixed) + ')';
    if (r < 0.84) return pick(['(?=', '(?!']) + alt(depth + 1, false) + ')';
    if (r < 0.88) return pick(['(?<=', '(?<!']) + seq(depth + 1, true) + ')';
    if (!fixed && r < 0.92) return `(?>${alt(depth + 1, false)})`;
    if (groups > 0 && r < 0.96) return `\\${1 + Math.floor(rand() * groups)}`;
    if (!fixed && groups > 0) return `(?(${1 + Math.floor(rand() * groups)})${seq(depth + 1, false)}|${seq(depth + 1, false)})`;
    return pick(chars);
  };
  const quantifier = (fixed: boolean): string => {
    if (fixed) return rand() < 0.2 ? pick(['{2}', '{0}']) : '';
    return rand() < 0.6 ? '' : pick(['*', '+', '?', '{2}', '{1,2}', '{,2}', '{2,}']) + pick(['', '', '?', '+']);
  };
  const seq = (depth: number, fixed: boolean): string => {
    let out = '';
    for (let n = Math.floor(rand() * 4); n > 0; n--) {
      const a = atom(depth, fixed);
      out += a + (/^(?:[$^]|\\[bBAZ])$/.test(a) ? '' : quantifier(fixed));
    }
    return out;
  };
  const alt = (depth: number, fixed: boolean): string => {
    let out = seq(depth, fixed);
    while (!fixed && rand() < 0.25) out += '|' + seq(depth, false);
    return out;
  };
  const flags = rand() < 0.3 ? `(?${pick(['i', 'm', 's', 'a', 'x', 'im', 'ai', 'si'])})` : '';
  return flags + alt(0, false);
}

describe('compilePythonRegex fuzz (seeded)', () => {
  const rand = mulberry32(0x5eed);
  const pool = [...VALID.map(([p]) => p).filter((p) => Array.from(p).length <= 40), ...INVALID.filter((p) => p.length <= 40)];
  const mutants: string[] = [];
  for (let i = 0; i < 4000; i++) mutants.push(mutate(pool[Math.floor(rand() * pool.length)]!, rand, pool));

  it('never throws, whatever the pattern', () => {
    for (const pattern of mutants) {
      const compiled = compilePythonRegex(pattern);
      if (compiled.ok) for (const s of FUZZ_SUBJECTS.slice(0, 3)) pythonSearch(compiled.regex, s);
      else {
        expect(typeof compiled.message).toBe('string');
        expect(Number.isInteger(compiled.position)).toBe(true);
      }
    }
  });

  it('agrees with Python on a sample of the mutants', () => {
    const sample: OracleCase[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < mutants.length && sample.length < 600; i += 5) {
      const pattern = mutants[i]!;
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      const a = Math.floor(rand() * FUZZ_SUBJECTS.length);
      const b = (a + 1 + Math.floor(rand() * (FUZZ_SUBJECTS.length - 1))) % FUZZ_SUBJECTS.length;
      sample.push({ pattern, subjects: [FUZZ_SUBJECTS[a]!, FUZZ_SUBJECTS[b]!] });
    }
    const py = runPythonOracle<PyAnswer[]>(ORACLE, sample);
    const problems: string[] = [];
    let unsupported = 0;
    sample.forEach((c, i) => {
      const js = ours(c.pattern, c.subjects);
      if (!js.ok && js.msg.startsWith('unsupported in chaos-action:') && py[i]!.ok) {
        unsupported++;
        return;
      }
      // \N{...}: Python rejects an unknown name, a valid-looking one is "unsupported" here
      if (!js.ok && !py[i]!.ok && py[i]!.msg.startsWith('undefined character name')) return;
      const why = disagreement(c, py[i]!, js);
      if (why) problems.push(`${JSON.stringify(c.pattern)} ${JSON.stringify(c.subjects)}: ${why}`);
    });
    expect(problems).toEqual([]);
    expect(sample.length).toBeGreaterThanOrEqual(500);
    expect(unsupported).toBeLessThan(sample.length / 20);
  });

  it('agrees with Python on generated patterns (search semantics)', () => {
    const alphabet = [
      'a',
      'b',
      'A',
      'é',
      'É',
      'İ',
      'ı',
      'i',
      'I',
      'k',
      'K',
      'ſ',
      's',
      'S',
      '\n',
      ' ',
      '😀',
      '1',
      '٣',
      '_',
      '-',
      'ß',
      'ẞ',
      'ς',
      'σ',
      'Σ',
      '𐐀',
      '𐐨',
    ];
    const subject = (): string => Array.from({ length: Math.floor(rand() * 9) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const sample: OracleCase[] = [];
    for (let i = 0; i < 600; i++) sample.push({ pattern: structuredPattern(rand), subjects: [subject(), subject(), subject(), subject()] });
    const py = runPythonOracle<PyAnswer[]>(ORACLE, sample);
    const problems: string[] = [];
    let accepted = 0;
    sample.forEach((c, i) => {
      const js = ours(c.pattern, c.subjects);
      if (js.ok) accepted++;
      if (!js.ok && js.msg.startsWith('unsupported in chaos-action:') && py[i]!.ok) return;
      const why = disagreement(c, py[i]!, js);
      if (why) problems.push(`${JSON.stringify(c.pattern)} ${JSON.stringify(c.subjects)}: ${why}`);
    });
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThan(450);
  });
});
