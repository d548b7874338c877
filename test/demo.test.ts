// `npm run demo` must work from a clean checkout: both outcomes as expected, exit 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

it('the demo catches the fragile service and passes the resilient one, each with an RTO that agrees', async () => {
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
  // The RTO line agrees with the verdict: the fragile service never came back (and was never
  // "no impact"); the resilient one was not affected.
  const [fragile = '', resilient = ''] = out.split('=== The rates service in resilient mode');
  expect(fragile).toMatch(/RTO not recovered \(still failing at [\d.]+ s\)/);
  expect(fragile).not.toContain('no impact');
  expect(resilient).toContain('RTO no impact');
  expect(code).toBe(0);
});
