// The action's main step with `python-requirements`: the venv goes to the runner's tool cache, is
// installed before the AWS role is assumed (pip never holds the run's credentials), and an
// install that fails assumes no role and runs nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ActionDependencies, runAction } from '../../src/app/run-action.js';
import { readActionInputs } from '../../src/app/settings.js';
import { systemClock } from '../../src/engine/clock.js';
import type { ActionIO } from '../../src/github/action-io.js';
import { ProgressPrinter } from '../../src/report/progress.js';
import { writeWheel } from '../support/wheel.js';

/** A job: its workspace with the experiment and the extension's wheel, its tool cache and temp folder. */
function job(): { workspace: string; toolCache: string; env: Record<string, string | undefined> } {
  const root = mkdtempSync(path.join(tmpdir(), 'pyreq-action-'));
  const workspace = path.join(root, 'workspace');
  const toolCache = path.join(root, 'toolcache');
  mkdirSync(path.join(workspace, 'experiments'), { recursive: true });
  mkdirSync(path.join(root, 'temp'));
  writeWheel(workspace, 'chaos-act-fixture', '0.1.0', {
    'chaosactfixture/__init__.py': '',
    'chaosactfixture/probes.py': 'def answer():\n    return "from the venv"\n',
  });
  writeFileSync(
    path.join(workspace, 'experiments', 'exp.json'),
    JSON.stringify({
      title: 'uses our extension',
      description: 'd',
      method: [{ type: 'probe', name: 'ask', provider: { type: 'python', module: 'chaosactfixture.probes', func: 'answer' } }],
    }),
  );
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_TEMP: path.join(root, 'temp'),
    PIP_NO_INDEX: '1',
    INPUT_EXPERIMENTS: path.join(workspace, 'experiments'),
    INPUT_PYTHON: 'python3',
    INPUT_COMMENT: 'never',
  };
  return { workspace, toolCache, env };
}

function deps(workspace: string, env: Record<string, string | undefined>, events: string[]): ActionDependencies {
  const io: Omit<ActionIO, 'setFailed'> = {
    setOutput: (name, value) => events.push(`output ${name}=${value}`),
    saveState: () => undefined,
    getState: () => '',
    setSecret: () => undefined,
    exportVariable: () => undefined,
    annotate: (_level, message) => events.push(`annotation ${message}`),
    info: (message) => events.push(`info ${message}`),
    warning: (message) => events.push(`warning ${message}`),
    appendSummary: async () => true,
  };
  const quiet = new ProgressPrinter({ color: false, out: () => undefined, err: () => undefined }, 'quiet');
  return {
    io,
    env,
    cwd: workspace,
    clock: systemClock,
    events: quiet,
    interruption: { signal: new AbortController().signal, hardSignal: new AbortController().signal },
    version: 'test',
    assumeRole: async () => {
      events.push('assume role');
      return undefined;
    },
    uploadArtifact: async () => ({ id: 1, url: 'https://example.invalid/artifact' }),
    comment: async () => 'not posted',
  };
}

describe('the action with python-requirements', () => {
  it("installs into the runner's tool cache before the role is assumed, and the probe runs with the venv's python", { timeout: 300_000 }, async () => {
    const { workspace, toolCache, env } = job();
    const inputs = readActionInputs({ ...env, 'INPUT_PYTHON-REQUIREMENTS': './chaos_act_fixture-0.1.0-py3-none-any.whl' });
    if (!inputs.ok) throw new Error(inputs.problems.join('; '));
    const events: string[] = [];
    const outcome = await runAction(inputs, deps(workspace, env, events));
    expect(outcome).toEqual({ gate: 'passed', result: 'passed' });
    const installing = events.findIndex((e) =>
      e.startsWith(`info installing python-requirements (1 requirement(s)) into a new virtualenv ${toolCache}/chaos-action/venvs/`),
    );
    expect(installing).toBeGreaterThanOrEqual(0);
    expect(installing).toBeLessThan(events.indexOf('assume role'));
    expect(readdirSync(path.join(toolCache, 'chaos-action', 'venvs'))).toHaveLength(1);
    const journal = JSON.parse(readFileSync(path.join(workspace, 'chaos-results', 'exp.journal.json'), 'utf8')) as { run: { output: unknown }[] };
    expect(journal.run[0]?.output).toBe('from the venv');
  });

  it('an install that fails assumes no role and runs nothing: the result is invalid and the step fails', { timeout: 300_000 }, async () => {
    const { workspace, env } = job();
    writeFileSync(path.join(workspace, 'broken-0.1-py3-none-any.whl'), 'not a zip');
    const inputs = readActionInputs({ ...env, 'INPUT_PYTHON-REQUIREMENTS': './broken-0.1-py3-none-any.whl\n' });
    if (!inputs.ok) throw new Error(inputs.problems.join('; '));
    const events: string[] = [];
    const outcome = await runAction(inputs, deps(workspace, env, events));
    expect(outcome).toMatchObject({ gate: 'failed', result: 'invalid' });
    expect(outcome.failure).toMatch(/nothing was run/);
    expect(events).not.toContain('assume role');
    expect(events).toContain('output result=invalid');
    expect(events.some((e) => e.startsWith('annotation installing the python requirements failed (pip install failed: exit code 1); nothing was run'))).toBe(
      true,
    );
    expect(events.some((e) => /info .*broken-0\.1-py3-none-any\.whl is invalid/.test(e))).toBe(true);
    expect(existsSync(path.join(workspace, 'chaos-results', 'exp.journal.json'))).toBe(false);
  });
});
