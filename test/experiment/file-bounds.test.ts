// Reading experiment and var files is bounded: only regular files (a FIFO or a device is refused
// before a byte is read, never waited on), at most max-file-size bytes; a folder that cannot be
// listed and a name that is not UTF-8 are positioned errors, never a crash or a "missing" file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverExperiments } from '../../src/experiment/discover.js';
import { loadExperimentFile } from '../../src/experiment/loader.js';
import { loadVarFile } from '../../src/experiment/vars.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'chaos-file-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EXPERIMENT = JSON.stringify({ title: 't', description: 'd', method: [] });

function errorOf(result: Awaited<ReturnType<typeof loadExperimentFile>>): { code: string; message: string } {
  if (result.ok) throw new Error('the file loaded');
  const [d] = result.diagnostics;
  return { code: d?.code ?? '', message: d?.message ?? '' };
}

describe('experiment files', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(tmp, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(errorOf(await loadExperimentFile(fifo))).toEqual({ code: 'load-not-file', message: 'not a regular file (a FIFO): only regular files are read' });
  });

  it('refuses a device such as /dev/urandom or /dev/zero behind an experiment name', async () => {
    for (const [name, device] of [
      ['random.json', '/dev/urandom'],
      ['zero.yaml', '/dev/zero'],
    ] as const) {
      const link = path.join(tmp, name);
      symlinkSync(device, link);
      expect(errorOf(await loadExperimentFile(link))).toEqual({
        code: 'load-not-file',
        message: 'not a regular file (a character device): only regular files are read',
      });
    }
  });

  it('refuses a file over max-file-size before reading it, and reads it once the limit is raised', async () => {
    const file = path.join(tmp, 'large.json');
    writeFileSync(file, JSON.stringify({ title: 't', description: 'x'.repeat(2 * 1024 * 1024), method: [] }));
    expect(errorOf(await loadExperimentFile(file))).toEqual({
      code: 'load-size',
      message: 'the file is 2,097,194 bytes; an experiment or var file may have at most 262,144 (max-file-size)',
    });
    expect((await loadExperimentFile(file, 4 * 1024 * 1024)).ok).toBe(true);
  });

  it('reads a regular file behind a symbolic link', async () => {
    const file = path.join(tmp, 'real.json');
    writeFileSync(file, EXPERIMENT);
    symlinkSync(file, path.join(tmp, 'link.json'));
    expect((await loadExperimentFile(path.join(tmp, 'link.json'))).ok).toBe(true);
  });
});

describe('var files', () => {
  it('refuses a FIFO given as a var file', async () => {
    const fifo = path.join(tmp, 'vars.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await loadVarFile(fifo);
    expect(r.ok ? '' : r.diagnostics[0]?.message).toBe('var file: not a regular file (a FIFO): only regular files are read');
  });
});

describe('discovery', () => {
  it('reports a name that is not UTF-8 as such, escaped, not as a missing file', async () => {
    const folder = path.join(tmp, 'names');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'good.json'), EXPERIMENT);
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/bad`), Buffer.from([0xff]), Buffer.from('.json')]), EXPERIMENT);
    // Names that would not be searched anyway stay silent.
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/notes`), Buffer.from([0xfe])]), 'x');
    const found = await discoverExperiments([folder]);
    expect(found.files).toEqual([path.join(folder, 'good.json')]);
    expect(found.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        'discover-name',
        path.join(folder, 'bad\\xff.json'),
        'this file name is not valid UTF-8 (shown with \\x escapes): it cannot be read or reported by name',
      ],
    ]);
  });

  it('reports a path it cannot follow (a symbolic link loop) with the reason', async () => {
    const loop = path.join(tmp, 'loop');
    symlinkSync(loop, loop);
    const found = await discoverExperiments([loop]);
    expect(found.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['discover-unreadable', 'cannot read this path: too many levels of symbolic links (a link loop?)'],
    ]);
  });
});
