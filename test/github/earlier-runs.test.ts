// The history look-up against a local stand-in for GitHub's REST API, through the real Octokit and
// the real @actions/artifact download (its redirect to a blob URL, its unzip).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherRunArtifacts } from '../../src/github/artifact-download.js';
import { findEarlierRuns } from '../../src/github/earlier-runs.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../support/fake-github-api.js';
import { makeZip } from '../support/zip.js';

let api: FakeGitHubApi;
let scratch: string;
const results = (n: number): string => JSON.stringify({ tool: 'chaos-action', gate: 'passed', experiments: [{ file: 'a.json', duration: n }] });

beforeAll(async () => {
  api = await startFakeGitHubApi();
  // @actions/github reads the API URL once, when it is first loaded (below, lazily).
  process.env['GITHUB_API_URL'] = api.url;
  scratch = mkdtempSync(path.join(tmpdir(), 'earlier-runs-'));
  const run = (id: number, day: number, artifacts: { id: number; name: string; zip: Buffer; expired?: boolean }[], branch = 'main') =>
    api.seedRun({ id, workflowId: 77, branch, headSha: `sha${id}`, createdAt: `2026-12-0${day}T02:00:00Z`, artifacts });
  run(101, 1, [{ id: 9101, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': results(1), 'a.json': '{}' }) }]);
  // A re-run: the newest attempt is read.
  run(102, 2, [
    { id: 9102, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': results(21) }) },
    { id: 9112, name: 'chaos-journals-chaos-staging-attempt-2', zip: makeZip({ 'results.json': results(22) }) },
  ]);
  // Another leg's artifact only, an expired one, and a broken one: none of them is ours or readable.
  run(103, 3, [{ id: 9103, name: 'chaos-journals-chaos-prod-attempt-1', zip: makeZip({ 'results.json': results(3) }) }]);
  run(104, 4, [{ id: 9104, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': results(4) }), expired: true }]);
  run(105, 5, [{ id: 9105, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': '{"truncated' }) }]);
  run(106, 6, [{ id: 9106, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': results(6) }) }], 'feature');
  // A fork's pull request from its own `main`: the newest run on the branch name, and not ours.
  api.seedRun({
    id: 110,
    workflowId: 77,
    branch: 'main',
    headSha: 'evil',
    createdAt: '2026-12-06T12:00:00Z',
    headRepository: 'mallory/shop',
    artifacts: [{ id: 9110, name: 'chaos-journals-chaos-staging-attempt-1', zip: makeZip({ 'results.json': results(666) }) }],
  });
  // This run.
  run(107, 7, []);
});

afterAll(async () => {
  await api.close();
  rmSync(scratch, { recursive: true, force: true });
});

const query = {
  owner: 'acme',
  repo: 'shop',
  runId: 107,
  branch: 'main',
  artifactMatches: (n: string) => /^chaos-journals-chaos-staging(-attempt-\d+)?$/.test(n),
};
const deps = (dir: string) => {
  return (async () => {
    const { getOctokit } = await import('@actions/github');
    return {
      octokit: getOctokit('t0ken', { baseUrl: api.url }),
      ...otherRunArtifacts({ token: 't0ken', owner: 'acme', repo: 'shop' }),
      scratch: path.join(scratch, dir),
    };
  })();
};

describe('earlier runs', () => {
  it("reads this leg's results of the earlier runs on the branch, newest first, the newest attempt of each, and says what it could not read", async () => {
    const found = await findEarlierRuns({ ...query, limit: 5 }, await deps('all'));
    expect(found.runs.map((r) => [r.runId, (r.results as { experiments: { duration: number }[] }).experiments[0]?.duration])).toEqual([
      [102, 22],
      [101, 1],
    ]);
    expect(found.runs[0]).toMatchObject({ headSha: 'sha102', createdAt: '2026-12-02T02:00:00Z' });
    expect(found.notes).toEqual([expect.stringMatching(/^run 105: its results could not be read \(results\.json is not JSON/)]);
    // The blob was fetched without the token.
    expect(api.requests.filter((r) => r.target.startsWith('/blob/')).every((r) => r.authorization === undefined)).toBe(true);
  });

  it('stops at the limit', async () => {
    const found = await findEarlierRuns({ ...query, limit: 1 }, await deps('one'));
    expect(found.runs.map((r) => r.runId)).toEqual([102]);
  });

  it('goes on with a note when the token cannot read Actions', async () => {
    api.fail('run', 403);
    try {
      const found = await findEarlierRuns({ ...query, limit: 5 }, await deps('denied'));
      expect(found.runs).toEqual([]);
      expect(found.notes).toEqual([
        'history not read: listing earlier runs of this workflow on main failed (HTTP 403: the token needs `actions: read` on this repository)',
      ]);
    } finally {
      api.clearFailures();
    }
  });
});
