// The action's main step: settings from the inputs, AWS credentials through OIDC, the suite run
// with a rollback ledger for the post step, then the report everywhere it belongs (job summary,
// journals artifact, sticky PR comment, outputs) and the gate. Reporting never changes a verdict.
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { RunEvents } from '../engine/events.js';
import { FileRollbackLedger } from '../engine/rollback-ledger.js';
import type { Interruption } from '../engine/runner.js';
import { type Diagnostic, formatDiagnostic } from '../experiment/diagnostics.js';
import type { Redactor } from '../experiment/redaction.js';
import type { ActionIO } from '../github/action-io.js';
import { annotateDiagnostics } from '../github/annotations.js';
import { renderInvalid, renderReport, truncateMarkdown, truncateMarkdownBytes } from '../report/markdown.js';
import { allFiles, type WrittenOutputs } from '../report/outputs.js';
import { type Gate, gateFails, type RunResults } from '../report/results.js';
import { skipsActivities } from '../report/dry-run.js';
import type { RunFacts } from '../report/run-facts.js';
import { VERDICTS } from '../report/verdict.js';
import { runSuite } from './run-suite.js';
import type { EarlierResults } from './history.js';
import type { RunMeta } from '../report/history.js';
import type { ParsedSettings, RunSettings } from './settings.js';
import { wireRun } from './wiring.js';

/** GitHub refuses larger job summaries (bytes, per step) and PR comments. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;
export const COMMENT_LIMIT = 65_536;
export const LEDGER_STATE = 'rollback-ledger';

/** What the application may say to the runner: everything but the step's status, which only the entry point sets. */
export type StepIO = Omit<ActionIO, 'setFailed'>;

export interface AwsSession {
  readonly env: Record<string, string>;
  readonly secrets: readonly string[];
}

/** The adapters the application needs; main.ts wires the real ones. */
export interface ActionDependencies {
  readonly io: StepIO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly interruption: Interruption;
  readonly version: string;
  /** Assumes the role (OIDC token, STS); resolves to the variables the experiments' processes get. */
  assumeRole(settings: RunSettings): Promise<AwsSession | undefined>;
  /** Uploads files as the journals artifact; resolves to its id and URL. */
  uploadArtifact(settings: RunSettings, files: string[], root: string): Promise<{ id: number; url: string }>;
  /** Posts or updates the sticky PR comment, when the event and `comment` say so; resolves to what happened. */
  comment(settings: RunSettings, markdown: string, failed: boolean): Promise<string>;
  /** Earlier runs of this leg, for the history comparison (asked only when `history` is above 0). */
  earlierRuns?(settings: RunSettings): Promise<EarlierResults>;
  /** What the history record says of this run (commit, ref, environment, run id). */
  readonly runMeta?: Omit<RunMeta, 'date'>;
  readonly runUrl?: string;
  /** The commit under test (a pull request's head commit), for the report to name and link. */
  readonly commit?: { readonly sha: string; readonly url: string };
  /** Hands the run's secrets to whoever prints progress, so that it can redact. */
  readonly useRedactor?: (redactor: Redactor) => void;
}

export interface ActionOutcome {
  readonly gate: Gate;
  readonly result: string;
  /** Why the step fails, for the entry point to say (absent when the gate passed). */
  readonly failure?: string;
}

/** Which run the report shows (the sticky comment is edited in place run after run). */
export function runFactsOf(
  deps: { readonly clock: Clock; readonly commit?: RunFacts['commit']; readonly runUrl?: string },
  settings: Pick<RunSettings, 'commentKey'>,
): RunFacts {
  return {
    ...(deps.commit ? { commit: deps.commit } : {}),
    startedAt: deps.clock.now(),
    key: settings.commentKey,
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
  };
}

