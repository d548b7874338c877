// Did an action take effect: from its run record alone (and what the activity declares it may answer).
import { describe, expect, it } from 'vitest';
import { activityEffects, describeNoEffect, noEffect } from '../../src/engine/effect.js';
import { exceptionLines, newJournal, type RunRecord } from '../../src/engine/journal.js';

const processRecord = (status: number, stderr = '', extra: Record<string, unknown> = {}): RunRecord => ({
  activity: { type: 'action', name: 'restore', provider: { type: 'process', path: 'cp', arguments: ['a', 'b'] }, ...extra },
  output: { status, stdout: '', stderr },
  start: 's',
  status: 'succeeded',
});
const httpRecord = (status: number, body: unknown = '', extra: Record<string, unknown> = {}): RunRecord => ({
  activity: { type: 'action', name: 'purge', provider: { type: 'http', url: 'http://127.0.0.1:9/purge' }, ...extra },
  output: { status, headers: {}, body },
  start: 's',
  status: 'succeeded',
});

describe('noEffect', () => {
  it('a process that exits non-zero did not take effect: the exit code and the first line of stderr say why', () => {
    const e = noEffect(processRecord(1, "\ncp: cannot stat 'backup': No such file or directory\nmore\n"));
    expect(e).toEqual({ kind: 'result', why: "exit code 1: cp: cannot stat 'backup': No such file or directory" });
    expect(describeNoEffect(e as NonNullable<typeof e>)).toBe("did not take effect: exit code 1: cp: cannot stat 'backup': No such file or directory");
  });

  it('a process that exits 0 took effect; one killed by a signal did not', () => {
    expect(noEffect(processRecord(0, 'a warning on stderr'))).toBeUndefined();
    expect(noEffect(processRecord(-9))).toEqual({ kind: 'result', why: 'exit code -9 (killed by signal 9)' });
  });

  it('shortens a long stderr line', () => {
    const why = noEffect(processRecord(2, 'x'.repeat(1000)))?.why ?? '';
    expect(why.length).toBeLessThan(200);
    expect(why).toMatch(/^exit code 2: x+…$/);
  });

  it('exit codes the activity declares replace 0', () => {
    const expect03 = { 'chaos-action': { expect: { 'exit-codes': [0, 3] } } };
    expect(noEffect(processRecord(3, '', expect03))).toBeUndefined();
    expect(noEffect(processRecord(1, '', expect03))?.why).toBe('exit code 1');
    expect(noEffect(processRecord(0, '', { 'chaos-action': { expect: { 'exit-codes': [1] } } }))?.why).toBe('exit code 0');
  });

  it('an http action answered 400 or more did not take effect, unless it declares that status', () => {
    expect(noEffect(httpRecord(500, 'backend down\n<trace>'))).toEqual({ kind: 'result', why: 'HTTP status 500: backend down' });
    expect(noEffect(httpRecord(404, { error: 'gone' }))).toEqual({ kind: 'result', why: 'HTTP status 404' });
    expect(noEffect(httpRecord(399))).toBeUndefined();
    const expect404 = { 'chaos-action': { expect: { statuses: [200, 404] } } };
    expect(noEffect(httpRecord(404, '', expect404))).toBeUndefined();
    expect(noEffect(httpRecord(201, '', expect404))?.why).toBe('HTTP status 201');
  });

  it('a failed activity (a python function that raised) and one that did not finish did not take effect', () => {
    const raised: RunRecord = {
      activity: { type: 'action', name: 'py', provider: { type: 'python', module: 'm', func: 'f' } },
      output: null,
      start: 's',
      status: 'failed',
      exception: exceptionLines('ValueError: no such pod'),
    };
    expect(noEffect(raised)).toEqual({ kind: 'failed', why: 'ValueError: no such pod' });
    expect(noEffect({ ...raised, status: undefined, exception: undefined })).toEqual({ kind: 'unfinished', why: 'did not finish' });
    expect(noEffect({ ...raised, status: 'succeeded', exception: undefined, output: null })).toBeUndefined();
  });
});

describe('activityEffects', () => {
  it('lists the method actions and the rollbacks that ran, not the probes, with why one did not take effect', () => {
    const journal = newJournal({ title: 't', dry: null }, 's');
    journal.run = [processRecord(0), { ...httpRecord(200), activity: { type: 'probe', name: 'look', provider: { type: 'http', url: 'u' } } }, httpRecord(503)];
    journal.rollbacks = [processRecord(1, 'cp: cannot stat')];
    expect(activityEffects(journal, null)).toEqual([
      { phase: 'method', index: 0, name: 'restore', 'took-effect': true },
      { phase: 'method', index: 2, name: 'purge', 'took-effect': false, why: 'HTTP status 503' },
      { phase: 'rollbacks', index: 0, name: 'restore', 'took-effect': false, why: 'exit code 1: cp: cannot stat' },
    ]);
  });

  it('leaves out the actions a dry run did not run', () => {
    const journal = newJournal({ title: 't', dry: 'actions' }, 's');
    journal.run = [{ ...processRecord(0), output: null }];
    expect(activityEffects(journal, 'actions')).toEqual([]);
  });
});
