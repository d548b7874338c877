// The words of `run --help` and `validate --help`: an introduction and examples written here, the
// options from the settings table (so --help can never miss a flag or show a stale default).
import { SETTINGS, type SettingKey, type SettingSpec } from '../app/settings.js';
import type { CommandOption } from '../app/settings-docs.js';

const WIDTH = 100;
const COLUMN = 32;

/** One option: its flag and value, then the help wrapped beside it. */
function optionLines(flag: string, help: string): string[] {
  const words = help.split(' ');
  const lines: string[] = [];
  let line = `  ${flag}`.padEnd(COLUMN);
  if (line.length > COLUMN) {
    lines.push(line.trimEnd());
    line = ' '.repeat(COLUMN);
  }
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(COLUMN);
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function settingLines(keys: readonly SettingKey[]): string[] {
  return (SETTINGS as readonly SettingSpec[])
    .filter((s) => s.flag && keys.includes(s.key))
    .flatMap((s) => {
      const flag = `${s.short ? `-${s.short}, ` : ''}--${s.flag}${s.metavar ? ` ${s.metavar}` : ''}`;
      const shown = s.shown === 'none' || s.shown === 'off' ? '' : ` (default: ${s.shown.replace(/`/g, '')})`;
      return optionLines(flag, [sentence(s.help, shown), s.experiment?.replace(/`/g, '')].filter(Boolean).join(' '));
    });
}

/** The help, with the default said before its final full stop. */
const sentence = (help: string, shown: string): string => (help.endsWith('.') ? `${help.slice(0, -1)}${shown}.` : `${help}${shown}`);

/** The settings `run` takes as flags. */
export const RUN_FLAGS: readonly SettingKey[] = [
  'tags',
  'tagsMatch',
  'exclude',
  'shard',
  'durations',
  'journalDir',
  'junit',
  'html',
  'vars',
  'varFiles',
  'python',
  'pythonRequirements',
  'settingsFile',
  'rollbackStrategy',
  'hypothesisStrategy',
  'hypothesisFrequency',
  'regexTimeout',
  'failFast',
  'parallel',
  'dry',
  'failOn',
  'stopSuiteOn',
  'allowActionFailure',
  'rto',
  'rpo',
  'sampling',
  'allowedAccountIds',
  'requiredTags',
  'maxTargets',
  'faultConfirmTimeout',
  'maxOutput',
  'activityTimeout',
  'maxFileSize',
  'baseline',
  'regressionThreshold',
  'quiet',
  'verbose',
];

/** The settings `report` takes as flags. */
export const REPORT_FLAGS: readonly SettingKey[] = ['journalDir', 'junit', 'baseline', 'regressionThreshold', 'failOn', 'allowActionFailure', 'quiet'];

/** The settings `merge` takes as flags. */
export const MERGE_FLAGS: readonly SettingKey[] = ['journalDir', 'junit', 'baseline', 'regressionThreshold', 'failOn'];

/** `merge`'s options of its own (the merge action's `expect` input). */
export const MERGE_OWN_OPTIONS: readonly CommandOption[] = [
  {
    option: '--expect KEYS',
    shown: 'none',
    help: "Environments that must have results: the legs' comment keys, comma-separated (repeatable). One whose every leg failed leaves nothing to merge: listed here, it fails the merged gate; left out, nothing can tell it was missing.",
  },
];

/** The settings `validate` takes as flags (besides its own --format and --quiet). */
export const VALIDATE_FLAGS: readonly SettingKey[] = ['vars', 'varFiles', 'python', 'pythonRequirements', 'maxFileSize', 'exclude'];

