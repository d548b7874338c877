// The sticky PR comment, driven through the real Octokit from `@actions/github` against a local
// fake of the GitHub REST API (test/support/fake-github-api.ts), plus the pure helpers: the
// marker, the 65,536-character fitting and the decision whether to post at all.
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/github/context.js';
import {
  COMMENT_LIMIT,
  commentDecision,
  commentMarker,
  fitComment,
  upsertStickyComment,
  type CommentOutcome,
  type Octokit,
} from '../../src/github/sticky-comment.js';
import { bot, GITHUB_ACTIONS_BOT, human, startFakeGitHubApi, type FakeGitHubApi } from '../support/fake-github-api.js';

const PR = { owner: 'acme', repo: 'shop', prNumber: 7 } as const;
const ISSUE = { owner: PR.owner, repo: PR.repo, issue: PR.prNumber } as const;
const MARKER = commentMarker({ workflow: 'CI', job: 'chaos', key: 'staging' });

const body = (text: string, marker = MARKER): string => `${marker}\n${text}`;

function expectPosted(outcome: CommentOutcome): { status: string; id: number; url: string } {
  if (outcome.status === 'skipped') throw new Error(`expected a posted comment, got skipped: ${outcome.reason}`);
  if (outcome.status === 'none') throw new Error('expected a posted comment, got none');
  return outcome;
}

function expectSkipped(outcome: CommentOutcome): string {
  if (outcome.status !== 'skipped') throw new Error(`expected skipped, got ${outcome.status}`);
  return outcome.reason;
}

