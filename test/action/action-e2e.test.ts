// End-to-end: the bundled action (dist/main.js, dist/post.js) run as a GitHub runner runs a node24
// action — one node process per step, a clean environment, file commands, STATE_* for the post
// step — against local fakes on 127.0.0.1: the REST API (sticky comment), the artifact service,
// the OIDC token endpoint and STS, and an HTTP target the experiments break and heal.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { launch, motoEc2, states } from '../aws/support/ec2-seed.js';
import { type FakeArtifactService, startFakeArtifactService } from '../support/fake-artifact-service.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../support/fake-github-api.js';
import { type FakeOidcServer, type FakeStsServer, startFakeOidc, startFakeSts } from '../support/fake-oidc.js';
import { startMoto } from '../support/moto.js';
import { repoRoot } from '../support/oracle.js';
import {
  type EventKind,
  fileCommandEnv,
  HEAD_SHA,
  MERGE_SHA,
  mainScript,
  newRunnerJob,
  newStepFiles,
  parseFileCommands,
  postScript,
  readText,
  type RunnerJob,
  runnerEnv,
  runStep,
  startStep,
  stateEnv,
  type StepFiles,
  type StepResult,
  waitFor,
  workflowCommands,
  writeEvent,
} from '../support/runner-env.js';
import { CONTROL_CHARACTERS, runnerCommands } from '../support/runner-commands.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';
import { validateXml, xpath } from '../support/xmllint.js';

const ROLE = 'arn:aws:iam::111122223333:role/chaos';
const GITHUB_TOKEN = 'ghs_fakeInstallationToken0123456789abcdef';
const PR = 42;
const MARKER = '<!-- chaos-action:sticky workflow="Chaos gate" job="chaos" key="default" -->';
const PR_TARGET = { owner: 'octo', repo: 'shop', issue: PR };

/** The inputs a runner passes for a step with no `with:`: every default of action.yml. */
function actionDefaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs)) {
    // `${{ github.token }}` is the only expression among the defaults.
    inputs[name] = input.default === '${{ github.token }}' ? GITHUB_TOKEN : (input.default ?? '');
  }
  return inputs;
}

// ---------------------------------------------------------------------------------------------
// The fakes, fresh for every test

// dist/ is what a runner executes; a concurrent `npm run package` removes it for a few seconds.
beforeAll(() => waitFor(() => existsSync(mainScript) && existsSync(postScript), 'dist/main.js and dist/post.js (run `npm run package`)', 50_000));

let github: FakeGitHubApi;
let artifacts: FakeArtifactService;
let oidc: FakeOidcServer;
let sts: FakeStsServer;
let target: ToggleServer;
/** The runner folders of the test, removed after it. */
let jobRoots: string[] = [];

beforeEach(async () => {
  [github, artifacts, oidc, sts, target] = await Promise.all([
    startFakeGitHubApi(),
    startFakeArtifactService(),
    startFakeOidc({ expectedAudience: 'sts.amazonaws.com' }),
    startFakeSts(),
    startToggleServer(200),
  ]);
});

afterEach(async () => {
  await Promise.all([github.close(), artifacts.close(), oidc.close(), sts.close(), target.close()]);
  for (const root of jobRoots) rmSync(root, { recursive: true, force: true });
  jobRoots = [];
});

// ---------------------------------------------------------------------------------------------
// Experiments and steps

type Json = Record<string, unknown>;

/** The toggle server's /health as the steady state, its URL from the `vars` input (base=<url>). */
const healthy = (name = 'shop-answers'): Json => ({
  title: 'The shop answers',
  probes: [{ type: 'probe', name, tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 3 } }],
});
const declaredBase = { base: 'http://127.0.0.1:9' }; // overridden by the vars input

/**
 * A fault that only its rollback heals never recovers by itself: recovery is sampled (before the
 * rollbacks) until the sampling window ends, 60 s by default. Deviating experiments shorten it.
 */
const shortRecoveryWindow = { extensions: [{ name: 'chaos-action', sampling: { window: '1s' } }] };

const processAction = (name: string, script: string, ...args: string[]): Json => ({
  type: 'action',
  name,
  provider: { type: 'process', path: 'sh', arguments: ['-c', script, 'sh', ...args] },
});
const httpAction = (name: string, url: string): Json => ({ type: 'action', name, provider: { type: 'http', url, timeout: 3 } });

interface Setup {
  readonly job: RunnerJob;
  /** The step's environment but for the file-command files, which each step gets fresh. */
  readonly env: Record<string, string>;
}

interface SetupOptions {
  readonly event?: EventKind;
  /** Experiment files by name, objects written as JSON, strings as they are. */
  readonly files: Record<string, Json | string>;
  readonly inputs?: Record<string, string>;
  /** Assume the role through the fake OIDC and STS (the default). */
  readonly aws?: boolean;
  /** Give the step the OIDC request variables (`permissions: id-token: write`); default: when aws. */
  readonly idToken?: boolean;
  readonly extraEnv?: Record<string, string>;
}

