// Observed RPO against real PostgreSQL: a primary and a streaming replica on 127.0.0.1 behind a
// failover endpoint, and the repository's failover experiment (experiments/postgres-failover)
// run by the CLI from source, its built-in PostgreSQL canary writing through the endpoint.
//  (a) asynchronous replication: replication is cut, the primary keeps acknowledging writes, then
//      crashes; the standby is promoted. The writes between the cut and the crash are lost: the
//      observed RPO matches that window within ±(canary interval + 100 ms).
//  (b) synchronous replication: the same failover loses nothing acknowledged, RPO 0.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { repoRoot } from '../support/oracle.js';
import { type Cluster, query, startCluster } from '../support/postgres.js';

const EXPERIMENT = path.join(repoRoot, 'experiments', 'postgres-failover', 'failover.yaml');
const CANARY_INTERVAL = 0.2;

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly results: { verdict: string; experiments: { verdict: string; reasons: string[]; rpo?: { observed: number | null; lost: number | null; acknowledged: number; failed: number }; rto?: { observed: number | null } }[] };
  readonly journal: { run: { activity: { name: string }; output: { stdout?: string } | null; status?: string }[]; 'chaos-action': { durability: { rpo: number; lost: number; lostRanges: [number, number][]; writes: { seq: number; acknowledged: boolean }[] } } };
  readonly report: string;
}

async function runFailover(cluster: Cluster, work: string): Promise<Outcome> {
  const journalDir = path.join(work, cluster.sync ? 'sync' : 'async');
  const lines: string[] = [];
  const term = { color: false, out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) };
  const vars = {
    db_url: cluster.url,
    replica_url: cluster.replica.url,
    replica_port: String(cluster.replica.port),
    primary_pid: String(cluster.primary.pid),
    control_url: cluster.control.url,
    steps: path.join(repoRoot, 'experiments', 'postgres-failover', 'failover.mjs'),
  };
  const code = await main(['run', '--journal-dir', journalDir, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]), EXPERIMENT], term, { ...process.env, NO_COLOR: '1' });
  const read = (name: string) => readFileSync(path.join(journalDir, name), 'utf8');
  return { code, out: lines.join('\n'), results: JSON.parse(read('results.json')), journal: JSON.parse(read('failover.journal.json')), report: read('report.md') };
}

/** When a step of the method took effect, from the {"at": ...} it printed. */
function stepAt(outcome: Outcome, name: string): number {
  const record = outcome.journal.run.find((r) => r.activity.name === name);
  return (JSON.parse(String(record?.output?.stdout)) as { at: number }).at;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chaos-failover-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('(a) asynchronous replication', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ sync: false });
  });
  afterAll(() => cluster?.destroy());

  it('measures the writes lost between the cut and the crash, within ±(canary interval + 100 ms), and misses an RPO objective of 0', async () => {
    const outcome = await runFailover(cluster, work);
    const truth = (stepAt(outcome, 'crash-the-primary') - stepAt(outcome, 'cut-replication')) / 1000;
    const d = outcome.journal['chaos-action'].durability;
    expect(outcome.journal.run.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(d.lost).toBeGreaterThan(0);
    expect(Math.abs(d.rpo - truth)).toBeLessThanOrEqual(CANARY_INTERVAL + 0.1);
    // One stretch of loss, and what the canary says was lost really is missing from the new primary.
    expect(d.lostRanges).toHaveLength(1);
    const kept = new Set((await query(cluster.url, 'SELECT seq FROM chaos_action_canary')).map((r) => Number(r.seq)));
    const [from, to] = d.lostRanges[0] as [number, number];
    for (let seq = from; seq <= to; seq++) expect(kept.has(seq)).toBe(false);
    expect(d.writes.filter((w) => w.acknowledged && w.seq > to).every((w) => kept.has(w.seq))).toBe(true);

    const e = outcome.results.experiments[0];
    expect(e?.verdict).toBe('missed-objective');
    expect(e?.rpo).toMatchObject({ observed: d.rpo, lost: d.lost });
    expect(e?.rto?.observed).toBeGreaterThan(truth);
    expect(e?.reasons[0]).toMatch(/^observed RPO [\d.]+ s is over the objective of 0 s: \d+ of \d+ acknowledged canary writes lost$/);
    expect(outcome.code).toBe(1);
    expect(outcome.out).toMatch(/RTO [\d.]+ s \/ 30 s · RPO [\d.]+ s \/ 0 s \(\d+ of \d+ writes lost/);
    expect(outcome.report).toContain('```mermaid');
  });
});

describe('(b) synchronous replication', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ sync: true });
  });
  afterAll(() => cluster?.destroy());

  it('loses nothing acknowledged through the same failover: RPO 0, and the experiment passes', async () => {
    const outcome = await runFailover(cluster, work);
    const d = outcome.journal['chaos-action'].durability;
    expect(outcome.journal.run.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(d).toMatchObject({ rpo: 0, lost: 0, lostRanges: [] });
    const e = outcome.results.experiments[0];
    // Writes were refused (held, then timed out) while the standby was unreachable: unavailability.
    expect(e?.rpo?.failed).toBeGreaterThan(0);
    expect(e?.rpo?.acknowledged).toBeGreaterThan(0);
    const kept = new Set((await query(cluster.url, 'SELECT seq FROM chaos_action_canary')).map((r) => Number(r.seq)));
    expect(d.writes.filter((w) => w.acknowledged).every((w) => kept.has(w.seq))).toBe(true);
    expect(e?.verdict).toBe('passed');
    expect(outcome.code).toBe(0);
  });
});
