// The `python-requirements` setting read: each entry is a requirements file or one requirement,
// and every line is checked before pip sees it. A pull request controls these lines, so they may
// name packages (pinned or not, with extras, markers and --hash), direct https/git references and
// local archives or folders, but no pip option: where packages come from (an index, a mirror,
// trusted hosts) is the runner's pip configuration (PIP_INDEX_URL, pip.conf), never the
// requirements', and every file pip reads is one we hashed (no -r/-c includes).
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** One requirement as pip gets it, and where it was written (for a diagnostic). */
export interface Requirement {
  readonly line: string;
  readonly file: string | undefined;
  readonly lineNumber: number;
  /** For a local archive or folder: the digest of its contents (the venv is rebuilt when they change). */
  readonly contents?: string;
}

export interface RequirementProblem {
  /** The requirements file, or undefined for an entry of the setting itself. */
  readonly file: string | undefined;
  readonly lineNumber: number;
  readonly message: string;
}

export type RequirementsResult =
  | { readonly ok: true; readonly requirements: readonly Requirement[]; readonly files: readonly string[] }
  | { readonly ok: false; readonly problems: readonly RequirementProblem[] };

const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i;
/** Largest requirements file read. */
const MAX_FILE_BYTES = 1024 * 1024;
/** A local folder's contents are hashed up to these bounds (a larger one is an error, not a guess). */
const MAX_FOLDER_FILES = 5000;
const MAX_FOLDER_BYTES = 100 * 1024 * 1024;
/** Never part of a local package's identity. */
const SKIPPED = new Set(['.git', '__pycache__', '.venv', 'node_modules', '.tox', '.mypy_cache', '.pytest_cache', 'build']);

/** Why a pip option is refused, worded to follow the line. */
function optionProblem(option: string): string {
  if (/^(-r|--requirement|-c|--constraint)$/.test(option))
    return `${option} is not allowed: list each requirements file in python-requirements itself (every file pip reads is part of the virtualenv's hash)`;
  if (/^(-e|--editable)$/.test(option)) return `${option} is not allowed: give the folder itself (installed, not editable)`;
  if (/^(-i|--index-url|--extra-index-url|--no-index|-f|--find-links|--trusted-host|--pre|--prefer-binary|--only-binary|--no-binary)$/.test(option))
    return `${option} is not allowed: where packages come from is the runner's pip configuration (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, pip.conf), not the requirements a pull request can change`;
  return `${option} is not allowed: pip options are not accepted in python-requirements (only --hash after a requirement)`;
}

/** The part of a line before a `#` comment (at its start, or after whitespace), as pip reads it. */
const withoutComment = (line: string): string => line.replace(/(^|\s)#.*$/, '').trim();

/**
 * Checks one requirement line and says what it is. Allowed: a name with extras, version
 * specifiers and markers; `name @ URL` and a bare URL over https (git+https, git+ssh); a local
 * archive or folder; each optionally followed by `--hash=ALGO:HEX` options.
 */
export function checkRequirementLine(text: string): { ok: true; kind: 'name' | 'url' | 'path'; line: string } | { ok: false; problem: string } {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.startsWith('-')) return { ok: false, problem: optionProblem(line.split(/[ =]/)[0] as string) };
  const [spec = '', ...options] = line.split(/ (?=--?[a-zA-Z])/);
  for (const o of options) if (!/^--hash[= ][a-z0-9]+:[0-9a-fA-F]+$/.test(o)) return { ok: false, problem: optionProblem(o.split(/[ =]/)[0] as string) };
  const url = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])? ?@ ?)?([a-z][a-z0-9+.-]*):\/\//i.exec(spec);
  if (url) {
    const scheme = (url[1] as string).toLowerCase();
    if (!['https', 'git+https', 'git+ssh'].includes(scheme))
      return {
        ok: false,
        problem: `a ${scheme}:// reference is not allowed: only https://, git+https:// and git+ssh:// (an unencrypted download can be swapped on its way)`,
      };
    return { ok: true, kind: 'url', line };
  }
  if (/^(\.{1,2}$|\.{1,2}[/\\]|[/\\]|[A-Za-z]:[/\\])/.test(spec) || ARCHIVE.test(spec) || /[/\\]/.test(spec.split(/[;[ ]/)[0] as string))
    return { ok: true, kind: 'path', line };
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?: ?\[[A-Za-z0-9._, -]*\])?(?: ?(?:[<>=!~]=?|===)[^;]*)?(?: ?;.*)?$/.test(spec))
    return {
      ok: false,
      problem:
        'is not a requirement: expected a package name with optional extras, version and markers (e.g. chaostoolkit-aws==0.35.1), an https URL, or a local archive or folder',
    };
  return { ok: true, kind: 'name', line };
}

/**
 * Reads the setting's entries. An entry that names a file which is not a package archive (or ends
 * in .txt or .in) is a requirements file, read line by line; any other entry is one requirement.
 * Relative paths are relative to the working folder, as pip reads them.
 */
