// The artifact adapter with the REAL @actions/artifact v6 client against a fake results service on
// 127.0.0.1 (test/support/fake-artifact-service.ts): Twirp CreateArtifact/FinalizeArtifact and the
// Azure block-blob upload, with the zip read back. The outage test keeps the real client too: its
// Twirp retry sleeps (3 s, ×1.5, 5 attempts; not configurable through DefaultArtifactClient or any
// env variable) run on fake setTimeout, so the test is fast and does not depend on a clock.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { artifactAvailable, artifactName, artifactUploader } from '../../src/github/artifact.js';
import { type FakeArtifactService, startFakeArtifactService } from '../support/fake-artifact-service.js';

const RUNNER_KEYS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'GITHUB_RETENTION_DAYS',
  'GITHUB_REPOSITORY',
  'GITHUB_RUN_ID',
];

let dir: string;
let service: FakeArtifactService | undefined;
let savedEnv: [string, string | undefined][];
let stdout: string[];

/** A journal folder as a suite run leaves it: one journal per experiment, results.json, report.md. */
function journalFolder(): { root: string; files: string[] } {
  const root = path.join(dir, 'chaos-results');
  mkdirSync(root, { recursive: true });
  const content: Record<string, string> = {
    'db-failover.journal.json': JSON.stringify({ status: 'completed', deviated: false }),
    'cache-loss.journal.json': JSON.stringify({ status: 'failed', deviated: true, run: 'x'.repeat(5000) }),
    'results.json': JSON.stringify({ verdict: 'pass' }),
    'report.md': '# Chaos report\n\n| experiment | verdict |\n|---|---|\n',
  };
  for (const [name, text] of Object.entries(content)) writeFileSync(path.join(root, name), text);
  return { root, files: Object.keys(content).map((n) => path.join(root, n)) };
}

async function startService(): Promise<FakeArtifactService> {
  service = await startFakeArtifactService({ workspace: dir, repository: 'octo-org/payments', runId: '987654321' });
  return service;
}

