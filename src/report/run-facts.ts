// The line under the report's title that says which run a table belongs to: the commit, when it
// ran, the comment-key, whether a fault may be left behind, and links to the run and the journals.
// A sticky comment is edited in place run after run; this line tells a reader which run it shows.
import { isoTimestamp } from '../engine/clock.js';
import { oneLine } from '../experiment/safe-text.js';
import type { ExperimentResult } from './results.js';

export interface RunFacts {
  /** The commit under test: a pull request's head commit, else the one the workflow ran on. */
  readonly commit?: { readonly sha: string; readonly url: string };
  /** When the run started, in milliseconds since the epoch. */
  readonly startedAt?: number;
  /** The comment-key (an environment, a matrix leg); shown unless it is `default`. */
  readonly key?: string;
  /** The workflow run. */
  readonly runUrl?: string;
  /** The journals artifact (journals, report.md, report.html, results.json): its URL once uploaded, `not-uploaded` when the upload failed; absent where there is none (the CLI). */
  readonly artifact?: { readonly url: string } | 'not-uploaded';
}

/** `2026-01-31 04:40:05 UTC`. */
export function runTime(ms: number): string {
  const iso = isoTimestamp(Math.floor(ms / 1000) * 1000);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** What the rollbacks left, over all experiments; undefined when none started. */
export function rollbacksFact(experiments: readonly ExperimentResult[]): string | undefined {
  const states = experiments.flatMap((e) => (e.rollbacks ? [e.rollbacks] : []));
  if (states.length === 0) return undefined;
  if (states.includes('owed')) return 'rollbacks: ⚠ a fault may be left behind';
  const skipped = states.filter((s) => s === 'skipped').length;
  if (skipped) return `rollbacks: ⚠ skipped by the rollback strategy in ${skipped} experiment${skipped === 1 ? '' : 's'}`;
  return states.includes('played') ? 'rollbacks: all played' : 'rollbacks: none to play';
}

/** A link target Markdown cannot misread (spaces, parentheses and angle brackets escaped). */
const target = (url: string): string => url.replace(/[\s()<>]/g, encodeURIComponent);

const SHA = /^[0-9a-f]{7,64}$/i;

/** The facts as one line of Markdown, `·`-separated; empty when there are none. */
export function factsLine(experiments: readonly ExperimentResult[], facts: RunFacts): string {
  const { commit, artifact } = facts;
  return [
    commit && SHA.test(commit.sha) ? `commit [\`${commit.sha.slice(0, 7).toLowerCase()}\`](${target(commit.url)})` : '',
    facts.startedAt !== undefined ? `ran ${runTime(facts.startedAt)}` : '',
    facts.key && facts.key !== 'default' ? `comment-key \`${oneLine(facts.key).replace(/`/g, ' ')}\`` : '',
    rollbacksFact(experiments) ?? '',
    facts.runUrl ? `[run](${target(facts.runUrl)})` : '',
    // The artifact carries every format: the HTML report is the one to open for the timelines and each activity.
    artifact === 'not-uploaded' ? 'journals not uploaded (see the job log)' : artifact ? `[journals](${target(artifact.url)}) (with report.html)` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
