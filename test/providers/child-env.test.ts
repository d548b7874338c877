// The environment experiment code gets: the job's, without the runner's tokens, inputs, command
// files and the state the action saved; a user's own variables, STATE_* ones included, stay.
import { describe, expect, it } from 'vitest';
import { LEDGER_STATE } from '../../src/app/run-action.js';
import { childEnv, isWithheld } from '../../src/providers/child-env.js';

describe('the environment of child processes', () => {
  it("keeps a user's STATE_* variables, and withholds the state the action saved for its post step", () => {
    const env = childEnv({ STATE_DIR: '/srv/state', STATE_BUCKET: 'b', [`STATE_${LEDGER_STATE}`]: '/tmp/ledger.json', PATH: '/bin' });
    expect(env).toEqual({ STATE_DIR: '/srv/state', STATE_BUCKET: 'b', PATH: '/bin' });
  });

  it("withholds the runner's tokens, the inputs and the command files by exact name", () => {
    const withheld = [
      'GITHUB_TOKEN',
      'GH_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RUNTIME_URL',
      'ACTIONS_RESULTS_URL',
      'ACTIONS_CACHE_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'INPUT_GITHUB-TOKEN',
      'INPUT_ROLE-TO-ASSUME',
      'GITHUB_OUTPUT',
      'GITHUB_STATE',
      'GITHUB_ENV',
      'GITHUB_PATH',
      'GITHUB_STEP_SUMMARY',
    ];
    for (const name of withheld) expect(isWithheld(name), name).toBe(true);
    for (const name of ['GITHUB_TOKEN_FILE', 'MY_GITHUB_TOKEN', 'GITHUB_OUTPUT_DIR', 'GITHUB_WORKSPACE', 'RUNNER_TEMP', 'STATE_rollback-ledger-2']) {
      expect(isWithheld(name), name).toBe(false);
    }
  });
});
