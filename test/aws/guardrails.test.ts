// Guardrails of mutating AWS calls: each rule refuses with a message naming the resources and the
// rule, and nothing is sent; experiments may tighten the run's guardrails, never loosen them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stop_instances } from '../../src/aws/functions/ec2-actions.js';
import type { AwsTarget } from '../../src/aws/functions/types.js';
import { checkGuardrails } from '../../src/aws/guardrails.js';
import { describePlannedChange } from '../../src/report/plan.js';
import { AwsRuntime, type CallInput } from '../../src/aws/runtime.js';
import { guardrailsOf, inputVariable, readActionInputs } from '../../src/app/settings.js';
import { formatDiagnostic } from '../../src/experiment/diagnostics.js';
import { executableFinder } from '../../src/experiment/executables.js';
import { experimentGuardrails, type Guardrails, parseAccountIds, parseMaxTargets, parseRequiredTags } from '../../src/experiment/guardrails.js';
import { validateFiles } from '../../src/experiment/validate-files.js';
import { mergeVars } from '../../src/experiment/vars.js';
import { resolvePython } from '../../src/app/providers.js';
import { oraclePython } from '../support/oracle.js';
import { runSourceCli } from './support/source-cli.js';

const web = (id: string, tags?: Record<string, string>): AwsTarget => ({ kind: 'ec2:instance', id, ...(tags ? { tags } : {}) });
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};

describe('the guardrails verdict', () => {
  it('refuses more targets than max-targets, 1 by default', async () => {
    const verdict = await checkGuardrails({}, [web('i-1'), web('i-2')], noAccount);
    expect(verdict).toEqual({ allowed: false, refusals: ['max-targets is 1 (the default) but the call would touch 2 resources (i-1, i-2)'] });
    expect((await checkGuardrails({ maxTargets: 2 }, [web('i-1'), web('i-2')], noAccount)).allowed).toBe(true);
    expect((await checkGuardrails({ maxTargets: 0 }, [web('i-1')], noAccount)).refusals).toEqual([
      'max-targets is 0 but the call would touch 1 resources (i-1)',
    ]);
  });

  it('refuses a target without every required tag, and one whose tags are unknown', async () => {
    const required: Guardrails = { requiredTags: { chaos: 'allowed', env: 'staging' }, maxTargets: 5 };
    const verdict = await checkGuardrails(
      required,
      [web('i-ok', { chaos: 'allowed', env: 'staging', app: 'web' }), web('i-prod', { chaos: 'allowed', env: 'prod' }), web('i-bare', {}), web('i-unknown')],
      noAccount,
    );
    expect(verdict.allowed).toBe(false);
    expect(verdict.refusals).toEqual([
      'required-tags chaos=allowed, env=staging: ec2:instance i-prod has env=prod',
      'required-tags chaos=allowed, env=staging: ec2:instance i-bare has no chaos, no env',
      'required-tags chaos=allowed, env=staging: the tags of ec2:instance i-unknown are unknown',
    ]);
  });

  it('refuses credentials of an account that is not allowed, or that cannot be checked', async () => {
    const allowed: Guardrails = { allowedAccountIds: ['111122223333'] };
    expect((await checkGuardrails(allowed, [web('i-1')], async () => '111122223333')).allowed).toBe(true);
    expect((await checkGuardrails(allowed, [web('i-1')], async () => '999988887777')).refusals).toEqual([
      'allowed-account-ids is 111122223333 but the credentials are for account 999988887777',
    ]);
    const failing = await checkGuardrails(allowed, [web('i-1')], async () => {
      throw new Error('ExpiredToken');
    });
    expect(failing.refusals).toEqual(['allowed-account-ids is 111122223333 but the account could not be checked (STS GetCallerIdentity: ExpiredToken)']);
  });
});

