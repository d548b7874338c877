// What an experiment declares about running alongside others (the `parallel` setting), in its
// chaos-action extension:
//   extensions: [{name: chaos-action, locks: ["rds:orders", "aws:ec2:instance:i-0abc"], exclusive: true}]
// Two experiments holding the same lock never run at the same time; an exclusive one runs alone.
// A lock ending in `*` covers every lock that starts with what comes before it. Chaos Toolkit
// ignores the extension. Checked with positions, like the rest of the extension.
import type { Problem } from './diagnostics.js';
import { findExtension } from './objectives.js';
import { joinPointer } from './source-map.js';

export interface DeclaredLocks {
  readonly locks: readonly string[];
  readonly exclusive: boolean;
}

export function declaredLocks(experiment: Record<string, unknown>): { value: DeclaredLocks; problems: Problem[] } {
  const problems: Problem[] = [];
  const found = findExtension(experiment);
  const locks: string[] = [];
  let exclusive = false;
  if (!found) return { value: { locks, exclusive }, problems };
  const ext = found.value;
  if ('locks' in ext) {
    const pointer = joinPointer(found.pointer, 'locks');
    if (!Array.isArray(ext.locks)) {
      problems.push({
        severity: 'error',
        code: 'extension-locks',
        pointer,
        message: `locks is ${JSON.stringify(ext.locks)}: expected a list of lock names`,
        hint: 'e.g. locks: ["rds:orders"]: two experiments holding the same lock never run at the same time',
      });
    } else {
      ext.locks.forEach((lock, i) => {
        if (typeof lock === 'string' && lock.trim() !== '') locks.push(lock.trim());
        else
          problems.push({
            severity: 'error',
            code: 'extension-locks',
            pointer: joinPointer(pointer, String(i)),
            message: `lock ${JSON.stringify(lock)} is not a name: expected a non-empty string`,
            hint: 'e.g. "rds:orders", or "aws:ec2:instance:*" for every lock starting with aws:ec2:instance:',
          });
      });
    }
  }
  if ('exclusive' in ext) {
    if (typeof ext.exclusive === 'boolean') exclusive = ext.exclusive;
    else
      problems.push({
        severity: 'error',
        code: 'extension-exclusive',
        pointer: joinPointer(found.pointer, 'exclusive'),
        message: `exclusive is ${JSON.stringify(ext.exclusive)}: expected true or false`,
        hint: 'exclusive: true runs the experiment alone, whatever the parallel setting',
      });
  }
  return { value: { locks: [...new Set(locks)], exclusive }, problems };
}
