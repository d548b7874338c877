// The command line's flags, parsed with node:util's parseArgs; a flag it does not know gets the
// closest one it does as a suggestion.
import { UsageError } from './usage-error.js';

// From process.getBuiltinModule rather than an ESM import: the ESM facade of node:util evaluates
// every lazy getter of the module, a measurable part of a cold start.
const { parseArgs } = process.getBuiltinModule('node:util');

export type FlagOptions = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly multiple?: boolean; readonly short?: string }>>;

export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: string[];
}

export function parseFlags(argv: readonly string[], options: FlagOptions): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({
      args: joinDashedValues(argv, options),
      allowPositionals: true,
      options: options as import('node:util').ParseArgsOptionsConfig,
    });
    return { values: values as ParsedFlags['values'], positionals };
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw e;
    const flag = /'(-[^']*)'/.exec((e as Error).message)?.[1] ?? '';
    const near = closest(flag.replace(/^-+/, '').replace(/=.*$/, ''), Object.keys(options));
    throw new UsageError(`unknown option '${flag}'${near ? `; did you mean --${near}?` : ''}`);
  }
}

/**
 * parseArgs takes `--rto -5s` for a missing value followed by an option; a value that starts with
 * a dash and a digit is a (negative) value, given here as `--rto=-5s` so its own check words it.
 */
function joinDashedValues(argv: readonly string[], options: FlagOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** The known name nearest to `name` (edit distance at most a third of its length, at least 2), if any. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] as number;
}
