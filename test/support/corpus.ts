// Writes small experiments into a temporary folder so that both tools read the same files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CorpusFile {
  readonly name: string;
  readonly content: string;
}

export function writeCorpus(files: readonly CorpusFile[], prefix = 'chaos-corpus-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const f of files) writeFileSync(path.join(dir, f.name), f.content);
  return dir;
}
