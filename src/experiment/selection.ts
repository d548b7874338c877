// Which experiments a run selects: by their `tags` (a tag selects, `!tag` excludes; any or all of
// the selecting tags) and by glob patterns of files to leave out. Pure: the caller gives the
// experiment's tags and the file's path relative to the working folder.
import path from 'node:path';

export type TagsMatch = 'any' | 'all';

export interface TagSelection {
  /** Tags that select (none: every experiment is selected unless excluded). */
  readonly include: readonly string[];
  /** Tags that exclude, whatever else the experiment carries. */
  readonly exclude: readonly string[];
  readonly match: TagsMatch;
}

/** `pr,!slow` → include pr, exclude slow. */
export function tagSelection(tags: readonly string[], match: TagsMatch): TagSelection {
  return { include: tags.filter((t) => !t.startsWith('!')), exclude: tags.filter((t) => t.startsWith('!')).map((t) => t.slice(1)), match };
}

/** Whether an experiment carrying `tags` runs under `selection`. */
export function selectedByTags(tags: unknown, selection: TagSelection): boolean {
  const own = new Set(Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : []);
  if (selection.exclude.some((t) => own.has(t))) return false;
  if (selection.include.length === 0) return true;
  return selection.match === 'all' ? selection.include.every((t) => own.has(t)) : selection.include.some((t) => own.has(t));
}

/** Whether `file` (relative to `cwd`, with / separators) matches one of the glob patterns. */
export function excludedByGlob(file: string, globs: readonly string[], cwd: string): boolean {
  if (globs.length === 0) return false;
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  return globs.some((g) => path.matchesGlob(relative, g));
}
