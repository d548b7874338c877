// The environment a child process (a process activity, the python bridge) gets: ours, without the
// runner's credentials, so experiment code from a pull request cannot take them, and without the
// runner's command files, so it cannot forge the step's outputs, state, environment or summary.

const WITHHELD = [
  /^ACTIONS_RUNTIME_TOKEN$/,
  /^ACTIONS_ID_TOKEN_REQUEST_/,
  /^ACTIONS_RESULTS_URL$/,
  /^ACTIONS_CACHE_URL$/,
  /^ACTIONS_RUNTIME_URL$/,
  /^GITHUB_TOKEN$/,
  /^GH_TOKEN$/,
  /^INPUT_/,
  /^STATE_/,
  /^GITHUB_(OUTPUT|STATE|ENV|PATH|STEP_SUMMARY)$/,
];

export function childEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !WITHHELD.some((re) => re.test(k))) out[k] = v;
  }
  return out;
}
