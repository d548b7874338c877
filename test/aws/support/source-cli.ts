// Runs the CLI from its TypeScript sources (not dist/), on Node 24, for the tests that watch which
// modules a command loads (scripts/ts-source-hook.mjs logs them).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { type CliResult, collect } from '../../support/cli.js';
import { repoRoot } from '../../support/oracle.js';

const hooks = path.join(repoRoot, 'scripts', 'ts-source-hook.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'index.ts');

export function runSourceCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', hooks, entry, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}
