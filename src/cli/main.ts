// The command line: parses the command, runs it, turns every outcome into an exit code.
// Nothing a user typed or wrote produces a stack trace; only our own bugs do, and they say so.
import { ExitCode } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { closest } from './flags.js';
import { MAIN_HELP } from './help.js';
import type { Terminal } from '../report/terminal.js';
import { VERSION } from '../app/version.js';

type Command = (argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  run: async () => (await import('./run-command.js')).runCommand,
  report: async () => (await import('./report-command.js')).reportCommand,
  merge: async () => (await import('./merge-command.js')).mergeCommand,
};

export async function main(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    term.out(MAIN_HELP);
    return first === undefined ? ExitCode.invalidInput : ExitCode.ok;
  }
  if (first === '-v' || first === '--version') {
    term.out(VERSION);
    return ExitCode.ok;
  }
  if (first === 'help' && rest[0] === undefined) return main(['--help'], term, env);
  const name = first === 'help' ? (rest[0] as string) : first;
  const load = COMMANDS[name];
  if (!load) {
    const near = closest(name, Object.keys(COMMANDS));
    term.err(
      `chaos-action: unknown command '${name}'.${near ? ` Did you mean '${near}'?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}. See 'chaos-action --help'.`,
    );
    return ExitCode.invalidInput;
  }
  if (first === 'help') return main([name, '--help'], term, env);
  try {
    return await (await load())(rest, term, env);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      term.err(`chaos-action ${first}: ${(e as Error).message}. See 'chaos-action ${first} --help'.`);
      return ExitCode.invalidInput;
    }
    term.err(`chaos-action: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    term.err('This is a bug in chaos-action, not in your experiment: please report it with the command you ran.');
    return ExitCode.internalError;
  }
}

function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
