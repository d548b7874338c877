// Observed RPO against real PostgreSQL: a primary and a streaming replica on 127.0.0.1 behind a
// failover endpoint, and the repository's failover experiment (experiments/postgres-failover)
// run by the CLI from source, its built-in PostgreSQL canary writing through the endpoint.
//  (a) asynchronous replication: replication is cut, the primary keeps acknowledging writes, then
//      crashes; the standby is promoted. The writes between the cut and the crash are lost: the
//      observed RPO matches that window within ±(canary interval + 100 ms).
//  (b) synchronous replication: the same failover loses nothing acknowledged, RPO 0.
// The canary deletes its run's rows once read: a trigger copies them aside, the ground truth.
//  (c) the canary's table: shared by runs (each reads and deletes only its own rows, never
//      empties the table), refused in its old shape, and a delete that fails is only a note.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryStores } from '../../src/app/providers.js';
import { main } from '../../src/cli/main.js';
import type { ActivityEnvironment } from '../../src/engine/activity.js';
import { startCanary } from '../../src/engine/canary.js';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { CANARY_TABLE_DDL, postgresCanary } from '../../src/providers/postgres-canary.js';
import { repoRoot } from '../support/oracle.js';
import { type Cluster, query, startCluster } from '../support/postgres.js';

const EXPERIMENT = path.join(repoRoot, 'experiments', 'postgres-failover', 'failover.yaml');
const CANARY_INTERVAL = 0.2;

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly results: {
    verdict: string;
    experiments: {
      verdict: string;
      reasons: string[];
      rpo?: { observed: number | null; lost: number | null; acknowledged: number; failed: number };
      rto?: { observed: number | null };
    }[];
  };
  readonly journal: {
    run: { activity: { name: string }; output: { stdout?: string } | null; status?: string }[];
    'chaos-action': {
      durability: { run: string; rpo: number; lost: number; lostRanges: [number, number][]; notes: string[]; writes: { seq: number; acknowledged: boolean }[] };
    };
  };
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
  const code = await main(['run', '--journal-dir', journalDir, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]), EXPERIMENT], term, {
    ...process.env,
    NO_COLOR: '1',
  });
  const read = (name: string) => readFileSync(path.join(journalDir, name), 'utf8');
  return {
    code,
    out: lines.join('\n'),
    results: JSON.parse(read('results.json')),
    journal: JSON.parse(read('failover.journal.json')),
    report: read('report.md'),
  };
}

/** When a step of the method took effect, from the {"at": ...} it printed. */
function stepAt(outcome: Outcome, name: string): number {
  const record = outcome.journal.run.find((r) => r.activity.name === name);
  return (JSON.parse(String(record?.output?.stdout)) as { at: number }).at;
}

/**
 * The canary's table, created beforehand on the primary with a trigger that copies every deleted
 * row into canary_archive (the canary deletes its rows once read), and replicated to the standby.
 */
async function archiveDeletedRows(cluster: Cluster): Promise<void> {
  for (const sql of [
    CANARY_TABLE_DDL,
    'CREATE TABLE canary_archive (run text NOT NULL, seq bigint NOT NULL)',
    'CREATE FUNCTION archive_canary() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO canary_archive VALUES (OLD.run, OLD.seq); RETURN OLD; END $$',
    'CREATE TRIGGER archive AFTER DELETE ON chaos_action_canary FOR EACH ROW EXECUTE FUNCTION archive_canary()',
  ]) {
    await query(cluster.primary.url, sql);
  }
  for (let i = 0; ; i++) {
    if ((await query(cluster.replica.url, "SELECT 1 FROM pg_trigger WHERE tgname = 'archive'")).length) return;
    if (i > 100) throw new Error('the standby did not replay the canary table');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The run's rows the canary read (and then deleted), from the archive; and the rows still there. */
async function rowsOf(cluster: Cluster, run: string): Promise<{ kept: Set<number>; left: number }> {
  const kept = new Set((await query(cluster.url, 'SELECT seq FROM canary_archive WHERE run = $1', [run])).map((r) => Number(r.seq)));
  const [left] = await query(cluster.url, 'SELECT count(*)::int AS n FROM chaos_action_canary WHERE run = $1', [run]);
  return { kept, left: Number(left?.n) };
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
    await archiveDeletedRows(cluster);
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
    const { kept, left } = await rowsOf(cluster, d.run);
    expect(left).toBe(0);
    expect(d.notes).toEqual([]);
    const [from, to] = d.lostRanges[0] as [number, number];
    for (let seq = from; seq <= to; seq++) expect(kept.has(seq)).toBe(false);
    expect(d.writes.filter((w) => w.acknowledged && w.seq > to).every((w) => kept.has(w.seq))).toBe(true);

    const e = outcome.results.experiments[0];
    expect(e?.verdict).toBe('missed-objective');
    expect(e?.rpo).toMatchObject({ observed: d.rpo, lost: d.lost });
    expect(e?.rto?.observed).toBeGreaterThan(truth);
    expect(e?.reasons[0]).toMatch(/^observed RPO [\d.]+ s is over the objective of 0 s: \d+ of \d+ acknowledged canary writes lost$/);
    expect(outcome.code).toBe(1);
    expect(outcome.out).toMatch(/RTO [\d.]+ s \(objective 30 s\) · RPO [\d.]+ s \(objective 0 s; \d+ of \d+ writes lost/);
    expect(outcome.report).toContain('```mermaid');
  });
});

