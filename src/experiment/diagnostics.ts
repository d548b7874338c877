// Problems found in a user's files: what, where, and what would be right. Values, never throws.
import { oneLine } from './safe-text.js';
import type { Position } from './source-map.js';

type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** A stable identifier of the rule, e.g. `hypothesis-probe-tolerance`. */
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer of the value concerned ('' for the whole document). */
  readonly pointer: string;
  readonly message: string;
  /** What would be right, when we can tell. */
  readonly hint?: string;
}

export interface Problem {
  readonly severity: Severity;
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
  readonly hint?: string;
  /** Point at the member's key instead of its value (for unknown or misplaced keys). */
  readonly atKey?: boolean;
}

export function positioned(file: string, pos: Position, problem: Problem): Diagnostic {
  const { atKey: _atKey, ...rest } = problem;
  return { ...rest, file, line: pos.line, column: pos.column };
}

/** A value quoted in a message, cut to `max` characters: a 20,000-segment path must not fill the screen. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `file:line:col: error: message (pointer)` and an indented hint line, as compilers print them.
 * Each is one line, whatever the file's name or the values quoted in the message hold.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pointer ? ` (${d.pointer})` : '';
  const head = oneLine(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${where}`);
  return d.hint ? `${head}\n  hint: ${oneLine(d.hint)}` : head;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
