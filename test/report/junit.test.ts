// The JUnit XML: valid against the JUnit schema test reporters read (checked by xmllint), one
// testcase per experiment, and never a pass that the gate would not give.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { type ExperimentResult, summarize } from '../../src/report/results.js';
import { DEFAULT_FAIL_ON, type Verdict } from '../../src/report/verdict.js';
import { validateXml, xpath } from '../support/xmllint.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chaos-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const result = (verdict: Verdict, extra: Partial<ExperimentResult> = {}): ExperimentResult => ({
  file: `experiments/db/${verdict}.yaml`,
  title: `${verdict} title`,
  verdict,
  reasons: verdict === 'passed' ? [] : [`why ${verdict}`],
  status: 'completed',
  deviated: verdict === 'deviated',
  steadyStateBefore: true,
  steadyStateAfter: verdict !== 'deviated',
  duration: 1.5,
  journal: `${verdict}.journal.json`,
  ...extra,
});

let n = 0;
function written(results: ReturnType<typeof summarize>): string {
  const file = path.join(dir, `junit-${n++}.xml`);
  writeFileSync(file, renderJunit(results, { journalDir: '/runs/out' }));
  return file;
}

describe('JUnit XML', () => {
  it('is valid against junit-10.xsd with one testcase per experiment, every verdict', () => {
    const file = written(
      summarize(
        [
          ...['passed', 'regressed', 'deviated', 'missed-objective', 'failed', 'not-ready', 'interrupted', 'invalid', 'dry-run'].map((v) =>
            result(v as Verdict),
          ),
        ],
        DEFAULT_FAIL_ON,
        '1.2.3',
      ),
    );
    const check = validateXml(file);
    expect(check.valid, check.output).toBe(true);
    expect(xpath(file, 'count(//testcase)')).toBe('9');
    expect(xpath(file, 'string(//testcase[@name="deviated title"]/@classname)')).toBe('experiments/db');
    expect(xpath(file, 'string(//testcase[@name="deviated title"]/@time)')).toBe('1.500');
    expect(xpath(file, 'string(//testcase[@name="deviated title"]/failure/@type)')).toBe('deviated');
    expect(xpath(file, 'string(//testcase[@name="deviated title"]/failure/@message)')).toBe('deviated: why deviated');
    expect(xpath(file, 'count(//testcase[@name="passed title"]/failure | //testcase[@name="passed title"]/skipped)')).toBe('0');
    expect(xpath(file, 'string(//testsuite/@failures)')).toBe('7');
  });

  it('names each journal: a suite property and an attachment in the testcase output', () => {
    const file = written(summarize([result('passed')], DEFAULT_FAIL_ON, '1'));
    expect(xpath(file, 'string(//property[@name="journal:experiments/db/passed.yaml"]/@value)')).toBe('/runs/out/passed.journal.json');
    expect(xpath(file, 'string(//testcase/system-out)')).toContain('[[ATTACHMENT|/runs/out/passed.journal.json]]');
  });

  it('never passes a verdict left out of fail-on: it is skipped, with the verdict and its reasons', () => {
    const file = written(summarize([result('deviated'), result('dry-run')], ['failed'], '1'));
    expect(validateXml(file).valid).toBe(true);
    expect(xpath(file, 'string(//testcase[@name="deviated title"]/skipped/@type)')).toBe('deviated');
    expect(xpath(file, 'string(//testcase[@name="dry-run title"]/skipped/@message)')).toContain('dry-run: why dry-run');
    expect(xpath(file, 'count(//failure)')).toBe('0');
  });

  it('fails not-ready, stopped and interrupted even when fail-on leaves them out: the gate never reads passed for them', () => {
    const file = written(summarize([result('not-ready'), result('stopped'), result('interrupted')], ['deviated'], '1'));
    expect(xpath(file, 'count(//failure)')).toBe('3');
  });

  it('regressed passes unless fail-on lists it (it met its objectives, only worse than last time); the regression is in its output', () => {
    const regressed = result('regressed', { reasons: ['RTO 31 s, 19 s worse than the previous run'] });
    const file = written(summarize([regressed], DEFAULT_FAIL_ON, '1'));
    expect(validateXml(file).valid).toBe(true);
    expect(xpath(file, 'count(//failure | //skipped)')).toBe('0');
    expect(xpath(file, 'string(//testcase/system-out)')).toContain('RTO 31 s, 19 s worse than the previous run');
    const listed = written(summarize([regressed], [...DEFAULT_FAIL_ON, 'regressed'], '1'));
    expect(xpath(listed, 'string(//failure/@type)')).toBe('regressed');
  });

  it('a dry run listed in fail-on is a failure, as the step fails', () => {
    const file = written(summarize([result('dry-run')], DEFAULT_FAIL_ON, '1', 'actions'));
    expect(xpath(file, 'string(//failure/@type)')).toBe('dry-run');
    expect(xpath(file, 'string(//property[@name="dry"]/@value)')).toBe('actions');
  });

  it('escapes whatever a pull request puts in titles, files and reasons, and stays valid', () => {
    const hostile = 'a ]]> <b>&amp;</b> "q" \'s\' \u0001\u0008\u001b[31m \uFFFE \uD800 tab\tline\nend\r';
    const file = written(summarize([result('deviated', { title: hostile, file: `x/${hostile}.yaml`, reasons: [hostile] })], DEFAULT_FAIL_ON, '1'));
    const check = validateXml(file);
    expect(check.valid, check.output).toBe(true);
    const title = xpath(file, 'string(//testcase/@name)');
    expect(title).toContain('a ]]> <b>&amp;</b> "q" \'s\'');
    expect(title).toContain('\\u0001\\u0008\\u001b[31m \\ufffe \\ud800 tab\tline\nend\r');
    expect(xpath(file, 'string(//failure)')).toContain('a ]]> <b>&amp;</b>');
  });
});