export function commandHelp(command: 'run' | 'validate' | 'report' | 'merge'): string {
  if (command === 'report') {
    return `Usage: chaos-action report [options] PATH...

Reads journals and writes the report a run writes: report.md and results.json in the journal
folder (and JUnit XML with --junit). PATHs are journal files, folders of them (searched
recursively for .json) and results.json files. A journal may be ours (its verdict stands) or Chaos
Toolkit's of any chaoslib version, judged here by the same rules as a run: a failed method action,
a rollback that did not work, a steady state not met before the fault all count. Chaos Toolkit
samples no recovery and runs no canary: RTO and RPO read "not measured", and an objective the
experiment declares is missed, never shown met.

Exit codes: 0 the gate passed (or fail-on leaves out what occurred); 1 a verdict listed in
--fail-on occurred; 2 an input is not a journal or a results.json, or cannot be read (nothing
is written).

Options:
${[...settingLines(REPORT_FLAGS), ...optionLines('-h, --help', 'Show this help.')].join('\n')}

Examples:
  chaos-action report --journal-dir report/ chaos-results/
  chaos-action report --baseline last-night/results.json --journal-dir report/ tonight/
  chaos-action report --journal-dir report/ --junit report/junit.xml journal.json old-run/results.json`;
  }
  if (command === 'merge') {
    return `Usage: chaos-action merge --journal-dir OUT [options] DIR...

Merges the journal folders of a matrix's legs (environments × shards, each written by
\`chaos-action run\` or the action) into one: reads each DIR's results.json and journals, and writes
the merged results.json, report.md (one table, a section per environment) and the journals (one
folder per leg) into OUT. Exits 1 when the merged gate fails: a verdict listed in --fail-on, or a
problem with the legs — a shard missing (its experiments were never tested), a shard or an
experiment twice, legs of different versions, commits or splits, or an environment given with
--expect that has no results at all. The gate never reads passed then.

Options:
${[...settingLines(MERGE_FLAGS), ...MERGE_OWN_OPTIONS.flatMap((o) => optionLines(o.option, o.help)), ...optionLines('-h, --help', 'Show this help.')].join(
  '\n',
)}

Examples:
  chaos-action run --shard 1/2 --journal-dir legs/1 experiments/
  chaos-action run --shard 2/2 --journal-dir legs/2 experiments/
  chaos-action merge --journal-dir merged legs/1 legs/2
  chaos-action merge --expect staging-eu,staging-us --journal-dir merged legs/*`;
  }
  if (command === 'validate') {
    return `Usage: chaos-action validate [options] [paths...]

Validates Chaos Toolkit experiments (.json, .yaml, .yml) the way \`chaos validate\` does, plus the
problems Chaos Toolkit only finds at run time. Folders are searched recursively (hidden folders and
node_modules are skipped). Every problem in every file is reported; nothing is run.

Options:
${[...settingLines(VALIDATE_FLAGS), ...optionLines('--format text|json', 'Output format (default: text).'), ...optionLines('-q, --quiet', 'Print errors only.'), ...optionLines('-h, --help', 'Show this help.')].join('\n')}

Examples:
  chaos-action validate experiments/
  chaos-action validate --var base_url=http://127.0.0.1:8080 experiments/web.yaml
  chaos-action validate --format json experiments/ > validation.json

Editor support: start a YAML experiment with
  # yaml-language-server: $schema=<path or URL of schema/experiment.schema.json>`;
  }
  return `Usage: chaos-action run [options] [paths...]

Runs Chaos Toolkit experiments the way \`chaos run\` does (steady state before, method, steady state
after, rollbacks), after validating all of them: if any file is invalid, nothing runs. Writes one
journal per experiment, results.json and report.md into the journal folder, and exits 1 when a
verdict listed in --fail-on occurs. Paths are files or folders (default: experiments).

Verdicts: passed, not-ready (steady state not met before the fault), missed-objective, deviated
(steady state not met after, or during the method), stopped (a stop condition tripped; the fault
was stopped and rolled back), interrupted, failed (an activity or rollback errored), invalid.

Options:
${[...settingLines(RUN_FLAGS), ...optionLines('-h, --help', 'Show this help.')].join('\n')}

Signals: SIGINT or SIGTERM stops the running activity (its process group is killed, its request
aborted), plays the rollbacks and writes the journals; a second signal skips what is left of them.

Examples:
  chaos-action run experiments/
  chaos-action run --var base_url=http://127.0.0.1:8080 --fail-on deviated,failed experiments/web.yaml`;
}
