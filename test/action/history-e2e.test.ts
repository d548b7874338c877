// Three nightly runs of the bundled action (dist/main.js) on main, each against a local service
// whose scripted outage grows: every run uploads its journals artifact to the fake artifact
// service, the fake REST API lists the earlier runs and serves those artifacts, and the action
// (input `history`) reads them back through @actions/artifact. The third night's RTO is worse than
// the second's beyond the threshold: the report shows the trend, flags the regression, and the gate
// fails because fail-on lists `regressed`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type FakeArtifactService, startFakeArtifactService } from '../support/fake-artifact-service.js';
import { type FakeGitHubApi, type SeededRun, startFakeGitHubApi } from '../support/fake-github-api.js';
import { type OutageServer, startOutageServer } from '../support/outage-server.js';
import { repoRoot } from '../support/oracle.js';
import {
  fileCommandEnv,
  mainScript,
  newRunnerJob,
  newStepFiles,
  parseFileCommands,
  readText,
  runnerEnv,
  runStep,
  waitFor,
  writeEvent,
} from '../support/runner-env.js';

const TOKEN = 'ghs_fakeInstallationToken0123456789abcdef';
const WORKFLOW_ID = 55;

let github: FakeGitHubApi;
let target: OutageServer;
const roots: string[] = [];

beforeAll(async () => {
  await waitFor(() => existsSync(mainScript), 'dist/main.js (run `npm run package`)', 50_000);
  [github, target] = await Promise.all([startFakeGitHubApi(), startOutageServer()]);
});
afterAll(async () => {
  await Promise.all([github?.close(), target?.close()]);
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function actionDefaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(manifest.inputs).map(([k, v]) => [k, v.default === '${{ github.token }}' ? TOKEN : (v.default ?? '')]));
}

const outage = (ms: number) => ({
  title: 'Orders recover from an outage',
  description: 'd',
  configuration: { base: 'http://127.0.0.1:9' },
  'steady-state-hypothesis': {
    title: 'h',
    probes: [{ type: 'probe', name: 'healthy', tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 3 } }],
  },
  method: [{ type: 'action', name: 'outage', provider: { type: 'http', url: `\${base}/outage/${ms}` }, pauses: { after: ms / 1000 + 1 } }],
  extensions: [{ name: 'chaos-action', sampling: { interval: '100ms' }, objectives: { rto: '30s' } }],
});

interface Night {
  readonly code: number | null;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly results: {
    gate: string;
    experiments: { verdict: string; reasons: string[] }[];
    history?: { runs: { runId?: number }[]; notes: string[] };
  };
  readonly log: string;
}

/** One nightly run: the workflow run `runId` on main, its artifact kept for the nights after it. */
async function night(runId: number, day: number, outageMs: number): Promise<Night> {
  const own: { id: number; name: string; zip: Buffer }[] = [];
  const run: SeededRun = {
    id: runId,
    workflowId: WORKFLOW_ID,
    branch: 'main',
    headSha: `sha${day}`.padEnd(40, '0'),
    createdAt: `2026-12-0${day}T02:00:00Z`,
    artifacts: own,
  };
  github.seedRun(run);
  const job = newRunnerJob('chaos-history-e2e-');
  roots.push(job.root);
  mkdirSync(path.join(job.workspace, 'experiments'));
  writeFileSync(path.join(job.workspace, 'experiments', 'orders.json'), JSON.stringify(outage(outageMs)));
  writeEvent(job, { kind: 'push' });
  const inputs = {
    ...actionDefaults(),
    vars: `base=${target.url}`,
    history: '5',
    'regression-threshold': '1s',
    'fail-on': 'regressed,failed,deviated,not-ready,interrupted,invalid',
  };
  const files = newStepFiles(job, 'main');
  // Each workflow run has its own artifact namespace (and service backend ids).
  const artifacts: FakeArtifactService = await startFakeArtifactService();
  const env = {
    ...runnerEnv(job, {
      eventName: 'schedule',
      apiUrl: github.url,
      inputs,
      extra: { ...artifacts.env, GITHUB_RUN_ID: String(runId), GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' },
    }),
    ...fileCommandEnv(files),
  };
  const step = await runStep(mainScript, env, job.workspace, 120_000).finally(() => artifacts.close());
  const uploaded = artifacts.artifacts;
  expect(uploaded, step.stdout + step.stderr).toHaveLength(1);
  // Artifact ids are unique across a repository's runs.
  for (const a of uploaded) own.push({ id: runId * 10 + a.id, name: a.name, zip: a.blob });
  return {
    code: step.code,
    outputs: parseFileCommands(readText(files.output)),
    summary: readText(files.summary),
    // As the artifact carries it (what the next nights read back).
    results: JSON.parse(uploaded[0]?.contents.get('results.json')?.toString('utf8') ?? '{}'),
    log: step.stdout + step.stderr,
  };
}

describe('nightly history through the bundled action', () => {
  it('gives a trend over three nights, flags the regression, and fails the gate on regressed', async () => {
    const first = await night(8001, 1, 200);
    expect(first.code, first.log).toBe(0);
    expect(first.results.history?.runs).toEqual([]);
    expect(first.summary).toContain('No earlier run to compare with.');

    const second = await night(8002, 2, 300);
    expect(second.code, second.log).toBe(0);
    expect(second.outputs).toMatchObject({ gate: 'passed', result: 'passed' });
    expect(second.results.history?.runs.map((r) => r.runId)).toEqual([8001]);

    const third = await night(8003, 3, 2800);
    expect(third.outputs).toMatchObject({ gate: 'failed', result: 'regressed', regressed: '1' });
    expect(third.code).toBe(1);
    expect(third.results.history?.runs.map((r) => r.runId)).toEqual([8001, 8002]);
    expect(third.results.history?.notes).toEqual([]);
    expect(third.results.experiments[0]?.reasons.some((r) => /^regressed: RTO .* worse than the previous run .*threshold 1 s\)$/.test(r))).toBe(true);
    // The summary: the change in the RTO cell, the trend of the three nights, the chart, the flag.
    expect(third.summary).toMatch(/\(▲ [\d.]+ s since the last run\)/);
    expect(third.summary).toMatch(/RTO `[▁▂▃▄▅▆▇█]{2}█` [\d.]+ s → [\d.]+ s → [\d.]+ s/);
    // (Each run's record is dated when it ran: here, all three today.)
    expect(third.summary).toMatch(/```mermaid\nxychart-beta\n.*\n {2}x-axis \["\d\d-\d\d", "\d\d-\d\d", "this run"\]/);
    expect(third.summary).toContain('📉 regressed');
    // Only this repository's runs API and artifact downloads were asked, with the token.
    const history = github.requests.filter((r) => r.endpoint === 'workflow-runs' || r.endpoint === 'run-artifacts' || r.endpoint === 'artifact-zip');
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('says so and goes on when the token cannot read Actions', async () => {
    github.fail('run', 403);
    try {
      const denied = await night(8004, 4, 0);
      expect(denied.code, denied.log).toBe(0);
      expect(denied.outputs.gate).toBe('passed');
      expect(denied.results.history?.notes[0]).toContain('HTTP 403: the token needs `actions: read` on this repository');
      expect(denied.summary).toContain('⚠️ history not read');
    } finally {
      github.clearFailures();
    }
  });
});
