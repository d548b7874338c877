// dist/ is committed (consumers run it straight from the tag): it must be what `npm run package`
// builds from the sources as they are, file for file and byte for byte. This is the only dist/
// gate (CI runs it in `npm test`). The schema validator that `npm run package` generates first is
// checked by test/generated.test.ts; this test builds from the committed one.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

const run = promisify(execFile);

// The build takes one to two minutes on two busy cores (tsc's emit, rollup parsing the AWS SDK,
// terser). The limits only guard against a hang; they are not a performance assertion.
const STEP_LIMIT_MS = 8 * 60_000;
const TEST_LIMIT_MS = 10 * 60_000;

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

async function step(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(process.execPath, args, { cwd: repoRoot, env, timeout: STEP_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const { stdout, stderr, killed, signal } = e as { stdout?: string; stderr?: string; killed?: boolean; signal?: string };
    const why = killed ? `killed after ${STEP_LIMIT_MS / 60_000} minutes` : `failed${signal ? ` (${signal})` : ''}`;
    throw new Error(`${path.basename(args[0] ?? '')} ${why}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

it(
  'dist/ is up to date with the sources (run `npm run package` and commit dist/ if this fails)',
  async () => {
    // Inside the repository, so that the bundler resolves packages from its node_modules.
    const scratch = path.join(repoRoot, 'node_modules', '.cache');
    mkdirSync(scratch, { recursive: true });
    const out = mkdtempSync(path.join(scratch, 'chaos-dist-'));
    const compiled = mkdtempSync(path.join(scratch, 'chaos-build-'));
    try {
      // The steps of `npm run package` (package.json), into scratch folders.
      await step([path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', compiled]);
      await step([path.join(repoRoot, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '--config', 'rollup.config.js', '--silent'], {
        ...process.env,
        CHAOS_ACTION_DIST_DIR: out,
        CHAOS_ACTION_BUILD_DIR: compiled,
      });

      const built = filesUnder(out);
      const committed = filesUnder(path.join(repoRoot, 'dist'));
      expect(committed, 'dist/ has other files than the build: missing or left-over files').toEqual(built);
      const stale = built.filter((f) => !readFileSync(path.join(out, f)).equals(readFileSync(path.join(repoRoot, 'dist', f))));
      expect(
        stale.map((f) => `dist/${f}`),
        'stale files',
      ).toEqual([]);

      // The bin keeps its run bit: on disk after packaging, and in git (npm ci sets it on disk, so
      // a 644 in git shows as a change after every install and `npx chaos-action` fails after a build).
      expect(statSync(path.join(out, 'cli.js')).mode & 0o111, 'the packaged cli.js is executable').toBe(0o111);
      const { stdout: index } = await run('git', ['ls-files', '--stage', '--', 'dist/cli.js'], { cwd: repoRoot });
      expect(index.split(' ')[0], 'dist/cli.js is committed with mode 100755 (git add --chmod=+x dist/cli.js)').toBe('100755');
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(compiled, { recursive: true, force: true });
    }
  },
  TEST_LIMIT_MS,
);
