// One settings table for the CLI, the action and the post step: defaults, parsing, every problem at
// once, and the documents (action.yml, README, --help) that must say what the table says.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guardrailsOf, imposedStrategies, inputVariable, parseRunSettings, readActionInputs, SETTINGS, type SettingSpec } from '../../src/app/settings.js';
import { flagsTable, inputsTable, meaning, mergeInputsTable } from '../../src/app/settings-docs.js';
import { DEFAULT_MERGED_NAME, DEFAULT_PATTERN, MERGE_INPUTS, readMergeInputs } from '../../src/app/merge-inputs.js';
import { MERGE_FLAGS, MERGE_OWN_OPTIONS, RUN_FLAGS } from '../../src/cli/command-help.js';
import { VERDICTS } from '../../src/report/verdict.js';
import { runCli } from '../support/cli.js';
import { runCliUnderTest } from '../support/cli-under-test.js';
import { repoRoot } from '../support/oracle.js';

const env = (inputs: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]));
const manifest = (): { inputs: Record<string, { description: string; default: unknown }> } => parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8'));
const specs = SETTINGS as readonly SettingSpec[];
/** What the runner passes for a step with no `with:`: action.yml's defaults (the token apart). */
const runnerDefaults = (): Record<string, string> =>
  Object.fromEntries(Object.entries(manifest().inputs).map(([k, v]) => [k, String(v.default ?? '').startsWith('${{') ? 'ghs_token' : String(v.default ?? '')]));