function setup(options: SetupOptions): Setup {
  const job = newRunnerJob();
  jobRoots.push(job.root);
  const experiments = path.join(job.workspace, 'experiments');
  mkdirSync(experiments);
  for (const [name, content] of Object.entries(options.files)) {
    writeFileSync(path.join(experiments, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  }
  const home = path.join(job.root, 'home');
  mkdirSync(home);
  const eventName = writeEvent(job, options.event ?? { kind: 'pull_request', number: PR });
  const aws = options.aws ?? true;
  const inputs = { ...actionDefaults(), vars: `base=${target.url}`, ...(aws ? { 'role-to-assume': ROLE, 'aws-region': 'eu-west-1' } : {}), ...options.inputs };
  const extra: Record<string, string> = {
    HOME: home,
    ACTIONS_RUNTIME_TOKEN: artifacts.env.ACTIONS_RUNTIME_TOKEN as string,
    ACTIONS_RESULTS_URL: artifacts.env.ACTIONS_RESULTS_URL as string,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...((options.idToken ?? aws) ? oidc.env() : {}),
    ...options.extraEnv,
  };
  return { job, env: runnerEnv(job, { eventName, apiUrl: github.url, inputs, extra }) };
}

interface Step extends StepResult {
  readonly files: StepFiles;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string;
  readonly errors: string[];
  readonly warnings: string[];
}

/** What a step left: its log, its file commands parsed, its error and warning commands. */
function collect(files: StepFiles, r: StepResult): Step {
  const commands = workflowCommands(r.stdout);
  return {
    ...r,
    files,
    outputs: parseFileCommands(readText(files.output)),
    state: parseFileCommands(readText(files.state)),
    summary: readText(files.summary),
    errors: commands.filter((c) => c.command === 'error').map((c) => c.message),
    warnings: commands.filter((c) => c.command === 'warning').map((c) => c.message),
  };
}

/** The main step; `env` overrides the setup's (e.g. the run attempt of a re-run). */
async function runMain(s: Setup, env: Record<string, string> = {}): Promise<Step> {
  const files = newStepFiles(s.job, 'main');
  return collect(files, await runStep(mainScript, { ...s.env, ...env, ...fileCommandEnv(files) }, s.job.workspace));
}

/** The post step: the same inputs and runner variables, plus the main step's state as STATE_*. */
async function runPost(s: Setup, main: Pick<Step, 'files'>): Promise<Step> {
  const files = newStepFiles(s.job, 'post');
  return collect(files, await runStep(postScript, { ...s.env, ...stateEnv(main.files.state), ...fileCommandEnv(files) }, s.job.workspace));
}

/** Registering a value with the runner's masker (::add-mask::) is the one place a secret may appear in a log. */
const withoutMasks = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

const journalDir = (s: Setup): string => path.join(s.job.workspace, 'chaos-results');
const readJson = <T = Json>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

// ---------------------------------------------------------------------------------------------

describe('the main step on a same-repository pull request', () => {
  it('passes: outputs, journals artifact, summary table, one sticky comment; STS got the OIDC token; the experiment got AWS credentials (a marked unguarded activity only) but no runner token', async () => {
    const s = setup({
      files: {
        'passing.json': {
          title: 'The shop keeps answering while its cache is flushed',
          description: 'a harmless method; the process records the environment it was given',
          configuration: declaredBase,
          'steady-state-hypothesis': healthy(),
          method: [
            {
              type: 'action',
              name: 'record-environment-unmarked',
              provider: {
                type: 'process',
                path: process.execPath,
                arguments: ['-e', 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.env))', 'child-env-unmarked.json'],
              },
            },
            {
              type: 'action',
              name: 'record-environment',
              provider: {
                type: 'process',
                path: process.execPath,
                arguments: ['-e', 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.env))', 'child-env.json'],
              },
              'chaos-action': { unguarded: 'records the credentials it was given' },
            },
          ],
        },
      },
    });
    const r = await runMain(s);

    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({ result: 'passed', gate: 'passed', passed: '1', deviated: '0', failed: '0', invalid: '0' });
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/);
    expect(r.outputs['artifact-url']).toBe(`https://github.com/octo/shop/actions/runs/777001/artifacts/${r.outputs['artifact-id']}`);
    expect(r.outputs['report-path']).toBe(path.join(journalDir(s), 'report.md'));
    expect(r.outputs['html-report-path']).toBe(path.join(journalDir(s), 'report.html'));
    expect(r.outputs['journal-dir']).toBe(journalDir(s));

    // The journals artifact: the journal, report.md, report.html and results.json, as written on disk.
    expect(artifacts.artifacts).toHaveLength(1);
    const artifact = artifacts.artifacts[0]!;
    expect(String(artifact.id)).toBe(r.outputs['artifact-id']);
    expect(artifact.name).toBe('chaos-journals-chaos-attempt-1');
    expect(artifact.files).toEqual(['passing.journal.json', 'report.html', 'report.md', 'results.json']);
    expect(artifact.contents.get('report.html')!.toString('utf8')).toBe(readText(path.join(journalDir(s), 'report.html')));
    const journal = JSON.parse(artifact.contents.get('passing.journal.json')!.toString('utf8')) as { status: string; 'chaos-action': { verdict: string } };
    expect(journal.status).toBe('completed');
    expect(journal['chaos-action'].verdict).toBe('passed');
    expect(JSON.parse(artifact.contents.get('results.json')!.toString('utf8'))).toMatchObject({ verdict: 'passed', gate: 'passed' });
    expect(artifact.contents.get('report.md')!.toString('utf8')).toBe(readText(path.join(journalDir(s), 'report.md')));

    // The job summary: the result table, with links to the artifact and the run.
    expect(r.summary).toContain('## Chaos experiments: ✅ passed — gate passed');
    expect(r.summary).toMatch(/\| Experiment +\| Verdict +\| Steady state before +\| Steady state after/);
    expect(r.summary).toContain('✅ passed');
    expect(r.summary).toContain(`[journals](${r.outputs['artifact-url']}) (with report.html)`);
    expect(r.summary).toContain('[run](https://github.com/octo/shop/actions/runs/777001)');

    // One sticky comment on the PR, with the marker first, written with the github-token input.
    expect(github.requestsTo('create')).toHaveLength(1);
    expect(github.requestsTo('update')).toHaveLength(0);
    expect(github.requestsTo('create')[0]!.authorization).toBe(`token ${GITHUB_TOKEN}`);
    const comments = github.comments(PR_TARGET);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comments[0]!.body).toContain('## Chaos experiments: ✅ passed — gate passed');
    // The marked activity ran with the AWS credentials, outside the guardrails: the comment says so.
    expect(comments[0]!.body).toContain('### Ran unguarded (AWS credentials outside the guardrails)');
    expect(comments[0]!.body).toContain('method action "record-environment" ran unguarded: process');
    expect(comments[0]!.body).toContain('(why: records the credentials it was given)');
    expect(r.stdout).toMatch(/PR comment: created https:\/\/github\.com\/octo\/shop\/pull\/42#issuecomment-\d+/);

    // OIDC → STS: one token for the STS audience, handed to AssumeRoleWithWebIdentity unsigned.
    expect(oidc.requests).toHaveLength(1);
    expect(oidc.requests[0]!.authorization).toBe(`Bearer ${oidc.requestToken}`);
    expect(oidc.requests[0]!.audience).toBe('sts.amazonaws.com');
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.signed).toBe(false);
    expect(sts.requests[0]!.params).toMatchObject({
      Action: 'AssumeRoleWithWebIdentity',
      RoleArn: ROLE,
      WebIdentityToken: oidc.issued[0],
      RoleSessionName: 'chaos-action-777001-1',
    });

    // Every credential is registered with the runner's masker before anything else prints.
    const masked = workflowCommands(r.stdout)
      .filter((c) => c.command === 'add-mask')
      .map((c) => c.message);
    expect(masked).toEqual(expect.arrayContaining([oidc.issued[0], 'ASIAFAKEACCESSKEY000', 'fake/secret+access/key', 'FwoGZXIvYXdzEFAKE//session+token==']));
    const firstMask = r.stdout.indexOf('::add-mask::');
    expect(r.stdout.indexOf('Running experiment')).toBeGreaterThan(firstMask);
    // export-credentials defaults to false: nothing reaches the job's later steps.
    expect(readText(r.files.env)).toBe('');

    // An unmarked process got no AWS credentials (its AWS calls would go around the guardrails); the region stays.
    const unmarkedEnv = readJson<Record<string, string>>(path.join(s.job.workspace, 'child-env-unmarked.json'));
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) expect(unmarkedEnv, key).not.toHaveProperty([key]);
    expect(unmarkedEnv).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' });
    // The marked process got the assumed role, not the runner's tokens nor the inputs.
    const childEnv = readJson<Record<string, string>>(path.join(s.job.workspace, 'child-env.json'));
    expect(childEnv).toMatchObject({
      AWS_ACCESS_KEY_ID: 'ASIAFAKEACCESSKEY000',
      AWS_SECRET_ACCESS_KEY: 'fake/secret+access/key',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFAKE//session+token==',
      AWS_REGION: 'eu-west-1',
    });
    for (const withheld of [
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RESULTS_URL',
      'INPUT_GITHUB-TOKEN',
      'GITHUB_OUTPUT',
      'GITHUB_STATE',
      'GITHUB_ENV',
      'GITHUB_PATH',
      'GITHUB_STEP_SUMMARY',
    ]) {
      expect(childEnv, withheld).not.toHaveProperty([withheld]);
    }
    expect(Object.keys(childEnv).filter((k) => k.startsWith('INPUT_'))).toEqual([]);
    expect(Object.values(childEnv)).not.toContain(GITHUB_TOKEN);
    expect(Object.values(childEnv)).not.toContain(oidc.requestToken);
  });
});

