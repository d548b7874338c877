// readRunContext: the run's identity from the runner's environment and the webhook payload file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headCommit, readRunContext, runUrl } from '../../src/github/context.js';

const EVENT_PATH = '/home/runner/work/_temp/_github_workflow/event.json';

function runnerEnv(eventName: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_PATH: EVENT_PATH,
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'chaos',
    GITHUB_WORKFLOW: 'Chaos gate',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_ACTOR: 'octocat',
    ...extra,
  };
}

/** A readFile that serves one payload at EVENT_PATH and fails like fs for anything else. */
function payloadAt(payload: unknown): (p: string) => string {
  return (p) => {
    if (p !== EVENT_PATH) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
    return JSON.stringify(payload);
  };
}

function pullRequestPayload(headRepo: { full_name: string } | null, action = 'synchronize'): unknown {
  return {
    action,
    number: 42,
    pull_request: {
      number: 42,
      head: { ref: 'feature', sha: 'feedbeef', repo: headRepo },
      base: { ref: 'main', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
  };
}

describe('readRunContext', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'chaos-context-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a same-repository pull_request: PR number, not a fork, every run field', () => {
    const ctx = readRunContext(runnerEnv('pull_request'), payloadAt(pullRequestPayload({ full_name: 'acme/shop' })));

    expect(ctx).toEqual({
      eventName: 'pull_request',
      owner: 'acme',
      repo: 'shop',
      prNumber: 42,
      isForkPr: false,
      runId: '9876543210',
      runAttempt: '2',
      job: 'chaos',
      workflow: 'Chaos gate',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      sha: '0123456789abcdef0123456789abcdef01234567',
      // The PR's head commit, not GITHUB_SHA (the merge commit GitHub made for the run).
      headSha: 'feedbeef',
      actor: 'octocat',
    });
  });

  it('marks a pull_request from a fork', () => {
    const ctx = readRunContext(runnerEnv('pull_request', { GITHUB_ACTOR: 'mallory' }), payloadAt(pullRequestPayload({ full_name: 'mallory/shop' })));

    expect(ctx).toMatchObject({ prNumber: 42, isForkPr: true, actor: 'mallory' });
  });

  it('marks a pull_request whose fork was deleted (head repo null) as a fork', () => {
    const ctx = readRunContext(runnerEnv('pull_request'), payloadAt(pullRequestPayload(null)));

    expect(ctx).toMatchObject({ prNumber: 42, isForkPr: true });
  });

  it('reads the PR number and fork flag for pull_request_target', () => {
    const ctx = readRunContext(runnerEnv('pull_request_target'), payloadAt(pullRequestPayload({ full_name: 'mallory/shop' })));

    expect(ctx).toMatchObject({ eventName: 'pull_request_target', prNumber: 42, isForkPr: true });
  });

  it('has no PR on push', () => {
    const push = { ref: 'refs/heads/main', before: '0'.repeat(40), after: 'f'.repeat(40), repository: { full_name: 'acme/shop' } };

    const ctx = readRunContext(runnerEnv('push'), payloadAt(push));

    expect(ctx.prNumber).toBeUndefined();
    expect('prNumber' in ctx).toBe(false);
    expect(ctx).toMatchObject({ eventName: 'push', owner: 'acme', repo: 'shop', isForkPr: false });
  });

  it('has no PR on schedule', () => {
    const ctx = readRunContext(runnerEnv('schedule'), payloadAt({ schedule: '17 3 * * *', workflow: '.github/workflows/chaos.yml' }));

    expect(ctx.prNumber).toBeUndefined();
    expect(ctx.isForkPr).toBe(false);
  });

  it('ignores a pull_request object in the payload of a non-PR event', () => {
    const ctx = readRunContext(runnerEnv('workflow_run'), payloadAt(pullRequestPayload({ full_name: 'mallory/shop' })));

    expect(ctx.prNumber).toBeUndefined();
    expect(ctx.isForkPr).toBe(false);
  });

  it('treats a missing event file as no PR (the real fs reader)', () => {
    const ctx = readRunContext(runnerEnv('pull_request', { GITHUB_EVENT_PATH: path.join(tmp, 'does-not-exist.json') }));

    expect(ctx).toMatchObject({ eventName: 'pull_request', owner: 'acme', repo: 'shop', isForkPr: false });
    expect(ctx.prNumber).toBeUndefined();
  });

  it('treats an unset GITHUB_EVENT_PATH or unparsable payload as no PR', () => {
    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, '{"pull_request": {"number": 4');

    expect(readRunContext(runnerEnv('pull_request', { GITHUB_EVENT_PATH: undefined })).prNumber).toBeUndefined();
    expect(readRunContext(runnerEnv('pull_request', { GITHUB_EVENT_PATH: broken })).prNumber).toBeUndefined();
  });

  it('reads a real payload file with the default reader', () => {
    const file = path.join(tmp, 'event.json');
    writeFileSync(file, JSON.stringify(pullRequestPayload({ full_name: 'acme/shop' })));

    expect(readRunContext(runnerEnv('pull_request', { GITHUB_EVENT_PATH: file }))).toMatchObject({ prNumber: 42, isForkPr: false });
  });

  it('defaults the server and API URLs and tolerates an empty environment', () => {
    const ctx = readRunContext({});

    expect(ctx).toEqual({
      eventName: '',
      owner: '',
      repo: '',
      isForkPr: false,
      runId: '',
      runAttempt: '1',
      job: '',
      workflow: '',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      sha: '',
      headSha: '',
      actor: '',
    });
  });

  it('keeps GitHub Enterprise URLs without a trailing slash', () => {
    const ctx = readRunContext(
      runnerEnv('push', { GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }),
      payloadAt({}),
    );

    expect(ctx.serverUrl).toBe('https://ghe.example.com');
    expect(ctx.apiUrl).toBe('https://ghe.example.com/api/v3');
  });
});

describe('runUrl', () => {
  it('links the workflow run page', () => {
    const ctx = readRunContext(runnerEnv('push'), payloadAt({}));
    expect(runUrl(ctx)).toBe('https://github.com/acme/shop/actions/runs/9876543210');
  });
});

describe('headCommit', () => {
  it("names and links a pull request's head commit, not the merge commit", () => {
    const ctx = readRunContext(runnerEnv('pull_request'), payloadAt(pullRequestPayload({ full_name: 'acme/shop' })));
    expect(headCommit(ctx)).toEqual({ sha: 'feedbeef', url: 'https://github.com/acme/shop/commit/feedbeef' });
  });

  it('is GITHUB_SHA on a push, and unknown without one', () => {
    const ctx = readRunContext(runnerEnv('push'), payloadAt({ ref: 'refs/heads/main', repository: { full_name: 'acme/shop' } }));
    expect(headCommit(ctx)?.sha).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(headCommit(readRunContext({}))).toBeUndefined();
  });
});
