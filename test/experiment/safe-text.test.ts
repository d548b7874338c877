// Text about to be printed: nothing a pull request controls becomes a workflow command, breaks a
// line or sends a terminal control sequence.
import { describe, expect, it } from 'vitest';
import { commandData, oneLine, printable } from '../../src/experiment/safe-text.js';
import { CONTROL_CHARACTERS, HOSTILE, runnerCommands } from '../support/runner-commands.js';

describe('oneLine', () => {
  it.each(HOSTILE)('leaves one line, no control character, no workflow command: %j', (text) => {
    const safe = oneLine(text);
    expect(safe).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
    expect(safe).not.toMatch(CONTROL_CHARACTERS);
    expect(safe).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(runnerCommands(safe)).toEqual([]);
    // Even where the line is printed after a prefix that could be empty, or a line break.
    expect(runnerCommands(`\n${safe}`)).toEqual([]);
  });

  it('keeps what people read: line breaks become spaces, the defused commands read the same', () => {
    expect(oneLine('a\r\nb\nc\rd')).toBe('a b c d');
    expect(oneLine('::error::x').replace(/\u200b/g, '')).toBe('::error::x');
    expect(oneLine('see ##[group]x').replace(/\u200b/g, '')).toBe('see ##[group]x');
    expect(oneLine('plain text: 12:30 · a::b')).toBe('plain text: 12:30 · a::b');
  });

  it('is idempotent', () => {
    for (const text of HOSTILE) expect(oneLine(oneLine(text))).toBe(oneLine(text));
  });
});

describe('printable', () => {
  it('keeps the lines it is given, each defused and without control characters', () => {
    const out = printable('first\n::add-mask::secret\n  ::error::x\nlast ##[error]y\u001b[31m');
    expect(out.split('\n')).toHaveLength(4);
    expect(runnerCommands(out)).toEqual([]);
    expect(out).not.toMatch(CONTROL_CHARACTERS);
  });

  it('keeps colour codes when colour is on, and only them', () => {
    const painted = '\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u001b[2J';
    expect(printable(painted, { colour: true })).toBe('\u001b[31mred\u001b[0m ]0;title [2J');
    expect(printable(painted)).toBe('[31mred[0m ]0;title [2J');
  });

  it.each(HOSTILE)('never lets a command through: %j', (text) => {
    expect(runnerCommands(printable(text))).toEqual([]);
    expect(runnerCommands(printable(text, { colour: true }))).toEqual([]);
  });
});

describe('commandData', () => {
  it('keeps line breaks (the runner escapes them in a command) and drops other controls', () => {
    expect(commandData('a\r\nb\u0007\u001b[31mc\u2028d')).toBe('a\nb[31mc\nd');
  });
});
