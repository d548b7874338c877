// An action's declared exit codes or HTTP statuses (its `chaos-action: {expect: …}` key): checked
// with positions, like everything else in the file.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';

function diagnose(value: Record<string, unknown>) {
  const loaded = parseExperimentText('e.json', 'json', JSON.stringify(value, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
}

const processAction = { type: 'action', name: 'drain', provider: { type: 'process', path: 'drain' } };
const httpAction = { type: 'action', name: 'purge', provider: { type: 'http', url: 'http://127.0.0.1:9/purge' } };
const pythonAction = { type: 'action', name: 'stop', provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instances' } };
const inMethod = (activity: Record<string, unknown>, key: unknown) => ({ title: 't', description: 'd', method: [{ ...activity, 'chaos-action': key }] });
const found = (v: Record<string, unknown>) =>
  diagnose(v)
    .filter((d) => d.code.startsWith('expect-'))
    .map((d) => ({ severity: d.severity, code: d.code, pointer: d.pointer, message: d.message }));

describe('an expectation on an action', () => {
  it.each([
    ['exit codes on a process action', inMethod(processAction, { expect: { 'exit-codes': [0, 3] } })],
    ['statuses on an http action', inMethod(httpAction, { expect: { statuses: [200, 404] } })],
    [
      'exit codes on a rollback',
      { title: 't', description: 'd', method: [], rollbacks: [{ ...processAction, 'chaos-action': { expect: { 'exit-codes': [1] } } }] },
    ],
  ])('is valid: %s', (_name, experiment) => {
    expect(diagnose(experiment)).toEqual([]);
  });

  it.each([
    ['not a mapping', inMethod(processAction, [0, 3]), '/method/0/chaos-action', 'chaos-action on an activity must be a mapping'],
    ['expect not a mapping', inMethod(processAction, { expect: [0] }), '/method/0/chaos-action/expect', 'expect must be a mapping'],
    [
      'exit codes not a list',
      inMethod(processAction, { expect: { 'exit-codes': 3 } }),
      '/method/0/chaos-action/expect/exit-codes',
      'exit-codes must be a non-empty list of exit codes, whole numbers from 0 to 255 (negative: killed by that signal)',
    ],
    [
      'an empty list',
      inMethod(httpAction, { expect: { statuses: [] } }),
      '/method/0/chaos-action/expect/statuses',
      'statuses must be a non-empty list of HTTP statuses, whole numbers from 100 to 599',
    ],
    [
      'an exit code out of range',
      inMethod(processAction, { expect: { 'exit-codes': [0, 256] } }),
      '/method/0/chaos-action/expect/exit-codes/1',
      'exit-codes holds 256: expected exit codes, whole numbers from 0 to 255 (negative: killed by that signal)',
    ],
    [
      'a status that is a string',
      inMethod(httpAction, { expect: { statuses: ['404'] } }),
      '/method/0/chaos-action/expect/statuses/0',
      'statuses holds "404": expected HTTP statuses, whole numbers from 100 to 599',
    ],
    [
      'statuses on a process action',
      inMethod(processAction, { expect: { statuses: [200] } }),
      '/method/0/chaos-action/expect/statuses',
      'statuses applies to http actions; this one has a process provider',
    ],
    [
      'exit codes on a python action',
      inMethod(pythonAction, { expect: { 'exit-codes': [0] } }),
      '/method/0/chaos-action/expect/exit-codes',
      'exit-codes applies to process actions; this one has a python provider',
    ],
  ])('is an error when %s', (_name, experiment, pointer, message) => {
    expect(found(experiment)).toContainEqual({ severity: 'error', code: expect.stringMatching(/^expect-/), pointer, message });
  });

  it('positions the error on the value at fault, file:line:column', () => {
    const [d] = diagnose(inMethod(processAction, { expect: { 'exit-codes': [0, 1.5] } })).filter((x) => x.severity === 'error');
    expect(d).toMatchObject({ file: 'e.json', code: 'expect-codes', pointer: '/method/0/chaos-action/expect/exit-codes/1' });
    // JSON.stringify(…, null, 2): the second exit code is on line 16, column 13.
    expect([d?.line, d?.column]).toEqual([16, 13]);
  });

  it('warns about an unknown key (it is ignored) and about an expectation where nothing reads it', () => {
    expect(found(inMethod(processAction, { expect: { exit_codes: [1] } }))).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'expect-unknown-key', pointer: '/method/0/chaos-action/expect/exit_codes' }),
    ]);
    const probe = { type: 'probe', name: 'look', provider: { type: 'process', path: 'look' } };
    expect(found(inMethod(probe, { expect: { 'exit-codes': [1] } }))).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'expect-ignored', pointer: '/method/0/chaos-action' }),
    ]);
    const ref = { title: 't', description: 'd', method: [processAction, { ref: 'drain', 'chaos-action': { expect: { 'exit-codes': [1] } } }] };
    expect(found(ref)).toEqual([expect.objectContaining({ severity: 'warning', code: 'expect-ignored', pointer: '/method/1/chaos-action' })]);
  });
});
