// Validates XML with a real validator: xmllint (Debian's libxml2-utils, installed by .ci/run)
// against a checked-in schema.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './oracle.js';

/** The Jenkins xUnit plugin's junit-10.xsd (MIT, Gregory Boissinot), as test reporters read JUnit. */
export const JUNIT_XSD = path.join(repoRoot, 'test', 'fixtures', 'junit', 'junit-10.xsd');

export function validateXml(file: string, schema: string = JUNIT_XSD): { readonly valid: boolean; readonly output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${r.error.message}`);
  return { valid: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The text of every node an XPath selects, one per line (xmllint --xpath). */
export function xpath(file: string, expression: string): string {
  const r = spawnSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`xmllint --xpath ${expression}: ${r.stderr}`);
  // A string() or count() result ends with the newline xmllint adds.
  return /^(string|count)\(/.test(expression) ? r.stdout.replace(/\n$/, '') : r.stdout;
}
