// Users run the CLI in `run:` steps, where the runner reads workflow commands from its stdout and
// stderr. A hostile file name (a newline in it), titles, activity names, reasons and outputs
// become no command, and no control character reaches the terminal or report.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { CONTROL_CHARACTERS, runnerCommands } from '../support/runner-commands.js';

/** A file name GitHub's checkout writes as it is in the repository. */
const EVIL_NAME = 'evil\n::error title=Spoofed::gate passed\n##[set-output name=gate;]passed.json';
const EVIL_TEXT = 'x\n::add-mask::mask-me\r::stop-commands::pwned\u2028::warning::ls ##[add-mask]v \u001b]52;c;ZXZpbA==\u0007\u001b[2J www.evil.example';

const expectNothingHostile = (where: string, text: string): void => {
  expect(runnerCommands(text), where).toEqual([]);
  expect(text, where).not.toMatch(CONTROL_CHARACTERS);
};

describe('hostile text in what the CLI prints', () => {
  it('validate: a file name holding newlines and a broken experiment become no command', async () => {
    const dir = writeCorpus([
      { name: EVIL_NAME, content: JSON.stringify({ title: EVIL_TEXT, description: 'd', method: [{ type: EVIL_TEXT, name: EVIL_TEXT }] }) },
    ]);
    const r = await runCliAsync(['validate', dir]);
    expect(r.code).toBe(2);
    // The problem is reported, on the file's own (flattened) name.
    expect(r.stderr).toContain('evil ');
    for (const [where, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
    ] as const)
      expectNothingHostile(where, text);
  });

  it('run: titles, activity names, reasons and process output become no command, in the log and in report.md', async () => {
    const dir = writeCorpus([
      {
        name: EVIL_NAME,
        content: JSON.stringify({
          title: EVIL_TEXT,
          description: 'every string a pull request controls, hostile',
          'steady-state-hypothesis': {
            title: EVIL_TEXT,
            probes: [
              {
                type: 'probe',
                name: EVIL_TEXT,
                // Never met: the reason quotes the output.
                tolerance: { type: 'regex', pattern: 'never-there', target: 'stdout' },
                provider: { type: 'process', path: 'printf', arguments: ['%s', EVIL_TEXT] },
              },
            ],
          },
          method: [
            { type: 'action', name: EVIL_TEXT, provider: { type: 'process', path: 'sh', arguments: ['-c', 'printf "%s" "$1" >&2; exit 3', 'sh', EVIL_TEXT] } },
          ],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const r = await runCliAsync(['run', '--verbose', '--journal-dir', out, dir]);
    expect(r.code).toBe(1);
    const report = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('not-ready');
    for (const [where, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
      ['report.md', report],
    ] as const)
      expectNothingHostile(where, text);
    expect(report).not.toMatch(/(^|[\s*_~(])www\./im);
    // The journals keep the output as it was: JSON is data, escaped by its syntax.
    expect(readdirSync(out).some((f) => f.endsWith('.journal.json'))).toBe(true);
  });
});
