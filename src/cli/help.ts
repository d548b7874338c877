// The words of --help.

export const MAIN_HELP = `chaos-action — run Chaos Toolkit experiments as a merge and promotion gate

Usage:
  chaos-action <command> [options] [paths...]

Commands:
  run [paths...]        Validate, then run every experiment (files or folders; default:
                        experiments); write journals, results.json and report.md; exit 1 when
                        the gate fails.
  validate [paths...]   Check experiments and report every problem with file:line:column.
                        Runs nothing.
  help [command]        Show help for a command.

Options:
  -h, --help            Show this help.
  -v, --version         Print the version.

Exit codes:
  0  everything valid (or the gate passed)
  1  the gate failed (a verdict listed in --fail-on)
  2  invalid input: bad usage, an invalid experiment, an unreadable file
  3  internal error in chaos-action (please report it)

Docs: README.md in the chaos-action repository.`;

export const VALIDATE_HELP = `Usage: chaos-action validate [options] [paths...]

Validates Chaos Toolkit experiments (.json, .yaml, .yml) the way \`chaos validate\` does, plus the
problems Chaos Toolkit only finds at run time. Folders are searched recursively (hidden folders and
node_modules are skipped). Every problem in every file is reported; nothing is run.

Options:
  --var KEY[:TYPE]=VALUE  Set a configuration value (repeatable). TYPE: str, int, float, bytes, bool, json.
  --var-file FILE         Read configuration and secrets from a JSON/YAML file, or environment
                          values from a .env file (repeatable; later files win, --var wins over files).
  --python PATH           The python3 used to check python providers that are not built in
                          (default: $CHAOS_ACTION_PYTHON or python3 on PATH).
  --format text|json      Output format (default: text).
  -q, --quiet             Print errors only.
  -h, --help              Show this help.

Examples:
  chaos-action validate experiments/
  chaos-action validate --var base_url=http://127.0.0.1:8080 experiments/web.yaml
  chaos-action validate --format json experiments/ > validation.json

Editor support: start a YAML experiment with
  # yaml-language-server: $schema=<path or URL of schema/experiment.schema.json>`;

export const RUN_HELP = `Usage: chaos-action run [options] [paths...]

Runs Chaos Toolkit experiments the way \`chaos run\` does (steady state before, method, steady state
after, rollbacks), after validating all of them: if any file is invalid, nothing runs. Writes one
journal per experiment, results.json and report.md into the journal folder, and exits 1 when a
verdict listed in --fail-on occurs.

Verdicts: passed, not-ready (steady state not met before the fault), missed-objective, deviated
(steady state not met after, or during the method), interrupted, failed (an activity or rollback
errored), invalid.

Options:
  --journal-dir DIR             Where journals and reports go (default: chaos-results).
  --var KEY[:TYPE]=VALUE        A configuration value (repeatable).
  --var-file FILE               Configuration/secrets from JSON or YAML, or a .env file (repeatable).
  --rollback-strategy S         always (our default: a gate must not leave staging broken), default
                                (Chaos Toolkit's: not after failed or interrupted), never, deviated.
  --hypothesis-strategy S       default, before-method-only, after-method-only, during-method-only,
                                continuously.
  --hypothesis-frequency SEC    Seconds between two checks during the method (default: 1).
  --fail-fast                   Stop at the first deviation during the method.
  --dry MODE                    probes, actions, activities or pause: do not run those (or do not pause).
                                Dry chaosaws actions print their plan: the resources they would change
                                and the guardrails' verdict (read-only AWS calls only).
  --fail-on LIST                Verdicts that fail the run, comma-separated
                                (default: every verdict but passed).
  --allow-action-failure        A failed method action does not fail the experiment (Chaos Toolkit's meaning).
  --rto DURATION                Recovery time objective for experiments that declare none (30s, 5m, …):
                                observed RTO over it is the verdict missed-objective.
  --rpo DURATION                Recovery point objective for experiments that declare none (0s, 1m, …):
                                data loss the durability canary observes over it is missed-objective.
  --allowed-account-ids LIST    AWS accounts where chaosaws actions may change anything (12-digit ids,
                                comma-separated); checked with STS GetCallerIdentity before each change.
  --required-tags LIST          Tags every resource a chaosaws action changes must carry (key=value,…).
  --max-targets N               Most resources one chaosaws action may change (default: 1).
                                Experiments may tighten these three in their chaos-action extension.
  --python PATH                 The python3 for python providers that are not built in.
  -q, --quiet                   Errors and the final summary only.
  -v, --verbose                 Also every activity's output and pause.
  -h, --help                    Show this help.

Signals: SIGINT or SIGTERM stops the running activity (its process group is killed, its request
aborted), plays the rollbacks and writes the journals; a second signal skips what is left of them.

Examples:
  chaos-action run experiments/
  chaos-action run --var base_url=http://127.0.0.1:8080 --fail-on deviated,failed experiments/web.yaml`;
