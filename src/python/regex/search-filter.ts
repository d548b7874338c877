// The start positions re.search skips: the pattern's leading charset, compiled with the global flags.

import { ASCII, IGNORECASE } from './constants.js';
import { emitSet, memberHasCased } from './translate-set.js';
import type { ClassItem, Node } from './tree.js';

/**
 * sre's search skips start positions that fail the pattern's "charset prefix" (_compiler
 * _get_charset_prefix / _compile_info), and compiles that charset's categories with the
 * pattern's global flags even when the set sits in a scoped (?a:...) / (?u:...) group: then
 * `re.search('(?a:\\W)', 'é')` finds nothing. Mirrored with a lookahead in that case only.
 */
export function searchFilter(root: Node, globalFlags: number): string {
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
