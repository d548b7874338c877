// Reads an experiment or var file, bounded: only a regular file (a FIFO, a device such as
// /dev/urandom or /dev/zero, a socket are refused before a byte is read), and at most
// max-file-size bytes. Opened without blocking (a FIFO would otherwise wait for a writer) and
// checked on the open descriptor, so what is checked is what is read.
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_FILE_CHARS } from './limits.js';

/** Largest experiment or var file read by default (max-file-size): the loader's 256 KiB. */
export const DEFAULT_MAX_FILE_BYTES = MAX_FILE_CHARS;

export type FileRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'load-read' | 'load-not-file' | 'load-size'; readonly problem: string; readonly hint?: string };

export async function readTextFile(file: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<FileRead> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, code: 'load-read', problem: `cannot read the file: ${describeError(e)}` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, code: 'load-read', problem: 'cannot read the file: is a folder' };
    if (!info.isFile()) {
      return {
        ok: false,
        code: 'load-not-file',
        problem: `not a regular file (${kindOf(info)}): only regular files are read`,
        hint: 'point at the experiment file itself',
      };
    }
    const tooLarge = (size: string): FileRead => ({
      ok: false,
      code: 'load-size',
      problem: `the file is ${size} bytes; an experiment or var file may have at most ${maxBytes.toLocaleString('en-US')} (max-file-size)`,
      hint: 'an experiment needs a few KiB: move large data out of it, or raise max-file-size (--max-file-size)',
    });
    if (info.size > maxBytes) return tooLarge(info.size.toLocaleString('en-US'));
    // Read to the end, but never past the limit: the file may have grown since fstat.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(`more than ${maxBytes.toLocaleString('en-US')}`);
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (e) {
    return { ok: false, code: 'load-read', problem: `cannot read the file: ${describeError(e)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** An fs error in words (the code, without Node's call details). */
export function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop?)';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}