/** Runs `run` with setTimeout faked, firing each pending timer as soon as the I/O in between is done. */
async function withRetrySleepsSkipped<T>(run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const promise = run();
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let turn = 0; !settled && turn < 100_000; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (vi.getTimerCount() > 0) await vi.runOnlyPendingTimersAsync();
    }
    return await promise;
  } finally {
    vi.useRealTimers();
  }
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chaos-artifact-'));
  // Run as if outside a runner whatever the host is, and keep @actions/core's log lines out of the output.
  savedEnv = RUNNER_KEYS.map((k) => [k, process.env[k]]);
  for (const k of RUNNER_KEYS) delete process.env[k];
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  await service?.close();
  service = undefined;
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('uploading with the real @actions/artifact client', () => {
  it('uploads the journals and the report as one zip artifact, linked from the workflow run', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const name = artifactName('chaos-journals', { job: 'chaos', runAttempt: '1' });

    const result = await artifactUploader(svc.env).upload(name, files, root);

    expect(svc.artifacts).toHaveLength(1);
    const artifact = svc.artifacts[0]!;
    expect(artifact.name).toBe('chaos-journals-chaos-attempt-1');
    expect(artifact.files).toEqual(['cache-loss.journal.json', 'db-failover.journal.json', 'report.md', 'results.json']);
    expect(artifact.contents.get('report.md')?.toString()).toBe('# Chaos report\n\n| experiment | verdict |\n|---|---|\n');
    expect(JSON.parse(artifact.contents.get('cache-loss.journal.json')!.toString())).toMatchObject({ status: 'failed', deviated: true });
    expect(artifact.mimeType).toBe('application/zip');
    expect(artifact.hash).toBe(`sha256:${createHash('sha256').update(artifact.blob).digest('hex')}`);
    expect(artifact.expiresAt).toBeUndefined();
    expect(result).toEqual({
      id: artifact.id,
      size: artifact.blob.length,
      name: 'chaos-journals-chaos-attempt-1',
      url: `https://github.com/octo-org/payments/actions/runs/987654321/artifacts/${artifact.id}`,
    });
    expect(svc.calls.map((c) => `${c.operation} ${c.status}`)).toEqual(['CreateArtifact 200', 'PutBlock 201', 'PutBlockList 201', 'FinalizeArtifact 200']);
  });

  it('keeps sub-folders of the root directory in the zip', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    mkdirSync(path.join(root, 'nested'));
    writeFileSync(path.join(root, 'nested', 'extra.journal.json'), '{}');

    await artifactUploader(svc.env).upload('nested-1', [...files, path.join(root, 'nested', 'extra.journal.json')], root);

    expect(svc.artifacts[0]!.files).toContain('nested/extra.journal.json');
  });

  it('works with process.env as the environment, the normal case on a runner', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    Object.assign(process.env, svc.env);

    const result = await artifactUploader(process.env).upload('env-1', files, root);

    expect(result.url).toBe(`https://github.com/octo-org/payments/actions/runs/987654321/artifacts/${svc.artifacts[0]!.id}`);
  });

  it('leaves process.env as it was when given another environment', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    process.env['GITHUB_RETENTION_DAYS'] = '90';
    const before = { ...process.env };

    await artifactUploader(svc.env).upload('untouched-1', files, root);

    expect({ ...process.env }).toEqual(before);
  });

  it('asks for the requested retention, lowered to the repository maximum in GITHUB_RETENTION_DAYS', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const day = 24 * 60 * 60 * 1000;

    await artifactUploader(svc.env).upload('kept-3', files, root, 3);
    await artifactUploader({ ...svc.env, GITHUB_RETENTION_DAYS: '5' }).upload('capped-30', files, root, 30);

    const [kept, capped] = svc.artifacts;
    const daysFromNow = (iso: string | undefined): number => Math.round((Date.parse(iso ?? '') - Date.now()) / day);
    expect(daysFromNow(kept!.expiresAt)).toBe(3);
    expect(daysFromNow(capped!.expiresAt)).toBe(5);
    expect(stdout.join('')).toContain('Retention days cannot be greater than the maximum allowed retention');
  });

  it('gives every job, matrix leg and run attempt its own name, so they all upload into one run', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const legs = [
      { job: 'chaos', runAttempt: '1' },
      { job: 'chaos', runAttempt: '2' },
      { job: 'chaos', matrix: 'ubuntu-latest-node24', runAttempt: '1' },
      { job: 'chaos', matrix: 'windows-latest-node24', runAttempt: '1' },
      { job: 'chaos', matrix: 'windows-latest-node24', runAttempt: '2' },
      { job: 'promote', runAttempt: '1' },
    ];
    const names = legs.map((leg) => artifactName('chaos-journals', leg));

    for (const name of names) await artifactUploader(svc.env).upload(name, files, root);

    expect(new Set(names).size).toBe(legs.length);
    expect(svc.artifacts.map((a) => a.name)).toEqual([
      'chaos-journals-chaos-attempt-1',
      'chaos-journals-chaos-attempt-2',
      'chaos-journals-chaos-ubuntu-latest-node24-attempt-1',
      'chaos-journals-chaos-windows-latest-node24-attempt-1',
      'chaos-journals-chaos-windows-latest-node24-attempt-2',
      'chaos-journals-promote-attempt-1',
    ]);
  });

  it('a sanitized name with every forbidden character is accepted by the client and the service', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const name = artifactName('chaos: "journals"', { job: 'a/b\\c', matrix: 'os=<linux>|*?\r\n', runAttempt: '3' });

    const result = await artifactUploader(svc.env).upload(name, files, root);

    expect(result.name).toBe('chaos-journals-a-b-c-os=-linux-attempt-3');
    expect(svc.artifacts[0]!.name).toBe(result.name);
  });

  it('a duplicate name fails with a one-line 409 message saying the name already exists and includes the attempt', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    svc.conflictOn('chaos-journals-chaos-attempt-1');

    const error = await failureOf(artifactUploader(svc.env).upload('chaos-journals-chaos-attempt-1', files, root));

    expect(error.message).toBe(
      'Artifact "chaos-journals-chaos-attempt-1" was not uploaded: an artifact with this name already exists in this workflow run (409 Conflict); the name includes the job, the comment-key and the run attempt; give each matrix leg its own comment-key',
    );
    expect((error.cause as Error).message).toContain('(409) Conflict: an artifact with this name already exists on the workflow run');
    expect(svc.calls).toEqual([{ operation: 'CreateArtifact', status: 409 }]);
  });

  it('uploading the same name twice in a run gives the 409 message on the second upload', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const uploader = artifactUploader(svc.env);

    await uploader.upload('twice-1', files, root);
    const error = await failureOf(uploader.upload('twice-1', files, root));

    expect(error.message).toContain('already exists in this workflow run (409 Conflict)');
    expect(svc.artifacts).toHaveLength(1);
  });

  it('a service outage (500) fails with a clear error after the client has tried 5 times', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    svc.failOn('CreateArtifact', 500);

    const error = await failureOf(withRetrySleepsSkipped(() => artifactUploader(svc.env).upload('outage-1', files, root)));

    expect(error.message).toBe(
      'Artifact "outage-1" was not uploaded: the artifact service (CreateArtifact) is unavailable (HTTP 500, 5 attempts); this is usually temporary, see https://www.githubstatus.com',
    );
    expect(svc.calls).toEqual(Array.from({ length: 5 }, () => ({ operation: 'CreateArtifact', status: 500 })));
    expect(svc.artifacts).toEqual([]);
  });

  it('a brief outage (500 twice) is retried by the client and the upload succeeds', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    svc.failOn('FinalizeArtifact', 500, 2);

    const result = await withRetrySleepsSkipped(() => artifactUploader(svc.env).upload('flaky-1', files, root));

    expect(result.id).toBe(svc.artifacts[0]!.id);
    expect(svc.calls.filter((c) => c.operation === 'FinalizeArtifact').map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it('a refusal (403) from the service fails at once with a clear error', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    svc.failOn('any', 403);

    const error = await failureOf(artifactUploader(svc.env).upload('refused-1', files, root));

    expect(error.message).toBe(
      'Artifact "refused-1" was not uploaded: the artifact service (CreateArtifact) refused the request (HTTP 403); the runtime token may have expired or lack access',
    );
    expect(svc.calls).toEqual([{ operation: 'CreateArtifact', status: 403 }]);
  });

  it('a refusal (403) from blob storage fails with a clear one-line error', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    svc.failOn('PutBlock', 403);

    const error = await failureOf(artifactUploader(svc.env).upload('storage-1', files, root));

    expect(error.message).toBe(
      'Artifact "storage-1" was not uploaded: artifact storage refused the upload (HTTP 403: injected refusal); the signed upload URL may have expired',
    );
    expect(svc.calls.map((c) => c.operation)).toEqual(['CreateArtifact', 'PutBlock']);
  });

  it('an unreachable service gives a clear network error', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    await svc.close();

    const error = await failureOf(artifactUploader(svc.env).upload('offline-1', files, root));

    expect(error.message).toBe(
      'Artifact "offline-1" was not uploaded: could not reach the artifact service (ECONNREFUSED); check that the runner can reach GitHub\'s results service',
    );
  });

  it('a file outside the root directory is reported in one line', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const outside = path.join(dir, 'elsewhere.json');
    writeFileSync(outside, '{}');

    const error = await failureOf(artifactUploader(svc.env).upload('outside-1', [...files, outside], root));

    expect(error.message).toBe(`Artifact "outside-1" was not uploaded: The rootDirectory: ${root} is not a parent directory of the file: ${outside}`);
    expect(svc.calls).toEqual([]);
  });
});

