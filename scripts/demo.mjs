#!/usr/bin/env node
// npm run demo: the rates service loses its exchange file, twice.
//  1. fragile mode: it falls over; chaos-action catches the deviation and says why (exit 1);
//  2. resilient mode: it keeps serving the last good rates; the experiment passes (exit 0).
// Everything runs on 127.0.0.1 from this repository; exits 0 when both outcomes are as expected.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const experiment = path.join('experiments', 'exchange-file.yaml');
const work = mkdtempSync(path.join(tmpdir(), 'chaos-action-demo-'));
const exchangeFile = path.join(work, 'rates.csv');
const resultsRoot = path.join(root, 'chaos-results', 'demo');

function startService(mode) {
  writeFileSync(exchangeFile, 'EUR,USD,1.08\nEUR,GBP,0.86\nUSD,JPY,151.2\n');
  const child = spawn(process.execPath, [path.join(root, 'experiments', 'rates-service.mjs'), '--file', exchangeFile, '--mode', mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the rates service exited early (${code})`)));
  });
}

function runChaos(url, journalDir) {
  mkdirSync(journalDir, { recursive: true });
  const args = [
    cli,
    'run',
    '--journal-dir',
    journalDir,
    '--var',
    `base_url=${url}`,
    '--var',
    `exchange_file=${exchangeFile}`,
    '--var',
    `exchange_backup=${exchangeFile}.bak`,
    experiment,
  ];
  console.log(`\n$ chaos-action ${args.slice(1).join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code));
  });
}

async function scenario(mode, expectedExit, expectedVerdict) {
  console.log(`\n=== The rates service in ${mode} mode loses its exchange file ===`);
  const service = await startService(mode);
  const journalDir = path.join(resultsRoot, mode);
  try {
    const code = await runChaos(service.url, journalDir);
    const results = JSON.parse(readFileSync(path.join(journalDir, 'results.json'), 'utf8'));
    const ok = code === expectedExit && results.verdict === expectedVerdict;
    console.log(`${ok ? '✔' : '✖'} ${mode}: exit ${code}, verdict ${results.verdict} (expected exit ${expectedExit}, ${expectedVerdict})`);
    return ok;
  } finally {
    service.stop();
  }
}

rmSync(resultsRoot, { recursive: true, force: true });
try {
  const fragile = await scenario('fragile', 1, 'deviated');
  const resilient = await scenario('resilient', 0, 'passed');
  console.log(
    `\nJournals and reports: ${path.relative(process.cwd(), resultsRoot) || '.'}/{fragile,resilient}/ (report.md, report.html, results.json, *.journal.json)`,
  );
  process.exitCode = fragile && resilient ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
