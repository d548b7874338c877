// Finding a process activity's program as shutil.which does, each program looked up once per
// finder (a suite's validation checks the same few programs for every activity).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableFinder } from '../../src/experiment/executables.js';

describe('executableFinder', () => {
  it('finds a program on PATH past folders without it, and tells a missing one from one that cannot run', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'chaos-exec-'));
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n');
    chmodSync(path.join(bin, 'tool'), 0o755);
    writeFileSync(path.join(bin, 'data'), '');
    chmodSync(path.join(bin, 'data'), 0o644);
    const find = executableFinder([path.join(root, 'nowhere'), path.join(root, 'bin', 'tool', 'not-a-dir'), bin].join(path.delimiter));
    expect(find('tool')).toBe('ok');
    expect(find('data')).toBe('not-executable');
    expect(find('absent')).toBe('missing');
    expect(find(path.join(bin, 'tool'))).toBe('ok');
    expect(find(path.join(bin, 'absent'))).toBe('missing');
  });

  it('looks each program up once: a finder keeps its answer', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'chaos-exec-'));
    writeFileSync(path.join(root, 'tool'), '#!/bin/sh\n');
    chmodSync(path.join(root, 'tool'), 0o755);
    const find = executableFinder(root);
    expect(find('tool')).toBe('ok');
    rmSync(path.join(root, 'tool'));
    expect(find('tool')).toBe('ok');
    // A new finder (a new validation) looks again.
    expect(executableFinder(root)('tool')).toBe('missing');
  });
});
