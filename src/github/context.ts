// The workflow run this action executes in, read from the environment the runner provides and the
// webhook payload at GITHUB_EVENT_PATH. The environment is passed in (never read from process.env
// here), and `@actions/github`'s `context` is deliberately not used: it reads process.env once, at
// import time.
import { readFileSync } from 'node:fs';

export interface RunContext {
  readonly eventName: string;
  readonly owner: string;
  readonly repo: string;
  /** Set for `pull_request` and `pull_request_target` events only. */
  readonly prNumber?: number;
  /** The PR's head branch lives in another repository (or that repository was deleted). */
  readonly isForkPr: boolean;
  readonly runId: string;
  readonly runAttempt: string;
  readonly job: string;
  readonly workflow: string;
  readonly serverUrl: string;
  readonly apiUrl: string;
  /** GITHUB_SHA: on a pull_request event, the merge commit GitHub made, not the PR's. */
  readonly sha: string;
  /** The commit under test: a pull request's head commit, else GITHUB_SHA. */
  readonly headSha: string;
  readonly actor: string;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The webhook payload, or undefined when there is none or it cannot be read or parsed. */
function readPayload(path: string | undefined, readFile: (path: string) => string): Json | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFile(path));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function fullNameOf(repository: unknown): string | undefined {
  return isObject(repository) && typeof repository['full_name'] === 'string' ? repository['full_name'] : undefined;
}

export function readRunContext(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): RunContext {
  const eventName = nonEmpty(env['GITHUB_EVENT_NAME']) ?? '';
  const payload = readPayload(nonEmpty(env['GITHUB_EVENT_PATH']), readFile);

  const baseFullName = fullNameOf(payload?.['repository']);
  const repository = nonEmpty(env['GITHUB_REPOSITORY']) ?? baseFullName ?? '';
  const slash = repository.indexOf('/');
  const owner = slash > 0 ? repository.slice(0, slash) : '';
  const repo = slash > 0 ? repository.slice(slash + 1) : '';

  let prNumber: number | undefined;
  let headSha: string | undefined;
  let isForkPr = false;
  const pullRequest = payload?.['pull_request'];
  if (PR_EVENTS.has(eventName) && isObject(pullRequest)) {
    const number = pullRequest['number'];
    if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) {
      prNumber = number;
      const head = pullRequest['head'];
      if (isObject(head) && typeof head['sha'] === 'string') headSha = nonEmpty(head['sha']);
      if (isObject(head) && 'repo' in head) {
        // head.repo is null when the fork has been deleted since the PR was opened.
        const headFullName = fullNameOf(head['repo']);
        const base = baseFullName ?? repository;
        isForkPr = head['repo'] === null || (headFullName !== undefined && headFullName.toLowerCase() !== base.toLowerCase());
      }
    }
  }

  return {
    eventName,
    owner,
    repo,
    ...(prNumber === undefined ? {} : { prNumber }),
    isForkPr,
    runId: nonEmpty(env['GITHUB_RUN_ID']) ?? '',
    runAttempt: nonEmpty(env['GITHUB_RUN_ATTEMPT']) ?? '1',
    job: nonEmpty(env['GITHUB_JOB']) ?? '',
    workflow: nonEmpty(env['GITHUB_WORKFLOW']) ?? '',
    serverUrl: withoutTrailingSlash(nonEmpty(env['GITHUB_SERVER_URL']) ?? 'https://github.com'),
    apiUrl: withoutTrailingSlash(nonEmpty(env['GITHUB_API_URL']) ?? 'https://api.github.com'),
    sha: nonEmpty(env['GITHUB_SHA']) ?? '',
    headSha: headSha ?? nonEmpty(env['GITHUB_SHA']) ?? '',
    actor: nonEmpty(env['GITHUB_ACTOR']) ?? '',
  };
}

/** The run's page: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`. */
export function runUrl(ctx: RunContext): string {
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}

/** The commit under test, named and linked, when the run knows it. */
export function headCommit(ctx: RunContext): { sha: string; url: string } | undefined {
  if (!ctx.headSha || !ctx.owner) return undefined;
  return { sha: ctx.headSha, url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${ctx.headSha}` };
}
