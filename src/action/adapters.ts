// The real adapters of the action, wired from the runner's environment: OIDC and STS for AWS,
// the artifact service for the journals, the REST API for the sticky comment. Thin: each decision
// lives in the module it calls.
import type { AwsSession } from '../app/run-action.js';
import { assumeRoleWithWebIdentity, defaultSessionName, stsEndpointFromEnv, validateRoleInputs } from '../aws/credentials.js';
import { artifactAvailable, artifactName, artifactUploader } from '../github/artifact.js';
import { type RunContext, runUrl } from '../github/context.js';
import { getIdToken } from '../github/oidc.js';
import { commentDecision, commentMarker, fitComment, upsertStickyComment } from '../github/sticky-comment.js';
import type { RunSettings } from '../app/settings.js';
import type { EarlierResults } from '../app/history.js';
import { otherRunArtifacts } from '../github/artifact-download.js';
import { findEarlierRuns } from '../github/earlier-runs.js';

type Env = Readonly<Record<string, string | undefined>>;

export async function assumeRole(settings: RunSettings, env: Env, ctx: RunContext): Promise<AwsSession | undefined> {
  if (!settings.roleToAssume) return undefined;
  const sessionName = settings.roleSessionName ?? defaultSessionName(env);
  const problems = validateRoleInputs(settings.roleToAssume, sessionName, settings.roleDurationSeconds);
  if (problems.length) throw new Error(problems.join('; '));
  const token = await getIdToken(settings.audience, env, { isForkPr: ctx.isForkPr });
  const region = settings.awsRegion as string;
  const endpoint = stsEndpointFromEnv(env);
  const credentials = await assumeRoleWithWebIdentity({
    roleArn: settings.roleToAssume,
    sessionName,
    ...(settings.roleDurationSeconds ? { durationSeconds: settings.roleDurationSeconds } : {}),
    region,
    webIdentityToken: token,
    ...(endpoint ? { endpoint } : {}),
  });
  return {
    env: {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
    },
    secrets: [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken, token],
  };
}

export async function uploadJournals(settings: RunSettings, env: Env, ctx: RunContext, files: string[], root: string): Promise<{ id: number; url: string }> {
  const available = artifactAvailable(env);
  if (!available.ok) throw new Error(available.reason);
  // Matrix legs share the job's name: `comment-key` (which a matrix sets per leg to keep the sticky
  // comments apart) tells their artifacts apart too. Without it, a name another leg took first (409)
  // gets a numbered suffix instead of losing the journals.
  const matrix = legOf(settings);
  const name = artifactName(settings.artifactName, { job: ctx.job, runAttempt: ctx.runAttempt, ...(matrix ? { matrix } : {}) });
  const uploader = artifactUploader(env);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    try {
      const uploaded = await uploader.upload(candidate, files, root, settings.retentionDays);
      return { id: uploaded.id, url: uploaded.url };
    } catch (e) {
      if (n >= MAX_NAME_ATTEMPTS || !isNameConflict(e)) throw e;
    }
  }
}

/**
 * The results of this leg in earlier runs of the workflow: on a pull request the base branch's
 * runs, else this branch's; this leg's artifact is the one named as this run names its own.
 */
export async function earlierRuns(settings: RunSettings, env: Env, ctx: RunContext, scratch: string): Promise<EarlierResults> {
  if (!settings.githubToken) return { runs: [], notes: ['history not read: no github-token'] };
  const branch = env['GITHUB_BASE_REF'] || env['GITHUB_REF_NAME'];
  const runId = Number(ctx.runId);
  if (!branch || !ctx.owner || !Number.isSafeInteger(runId)) return { runs: [], notes: ['history not read: not in a workflow run with a branch'] };
  const leg = legOf(settings);
  const head = artifactName(settings.artifactName, { job: ctx.job, ...(leg ? { matrix: leg } : {}) });
  const { getOctokit } = await import('@actions/github');
  const found = await findEarlierRuns(
    {
      owner: ctx.owner,
      repo: ctx.repo,
      runId,
      branch,
      artifactMatches: (name) => name === head || (name.startsWith(`${head}-attempt-`) && /^\d+$/.test(name.slice(head.length + 9))),
      limit: settings.history,
    },
    {
      octokit: getOctokit(settings.githubToken, { baseUrl: ctx.apiUrl }),
      ...otherRunArtifacts({ token: settings.githubToken, owner: ctx.owner, repo: ctx.repo }),
      scratch,
    },
  );
  return { runs: found.runs.map((r) => ({ results: r.results, date: r.createdAt, commit: r.headSha, runId: r.runId })), notes: found.notes };
}

/** What tells a matrix leg's artifact apart: its comment-key, and its shard (legs of one environment share the key). */
function legOf(settings: RunSettings): string {
  return [settings.commentKey !== 'default' ? settings.commentKey : '', settings.shard ? `shard-${settings.shard.index}-of-${settings.shard.count}` : '']
    .filter(Boolean)
    .join('-');
}

const MAX_NAME_ATTEMPTS = 5;
const isNameConflict = (e: unknown): boolean =>
  /\b409\b|already exists/i.test(e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ''}` : String(e));

export async function postComment(settings: RunSettings, ctx: RunContext, markdown: string, failed: boolean): Promise<string> {
  const decision = commentDecision(ctx, settings.comment, failed);
  if (decision.action === 'none') return `not posted: ${decision.reason}`;
  if (!settings.githubToken || ctx.prNumber === undefined) return 'not posted: no github-token';
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(settings.githubToken, { baseUrl: ctx.apiUrl });
  const marker = commentMarker({ workflow: ctx.workflow, job: ctx.job, key: settings.commentKey });
  const outcome = await upsertStickyComment(
    octokit,
    { owner: ctx.owner, repo: ctx.repo, prNumber: ctx.prNumber },
    marker,
    fitComment(markdown, marker, runUrl(ctx)),
    { create: decision.action === 'write' },
  );
  if (outcome.status === 'none') return `not posted: ${decision.action === 'update' ? decision.reason : 'no comment to update'}`;
  return outcome.status === 'skipped' ? `not posted: ${outcome.reason}` : `${outcome.status} ${outcome.url}`;
}