describe('experiment code against the runner', () => {
  /**
   * What a process activity from a pull request tries: read the environment of every ancestor
   * (/proc/<pid>/environ) for the runner's tokens and the command files' paths, then forge the
   * step's outputs, state, environment, PATH and summary through every path it found and every
   * file in the runner's file-command folder. It records what it saw in attack.json.
   */
  const ATTACK = String.raw`
const fs = require('fs');
const path = require('path');
const seen = { environs: {}, unreadable: [], listed: [], forged: [], stateDir: process.env.STATE_DIR };
const forge = (file, text, first) => {
  try {
    fs.writeFileSync(file, first ? text + fs.readFileSync(file, 'utf8') : fs.readFileSync(file, 'utf8') + text);
    seen.forged.push(file);
  } catch (e) { seen.unreadable.push(file + ': ' + e.code); }
};
for (let pid = process.ppid; pid > 1; ) {
  try { seen.environs[pid] = fs.readFileSync('/proc/' + pid + '/environ', 'latin1'); } catch (e) { seen.unreadable.push(pid + ': ' + e.code); }
  pid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
}
for (const environ of Object.values(seen.environs)) {
  const vars = Object.fromEntries(environ.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  if (vars.GITHUB_OUTPUT) forge(vars.GITHUB_OUTPUT, 'gate=passed\n', true);
  if (vars.GITHUB_STATE) forge(vars.GITHUB_STATE, 'rollback-ledger=/tmp/forged-ledger.json\n', true);
}
const dir = path.join(process.env.RUNNER_TEMP, '_runner_file_commands');
const lines = { set_output: 'gate=passed\nresult=passed\n', save_state: 'rollback-ledger=/tmp/forged-ledger.json\n', set_env: 'FORGED=1\n', add_path: '/tmp/forged-bin\n', step_summary: '## Chaos experiments: passed (forged)\n' };
for (const name of fs.readdirSync(dir)) {
  seen.listed.push(name);
  const kind = Object.keys(lines).find((k) => name.startsWith(k + '_'));
  if (kind) forge(path.join(dir, name), lines[kind], kind === 'set_output');
}
fs.writeFileSync('attack.json', JSON.stringify(seen));
`;

  it("cannot read the runner's tokens from any ancestor, nor change the step's outputs, state, environment, PATH or summary", async () => {
    const s = setup({
      files: {
        'attack.json': {
          title: 'A pull request attacks the runner',
          description: 'the method reads every ancestor environment and forges the command files; the shop then fails its hypothesis',
          configuration: declaredBase,
          'steady-state-hypothesis': healthy(),
          method: [
            { type: 'action', name: 'attack', provider: { type: 'process', path: process.execPath, arguments: ['-e', ATTACK] } },
            httpAction('break-the-shop', '${base}/set/503'),
          ],
          rollbacks: [httpAction('heal-the-shop', '${base}/set/200')],
          ...shortRecoveryWindow,
        },
      },
      // A user's own variable that merely starts like the runner's STATE_<name> ones.
      extraEnv: { STATE_DIR: '/srv/chaos-state' },
    });
    const r = await runMain(s);
    const seen = readJson<{ environs: Record<string, string>; unreadable: string[]; listed: string[]; forged: string[]; stateDir?: string }>(
      path.join(s.job.workspace, 'attack.json'),
    );

    // The attack ran: it read its parent's (the action's) environment and listed the runner's folder.
    expect(Object.keys(seen.environs).length, JSON.stringify(seen.unreadable)).toBeGreaterThanOrEqual(1);
    expect(Object.values(seen.environs).some((e) => e.includes(`GITHUB_WORKSPACE=${s.job.workspace}`))).toBe(true);
    expect(seen.listed).toEqual(expect.arrayContaining([path.basename(r.files.output), path.basename(r.files.state)]));
    expect(seen.stateDir).toBe('/srv/chaos-state');

    // No ancestor's environment holds a token, an input or a command file's path.
    const secrets = [
      GITHUB_TOKEN,
      oidc.requestToken,
      oidc.requestUrl,
      artifacts.env.ACTIONS_RUNTIME_TOKEN as string,
      r.files.output,
      r.files.state,
      r.files.env,
    ];
    for (const [pid, environ] of Object.entries(seen.environs)) {
      for (const secret of secrets) expect(environ.includes(secret), `process ${pid} shows ${secret}`).toBe(false);
      expect(environ, `process ${pid}`).not.toMatch(/(^|\0)(INPUT_GITHUB-TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_RUNTIME_TOKEN|GITHUB_TOKEN)=/);
    }

    // The step's files hold exactly what the action wrote: the deviation fails the gate.
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'deviated', gate: 'failed', passed: '0', deviated: '1' });
    expect(readText(r.files.output)).not.toMatch(/^(gate|result)=passed$/m);
    expect(r.state).toEqual({ 'rollback-ledger': expect.stringContaining('chaos-action-ledger-') });
    expect(readText(r.files.env)).toBe('');
    expect(readText(r.files.path)).toBe('');
    expect(r.summary).not.toContain('forged');
    expect(r.summary).toContain('## Chaos experiments: ❌ deviated — gate failed');
    expect(target.status).toBe(200);
  });
});

describe('hostile text in what the action prints', () => {
  /** A file name a pull request can commit: newlines and workflow commands in it. */
  const EVIL_NAME = 'evil\n::error title=Spoofed::gate passed\n##[set-output name=gate;]passed.json';
  const EVIL_TEXT =
    'x\n::add-mask::mask-me\r::stop-commands::pwned\u2028::warning title=Spoofed::ls ##[set-output name=gate;]passed \u001b]52;c;ZXZpbA==\u0007\u001b[2J www.evil.example';

  /** Everything the step printed or wrote for people holds no command but the action's own, and no control character. */
  function expectOnlyOurCommands(r: Step): void {
    const printed = `${r.stdout}\n${r.stderr}`;
    const commands = runnerCommands(printed);
    expect(commands.filter((c) => c.form === 'v1')).toEqual([]);
    // Annotations, and the artifact library's debug lines and masks of its upload URL's signature.
    expect([...new Set(commands.map((c) => c.command))].filter((c) => !['error', 'warning', 'notice', 'debug', 'add-mask'].includes(c))).toEqual([]);
    expect(commands.filter((c) => c.command === 'add-mask' && /mask-me|pwned/.test(c.line))).toEqual([]);
    for (const c of workflowCommands(printed)) {
      expect(c.properties.title ?? 'chaos-action', c.message).toMatch(/^chaos-action/);
    }
    // The log shows the hostile text flattened on the action's own lines, without its control characters.
    expect(printed).not.toMatch(CONTROL_CHARACTERS);
    for (const [where, markdown] of [['summary', r.summary], ...github.comments(PR_TARGET).map((c): [string, string] => ['PR comment', c.body])]) {
      expect(markdown, where).not.toMatch(CONTROL_CHARACTERS);
      expect(markdown, where).not.toMatch(/(^|[\s*_~(])www\./im);
      expect(runnerCommands(markdown), where).toEqual([]);
    }
  }

  it("an invalid suite whose file name holds newlines and commands: annotations and lines are the action's own", async () => {
    const s = setup({ aws: false, files: { [EVIL_NAME]: { title: EVIL_TEXT, description: 'd', method: [{ type: EVIL_TEXT, name: EVIL_TEXT }] } } });
    const r = await runMain(s);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'invalid', gate: 'failed' });
    // The problem is annotated on the file, under its real name, by the runner's escaping of properties.
    const annotation = workflowCommands(r.stdout).find((c) => c.command === 'error' && c.properties.file);
    expect(annotation?.properties.file).toContain('evil ');
    expect(github.comments(PR_TARGET)).toHaveLength(1);
    expectOnlyOurCommands(r);
  });

  it('hostile titles, activity names, reasons and outputs of a run: no command, no control character in the log, summary and comment', async () => {
    const s = setup({
      aws: false,
      files: {
        [EVIL_NAME]: {
          title: EVIL_TEXT,
          description: 'every string a pull request controls, hostile',
          'steady-state-hypothesis': {
            title: EVIL_TEXT,
            probes: [
              {
                type: 'probe',
                name: EVIL_TEXT,
                tolerance: { type: 'regex', pattern: 'never-there', target: 'stdout' },
                provider: { type: 'process', path: 'printf', arguments: ['%s', EVIL_TEXT] },
              },
            ],
          },
          method: [
            { type: 'action', name: EVIL_TEXT, provider: { type: 'process', path: 'sh', arguments: ['-c', 'printf "%s" "$1" >&2; exit 3', 'sh', EVIL_TEXT] } },
          ],
        },
      },
    });
    const r = await runMain(s);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'not-ready', gate: 'failed' });
    expect(r.summary).toContain('not-ready');
    expectOnlyOurCommands(r);
    const report = readText(path.join(journalDir(s), 'report.md'));
    expect(report).not.toMatch(CONTROL_CHARACTERS);
    expect(report).not.toMatch(/(^|[\s*_~(])www\./im);
  });
});

