// Writes the settings table into the documents that show it: action.yml's inputs, the README's
// inputs table and its `run` options table. A test fails when they drift; this puts them back.
// Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsTable, inputsTable, mergeInputsTable, mergeInputsYaml, replaceSection, withActionInputs } from '../src/app/settings-docs.js';
import { MERGE_FLAGS, MERGE_OWN_OPTIONS, RUN_FLAGS } from '../src/cli/command-help.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = path.join(root, 'README.md');
const manifest = path.join(root, 'action.yml');
const mergeManifest = path.join(root, 'merge', 'action.yml');
let text = readFileSync(readme, 'utf8');
text = replaceSection(replaceSection(text, 'inputs', inputsTable()), 'run-options', flagsTable(RUN_FLAGS));
text = replaceSection(replaceSection(text, 'merge-inputs', mergeInputsTable()), 'merge-options', flagsTable(MERGE_FLAGS, MERGE_OWN_OPTIONS));
writeFileSync(readme, text);
writeFileSync(manifest, withActionInputs(readFileSync(manifest, 'utf8')));
writeFileSync(mergeManifest, withActionInputs(readFileSync(mergeManifest, 'utf8'), mergeInputsYaml()));
console.log('README.md, action.yml and merge/action.yml written from src/app/settings.ts and src/app/merge-inputs.ts');
