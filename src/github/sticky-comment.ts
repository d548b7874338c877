// One sticky PR comment per (workflow, job, key): found by a hidden HTML marker in a comment written
// by a bot, updated in place on later runs, never duplicated. Posting is best effort: every failure
// becomes `{ status: 'skipped', reason }`, and the run's verdict never depends on it.
import type { getOctokit } from '@actions/github';
import type { RunContext } from './context.js';

/** The client `getOctokit(token, { baseUrl })` returns (REST endpoint methods + pagination). */
export type Octokit = ReturnType<typeof getOctokit>;

export type CommentOutcome =
  | { readonly status: 'created' | 'updated' | 'unchanged'; readonly id: number; readonly url: string }
  /** `create: false` and no sticky comment to update: nothing was written. */
  | { readonly status: 'none' }
  | { readonly status: 'skipped'; readonly reason: string };

/** GitHub rejects issue comment bodies longer than this (HTTP 422 "body is too long"). */
export const COMMENT_LIMIT = 65_536;

const PERMISSIONS_HINT =
  'Grant the job `permissions: pull-requests: write` (or `issues: write`). Pull requests from forks ' +
  '(and from Dependabot) always get a read-only GITHUB_TOKEN, so no comment can be posted for them; ' +
  'the results are still in the job summary.';

// ---------------------------------------------------------------------------------------------
// Marker

/**
 * Makes a value safe inside a double-quoted attribute of an HTML comment: `&`, `"`, `<`, `>` and
 * control characters become character references, so a value can neither end the comment (`-->`,
 * `--!>`) nor the attribute, nor be rewritten by line-ending normalisation.
 */
function escapeMarkerValue(value: string): string {
  return value.replace(/[&"<>\u0000-\u001f\u007f]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return `&#${ch.charCodeAt(0)};`;
    }
  });
}

/**
 * A hidden HTML comment identifying one sticky comment, e.g.
 * `<!-- chaos-action:sticky workflow="CI" job="chaos" key="staging" -->`. Markers of different
 * (workflow, job, key) triples never contain one another: each ends with the quoted key and ` -->`.
 */
export function commentMarker(parts: { workflow: string; job: string; key: string }): string {
  const attr = (name: string, value: string): string => `${name}="${escapeMarkerValue(value)}"`;
  return `<!-- chaos-action:sticky ${attr('workflow', parts.workflow)} ${attr('job', parts.job)} ${attr('key', parts.key)} -->`;
}

// ---------------------------------------------------------------------------------------------
// Size limit

function overflowNotices(overflowLink: string, limit: number): string[] {
  const link = overflowLink.trim();
  const target = link ? (/[\s()<>]/.test(link) ? `<${link.replace(/[<>]/g, encodeURIComponent)}>` : link) : '';
  const full = target
    ? `> [!WARNING]\n> The results were cut to fit the ${limit.toLocaleString('en-US')}-character limit of a GitHub comment. [See the full results](${target}).`
    : `> [!WARNING]\n> The results were cut to fit the ${limit.toLocaleString('en-US')}-character limit of a GitHub comment.`;
  const short = target ? `_Truncated; [full results](${target})._` : '_Truncated._';
  return [full, short, ''];
}

/** Length of the longest prefix of `text` not longer than `max` that does not split a surrogate pair. */
function safeCut(text: string, max: number): number {
  if (max >= text.length) return text.length;
  if (max <= 0) return 0;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Does `text` end inside a fenced code block (an odd number of ``` / ~~~ fence lines)? */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open;
}

/**
 * The comment body: the marker on the first line, then `markdown`, in at most `limit` characters
 * (UTF-16 code units, which never undercounts GitHub's character count). When the markdown does
 * not fit it is cut at a line boundary (a single over-long first line is cut inside the line), an
 * open code fence is closed, and a line pointing at `overflowLink` (the artifact or job summary with
 * the full text) is appended.
 */
export function fitComment(markdown: string, marker: string, overflowLink: string, limit: number = COMMENT_LIMIT): string {
  if (!Number.isSafeInteger(limit) || limit < marker.length) {
    throw new RangeError(`comment limit ${limit} cannot hold the ${marker.length}-character marker`);
  }
  const whole = `${marker}\n${markdown}`;
  if (whole.length <= limit) return whole;

  for (const notice of overflowNotices(overflowLink, limit)) {
    const tail = notice ? `\n\n${notice}` : '';
    // Room for the markdown once the marker, its newline and the notice are in.
    const room = limit - marker.length - 1 - tail.length;
    if (room < 0) continue;
    let kept = markdown.slice(0, safeCut(markdown, room));
    // Back up to the last complete line; keep the partial line only if there is no line at all.
    const newline = markdown[kept.length] === '\n' ? kept.length : kept.lastIndexOf('\n');
    if (newline >= 0) kept = kept.slice(0, newline);
    kept = kept.replace(/\s+$/, '');
    let fence = openFence(kept);
    while (fence !== undefined && kept.length + 1 + fence.length > room) {
      // Make room for the closing fence by dropping whole lines.
      const cut = kept.lastIndexOf('\n');
      kept = cut > 0 ? kept.slice(0, cut) : '';
      fence = openFence(kept);
    }
    if (fence !== undefined) kept += `\n${fence}`;
    return `${marker}\n${kept}${tail}`;
  }
  return marker;
}

// ---------------------------------------------------------------------------------------------
// Posting

interface HttpErrorLike {
  readonly status?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly data?: unknown } | undefined;
}

function apiMessage(error: HttpErrorLike): string {
  const data = error.response?.data;
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message;
  }
  if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 200);
  return typeof error.message === 'string' ? error.message : String(error);
}

/** A one-sentence reason for a failed request, naming the fix where there is a known one. */
function skipReason(error: unknown, doing: string): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as HttpErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status === undefined || e.response === undefined) {
    // @octokit/request reports network failures as status 500 without a response.
    return `could not reach the GitHub API while ${doing}: ${apiMessage(e)}`;
  }
  const prefix = `GitHub API answered ${status} (${apiMessage(e)}) while ${doing}`;
  switch (status) {
    case 401:
      return `${prefix}: the token is invalid or expired; pass a valid \`github-token\`.`;
    case 403:
      return `${prefix}: the token may not write pull request comments. ${PERMISSIONS_HINT}`;
    case 404:
      return `${prefix}: the pull request or comment was not found, or the token cannot see the repository.`;
    case 422:
      return `${prefix}: GitHub rejected the comment.`;
    default:
      return `${prefix}.`;
  }
}

