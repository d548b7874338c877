// Names a place in an experiment the way a user thinks of it: `hypothesis probe "api-up"`,
// `method action "kill-db" provider.url`, `configuration "db_url"`.

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function activityLabel(kind: string, entry: unknown, index: string): string {
  if (isMapping(entry)) {
    if (typeof entry.ref === 'string') return `${kind} ref "${entry.ref}"`;
    const type = entry.type === 'probe' || entry.type === 'action' ? ` ${entry.type}` : '';
    if (typeof entry.name === 'string' && entry.name) return `${kind}${type} "${entry.name}"`;
  }
  return `${kind} #${Number(index) + 1}`;
}

export function describePointer(pointer: string, root: unknown): string {
  const segs = splitPointer(pointer);
  const at = (n: number): unknown =>
    segs.slice(0, n).reduce<unknown>((v, s) => (isMapping(v) || Array.isArray(v) ? (v as Record<string, unknown>)[s] : undefined), root);
  let label: string;
  let used: number;
  const [a, b, c] = segs;
  if (a === 'steady-state-hypothesis' && b === 'probes' && c !== undefined) {
    label = activityLabel('hypothesis probe', at(3), c);
    used = 3;
  } else if ((a === 'method' || a === 'rollbacks') && b !== undefined) {
    label = activityLabel(a === 'method' ? 'method' : 'rollback', at(2), b);
    used = 2;
  } else if (a === 'steady-state-hypothesis') {
    label = 'the steady-state hypothesis';
    used = 1;
  } else if (a === 'configuration' && b !== undefined) {
    label = `configuration "${b}"`;
    used = 2;
  } else if (a === 'secrets' && b !== undefined && c !== undefined) {
    label = `secret "${b}.${c}"`;
    used = 3;
  } else if (a === 'extensions' && b !== undefined) {
    const ext = at(2);
    label = isMapping(ext) && typeof ext.name === 'string' && ext.name.trim() ? `extension "${ext.name}"` : `extension #${Number(b) + 1}`;
    used = 2;
  } else if (a === undefined) {
    return 'the experiment';
  } else {
    label = a;
    used = 1;
  }
  const rest = segs
    .slice(used)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
  return rest ? `${label} ${rest}` : label;
}

import { isMapping } from '../python/values.js';
