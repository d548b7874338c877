// Text about to be printed, to a terminal or to a GitHub runner's log. Everything a pull request
// controls (file names, titles, reasons, activity output, error messages) passes through here:
// it cannot break a line, send a terminal control sequence (ESC, BEL, OSC hyperlinks, clipboard
// writes), reorder text with bidirectional controls, or become a workflow command.
//
// The runner reads a workflow command from a line in two forms (actions/runner ActionCommand.cs):
// `::name …::data` at the start of the line once leading white space is trimmed, and the legacy
// `##[name …]data` anywhere in the line. A zero-width space (which .NET does not trim) before the
// `::`, and between `##` and `[`, leaves the text as people read it and the runner unmoved.

const ZWSP = '\u200b';
/** Line breaks as the runner (CR, LF), terminals and editors (NEL, LS, PS) see them. */
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;
/** C0 and C1 controls and DEL (tab apart), and the bidirectional embeddings, overrides and isolates. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A colour code as we paint it (SGR: ESC [ digits ; … m); any other escape sequence is dropped. */
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * One line of plain text: line breaks become a space, tabs a space, other control characters
 * are dropped, and nothing in it can start a workflow command. For any value embedded in a line.
 */
export function oneLine(text: string): string {
  return defuse(text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, ''));
}

/**
 * What is printed: `text` may hold several lines (help, a diagnostic and its hint, Markdown when
 * there is no job summary); each is kept, stripped of control characters and defused. With
 * `colour`, the SGR colour codes our painter added after the values were made safe stay.
 */
export function printable(text: string, options: { readonly colour?: boolean } = {}): string {
  return text
    .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
    .map((line) => defuse(options.colour ? stripKeeping(line, SGR) : line.replace(CONTROLS, '')))
    .join('\n');
}

/**
 * A message the runner itself escapes (the data of `::error::`, `::warning::`): line breaks may
 * stay (they are sent as %0A), other control characters go.
 */
export function commandData(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(CONTROLS, '');
}

/** A `::` starting the line (after white space) and every `##[` cannot be read as a command. */
function defuse(line: string): string {
  return line.replace(/^(\s*)::/, `$1${ZWSP}::`).replace(/##\[/g, `##${ZWSP}[`);
}

/** Drops control characters but for the whole matches of `keep`. */
function stripKeeping(line: string, keep: RegExp): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(keep)) {
    out += line.slice(last, m.index).replace(CONTROLS, '') + m[0];
    last = m.index + m[0].length;
  }
  return out + line.slice(last).replace(CONTROLS, '');
}
