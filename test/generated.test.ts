// The schema validator is compiled ahead of time (scripts/generate-schema-validator.mjs): it must
// be what the published schema compiles to now.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/oracle.js';

it('src/experiment/generated/experiment-schema.ts matches schema/experiment.schema.json (run `npm run package` if this fails)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-schema-'));
  try {
    const out = path.join(dir, 'experiment-schema.ts');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'generate-schema-validator.mjs'), out], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const committed = readFileSync(path.join(repoRoot, 'src', 'experiment', 'generated', 'experiment-schema.ts'), 'utf8');
    expect(readFileSync(out, 'utf8') === committed).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
