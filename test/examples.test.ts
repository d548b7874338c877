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

  it('select pull request and nightly experiments by tags, not by folder', () => {
    const tagsOf = (w: Workflow): string[] =>
      chaosSteps(w).flatMap((s) =>
        String(s.with?.tags ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      );
    for (const w of workflows) for (const s of chaosSteps(w)) expect(s.with?.tags, `${w.file}: every chaos step selects by tag`).toBeDefined();
    const pr = workflows.filter(onPullRequest).flatMap(tagsOf);
    const night = workflows.filter(nightly).flatMap(tagsOf);
    expect(pr).toContain('pr');
    expect(night).toContain('nightly');
    for (const t of night) expect(pr, `the pull request gate selects the nightly tag ${t}`).not.toContain(t);
  });

  it("give the chaos steps only inputs their action.yml declares (the main action's, and merge/action.yml's)", () => {
    const declared = (file: string): string[] =>
      Object.keys((parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    const main = declared('action.yml');
    const merge = declared('merge/action.yml');
    let merges = 0;
    for (const w of workflows) {
      for (const step of Object.values(w.jobs).flatMap((j) => j.steps ?? [])) {
        const inputs = step.uses?.startsWith('org/chaos-action@') ? main : step.uses?.startsWith('org/chaos-action/merge@') ? merge : undefined;
        if (step.uses?.startsWith('org/chaos-action/merge@')) merges++;
        if (!inputs) continue;
        for (const key of Object.keys(step.with ?? {})) expect(inputs, `${w.file}: ${step.uses} has no input ${key}`).toContain(key);
      }
    }
    expect(merges).toBeGreaterThanOrEqual(1);
  });

  it('run the nightly suite as a matrix of environments × shards, merged into one gate that notifies on failure', () => {
    const w = workflows.find(nightly) as Workflow;
    const legs = Object.entries(w.jobs).filter(([, j]) => j.steps?.some((s) => s.uses?.startsWith('org/chaos-action@')));
    expect(legs).toHaveLength(1);
    const [legName, leg] = legs[0] as [string, Job & { strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> } }];
    expect(leg.strategy?.['fail-fast']).toBe(false);
    const matrix = leg.strategy?.matrix as Record<string, unknown[]>;
    expect(matrix.shard?.length).toBeGreaterThan(1);
    expect(matrix.env?.length).toBeGreaterThan(1);
    const step = leg.steps?.find((s) => s.uses?.startsWith('org/chaos-action@')) as Step;
    expect(step.with?.shard).toBe(`\${{ matrix.shard }}/${matrix.shard?.length}`);
    expect(step.with?.['comment-key']).toBe('${{ matrix.env }}');
    expect(step.with?.comment).toBe('never');
    const merges = Object.values(w.jobs).filter((j) => j.steps?.some((s) => s.uses?.startsWith('org/chaos-action/merge@')));
    expect(merges).toHaveLength(1);
    const merge = merges[0] as Job;
    expect(needsOf(merge)).toContain(legName);
    expect(merge.if).toBe('always()');
    const mergeStep = merge.steps?.find((s) => s.uses?.startsWith('org/chaos-action/merge@')) as Step & { id?: string };
    const notify = merge.steps?.find((s) => s.uses?.startsWith('slackapi/slack-github-action@')) as (Step & { if?: string }) | undefined;
    expect(notify?.uses).toMatch(/@v\d+\.\d+\.\d+$/);
    expect(notify?.if).toContain(`steps.${mergeStep.id}.outputs.gate != 'passed'`);
    expect(notify?.if).toContain('always()');
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