describe('what max-targets counts', () => {
  const group: AwsTarget = { kind: 'autoscaling:group', id: 'web', tags: { chaos: 'allowed' }, counted: false };

  it('counts what the call faults, not the container it acts through or within, whose tags are still checked', async () => {
    expect(await checkGuardrails({}, [group, web('i-1', { chaos: 'allowed' })], noAccount)).toEqual({ allowed: true, refusals: [] });
    expect((await checkGuardrails({}, [group, web('i-1'), web('i-2')], noAccount)).refusals).toEqual([
      'max-targets is 1 (the default) but the call would touch 2 resources (i-1, i-2; not counted: web, which the call acts through)',
    ]);
    expect(
      (await checkGuardrails({ requiredTags: { chaos: 'allowed' } }, [{ ...group, tags: { chaos: 'no' } }, web('i-1', { chaos: 'allowed' })], noAccount))
        .refusals,
    ).toEqual(['required-tags chaos=allowed: autoscaling:group web has chaos=no']);
    // max-targets 0 lets no call run, not even one that only acts through something.
    expect((await checkGuardrails({ maxTargets: 0 }, [group], noAccount)).refusals).toEqual(['max-targets is 0 but the call would act through web']);
    expect((await checkGuardrails({ maxTargets: 0 }, [], noAccount)).allowed).toBe(true);
  });

  it('counts n for a target standing for n resources, and refuses one standing for an unknown number', async () => {
    const some: AwsTarget = { kind: 'ec2:instance', id: 'tagged app=web', tags: { app: 'web' }, count: 3 };
    expect((await checkGuardrails({ maxTargets: 3 }, [some], noAccount)).allowed).toBe(true);
    expect((await checkGuardrails({ maxTargets: 3 }, [some, web('i-9')], noAccount)).refusals).toEqual([
      'max-targets is 3 but the call would touch 4 resources (3 × tagged app=web, i-9)',
    ]);
    const all: AwsTarget = { kind: 'ssm:resource-group', id: 'resource-groups:Name=web', unbounded: true };
    expect(await checkGuardrails({ maxTargets: 1000 }, [all], noAccount)).toEqual({
      allowed: false,
      refusals: [
        'max-targets is 1000 but ssm:resource-group resource-groups:Name=web selects an unknown number of resources (AWS chooses them when the call runs)',
      ],
    });
    // A set's tags are those that select it: a required key missing there is not known to be on every resource.
    expect((await checkGuardrails({ requiredTags: { app: 'web', chaos: 'allowed' }, maxTargets: 5 }, [some], noAccount)).refusals).toEqual([
      'required-tags app=web, chaos=allowed: ec2:instance tagged app=web has no chaos in the tags that select its resources',
    ]);
  });

  it('shows in the dry-run plan what is not counted and what stands for several resources', () => {
    expect(
      describePlannedChange({
        operation: 'autoscaling:DetachInstances',
        targets: [group, web('i-1', { chaos: 'allowed' })],
        allowed: true,
        refusals: [],
      }),
    ).toBe('autoscaling:DetachInstances to autoscaling:group web (chaos=allowed; not counted), ec2:instance i-1 (chaos=allowed): allowed by the guardrails');
    expect(
      describePlannedChange({
        operation: 'fis:StartExperiment',
        targets: [
          { kind: 'ec2:ebs-volume', id: 'tagged AzImpairmentPower=ApiPauseVolume', tags: { AzImpairmentPower: 'ApiPauseVolume' }, count: 1 },
          { kind: 'eks:pod', id: 'selected by selectorValue=app=web', unbounded: true },
        ],
        allowed: false,
        refusals: ['max-targets is 1 (the default) but eks:pod selected by selectorValue=app=web selects an unknown number of resources'],
      }),
    ).toBe(
      'fis:StartExperiment to ec2:ebs-volume tagged AzImpairmentPower=ApiPauseVolume (each tagged AzImpairmentPower=ApiPauseVolume; 1 resource), ' +
        'eks:pod selected by selectorValue=app=web (tags unknown; an unknown number of resources): ' +
        'REFUSED by the guardrails: max-targets is 1 (the default) but eks:pod selected by selectorValue=app=web selects an unknown number of resources',
    );
  });
});

