// Every setting of a run, defined once: its name, how it is written (CLI flag, action input),
// its default, what in an experiment may override it, and how its text is checked. The CLI's
// flags and --help, the action's inputs, action.yml and the README's inputs table all come from
// (or are checked against) this one table.
//
// Precedence, for every setting: a flag or input that was given > what the experiment says (only
// where `experiment` names it) > the default. "Given" means written by the user: action.yml
// declares an empty default for every input whose absence must be told apart, so that a runner
// passing its default is never mistaken for a choice.
import { DEFAULT_HTTP_DEADLINE_S, DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_PROCESS_DEADLINE_S, KiB, MiB, MIN_MAX_OUTPUT_BYTES } from '../contract/limits.js';
import { DRY_MODES, type DryMode } from '../engine/activity.js';
import { DEFAULT_REGEX_TIMEOUT } from '../engine/regex-worker.js';
import {
  HYPOTHESIS_STRATEGIES,
  type HypothesisStrategy,
  normalizeHypothesisStrategy,
  ROLLBACK_STRATEGIES,
  type RollbackStrategy,
} from '../engine/strategies.js';
import { DEFAULT_MAX_FILE_BYTES } from '../experiment/read-file.js';
import { DEFAULT_MAX_TARGETS, type Guardrails, type Parsed, parseAccountIds, parseMaxTargets, parseRequiredTags } from '../experiment/guardrails.js';
import { parseDuration, SAMPLE_BUDGET } from '../experiment/objectives.js';
import type { TagsMatch } from '../experiment/selection.js';
import { parseShard, type Shard } from '../experiment/shard.js';
import { parseVarOption, VarError } from '../experiment/vars.js';
import { DEFAULT_FAIL_ON, type Verdict, VERDICTS } from '../report/verdict.js';
import { DEFAULT_THRESHOLD, parseThreshold, type Threshold } from '../report/history.js';
import { STOP_SUITE_CONDITIONS, STOP_SUITE_ON, type StopSuiteOn } from './stop-suite.js';

export type CommentMode = 'always' | 'on-failure' | 'never';
export const COMMENT_MODES: readonly CommentMode[] = ['always', 'on-failure', 'never'];

/** Every setting a run (CLI or action) can have, typed and with its default applied. */
export interface RunSettings {
  readonly experiments: readonly string[];
  readonly tags: readonly string[];
  readonly tagsMatch: TagsMatch;
  readonly exclude: readonly string[];
  /** This leg's part of the selected experiments, in a matrix. */
  readonly shard: Shard | undefined;
  /** A previous run's results.json: shards are balanced by its durations. */
  readonly durations: string | undefined;
  readonly journalDir: string;
  /** Where to also write the results as JUnit XML (undefined: not written). */
  readonly junit: string | undefined;
  /** Where to write a copy of the HTML report (report.html is always in the journal folder). */
  readonly html: string | undefined;
  readonly vars: readonly (readonly [string, unknown])[];
  readonly varFiles: readonly string[];
  readonly python: string;
  /** Requirements files and requirement lines installed into a virtualenv whose python runs the python providers. */
  readonly pythonRequirements: readonly string[];
  /** The Chaos Toolkit settings file whose `controls:` apply to every experiment (undefined: ~/.chaostoolkit/settings.yaml when it exists). */
  readonly settingsFile: string | undefined;
  readonly rollbackStrategy: RollbackStrategy;
  readonly hypothesisStrategy: HypothesisStrategy;
  readonly hypothesisFrequency: number;
  readonly regexTimeout: number;
  readonly failFast: boolean;
  /** Experiments run at once (1: one after the other). */
  readonly parallel: number;
  readonly dry: DryMode | null;
  readonly failOn: readonly Verdict[];
  readonly stopSuiteOn: readonly StopSuiteOn[];
  readonly allowActionFailure: boolean;
  readonly rto: number | undefined;
  readonly rpo: number | undefined;
  readonly sampling: boolean;
  readonly allowedAccountIds: readonly string[] | undefined;
  readonly requiredTags: Readonly<Record<string, string>> | undefined;
  readonly maxTargets: number;
  /** Seconds a chaosaws fault may take to show in AWS before it reads "not confirmed". */
  readonly faultConfirmTimeout: number;
  readonly maxOutput: number;
  readonly activityTimeout: number | undefined;
  readonly maxFileSize: number;
  // The command line's own.
  readonly quiet: boolean;
  readonly verbose: boolean;
  // The action's own.
  readonly roleToAssume: string | undefined;
  readonly awsRegion: string | undefined;
  readonly roleSessionName: string | undefined;
  readonly roleDurationSeconds: number | undefined;
  readonly audience: string;
  readonly exportCredentials: boolean;
  readonly comment: CommentMode;
  readonly commentKey: string;
  readonly githubToken: string | undefined;
  readonly artifactName: string;
  readonly retentionDays: number | undefined;
  // History: earlier runs to compare with.
  readonly history: number;
  readonly baseline: readonly string[];
  readonly regressionThreshold: Threshold;
}

