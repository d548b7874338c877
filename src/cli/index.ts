// Entry point of the `chaos-action` binary. (No top-level await: in the bundle, the lazily
// imported commands are defined after this module's body runs.)
import { main } from './main.js';
import { processTerminal } from './terminal.js';

void main(process.argv.slice(2), processTerminal(), process.env).then((code) => {
  process.exitCode = code;
});