describe('a deviation', () => {
  const breaksTheShop = {
    title: 'The shop survives its database going away',
    description: 'the fault breaks the shop for good; only the rollback heals it',
    configuration: declaredBase,
    'steady-state-hypothesis': healthy(),
    method: [httpAction('break-the-shop', '${base}/set/503')],
    rollbacks: [httpAction('heal-the-shop', '${base}/set/200')],
    ...shortRecoveryWindow,
  };

  it('fails the step with a gate error, sets the outputs anyway, heals the target; a second run updates the same comment', async () => {
    const s = setup({ files: { 'breaks.json': breaksTheShop } });
    const r = await runMain(s);

    expect(r.code).toBe(1);
    expect(r.errors).toContain('chaos gate failed: The shop survives its database going away (deviated)');
    expect(r.outputs).toMatchObject({ result: 'deviated', gate: 'failed', passed: '0', deviated: '1' });
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/);
    // The fault was injected, then the rollback healed the shop.
    expect(target.hits).toEqual(expect.arrayContaining(['GET /set/503', 'GET /set/200']));
    expect(target.hits.indexOf('GET /set/200')).toBeGreaterThan(target.hits.indexOf('GET /set/503'));
    expect(target.status).toBe(200);
    const journal = readJson<{ deviated: boolean; rollbacks: { status: string }[] }>(path.join(journalDir(s), 'breaks.journal.json'));
    expect(journal.deviated).toBe(true);
    expect(journal.rollbacks.map((x) => x.status)).toEqual(['succeeded']);
    expect(r.summary).toContain('## Chaos experiments: ❌ deviated — gate failed');
    expect(r.summary).toContain('### What did not pass');

    const first = github.comments(PR_TARGET);
    expect(first).toHaveLength(1);
    const commentId = first[0]!.id;
    expect(first[0]!.body).toContain('❌ deviated');

    // "Re-run jobs": same PR, next attempt; the comment found by its marker is updated in place.
    const again = await runMain(s, { GITHUB_RUN_ATTEMPT: '2' });
    expect(again.code).toBe(1);
    expect(again.outputs).toMatchObject({ result: 'deviated', gate: 'failed' });
    expect(github.requestsTo('create')).toHaveLength(1);
    expect(github.requestsTo('update')).toHaveLength(1);
    const after = github.comments(PR_TARGET);
    expect(after.map((c) => c.id)).toEqual([commentId]);
    expect(after[0]!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(after[0]!.body).toContain(again.outputs['artifact-url']);
    expect(again.stdout).toContain(`PR comment: updated https://github.com/octo/shop/pull/42#issuecomment-${commentId}`);
    expect(artifacts.artifacts.map((a) => a.name)).toEqual(['chaos-journals-chaos-attempt-1', 'chaos-journals-chaos-attempt-2']);
  });
});

describe('JUnit XML', () => {
  it('the junit input writes JUnit XML to the path (valid against the JUnit schema, a failure for the deviation) and the artifact carries it', async () => {
    const s = setup({
      aws: false,
      inputs: { junit: 'test-results/chaos.xml' },
      files: {
        'breaks.json': {
          title: 'The shop survives a restart',
          description: 'the fault breaks the shop; only the rollback heals it',
          configuration: declaredBase,
          'steady-state-hypothesis': healthy(),
          method: [httpAction('break-the-shop', '${base}/set/503')],
          rollbacks: [httpAction('heal-the-shop', '${base}/set/200')],
          ...shortRecoveryWindow,
        },
      },
    });
    const r = await runMain(s);
    expect(r.code, r.stdout).toBe(1);
    const junit = path.join(s.job.workspace, 'test-results', 'chaos.xml');
    const check = validateXml(junit);
    expect(check.valid, check.output).toBe(true);
    expect(xpath(junit, 'string(//testcase[@name="The shop survives a restart"]/failure/@type)')).toBe('deviated');
    const artifact = artifacts.artifacts.at(-1)!;
    expect(artifact.files).toEqual(['breaks.journal.json', 'junit.xml', 'report.html', 'report.md', 'results.json']);
    expect(artifact.contents.get('junit.xml')!.toString('utf8')).toBe(readText(junit));
  });
});

describe('settings the experiment gives', () => {
  const neverRollsBack = {
    title: 'Rollbacks off by the experiment',
    description: 'the experiment turns its rollbacks off in its runtime block',
    configuration: declaredBase,
    runtime: { rollbacks: { strategy: 'never' } },
    'steady-state-hypothesis': healthy(),
    method: [httpAction('poke', '${base}/health')],
    rollbacks: [httpAction('heal-the-shop', '${base}/set/200')],
  };

  it('runtime.rollbacks.strategy is honoured when the input is left to its default, as on the command line', async () => {
    const s = setup({ files: { 'never.json': neverRollsBack }, aws: false });
    const r = await runMain(s);
    expect(r.code, r.stdout).toBe(0);
    const journal = readJson<{ rollbacks: unknown[]; 'chaos-action': { strategies: { rollbacks: string } } }>(path.join(journalDir(s), 'never.journal.json'));
    expect(journal['chaos-action'].strategies.rollbacks).toBe('never');
    expect(journal.rollbacks).toEqual([]);
    expect(target.hits).not.toContain('GET /set/200');
  });

  it('a rollback-strategy input that is given wins over the experiment', async () => {
    const s = setup({ files: { 'never.json': neverRollsBack }, aws: false, inputs: { 'rollback-strategy': 'always' } });
    const r = await runMain(s);
    expect(r.code).toBe(0);
    const journal = readJson<{ 'chaos-action': { strategies: { rollbacks: string } } }>(path.join(journalDir(s), 'never.journal.json'));
    expect(journal['chaos-action'].strategies.rollbacks).toBe('always');
    expect(target.hits).toContain('GET /set/200');
  });
});

describe('the html input', () => {
  it('writes a copy of report.html where it says, relative to the workspace; the artifact carries report.html', async () => {
    const passing = {
      title: 'The shop answers',
      description: 'a harmless method',
      configuration: declaredBase,
      'steady-state-hypothesis': healthy(),
      method: [httpAction('poke', '${base}/health')],
    };
    const s = setup({ files: { 'passing.json': passing }, aws: false, inputs: { html: 'site/chaos/index.html' } });
    const r = await runMain(s);
    expect(r.code, r.stdout).toBe(0);
    const copy = readText(path.join(s.job.workspace, 'site', 'chaos', 'index.html'));
    expect(copy).toBe(readText(path.join(journalDir(s), 'report.html')));
    expect(copy).toContain('<title>Chaos experiments: ✅ passed — gate passed</title>');
    expect(artifacts.artifacts.at(-1)!.files).toContain('report.html');
  });
});

