// The example workflows are what a platform team copies: they must wire a safe promotion. Read as
// GitHub reads them (YAML 1.2: `on` is a key, not a boolean), every one of them is checked here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/oracle.js';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly environment?: string | { readonly name: string };
  readonly permissions?: Record<string, string> | string;
  readonly 'timeout-minutes'?: unknown;
  readonly steps?: Step[];
}

interface Workflow {
  readonly file: string;
  readonly on: Record<string, unknown> | string | string[];
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress'?: boolean } | string;
  readonly permissions?: Record<string, string> | string;
  readonly jobs: Record<string, Job>;
}

const dir = path.join(repoRoot, 'examples', 'workflows');
const workflows: Workflow[] = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((file) => ({ file, ...(parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<Workflow, 'file'>) }));

const triggers = (w: Workflow): string[] => (typeof w.on === 'string' ? [w.on] : Array.isArray(w.on) ? w.on : Object.keys(w.on));
const onPullRequest = (w: Workflow): boolean => triggers(w).some((t) => t === 'pull_request' || t === 'pull_request_target');
const nightly = (w: Workflow): boolean => triggers(w).includes('schedule');
const environmentOf = (job: Job): string | undefined => (typeof job.environment === 'string' ? job.environment : job.environment?.name);
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : job.needs);
const chaosSteps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => (j.steps ?? []).filter((s) => s.uses?.startsWith('org/chaos-action@')));
/** The experiments input as the action reads it: one path per line or comma-separated. */
const experimentPaths = (w: Workflow): string[] =>
  chaosSteps(w).flatMap((s) =>
    String(s.with?.experiments ?? 'experiments')
      .split(/\r?\n|,/)
      .map((p) => p.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  );
const within = (child: string, parent: string): boolean => child === parent || child.startsWith(`${parent}/`);
/** A job that promotes: it deploys to the production environment. */
const promotes = (job: Job): boolean => environmentOf(job) === 'production';

describe('the example workflows', () => {
  it('are a pull request gate, a promotion and a nightly run', () => {
    expect(workflows.filter(onPullRequest).length).toBeGreaterThanOrEqual(1);
    expect(workflows.filter(nightly).length).toBeGreaterThanOrEqual(1);
    expect(workflows.flatMap((w) => Object.values(w.jobs)).filter(promotes).length).toBeGreaterThanOrEqual(1);
  });

  it('never promote from a pull_request run: only from main, after an approval, on a gate that passed', () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries(w.jobs).filter(([, j]) => promotes(j))) {
        const where = `${w.file}: job ${name}`;
        expect(onPullRequest(w), `${where} is in a workflow a pull request triggers`).toBe(false);
        expect(job.if, where).toContain("github.ref == 'refs/heads/main'");
        const gate = /needs\.([\w-]+)\.outputs\.gate == 'passed'/.exec(job.if ?? '');
        expect(gate, `${where} must depend on the gate output`).not.toBeNull();
        expect(needsOf(job), where).toContain(gate?.[1]);
        expect(
          w.jobs[gate?.[1] as string]?.steps?.some((s) => s.uses?.startsWith('org/chaos-action@')),
          where,
        ).toBe(true);
      }
    }
  });

  it('give every job a timeout', () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries(w.jobs)) {
        expect(Number.isInteger(job['timeout-minutes']) && (job['timeout-minutes'] as number) > 0, `${w.file}: job ${name}`).toBe(true);
      }
    }
  });

  it('grant permissions per job: nothing at the workflow level; a promotion never writes pull requests', () => {
    for (const w of workflows) {
      expect(w.permissions, w.file).toEqual({});
      for (const [name, job] of Object.entries(w.jobs)) {
        const where = `${w.file}: job ${name}`;
        expect(typeof job.permissions, where).toBe('object');
        const permissions = job.permissions as Record<string, string>;
        // Only a job that posts the sticky comment, in a pull request workflow, may write pull requests.
        if (permissions['pull-requests'] === 'write') {
          expect(onPullRequest(w), where).toBe(true);
          expect(
            job.steps?.some((s) => s.uses?.startsWith('org/chaos-action@')),
            where,
          ).toBe(true);
        }
        if (promotes(job)) expect(permissions['pull-requests'], where).toBeUndefined();
        // An OIDC token only where a role is assumed.
        if (permissions['id-token'] === 'write') {
          const assumes = job.steps?.some((s) => s.with?.['role-to-assume'] !== undefined);
          expect(assumes, `${where} asks for id-token but assumes no role`).toBe(true);
        }
      }
    }
  });

  it('keep pull request gates and nightly runs in different concurrency groups: a pull request cancels its own older run only', () => {
    const groupOf = (w: Workflow): { group: string; cancel: boolean } => {
      expect(typeof w.concurrency, `${w.file} has a concurrency group`).toBe('object');
      const c = w.concurrency as { group: string; 'cancel-in-progress'?: boolean };
      return { group: c.group, cancel: c['cancel-in-progress'] === true };
    };
    const pr = workflows.filter(onPullRequest).map(groupOf);
    const night = workflows.filter(nightly).map(groupOf);
    for (const p of pr) {
      expect(p.group).toContain('github.event.pull_request.number');
      expect(p.cancel).toBe(true);
      for (const n of night) expect(n.group).not.toBe(p.group);
    }
    for (const n of night) expect(n.cancel).toBe(false);
  });

  it('select pull request and nightly experiments separately: no pull request folder holds a nightly-only one', () => {
    const prPaths = workflows.filter(onPullRequest).flatMap(experimentPaths);
    const nightlyOnly = workflows
      .filter(nightly)
      .flatMap(experimentPaths)
      .filter((p) => !prPaths.includes(p));
    expect(prPaths.length).toBeGreaterThan(0);
    expect(nightlyOnly.length).toBeGreaterThan(0);
    for (const n of nightlyOnly) for (const p of prPaths) expect(within(n, p), `the pull request gate's ${p} holds ${n}`).toBe(false);
  });

  it('end a pull request gate with a required-check job that fails when the gate was skipped, cancelled or failed', () => {
    for (const w of workflows.filter(onPullRequest)) {
      const gateJobs = Object.entries(w.jobs)
        .filter(([, j]) => j.steps?.some((s) => s.uses?.startsWith('org/chaos-action@')))
        .map(([name]) => name);
      const required = Object.values(w.jobs).filter((j) => j.if === 'always()' && gateJobs.every((g) => needsOf(j).includes(g)));
      expect(required, w.file).toHaveLength(1);
      const script = required[0]?.steps?.map((s) => `${JSON.stringify(s)}`).join('\n') ?? '';
      for (const g of gateJobs) expect(script).toContain(`needs.${g}.result`);
      expect(script).toContain('exit 1');
    }
  });
});
