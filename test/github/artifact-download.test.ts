// Listing and downloading this run's artifacts with the REAL @actions/artifact v6 client, against
// the local fake results service (Twirp ListArtifacts, GetSignedArtifactURL, the blob GET).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { artifactUploader } from '../../src/github/artifact.js';
import { artifactDownloader, nameMatcher } from '../../src/github/artifact-download.js';
import { type FakeArtifactService, startFakeArtifactService } from '../support/fake-artifact-service.js';

let dir = '';
let service: FakeArtifactService;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-download-'));
  service = await startFakeArtifactService({ workspace: dir });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = async (name: string, files: Record<string, string>): Promise<number> => {
  const root = path.join(dir, 'up', name);
  mkdirSync(root, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(root, f), text);
  return (
    await artifactUploader(service.env).upload(
      name,
      Object.keys(files).map((f) => path.join(root, f)),
      root,
    )
  ).id;
};

describe('artifactDownloader', () => {
  it("lists this run's artifacts and downloads one, unzipped, into a folder; process.env is left as it was", async () => {
    const a = await upload('chaos-journals-chaos-staging-shard-1-of-2-attempt-1', { 'results.json': '{"a":1}', 'x.journal.json': '{}' });
    const b = await upload('chaos-journals-chaos-staging-shard-2-of-2-attempt-1', { 'results.json': '{"b":2}' });
    await upload('other', { 'readme.txt': 'x' });
    const before = { ...process.env };
    const downloader = artifactDownloader(service.env);
    const listed = await downloader.list();
    expect(listed.map((l) => [l.id, l.name]).sort()).toEqual(
      [
        [a, 'chaos-journals-chaos-staging-shard-1-of-2-attempt-1'],
        [b, 'chaos-journals-chaos-staging-shard-2-of-2-attempt-1'],
        [expect.any(Number), 'other'],
      ].sort(),
    );
    await downloader.download(a, path.join(dir, 'down'));
    expect(readFileSync(path.join(dir, 'down', 'results.json'), 'utf8')).toBe('{"a":1}');
    expect(readFileSync(path.join(dir, 'down', 'x.journal.json'), 'utf8')).toBe('{}');
    expect(service.calls.map((c) => c.operation)).toEqual(expect.arrayContaining(['ListArtifacts', 'GetSignedArtifactURL', 'GetBlob']));
    expect(process.env).toEqual(before);
  });

  it('says why outside a runner (no runtime token)', async () => {
    await expect(artifactDownloader({ GITHUB_SERVER_URL: 'https://github.com' }).list()).rejects.toThrow(
      /cannot read this run's artifacts: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/,
    );
  });
});

describe('nameMatcher', () => {
  it('matches artifact names by glob, everything else literal', () => {
    const m = nameMatcher('chaos-journals-*');
    expect(m('chaos-journals-chaos-shard-1-of-2-attempt-1')).toBe(true);
    expect(m('chaos-report-merge-attempt-1')).toBe(false);
    expect(nameMatcher('a.b?')('a.bc')).toBe(true);
    expect(nameMatcher('a.b?')('axbc')).toBe(false);
  });
});
