// dist/ is committed (consumers run it straight from the tag): it must be what `npm run package`
// builds from the sources as they are.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

it('dist/ is up to date with the sources (run `npm run package` and commit dist/ if this fails)', () => {
  // Inside the repository, so that the bundler resolves packages from its node_modules.
  const scratch = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(scratch, { recursive: true });
  const out = mkdtempSync(path.join(scratch, 'chaos-dist-'));
  const compiled = mkdtempSync(path.join(scratch, 'chaos-build-'));
  try {
    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', compiled], { cwd: repoRoot, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '--config', 'rollup.config.js', '--silent'], {
      cwd: repoRoot,
      env: { ...process.env, CHAOS_ACTION_DIST_DIR: out, CHAOS_ACTION_BUILD_DIR: compiled },
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const list = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort();
    const built = list(out);
    const committed = list(path.join(repoRoot, 'dist'));
    expect(committed).toEqual(built);
    for (const f of built) {
      const same = readFileSync(path.join(out, f), 'utf8') === readFileSync(path.join(repoRoot, 'dist', f), 'utf8');
      expect(same, `dist/${f} is stale`).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(compiled, { recursive: true, force: true });
  }
});
