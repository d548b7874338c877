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

/**
 * Variables that give a child AWS credentials (keys, a profile, a web identity, a container's
 * credentials endpoint). A process or python-bridge activity that is not marked unguarded runs
 * without them: its AWS calls would go around the guardrails.
 */
const AWS_CREDENTIALS = [
  /^AWS_ACCESS_KEY_ID$/,
  /^AWS_SECRET_ACCESS_KEY$/,
  /^AWS_SESSION_TOKEN$/,
  /^AWS_SECURITY_TOKEN$/,
  /^AWS_CREDENTIAL_EXPIRATION$/,
  /^AWS_PROFILE$/,
  /^AWS_DEFAULT_PROFILE$/,
  /^AWS_SHARED_CREDENTIALS_FILE$/,
  /^AWS_CONFIG_FILE$/,
  /^AWS_WEB_IDENTITY_TOKEN_FILE$/,
  /^AWS_ROLE_ARN$/,
  /^AWS_ROLE_SESSION_NAME$/,
  /^AWS_CONTAINER_CREDENTIALS_/,
  /^AWS_CONTAINER_AUTHORIZATION_TOKEN/,
];

export const isAwsCredentialVariable = (name: string): boolean => AWS_CREDENTIALS.some((re) => re.test(name));

/**
 * The environment without AWS credentials. The shared credentials and config files are pointed at
 * /dev/null, and the instance metadata service is disabled, so an SDK or the AWS CLI in the child
 * cannot find the runner's own credentials either.
 */
export function withoutAwsCredentials(env: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (!isAwsCredentialVariable(k)) out[k] = v;
  return { ...out, AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_CONFIG_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
}
