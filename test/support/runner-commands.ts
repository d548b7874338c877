// How GitHub's runner finds workflow commands in a step's output (actions/runner,
// src/Runner.Common/ActionCommand.cs and src/Runner.Worker/ActionCommandManager.cs): lines split
// at CR, LF or CRLF; `::name …::data` once leading white space (as .NET trims it) is gone; the
// legacy `##[name …]data` anywhere in the line. Only registered command names count.

export const REGISTERED_COMMANDS = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
] as const;

/** .NET's char.IsWhiteSpace, which String.TrimStart() trims. */
const DOTNET_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

export interface RunnerCommand {
  readonly form: 'v2' | 'v1';
  readonly command: string;
  readonly line: string;
}

/** Every line of `output` the runner would take for a workflow command. */
export function runnerCommands(output: string): RunnerCommand[] {
  const registered = new Set<string>(REGISTERED_COMMANDS);
  const found: RunnerCommand[] = [];
  for (const line of output.split(/\r\n|\r|\n/)) {
    const v2 = v2Command(line);
    if (v2 !== undefined && registered.has(v2.toLowerCase())) {
      found.push({ form: 'v2', command: v2, line });
      continue;
    }
    const v1 = v1Command(line);
    if (v1 !== undefined && registered.has(v1.toLowerCase())) found.push({ form: 'v1', command: v1, line });
  }
  return found;
}

function v2Command(line: string): string | undefined {
  const message = line.replace(DOTNET_WHITE_SPACE, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  return space < 0 ? info : info.slice(0, space);
}

function v1Command(line: string): string | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const rb = line.indexOf(']', prefix);
  if (rb < 0) return undefined;
  const info = line.slice(prefix + 3, rb);
  const space = info.indexOf(' ');
  return space < 0 ? info : info.slice(0, space);
}

/** C0 and C1 control characters but tab and line feed (ESC, BEL, CR, NEL…). */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Names, titles, reasons and outputs as a hostile pull request writes them. */
export const HOSTILE = [
  'x\n::error title=Spoofed::the gate passed',
  '::add-mask::ghs_token',
  '  \t::stop-commands::pwned',
  '\u00a0::set-output name=gate::passed',
  'ok\r::warning::carriage return',
  'ok\u2028::notice::line separator',
  'ok\u0085::error::next line',
  'text ##[set-output name=gate;]passed',
  '##[add-mask]value',
  'bell\u0007 escape\u001b[2J\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ osc52\u001b]52;c;ZXZpbA==\u0007',
  'bidi \u202eevil\u202c and \u2066isolate\u2069',
  'nul\u0000 del\u007f c1\u009b31m',
];