export async function readRequirements(entries: readonly string[], cwd: string): Promise<RequirementsResult> {
  const requirements: Requirement[] = [];
  const files: string[] = [];
  const problems: RequirementProblem[] = [];
  const add = async (text: string, file: string | undefined, lineNumber: number): Promise<void> => {
    const checked = checkRequirementLine(text);
    if (!checked.ok) {
      problems.push({ file, lineNumber, message: `"${text.trim()}": ${checked.problem}` });
      return;
    }
    if (checked.kind !== 'path') {
      requirements.push({ line: checked.line, file, lineNumber });
      return;
    }
    const target = path.resolve(cwd, checked.line.split(/[ ;]/)[0] as string);
    const contents = await digestPath(target);
    if (!contents.ok) problems.push({ file, lineNumber, message: `"${text.trim()}": ${contents.problem}` });
    else requirements.push({ line: checked.line, file, lineNumber, contents: contents.digest });
  };
  for (const [index, entry] of entries.entries()) {
    const trimmed = entry.trim();
    if (await isRequirementsFile(path.resolve(cwd, trimmed), trimmed)) {
      const read = await readRequirementsFile(path.resolve(cwd, trimmed));
      if (!read.ok) {
        problems.push({ file: undefined, lineNumber: index + 1, message: `${trimmed}: ${read.problem}` });
        continue;
      }
      files.push(trimmed);
      for (const [text, lineNumber] of read.lines) await add(text, trimmed, lineNumber);
    } else await add(trimmed, undefined, index + 1);
  }
  return problems.length ? { ok: false, problems } : { ok: true, requirements, files };
}

async function isRequirementsFile(absolute: string, written: string): Promise<boolean> {
  if (ARCHIVE.test(written)) return false;
  if (/\.(txt|in)$/i.test(written)) return true;
  const s = await stat(absolute).catch(() => undefined);
  return s?.isFile() ?? false;
}

/** The logical lines of a requirements file (comments dropped, `\` continuations joined), with their first line's number. */
async function readRequirementsFile(file: string): Promise<{ ok: true; lines: [string, number][] } | { ok: false; problem: string }> {
  const s = await stat(file).catch((e: NodeJS.ErrnoException) => e);
  if (s instanceof Error) return { ok: false, problem: s.code === 'ENOENT' ? 'no such requirements file' : s.message };
  if (!s.isFile()) return { ok: false, problem: 'not a regular file' };
  if (s.size > MAX_FILE_BYTES) return { ok: false, problem: `larger than ${MAX_FILE_BYTES} bytes` };
  const raw = (await readFile(file, 'utf8')).split(/\r?\n/);
  const lines: [string, number][] = [];
  let pending = '';
  let start = 0;
  for (const [i, rawLine] of raw.entries()) {
    if (!pending) start = i + 1;
    if (rawLine.endsWith('\\')) {
      pending += `${rawLine.slice(0, -1)} `;
      continue;
    }
    const text = withoutComment(pending + rawLine);
    pending = '';
    if (text) lines.push([text, start]);
  }
  if (withoutComment(pending)) lines.push([withoutComment(pending), start]);
  return { ok: true, lines };
}

/** The digest of a local archive's bytes, or of a folder's files (names and contents). */
async function digestPath(target: string): Promise<{ ok: true; digest: string } | { ok: false; problem: string }> {
  const s = await stat(target).catch(() => undefined);
  if (!s) return { ok: false, problem: 'no such file or folder' };
  if (s.isFile())
    return {
      ok: true,
      digest: createHash('sha256')
        .update(await readFile(target))
        .digest('hex'),
    };
  if (!s.isDirectory()) return { ok: false, problem: 'neither a file nor a folder' };
  const hash = createHash('sha256');
  let count = 0;
  let bytes = 0;
  const walk = async (dir: string): Promise<string | undefined> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (SKIPPED.has(name) || name.endsWith('.egg-info') || name.endsWith('.pyc')) continue;
      const full = path.join(dir, name);
      const st = await lstat(full);
      const rel = path.relative(target, full);
      if (st.isDirectory()) {
        const problem = await walk(full);
        if (problem) return problem;
      } else if (st.isFile()) {
        count += 1;
        bytes += st.size;
        if (count > MAX_FOLDER_FILES || bytes > MAX_FOLDER_BYTES)
          return `the folder holds more than ${MAX_FOLDER_FILES} files or ${MAX_FOLDER_BYTES / 1024 / 1024} MiB: build a wheel and name it instead`;
        hash.update(
          `${rel}\0${createHash('sha256')
            .update(await readFile(full))
            .digest('hex')}\0`,
        );
      }
    }
    return undefined;
  };
  const problem = await walk(target);
  return problem ? { ok: false, problem } : { ok: true, digest: hash.digest('hex') };
}

/** What makes two virtualenvs the same: the requirement lines (with local contents) and the interpreter. */
export function requirementsHash(requirements: readonly Requirement[], python: PythonIdentity): string {
  const lines = requirements.map((r) => (r.contents ? `${r.line}\0${r.contents}` : r.line));
  return createHash('sha256')
    .update(JSON.stringify({ v: 1, lines, python }))
    .digest('hex')
    .slice(0, 32);
}

/** The interpreter a venv is made from: implementation, version, platform, machine and its real path. */
export interface PythonIdentity {
  readonly implementation: string;
  readonly version: string;
  readonly platform: string;
  readonly machine: string;
  readonly executable: string;
}