describe('refusing before any request', () => {
  it('outside a runner, upload fails naming the missing runner variables and sends nothing', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const env = { ...svc.env, ACTIONS_RUNTIME_TOKEN: undefined, ACTIONS_RESULTS_URL: undefined };

    const error = await failureOf(artifactUploader(env).upload('nowhere-1', files, root));

    expect(error.message).toBe(
      'Cannot upload artifact "nowhere-1": ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: not running as a JavaScript action on a GitHub Actions runner (a run: step does not get the runtime token)',
    );
    expect(svc.calls).toEqual([]);
  });

  it('a name with a forbidden character, an empty file list or a bad retention is refused with a clear message', async () => {
    const svc = await startService();
    const { root, files } = journalFolder();
    const uploader = artifactUploader(svc.env);

    expect((await failureOf(uploader.upload('a/b', files, root))).message).toContain('contains a character the service forbids');
    expect((await failureOf(uploader.upload('empty-1', [], root))).message).toBe('Cannot upload artifact "empty-1": there are no files to upload');
    expect((await failureOf(uploader.upload('days-1', files, root, 0))).message).toContain('retention days must be a whole number of days');
    expect(svc.calls).toEqual([]);
  });
});

describe('artifactAvailable', () => {
  it('explains that the runner variables are missing outside a runner or in a run: step', () => {
    expect(artifactAvailable({})).toEqual({
      ok: false,
      reason:
        'ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: not running as a JavaScript action on a GitHub Actions runner (a run: step does not get the runtime token)',
    });
    expect(artifactAvailable({ ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/' })).toEqual({
      ok: false,
      reason: 'ACTIONS_RUNTIME_TOKEN is not set: not running as a JavaScript action on a GitHub Actions runner (a run: step does not get the runtime token)',
    });
  });

  it('explains that GitHub Enterprise Server is not supported', () => {
    const result = artifactAvailable({
      GITHUB_SERVER_URL: 'https://github.example.com',
      ACTIONS_RUNTIME_TOKEN: 't',
      ACTIONS_RESULTS_URL: 'https://r.example.com/',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'artifact upload is not supported on GitHub Enterprise Server (https://github.example.com) by @actions/artifact v2+',
    });
  });

  it('explains that the run cannot be linked without GITHUB_REPOSITORY and GITHUB_RUN_ID', () => {
    expect(artifactAvailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r.example.com/' })).toEqual({
      ok: false,
      reason: 'GITHUB_REPOSITORY and GITHUB_RUN_ID are not set, so the artifact cannot be linked to its workflow run',
    });
  });

  it('is ok on github.com and GHE.com data residency with the runner variables', async () => {
    const svc = await startService();
    expect(artifactAvailable(svc.env)).toEqual({ ok: true });
    expect(artifactAvailable({ ...svc.env, GITHUB_SERVER_URL: 'https://octo.ghe.com' })).toEqual({ ok: true });
  });
});