describe('action inputs', () => {
  it('gives the documented defaults for an empty step', () => {
    const r = readActionInputs({});
    expect(r.ok && r.settings).toMatchObject({
      experiments: ['experiments'],
      audience: 'sts.amazonaws.com',
      rollbackStrategy: 'always',
      comment: 'always',
      commentKey: 'default',
      artifactName: 'chaos-journals',
      journalDir: 'chaos-results',
      // dry-run included: by default a dry run fails the step.
      failOn: ['dry-run', 'not-ready', 'missed-objective', 'deviated', 'stopped', 'interrupted', 'failed', 'invalid'],
      stopSuiteOn: [],
      exportCredentials: false,
      python: 'python3',
      maxTargets: 1,
    });
  });

  it('reads lists, booleans and numbers as the runner passes them', () => {
    const r = readActionInputs(
      env({
        experiments: 'a\nb, c',
        vars: 'x=1\n# comment\ny:int=2',
        'fail-fast': 'true',
        'role-duration-seconds': '900',
        'fail-on': 'deviated,failed',
        'role-to-assume': 'arn:aws:iam::111122223333:role/x',
        'aws-region': 'eu-west-1',
        'dry-run': 'true',
      }),
    );
    expect(r.ok && r.settings).toMatchObject({
      experiments: ['a', 'b', 'c'],
      vars: [
        ['x', '1'],
        ['y', 2],
      ],
      failFast: true,
      roleDurationSeconds: 900,
      failOn: ['deviated', 'failed'],
      dry: 'actions',
    });
  });

  it('reports every bad input together, with what would be right', () => {
    const r = readActionInputs(
      env({
        'fail-fast': 'yes',
        'rollback-strategy': 'sometimes',
        'fail-on': 'broken',
        'role-to-assume': 'arn:aws:iam::1:role/x',
        'role-duration-seconds': '60',
        comment: 'loud',
        vars: 'novalue',
        rto: '-5s',
      }),
    );
    expect(r.ok ? [] : r.problems).toEqual([
      'input "vars" holds "novalue": expected key[:type]=value',
      'input "rollback-strategy" is "sometimes": expected one of default, always, never, deviated',
      'input "fail-fast" is "yes": expected true or false',
      'input "fail-on" names "broken": verdicts are passed, regressed, dry-run, not-ready, missed-objective, deviated, stopped, interrupted, failed, invalid',
      'input "rto" is "-5s": a duration cannot be negative',
      'input "role-duration-seconds" is "60": expected a whole number of seconds from 900 to 43200',
      'input "comment" is "loud": expected one of always, on-failure, never',
      'input "aws-region" is empty: assuming a role needs a region (or AWS_REGION in the environment)',
    ]);
  });

  it('reads var-files one per line (a comma belongs to the path) and allows retention up to 400 days', () => {
    const r = readActionInputs(env({ 'var-files': 'vars/a,b.yaml\nvars/c.env', 'retention-days': '400' }));
    expect(r.ok && r.settings).toMatchObject({ varFiles: ['vars/a,b.yaml', 'vars/c.env'], retentionDays: 400 });
    const bad = readActionInputs(env({ 'retention-days': '401' }));
    expect(bad.ok ? [] : bad.problems).toEqual(['input "retention-days" is "401": expected a whole number of days from 1 to 400']);
  });

  it('reads the limits as sizes and durations, with their documented defaults when not given', () => {
    const defaults = readActionInputs({});
    expect(defaults.ok && [defaults.settings.maxOutput, defaults.settings.activityTimeout, defaults.settings.maxFileSize]).toEqual([
      10 * 1024 * 1024,
      undefined,
      256 * 1024,
    ]);
    const given = readActionInputs(env({ 'max-output': '512KiB', 'activity-timeout': '5m', 'max-file-size': '2097152' }));
    expect(given.ok && [given.settings.maxOutput, given.settings.activityTimeout, given.settings.maxFileSize]).toEqual([512 * 1024, 300, 2 * 1024 * 1024]);
    const bad = readActionInputs(env({ 'max-output': '10', 'activity-timeout': '0', 'max-file-size': 'lots' }));
    expect(bad.ok ? [] : bad.problems).toEqual([
      'input "max-output" is "10": expected a size from 1 KiB to 256 MiB',
      'input "activity-timeout" is "0": a deadline must be more than 0 seconds',
      'input "max-file-size" is "lots": expected a size in bytes, such as 1048576, 512KiB or 10MiB, from 1 KiB to 256 MiB',
    ]);
  });

  it("tells an input left to action.yml's default from one given: only a given strategy overrides the experiment's runtime", () => {
    const defaults = readActionInputs(env(runnerDefaults()));
    expect(defaults.ok && imposedStrategies(defaults.settings, defaults.given)).toEqual({});
    const given = readActionInputs(env({ ...runnerDefaults(), 'rollback-strategy': 'always', 'hypothesis-strategy': 'continously' }));
    expect(given.ok && imposedStrategies(given.settings, given.given)).toEqual({ rollbacks: 'always', hypothesis: 'continuously' });
  });

  it('turns recovery sampling off with `sampling: false`; on by default and for an empty input', () => {
    const off = readActionInputs(env({ sampling: 'false' }));
    expect(off.ok && off.settings.sampling).toBe(false);
    for (const inputs of [{}, runnerDefaults(), { sampling: 'true' }]) {
      const on = readActionInputs(env(inputs));
      expect(on.ok && on.settings.sampling).toBe(true);
    }
    const bad = readActionInputs(env({ sampling: 'off' }));
    expect(bad.ok ? [] : bad.problems).toEqual(['input "sampling" is "off": expected true or false']);
  });

  it('takes the python and the region from the environment when not given', () => {
    const r = readActionInputs({ CHAOS_ACTION_PYTHON: '/opt/py/bin/python3', AWS_DEFAULT_REGION: 'eu-west-3' });
    expect(r.ok && [r.settings.python, r.settings.awsRegion]).toEqual(['/opt/py/bin/python3', 'eu-west-3']);
    const given = readActionInputs({
      ...env({ python: '/usr/bin/python3', 'aws-region': 'us-east-1' }),
      CHAOS_ACTION_PYTHON: '/opt/py/bin/python3',
      AWS_REGION: 'eu-west-3',
    });
    expect(given.ok && [given.settings.python, given.settings.awsRegion]).toEqual(['/usr/bin/python3', 'us-east-1']);
  });

  it('accepts every input the example workflows give it', () => {
    const declared = Object.keys(manifest().inputs);
    const dir = path.join(repoRoot, 'examples', 'workflows');
    const steps = readdirSync(dir).flatMap((f) => {
      const workflow = parse(readFileSync(path.join(dir, f), 'utf8')) as {
        jobs: Record<string, { strategy?: { matrix?: Record<string, unknown> }; steps?: { uses?: string; with?: Record<string, string> }[] }>;
      };
      return Object.values(workflow.jobs).flatMap((job) => {
        // A matrix leg's inputs as its first leg gets them: `${{ matrix.x }}` is x's first value.
        const matrix = job.strategy?.matrix ?? {};
        const include = (matrix.include as Record<string, unknown>[] | undefined)?.[0] ?? {};
        const first = (key: string): string => String(Array.isArray(matrix[key]) ? (matrix[key] as unknown[])[0] : include[key]);
        const legOf = (v: unknown): string => String(v).replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_m, key: string) => first(key));
        return (job.steps ?? [])
          .filter((step) => step.uses?.startsWith('org/chaos-action@'))
          .map((step) => ({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, legOf(v)])) }));
      });
    });
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const step of steps) {
      for (const key of Object.keys(step.with ?? {})) expect(declared).toContain(key);
      const r = readActionInputs(env(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]))));
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });
});

