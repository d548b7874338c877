// Writes the settings table into the documents that show it: action.yml's inputs, the README's
// inputs table and its `run` options table. A test fails when they drift; this puts them back.
// Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsTable, inputsTable, replaceSection, withActionInputs } from '../src/app/settings-docs.js';
import { RUN_FLAGS } from '../src/cli/command-help.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = path.join(root, 'README.md');
const manifest = path.join(root, 'action.yml');
writeFileSync(readme, replaceSection(replaceSection(readFileSync(readme, 'utf8'), 'inputs', inputsTable()), 'run-options', flagsTable(RUN_FLAGS)));
writeFileSync(manifest, withActionInputs(readFileSync(manifest, 'utf8')));
console.log('README.md and action.yml written from src/app/settings.ts');