export async function runAction(parsed: ParsedSettings, deps: ActionDependencies): Promise<ActionOutcome> {
  const { io } = deps;
  const { settings } = parsed;
  const facts = runFactsOf(deps, settings);
  const journalDir = path.resolve(deps.cwd, settings.journalDir);
  // Experiments see the job's environment without the runner's tokens, in validation (`type: env`
  // configuration and secrets) as in their processes.
  const wired = await wireRun(parsed, { env: deps.env, cwd: deps.cwd, log: (line) => io.info(line), signal: deps.interruption.signal });
  if (!wired.ok) return invalid(wired.diagnostics, settings, deps, facts);
  const ledger = new FileRollbackLedger(ledgerPath(deps.env));
  // Only once every experiment is valid: the role is assumed, and the ledger is created and
  // handed to the post step. An invalid suite never gets credentials.
  const beforeRun = async (): Promise<{ env: Record<string, string>; secrets: readonly string[] }> => {
    let aws: AwsSession | undefined;
    try {
      aws = await deps.assumeRole(settings);
    } catch (e) {
      throw new SetupFailed(e instanceof Error ? e.message : String(e));
    }
    for (const secret of aws?.secrets ?? []) io.setSecret(secret);
    if (aws && settings.exportCredentials) for (const [k, v] of Object.entries(aws.env)) io.exportVariable(k, v);
    await ledger.init();
    io.saveState(LEDGER_STATE, ledger.file);
    return { env: aws?.env ?? {}, secrets: aws?.secrets ?? [] };
  };
  let outcome: Awaited<ReturnType<typeof runSuite>>;
  try {
    outcome = await runSuite(parsed, {
      wiring: wired.wiring,
      clock: deps.clock,
      events: deps.events,
      cwd: deps.cwd,
      interruption: deps.interruption,
      version: deps.version,
      ledger,
      beforeRun,
      onValidated: (diagnostics) => annotateDiagnostics(io, diagnostics, 'the job log'),
      ...(deps.runMeta ? { runMeta: deps.runMeta } : {}),
      ...(deps.earlierRuns && settings.history > 0 ? { earlierRuns: () => (deps.earlierRuns as (s: RunSettings) => Promise<EarlierResults>)(settings) } : {}),
      ...(deps.useRedactor ? { useRedactor: deps.useRedactor } : {}),
    });
  } catch (e) {
    if (!(e instanceof SetupFailed)) throw e;
    // Without credentials nothing can run; it is the workflow's set-up that is wrong.
    setFailedOutputs(io);
    return { gate: 'failed', result: 'failed', failure: e.message };
  }
  if (outcome.kind === 'no-journal-dir') {
    setFailedOutputs(io);
    return { gate: 'failed', result: 'failed', failure: `input "journal-dir" is "${settings.journalDir}": ${outcome.problem}; nothing was run` };
  }
  if (outcome.kind === 'invalid') return invalid(outcome.diagnostics, settings, deps, facts);
  if (outcome.htmlCopy?.problem !== undefined)
    deps.io.warning(
      `input "html": the HTML report could not be written to ${outcome.htmlCopy.path} (it is report.html in ${journalDir}): ${outcome.htmlCopy.problem}`,
    );
  return reportRun(outcome.results, outcome.outputs, journalDir, settings, deps, facts);
}

/** The role could not be assumed: the run never started. */
class SetupFailed extends Error {}

/** Outputs for a run that could not happen, so that a later job reading them sees a failure. */
export function setFailedOutputs(io: Pick<StepIO, 'setOutput'>): void {
  io.setOutput('result', 'failed');
  io.setOutput('gate', 'failed');
  for (const v of VERDICTS) io.setOutput(v, 0);
}

/**
 * The ledger lives in the runner's temporary folder (emptied after every job, never uploaded),
 * named per step, run and attempt: two uses of the action in one job, or a re-run, never share one.
 */
export function ledgerPath(env: Readonly<Record<string, string | undefined>>): string {
  const dir = env.RUNNER_TEMP || process.getBuiltinModule('node:os').tmpdir();
  const part = (s: string | undefined): string => (s ?? '').replace(/[^\w.-]+/g, '_') || '0';
  return path.join(dir, `chaos-action-ledger-${part(env.GITHUB_ACTION)}-${part(env.GITHUB_RUN_ID)}-${part(env.GITHUB_RUN_ATTEMPT)}.json`);
}

