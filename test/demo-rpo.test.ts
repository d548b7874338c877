// `npm run demo:rpo` must work from a clean checkout: the asynchronous failover loses the writes
// since the replication cut, the synchronous one loses nothing, and both clusters are cleaned up.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

it('the RPO demo shows data loss with asynchronous replication and none with synchronous', async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'demo-rpo.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(out).toMatch(/observed RPO \/ objective\s+[\d.]+ s \/ 0 s\s+0 s \/ 0 s/);
  expect(out).toMatch(/verdict\s+missed-objective\s+passed/);
  expect(out).toContain('✔ asynchronous replication loses the writes since the cut (RPO > 0); synchronous loses none (RPO 0)');
  expect(code).toBe(0);
}, 120_000);
