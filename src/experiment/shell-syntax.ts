// Shell syntax in a process activity's `arguments` list. A list runs without a shell (exec, as in
// Chaos Toolkit), so `$(cat id)`, `|`, `>` or `&&` reach the program as they are written: `kill
// $(cat pid)` kills nothing and exits 1. (A string of arguments is another matter: Chaos Toolkit
// runs `<path> <arguments>` through /bin/sh.) Arguments that are code for some other interpreter
// (`sh -c "a | b"`, `awk '$1 > 0 && $2 < 5'`, `ssh host "ls | wc -l"`) are left alone.
import type { Problem } from './diagnostics.js';
import { joinPointer } from './source-map.js';

/** Programs whose arguments are code (a shell's, or their own language where these characters mean something else). */
const CODE_PROGRAMS = new Set([
  ...['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'busybox', 'su', 'ssh', 'watch', 'xargs'],
  ...['awk', 'gawk', 'mawk', 'nawk', 'sed', 'jq', 'gojq', 'yq', 'bc', 'perl', 'python', 'node', 'nodejs', 'deno', 'bun', 'ruby', 'php', 'lua'],
  ...['psql', 'mysql', 'sqlite3', 'pwsh', 'powershell', 'osascript'],
]);
/** Options after which the next argument is code (`node -e`, `python -c`, `kubectl exec … -- sh -c`). */
const CODE_OPTIONS = new Set(['-c', '-e', '--eval', '--command', '--exec']);
/** Options after which a lone `;` ends a command for the program itself (`find … -exec rm {} ;`). */
const EXEC_OPTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

const OPERATORS = /^(?:\|\|?|&&|;|&|\|&|<<?<?|[0-9]?>>?|&>>?|[0-9]?>&[0-9]?)$/;
const RULES: readonly { readonly test: RegExp; readonly what: string }[] = [
  { test: /\$\(/, what: 'a command substitution, $(…)' },
  { test: /`[^`]*`/, what: 'a command substitution, `…`' },
  { test: /^(?:[0-9]?>>?|&>>?)(?:&[0-9]|[^\s>&|=])/, what: 'a redirection' },
  { test: /&&|\|\|/, what: 'a list of commands, && or ||' },
];

/** A program's name without its folder or version (`/usr/bin/python3.12` is python). */
function programName(path: string): string {
  return (path.split('/').at(-1) ?? path).replace(/[0-9.]+$/, '');
}

/** Warnings, one per argument of a process `arguments` list that looks like shell syntax. */
export function shellSyntaxProblems(path: unknown, args: unknown, pointer: string): Problem[] {
  if (typeof path !== 'string' || !Array.isArray(args) || CODE_PROGRAMS.has(programName(path))) return [];
  const problems: Problem[] = [];
  let afterExec = false;
  for (const [i, arg] of args.entries()) {
    if (typeof arg !== 'string') continue;
    const previous = args[i - 1];
    // What follows a program that reads code (`timeout 5 sh -c …`) is that program's business.
    if (CODE_PROGRAMS.has(programName(arg))) break;
    if (typeof previous === 'string' && CODE_OPTIONS.has(previous)) continue;
    if (EXEC_OPTIONS.has(arg)) afterExec = true;
    const what = OPERATORS.test(arg) ? (arg === ';' && afterExec ? undefined : `the shell operator ${arg}`) : RULES.find((r) => r.test.test(arg))?.what;
    if (!what) continue;
    problems.push({
      severity: 'warning',
      code: 'process-arguments-shell',
      pointer: joinPointer(pointer, String(i)),
      message: `argument ${JSON.stringify(arg)} looks like shell syntax (${what}), but a list of arguments runs without a shell: '${path}' receives it as written`,
      hint: 'to run a command line through a shell, give path: sh and arguments: ["-c", "…"] (or the arguments as one string, which runs through /bin/sh)',
    });
  }
  return problems;
}
