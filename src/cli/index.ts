// Entry point of the `chaos-action` binary. (No top-level await: in the bundle, the lazily
// imported commands are defined after this module's body runs.)
import module from 'node:module';
import { main } from './main.js';
import { processTerminal } from '../report/terminal.js';

// V8's compile cache (in the OS temp folder): the commands' code is parsed once, not every start.
module.enableCompileCache?.();

void main(process.argv.slice(2), processTerminal(), process.env).then((code) => {
  process.exitCode = code;
});