describe('a refused call, through the runtime', () => {
  let ec2: ReturnType<typeof mockClient>;
  let sts: ReturnType<typeof mockClient>;
  beforeEach(() => {
    ec2 = mockClient(EC2Client);
    sts = mockClient(STSClient);
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-a', Tags: [{ Key: 'chaos', Value: 'allowed' }] },
            { InstanceId: 'i-b', Tags: [{ Key: 'chaos', Value: 'no' }] },
          ],
        },
      ],
    });
    ec2.on(StopInstancesCommand).resolves({ StoppingInstances: [] });
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999988887777', Arn: 'arn:aws:iam::999988887777:user/ci', UserId: 'AIDA' });
  });
  afterEach(() => {
    ec2.restore();
    sts.restore();
  });
  const input = (): CallInput => ({
    configuration: { aws_region: 'us-east-1' },
    secrets: {},
    env: { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' },
    signal: new AbortController().signal,
    mode: 'run',
  });

  it('sends no mutating command and names the resources and every broken rule', async () => {
    const call = new AwsRuntime().call({ allowedAccountIds: ['111122223333'], requiredTags: { chaos: 'allowed' } }, input());
    await expect(stop_instances({ az: 'us-east-1a' }, call)).rejects.toThrow(
      'guardrails refused ec2:StopInstances on 2 resources; nothing was sent: max-targets is 1 (the default) but the call would touch 2 resources (i-a, i-b); ' +
        'required-tags chaos=allowed: ec2:instance i-b has chaos=no; allowed-account-ids is 111122223333 but the credentials are for account 999988887777',
    );
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0);
  });

  it('lets an allowed call through, asking STS for the account once per credentials', async () => {
    const runtime = new AwsRuntime();
    const guardrails: Guardrails = { allowedAccountIds: ['999988887777'], maxTargets: 2 };
    await stop_instances({ az: 'us-east-1a' }, runtime.call(guardrails, input()));
    await stop_instances({ az: 'us-east-1a' }, runtime.call(guardrails, input()));
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(2);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });
});

describe("an experiment's guardrails", () => {
  const withGuardrails = (guardrails: unknown) => ({ title: 't', description: 'd', method: [], extensions: [{ name: 'chaos-action', guardrails }] });

  it('tighten the run: fewer accounts, more required tags, fewer targets', () => {
    const run: Guardrails = { allowedAccountIds: ['111122223333', '444455556666'], requiredTags: { chaos: 'allowed' }, maxTargets: 5 };
    const { guardrails, problems } = experimentGuardrails(
      withGuardrails({ 'allowed-account-ids': ['444455556666'], 'required-tags': { app: 'web' }, 'max-targets': 2 }),
      run,
    );
    expect(problems).toEqual([]);
    expect(guardrails).toEqual({ allowedAccountIds: ['444455556666'], requiredTags: { chaos: 'allowed', app: 'web' }, maxTargets: 2 });
  });

  it('cannot raise the default max-targets when the run sets none: the default of 1 holds', () => {
    const raised = experimentGuardrails(withGuardrails({ 'max-targets': 3 }));
    expect(raised.guardrails).toEqual({});
    expect(raised.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'guardrails-loosened', message: 'max-targets 3 is more than the run allows (1, the default)' }),
    ]);
    expect(experimentGuardrails(withGuardrails({ 'max-targets': 0 })).guardrails).toEqual({ maxTargets: 0 });
    expect(experimentGuardrails({ title: 't' }, { maxTargets: 4 }).guardrails).toEqual({ maxTargets: 4 });
  });

  it('cannot loosen the run: every attempt is an error positioned on its value', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chaos-guardrails-'));
    const file = path.join(dir, 'loosen.yaml');
    writeFileSync(
      file,
      [
        'title: loosen',
        'description: d',
        'method: []',
        'extensions:',
        '  - name: chaos-action',
        '    guardrails:',
        '      allowed-account-ids: ["111122223333", "999988887777"]',
        '      required-tags:',
        '        chaos: whatever',
        '      max-targets: 10',
        '      blast-radius: 3',
        '',
      ].join('\n'),
    );
    const run: Guardrails = { allowedAccountIds: ['111122223333'], requiredTags: { chaos: 'allowed' }, maxTargets: 2 };
    const report = await validateFiles([file], {
      env: {},
      vars: mergeVars([], []),
      findExecutable: executableFinder(process.env.PATH),
      resolvePython: resolvePython({ python: oraclePython, env: process.env }),
      guardrails: run,
    });
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]?.replace(`${file}:`, ''))).toEqual([
      '7:28: error: allowed-account-ids names 999988887777, which the run does not allow (it allows 111122223333) (/extensions/0/guardrails/allowed-account-ids)',
      "9:16: error: required tag chaos=whatever contradicts the run's chaos=allowed (/extensions/0/guardrails/required-tags/chaos)",
      '10:20: error: max-targets 10 is more than the run allows (2) (/extensions/0/guardrails/max-targets)',
      '11:7: error: unknown guardrail "blast-radius" (/extensions/0/guardrails/blast-radius)',
    ]);
    // The same file is valid for a run that allows it all (max-targets 10 given: the default of 1 would refuse it).
    const open = await validateFiles([file], {
      guardrails: { maxTargets: 10 },
      env: {},
      vars: mergeVars([], []),
      findExecutable: executableFinder(process.env.PATH),
      resolvePython: resolvePython({ python: oraclePython, env: process.env }),
    });
    expect(open.diagnostics.map((d) => d.code)).toEqual(['guardrails-unknown-key']);
  });

  it('must be well-formed', () => {
    const { problems } = experimentGuardrails(withGuardrails({ 'allowed-account-ids': [12345], 'required-tags': ['chaos=allowed'], 'max-targets': -1 }));
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [
        '/extensions/0/guardrails/allowed-account-ids',
        'allowed-account-ids: 12345 is not an AWS account id (12 digits; quote it, a leading 0 is lost in a number)',
      ],
      ['/extensions/0/guardrails/required-tags', 'required-tags must be a mapping of tag keys to string values'],
      ['/extensions/0/guardrails/max-targets', 'max-targets is -1: expected a whole number, 0 or more'],
    ]);
    expect(experimentGuardrails({ title: 't', extensions: [{ name: 'chaos-action', guardrails: 'tight' }] }).problems[0]?.message).toBe(
      'guardrails in the chaos-action extension must be a mapping',
    );
  });
});