describe('an invalid experiment file', () => {
  it('fails the step with an annotation at the problem, result invalid, and runs nothing', async () => {
    const marker = 'must-not-exist';
    const valid = {
      title: 'Would touch a marker',
      description: 'valid, but must not run: one invalid file stops the whole suite',
      method: [processAction('touch-marker', `touch ${marker}`)],
    };
    // Line 5, column 15 (the value "acton"): an activity type that does not exist.
    const invalid = [
      '{',
      '  "title": "Broken",',
      '  "description": "an activity of an unknown type",',
      '  "method": [',
      '    { "type": "acton", "name": "x", "provider": { "type": "process", "path": "true" } }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const s = setup({ files: { 'a-valid.json': valid, 'b-broken.json': invalid } });
    const r = await runMain(s);

    expect(r.code).toBe(1);
    const annotations = workflowCommands(r.stdout).filter((c) => c.command === 'error' && c.properties.file);
    expect(annotations.length).toBeGreaterThanOrEqual(1);
    const problem = annotations.find((c) => c.properties.file!.endsWith('b-broken.json'));
    expect(problem, r.stdout).toBeDefined();
    expect(problem!.properties).toMatchObject({ line: '5', col: '15', title: 'chaos-action: schema-enum' });
    expect(problem!.message).toContain('type is "acton"');
    expect(r.errors.some((m) => /^invalid experiments: \d+ problem\(s\), nothing was run$/.test(m))).toBe(true);
    // The count is of experiments (one file is invalid), as for every other verdict.
    expect(r.outputs).toMatchObject({ result: 'invalid', gate: 'failed', invalid: '1', passed: '0' });
    // Validation comes first: an invalid suite never gets credentials, and owes nothing.
    expect(oidc.requests).toEqual([]);
    expect(sts.requests).toEqual([]);
    expect(r.state).toEqual({});

    expect(existsSync(path.join(s.job.workspace, marker))).toBe(false);
    expect(r.summary).toContain('invalid — nothing was run');
    expect(r.summary).toContain('b-broken.json:5:');
    // Nothing was injected, nor uploaded; the comment says so on the PR.
    expect(target.hits).toEqual([]);
    expect(artifacts.artifacts).toEqual([]);
    expect(github.comments(PR_TARGET)).toHaveLength(1);
    expect(github.comments(PR_TARGET)[0]!.body).toContain('nothing was run');
    // Which commit and run it was, as for a run that ran.
    expect(github.comments(PR_TARGET)[0]!.body).toContain(`commit [\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/octo/shop/commit/${HEAD_SHA})`);
    expect(github.comments(PR_TARGET)[0]!.body).toContain('[run](https://github.com/octo/shop/actions/runs/777001)');
  });
});

describe('where the comment goes', () => {
  const passing = {
    title: 'The shop answers',
    description: 'passes',
    configuration: declaredBase,
    'steady-state-hypothesis': healthy(),
    method: [httpAction('poke', '${base}/health')],
  };

  it('a pull request from a fork: no comment, the log says why, the summary is written, the gate is unaffected', async () => {
    // A fork's job has no id-token and a read-only token: no role either.
    const s = setup({ event: { kind: 'fork', number: PR }, files: { 'passing.json': passing }, aws: false });
    const r = await runMain(s);

    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'passed', gate: 'passed', passed: '1' });
    expect(github.requests).toEqual([]);
    expect(r.stdout).toContain('PR comment: not posted: pull request #42 comes from a fork, whose GITHUB_TOKEN is read-only');
    expect(r.summary).toContain('## Chaos experiments: ✅ passed — gate passed');
  });

  it('a push (no pull request): no comment, the summary only', async () => {
    const s = setup({ event: { kind: 'push' }, files: { 'passing.json': passing } });
    const r = await runMain(s);

    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'passed', gate: 'passed' });
    expect(github.requests).toEqual([]);
    expect(r.stdout).toContain('PR comment: not posted: no pull request for this event');
    expect(r.summary).toContain('## Chaos experiments: ✅ passed — gate passed');
    expect(artifacts.artifacts).toHaveLength(1);
  });

  it('the API refuses the comment (403): the log explains the permission, result and gate unaffected', async () => {
    github.fail('create', 403);
    const s = setup({ files: { 'passing.json': passing } });
    const r = await runMain(s);

    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'passed', gate: 'passed' });
    expect(github.requestsTo('create').map((q) => q.status)).toEqual([403]);
    expect(github.comments(PR_TARGET)).toEqual([]);
    const explained = [...r.warnings, ...r.stdout.split('\n').filter((l) => l.startsWith('PR comment:'))].join('\n');
    expect(explained).toContain('GitHub API answered 403 (Resource not accessible by integration)');
    expect(explained).toContain('permissions: pull-requests: write');
    expect(r.errors).toEqual([]);
    expect(r.summary).toContain('gate passed');
  });

  it('the API fails (500): the log says so, a deviation still fails the gate and nothing else', async () => {
    github.fail('list', 500);
    const s = setup({
      files: {
        'breaks.json': {
          ...passing,
          title: 'Breaks',
          method: [httpAction('break', '${base}/set/500')],
          rollbacks: [httpAction('heal', '${base}/set/200')],
          ...shortRecoveryWindow,
        },
      },
    });
    const r = await runMain(s);

    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'deviated', gate: 'failed' });
    expect(github.requestsTo('list').every((q) => q.status === 500)).toBe(true);
    expect(github.requestsTo('create')).toEqual([]);
    const explained = [...r.warnings, ...r.stdout.split('\n').filter((l) => l.startsWith('PR comment:'))].join('\n');
    expect(explained).toContain('GitHub API answered 500');
    expect(r.errors).toEqual(['chaos gate failed: Breaks (deviated)']);
    expect(target.status).toBe(200);
  });
});

describe('AWS credentials', () => {
  it('role-to-assume without the id-token permission fails the step, naming `permissions: id-token: write`, and runs nothing', async () => {
    const marker = 'must-not-exist';
    const s = setup({
      files: { 'needs-aws.json': { title: 'Needs AWS', description: 'd', method: [processAction('touch-marker', `touch ${marker}`)] } },
      idToken: false,
    });
    const r = await runMain(s);

    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('permissions: id-token: write');
    expect(r.outputs).toMatchObject({ result: 'failed', gate: 'failed' });
    expect(existsSync(path.join(s.job.workspace, marker))).toBe(false);
    // The journal folder is made ready before anything is validated; no journal is written in it.
    expect(readdirSync(journalDir(s))).toEqual([]);
    expect(oidc.requests).toEqual([]);
    expect(sts.requests).toEqual([]);
    expect(target.hits).toEqual([]);
  });
});

describe('the guardrails from the inputs', () => {
  it('refuse a chaosaws action whose target lacks a required tag: nothing is stopped, the step fails and says why', async () => {
    const moto = await startMoto();
    const ec2 = motoEc2(moto);
    try {
      const allowed = await launch(ec2, 1, { app: 'web', chaos: 'allowed' });
      const other = await launch(ec2, 1, { app: 'web' });
      const stop = {
        type: 'action',
        name: 'stop-web',
        provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instances', arguments: { filters: [{ Name: 'tag:app', Values: ['web'] }] } },
      };
      const s = setup({
        files: { 'stop-web.json': { title: 'Stop the web tier', description: 'd', method: [stop] } },
        inputs: { 'required-tags': 'chaos=allowed', 'max-targets': '2', 'aws-region': 'us-east-1' },
        // EC2 goes to moto, with the credentials the role gave (moto takes any); STS stays the fake.
        extraEnv: { AWS_ENDPOINT_URL: moto.url },
      });
      const r = await runMain(s);
      expect(r.code, r.stdout).toBe(1);
      expect(r.outputs).toMatchObject({ result: 'failed', gate: 'failed' });
      const journal = readJson<{ run: { status: string; exception?: string[] }[] }>(path.join(journalDir(s), 'stop-web.journal.json'));
      expect(journal.run[0]?.status).toBe('failed');
      const refusal = `required-tags chaos=allowed: ec2:instance ${other[0]} has no chaos`;
      expect(journal.run[0]?.exception?.join('')).toContain(refusal);
      expect(r.stdout).toContain('guardrails refused ec2:StopInstances on 2 resources; nothing was sent');
      expect(await states(ec2, [...allowed, ...other])).toEqual({ [allowed[0] as string]: 'running', [other[0] as string]: 'running' });
    } finally {
      ec2.destroy();
      await moto.stop();
    }
  });
});

