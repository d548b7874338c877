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
  report PATH...        Read journals (Chaos Toolkit's of any version, or ours), folders of
                        them and results.json files; write report.md and results.json (and
                        JUnit with --junit); exit 1 when the gate fails.
  merge --journal-dir OUT DIR...
                        Merge matrix legs' journal folders (environments × shards) into one
                        report and one gate; a missing shard fails it.
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
