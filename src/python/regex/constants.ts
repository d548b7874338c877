// Constants of re/_constants.py and re/_parser.py

import type { AtKind } from './tree.js';

export const TEMPLATE = 1;
export const IGNORECASE = 2;
const LOCALE = 4;
export const MULTILINE = 8;
export const DOTALL = 16;
export const UNICODE = 32;
export const VERBOSE = 64;
const DEBUG = 128;
export const ASCII = 256;
export const TYPE_FLAGS = ASCII | LOCALE | UNICODE;
export const GLOBAL_FLAGS = DEBUG | TEMPLATE;
export const FLAGS = new Map<string, number>([
  ['i', IGNORECASE],
  ['L', LOCALE],
  ['m', MULTILINE],
  ['s', DOTALL],
  ['x', VERBOSE],
  ['a', ASCII],
  ['t', TEMPLATE],
  ['u', UNICODE],
]);

export const MAXREPEAT = 4294967295; // _sre.MAXREPEAT
export const MAXGROUPS = 1073741823n; // _sre.MAXGROUPS
export const MAXCODE = 4294967295n; // _compiler.MAXCODE
export const MAXWIDTH = 1n << 64n; // _parser.MAXWIDTH
export const MAX_NESTING = 400;

export const SPECIAL_CHARS = '.\\[{()*+?^$|';
export const REPEAT_CHARS = '*+?{';
export const DIGITS = new Set('0123456789');
export const OCTDIGITS = new Set('01234567');
export const HEXDIGITS = new Set('0123456789abcdefABCDEF');
export const WHITESPACE = new Set(' \t\n\r\v\f');
export const ESCAPES = new Map<string, number>([
  ['\\a', 7],
  ['\\b', 8],
  ['\\f', 12],
  ['\\n', 10],
  ['\\r', 13],
  ['\\t', 9],
  ['\\v', 11],
  ['\\\\', 92],
]);

export const AT_ESCAPES = new Map<string, AtKind>([
  ['\\A', 'beginning_string'],
  ['\\b', 'boundary'],
  ['\\B', 'non_boundary'],
  ['\\Z', 'end_string'],
]);
export const CATEGORY_ESCAPES = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);