describe('max-targets in the action', () => {
  it('holds its default of 1 when the input is not given: an experiment that raises it is invalid, and nothing runs', async () => {
    const s = setup({
      files: {
        'wide.json': {
          title: 'Stop the whole fleet',
          description: 'd',
          method: [processAction('inject', 'touch injected')],
          extensions: [{ name: 'chaos-action', guardrails: { 'max-targets': 5 } }],
        },
      },
    });
    const r = await runMain(s);
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'invalid' });
    expect(r.stdout + r.stderr).toContain('max-targets 5 is more than the run allows (1, the default)');
    expect(existsSync(path.join(s.job.workspace, 'injected'))).toBe(false);
  });
});

describe('the post step and the ledger', () => {
  it('a dry run injects nothing and owes nothing, and is never a pass: gate dry-run, the step fails by default; the post step does not assume the role again', async () => {
    const marker = 'injected';
    const s = setup({
      files: {
        'dry.json': {
          title: 'Dry',
          description: 'd',
          method: [processAction('inject', `touch ${marker}`)],
          rollbacks: [processAction('revert', 'touch reverted')],
        },
      },
      inputs: { 'dry-run': 'true' },
    });
    const main = await runMain(s);
    expect(main.code, main.stdout).toBe(1);
    expect(main.outputs).toMatchObject({ result: 'dry-run', gate: 'dry-run', 'dry-run': '1', passed: '0' });
    expect(main.errors).toEqual([
      'chaos gate failed: Dry (dry-run). fail-on lists dry-run (the default): a dry run (--dry actions) never passes; leave dry-run out of fail-on for it to succeed (the gate output stays dry-run)',
    ]);
    expect(main.stdout).toContain('Action: inject (skipped: dry run)');
    expect(main.summary).toContain('## Chaos experiments: 🧪 dry run (--dry actions): nothing was injected — gate dry-run');
    expect(main.summary).toContain('### Skipped by the dry run\n\n- Dry: method action inject, rollbacks action revert');
    expect(github.comments(PR_TARGET)[0]?.body).toContain('🧪 dry run (--dry actions): nothing was injected');
    expect(readJson(path.join(journalDir(s), 'results.json'))).toMatchObject({ dry: 'actions', verdict: 'dry-run', gate: 'dry-run' });
    expect(existsSync(path.join(s.job.workspace, marker))).toBe(false);
    const ledgerFile = main.state['rollback-ledger'] as string;
    expect(readJson(ledgerFile)).toEqual([]);
    const stsCalls = sts.requests.length;

    const post = await runPost(s, main);
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).toContain('no rollbacks owed');
    expect(existsSync(path.join(s.job.workspace, 'reverted'))).toBe(false);
    expect(sts.requests.length).toBe(stsCalls);
  });

  it('a dry run succeeds when fail-on leaves dry-run out, and its gate output still reads dry-run: a promotion on gate == passed never follows', async () => {
    const s = setup({
      files: { 'dry.json': { title: 'Dry', description: 'd', method: [processAction('inject', 'touch injected')] } },
      inputs: { 'dry-run': 'true', 'fail-on': 'not-ready,missed-objective,deviated,interrupted,failed,invalid' },
    });
    const main = await runMain(s);
    expect(main.code, main.stdout).toBe(0);
    expect(main.errors).toEqual([]);
    expect(main.outputs).toMatchObject({ result: 'dry-run', gate: 'dry-run', 'dry-run': '1', passed: '0' });
    expect(existsSync(path.join(s.job.workspace, 'injected'))).toBe(false);

    // Nor after a dry run that ran nothing at all: an invalid suite, invalid left out of fail-on too.
    const invalid = setup({
      files: { 'bad.json': { title: 'Bad', description: 'd', method: [{ type: 'acton', name: 'x', provider: { type: 'process', path: 'true' } }] } },
      inputs: { 'dry-run': 'true', 'fail-on': 'not-ready,missed-objective,deviated,interrupted,failed' },
    });
    const nothing = await runMain(invalid);
    expect(nothing.code, nothing.stdout).toBe(0);
    expect(nothing.outputs).toMatchObject({ result: 'invalid', gate: 'dry-run' });
  });

  it('a ledger file that vanished fails the post step: it cannot tell whether a fault is left behind', async () => {
    const s = setup({ files: { 'ok.json': { title: 'Ok', description: 'd', method: [processAction('inject', 'true')] } } });
    const main = await runMain(s);
    expect(main.code, main.stdout).toBe(0);
    rmSync(main.state['rollback-ledger'] as string);

    const post = await runPost(s, main);
    expect(post.code).toBe(1);
    expect(post.errors).toEqual([
      expect.stringMatching(/^chaos-action post step: the rollback ledger .+ is missing: the post step cannot tell which faults are still injected$/),
    ]);
  });
});

describe('cancellation', () => {
  it('SIGINT then SIGTERM: the journal says interrupted, the ledger is in the state; the post step plays the rollback, a second post step owes nothing', async () => {
    const started = 'fault.started';
    const s = setup({
      files: {
        'long-fault.json': {
          title: 'A fault that runs until cancelled',
          description: 'the job is cancelled while it runs; its rollback is slow enough to be cut',
          method: [processAction('long-fault', `touch ${started}; exec sleep 60`)],
          rollbacks: [processAction('slow-revert', 'sleep 2; touch reverted')],
        },
      },
    });
    const files = newStepFiles(s.job, 'main');
    const step = startStep(mainScript, { ...s.env, ...fileCommandEnv(files) }, s.job.workspace);
    const killer = setTimeout(() => step.child.kill('SIGKILL'), 45_000);
    try {
      // The runner's sequence: SIGINT to the node process, SIGTERM while it is still running.
      await waitFor(() => existsSync(path.join(s.job.workspace, started)), 'the fault to start');
      step.child.kill('SIGINT');
      await waitFor(() => step.log.stdout.includes('Action: slow-revert'), 'the rollback to start');
      step.child.kill('SIGTERM');
      const exited = await step.exited;
      const r = collect(files, exited);
      expect(r.stdout).toContain('SIGINT received: stopping the running activity');
      expect(r.stdout).toContain('SIGTERM received again: skipping what is left of the rollbacks');
      expect(r.code).toBe(1);
      // A fault possibly left behind (rollbacks cut short) outranks the interruption: failed.
      expect(r.outputs).toMatchObject({ result: 'failed', gate: 'failed', failed: '1' });
      expect(existsSync(path.join(s.job.workspace, 'reverted'))).toBe(false);

      const journal = readJson<{ status: string; 'chaos-action': { verdict: string; rollbacks: string } }>(path.join(journalDir(s), 'long-fault.journal.json'));
      expect(journal.status).toBe('interrupted');
      expect(journal['chaos-action']).toMatchObject({ verdict: 'failed', rollbacks: 'cut-short' });

      // In RUNNER_TEMP, named per step, run and attempt; never among the uploaded journals.
      const ledgerFile = r.state['rollback-ledger'] as string;
      expect(path.dirname(ledgerFile)).toBe(s.job.root);
      expect(path.basename(ledgerFile)).toBe('chaos-action-ledger-__octo_chaos-action-777001-1.json');
      expect(existsSync(path.join(journalDir(s), path.basename(ledgerFile)))).toBe(false);
      expect(readJson<{ status: string; title: string }[]>(ledgerFile)).toMatchObject([{ status: 'owed', title: 'A fault that runs until cancelled' }]);

      // The post step (post-if: always()) gets the state back and plays the rollback.
      const post = await runPost(s, r);
      expect(post.code, post.stdout + post.stderr).toBe(0);
      expect(existsSync(path.join(s.job.workspace, 'reverted'))).toBe(true);
      expect(post.warnings.some((w) => w.includes('1 experiment(s) still owe their rollbacks'))).toBe(true);
      expect(post.errors).toEqual([]);
      expect(post.summary).toContain('## chaos-action post step: faults reverted after the main step stopped');
      expect(post.summary).toContain('1 rollback(s) played');
      expect(readJson<{ status: string }[]>(ledgerFile)).toMatchObject([{ status: 'settled' }]);

      // A post step run again finds nothing owed (and does not play the rollback twice).
      const again = await runPost(s, r);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('no rollbacks owed; nothing to revert');
      expect(again.warnings).toEqual([]);
      expect(again.summary).toBe('');
    } finally {
      clearTimeout(killer);
      step.child.kill('SIGKILL');
    }
  });
});