async function invalid(diagnostics: readonly Diagnostic[], settings: RunSettings, deps: ActionDependencies, facts: RunFacts): Promise<ActionOutcome> {
  const { io } = deps;
  annotateDiagnostics(io, diagnostics, 'the job log');
  for (const d of diagnostics) io.info(formatDiagnostic(d));
  const markdown = renderInvalid(diagnostics, deps.version, facts);
  await summarize(io, markdown);
  io.setOutput('result', 'invalid');
  // Nothing ran: with invalid left out of fail-on the step succeeds, but the gate never reads passed.
  const gate: Gate = skipsActivities(settings.dry) && !settings.failOn.includes('invalid') ? 'dry-run' : 'failed';
  io.setOutput('gate', gate);
  // Counts are of experiments, as for every other verdict: the files with at least one error.
  const invalidFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  for (const v of VERDICTS) io.setOutput(v, v === 'invalid' ? invalidFiles : 0);
  await postComment(settings, deps, markdown, true);
  if (!settings.failOn.includes('invalid')) return { gate, result: 'invalid' };
  return {
    gate: 'failed',
    result: 'invalid',
    failure: `invalid experiments: ${diagnostics.filter((d) => d.severity === 'error').length} problem(s), nothing was run`,
  };
}

/** What reporting a run needs: the runner's IO, the artifact upload and the PR comment. */
export type ReportDependencies = Pick<ActionDependencies, 'io' | 'uploadArtifact' | 'comment'>;

/**
 * A run's results everywhere they belong: outputs, the journals artifact, the job summary, the
 * sticky comment; the outcome says whether the step fails. The merge action reports through it too.
 */
export async function reportRun(
  results: RunResults,
  outputs: WrittenOutputs,
  journalDir: string,
  settings: RunSettings,
  deps: ReportDependencies,
  facts: RunFacts,
): Promise<ActionOutcome> {
  const { io } = deps;
  // Outputs first: a later job (a blue/green promotion) reads them whatever happens next.
  io.setOutput('result', results.verdict);
  io.setOutput('gate', results.gate);
  for (const v of VERDICTS) io.setOutput(v, results.counts[v]);
  io.setOutput('report-path', outputs.suite.report);
  io.setOutput('html-report-path', outputs.suite.html);
  io.setOutput('journal-dir', journalDir);

  let artifact: RunFacts['artifact'] = 'not-uploaded';
  try {
    const uploaded = await deps.uploadArtifact(settings, allFiles(outputs), journalDir);
    artifact = { url: uploaded.url };
    io.setOutput('artifact-id', uploaded.id);
    io.setOutput('artifact-url', uploaded.url);
  } catch (e) {
    io.warning(`the journals were not uploaded as an artifact (they are in ${journalDir}): ${e instanceof Error ? e.message : String(e)}`);
  }
  const markdown = renderReport(results, { ...facts, artifact });
  await summarize(io, markdown);
  const fails = gateFails(results);
  await postComment(settings, deps, markdown, fails);
  if (!fails) return { gate: results.gate, result: results.verdict };
  const bad = results.experiments.filter((e) => settings.failOn.includes(e.verdict));
  // A merge's problems (a shard missing) come first: they are why the rows below are missing.
  const problems = results.merged?.problems ?? [];
  const experiments = bad.map((e) => `${e.title}${e.environment && e.environment !== 'default' ? ` [${e.environment}]` : ''} (${e.verdict})`).join(', ');
  const failure = `chaos gate failed: ${[...problems, ...(experiments ? [experiments] : [])].join('; ')}`;
  // Only dry-run failed the gate: say how to let a dry run succeed, explicitly.
  if (results.gate === 'dry-run' && skipsActivities(results.dry)) {
    return {
      gate: results.gate,
      result: results.verdict,
      failure: `${failure}. fail-on lists dry-run (the default): a dry run (--dry ${results.dry}) never passes; leave dry-run out of fail-on for it to succeed (the gate output stays dry-run)`,
    };
  }
  return { gate: results.gate, result: results.verdict, failure };
}

async function summarize(io: StepIO, markdown: string): Promise<void> {
  try {
    const written = await io.appendSummary(
      truncateMarkdownBytes(markdown, SUMMARY_LIMIT, 'the full report is report.md and report.html in the journals artifact'),
    );
    if (!written) io.info(markdown);
  } catch (e) {
    io.warning(`the job summary could not be written: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function postComment(settings: RunSettings, deps: ReportDependencies, markdown: string, failed: boolean): Promise<void> {
  try {
    const what = await deps.comment(
      settings,
      truncateMarkdown(markdown, COMMENT_LIMIT - 512, 'the full report is in the job summary and the journals artifact'),
      failed,
    );
    deps.io.info(`PR comment: ${what}`);
  } catch (e) {
    deps.io.warning(`the PR comment was not written: ${e instanceof Error ? e.message : String(e)}`);
  }
}
