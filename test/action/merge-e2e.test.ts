// End-to-end: a 3-leg matrix (two environments, one of them in two shards) of the bundled action
// (dist/main.js), each leg its own job with `comment: never`, then the merge action's step
// (dist/merge.js) in a job of its own — against the local fakes of the artifact service (legs
// upload; the merge lists and downloads them with @actions/artifact) and the REST API (comments).
// One merged sticky comment, one summary, one gate; a leg's artifact missing fails the gate and
// says which shard.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type FakeArtifactService, startFakeArtifactService } from '../support/fake-artifact-service.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../support/fake-github-api.js';
import { repoRoot } from '../support/oracle.js';
import {
  fileCommandEnv,
  HEAD_SHA,
  mainScript,
  mergeScript,
  newRunnerJob,
  newStepFiles,
  parseFileCommands,
  readText,
  type RunnerJob,
  runnerEnv,
  runStep,
  waitFor,
  workflowCommands,
  writeEvent,
} from '../support/runner-env.js';

const GITHUB_TOKEN = 'ghs_fakeInstallationToken0123456789abcdef';
const PR = 42;
const PR_TARGET = { owner: 'octo', repo: 'shop', issue: PR };
const MERGE_MARKER = '<!-- chaos-action:sticky workflow="Chaos gate" job="merge" key="default" -->';

/** The inputs a runner passes for a step of `manifest` with no `with:`: its defaults. */
function defaults(manifest: string): Record<string, string> {
  const { inputs } = parseYaml(readFileSync(path.join(repoRoot, manifest), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.default === '${{ github.token }}' ? GITHUB_TOKEN : (v.default ?? '')]));
}

beforeAll(() => waitFor(() => existsSync(mainScript) && existsSync(mergeScript), 'dist/main.js and dist/merge.js (run `npm run package`)', 50_000));

let github: FakeGitHubApi;
let artifacts: FakeArtifactService;
let roots: string[] = [];
beforeEach(async () => {
  [github, artifacts] = await Promise.all([startFakeGitHubApi(), startFakeArtifactService()]);
});
afterEach(async () => {
  await Promise.all([github.close(), artifacts.close()]);
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  roots = [];
});

/** Three quick experiments tagged nightly, and one the tags leave out. */
const EXPERIMENTS: Record<string, unknown> = Object.fromEntries(
  [...['a', 'b', 'c'].map((n) => [`${n}.json`, ['nightly']] as const), ['pr-only.json', ['pr']] as const].map(([file, tags]) => [
    file,
    {
      title: `Experiment ${file}`,
      description: 'a process action that succeeds',
      tags,
      method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
    },
  ]),
);

interface StepOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly errors: string[];
}

/** One job of the workflow run: its own runner folder, the PR event, the fake services. */
function job(name: string, inputs: Record<string, string>): { job: RunnerJob; env: Record<string, string> } {
  const j = newRunnerJob();
  roots.push(j.root);
  mkdirSync(path.join(j.workspace, 'experiments'));
  for (const [file, doc] of Object.entries(EXPERIMENTS)) writeFileSync(path.join(j.workspace, 'experiments', file), JSON.stringify(doc));
  const home = path.join(j.root, 'home');
  mkdirSync(home);
  const eventName = writeEvent(j, { kind: 'pull_request', number: PR });
  const extra = {
    HOME: home,
    GITHUB_JOB: name,
    ACTIONS_RUNTIME_TOKEN: artifacts.env.ACTIONS_RUNTIME_TOKEN as string,
    ACTIONS_RESULTS_URL: artifacts.env.ACTIONS_RESULTS_URL as string,
  };
  return { job: j, env: runnerEnv(j, { eventName, apiUrl: github.url, inputs, extra }) };
}

async function step(script: string, s: { job: RunnerJob; env: Record<string, string> }): Promise<StepOutcome> {
  const files = newStepFiles(s.job, 'step');
  const r = await runStep(script, { ...s.env, ...fileCommandEnv(files) }, s.job.workspace, 90_000);
  return {
    ...r,
    outputs: parseFileCommands(readText(files.output)),
    summary: readText(files.summary),
    errors: workflowCommands(r.stdout)
      .filter((c) => c.command === 'error')
      .map((c) => c.message),
  };
}

/** The matrix: staging in two shards, perf whole; every leg `comment: never` (the merge comments). */
const LEGS: readonly Record<string, string>[] = [
  { 'comment-key': 'staging', shard: '1/2' },
  { 'comment-key': 'staging', shard: '2/2' },
  { 'comment-key': 'perf' },
];

async function runLegs(): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const leg of LEGS) outcomes.push(await step(mainScript, job('chaos', { ...defaults('action.yml'), tags: 'nightly', comment: 'never', ...leg })));
  return outcomes;
}

