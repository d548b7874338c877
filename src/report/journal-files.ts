// Journal file names in the journal folder: one per experiment, named after its file, unique.
import path from 'node:path';

/** `experiments/db/failover.yaml` → `failover.journal.json`, or `db-failover.journal.json` on a clash. */
export function journalNames(files: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const stem = (file: string, depth: number): string => {
    const parts = file
      .replace(/\.(json|ya?ml)$/i, '')
      .split(/[\\/]/)
      .filter((p) => p && p !== '.' && p !== '..');
    return parts
      .slice(-depth)
      .join('-')
      .replace(/[^A-Za-z0-9._-]/g, '_');
  };
  for (let depth = 1; names.size < files.length; depth++) {
    names.clear();
    const seen = new Set<string>();
    let clash = false;
    for (const f of files) {
      const name = `${stem(path.normalize(f), depth)}.journal.json`;
      if (seen.has(name)) clash = true;
      seen.add(name);
      names.set(f, name);
    }
    if (!clash || depth > 32) break;
  }
  // Same path twice, or names still clashing: number them.
  const used = new Set<string>();
  for (const [f, name] of names) {
    let unique = name;
    for (let i = 2; used.has(unique); i++) unique = name.replace(/\.journal\.json$/, `-${i}.journal.json`);
    used.add(unique);
    names.set(f, unique);
  }
  return names;
}
