// Writes the JUnit XML where the user asked (--junit, the `junit` input) and makes sure the journal
// folder holds it too: the artifact is rooted at the journal folder, so a file outside it is copied
// in as junit.xml. Returns the path inside the journal folder (what the artifact lists).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderJunit } from '../report/junit.js';
import type { RunResults } from '../report/results.js';

export const JUNIT_FILE_NAME = 'junit.xml';

export async function writeJunit(results: RunResults, file: string, journalDir: string): Promise<string> {
  const target = path.resolve(file);
  const xml = renderJunit(results, { journalDir });
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, xml);
  const relative = path.relative(journalDir, target);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return target;
  const copy = path.join(journalDir, JUNIT_FILE_NAME);
  await writeFile(copy, xml);
  return copy;
}