describe('a 3-leg matrix merged by the merge action', () => {
  it('gives one merged sticky comment, one summary, the gate output and the merged artifact', async () => {
    const legs = await runLegs();
    for (const l of legs) {
      expect(l.code, l.stdout + l.stderr).toBe(0);
      expect(l.outputs.gate).toBe('passed');
    }
    // Each leg's artifact is named for its comment-key and shard: no 409 between legs.
    expect(artifacts.artifacts.map((a) => a.name)).toEqual([
      'chaos-journals-chaos-staging-shard-1-of-2-attempt-1',
      'chaos-journals-chaos-staging-shard-2-of-2-attempt-1',
      'chaos-journals-chaos-perf-attempt-1',
    ]);
    expect(legs[0]?.summary).toContain('shard 1/2 of 3 selected');
    expect(github.comments(PR_TARGET)).toEqual([]);

    const merge = await step(mergeScript, job('merge', defaults('merge/action.yml')));
    expect(merge.code, merge.stdout + merge.stderr).toBe(0);
    expect(merge.errors).toEqual([]);
    expect(merge.outputs).toMatchObject({ gate: 'passed', result: 'passed', passed: '6', interrupted: '0' });

    // One sticky comment, by the merge job, with both environments as sections of one table.
    expect(github.requestsTo('create')).toHaveLength(1);
    const comments = github.comments(PR_TARGET);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.startsWith(`${MERGE_MARKER}\n`)).toBe(true);
    expect(body).toContain('## Chaos experiments: ✅ passed — gate passed');
    expect(body.match(/\| Experiment +\| Verdict/g)).toHaveLength(1);
    expect(body.indexOf('**perf**')).toBeGreaterThan(0);
    expect(body.indexOf('**staging**')).toBeGreaterThan(body.indexOf('**perf**'));
    expect(body).toContain('merged 3 legs: perf all; staging 1/2, 2/2');
    expect(body).toContain(`commit [\`${HEAD_SHA.slice(0, 7)}\`]`);
    expect(body).not.toContain('pr-only.json');

    // One job summary, the same table.
    expect(merge.summary.match(/## Chaos experiments/g)).toHaveLength(1);
    expect(merge.summary).toContain('**staging**');

    // The merged artifact: results.json, report.md and every leg's journals in a folder of its own.
    const merged = artifacts.artifacts.at(-1);
    expect(merged?.name).toBe('chaos-report-merge-attempt-1');
    expect(String(merged?.id)).toBe(merge.outputs['artifact-id']);
    expect(merged?.files).toEqual([
      'perf/a.journal.json',
      'perf/b.journal.json',
      'perf/c.journal.json',
      'report.html',
      'report.md',
      'results.json',
      'staging-shard-1-of-2/a.journal.json',
      'staging-shard-1-of-2/c.journal.json',
      'staging-shard-2-of-2/b.journal.json',
    ]);
    const results = JSON.parse(merged?.contents.get('results.json')?.toString('utf8') ?? '{}') as {
      gate: string;
      experiments: { file: string; environment: string }[];
      merged: { problems: string[] };
    };
    expect(results.gate).toBe('passed');
    expect(results.merged.problems).toEqual([]);
    expect(results.experiments.map((e) => `${e.environment}:${path.basename(e.file)}`)).toEqual([
      'perf:a.json',
      'perf:b.json',
      'perf:c.json',
      'staging:a.json',
      'staging:b.json',
      'staging:c.json',
    ]);
  });

  it("a leg's artifact missing: the merged gate fails and says which shard", async () => {
    for (const l of await runLegs()) expect(l.code).toBe(0);
    artifacts.deleteArtifact('chaos-journals-chaos-staging-shard-2-of-2-attempt-1');

    const merge = await step(mergeScript, job('merge', defaults('merge/action.yml')));
    expect(merge.code).toBe(1);
    expect(merge.outputs).toMatchObject({ gate: 'failed', result: 'interrupted', interrupted: '1', passed: '5' });
    expect(merge.errors.join('\n')).toContain('chaos gate failed: shard 2/2 of staging is missing: its experiments were not tested');
    const comments = github.comments(PR_TARGET);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('— gate failed');
    expect(comments[0]?.body).toContain('- shard 2/2 of staging is missing');
    expect(merge.summary).toContain('shard 2/2 of staging: no results');
  });

  it('every leg of an environment missing: only `expect` can tell, and then the merged gate fails and says which', async () => {
    for (const l of await runLegs()) expect(l.code).toBe(0);
    artifacts.deleteArtifact('chaos-journals-chaos-perf-attempt-1');

    // Without `expect`, nothing left says perf was ever part of the matrix.
    const unaware = await step(mergeScript, job('merge', defaults('merge/action.yml')));
    expect(unaware.outputs).toMatchObject({ gate: 'passed', passed: '3' });

    const merge = await step(mergeScript, job('merge', { ...defaults('merge/action.yml'), expect: 'staging, perf' }));
    expect(merge.code).toBe(1);
    expect(merge.outputs).toMatchObject({ gate: 'failed', result: 'interrupted', interrupted: '1', passed: '3' });
    expect(merge.errors.join('\n')).toContain('chaos gate failed: environment perf has no results: none of its experiments were tested');
    expect(merge.summary).toContain('environment perf: no results');
    expect(github.comments(PR_TARGET).at(-1)?.body).toContain('— gate failed');
  });

  it('refuses an `expect` input that is not a list of comment keys', async () => {
    const merge = await step(mergeScript, job('merge', { ...defaults('merge/action.yml'), expect: 'staging,\u0007bell' }));
    expect(merge.code).toBe(1);
    expect(merge.errors.join('\n')).toContain('input "expect": an environment is a comment-key value');
  });
});
