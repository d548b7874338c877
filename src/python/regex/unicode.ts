// sre's character categories \d \w \s as JavaScript v-mode classes, for Python 3.11's Unicode 14.0.

import { ASCII } from './constants.js';
import type { Category } from './tree.js';

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
export const UNICODE_CATEGORIES = {
  d: `[\\p{Nd}--[${POST_UNICODE_14_ALNUM}]]`,
  w: `[[\\p{L}\\p{N}_]--[${POST_UNICODE_14_ALNUM}]]`,
  s: '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
};
const ASCII_CATEGORIES = { d: '[0-9]', w: '[A-Za-z0-9_]', s: '[\\t-\\r\\x20]' };

/** A nested v-mode class for a category escape. */
export function categoryClass(cat: Category, flags: number): string {
  const table = flags & ASCII ? ASCII_CATEGORIES : UNICODE_CATEGORIES;
  const base = table[cat.toLowerCase() as 'd' | 'w' | 's'];
  return cat === cat.toLowerCase() ? base : `[^${base}]`;
}
