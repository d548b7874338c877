// The campaign's malformed experiments: generated files (mutated text and structure, binary bytes,
// deep nesting, huge values, alias and merge-key bombs), validated by the bundled CLI in batches.
// Every batch must end (no hang), never exit 3 (a crash), and every error must be positioned.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { mutateText, mutateValue } from '../support/mutate.js';
import { repoRoot } from '../support/oracle.js';
import { pick, prng } from '../support/prng.js';
import { scale } from './scale.js';

const COUNT = scale(520, 60);
const BATCH = 20;
const dir = mkdtempSync(path.join(tmpdir(), 'chaos-campaign-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seeds = ['exchange-file.yaml', 'exchange-file.json', 'aws/rds-multi-az-failover.yaml', 'aws/lambda-throttle.json'].map((f) => ({
  name: f,
  text: readFileSync(path.join(repoRoot, 'experiments', f), 'utf8'),
}));

/** Hostile shapes the mutations rarely reach by chance. */
const HOSTILE: ((random: () => number) => { ext: string; content: string | Buffer })[] = [
  () => ({ ext: 'json', content: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
  () => ({ ext: 'yaml', content: `${Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n` }),
  () => ({
    ext: 'yaml',
    content: `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
      { length: 12 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
    ).join('\n')}\n`,
  }),
  () => ({
    ext: 'yaml',
    content: `base: &b {x: 1}\n${Array.from({ length: 60 }, (_, i) => `m${i}: &m${i}\n  <<: [${Array.from({ length: Math.min(i, 20) + 1 }, (_, j) => (j === 0 ? '*b' : `*m${i - j}`)).join(', ')}]`).join('\n')}\n`,
  }),
  (random) => ({ ext: pick(random, ['json', 'yaml']), content: Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))) }),
  () => ({ ext: 'json', content: JSON.stringify({ title: 'x'.repeat(2_000_000), description: 'd', method: [] }) }),
  () => ({
    ext: 'json',
    content: JSON.stringify({
      title: 't',
      description: 'd',
      method: [
        { type: 'probe', name: 'p', provider: { type: 'http', url: 'http://127.0.0.1:9' }, tolerance: { type: 'jsonpath', path: `$${'.a'.repeat(20_000)}` } },
      ],
    }),
  }),
  () => ({
    ext: 'json',
    content: JSON.stringify({
      title: 't',
      description: 'd',
      method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' }, pauses: { after: 'INF' } }],
    }).replace('"INF"', '1e999'),
  }),
  () => ({ ext: 'yaml', content: '\uFEFF\u0000title: t\n' }),
];

function generate(): string[] {
  const random = prng(20261207);
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const r = random();
    let ext: string;
    let content: string | Buffer;
    if (i % 10 === 9) ({ ext, content } = (HOSTILE[((i / 10) % HOSTILE.length) | 0] as (typeof HOSTILE)[number])(random));
    else if (r < 0.5) {
      const seed = pick(random, seeds);
      ext = seed.name.endsWith('.json') ? 'json' : 'yaml';
      content = mutateText(seed.text, random);
    } else {
      const seed = pick(
        random,
        seeds.filter((s) => s.name.endsWith('.json')),
      );
      ext = 'json';
      content = JSON.stringify(mutateValue(JSON.parse(seed.text), random), null, 1);
    }
    const file = path.join(dir, `batch-${Math.floor(i / BATCH)}`, `case-${String(i).padStart(4, '0')}.${ext}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    files.push(file);
  }
  return files;
}

interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly message: string;
}

it(`${COUNT} malformed experiments: no crash, no hang, every problem positioned`, { timeout: 30 * 60_000 }, async () => {
  const files = generate();
  const batches = [...new Set(files.map((f) => path.dirname(f)))];
  let errors = 0;
  for (const batch of batches) {
    const r = await runCliAsync(['validate', '--format', 'json', batch], { env: { CHAOS_ACTION_PYTHON: 'python3' } });
    expect([r.code, r.stderr.slice(0, 2000)], batch).toEqual([expect.toBeOneOf([0, 2]), expect.anything()]);
    const report = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
    for (const d of report.diagnostics) {
      expect(d.line, `${d.file}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.column, `${d.file}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(0);
      if (d.severity === 'error') errors++;
    }
  }
  expect(errors).toBeGreaterThan(COUNT / 2);
});
