// The settings table as documentation: action.yml's inputs, the README's inputs table and its
// `run` options table. `npm run docs` writes them; a test fails when they drift from the table.
import { MERGE_INPUTS } from './merge-inputs.js';
import { SETTINGS, type SettingKey, type SettingSpec } from './settings.js';

const specs = SETTINGS as readonly SettingSpec[];

/** What a setting means, with what an experiment may say about it. */
export const meaning = (s: SettingSpec): string => [s.help, s.experiment].filter(Boolean).join(' ');

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's table of the action's inputs. */
export function inputsTable(): string {
  const rows = specs.filter((s) => s.input).map((s) => `| \`${s.input}\` | ${cell(s.shown)} | ${cell(meaning(s))} |`);
  return ['| input | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README's table of a command's options. */
export function flagsTable(keys: readonly SettingKey[], own: readonly CommandOption[] = []): string {
  const rows = specs
    .filter((s) => s.flag && keys.includes(s.key))
    .map((s) => `| \`${s.short ? `-${s.short}, ` : ''}--${s.flag}${s.metavar ? ` ${s.metavar}` : ''}\` | ${cell(s.shown)} | ${cell(meaning(s))} |`);
  const more = own.map((o) => `| \`${o.option}\` | ${cell(o.shown)} | ${cell(o.help)} |`);
  return ['| option | default | meaning |', '| --- | --- | --- |', ...rows, ...more].join('\n');
}

/** A command's own option, outside the settings table (merge's --expect). */
export interface CommandOption {
  /** As --help shows it: `--expect KEYS`. */
  readonly option: string;
  readonly shown: string;
  readonly help: string;
}

/** action.yml's `inputs:` block. */
export function actionInputsYaml(): string {
  const lines = ['inputs:'];
  for (const s of specs) {
    if (!s.input) continue;
    lines.push(`  ${s.input}:`, `    description: ${JSON.stringify(meaning(s))}`, '    required: false', `    default: ${yamlScalar(s.inputDefault ?? '')}`);
  }
  return lines.join('\n');
}

const yamlScalar = (v: string): string => (v === '' || /^[\d.]+$|^(true|false)$/.test(v) || /[:#{}*]/.test(v) ? (v.startsWith('${{') ? v : `'${v}'`) : v);

/** Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->` in a document. */
export function replaceSection(document: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = document.indexOf(start);
  const b = document.indexOf(end);
  if (a < 0 || b < a) throw new Error(`the section markers ${start} … ${end} are missing`);
  return `${document.slice(0, a + start.length)}\n${content}\n${document.slice(b)}`;
}

/** action.yml with its inputs block written from the table (everything else kept). */
export function withActionInputs(manifest: string, inputs: string = actionInputsYaml()): string {
  const a = manifest.indexOf('\ninputs:\n');
  const b = manifest.indexOf('\noutputs:\n');
  if (a < 0 || b < a) throw new Error('action.yml has no inputs: block followed by outputs:');
  return `${manifest.slice(0, a + 1)}${inputs}\n${manifest.slice(b)}`;
}

/** merge/action.yml's `inputs:` block. */
export function mergeInputsYaml(): string {
  const lines = ['inputs:'];
  for (const i of MERGE_INPUTS)
    lines.push(`  ${i.input}:`, `    description: ${JSON.stringify(i.help)}`, '    required: false', `    default: ${yamlScalar(i.inputDefault)}`);
  return lines.join('\n');
}

/** The README's table of the merge action's inputs. */
export function mergeInputsTable(): string {
  const rows = MERGE_INPUTS.map((i) => `| \`${i.input}\` | ${cell(i.shown)} | ${cell(i.help)} |`);
  return ['| input | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