describe('upsertStickyComment (real Octokit, fake GitHub API)', () => {
  let fake: FakeGitHubApi;
  let octokit: Octokit;

  beforeEach(async () => {
    fake = await startFakeGitHubApi();
    octokit = getOctokit('test-token', { baseUrl: fake.url });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('creates the comment on the first run', async () => {
    const outcome = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('| a | b |')));

    const stored = fake.comments(ISSUE);
    expect(stored).toHaveLength(1);
    expect(outcome).toEqual({
      status: 'created',
      id: stored[0]!.id,
      url: `https://github.com/acme/shop/pull/7#issuecomment-${stored[0]!.id}`,
    });
    expect(stored[0]!.body).toBe(body('| a | b |'));
    expect(stored[0]!.user).toEqual(GITHUB_ACTIONS_BOT);
    expect(fake.requests.map((r) => `${r.method} ${r.target}`)).toEqual([
      'GET /repos/acme/shop/issues/7/comments?per_page=100',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(fake.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
  });

  it('updates the same comment on the second run instead of adding a duplicate', async () => {
    const first = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('run 1')));
    const second = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('run 2')));

    expect(second).toEqual({ status: 'updated', id: first.id, url: first.url });
    expect(fake.comments(ISSUE).map((c) => c.body)).toEqual([body('run 2')]);
    expect(fake.requestsTo('create')).toHaveLength(1);
    expect(fake.requestsTo('update').map((r) => [r.target, r.body])).toEqual([[`/repos/acme/shop/issues/comments/${first.id}`, { body: body('run 2') }]]);
  });

  it('with create: false, updates an existing sticky comment', async () => {
    const first = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('❌ failed')));
    const second = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('✅ passed'), { create: false }));

    expect(second).toEqual({ status: 'updated', id: first.id, url: first.url });
    expect(fake.comments(ISSUE).map((c) => c.body)).toEqual([body('✅ passed')]);
  });

  it('with create: false and no sticky comment (a human quoting the marker aside), creates nothing', async () => {
    fake.seed(ISSUE, `quoting ${MARKER}`, human('octocat'));
    expect(await upsertStickyComment(octokit, PR, MARKER, body('✅ passed'), { create: false })).toEqual({ status: 'none' });
    expect(fake.requestsTo('create')).toEqual([]);
    expect(fake.requestsTo('update')).toEqual([]);
    expect(fake.comments(ISSUE)).toHaveLength(1);
  });

  it('reports an identical body as unchanged and sends no PATCH', async () => {
    const first = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('same')));
    const again = await upsertStickyComment(octokit, PR, MARKER, body('same'));

    expect(again).toEqual({ status: 'unchanged', id: first.id, url: first.url });
    expect(fake.requestsTo('update')).toHaveLength(0);
    expect(fake.requestsTo('create')).toHaveLength(1);
  });

  it('finds the marker on page 3 of 250 comments and updates it', async () => {
    let ours = 0;
    for (let i = 0; i < 250; i++) {
      if (i === 230) ours = fake.seed(ISSUE, body('old results')).id;
      else if (i % 3 === 0) fake.seed(ISSUE, `LGTM ${i}`, human('alice'));
      else if (i % 3 === 1) fake.seed(ISSUE, `<!-- coverage-bot -->\ncoverage ${i}`, bot('codecov'));
      else fake.seed(ISSUE, `<!-- chaos-action:sticky workflow="CI" job="chaos" key="other" -->\n${i}`);
    }

    const outcome = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('new results')));

    expect(outcome.status).toBe('updated');
    expect(outcome.id).toBe(ours);
    expect(fake.comments(ISSUE)).toHaveLength(250);
    expect(fake.comments(ISSUE).find((c) => c.id === ours)!.body).toBe(body('new results'));
    // GitHub's Link header points at /repositories/{id}/…; Octokit follows it verbatim.
    const lists = fake.requestsTo('list').map((r) => r.target);
    expect(lists).toHaveLength(3);
    expect(lists[0]).toBe('/repos/acme/shop/issues/7/comments?per_page=100');
    expect(lists[1]).toMatch(/^\/repositories\/\d+\/issues\/7\/comments\?per_page=100&page=2$/);
    expect(lists[2]).toMatch(/^\/repositories\/\d+\/issues\/7\/comments\?per_page=100&page=3$/);
    expect(fake.requestsTo('create')).toHaveLength(0);
  });

  it('stops paging once the page holding the marker is read', async () => {
    const ours = fake.seed(ISSUE, body('old')).id;
    for (let i = 0; i < 249; i++) fake.seed(ISSUE, `comment ${i}`, human('bob'));

    const outcome = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('new')));

    expect(outcome).toMatchObject({ status: 'updated', id: ours });
    expect(fake.requestsTo('list')).toHaveLength(1);
  });

  it('reads every page before creating when no comment carries the marker', async () => {
    for (let i = 0; i < 250; i++) fake.seed(ISSUE, `comment ${i}`, human('carol'));

    const outcome = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('results')));

    expect(outcome.status).toBe('created');
    expect(fake.requestsTo('list')).toHaveLength(3);
    expect(fake.comments(ISSUE)).toHaveLength(251);
  });

  it('ignores a human comment quoting the marker and keeps its own comment', async () => {
    const quoted = fake.seed(ISSUE, `Why does this say\n> ${MARKER}\n?`, human('dave'));

    const first = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('run 1')));
    const second = expectPosted(await upsertStickyComment(octokit, PR, MARKER, body('run 2')));

    expect(first.status).toBe('created');
    expect(first.id).not.toBe(quoted.id);
    expect(second).toMatchObject({ status: 'updated', id: first.id });
    expect(fake.comments(ISSUE).map((c) => [c.user.login, c.body])).toEqual([
      ['dave', `Why does this say\n> ${MARKER}\n?`],
      ['github-actions[bot]', body('run 2')],
    ]);
  });

  it('keeps separate sticky comments for different keys', async () => {
    const staging = commentMarker({ workflow: 'CI', job: 'chaos', key: 'staging' });
    const stagingEu = commentMarker({ workflow: 'CI', job: 'chaos', key: 'staging-eu' });

    const a = expectPosted(await upsertStickyComment(octokit, PR, staging, body('A1', staging)));
    const b = expectPosted(await upsertStickyComment(octokit, PR, stagingEu, body('B1', stagingEu)));
    const a2 = expectPosted(await upsertStickyComment(octokit, PR, staging, body('A2', staging)));
    const b2 = expectPosted(await upsertStickyComment(octokit, PR, stagingEu, body('B2', stagingEu)));

    expect([a.status, b.status, a2.status, b2.status]).toEqual(['created', 'created', 'updated', 'updated']);
    expect(a.id).not.toBe(b.id);
    expect([a2.id, b2.id]).toEqual([a.id, b.id]);
    expect(fake.comments(ISSUE).map((c) => c.body)).toEqual([body('A2', staging), body('B2', stagingEu)]);
  });

  it('prepends the marker when the body lacks it, so the next run finds the comment', async () => {
    const first = expectPosted(await upsertStickyComment(octokit, PR, MARKER, 'plain table'));
    const second = await upsertStickyComment(octokit, PR, MARKER, 'plain table');

    expect(fake.comments(ISSUE).map((c) => c.body)).toEqual([`${MARKER}\nplain table`]);
    expect(second).toEqual({ status: 'unchanged', id: first.id, url: first.url });
  });

  it('skips with the permissions hint when creating is refused with 403 (fork PR, read-only token)', async () => {
    fake.fail('create', 403);

    const reason = expectSkipped(await upsertStickyComment(octokit, PR, MARKER, body('results')));

    expect(reason).toContain('403');
    expect(reason).toContain('Resource not accessible by integration');
    expect(reason).toContain('permissions: pull-requests: write');
    expect(reason).toMatch(/fork/i);
    expect(reason).toContain('creating a comment on acme/shop#7');
    expect(fake.comments(ISSUE)).toHaveLength(0);
  });

  it('skips with the permissions hint when updating is refused with 403', async () => {
    const ours = fake.seed(ISSUE, body('old'));
    fake.fail('update', 403);

    const reason = expectSkipped(await upsertStickyComment(octokit, PR, MARKER, body('new')));

    expect(reason).toContain('permissions: pull-requests: write');
    expect(reason).toContain(`updating comment ${ours.id}`);
    expect(fake.comments(ISSUE).map((c) => c.body)).toEqual([body('old')]);
  });

  it('skips without creating anything when listing fails with 500', async () => {
    fake.fail('list', 500);

    const reason = expectSkipped(await upsertStickyComment(octokit, PR, MARKER, body('results')));

    expect(reason).toContain('500');
    expect(reason).toContain('listing the comments of acme/shop#7');
    expect(fake.requestsTo('create')).toHaveLength(0);
    expect(fake.comments(ISSUE)).toHaveLength(0);
  });

  it('skips when the pull request is not found (404)', async () => {
    fake.fail('list', 404);

    const reason = expectSkipped(await upsertStickyComment(octokit, PR, MARKER, body('results')));

    expect(reason).toContain('404');
    expect(reason).toMatch(/not found/i);
  });

  it('skips when GitHub rejects an over-long body (422)', async () => {
    const reason = expectSkipped(await upsertStickyComment(octokit, PR, MARKER, body('x'.repeat(COMMENT_LIMIT))));

    expect(reason).toContain('422');
    expect(fake.comments(ISSUE)).toHaveLength(0);
  });

  it('skips when the API cannot be reached', async () => {
    const gone = await startFakeGitHubApi();
    const url = gone.url;
    await gone.close();

    const reason = expectSkipped(await upsertStickyComment(getOctokit('t', { baseUrl: url }), PR, MARKER, body('results')));

    expect(reason).toMatch(/^could not reach the GitHub API while listing the comments of acme\/shop#7/);
  });

  it('posts a fitted oversize report that GitHub accepts', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `| experiment ${i} | passed | ${'·'.repeat(20)} |`).join('\n');
    const fitted = fitComment(`| title | verdict | notes |\n|---|---|---|\n${rows}`, MARKER, 'https://github.com/acme/shop/actions/runs/1');

    const outcome = expectPosted(await upsertStickyComment(octokit, PR, MARKER, fitted));

    expect(outcome.status).toBe('created');
    expect(fake.comments(ISSUE)[0]!.body).toBe(fitted);
  });
});

