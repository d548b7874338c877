// The pinned Python oracles (Chaos Toolkit, PyYAML, jsonpath2, Python `re`) live in the virtualenv
// that `npm test` prepares (scripts/ensure-oracle.sh). Tests hand a batch of cases to one Python
// process and compare its answers with ours.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const oracleVenv = process.env.CHAOS_ACTION_ORACLE_VENV ?? path.join(repoRoot, '.venv');
export const oraclePython = path.join(oracleVenv, 'bin', 'python');
export const oracleChaos = path.join(oracleVenv, 'bin', 'chaos');

export function requireOracle(): void {
  if (!existsSync(oraclePython)) {
    throw new Error(`the Python oracle virtualenv is missing at ${oracleVenv}: run 'bash scripts/ensure-oracle.sh' (npm test does)`);
  }
}

/** Runs `script` under the oracle's Python with `input` as JSON on stdin; returns its JSON stdout. */
export function runPythonOracle<T = unknown>(script: string, input: unknown): T {
  requireOracle();
  const r = spawnSync(oraclePython, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.status !== 0) {
    throw new Error(`python oracle failed (${r.status ?? r.signal}): ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as T;
}