export type SettingKey = keyof RunSettings;

/** How a setting's text arrives: one value, a yes/no switch, or several (repeated flag; input lines or commas). */
type Kind = 'text' | 'switch' | 'lines' | 'list';

export interface SettingSpec<K extends SettingKey = SettingKey> {
  readonly key: K;
  readonly kind: Kind;
  /** The CLI flag (without --), when the command line has it. */
  readonly flag?: string;
  /** A switch whose flag turns it off (`--no-sampling`): the flag given means false. */
  readonly flagTurnsOff?: true;
  readonly short?: string;
  /** What the flag's value looks like in --help. */
  readonly metavar?: string;
  /** The action input, when the action has it. */
  readonly input?: string;
  /** action.yml's `default:` for the input ('' unless absence must not be told apart). */
  readonly inputDefault?: string;
  /** The default as the docs state it. */
  readonly shown: string;
  /** What an experiment may say about this setting, as one sentence for the docs (precedence). */
  readonly experiment?: string;
  /** One line for --help, action.yml and the README. */
  readonly help: string;
  readonly default: RunSettings[K];
  /** Text (one item of a list) to value; a string is what is wrong, worded to follow the value. */
  readonly parse?: (text: string, from: 'flag' | 'input') => Parsed<RunSettings[K]>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

function oneOf<T extends string>(allowed: readonly T[]): (text: string) => Parsed<T> {
  return (text) => ((allowed as readonly string[]).includes(text) ? ok(text as T) : bad(`expected one of ${allowed.join(', ')}`));
}

function duration(example: string): (text: string) => Parsed<number | undefined> {
  return (text) => {
    if (/^\s*-/.test(text)) return bad('a duration cannot be negative');
    const seconds = parseDuration(text);
    return seconds === undefined ? bad(`expected a duration such as ${example} or 90 (seconds)`) : ok(seconds);
  };
}

function wholeNumber(min: number, max: number, unit: string): (text: string) => Parsed<number> {
  return (text) => {
    const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? ok(n) : bad(`expected a whole number of ${unit} from ${min} to ${max}`);
  };
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, k: KiB, kib: KiB, m: MiB, mib: MiB, g: 1024 * MiB, gib: 1024 * MiB };

/** A size in bytes: a whole number, or with a binary unit (512KiB, 10MiB, 1G). */
function byteSize(min: number, max: number): (text: string) => Parsed<number> {
  const range = `from ${min / KiB} KiB to ${max / MiB} MiB`;
  return (text) => {
    const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
    const unit = m ? BYTE_UNITS[(m[2] as string).toLowerCase()] : undefined;
    if (!m || unit === undefined) return bad(`expected a size in bytes, such as 1048576, 512KiB or 10MiB, ${range}`);
    const n = Number(m[1]) * unit;
    return n >= min && n <= max ? ok(n) : bad(`expected a size ${range}`);
  };
}

/** A size as the docs show it: 10MiB, 256KiB. */
const sizeText = (bytes: number): string => (bytes % MiB === 0 ? `${bytes / MiB}MiB` : `${bytes / KiB}KiB`);

const define = <K extends SettingKey>(spec: SettingSpec<K>): SettingSpec<K> => spec;

/** The table. Order is the order of --help, action.yml and the README. */
export const SETTINGS = [
  define({
    key: 'experiments',
    kind: 'list',
    input: 'experiments',
    inputDefault: 'experiments',
    shown: '`experiments`',
    default: ['experiments'],
    help: 'Experiment files or folders, searched recursively for .json, .yaml and .yml (as an input: one per line or comma-separated; on the command line: the paths after the options).',
  }),
  define({
    key: 'tags',
    kind: 'list',
    flag: 'tags',
    metavar: 'LIST',
    input: 'tags',
    shown: 'every experiment',
    default: [],
    help: 'Run only the experiments whose `tags` hold one of these (comma-separated; all of them with tags-match all); `!tag` leaves out every experiment carrying it, whatever else it carries.',
    parse: (text) => (/^!?\S+$/.test(text) ? ok([text]) : bad('expected a tag, or !tag to leave it out')),
  }),
  define({
    key: 'tagsMatch',
    kind: 'text',
    flag: 'tags-match',
    metavar: 'any|all',
    input: 'tags-match',
    inputDefault: 'any',
    shown: '`any`',
    default: 'any',
    help: 'Whether an experiment needs any or all of the selecting tags.',
    parse: oneOf<TagsMatch>(['any', 'all']),
  }),
  define({
    key: 'exclude',
    kind: 'lines',
    flag: 'exclude',
    metavar: 'GLOB',
    input: 'exclude',
    shown: 'none',
    default: [],
    help: 'Experiment files to leave out, as glob patterns relative to the working folder (e.g. experiments/nightly/**): repeat the flag, or one per line as an input. Left-out files are neither validated nor run.',
  }),
  define({
    key: 'shard',
    kind: 'text',
    flag: 'shard',
    metavar: 'i/n',
    input: 'shard',
    shown: 'all',
    default: undefined,
    help: 'Run only shard i of n of the selected experiments (e.g. `${{ matrix.shard }}/4`), after validating all of them: a deterministic split, by count or by `durations`, in which every experiment lands in exactly one shard. Merge the legs with `chaos-action merge` or the merge action.',
    parse: parseShard,
  }),
  define({
    key: 'durations',
    kind: 'text',
    flag: 'durations',
    metavar: 'FILE',
    input: 'durations',
    shown: 'none (by count)',
    default: undefined,
    help: "A previous run's results.json (a leg's or a merged one): shards are balanced by its durations (an experiment it does not know counts as the median). A file that does not exist splits by count; one that cannot be read is an error.",
  }),
  define({
    key: 'journalDir',
    kind: 'text',
    flag: 'journal-dir',
    metavar: 'DIR',
    input: 'journal-dir',
    inputDefault: 'chaos-results',
    shown: '`chaos-results`',
    default: 'chaos-results',
    help: 'Where the journals, results.json, report.md and report.html go.',
  }),
  define({
    key: 'html',
    kind: 'text',
    flag: 'html',
    metavar: 'FILE',
    input: 'html',
    shown: 'none',
    default: undefined,
    help: 'Also write the HTML report to this file, relative to the working folder (report.html, one self-contained file, is always written into the journal folder and the artifact).',
  }),
  define({
    key: 'junit',
    kind: 'text',
    flag: 'junit',
    metavar: 'FILE',
    input: 'junit',
    shown: 'not written',
    default: undefined,
    help: 'Also write the results as JUnit XML to this file, one testcase per experiment, for test reporters (dorny/test-reporter, mikepenz/action-junit-report, GitLab, Jenkins); a copy named junit.xml goes into the journal folder (and the artifact) when the file is outside it.',
  }),
  define({
    key: 'vars',
    kind: 'lines',
    flag: 'var',
    metavar: 'KEY[:TYPE]=VALUE',
    input: 'vars',
    shown: 'none',
    default: [],
    help: 'Configuration values, as `chaos run --var` (TYPE: str, int, float, bytes, bool or json): repeat the flag, or one per line as an input.',
    parse: (text) => {
      try {
        return ok([parseVarOption(text)]);
      } catch (e) {
        if (e instanceof VarError) return bad(e.message.replace(`--var ${text}: `, ''));
        throw e;
      }
    },
  }),
  define({
    key: 'varFiles',
    kind: 'lines',
    flag: 'var-file',
    metavar: 'FILE',
    input: 'var-files',
    shown: 'none',
    default: [],
    help: 'Configuration and secrets from JSON/YAML files, or environment values from .env files: repeat the flag, or one per line as an input (a comma belongs to the path). Later files win; vars win over files.',
  }),
  define({
    key: 'python',
    kind: 'text',
    flag: 'python',
    metavar: 'PATH',
    input: 'python',
    shown: '`$CHAOS_ACTION_PYTHON`, else `python3`',
    default: 'python3',
    help: 'The python3 that runs (and checks) python providers that are not built in.',
  }),
  define({
    key: 'pythonRequirements',
    kind: 'lines',
    flag: 'python-requirements',
    metavar: 'FILE|SPEC',
    input: 'python-requirements',
    shown: 'none',
    default: [],
    help: "The experiments' Python extensions, installed with pip into a virtualenv made with python (reused while the requirements and the python are unchanged), whose python then runs and validates the python providers: requirements files, or requirements such as chaostoolkit-aws==0.35.1 (repeat the flag, or one per line as an input). pip options (-r, -c, -e, --index-url, --trusted-host, …) are refused; only --hash may follow a requirement. An install that fails is an error: nothing runs.",
  }),
  define({
    key: 'settingsFile',
    kind: 'text',
    flag: 'settings',
    metavar: 'FILE',
    input: 'settings',
    shown: '`~/.chaostoolkit/settings.yaml` when it exists',
    default: undefined,
    help: 'A Chaos Toolkit settings file: its `controls:` (python control plug-ins) apply to every experiment, as under `chaos run --settings`.',
  }),
  define({
    key: 'rollbackStrategy',
    kind: 'text',
    flag: 'rollback-strategy',
    metavar: 'S',
    input: 'rollback-strategy',
    shown: '`always`',
    experiment: "Not given, each experiment's `runtime.rollbacks.strategy` applies (Chaos Toolkit's rule: a `runtime` block without it means default).",
    default: 'always',
    help: "When rollbacks play: always (a gate must not leave staging broken), default (Chaos Toolkit's: not after failed or interrupted), never, deviated.",
    parse: oneOf(ROLLBACK_STRATEGIES),
  }),
  define({
    key: 'hypothesisStrategy',
    kind: 'text',
    flag: 'hypothesis-strategy',
    metavar: 'S',
    input: 'hypothesis-strategy',
    shown: '`default`',
    experiment: "Not given, each experiment's `runtime.hypothesis.strategy` applies.",
    default: 'default',
    help: 'When the steady state is checked: default, before-method-only, after-method-only, during-method-only, continuously.',
    parse: (text) => {
      const strategy = normalizeHypothesisStrategy(text);
      return strategy ? ok(strategy) : bad(`expected one of ${HYPOTHESIS_STRATEGIES.join(', ')}`);
    },
  }),
  define({
    key: 'hypothesisFrequency',
    kind: 'text',
    flag: 'hypothesis-frequency',
    metavar: 'SEC',
    input: 'hypothesis-frequency',
    inputDefault: '1',
    shown: '`1`',
    default: 1,
    help: 'Seconds between two steady-state checks during the method.',
    parse: (text) => {
      const n = text.trim() === '' ? NaN : Number(text);
      return Number.isFinite(n) && n >= 0 ? ok(n) : bad('expected a number of seconds, 0 or more');
    },
  }),
  define({
    key: 'regexTimeout',
    kind: 'text',
    flag: 'regex-timeout',
    metavar: 'DURATION',
    input: 'regex-timeout',
    shown: `\`${DEFAULT_REGEX_TIMEOUT}s\``,
    default: DEFAULT_REGEX_TIMEOUT,
    help: 'Longest one regex tolerance match may take (500ms, 1s, 10s, up to 1h): a pattern that backtracks for longer fails its probe rather than freezing the run.',
    parse: (text) => {
      const seconds = /^\s*-/.test(text) ? undefined : parseDuration(text);
      return seconds !== undefined && seconds > 0 && seconds <= 3600
        ? ok(seconds)
        : bad('expected a duration from 1ms to 1h, such as 500ms, 2s or 10 (seconds)');
    },
  }),
  define({
    key: 'failFast',
    kind: 'switch',
    flag: 'fail-fast',
    input: 'fail-fast',
    inputDefault: 'false',
    shown: '`false`',
    default: false,
    help: 'Stop an experiment at the first deviation during the method.',
  }),
  define({
    key: 'parallel',
    kind: 'text',
    flag: 'parallel',
    metavar: 'N',
    input: 'parallel',
    inputDefault: '1',
    shown: '`1`',
    default: 1,
    help: 'Experiments run at once, in suite order; two holding the same lock (declared in the chaos-action extension, or inferred from the AWS built-ins they call) never overlap, and an exclusive one runs alone. Progress lines then name their experiment.',
    parse: (text) => {
      const parsed = wholeNumber(1, 100, 'experiments')(text);
      return parsed.ok ? ok(parsed.value ?? 1) : parsed;
    },
  }),
  define({
    key: 'dry',
    kind: 'text',
    flag: 'dry',
    metavar: 'MODE',
    input: 'dry-run',
    inputDefault: 'false',
    shown: 'off',
    default: null,
    help: "Inject nothing: actions runs the probes and hypotheses only (probes, activities: skip those; pause: do not pause); the dry-run input takes true (actions) or false. A dry run's verdict is dry-run, never passed (pause only skips pauses: its verdicts stand). Dry chaosaws actions print their plan: the resources they would change and the guardrails' verdict; a refusal, or an action that would fail, fails the experiment.",
    parse: (text, from) => {
      if (from === 'input' && YAML_FALSE.includes(text)) return ok(null);
      if (from === 'input' && YAML_TRUE.includes(text)) return ok<DryMode>('actions');
      return (DRY_MODES as readonly string[]).includes(text)
        ? ok(text as DryMode)
        : bad(`expected ${from === 'input' ? 'true, false or ' : ''}one of ${DRY_MODES.join(', ')}`);
    },
  }),
  define({
    key: 'failOn',
    kind: 'list',
    flag: 'fail-on',
    metavar: 'LIST',
    input: 'fail-on',
    shown: 'every verdict but `passed` and `regressed`',
    default: DEFAULT_FAIL_ON,
    help: `Verdicts that fail the gate, comma-separated: ${VERDICTS.join(', ')}. Leave dry-run out to let a dry run succeed (the gate still reads dry-run, never passed).`,
    parse: (text) => ((VERDICTS as readonly string[]).includes(text) ? ok([text as Verdict]) : bad(`verdicts are ${VERDICTS.join(', ')}`)),
  }),
  define({
    key: 'stopSuiteOn',
    kind: 'list',
    flag: 'stop-suite-on',
    metavar: 'LIST',
    input: 'stop-suite-on',
    shown: 'never stop the suite',
    default: [],
    help: `Start no more experiments once one ends with one of these, comma-separated: a verdict (${VERDICTS.join(', ')}), not-recovered (its observed recovery ended not recovered), rollback-failed (a rollback failed, did not take effect or was cut short), rollback-owed (the same, or an interruption skipped the rollbacks). The experiments left are reported interrupted ("not started"), never passed. E.g. stopped,failed,not-recovered.`,
    parse: (text) =>
      (STOP_SUITE_ON as readonly string[]).includes(text) ? ok([text as StopSuiteOn]) : bad(`expected a verdict or ${STOP_SUITE_CONDITIONS.join(', ')}`),
  }),
  define({
    key: 'allowActionFailure',
    kind: 'switch',
    flag: 'allow-action-failure',
    input: 'allow-action-failure',
    inputDefault: 'false',
    shown: '`false`',
    default: false,
    help: "A method action that failed or did not take effect (a process exiting non-zero, an HTTP status of 400 or more) does not fail the experiment (Chaos Toolkit's meaning); a rollback that did not work still fails it.",
  }),
  define({
    key: 'rto',
    kind: 'text',
    flag: 'rto',
    metavar: 'DURATION',
    input: 'rto',
    shown: 'none',
    experiment: "An experiment's own objective (`objectives.rto` in its chaos-action extension) wins.",
    default: undefined,
    help: 'Recovery time objective for experiments that declare none (30s, 5m, …): an observed RTO over it is the verdict missed-objective.',
    parse: duration('30s, 5m, 1h'),
  }),
  define({
    key: 'rpo',
    kind: 'text',
    flag: 'rpo',
    metavar: 'DURATION',
    input: 'rpo',
    shown: 'none',
    experiment: "An experiment's own objective (`objectives.rpo` in its chaos-action extension) wins.",
    default: undefined,
    help: 'Recovery point objective for experiments that declare none (0s, 1m, …): data loss the durability canary observes over it is missed-objective.',
    parse: duration('0s, 1m'),
  }),
  define({
    key: 'sampling',
    kind: 'switch',
    flag: 'no-sampling',
    flagTurnsOff: true,
    input: 'sampling',
    shown: 'sampling on',
    experiment: 'An experiment turns it off for itself with `sampling: false` in its chaos-action extension; off on either side wins.',
    default: true,
    help: `Recovery sampling: the steady-state hypothesis sampled from the first action on, for the observed RTO (at most ${SAMPLE_BUDGET} samples per experiment). Off (\`--no-sampling\`, or false as an input): nothing is sampled, and RTO reads not measured.`,
  }),
  define({
    key: 'allowedAccountIds',
    kind: 'text',
    flag: 'allowed-account-ids',
    metavar: 'LIST',
    input: 'allowed-account-ids',
    shown: 'any account',
    experiment: 'An experiment may tighten it in its chaos-action extension, never loosen it.',
    default: undefined,
    help: 'AWS accounts where chaosaws actions may change anything (12-digit ids, comma-separated); checked with STS GetCallerIdentity before each change.',
    parse: parseAccountIds,
  }),
  define({
    key: 'requiredTags',
    kind: 'text',
    flag: 'required-tags',
    metavar: 'LIST',
    input: 'required-tags',
    shown: 'none',
    experiment: 'An experiment may tighten it in its chaos-action extension, never loosen it.',
    default: undefined,
    help: 'Tags every resource a chaosaws action changes must carry (key=value, comma-separated).',
    parse: parseRequiredTags,
  }),
  define({
    key: 'maxTargets',
    kind: 'text',
    flag: 'max-targets',
    metavar: 'N',
    input: 'max-targets',
    shown: `\`${DEFAULT_MAX_TARGETS}\``,
    experiment: 'An experiment may tighten it in its chaos-action extension, never loosen it.',
    default: DEFAULT_MAX_TARGETS,
    help: 'Most resources one chaosaws action may change (0: none).',
    parse: parseMaxTargets,
  }),
  define({
    key: 'faultConfirmTimeout',
    kind: 'text',
    flag: 'fault-confirm-timeout',
    metavar: 'DURATION',
    input: 'fault-confirm-timeout',
    shown: '`60s`',
    default: 60,
    help: 'How long a chaosaws fault may take to show in AWS (a failover event, an instance no longer running, a FIS experiment running) before it is "not confirmed" and the experiment fails.',
    parse: (text) => {
      const parsed = duration('30s, 2m')(text);
      return parsed.ok ? ok(parsed.value ?? 60) : parsed;
    },
  }),
  define({
    key: 'maxOutput',
    kind: 'text',
    flag: 'max-output',
    metavar: 'BYTES',
    input: 'max-output',
    shown: `\`${sizeText(DEFAULT_MAX_OUTPUT_BYTES)}\``,
    default: DEFAULT_MAX_OUTPUT_BYTES,
    help: "Most bytes kept of an http response body (the rest is not read) and of each of a process's stdout and stderr (the first and last halves kept), and the longest string a journal records; a cut is marked `[chaos-action truncated: …]`.",
    parse: byteSize(MIN_MAX_OUTPUT_BYTES, 256 * MiB),
  }),
  define({
    key: 'activityTimeout',
    kind: 'text',
    flag: 'activity-timeout',
    metavar: 'DURATION',
    input: 'activity-timeout',
    shown: `${DEFAULT_HTTP_DEADLINE_S}s for http, ${DEFAULT_PROCESS_DEADLINE_S / 60}m for process`,
    default: undefined,
    help: 'Deadline of an http or process activity without a `timeout` (Chaos Toolkit waits forever): the request is aborted or the process group killed, and the activity fails. With a `timeout`, a process has that long in all, and each http attempt its connect + read timeouts together.',
    parse: (text) => {
      const parsed = duration('90s, 10m')(text);
      return parsed.ok && parsed.value === 0 ? bad('a deadline must be more than 0 seconds') : parsed;
    },
  }),
  define({
    key: 'maxFileSize',
    kind: 'text',
    flag: 'max-file-size',
    metavar: 'BYTES',
    input: 'max-file-size',
    shown: `\`${sizeText(DEFAULT_MAX_FILE_BYTES)}\``,
    default: DEFAULT_MAX_FILE_BYTES,
    help: 'Largest experiment or var file read; larger ones, and paths that are not regular files (a FIFO, a device), are errors.',
    parse: byteSize(KiB, 256 * MiB),
  }),
  define({ key: 'quiet', kind: 'switch', flag: 'quiet', short: 'q', shown: 'off', default: false, help: 'Errors and the final summary only.' }),
  define({ key: 'verbose', kind: 'switch', flag: 'verbose', short: 'v', shown: 'off', default: false, help: "Also every activity's output and pause." }),
  define({
    key: 'roleToAssume',
    kind: 'text',
    input: 'role-to-assume',
    shown: 'none',
    default: undefined,
    help: 'ARN of the AWS role to assume through GitHub OIDC (the job needs `permissions: id-token: write`). Empty: the default AWS credential chain, or no AWS at all.',
  }),
  define({
    key: 'awsRegion',
    kind: 'text',
    input: 'aws-region',
    shown: '`$AWS_REGION`',
    default: undefined,
    help: 'AWS region for STS and the AWS built-ins.',
    parse: (text) => (/^[a-z0-9-]+$/.test(text) ? ok(text) : bad('expected a region name such as eu-west-1')),
  }),
  define({
    key: 'roleSessionName',
    kind: 'text',
    input: 'role-session-name',
    shown: '`chaos-action-<run id>-<attempt>`',
    default: undefined,
    help: 'Session name for the assumed role.',
  }),
  define({
    key: 'roleDurationSeconds',
    kind: 'text',
    input: 'role-duration-seconds',
    inputDefault: '3600',
    shown: '`3600`',
    default: undefined,
    help: "Session duration in seconds, 900 to 43200 (at most the role's maximum).",
    parse: wholeNumber(900, 43_200, 'seconds'),
  }),
  define({
    key: 'audience',
    kind: 'text',
    input: 'audience',
    inputDefault: 'sts.amazonaws.com',
    shown: '`sts.amazonaws.com`',
    default: 'sts.amazonaws.com',
    help: 'Audience of the OIDC token.',
  }),
  define({
    key: 'exportCredentials',
    kind: 'switch',
    input: 'export-credentials',
    inputDefault: 'false',
    shown: '`false`',
    default: false,
    help: "Also export the temporary AWS credentials to the job's environment for later steps.",
  }),
  define({
    key: 'comment',
    kind: 'text',
    input: 'comment',
    inputDefault: 'always',
    shown: '`always`',
    default: 'always',
    help: 'Sticky PR comment with the result table (only on pull_request events from the same repository): always; on-failure (a failing run posts it; once it exists, every later run updates it, so a pass replaces a failure); never (posts nothing and leaves an earlier comment as it was).',
    parse: oneOf(COMMENT_MODES),
  }),
  define({
    key: 'commentKey',
    kind: 'text',
    input: 'comment-key',
    inputDefault: 'default',
    shown: '`default`',
    default: 'default',
    help: 'Keeps several sticky comments, and their artifacts, apart: set it per environment or matrix leg (e.g. `${{ matrix.env }}`).',
  }),
  define({
    key: 'githubToken',
    kind: 'text',
    input: 'github-token',
    inputDefault: '${{ github.token }}',
    shown: '`${{ github.token }}`',
    default: undefined,
    help: 'Token for the PR comment.',
  }),
  define({
    key: 'artifactName',
    kind: 'text',
    input: 'artifact-name',
    inputDefault: 'chaos-journals',
    shown: '`chaos-journals`',
    default: 'chaos-journals',
    help: 'Base name of the journals artifact (the job, the comment-key, the shard and the run attempt are appended).',
  }),
  // GitHub allows up to 90 days for public repositories and 400 for private ones, and clamps a
  // longer value to the repository's setting itself.
  define({
    key: 'retentionDays',
    kind: 'text',
    input: 'retention-days',
    shown: "the repository's setting",
    default: undefined,
    help: "Days to keep the journals artifact, 1 to 400 (GitHub lowers it to the repository's maximum).",
    parse: wholeNumber(1, 400, 'days'),
  }),
  define({
    key: 'history',
    kind: 'text',
    input: 'history',
    shown: '`0` (off)',
    default: 0,
    help: "Earlier runs of this workflow to compare with (0 to 30): on a pull request the base branch's, else this branch's, read from their artifacts (needs `permissions: actions: read`). The report shows each RTO's change and trend, and flags regressions and flaky experiments.",
    parse: wholeNumber(0, 30, 'runs'),
  }),
  define({
    key: 'baseline',
    kind: 'lines',
    flag: 'baseline',
    metavar: 'FILE',
    input: 'baseline',
    shown: 'none',
    default: [],
    help: 'results.json of earlier runs to compare with (repeatable; e.g. downloaded with actions/download-artifact), as `history` does.',
  }),
  define({
    key: 'regressionThreshold',
    kind: 'text',
    flag: 'regression-threshold',
    metavar: 'LIMIT',
    input: 'regression-threshold',
    shown: '`25%`',
    default: DEFAULT_THRESHOLD,
    help: 'How much worse than the previous run an RTO or RPO may get before the experiment reads regressed: a share (25%) or a duration (5s). List regressed in fail-on to fail the gate on it.',
    parse: (text) => {
      const t = parseThreshold(text);
      return t ? ok(t) : bad('expected a share such as 25% or a duration such as 5s');
    },
  }),
] as const satisfies readonly SettingSpec[];

const YAML_TRUE = ['true', 'True', 'TRUE'];
const YAML_FALSE = ['false', 'False', 'FALSE'];

/** A setting whose text is wrong: which, as written, and what would be right. */
export interface SettingProblem {
  readonly spec: SettingSpec;
  readonly text: string;
  readonly problem: string;
}

export interface ParsedSettings {
  readonly settings: RunSettings;
  /** The settings a flag or input gave (whatever its value): only these win over an experiment. */
  readonly given: ReadonlySet<SettingKey>;
}

export type SettingsResult = ({ readonly ok: true } & ParsedSettings) | { readonly ok: false; readonly problems: readonly SettingProblem[] };

/**
 * Where the settings' texts come from: the CLI's parsed flags (`parseArgs` values, with the
 * paths), or the action's inputs (INPUT_<NAME> variables) with the step's environment.
 */
export type SettingsSource =
  | {
      readonly from: 'flag';
      readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
      readonly positionals: readonly string[];
      readonly env: Env;
    }
  | { readonly from: 'input'; readonly env: Env };

type Env = Readonly<Record<string, string | undefined>>;

/** core.getInput's name mapping: spaces to underscores, upper case; hyphens stay. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** The texts a source gives one setting: undefined when not given; switches as 'true'/'false'. */
function textsOf(spec: SettingSpec, source: SettingsSource): string[] | undefined {
  if (source.from === 'flag') {
    if (spec.key === 'experiments') return source.positionals.length ? [...source.positionals] : undefined;
    const v = spec.flag ? source.values[spec.flag] : undefined;
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return [String(spec.flagTurnsOff ? !v : v)];
    if (Array.isArray(v)) return v;
    return spec.kind === 'list' ? splitList(v) : [v];
  }
  if (!spec.input) return undefined;
  const raw = (source.env[inputVariable(spec.input)] ?? '').trim();
  if (!raw) return undefined; // an empty input is unset
  if (spec.kind === 'lines')
    return raw
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('#'));
  if (spec.kind === 'list')
    return raw
      .split(/\r?\n|,/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('#'));
  return [raw];
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The settings from one source, every problem reported together. */
export function parseRunSettings(source: SettingsSource): SettingsResult {
  const values: Record<string, unknown> = {};
  const given = new Set<SettingKey>();
  const problems: SettingProblem[] = [];
  for (const spec of SETTINGS as readonly SettingSpec[]) {
    const texts = textsOf(spec, source);
    if (texts === undefined) {
      values[spec.key] = spec.default;
      continue;
    }
    const parsed = parseTexts(spec, texts, source.from);
    if (!parsed.ok) {
      problems.push({ spec, text: texts.join(spec.kind === 'lines' ? '\n' : ','), problem: parsed.problem });
      values[spec.key] = spec.default;
      continue;
    }
    values[spec.key] = parsed.value;
    given.add(spec.key);
  }
  // Defaults that come from the environment rather than from a constant.
  if (!given.has('python') && source.env.CHAOS_ACTION_PYTHON) values.python = source.env.CHAOS_ACTION_PYTHON;
  if (!given.has('awsRegion') && source.from === 'input') {
    const region = source.env.AWS_REGION || source.env.AWS_DEFAULT_REGION;
    if (region) values.awsRegion = region;
  }
  const settings = values as unknown as RunSettings;
  const region = SETTINGS.find((s) => s.key === 'awsRegion') as SettingSpec;
  if (settings.roleToAssume && !settings.awsRegion)
    problems.push({ spec: region, text: '', problem: 'assuming a role needs a region (or AWS_REGION in the environment)' });
  if (settings.quiet && settings.verbose)
    problems.push({ spec: SETTINGS.find((s) => s.key === 'verbose') as SettingSpec, text: 'true', problem: 'cannot be combined with --quiet' });
  return problems.length ? { ok: false, problems } : { ok: true, settings, given };
}

function parseTexts(spec: SettingSpec, texts: string[], from: 'flag' | 'input'): Parsed<unknown> {
  if (spec.kind === 'switch') {
    const [text = ''] = texts;
    if (text === 'true' || YAML_TRUE.includes(text)) return ok(true);
    if (text === 'false' || YAML_FALSE.includes(text)) return ok(false);
    return bad('expected true or false');
  }
  if (!spec.parse) return ok(spec.kind === 'text' ? texts[0] : texts);
  if (spec.kind === 'text') return spec.parse(texts[0] as string, from);
  const items: unknown[] = [];
  for (const text of texts) {
    const parsed = spec.parse(text, from);
    if (!parsed.ok) return bad(spec.kind === 'list' ? `names "${text}": ${parsed.problem}` : `"${text}": ${parsed.problem}`);
    items.push(...(parsed.value as unknown[]));
  }
  return ok(items);
}

/** A problem worded for the command line or the action's log. */
export function describeProblem(p: SettingProblem, from: 'flag' | 'input'): string {
  if (from === 'flag') return `--${p.spec.flag ?? p.spec.input}${p.text ? ` ${p.text}` : ''}: ${p.problem}`;
  const name = p.spec.input ?? p.spec.flag;
  if (!p.text) return `input "${name}" is empty: ${p.problem}`;
  if (p.spec.kind === 'list' || p.spec.kind === 'lines') return `input "${name}" ${p.problem.startsWith('names ') ? p.problem : `holds ${p.problem}`}`;
  return `input "${name}" is "${p.text}": ${p.problem}`;
}

/**
 * The run's guardrails of mutating AWS calls, as the experiment layer takes them. max-targets not
 * given stays undefined, which means its documented default (1) everywhere: an experiment may only
 * lower it, and the refusal says "(the default)".
 */
export function guardrailsOf(settings: RunSettings, given: ReadonlySet<SettingKey>): Guardrails {
  return {
    ...(settings.allowedAccountIds ? { allowedAccountIds: settings.allowedAccountIds } : {}),
    ...(settings.requiredTags ? { requiredTags: settings.requiredTags } : {}),
    ...(given.has('maxTargets') ? { maxTargets: settings.maxTargets } : {}),
  };
}

/** The strategies a run imposes on every experiment: only those given (else each experiment's runtime decides). */
export function imposedStrategies(settings: RunSettings, given: ReadonlySet<SettingKey>): { hypothesis?: HypothesisStrategy; rollbacks?: RollbackStrategy } {
  return {
    ...(given.has('hypothesisStrategy') ? { hypothesis: settings.hypothesisStrategy } : {}),
    ...(given.has('rollbackStrategy') ? { rollbacks: settings.rollbackStrategy } : {}),
  };
}

/** The specs the command line has, and the parseArgs options they make. */
export function cliOptions(keys: readonly SettingKey[]): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const spec of SETTINGS as readonly SettingSpec[]) {
    if (!spec.flag || !keys.includes(spec.key)) continue;
    options[spec.flag] = {
      type: spec.kind === 'switch' ? 'boolean' : 'string',
      ...(spec.kind === 'lines' ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  return options;
}

/** The action's inputs, every problem worded as the action's log says it. */
export function readActionInputs(env: Env): ({ readonly ok: true } & ParsedSettings) | { readonly ok: false; readonly problems: readonly string[] } {
  const parsed = parseRunSettings({ from: 'input', env });
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems.map((p) => describeProblem(p, 'input')) };
}
