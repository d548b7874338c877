// Output for people: colour on a terminal (unless NO_COLOR), plain in CI and pipes. Every line
// printed passes through `printable`: no control character but our colour codes, no line that
// the runner would read as a workflow command (users run the CLI in `run:` steps).
import { printable } from '../experiment/safe-text.js';

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  readonly color: boolean;
}

export function processTerminal(env: Readonly<Record<string, string | undefined>> = process.env): Terminal {
  const color =
    env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : Boolean(process.stdout.isTTY) && env.TERM !== 'dumb');
  return {
    color,
    out: (line) => void process.stdout.write(printable(line, { colour: color }) + '\n'),
    err: (line) => void process.stderr.write(printable(line, { colour: color }) + '\n'),
  };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
export type Style = keyof typeof CODES;

/** Colours `text`, which must already be safe (see oneLine): the codes added here are kept when printed. */
export function paint(t: Pick<Terminal, 'color'>, style: Style, text: string): string {
  return t.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
