#!/usr/bin/env node
// npm run demo:rpo: the PostgreSQL failover of experiments/postgres-failover, twice, against real
// local clusters (a primary and a streaming standby on 127.0.0.1, in a temporary folder):
//  1. asynchronous replication: the writes acknowledged between the replication cut and the crash
//     are lost, so the observed RPO is about that window and the RPO objective of 0 s is missed;
//  2. synchronous replication: the same failover loses nothing acknowledged, RPO 0, passed.
// Prints observed RTO and RPO side by side; exits 0 when both outcomes are as expected.
// Runs dist/cli.js; the hook below only loads the PostgreSQL harness from test/support.
import './ts-source-hook.mjs';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const experiment = path.join('experiments', 'postgres-failover', 'failover.yaml');
const resultsRoot = path.join(root, 'chaos-results', 'demo-rpo');
const { findPostgresBin, startCluster } = await import('../test/support/postgres.ts');

// The bundled CLI, as users run it (tests keep dist/ up to date with src/).
const cli = { args: [path.join(root, 'dist', 'cli.js')] };

function runChaos(cli, cluster, journalDir) {
  const vars = {
    db_url: cluster.url,
    replica_url: cluster.replica.url,
    replica_port: cluster.replica.port,
    primary_pid: cluster.primary.pid,
    control_url: cluster.control.url,
    steps: path.join('experiments', 'postgres-failover', 'failover.mjs'),
  };
  const args = ['run', '--journal-dir', journalDir, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]), experiment];
  console.log(`\n$ chaos-action run --journal-dir ${path.relative(root, journalDir)} --var db_url=… ${experiment}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cli.args, ...args], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code));
  });
}

const clusters = new Set();
async function cleanUp() {
  for (const c of clusters) await c.destroy();
  clusters.clear();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

async function scenario(cli, sync) {
  const label = sync ? 'synchronous' : 'asynchronous';
  console.log(`\n=== ${label} replication: cut, crash the primary, promote the standby, switch the endpoint ===`);
  const cluster = await startCluster({ sync });
  clusters.add(cluster);
  try {
    const journalDir = path.join(resultsRoot, sync ? 'sync' : 'async');
    const code = await runChaos(cli, cluster, journalDir);
    const results = JSON.parse(readFileSync(path.join(journalDir, 'results.json'), 'utf8'));
    return { label, code, e: results.experiments[0] };
  } finally {
    clusters.delete(cluster);
    await cluster.destroy();
  }
}

const seconds = (s) => (s === null || s === undefined ? 'unknown' : `${Number(s.toFixed(2))} s`);

if (!findPostgresBin()) {
  console.error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
  process.exit(2);
}
rmSync(resultsRoot, { recursive: true, force: true });
try {
  const runs = [await scenario(cli, false), await scenario(cli, true)];
  const rows = [
    ['', ...runs.map((r) => `${r.label} replication`)],
    ['verdict', ...runs.map((r) => r.e.verdict)],
    ['observed RTO / objective', ...runs.map((r) => `${seconds(r.e.rto?.observed)} / ${seconds(r.e.rto?.objective)}`)],
    ['observed RPO / objective', ...runs.map((r) => `${r.e.rpo?.lowerBound ? '≥ ' : ''}${seconds(r.e.rpo?.observed)} / ${seconds(r.e.rpo?.objective)}`)],
    ['acknowledged writes lost', ...runs.map((r) => `${r.e.rpo?.lost ?? '?'} of ${r.e.rpo?.acknowledged ?? '?'}`)],
    ['writes refused (unavailable)', ...runs.map((r) => String(r.e.rpo?.failed ?? '?'))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('   '));
  const [async, sync] = runs;
  const ok =
    async.code === 1 &&
    async.e.verdict === 'missed-objective' &&
    async.e.rpo?.lost > 0 &&
    sync.code === 0 &&
    sync.e.verdict === 'passed' &&
    sync.e.rpo?.observed === 0;
  console.log(`\n${ok ? '✔' : '✖'} asynchronous replication loses the writes since the cut (RPO > 0); synchronous loses none (RPO 0)`);
  console.log(
    `Journals and reports: ${path.relative(process.cwd(), resultsRoot) || '.'}/{async,sync}/ (report.md with the timeline chart, results.json, *.journal.json)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await cleanUp();
}
