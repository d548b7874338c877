// The unguarded mark: which activities can only mean AWS calls the guardrails cannot see (an error
// unmarked), and the shape of the mark itself.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';
import type { PythonLookup } from '../../src/python/signature.js';

const bridged: PythonLookup = { status: 'found', params: [{ name: 'bucket_name', kind: 'POSITIONAL_OR_KEYWORD', hasDefault: false }], builtin: false };
const builtin: PythonLookup = { status: 'found', params: [{ name: 'instance_ids', kind: 'POSITIONAL_OR_KEYWORD', hasDefault: false }], builtin: true };

function diagnose(method: unknown[]) {
  const loaded = parseExperimentText('u.json', 'json', JSON.stringify({ title: 't', description: 'd', method }, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  const python = new Map<string, PythonLookup>([
    ['chaosaws.s3.actions:delete_bucket', bridged],
    ['chaosaws.ec2.actions:stop_instances', builtin],
    ['mine.faults:delete_bucket', bridged],
  ]);
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python }).diagnostics.map((d) => `${d.severity}:${d.code}`);
}
const py = (module: string, func: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'action',
  name: 'a',
  provider: { type: 'python', module, func, arguments: args },
  ...extra,
});
const proc = (path: string, extra: Record<string, unknown> = {}) => ({
  type: 'action',
  name: 'p',
  provider: { type: 'process', path, arguments: ['s3', 'rb'] },
  ...extra,
});
const marked = { 'chaos-action': { unguarded: 'no native function' } };

describe('an activity the guardrails cannot see', () => {
  it('is an error unmarked when it is a chaosaws function that is not built in, or the AWS CLI', () => {
    expect(diagnose([py('chaosaws.s3.actions', 'delete_bucket', { bucket_name: 'b' })])).toEqual(['error:unguarded-unmarked']);
    expect(diagnose([proc('aws')])).toEqual(['error:unguarded-unmarked']);
    expect(diagnose([proc('/usr/local/bin/aws')])).toEqual(['error:unguarded-unmarked']);
  });

  it('is valid marked (a chaosaws function that is not built in still says it runs through the bridge)', () => {
    expect(diagnose([py('chaosaws.s3.actions', 'delete_bucket', { bucket_name: 'b' }, marked)])).toEqual([]);
    expect(diagnose([proc('aws', marked)])).toEqual([]);
  });

  it('is valid unmarked when it is not obviously AWS (it runs without the credentials), or a built-in', () => {
    expect(diagnose([py('mine.faults', 'delete_bucket', { bucket_name: 'b' })])).toEqual([]);
    expect(diagnose([proc('awsume'), proc('./load.sh')])).toEqual([]);
    expect(diagnose([py('chaosaws.ec2.actions', 'stop_instances', { instance_ids: ['i-1'] })])).toEqual([]);
  });

  it('takes a non-empty reason, in a mapping', () => {
    expect(diagnose([proc('aws', { 'chaos-action': { unguarded: ' ' } })])).toContain('error:schema-pattern');
    expect(diagnose([proc('aws', { 'chaos-action': { unguarded: true } })])).toContain('error:schema-type');
    expect(diagnose([proc('aws', { 'chaos-action': 'unguarded' })])).toEqual(['error:unguarded-unmarked', 'error:expect-shape']);
  });

  it('may mark a dynamic configuration probe too', () => {
    const loaded = parseExperimentText(
      'c.json',
      'json',
      JSON.stringify({
        title: 't',
        description: 'd',
        method: [],
        configuration: {
          zone: {
            type: 'probe',
            name: 'z',
            provider: { type: 'process', path: 'aws', arguments: ['ssm'] },
            'chaos-action': { unguarded: 'reads a parameter' },
          },
        },
      }),
    );
    if (!loaded.ok) throw new Error('does not load');
    const codes = validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics.map((d) => d.code);
    expect(codes).toEqual([]);
  });
});
