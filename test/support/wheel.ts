// Builds a pure-python wheel in a test, without a build backend or the network: a wheel is a zip
// holding the package's files and its .dist-info (METADATA, WHEEL, RECORD), which pip installs from
// a local path offline.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeZip } from './zip.js';

/** Writes `<dir>/<name>-<version>-py3-none-any.whl` holding `files` (paths inside site-packages); returns its path. */
export function writeWheel(dir: string, name: string, version: string, files: Readonly<Record<string, string>>): string {
  const dist = `${name.replace(/-/g, '_')}-${version}`;
  const info = `${dist}.dist-info`;
  const all: Record<string, string> = {
    ...files,
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`,
    [`${info}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: chaos-action-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  const digest = (text: string): string => createHash('sha256').update(text).digest('base64url');
  const record = Object.entries(all).map(([p, text]) => `${p},sha256=${digest(text)},${Buffer.byteLength(text)}`);
  all[`${info}/RECORD`] = `${[...record, `${info}/RECORD,,`].join('\n')}\n`;
  const file = path.join(dir, `${dist}-py3-none-any.whl`);
  writeFileSync(file, makeZip(all));
  return file;
}
