// The CLI a user-facing test runs: the bundled dist/cli.js, or (CHAOS_TEST_CLI=source) the
// TypeScript sources, for running such a test before dist/ is rebuilt.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { type CliResult, collect, spawnCli } from './cli.js';
import { repoRoot } from './oracle.js';

const fromSource = process.env.CHAOS_TEST_CLI === 'source';

export function spawnCliUnderTest(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  if (!fromSource) return spawnCli(args, options);
  const hooks = path.join(repoRoot, 'scripts', 'ts-source-hook.mjs');
  const entry = path.join(repoRoot, 'src', 'cli', 'index.ts');
  return spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', hooks, entry, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCliUnderTest(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return collect(spawnCliUnderTest(args, options));
}
