// The step's command files hold exactly what the action wrote once it restores them, whatever
// experiment code appended, truncated, removed or swapped for a link in the meantime.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, appendFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandFiles } from '../../src/github/command-files.js';
import { parseFileCommands } from '../support/runner-env.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stepFiles() {
  const dir = mkdtempSync(path.join(tmpdir(), 'command-files-'));
  dirs.push(dir);
  const env = {
    GITHUB_OUTPUT: path.join(dir, 'set_output_1'),
    GITHUB_STATE: path.join(dir, 'save_state_1'),
    GITHUB_ENV: path.join(dir, 'set_env_1'),
    GITHUB_PATH: path.join(dir, 'add_path_1'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'step_summary_1'),
  };
  for (const f of Object.values(env)) writeFileSync(f, '');
  return { dir, env };
}

describe('command files', () => {
  it('writes outputs, state and variables as the runner reads them', () => {
    const { env } = stepFiles();
    const files = new CommandFiles(env);
    files.appendKeyValue('GITHUB_OUTPUT', 'gate', 'failed');
    files.appendKeyValue('GITHUB_OUTPUT', 'report', 'a\nb');
    files.appendKeyValue('GITHUB_STATE', 'rollback-ledger', '/tmp/ledger.json');
    expect(parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({ gate: 'failed', report: 'a\nb' });
    expect(parseFileCommands(readFileSync(env.GITHUB_STATE, 'utf8'))).toEqual({ 'rollback-ledger': '/tmp/ledger.json' });
    expect(files.append('GITHUB_STEP_SUMMARY', '## report\n')).toBe(true);
    expect(new CommandFiles({}).append('GITHUB_STEP_SUMMARY', 'x')).toBe(false);
  });

  it('restores exactly what the action wrote: forged lines, removed files and links are gone', () => {
    const { dir, env } = stepFiles();
    const files = new CommandFiles(env);
    files.appendKeyValue('GITHUB_OUTPUT', 'gate', 'failed');
    files.append('GITHUB_STEP_SUMMARY', '## failed\n');
    const written = readFileSync(env.GITHUB_OUTPUT, 'utf8');

    // What experiment code does as the runner's user.
    writeFileSync(env.GITHUB_OUTPUT, `gate=passed\n${written}`);
    appendFileSync(env.GITHUB_ENV, 'NODE_OPTIONS=--require /tmp/evil.js\n');
    appendFileSync(env.GITHUB_PATH, '/tmp/evil-bin\n');
    unlinkSync(env.GITHUB_STEP_SUMMARY);
    const elsewhere = path.join(dir, 'elsewhere');
    writeFileSync(elsewhere, 'rollback-ledger=/tmp/forged.json\n');
    unlinkSync(env.GITHUB_STATE);
    symlinkSync(elsewhere, env.GITHUB_STATE);

    expect(files.restore()).toEqual([]);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe(written);
    expect(parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({ gate: 'failed' });
    expect(readFileSync(env.GITHUB_ENV, 'utf8')).toBe('');
    expect(readFileSync(env.GITHUB_PATH, 'utf8')).toBe('');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## failed\n');
    // The link was replaced, not followed.
    expect(lstatSync(env.GITHUB_STATE).isSymbolicLink()).toBe(false);
    expect(readFileSync(env.GITHUB_STATE, 'utf8')).toBe('');
    expect(readFileSync(elsewhere, 'utf8')).toBe('rollback-ledger=/tmp/forged.json\n');
  });

  it('keeps what a file held before the action started', () => {
    const { env } = stepFiles();
    writeFileSync(env.GITHUB_ENV, 'EARLIER=1\n');
    const files = new CommandFiles(env);
    files.appendKeyValue('GITHUB_ENV', 'AWS_REGION', 'eu-west-1');
    appendFileSync(env.GITHUB_ENV, 'FORGED=1\n');
    files.restore();
    expect(parseFileCommands(readFileSync(env.GITHUB_ENV, 'utf8'))).toEqual({ EARLIER: '1', AWS_REGION: 'eu-west-1' });
  });
});
