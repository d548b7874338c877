// `chaos-action validate` through the bundled CLI, as a user runs it.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { runCli } from '../support/cli.js';
import { oracleVenv, repoRoot, requireOracle } from '../support/oracle.js';
import { writeCorpus } from '../support/corpus.js';
import { CASES } from '../experiment/validation-corpus.js';

const noStackTrace = (text: string): void => expect(text).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);

describe('chaos-action validate', () => {
  it('accepts the sample experiments', () => {
    // The Route 53 sample runs the AWS CLI: the pinned one in the oracle virtualenv (GitHub's
    // runners have their own), so that validation finds it on any machine.
    requireOracle();
    const r = runCli(['validate', 'experiments'], { env: { PATH: `${path.join(oracleVenv, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` } });
    const files = readdirSync(path.join(repoRoot, 'experiments'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(json|ya?ml)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(13);
    expect(r.stderr).toContain(`✔ ${files.length} experiments valid`);
    expect(r.code).toBe(0);
  });

  it('reports every problem in every file with file:line:column, and exits 2', () => {
    const dir = writeCorpus([
      { name: 'a.yaml', content: 'title: t\ndescription: d\nmethod:\n  - type: action\n    name: x\n' },
      {
        name: 'b.json',
        content: '{"title": "t", "description": "d", "method": [{"type": "probe", "name": "p", "provider": {"type": "http"}, "timeout": "5"}]}',
      },
    ]);
    const r = runCli(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'a.yaml')}:4:5: error: method action "x" has no "provider" (/method/0)`);
    expect(r.stderr).toMatch(/b\.json:1:\d+: error: method probe "p" provider has no "url"/);
    expect(r.stderr).toMatch(/b\.json:1:\d+: error: method probe "p" timeout must be a number, not string/);
    expect(r.stderr).toContain('✖ 2 of 2 files invalid (3 errors');
  });

  it('never prints a stack trace, whatever the files say', () => {
    const dir = writeCorpus(CASES.map((c) => ({ name: c.name, content: c.content })));
    const r = runCli(['validate', dir], { env: { CHAOS_TEST_PRESENT: '1' } });
    expect(r.code).toBe(2);
    noStackTrace(r.stderr + r.stdout);
  });

  it('gives the same problems as data with --format json', () => {
    const dir = writeCorpus([{ name: 'x.json', content: '{"title": "t", "method": []}' }]);
    const r = runCli(['validate', '--format', 'json', dir]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnostics: { code: string; line: number; column: number; pointer: string }[] };
    expect(out.valid).toBe(false);
    expect(out.diagnostics).toEqual([expect.objectContaining({ code: 'schema-required', line: 1, column: 1, pointer: '' })]);
  });

  it('points a JSON file with comments at the comment and suggests YAML', () => {
    const dir = writeCorpus([{ name: 'c.json', content: '{\n  // why\n  "title": "t"\n}\n' }]);
    const r = runCli(['validate', dir]);
    expect(r.stderr).toContain('c.json:2:3: error: invalid JSON: JSON does not allow comments');
    expect(r.stderr).toContain('rename the file to .yaml');
  });

  it('refuses a file that is not an experiment when named explicitly', () => {
    const dir = writeCorpus([{ name: 'notes.txt', content: 'hello' }]);
    const r = runCli(['validate', path.join(dir, 'notes.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only files with json, yaml or yml extensions are supported');
  });

  it('uses --var values and warns about variables nothing declares', () => {
    const dir = writeCorpus([
      { name: 'v.yaml', content: 'title: t\ndescription: d\nconfiguration:\n  url: {type: env, key: CHAOS_TEST_SURELY_UNSET}\nmethod: []\n' },
    ]);
    expect(runCli(['validate', dir]).code).toBe(2);
    const r = runCli(['validate', '--var', 'url=http://127.0.0.1', '--var', 'other=1', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the variable "other" is not declared in the configuration');
  });

  it('reads configuration from a var file and environment values from a .env file', () => {
    const dir = writeCorpus([
      { name: 'v.yaml', content: 'title: t\ndescription: d\nconfiguration:\n  url: {type: env, key: CHAOS_TEST_FROM_DOTENV}\nmethod: []\n' },
    ]);
    const envFile = path.join(dir, 'vars.env');
    writeFileSync(envFile, '# staging\nCHAOS_TEST_FROM_DOTENV=http://127.0.0.1\n');
    expect(runCli(['validate', '--var-file', envFile, path.join(dir, 'v.yaml')]).code).toBe(0);
  });

  it('says which option is wrong, without a stack trace', () => {
    const r = runCli(['validate', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/chaos-action validate: .*--bogus.*See 'chaos-action validate --help'/);
    noStackTrace(r.stderr);
    const bad = runCli(['validate', '--var', 'n:int=abc', 'experiments']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid literal for int() with base 10: 'abc'");
  });
});

describe('chaos-action', () => {
  it('prints its version', () => {
    expect(runCli(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('prints help with the commands and exit codes', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/validate \[paths\.\.\.\]/);
    expect(r.stdout).toMatch(/Exit codes:/);
    expect(runCli(['help', 'validate']).stdout).toContain('Usage: chaos-action validate');
  });

  it('names the commands it knows when given an unknown one', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