describe('(b) synchronous replication', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ sync: true });
    await archiveDeletedRows(cluster);
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
    const { kept, left } = await rowsOf(cluster, d.run);
    expect(left).toBe(0);
    expect(d.writes.filter((w) => w.acknowledged).every((w) => kept.has(w.seq))).toBe(true);
    expect(e?.verdict).toBe('passed');
    expect(outcome.code).toBe(0);
  });
});

describe('(c) the canary table', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ sync: false });
  });
  afterAll(() => cluster?.destroy());
  const signal = () => AbortSignal.timeout(5000);

  it('is shared by runs: each creates it if needed, reads and deletes only its own rows, and never empties it', async () => {
    const a = postgresCanary(cluster.primary.url, 'run-a');
    const b = postgresCanary(cluster.primary.url, 'run-b');
    try {
      await a.prepare(signal());
      for (const seq of [1, 2, 3]) await a.write(seq, new Date().toISOString(), signal());
      // Another run starts while the first is writing: its prepare leaves the first run's rows.
      await b.prepare(signal());
      for (const seq of [1, 2]) await b.write(seq, new Date().toISOString(), signal());
      await a.write(4, new Date().toISOString(), signal());
      expect(await a.read(signal())).toEqual([1, 2, 3, 4]);
      expect(await b.read(signal())).toEqual([1, 2]);
      await a.cleanup(signal());
      expect(await a.read(signal())).toEqual([]);
      expect(await b.read(signal())).toEqual([1, 2]);
      const columns = await query(
        cluster.primary.url,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'chaos_action_canary' ORDER BY ordinal_position",
      );
      expect(columns.map((c) => c.column_name)).toEqual(['run', 'seq', 'ts']);
    } finally {
      await a.close();
      await b.close();
      await query(cluster.primary.url, 'DROP TABLE chaos_action_canary');
    }
  });

  it('refuses a table of the earlier shape (no run column), saying to drop it', async () => {
    await query(cluster.primary.url, 'CREATE TABLE chaos_action_canary (seq bigint PRIMARY KEY, ts timestamptz NOT NULL)');
    await query(cluster.primary.url, 'INSERT INTO chaos_action_canary VALUES (1, now())');
    try {
      const canary = await startCanary(
        { kind: 'postgres', url: cluster.primary.url, interval: 0.1, timeout: 2, readWindow: 5 },
        environment(),
        new AbortController().signal,
        canaryStores,
      );
      const d = await canary.stop();
      expect(d).toMatchObject({ canary: 'postgres', rpo: null, writes: [] });
      expect(d.error).toBe(
        'the canary could not start: the table chaos_action_canary has no run column: an earlier version of chaos-action created it; drop it (DROP TABLE chaos_action_canary;) and the canary creates it again',
      );
      // Left as it was.
      expect(await query(cluster.primary.url, 'SELECT seq FROM chaos_action_canary')).toEqual([{ seq: '1' }]);
    } finally {
      await query(cluster.primary.url, 'DROP TABLE chaos_action_canary');
    }
  });

  it('uses a table created beforehand without the CREATE privilege, and notes a delete it may not do', async () => {
    await query(cluster.primary.url, CANARY_TABLE_DDL);
    await query(cluster.primary.url, 'CREATE ROLE canary_writer LOGIN');
    await query(cluster.primary.url, 'GRANT SELECT, INSERT ON chaos_action_canary TO canary_writer');
    try {
      const url = cluster.primary.url.replace('postgres://postgres@', 'postgres://canary_writer@');
      const canary = await startCanary(
        { kind: 'postgres', url, interval: 0.1, timeout: 2, readWindow: 5 },
        environment(),
        new AbortController().signal,
        canaryStores,
      );
      await new Promise((r) => setTimeout(r, 400));
      const d = await canary.stop();
      expect(d.error).toBeUndefined();
      expect(d).toMatchObject({ rpo: 0, lost: 0, readAttempts: 1 });
      expect(d.acknowledged).toBeGreaterThanOrEqual(2);
      expect(d.notes).toEqual([`could not delete this run's canary records (run ${d.run}): permission denied for table chaos_action_canary`]);
      const [rows] = await query(cluster.primary.url, 'SELECT count(*)::int AS n FROM chaos_action_canary WHERE run = $1', [d.run]);
      expect(rows?.n).toBe(d.acknowledged);
    } finally {
      await query(cluster.primary.url, 'DROP TABLE chaos_action_canary');
      await query(cluster.primary.url, 'DROP ROLE canary_writer');
    }
  });
});

function environment(): ActivityEnvironment {
  return {
    clock: systemClock,
    scope: new Map(),
    dry: null,
    events: silentEvents,
    providerContext: { hasVariables: false, secrets: {}, configuration: {}, env: {}, cwd: work },
    runProvider: async () => undefined,
  } as unknown as ActivityEnvironment;
}