interface ListedComment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly html_url: string;
  readonly user?: { readonly type?: string } | null | undefined;
}

/**
 * Creates or updates the sticky comment identified by `marker` on the pull request.
 *
 * All comments are paginated (100 per page, oldest first); the first one whose body contains the
 * marker and whose author is a bot (`user.type === 'Bot'`, e.g. github-actions[bot]) is updated in
 * place, or left alone when its body is already `body`. A human comment quoting the marker is never
 * taken over. Without a match, one comment is created, unless `create` is false (then `none`). If
 * `body` lacks the marker it is prepended. Never throws: any HTTP or network failure yields
 * `{ status: 'skipped', reason }`.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: { owner: string; repo: string; prNumber: number },
  marker: string,
  body: string,
  options: { readonly create?: boolean } = {},
): Promise<CommentOutcome> {
  const where = `${target.owner}/${target.repo}#${target.prNumber}`;
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  let doing = `listing the comments of ${where}`;
  try {
    let existing: ListedComment | undefined;
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.prNumber,
      per_page: 100,
    });
    for await (const page of pages) {
      existing = (page.data as ListedComment[]).find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(marker));
      if (existing) break;
    }

    if (existing) {
      if (existing.body === text) return { status: 'unchanged', id: existing.id, url: existing.html_url };
      doing = `updating comment ${existing.id} on ${where}`;
      const { data } = await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body: text,
      });
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    if (options.create === false) return { status: 'none' };

    doing = `creating a comment on ${where}`;
    const { data } = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.prNumber,
      body: text,
    });
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    return { status: 'skipped', reason: skipReason(error, doing) };
  }
}

// ---------------------------------------------------------------------------------------------
// Whether to post at all

/**
 * What this run does with its sticky comment: `write` it (create or update), `update` it only if
 * an earlier run made one, or `none`. Checked in order: an event without a pull request (push,
 * schedule, workflow_dispatch, …); a fork PR on a `pull_request` event, whose token is read-only
 * (`pull_request_target` runs with a write token, so it may post); mode `never`, which also leaves
 * an earlier comment alone (comments are off); mode `on-failure` when the run did not fail, which
 * creates nothing but updates an earlier comment, so that a pass replaces a failure.
 */
export type CommentDecision =
  | { readonly action: 'write' }
  /** `reason`: why no comment is created when there is none to update. */
  | { readonly action: 'update'; readonly reason: string }
  | { readonly action: 'none'; readonly reason: string };

export function commentDecision(ctx: RunContext, mode: 'always' | 'on-failure' | 'never', failed: boolean): CommentDecision {
  if (ctx.prNumber === undefined) return { action: 'none', reason: 'no pull request for this event' };
  if (ctx.isForkPr && ctx.eventName !== 'pull_request_target') {
    return {
      action: 'none',
      reason: `pull request #${ctx.prNumber} comes from a fork, whose GITHUB_TOKEN is read-only, so no comment can be posted; the results are in the job summary`,
    };
  }
  if (mode === 'never') return { action: 'none', reason: 'the comment mode is "never"' };
  if (mode === 'on-failure' && !failed) {
    return { action: 'update', reason: 'the comment mode is "on-failure", the run did not fail and no earlier comment was there to update' };
  }
  return { action: 'write' };
}
