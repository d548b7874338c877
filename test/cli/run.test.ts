// `chaos-action run` on suites, through the bundled CLI, against real local targets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { oraclePython, repoRoot } from '../support/oracle.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
});
afterAll(() => target.close());

/** Runs the CLI without blocking this process (the target lives here). */
const cli = (args: string[], env: Record<string, string> = {}) => runCliAsync(args, { env });

const probe = { type: 'probe', name: 'healthy', tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 3 } };
const experiment = (title: string, method: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    title,
    description: 'd',
    configuration: { base: { type: 'env', key: 'TARGET', default: 'x' } },
    'steady-state-hypothesis': { title: 'h', probes: [probe] },
    method,
    ...extra,
  });

describe('chaos-action run', () => {
  it('runs every experiment even after one aborts, and writes a journal for each', async () => {
    // A python probe returning a mapping, judged by a regex without target: validation cannot see
    // it coming; Chaos Toolkit crashes without a journal; we abort that experiment and go on.
    const judged = {
      type: 'probe',
      name: 'inventory',
      tolerance: { type: 'regex', pattern: 'db' },
      provider: { type: 'python', module: 'chaosfixture', func: 'needs_name', arguments: { name: 'db' } },
    };
    const dir = writeCorpus([
      {
        name: 'a-aborts.json',
        content: JSON.stringify({
          title: 'aborts',
          description: 'd',
          'steady-state-hypothesis': { title: 'h', probes: [judged] },
          method: [],
          rollbacks: [{ type: 'action', name: 'revert', provider: { type: 'process', path: 'true' } }],
        }),
      },
      { name: 'b-passes.json', content: experiment('passes', [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }]) },
    ]);
    const out = path.join(dir, 'results');
    const r = await cli(['run', '--python', oraclePython, '--journal-dir', out, dir], { TARGET: target.url, PYTHONPATH: fixtures });
    expect(r.code).toBe(1);
    const aborted = JSON.parse(readFileSync(path.join(out, 'a-aborts.journal.json'), 'utf8')) as {
      status: string;
      rollbacks: unknown[];
      'chaos-action': { verdict: string; errors: { message: string }[] };
    };
    expect(aborted.status).toBe('aborted');
    expect(aborted.rollbacks).toHaveLength(1);
    expect(aborted['chaos-action'].verdict).toBe('failed');
    expect(aborted['chaos-action'].errors[0]?.message).toMatch(/regex tolerance needs a string/);
    const passed = JSON.parse(readFileSync(path.join(out, 'b-passes.journal.json'), 'utf8')) as { 'chaos-action': { verdict: string } };
    expect(passed['chaos-action'].verdict).toBe('passed');
  });

  it('judges each experiment, writes journals, results.json and report.md, and exits 1 on a failed gate', async () => {
    const dir = writeCorpus([
      {
        name: 'a-deviates.json',
        content: experiment('deviates', [{ type: 'action', name: 'break', provider: { type: 'http', url: '${base}/set/500' } }], {
          rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: '${base}/set/200' } }],
        }),
      },
      { name: 'b-passes.json', content: experiment('passes | <b>bold</b>', [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }]) },
    ]);
    const out = path.join(dir, 'results');
    const r = await cli(['run', '--journal-dir', out, dir], { TARGET: target.url });
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a-deviates.journal.json', 'b-passes.journal.json', 'report.html', 'report.md', 'results.json']);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      verdict: string;
      gate: string;
      experiments: { verdict: string; reasons: string[] }[];
    };
    expect(results.verdict).toBe('deviated');
    expect(results.gate).toBe('failed');
    expect(results.experiments.map((e) => e.verdict)).toEqual(['deviated', 'passed']);
    expect(results.experiments[0]?.reasons[0]).toBe('steady state not met after the method: probe "healthy" returned status 500 (ok); tolerance 200');
    const report = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('passes \\| \\<b\\>bold\\</b\\>');
    expect(report).toContain('❌ deviated');
    expect(r.stdout).toContain('gate failed: deviated');
    expect(target.status).toBe(200);
  });

  it('passes the gate when the verdicts that occurred are not in --fail-on', async () => {
    const dir = writeCorpus([
      {
        name: 'd.json',
        content: experiment('deviates', [{ type: 'action', name: 'break', provider: { type: 'http', url: '${base}/set/500' } }], {
          rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: '${base}/set/200' } }],
        }),
      },
    ]);
    const r = await cli(['run', '--journal-dir', path.join(dir, 'out'), '--fail-on', 'failed,interrupted', dir], { TARGET: target.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gate passed: deviated');
  });

  it('runs nothing when any experiment is invalid', async () => {
    const marker = path.join(writeCorpus([]), 'ran');
    const dir = writeCorpus([
      {
        name: 'a.json',
        content: experiment('would inject', [{ type: 'action', name: 'inject', provider: { type: 'process', path: 'touch', arguments: [marker] } }]),
      },
      { name: 'b.json', content: '{"title": "broken"}' },
    ]);
    const r = await cli(['run', '--journal-dir', path.join(dir, 'out'), dir], { TARGET: target.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing was run');
    expect(existsSync(marker)).toBe(false);
  });

  it('never writes a secret into the output, the journals or the reports', async () => {
    const secret = 'sup3r-s3cret-value';
    const dir = writeCorpus([
      {
        name: 's.json',
        content: JSON.stringify({
          title: 'uses a secret',
          description: 'd',
          configuration: { base: target.url },
          secrets: { api: { token: { type: 'env', key: 'API_TOKEN' } } },
          // The secret sits where a shortened description of the output would cut it in half.
          'steady-state-hypothesis': {
            title: 'h',
            probes: [
              {
                type: 'probe',
                name: 'echo-token',
                tolerance: { type: 'regex', pattern: 'nope', target: 'stdout' },
                provider: { type: 'process', path: 'echo', arguments: [`${'x'.repeat(64)} token=\${token}`] },
              },
            ],
          },
          method: [
            { type: 'action', name: 'call', provider: { type: 'http', url: '${base}/health?token=${token}', headers: { Authorization: 'Bearer ${token}' } } },
          ],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const r = await cli(['run', '--verbose', '--journal-dir', out, dir], { API_TOKEN: secret });
    expect(r.code).toBe(1);
    const everything = [r.stdout, r.stderr, ...readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8'))].join('\n');
    expect(everything).toContain('token=***');
    expect(everything).not.toContain(secret.slice(0, 6));
  });

  it("redacts the AWS secret key and session token of the run's environment, wherever output shows them", async () => {
    const dir = writeCorpus([
      {
        name: 'aws-env.json',
        content: JSON.stringify({
          title: 'prints its AWS environment',
          description: 'd',
          method: [
            {
              type: 'probe',
              name: 'env',
              provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo "$AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_SESSION_TOKEN"'] },
              // Marked: an unmarked process gets no AWS credentials at all.
              'chaos-action': { unguarded: 'prints its credentials, to check they are redacted' },
            },
          ],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const r = await cli(['run', '--verbose', '--journal-dir', out, dir], {
      AWS_ACCESS_KEY_ID: 'AKIAVISIBLEKEYID',
      AWS_SECRET_ACCESS_KEY: 'wJalr/secret+key',
      AWS_SESSION_TOKEN: 'FwoG-session-token',
    });
    expect(r.code).toBe(0);
    const everything = [r.stdout, r.stderr, ...readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8'))].join('\n');
    expect(everything).toContain('AKIAVISIBLEKEYID *** ***');
    expect(everything).not.toContain('wJalr');
    expect(everything).not.toContain('FwoG-session');
  });

  it("keeps the runner's tokens away from the processes an experiment starts", async () => {
    const out = path.join(writeCorpus([]), 'seen.txt');
    const dir = writeCorpus([
      {
        name: 'env.json',
        content: JSON.stringify({
          title: 'looks at its environment',
          description: 'd',
          method: [
            {
              type: 'action',
              name: 'dump',
              provider: {
                type: 'process',
                path: 'sh',
                arguments: ['-c', `echo "\${ACTIONS_RUNTIME_TOKEN:-none} \${GITHUB_TOKEN:-none} \${INPUT_ROLE:-none} \${KEEP_ME:-none}" > ${out}`],
              },
            },
          ],
        }),
      },
    ]);
    const r = await cli(['run', '--journal-dir', path.join(dir, 'out'), dir], {
      ACTIONS_RUNTIME_TOKEN: 'rt-secret',
      GITHUB_TOKEN: 'gh-secret',
      INPUT_ROLE: 'arn',
      KEEP_ME: 'kept',
    });
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim()).toBe('none none none kept');
  });

  it('--no-sampling sends no sample request, reports 0 of them, and every RTO cell says not measured (sampling off)', async () => {
    const dir = writeCorpus([
      {
        name: 'quiet.json',
        content: experiment('samples nothing', [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' }, pauses: { after: 0.5 } }]),
      },
    ]);
    const out = path.join(dir, 'out');
    const seen = target.hits.length;
    const r = await cli(['run', '--no-sampling', '--journal-dir', out, dir], { TARGET: target.url });
    expect(r.code).toBe(0);
    // Chaos Toolkit's own probe requests only: the check before and the check after.
    expect(target.hits.slice(seen).filter((h) => h === 'GET /health')).toHaveLength(2);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      experiments: { sampleRequests: number; rto: { state: string; why: string } }[];
    };
    expect(results.experiments[0]).toMatchObject({ sampleRequests: 0, rto: { state: 'not-measured', why: 'sampling off' } });
    const journal = JSON.parse(readFileSync(path.join(out, 'quiet.journal.json'), 'utf8')) as { 'chaos-action': { recovery: Record<string, unknown> } };
    expect(journal['chaos-action'].recovery).toMatchObject({ state: 'not-measured', why: 'sampling off', sampleRequests: 0 });
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('| not measured (sampling off) |');
    expect(r.stdout).toContain('RTO not measured (sampling off)');
  });

  it('counts the sample requests it sent in results.json', async () => {
    const dir = writeCorpus([
      {
        name: 'sampled.json',
        content: experiment('samples', [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' }, pauses: { after: 0.5 } }], {
          extensions: [{ name: 'chaos-action', sampling: { interval: '100ms' } }],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const seen = target.hits.length;
    const r = await cli(['run', '--journal-dir', out, dir], { TARGET: target.url });
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { experiments: { sampleRequests: number; rto: { state: string } }[] };
    const sent = results.experiments[0]?.sampleRequests as number;
    expect(sent).toBeGreaterThan(0);
    // Every request the server saw beyond the checks before and after was a sample's.
    expect(target.hits.slice(seen).filter((h) => h === 'GET /health')).toHaveLength(2 + sent);
    expect(results.experiments[0]?.rto.state).toBe('no-impact');
  });
});
