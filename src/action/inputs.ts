// Every input of action.yml, read once from the environment the runner gives the step
// (INPUT_<NAME>), checked, and turned into one typed settings object (the runner does not enforce
// `required`, nor any type). All problems are reported together.
import { HYPOTHESIS_STRATEGIES, type HypothesisStrategy, normalizeHypothesisStrategy, ROLLBACK_STRATEGIES, type RollbackStrategy } from '../engine/strategies.js';
import type { DryMode } from '../engine/activity.js';
import { parseDuration } from '../experiment/objectives.js';
import { type Guardrails, parseGuardrails } from '../experiment/guardrails.js';
import { type Verdict, VERDICTS } from '../report/verdict.js';

export type CommentMode = 'always' | 'on-failure' | 'never';

export interface ActionSettings {
  readonly experiments: string[];
  readonly roleToAssume?: string;
  readonly awsRegion?: string;
  readonly roleSessionName?: string;
  readonly roleDurationSeconds?: number;
  readonly audience: string;
  readonly exportCredentials: boolean;
  readonly vars: string[];
  readonly varFiles: string[];
  readonly rollbackStrategy: RollbackStrategy;
  readonly hypothesisStrategy?: HypothesisStrategy;
  readonly hypothesisFrequency: number;
  readonly failFast: boolean;
  readonly failOn: readonly Verdict[];
  readonly allowActionFailure: boolean;
  readonly dryRun: boolean;
  readonly comment: CommentMode;
  readonly commentKey: string;
  readonly githubToken?: string;
  readonly artifactName: string;
  readonly retentionDays?: number;
  readonly journalDir: string;
  /** Default objectives, seconds. */
  readonly objectives: { rto?: number; rpo?: number };
  /** Guardrails of mutating AWS calls (allowed-account-ids, required-tags, max-targets). */
  readonly guardrails: Guardrails;
}

export type InputsResult = { readonly ok: true; readonly settings: ActionSettings } | { readonly ok: false; readonly problems: string[] };

type Env = Readonly<Record<string, string | undefined>>;

/** core.getInput's name mapping: spaces to underscores, upper case; hyphens stay. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

const YAML_TRUE = ['true', 'True', 'TRUE'];
const YAML_FALSE = ['false', 'False', 'FALSE'];

export function readInputs(env: Env): InputsResult {
  const problems: string[] = [];
  const raw = (name: string): string => (env[inputVariable(name)] ?? '').trim();
  const list = (name: string): string[] =>
    raw(name)
      .split(/\r?\n|,/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('#'));
  const lines = (name: string): string[] =>
    raw(name)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('#'));
  const bool = (name: string, fallback: boolean): boolean => {
    const v = raw(name);
    if (!v) return fallback;
    if (YAML_TRUE.includes(v)) return true;
    if (YAML_FALSE.includes(v)) return false;
    problems.push(`input "${name}" is "${v}": expected true or false`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined => {
    const v = raw(name);
    if (!v) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`input "${name}" is "${v}": expected one of ${allowed.join(', ')}`);
    return fallback;
  };
  const number = (name: string, check: (n: number) => boolean, expected: string): number | undefined => {
    const v = raw(name);
    if (!v) return undefined;
    const n = Number(v);
    if (Number.isFinite(n) && check(n)) return n;
    problems.push(`input "${name}" is "${v}": expected ${expected}`);
    return undefined;
  };

  const duration = (name: string): number | undefined => {
    const v = raw(name);
    if (!v) return undefined;
    const seconds = parseDuration(v);
    if (seconds === undefined) problems.push(`input "${name}" is "${v}": expected a duration such as 30s, 5m, 1h or 90 (seconds)`);
    return seconds;
  };
  const setting = (v: string): string | undefined => v || undefined; // an empty input is unset
  const guardrails = parseGuardrails({ 'allowed-account-ids': setting(raw('allowed-account-ids')), 'required-tags': setting(raw('required-tags')), 'max-targets': setting(raw('max-targets')) });
  for (const p of guardrails.problems) problems.push(`input "${p.setting}" is "${p.text}": ${p.problem}`);
  const hypothesisRaw = raw('hypothesis-strategy');
  const hypothesisStrategy = hypothesisRaw ? normalizeHypothesisStrategy(hypothesisRaw) : undefined;
  if (hypothesisRaw && !hypothesisStrategy) problems.push(`input "hypothesis-strategy" is "${hypothesisRaw}": expected one of ${HYPOTHESIS_STRATEGIES.join(', ')}`);
  const failOn = list('fail-on');
  for (const v of failOn) if (!(VERDICTS as readonly string[]).includes(v)) problems.push(`input "fail-on" names "${v}": verdicts are ${VERDICTS.join(', ')}`);
  const roleToAssume = raw('role-to-assume') || undefined;
  const awsRegion = raw('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  if (roleToAssume && !awsRegion) problems.push('input "aws-region" is empty: assuming a role needs a region (or AWS_REGION in the environment)');
  if (awsRegion && !/^[a-z0-9-]+$/.test(awsRegion)) problems.push(`input "aws-region" is "${awsRegion}": expected a region name such as eu-west-1`);
  const experiments = list('experiments');

  const settings: ActionSettings = {
    experiments: experiments.length ? experiments : ['experiments'],
    ...(roleToAssume ? { roleToAssume } : {}),
    ...(awsRegion ? { awsRegion } : {}),
    ...(raw('role-session-name') ? { roleSessionName: raw('role-session-name') } : {}),
    ...optional('roleDurationSeconds', number('role-duration-seconds', (n) => Number.isInteger(n) && n >= 900 && n <= 43_200, 'a whole number of seconds from 900 to 43200')),
    audience: raw('audience') || 'sts.amazonaws.com',
    exportCredentials: bool('export-credentials', false),
    vars: lines('vars'),
    // One path per line, as `vars`: a comma is a legal character in a file name.
    varFiles: lines('var-files'),
    rollbackStrategy: oneOf('rollback-strategy', ROLLBACK_STRATEGIES, 'always') as RollbackStrategy,
    ...(hypothesisStrategy ? { hypothesisStrategy } : {}),
    hypothesisFrequency: number('hypothesis-frequency', (n) => n >= 0, 'a number of seconds') ?? 1,
    failFast: bool('fail-fast', false),
    failOn: failOn.length ? (failOn as Verdict[]) : VERDICTS.filter((v) => v !== 'passed'),
    allowActionFailure: bool('allow-action-failure', false),
    dryRun: bool('dry-run', false),
    comment: oneOf<CommentMode>('comment', ['always', 'on-failure', 'never'], 'always') as CommentMode,
    commentKey: raw('comment-key') || 'default',
    ...(raw('github-token') ? { githubToken: raw('github-token') } : {}),
    artifactName: raw('artifact-name') || 'chaos-journals',
    // GitHub allows up to 90 days for public repositories and 400 for private ones, and clamps a
    // longer value to the repository's setting itself.
    ...optional('retentionDays', number('retention-days', (n) => Number.isInteger(n) && n >= 1 && n <= 400, 'a whole number of days from 1 to 400')),
    journalDir: raw('journal-dir') || 'chaos-results',
    objectives: { ...optional('rto', duration('rto')), ...optional('rpo', duration('rpo')) },
    guardrails: guardrails.guardrails,
  };
  return problems.length ? { ok: false, problems } : { ok: true, settings };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]: V });
}

/** The dry mode a dry run means: resolve and probe, inject nothing. */
export const dryMode = (settings: ActionSettings): DryMode | null => (settings.dryRun ? 'actions' : null);