describe('commentMarker', () => {
  it('is a hidden HTML comment naming workflow, job and key', () => {
    expect(commentMarker({ workflow: 'CI', job: 'chaos', key: 'staging' })).toBe('<!-- chaos-action:sticky workflow="CI" job="chaos" key="staging" -->');
  });

  it('escapes values so they cannot close the comment or forge another attribute', () => {
    const marker = commentMarker({ workflow: 'a --> b --!> c', job: 'x" key="y', key: 'k\r\n<&>' });

    expect(marker).toBe('<!-- chaos-action:sticky workflow="a --&gt; b --!&gt; c" job="x&quot; key=&quot;y" key="k&#13;&#10;&lt;&amp;&gt;" -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker).not.toMatch(/[\r\n]/);
  });

  it("never makes one key a substring of another key's marker", () => {
    const short = commentMarker({ workflow: 'CI', job: 'chaos', key: 'eu' });
    const long = commentMarker({ workflow: 'CI', job: 'chaos', key: 'eu-west' });

    expect(long.includes(short)).toBe(false);
    expect(short.includes(long)).toBe(false);
  });
});

describe('fitComment', () => {
  const link = 'https://github.com/acme/shop/actions/runs/42';

  it('returns the marker line and the markdown unchanged when they fit', () => {
    expect(fitComment('| a |\n|---|\n| 1 |', MARKER, link)).toBe(`${MARKER}\n| a |\n|---|\n| 1 |`);
  });

  it('keeps a body of exactly the limit intact', () => {
    const markdown = 'y'.repeat(COMMENT_LIMIT - MARKER.length - 1);
    expect(fitComment(markdown, MARKER, link)).toBe(`${MARKER}\n${markdown}`);
  });

  it('cuts a long body below the limit at a line boundary, keeps the marker and links the full results', () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `| row ${i} | ${'x'.repeat(i % 37)} |`);
    const markdown = lines.join('\n');
    expect(markdown.length).toBeGreaterThan(COMMENT_LIMIT);

    const fitted = fitComment(markdown, MARKER, link);

    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(fitted.startsWith(`${MARKER}\n`)).toBe(true);
    const [kept, notice] = fitted.slice(MARKER.length + 1).split('\n\n');
    expect(notice).toContain(`(${link})`);
    expect(notice).toContain('65,536');
    const keptLines = kept!.split('\n');
    expect(keptLines).toEqual(lines.slice(0, keptLines.length));
    expect(keptLines.length).toBeGreaterThan(1000);
    // Cut as late as possible: one more line would not have fitted.
    expect(fitted.length + lines[keptLines.length]!.length + 1).toBeGreaterThan(COMMENT_LIMIT);
  });

  it('honours a custom limit', () => {
    const markdown = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');

    const fitted = fitComment(markdown, MARKER, link, 600);

    expect(fitted.length).toBeLessThanOrEqual(600);
    expect(fitted).toMatch(/\nline \d+\n\n> \[!WARNING\]\n/);
    expect(fitted).toContain(link);
  });

  it('closes a code fence left open by the cut', () => {
    const markdown = `intro\n\`\`\`json\n${Array.from({ length: 200 }, (_, i) => `  "k${i}": ${i},`).join('\n')}\n\`\`\`\nafter`;

    const fitted = fitComment(markdown, MARKER, link, 1200);

    expect(fitted.length).toBeLessThanOrEqual(1200);
    const kept = fitted.slice(0, fitted.indexOf('\n\n> [!WARNING]'));
    expect(kept.endsWith('\n```')).toBe(true);
    expect(kept.match(/^```/gm)).toHaveLength(2);
  });

  it('cuts a single over-long line inside the line without splitting a surrogate pair', () => {
    const markdown = '😀'.repeat(1000);

    const fitted = fitComment(markdown, MARKER, link, 1000);

    expect(fitted.length).toBeLessThanOrEqual(1000);
    const kept = fitted.slice(MARKER.length + 1, fitted.indexOf('\n\n'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toBe('😀'.repeat(kept.length / 2));
  });

  it('falls back to a shorter notice when the limit is tight', () => {
    const fitted = fitComment('a\nb\nc\n'.repeat(50), MARKER, link, MARKER.length + 90);

    expect(fitted.length).toBeLessThanOrEqual(MARKER.length + 90);
    expect(fitted.startsWith(MARKER)).toBe(true);
    expect(fitted).toContain(link);
  });

  it('rejects a limit that cannot even hold the marker', () => {
    expect(() => fitComment('x', MARKER, link, 10)).toThrow(RangeError);
  });
});

describe('commentDecision', () => {
  const pr: RunContext = {
    eventName: 'pull_request',
    owner: 'acme',
    repo: 'shop',
    prNumber: 7,
    isForkPr: false,
    runId: '1',
    runAttempt: '1',
    job: 'chaos',
    workflow: 'CI',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    sha: 'abc',
    headSha: 'abc',
    actor: 'octocat',
  };
  const { prNumber: _unused, ...withoutPr } = pr;
  const push: RunContext = { ...withoutPr, eventName: 'push' };
  const fork: RunContext = { ...pr, isForkPr: true };

  it('writes on a pull request in mode always, failed or not', () => {
    expect(commentDecision(pr, 'always', false)).toEqual({ action: 'write' });
    expect(commentDecision(pr, 'always', true)).toEqual({ action: 'write' });
  });

  it('does not post without a pull request (push, schedule, dispatch)', () => {
    for (const eventName of ['push', 'schedule', 'workflow_dispatch']) {
      expect(commentDecision({ ...push, eventName }, 'always', true)).toEqual({ action: 'none', reason: 'no pull request for this event' });
    }
  });

  it('does not post on a fork pull request, whose token is read-only', () => {
    const decision = commentDecision(fork, 'always', true);
    expect(decision.action).toBe('none');
    expect(decision.action === 'none' && decision.reason).toMatch(/#7 comes from a fork.*read-only/);
  });

  it('writes on a fork pull request under pull_request_target, which has a write token', () => {
    expect(commentDecision({ ...fork, eventName: 'pull_request_target' }, 'always', false)).toEqual({ action: 'write' });
  });

  it('in mode never, neither posts nor touches an earlier comment, failed or not', () => {
    expect(commentDecision(pr, 'never', true)).toEqual({ action: 'none', reason: 'the comment mode is "never"' });
    expect(commentDecision(pr, 'never', false)).toEqual({ action: 'none', reason: 'the comment mode is "never"' });
  });

  it('in mode on-failure, writes when the run failed, and otherwise only updates an earlier comment', () => {
    expect(commentDecision(pr, 'on-failure', true)).toEqual({ action: 'write' });
    expect(commentDecision(pr, 'on-failure', false)).toEqual({
      action: 'update',
      reason: 'the comment mode is "on-failure", the run did not fail and no earlier comment was there to update',
    });
  });
});
