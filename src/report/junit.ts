// The run as JUnit XML, for the test reporters teams already use (dorny/test-reporter,
// mikepenz/action-junit-report, GitLab, Jenkins): one <testcase> per experiment, valid against
// the Jenkins xUnit plugin's junit-10.xsd (test/fixtures/junit/junit-10.xsd).
//
// The gate never lies, here too: a testcase passes only when its verdict is `passed` (or
// `regressed` when fail-on leaves it out: it met its hypothesis and objectives, only worse than
// the previous run; its system-out says so). A verdict
// that fails the gate or the step (listed in fail-on; or not-ready, stopped, interrupted, invalid, which
// never let the gate read passed) is a <failure> whose type is the verdict. Any other verdict (one
// left out of fail-on, a dry run with dry-run left out) is <skipped> with the verdict and its
// reasons: not a pass, and not a failure the step did not have.
//
// junit-10.xsd has no <properties> in a <testcase>: the journal of each experiment is a
// `journal:<file>` property of the suite and an `[[ATTACHMENT|path]]` line in the testcase's
// <system-out> (Jenkins' and GitLab's attachment convention).
import path from 'node:path';
import { type ExperimentResult, type RunResults, UNTESTED } from './results.js';
import type { Verdict } from './verdict.js';

export interface JunitOptions {
  /** Where the journals are, to name them in attachments (as results.json names them, relative to it). */
  readonly journalDir?: string;
}

export function renderJunit(results: RunResults, options: JunitOptions = {}): string {
  const cases = results.experiments.map((e) => ({ e, outcome: outcomeOf(e, results.failOn) }));
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const time = seconds(results.experiments.reduce((sum, e) => sum + (Number.isFinite(e.duration) ? e.duration : 0), 0));
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  const journalOf = (e: ExperimentResult): string | undefined =>
    e.journal === null ? undefined : options.journalDir && !path.isAbsolute(e.journal) ? path.join(options.journalDir, e.journal) : e.journal;
  const properties = [
    property('tool', results.tool),
    property('version', results.version),
    property('verdict', results.verdict),
    property('gate', results.gate),
    property('fail-on', results.failOn.join(',')),
    ...(results.dry ? [property('dry', results.dry)] : []),
    ...results.experiments.flatMap((e) => {
      const journal = journalOf(e);
      return journal ? [property(`journal:${e.file}`, journal)] : [];
    }),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chaos-action" ${counts} time="${time}">`,
    `  <testsuite name="chaos-action" ${counts} skipped="${skipped}" time="${time}">`,
    '    <properties>',
    ...properties.map((p) => `      ${p}`),
    '    </properties>',
    ...cases.flatMap(({ e, outcome }) => testcase(e, outcome, journalOf(e))),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

type Outcome = 'passed' | 'failure' | 'skipped';

function outcomeOf(e: ExperimentResult, failOn: readonly Verdict[]): Outcome {
  if (e.verdict === 'passed') return 'passed';
  // It passed its hypothesis and objectives, only worse than last time: a pass unless fail-on lists it.
  if (e.verdict === 'regressed' && !failOn.includes('regressed')) return 'passed';
  return failOn.includes(e.verdict) || UNTESTED.includes(e.verdict) ? 'failure' : 'skipped';
}

function testcase(e: ExperimentResult, outcome: Outcome, journal: string | undefined): string[] {
  const folder = path.dirname(e.file);
  const classname = folder === '.' || folder === '' ? 'chaos-action' : folder.split(path.sep).join('/');
  const head = `    <testcase name="${attr(e.title)}" classname="${attr(classname)}" time="${seconds(e.duration)}">`;
  const reasons = e.reasons.length ? e.reasons : [e.verdict];
  const message = `${e.verdict}: ${reasons[0]}`;
  const body = reasons.map((r) => `- ${r}`).join('\n');
  const out = [head];
  if (outcome === 'failure') out.push(`      <failure type="${attr(e.verdict)}" message="${attr(message)}">${text(body)}</failure>`);
  if (outcome === 'skipped')
    out.push(`      <skipped type="${attr(e.verdict)}" message="${attr(`${message} (not in fail-on: not a pass)`)}">${text(body)}</skipped>`);
  const said = [
    `verdict: ${e.verdict}`,
    ...e.reasons.map((r) => `- ${r}`),
    `file: ${e.file}`,
    ...(journal ? [`journal: ${journal}`, `[[ATTACHMENT|${journal}]]`] : []),
  ];
  out.push(`      <system-out>${text(said.join('\n'))}</system-out>`, '    </testcase>');
  return out;
}

const property = (name: string, value: string): string => `<property name="${attr(name)}" value="${attr(value)}"/>`;

/** Seconds with three decimals (the schema's SUREFIRE_TIME: digits and a point). */
const seconds = (s: number): string => (Number.isFinite(s) && s > 0 ? s : 0).toFixed(3);

/**
 * Characters XML 1.0 cannot hold at all, not even as a reference: C0 controls but tab, newline
 * and carriage return; lone surrogates; U+FFFE and U+FFFF. They are shown as `\u0001`.
 */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const visible = (s: string): string => s.replace(INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Element text: `]]>` cannot close anything, as `>` is escaped too. */
export const text = (s: string): string => visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** An attribute value in double quotes; line breaks and tabs kept as references (a parser would fold them). */
export const attr = (s: string): string => text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