describe('secrets', () => {
  const CANARY = 'sk-canary-1234567890';

  /** A target that records the header the experiment sends its secret in. */
  async function headerTarget(): Promise<{ url: string; keys: string[]; close(): Promise<void> }> {
    const keys: string[] = [];
    const server = http.createServer((req, res) => {
      keys.push(String(req.headers['x-api-key']));
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      keys,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /** Every file under `dir`, recursively, with its text. */
  const filesUnder = (dir: string): [string, string][] =>
    readdirSync(dir).flatMap((name): [string, string][] => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [[file, readFileSync(file, 'utf8')]];
    });

  it('a canary secret used in a header and a process argument leaks into no log, file, artifact or API request', async () => {
    const api = await headerTarget();
    try {
      const s = setup({
        files: {
          'canary.json': {
            title: 'The shop answers with a key',
            description: 'the secret goes into a header and into process arguments; the hypothesis deviates so that reasons are printed',
            configuration: { ...declaredBase, api: api.url },
            secrets: { shop: { token: { type: 'env', key: 'CANARY' } } },
            'steady-state-hypothesis': {
              title: 'The shop answers',
              probes: [
                {
                  type: 'probe',
                  name: 'api-with-key',
                  tolerance: 200,
                  provider: { type: 'http', url: '${api}/', headers: { 'X-Api-Key': '${token}' }, timeout: 3 },
                },
                // Echoes the secret (stdout and stderr), then fails once the method has run.
                {
                  type: 'probe',
                  name: 'echoes-the-key',
                  tolerance: 0,
                  provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo "key=$1"; echo "key=$1" >&2; test ! -f broken', 'sh', '${token}'] },
                },
              ],
            },
            method: [processAction('break-with-key', '[ "$1" = "$CANARY" ] && touch key-used; echo "breaking with $1"; touch broken', '${token}')],
            rollbacks: [processAction('heal-with-key', 'rm -f broken; echo "healed with $1"', '${token}')],
            ...shortRecoveryWindow,
          },
        },
        extraEnv: { CANARY },
      });
      const main = await runMain(s);
      const post = await runPost(s, main);

      // The secret was really used: in the header, and substituted into the process arguments.
      expect(api.keys).toContain(CANARY);
      expect(existsSync(path.join(s.job.workspace, 'key-used'))).toBe(true);
      expect(main.outputs).toMatchObject({ result: 'deviated', gate: 'failed' });
      expect(main.summary).toContain('### What did not pass');
      expect(github.comments(PR_TARGET)).toHaveLength(1);
      expect(artifacts.artifacts).toHaveLength(1);

      const places: [string, string][] = [
        ['main stdout', withoutMasks(main.stdout)],
        ['main stderr', main.stderr],
        ['post stdout', withoutMasks(post.stdout)],
        ['post stderr', post.stderr],
        ...[main, post].flatMap((step, i) => Object.entries(step.files).map(([k, f]): [string, string] => [`${i ? 'post' : 'main'} GITHUB_${k}`, readText(f)])),
        ...filesUnder(journalDir(s)).map(([f, v]): [string, string] => [f, v]),
        ...artifacts.artifacts.flatMap((a) => [...a.contents].map(([n, b]): [string, string] => [`artifact ${a.name}/${n}`, b.toString('utf8')])),
        ['artifact metadata', JSON.stringify(artifacts.artifacts.map(({ blob: _blob, contents: _contents, ...rest }) => rest))],
        ['artifact service calls', JSON.stringify(artifacts.calls)],
        ['GitHub API requests', JSON.stringify(github.requests)],
        ['GitHub comments', JSON.stringify(github.comments(PR_TARGET))],
        ['OIDC requests', JSON.stringify(oidc.requests)],
        ['STS requests', JSON.stringify(sts.requests)],
      ];
      expect(places.length).toBeGreaterThan(12);
      for (const [where, text] of places) expect(text.includes(CANARY), `the canary leaked into ${where}`).toBe(false);
      // The redaction left its mark where the secret was.
      const journal = readText(path.join(journalDir(s), 'canary.journal.json'));
      expect(journal).toContain('key=***');
    } finally {
      await api.close();
    }
  });
});

describe('a rollback that did not take effect', () => {
  it('exits non-zero in the main step: failed, a fault may be left behind; it stays owed, and the post step, where it exits non-zero again, fails', async () => {
    const s = setup({
      aws: false,
      files: {
        'restore.json': {
          title: 'Restores a backup that was never made',
          description: 'cp of a missing backup exits 1: Chaos Toolkit records it as succeeded',
          configuration: declaredBase,
          'steady-state-hypothesis': healthy(),
          method: [processAction('inject', 'true')],
          rollbacks: [{ type: 'action', name: 'restore-config', provider: { type: 'process', path: 'cp', arguments: ['config.bak', 'config'] } }],
        },
      },
    });
    const main = await runMain(s);
    expect(main.outputs).toMatchObject({ result: 'failed', gate: 'failed', failed: '1' });
    expect(main.stdout).toMatch(/✖ action "restore-config" did not take effect: exit code 1: \S*cp: cannot stat 'config\.bak'/);
    const journal = readJson<{ rollbacks: { status: string }[]; 'chaos-action': { reasons: string[] } }>(path.join(journalDir(s), 'restore.journal.json'));
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded']);
    expect(journal['chaos-action'].reasons).toEqual([
      expect.stringMatching(/^rollback "restore-config" did not take effect, so a fault may be left behind: exit code 1: /),
    ]);
    expect(main.summary).toContain('a fault may be left behind');

    const post = await runPost(s, main);
    expect(post.code).toBe(1);
    expect(post.warnings.some((w) => w.includes('still owe their rollbacks'))).toBe(true);
    expect(post.summary).toMatch(/rollback "restore-config" did not take effect: exit code 1: \S*cp: cannot stat 'config\.bak'/);
  });
});

describe('secrets in the post step', () => {
  const CANARY = 'sk-canary-0987654321';

  it('a rollback the post step replays with a secret in its URL is redacted in the post step log and summary', async () => {
    const s = setup({
      files: {
        'owes.json': {
          title: 'A rollback that cannot reach its target',
          description: 'the rollback fails in the main step, so it stays owed and the post step plays it again',
          configuration: declaredBase,
          secrets: { shop: { token: { type: 'env', key: 'CANARY' } } },
          method: [httpAction('poke', '${base}/health')],
          // Port 1 on 127.0.0.1: connection refused, and the error quotes the URL.
          rollbacks: [httpAction('heal-unreachable', 'http://127.0.0.1:1/heal?key=${token}')],
        },
      },
      extraEnv: { CANARY },
    });
    const main = await runMain(s);
    const post = await runPost(s, main);

    expect(main.outputs.result).toBe('failed');
    expect(main.stdout).toContain('heal-unreachable failed: failed to connect to http://127.0.0.1:1/heal?key=***');
    expect(post.code).toBe(1);
    expect(post.warnings.some((w) => w.includes('still owe their rollbacks'))).toBe(true);
    expect(post.stdout).toContain('heal-unreachable failed: failed to connect to http://127.0.0.1:1/heal?key=***');
    expect(post.summary).toContain('rollback "heal-unreachable" failed');
    for (const text of [withoutMasks(post.stdout), post.summary, ...post.warnings])
      expect(text.includes(CANARY), 'the canary leaked from the post step').toBe(false);
  });
});

describe('the sticky comment describes the run it belongs to', () => {
  /** Breaks the shop with `/set/${fault}` (the vars input: 503 breaks it, 200 is the fix), healed by its rollback. */
  const faultFromVars = {
    title: 'The shop survives its cache going away',
    description: 'the fault comes from the vars input, so that a later run can pass',
    configuration: { ...declaredBase, fault: '503' },
    'steady-state-hypothesis': healthy(),
    method: [httpAction('break-the-shop', '${base}/set/${fault}')],
    rollbacks: [httpAction('heal-the-shop', '${base}/set/200')],
    ...shortRecoveryWindow,
  };
  const passing = {
    title: 'The shop answers',
    description: 'passes',
    configuration: declaredBase,
    'steady-state-hypothesis': healthy(),
    method: [httpAction('poke', '${base}/health')],
  };
  const STAGING_MARKER = '<!-- chaos-action:sticky workflow="Chaos gate" job="chaos" key="staging" -->';
  const FIX_SHA = `f1a0${'0'.repeat(36)}`;

  it('on-failure: a failing run posts; the passing run after the fix updates the same comment to the pass, naming its commit, run and comment-key', async () => {
    const s = setup({ files: { 'cache.json': faultFromVars }, inputs: { comment: 'on-failure', 'comment-key': 'staging' }, aws: false });
    const failing = await runMain(s);
    expect(failing.code, failing.stdout).toBe(1);
    expect(failing.outputs).toMatchObject({ result: 'deviated', gate: 'failed' });
    const [posted] = github.comments(PR_TARGET);
    expect(github.comments(PR_TARGET)).toHaveLength(1);
    expect(posted!.body.startsWith(`${STAGING_MARKER}\n`)).toBe(true);
    expect(posted!.body).toContain('## Chaos experiments: ❌ deviated — gate failed');
    // The PR's head commit (not GITHUB_SHA, the merge commit), short and linked; the run; the key.
    expect(posted!.body).toContain(`commit [\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/octo/shop/commit/${HEAD_SHA})`);
    expect(posted!.body).not.toContain(MERGE_SHA.slice(0, 7));
    expect(posted!.body).toMatch(/ · ran \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · /);
    expect(posted!.body).toContain('comment-key `staging`');
    expect(posted!.body).toContain('rollbacks: all played');
    expect(posted!.body).toContain('[run](https://github.com/octo/shop/actions/runs/777001)');
    expect(posted!.body).toContain(`[journals](${failing.outputs['artifact-url']})`);

    // The fix is pushed: a new head commit, a new run, and the fault no longer breaks the shop.
    writeEvent(s.job, { kind: 'pull_request', number: PR, headSha: FIX_SHA });
    const fixed = await runMain(s, { GITHUB_RUN_ID: '777002', INPUT_VARS: `base=${target.url}\nfault=200` });
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.outputs).toMatchObject({ result: 'passed', gate: 'passed' });
    expect(github.requestsTo('create')).toHaveLength(1);
    expect(github.requestsTo('update')).toHaveLength(1);
    const after = github.comments(PR_TARGET);
    expect(after.map((c) => c.id)).toEqual([posted!.id]);
    expect(after[0]!.body).toContain('## Chaos experiments: ✅ passed — gate passed');
    expect(after[0]!.body).not.toContain('deviated');
    expect(after[0]!.body).toContain(`commit [\`f1a0000\`](https://github.com/octo/shop/commit/${FIX_SHA})`);
    expect(after[0]!.body).toContain('[run](https://github.com/octo/shop/actions/runs/777002)');
    expect(fixed.stdout).toContain(`PR comment: updated https://github.com/octo/shop/pull/42#issuecomment-${posted!.id}`);
  });

  it('on-failure: a passing run with no earlier comment posts none', async () => {
    const s = setup({ files: { 'passing.json': passing }, inputs: { comment: 'on-failure' }, aws: false });
    const r = await runMain(s);
    expect(r.code).toBe(0);
    expect(github.requestsTo('create')).toEqual([]);
    expect(github.comments(PR_TARGET)).toEqual([]);
    expect(r.stdout).toContain('PR comment: not posted: the comment mode is "on-failure", the run did not fail and no earlier comment was there to update');
  });

  it('never: posts nothing and leaves an earlier comment as it was', async () => {
    const earlier = github.seed(PR_TARGET, `${MARKER}\n## Chaos experiments: ❌ deviated — gate failed`);
    const s = setup({ files: { 'passing.json': passing }, inputs: { comment: 'never' }, aws: false });
    const r = await runMain(s);
    expect(r.code).toBe(0);
    expect(github.requests).toEqual([]);
    expect(github.comments(PR_TARGET)).toEqual([earlier]);
    expect(r.stdout).toContain('PR comment: not posted: the comment mode is "never"');
  });

  it('a failed artifact upload: no journals link, the comment says they were not uploaded; fail-on other than the default is shown', async () => {
    artifacts.failOn('any', 403);
    const s = setup({ files: { 'cache.json': faultFromVars }, inputs: { 'fail-on': 'deviated,failed' }, aws: false });
    const r = await runMain(s);
    expect(r.code).toBe(1);
    expect(r.outputs['artifact-url']).toBeUndefined();
    expect(r.warnings.some((w) => w.startsWith('the journals were not uploaded as an artifact'))).toBe(true);
    const body = github.comments(PR_TARGET)[0]!.body;
    expect(body).toContain('journals not uploaded (see the job log)');
    expect(body).not.toContain('[journals]');
    expect(body).not.toContain('journals in the artifact');
    expect(body).toContain('1 deviated · fails on: deviated, failed · chaos-action');
    expect(r.summary).toContain('journals not uploaded (see the job log)');
  });

  it('a connection refused: short in the comment, whole in the journal; the fault may be left behind; the default fail-on is not repeated', async () => {
    const s = setup({
      files: {
        'unreachable.json': {
          title: 'A rollback that cannot reach its target',
          description: 'port 1 on 127.0.0.1 refuses the connection',
          configuration: declaredBase,
          method: [httpAction('poke', '${base}/health')],
          rollbacks: [httpAction('heal-unreachable', 'http://127.0.0.1:1/heal')],
        },
      },
      aws: false,
    });
    const r = await runMain(s);
    expect(r.outputs).toMatchObject({ result: 'failed', gate: 'failed' });

    const journal = readJson<{ 'chaos-action': { reasons: string[] } }>(path.join(journalDir(s), 'unreachable.journal.json'));
    const [full] = journal['chaos-action'].reasons;
    expect(full).toContain("HTTPConnectionPool(host='127.0.0.1', port=1): Max retries exceeded with url: /heal");
    expect(full!.length).toBeGreaterThan(250);
    const results = readJson<{ experiments: { reasons: string[]; rollbacks: string }[] }>(path.join(journalDir(s), 'results.json'));
    expect(results.experiments[0]).toMatchObject({ reasons: [full], rollbacks: 'owed' });

    const body = github.comments(PR_TARGET)[0]!.body;
    expect(body).toContain('- rollback "heal-unreachable" failed, so a fault may be left behind: connection refused to 127.0.0.1:1\n');
    expect(body).not.toContain('HTTPConnectionPool');
    expect(body).toContain('rollbacks: ⚠ a fault may be left behind');
    expect(body).not.toContain('fails on:');
    expect(body.trimEnd().split('\n').at(-1)).toMatch(/^1 failed · chaos-action \S+$/);
  });
});
