// The environment a child process (a process activity, the python bridge, the canary) gets: ours,
// without the runner's credentials, so experiment code from a pull request cannot take them, and
// without the runner's command files, so it cannot find the step's outputs, state, environment or
// summary through its environment. (The action's own process holds no more than this in its
// environment either: see src/action/sealed-env.ts.)

const WITHHELD = [
  /^ACTIONS_RUNTIME_TOKEN$/,
  /^ACTIONS_ID_TOKEN_REQUEST_/,
  /^ACTIONS_RESULTS_URL$/,
  /^ACTIONS_CACHE_URL$/,
  /^ACTIONS_RUNTIME_URL$/,
  /^GITHUB_TOKEN$/,
  /^GH_TOKEN$/,
  /^INPUT_/,
  /^GITHUB_(OUTPUT|STATE|ENV|PATH|STEP_SUMMARY)$/,
];

/**
 * The state the action saves (LEDGER_STATE in src/app/run-action.ts), which the runner hands the
 * post step as STATE_<name>. Named exactly: a user's own STATE_DIR or STATE_BUCKET stays visible.
 */
const ACTION_STATE = new Set(['STATE_rollback-ledger']);

/** Whether `name` is one of the runner's variables that experiment code never sees. */
export function isWithheld(name: string): boolean {
  return ACTION_STATE.has(name) || WITHHELD.some((re) => re.test(name));
}

export function childEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !isWithheld(k)) out[k] = v;
  }
  return out;
}
