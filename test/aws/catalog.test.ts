// The catalog of native chaosaws functions: the same signatures as chaostoolkit-aws (checked
// against the real package), registered as built-ins for validation and runs, and what validation
// says about the chaosaws functions that are not built in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_CATALOG, findAwsEntry, NOT_BUILT_IN_MODULES, notBuiltInNote } from '../../src/aws/catalog/index.js';
import { formatDiagnostic } from '../../src/experiment/diagnostics.js';
import { executableFinder } from '../../src/experiment/executables.js';
import { validateFiles } from '../../src/experiment/validate-files.js';
import { mergeVars } from '../../src/experiment/vars.js';
import { findBuiltin } from '../../src/contract/builtins.js';
import { resolvePython } from '../../src/app/providers.js';
import { oraclePython, requireOracle } from '../support/oracle.js';

describe('the catalog', () => {
  it('declares every function with the signature chaostoolkit-aws has', () => {
    requireOracle();
    const script = String.raw`
import importlib, inspect, json, sys
out = {}
for module, func in json.load(sys.stdin):
    f = getattr(importlib.import_module(module), func, None)
    out[module + ":" + func] = None if f is None else [[p.name, p.kind.name, p.default is not inspect.Parameter.empty] for p in inspect.signature(f).parameters.values()]
json.dump(out, sys.stdout)
`;
    const run = spawnSync(oraclePython, ['-c', script], { input: JSON.stringify(AWS_CATALOG.map((e) => [e.module, e.func])), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as Record<string, [string, string, boolean][] | null>;
    const ours = Object.fromEntries(AWS_CATALOG.map((e) => [`${e.module}:${e.func}`, e.params.map((p) => [p.name, p.kind, p.hasDefault])]));
    expect(ours).toEqual(python);
  });

  it('holds every chaosaws.ec2 function, actions marked as mutating', () => {
    const ec2 = AWS_CATALOG.filter((e) => e.module.startsWith('chaosaws.ec2.'));
    expect(
      ec2
        .filter((e) => e.mutating)
        .map((e) => e.func)
        .sort(),
    ).toEqual([
      'attach_volume',
      'authorize_security_group_ingress',
      'detach_random_volume',
      'remove_tags_from_instances',
      'restart_instances',
      'revoke_security_group_ingress',
      'set_tags_on_instances',
      'start_instances',
      'stop_instance',
      'stop_instances',
      'stop_instances_by_incremental_steps',
      'terminate_instance',
      'terminate_instances',
    ]);
    expect(
      ec2
        .filter((e) => !e.mutating)
        .map((e) => e.func)
        .sort(),
    ).toEqual(['count_instances', 'count_min_instances', 'describe_instances', 'instance_state']);
  });

  it('loads a native function for every entry', async () => {
    for (const entry of AWS_CATALOG) expect(typeof (await entry.load()), `${entry.module}.${entry.func}`).toBe('function');
  });

  it('lists the chaosaws modules that have no native function', () => {
    for (const m of [
      'chaosaws.ecs.actions',
      'chaosaws.eks.probes',
      'chaosaws.iam.actions',
      'chaosaws.elasticache.actions',
      'chaosaws.emr.probes',
      'chaosaws.s3.probes',
      'chaosaws.msk.actions',
      'chaosaws.xray.probes',
      'chaosaws.incidents.probes',
    ]) {
      expect(NOT_BUILT_IN_MODULES).toContain(m);
    }
    for (const entry of AWS_CATALOG) expect(NOT_BUILT_IN_MODULES).not.toContain(entry.module);
    expect(notBuiltInNote('chaosaws.ecs.actions', 'stop_task')).toBe(
      'chaosaws.ecs.actions.stop_task is not built in (chaos-action has no native ecs functions); it runs through the python3 bridge, only where chaostoolkit-aws is importable (the AWS guardrails and the dry-run plan do not apply to it)',
    );
    expect(notBuiltInNote('mychaos.actions', 'x')).toBeUndefined();
  });
});

describe('validation of chaosaws providers', () => {
  const write = (content: unknown): string => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'chaos-catalog-')), 'e.json');
    writeFileSync(file, JSON.stringify(content, null, 2));
    return file;
  };
  const validate = (file: string, python: string) =>
    validateFiles([file], {
      env: process.env,
      vars: mergeVars([], []),
      findExecutable: executableFinder(process.env.PATH),
      resolvePython: resolvePython({ python, env: process.env }),
    });
  const action = (module: string, func: string, args: Record<string, unknown>) => ({
    type: 'action',
    name: func,
    provider: { type: 'python', module, func, arguments: args },
  });
  const experiment = (...method: unknown[]) => ({ title: 't', description: 'd', method });

  it('registers every catalog entry as a built-in, with a plan for actions only', () => {
    resolvePython({ python: 'python3', env: {} });
    expect(findBuiltin('chaosaws.ec2.actions', 'stop_instance')?.plan).toBeTypeOf('function');
    expect(findBuiltin('chaosaws.ec2.probes', 'describe_instances')?.plan).toBeUndefined();
    expect(AWS_CATALOG.every((e) => findBuiltin(e.module, e.func) !== undefined)).toBe(true);
    expect(findAwsEntry('chaosaws.ec2.actions', 'stop_instance')?.mutating).toBe(true);
  });

  it('warns when a probe calls a chaosaws actions function: it changes something', async () => {
    const probe = { ...action('chaosaws.ec2.actions', 'stop_instance', { instance_id: 'i-1' }), type: 'probe' };
    const report = await validate(write(experiment(probe, action('chaosaws.ec2.probes', 'describe_instances', { filters: [] }))), '/nonexistent/python3');
    expect(report.valid).toBe(true);
    expect(report.diagnostics.map((d) => [d.severity, d.code, d.pointer])).toEqual([['warning', 'probe-changes-aws', '/method/0/provider/module']]);
    expect(report.diagnostics[0]?.message).toBe(
      "probe 'stop_instance' calls chaosaws.ec2.actions.stop_instance, which changes AWS resources: probes run for real, also under --dry actions (where chaos-action refuses the change)",
    );
  });

  it('reports a missing required argument of a built-in with its position, without asking python3', async () => {
    const file = write(experiment(action('chaosaws.ec2.actions', 'stop_instances_by_incremental_steps', { volume: 50, step_duration: 5 })));
    const report = await validate(file, '/nonexistent/python3');
    expect(report.diagnostics.map(formatDiagnostic).map((d) => d.replace(file, 'e.json').split('\n')[0])).toEqual([
      "e.json:12:22: error: required argument 'step_quantity' is missing from activity 'stop_instances_by_incremental_steps' (/method/0/provider/arguments)",
    ]);
  });

  it('refuses a chaosaws function that is not built in unless marked unguarded: the guardrails cannot see its AWS calls', async () => {
    requireOracle();
    const file = write(experiment(action('chaosaws.ecs.actions', 'stop_random_tasks', { cluster: 'c', task_count: 1 })));
    const report = await validate(file, oraclePython);
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'unguarded-unmarked', 10]]);
  });

  it('warns that a marked chaosaws function that is not built in runs through the python3 bridge', async () => {
    requireOracle();
    const marked = { ...action('chaosaws.ecs.actions', 'stop_random_tasks', { cluster: 'c', task_count: 1 }), 'chaos-action': { unguarded: 'no native ecs' } };
    const file = write(experiment(marked));
    const report = await validate(file, oraclePython);
    expect(report.valid).toBe(true);
    expect(report.diagnostics.map((d) => [d.severity, d.code, d.line, d.message])).toEqual([
      [
        'warning',
        'python-not-builtin',
        10,
        expect.stringContaining(
          'chaosaws.ecs.actions.stop_random_tasks is not built in (chaos-action has no native ecs functions); it runs through the python3 bridge',
        ),
      ],
    ]);
  });

  it('says so too when the python3 does not have chaostoolkit-aws', async () => {
    const file = write(experiment(action('chaosaws.ecs.actions', 'stop_random_tasks', { cluster: 'c' })));
    // A python3 without chaostoolkit-aws: the interpreter itself, with an empty module path.
    const bare = path.join(mkdtempSync(path.join(tmpdir(), 'chaos-bare-python-')), 'python3');
    writeFileSync(bare, `#!/bin/sh\nexec ${oraclePython} -I -S "$@"\n`, { mode: 0o755 });
    const report = await validate(file, bare);
    expect(report.valid).toBe(false);
    const [d] = report.diagnostics;
    expect(d?.message).toBe("could not find Python module 'chaosaws.ecs.actions' in activity 'stop_random_tasks'");
    expect(d?.hint).toContain('pip install chaostoolkit-aws into the python3 chaos-action uses (chaosaws.ecs.actions.stop_random_tasks is not built in');
  });
});
