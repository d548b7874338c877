// The merge action's inputs (merge/action.yml): settings of the main table, some with a default of
// their own, and `pattern`, the merge's only input of its own. `npm run docs` writes
// merge/action.yml's inputs and the README's table from this list; a test fails on drift.
import { inputVariable, readActionInputs, SETTINGS, type ParsedSettings, type SettingKey, type SettingSpec } from './settings.js';

export interface MergeInput {
  readonly input: string;
  /** The setting it reads, when it is one of the table's. */
  readonly key?: SettingKey;
  readonly inputDefault: string;
  readonly shown: string;
  readonly help: string;
}

/** The legs' artifacts by default: `chaos-journals-<job>[-<comment-key>][-shard-i-of-n]-attempt-<n>`. */
export const DEFAULT_PATTERN = 'chaos-journals-*';
/** The merged artifact's base name: not matched by the default pattern, so a re-run never merges a merge. */
export const DEFAULT_MERGED_NAME = 'chaos-report';

const fromTable = (key: SettingKey, own: Partial<Pick<MergeInput, 'inputDefault' | 'shown' | 'help'>> = {}): MergeInput => {
  const spec = (SETTINGS as readonly SettingSpec[]).find((s) => s.key === key) as SettingSpec;
  return { input: spec.input as string, key, inputDefault: spec.inputDefault ?? '', shown: spec.shown, help: spec.help, ...own };
};

export const MERGE_INPUTS: readonly MergeInput[] = [
  {
    input: 'pattern',
    inputDefault: DEFAULT_PATTERN,
    shown: `\`${DEFAULT_PATTERN}\``,
    help: "Which of this run's artifacts are legs to merge: a glob over artifact names (`*` any characters, `?` one). The default matches the main action's default artifact names; the latest artifact of each name is used.",
  },
  {
    input: 'expect',
    inputDefault: '',
    shown: 'none',
    help: "The environments that must have results: the legs' `comment-key` values, comma- or newline-separated (e.g. `staging-eu,staging-us`). An environment whose every leg failed before uploading leaves nothing to merge: listed here, it fails the merged gate (a row that reads interrupted); left out, nothing can tell it was missing.",
  },
  fromTable('journalDir', { help: 'Where the merged results.json, report.md and journals (one folder per leg) go.' }),
  fromTable('failOn'),
  fromTable('comment'),
  fromTable('commentKey', { help: "Keeps the merged sticky comment apart from others (the legs' own comments are usually `comment: never`)." }),
  fromTable('githubToken'),
  fromTable('artifactName', {
    inputDefault: DEFAULT_MERGED_NAME,
    shown: `\`${DEFAULT_MERGED_NAME}\``,
    help: 'Base name of the merged artifact (the job and the run attempt are appended); keep it outside `pattern`.',
  }),
  fromTable('retentionDays', { help: 'Days to keep the merged artifact, 1 to 400.' }),
  fromTable('junit'),
  fromTable('history', {
    help: "Earlier runs of this workflow to compare the merged report with (0 to 30), read from their merged artifacts (needs `permissions: actions: read`): each RTO's change and trend, regressions and flaky experiments, per environment.",
  }),
  fromTable('regressionThreshold'),
];

/** The merge step's settings (the table's, from its inputs) and its pattern. */
export function readMergeInputs(
  env: Readonly<Record<string, string | undefined>>,
):
  | ({ readonly ok: true; readonly pattern: string; readonly expect: readonly string[] } & ParsedSettings)
  | { readonly ok: false; readonly problems: readonly string[] } {
  // Only the merge's inputs are read: a stray INPUT_ of the main action means nothing here.
  const own = new Set(MERGE_INPUTS.map((i) => inputVariable(i.input)));
  const inputs = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('INPUT_') || own.has(k)));
  const parsed = readActionInputs(inputs);
  if (!parsed.ok) return parsed;
  const pattern = (env[inputVariable('pattern')] ?? '').trim() || DEFAULT_PATTERN;
  const artifactName = (env[inputVariable('artifact-name')] ?? '').trim() ? parsed.settings.artifactName : DEFAULT_MERGED_NAME;
  const expect = expectedEnvironments(env[inputVariable('expect')] ?? '');
  if (!expect.ok) return { ok: false, problems: [`input "expect": ${expect.problem}`] };
  return { ...parsed, settings: { ...parsed.settings, artifactName }, pattern, expect: expect.value };
}

/** `staging-eu, staging-us` (commas or lines): the environments that must have results. */
export function expectedEnvironments(text: string): { readonly ok: true; readonly value: string[] } | { readonly ok: false; readonly problem: string } {
  const keys = text
    .split(/[,\n]/)
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = keys.find((k) => /[\u0000-\u001f\u007f]/.test(k) || k.length > 256);
  if (bad !== undefined) return { ok: false, problem: 'an environment is a comment-key value: one line of at most 256 characters' };
  return { ok: true, value: [...new Set(keys)] };
}
