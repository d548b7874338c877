// What both steps (main and post) do first: take the environment out of the process's own
// environment block (sealed-env.ts), then open the command files and the runner's IO. When the
// process exits, after the experiments' processes, the command files get back exactly what the
// action wrote.
import { type ActionIO, coreIO } from '../github/action-io.js';
import { CommandFiles } from '../github/command-files.js';
import { type Env, sealedEnvironment } from './sealed-env.js';

export interface OpenedStep {
  readonly env: Env;
  readonly io: ActionIO;
  /** Why the step must not run anything (the environment could not be sealed). */
  readonly problem?: string;
}

export async function openStep(): Promise<OpenedStep> {
  let env: Env;
  let problem: string | undefined;
  try {
    env = sealedEnvironment();
  } catch (e) {
    env = { ...process.env };
    problem = e instanceof Error ? e.message : String(e);
  }
  const files = new CommandFiles(env);
  const io = await coreIO(env, files);
  process.once('exit', () => {
    for (const p of files.restore()) io.warning(`the step's command file ${p} could not be restored to what the action wrote`);
  });
  return { env, io, ...(problem !== undefined ? { problem } : {}) };
}