describe('command-line flags', () => {
  const flags = (values: Record<string, string | boolean | string[]>, positionals: string[] = []) =>
    parseRunSettings({ from: 'flag', values, positionals, env: {} });

  it('parse into the same settings as the inputs, worded as flags when wrong', () => {
    const r = flags({ 'fail-on': 'deviated, failed', var: ['a:int=1'], 'max-targets': '3', dry: 'actions' }, ['x.yaml']);
    expect(r.ok && r.settings).toMatchObject({ experiments: ['x.yaml'], failOn: ['deviated', 'failed'], vars: [['a', 1]], maxTargets: 3, dry: 'actions' });
    expect(r.ok && guardrailsOf(r.settings, r.given)).toEqual({ maxTargets: 3 });
    const bad = flags({ rto: '-5s', dry: 'true', quiet: true, verbose: true });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.spec.flag}: ${p.problem}`)).toEqual([
      'dry: expected one of probes, actions, activities, pause',
      'rto: a duration cannot be negative',
      'verbose: cannot be combined with --quiet',
    ]);
  });

  it('--no-sampling turns recovery sampling off; without it, sampling is on', () => {
    const off = flags({ 'no-sampling': true }, ['x.yaml']);
    expect(off.ok && off.settings.sampling).toBe(false);
    const on = flags({}, ['x.yaml']);
    expect(on.ok && on.settings.sampling).toBe(true);
  });

  it('--rto -5s says that a duration cannot be negative, through the bundled CLI (exit 2)', async () => {
    const r = await runCli(['run', '--rto', '-5s', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rto -5s: a duration cannot be negative');
  });
});

describe('shard and durations', () => {
  it('the shard input and flag read i/n, and say what is wrong with 0/4, 5/4 and a/b', () => {
    const ok = readActionInputs(env({ shard: '2/4', durations: 'previous/results.json' }));
    expect(ok.ok && ok.settings.shard).toEqual({ index: 2, count: 4 });
    expect(ok.ok && ok.settings.durations).toBe('previous/results.json');
    expect(readActionInputs(env({})).ok && (readActionInputs(env({})) as { settings: { shard: unknown } }).settings.shard).toBeUndefined();
    for (const [text, problem] of [
      ['0/4', 'input "shard" is "0/4": the shard must be from 1 to 4 (shards are counted from 1)'],
      ['5/4', 'input "shard" is "5/4": the shard must be from 1 to 4 (shards are counted from 1)'],
      ['a/b', 'input "shard" is "a/b": expected i/n, the shard and the number of shards, such as 1/4'],
    ]) {
      expect(readActionInputs(env({ shard: text as string }))).toEqual({ ok: false, problems: [problem] });
    }
  });

  it('`run --shard 5/4` through the bundled CLI is a usage error (exit 2) that names the flag', async () => {
    const r = await runCliUnderTest(['run', '--shard', '5/4', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard 5/4: the shard must be from 1 to 4');
  });
});

describe('the documents say what the table says', () => {
  it("action.yml declares exactly the table's inputs, with its defaults and meanings", () => {
    const declared = manifest().inputs;
    const inputs = specs.filter((s) => s.input);
    expect(Object.keys(declared)).toEqual(inputs.map((s) => s.input));
    for (const s of inputs) {
      expect([s.input, String(declared[s.input as string]?.default ?? '')]).toEqual([s.input, s.inputDefault ?? '']);
      expect(declared[s.input as string]?.description).toBe(meaning(s));
    }
  });

  it('action.yml declares an output per verdict (the counts the action sets), dry-run included', () => {
    const outputs = Object.keys((parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> }).outputs);
    for (const v of VERDICTS) expect(outputs).toContain(v);
  });

  it('an input whose absence an experiment fills in has an empty default in action.yml (the runner passes defaults)', () => {
    for (const s of specs.filter((x) => x.input && x.experiment)) expect([s.input, s.inputDefault ?? '']).toEqual([s.input, '']);
  });

  it("the README's inputs and `run` options tables are the table's (run `npm run docs` when this fails)", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = (name: string): string =>
      readme.slice(readme.indexOf(`<!-- ${name}:start -->`) + `<!-- ${name}:start -->`.length, readme.indexOf(`<!-- ${name}:end -->`)).trim();
    expect(section('inputs')).toBe(inputsTable());
    expect(section('run-options')).toBe(flagsTable(RUN_FLAGS));
  });

  it("merge/action.yml declares the merge's inputs, and the README shows them and `merge`'s options (run `npm run docs` when this fails)", () => {
    const merge = parse(readFileSync(path.join(repoRoot, 'merge', 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string; default: unknown }>;
      runs: { using: string; main: string };
      outputs: Record<string, unknown>;
    };
    expect(Object.keys(merge.inputs)).toEqual(MERGE_INPUTS.map((i) => i.input));
    for (const i of MERGE_INPUTS)
      expect([i.input, String(merge.inputs[i.input]?.default ?? ''), merge.inputs[i.input]?.description]).toEqual([i.input, i.inputDefault, i.help]);
    // Every input but the merge's own (`pattern`, `expect`) is a setting of the main table, read the same way.
    expect(MERGE_INPUTS.filter((x) => x.key === undefined).map((x) => x.input)).toEqual(['pattern', 'expect']);
    for (const i of MERGE_INPUTS.filter((x) => x.key !== undefined)) expect(specs.some((s) => s.input === i.input && s.key === i.key)).toBe(true);
    expect(merge.runs).toEqual({ using: 'node24', main: '../dist/merge.js' });
    for (const key of ['gate', 'result', 'artifact-url', ...VERDICTS]) expect(Object.keys(merge.outputs)).toContain(key);
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = (name: string): string =>
      readme.slice(readme.indexOf(`<!-- ${name}:start -->`) + `<!-- ${name}:start -->`.length, readme.indexOf(`<!-- ${name}:end -->`)).trim();
    expect(section('merge-inputs')).toBe(mergeInputsTable());
    expect(section('merge-options')).toBe(flagsTable(MERGE_FLAGS, MERGE_OWN_OPTIONS));
  });

  it("the merge's default artifact name is outside its default pattern: a re-run never merges a merge", () => {
    const defaults = Object.fromEntries(MERGE_INPUTS.map((i) => [i.input, i.inputDefault.startsWith('${{') ? 'ghs_token' : i.inputDefault]));
    const read = readMergeInputs(env(defaults));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pattern).toBe(DEFAULT_PATTERN);
    expect(read.settings.artifactName).toBe(DEFAULT_MERGED_NAME);
    expect(new RegExp(`^${DEFAULT_PATTERN.replace('*', '.*')}$`).test(`${DEFAULT_MERGED_NAME}-merge-attempt-1`)).toBe(false);
    // A main-action input in the environment means nothing to the merge.
    const stray = readMergeInputs(env({ ...defaults, shard: '9/4' }));
    expect(stray.ok).toBe(true);
  });

  it('`run --help` of the bundled CLI lists every flag the table gives `run`, with its default', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.code).toBe(0);
    for (const s of specs.filter((x) => x.flag && RUN_FLAGS.includes(x.key))) {
      expect(r.stdout).toContain(`--${s.flag}`);
      if (s.shown !== 'none' && s.shown !== 'off') expect(r.stdout.replace(/\s+/g, ' ')).toContain(`(default: ${s.shown.replace(/`/g, '')})`);
    }
  });
});