describe('artifactName', () => {
  it('is base, job, matrix and attempt joined by dashes', () => {
    expect(artifactName('chaos-journals', { job: 'chaos', runAttempt: '1' })).toBe('chaos-journals-chaos-attempt-1');
    expect(artifactName('chaos-journals', { job: 'chaos', matrix: 'linux', runAttempt: '2' })).toBe('chaos-journals-chaos-linux-attempt-2');
  });

  it('replaces every forbidden character by a dash, collapses dashes and trims the ends', () => {
    const name = artifactName('/chaos"journals:', { job: '<job>', matrix: '|a*b?c\\d/e\r\nf|', runAttempt: '1' });
    expect(name).toBe('chaos-journals-job-a-b-c-d-e-f-attempt-1');
    expect(name).not.toMatch(/[":<>|*?\r\n\\/]/);
  });

  it('stays within 200 characters, keeps the attempt and keeps long matrix legs distinct', () => {
    const long = 'x'.repeat(300);
    const a = artifactName('chaos-journals', { job: 'chaos', matrix: `${long}-a`, runAttempt: '12' });
    const b = artifactName('chaos-journals', { job: 'chaos', matrix: `${long}-b`, runAttempt: '12' });
    expect(a.length).toBeLessThanOrEqual(200);
    expect(b.length).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^chaos-journals-chaos-x+-[0-9a-f]{8}-attempt-12$/);
  });
});

describe('loading', () => {
  it('importing the adapter does not load @actions/artifact', () => {
    const script = [
      "import { registerHooks } from 'node:module';",
      'const seen = [];',
      'registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });',
      `const m = await import(${JSON.stringify(fileURLToPath(new URL('../../src/github/artifact.ts', import.meta.url)))});`,
      "console.log(JSON.stringify({ exports: Object.keys(m).sort(), artifact: seen.filter((s) => s.startsWith('@actions/')) }));",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ exports: ['artifactAvailable', 'artifactName', 'artifactUploader', 'withLibraryEnv'], artifact: [] });
  });

  it('an injected client is called with the name, files, root and retention, and its id makes the link', async () => {
    const calls: unknown[][] = [];
    const client = {
      uploadArtifact: async (...args: unknown[]) => {
        calls.push(args);
        return { id: 77, size: 1234 };
      },
    };
    const env = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r.example.com/', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '5' };

    const result = await artifactUploader(env, client).upload('injected-1', ['/w/a.json'], '/w', 7);

    expect(calls).toEqual([['injected-1', ['/w/a.json'], '/w', { retentionDays: 7 }]]);
    expect(result).toEqual({ id: 77, size: 1234, name: 'injected-1', url: 'https://github.com/o/r/actions/runs/5/artifacts/77' });
  });
});
