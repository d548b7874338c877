// `npm run demo` must work from a clean checkout: both outcomes as expected, exit 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

it('the demo catches the fragile service and passes the resilient one', async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'demo.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(out).toContain('✔ fragile: exit 1, verdict deviated');
  expect(out).toContain('✔ resilient: exit 0, verdict passed');
  expect(out).toContain('probe "rates-endpoint-answers" failed: failed to connect');
  expect(code).toBe(0);
});