describe('guardrails from the command line and the action inputs', () => {
  it('parse account ids, key=value tags and a count, with what would be right on a mistake', () => {
    expect(parseAccountIds('111122223333, 444455556666\n111122223333')).toEqual({ ok: true, value: ['111122223333', '444455556666'] });
    expect(parseAccountIds('1111-2222-3333')).toEqual({
      ok: false,
      problem: '"1111-2222-3333" is not an AWS account id: expected 12 digits, e.g. 111122223333',
    });
    expect(parseRequiredTags('chaos=allowed, env = staging,owner=')).toEqual({ ok: true, value: { chaos: 'allowed', env: 'staging', owner: '' } });
    expect(parseRequiredTags('chaos')).toEqual({ ok: false, problem: '"chaos" is not a tag: expected key=value, e.g. chaos=allowed' });
    expect(parseRequiredTags('env=a,env=b')).toMatchObject({ ok: false, problem: expect.stringContaining('tag "env" is required twice') });
    expect(parseMaxTargets('3')).toEqual({ ok: true, value: 3 });
    expect(parseMaxTargets('all')).toEqual({ ok: false, problem: '"all" is not a number of resources: expected a whole number, 0 or more (default 1)' });
  });

  it('are read from the action inputs, every problem reported', () => {
    const env = (inputs: Record<string, string>) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]));
    const guardrails = (r: ReturnType<typeof readActionInputs>): Guardrails | undefined => (r.ok ? guardrailsOf(r.settings, r.given) : undefined);
    expect(guardrails(readActionInputs(env({ 'allowed-account-ids': '111122223333', 'required-tags': 'chaos=allowed', 'max-targets': '2' })))).toEqual({
      allowedAccountIds: ['111122223333'],
      requiredTags: { chaos: 'allowed' },
      maxTargets: 2,
    });
    expect(guardrails(readActionInputs({}))).toEqual({});
    const bad = readActionInputs(env({ 'allowed-account-ids': 'prod', 'required-tags': '=x', 'max-targets': '-1' }));
    expect(bad.ok ? [] : bad.problems).toEqual([
      'input "allowed-account-ids" is "prod": "prod" is not an AWS account id: expected 12 digits, e.g. 111122223333',
      'input "required-tags" is "=x": "=x" is not a tag: expected key=value, e.g. chaos=allowed',
      'input "max-targets" is "-1": "-1" is not a number of resources: expected a whole number, 0 or more (default 1)',
    ]);
  });

  it('are usage errors on the command line (exit 2), before anything is read or run', async () => {
    const r = await runSourceCli(['run', '--max-targets', 'many', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'chaos-action run: --max-targets many: "many" is not a number of resources: expected a whole number, 0 or more (default 1). See \'chaos-action run --help\'.',
    );
    const tags = await runSourceCli(['run', '--required-tags', 'chaos', 'no-such-folder']);
    expect(tags.code).toBe(2);
    expect(tags.stderr).toContain('--required-tags chaos: "chaos" is not a tag: expected key=value');
  });
});
