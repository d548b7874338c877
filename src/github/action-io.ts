// What the action says to the runner: outputs, state for the post step, secrets to mask,
// annotations, the job summary and the failed status. One small interface, so the application
// is tested with a recording implementation and runs with @actions/core.
import { EOL } from 'node:os';
import { commandData, oneLine, printable } from '../experiment/safe-text.js';
import type { CommandFiles } from './command-files.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationPlace {
  readonly title?: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
}

export interface ActionIO {
  setOutput(name: string, value: string | number): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  setSecret(value: string): void;
  exportVariable(name: string, value: string): void;
  annotate(level: AnnotationLevel, message: string, place?: AnnotationPlace): void;
  info(message: string): void;
  warning(message: string): void;
  setFailed(message: string): void;
  /** Appends Markdown to the job summary; false when there is no summary file (not on a runner). */
  appendSummary(markdown: string): Promise<boolean>;
}

/**
 * The runner's implementation: the step's outputs, state, exported variables and summary go to
 * the command files (recorded, so that the entry point can put back exactly what was written: see
 * command-files.ts); state is read from `env` (the step's environment, which the action's own
 * process keeps out of its environment block); log lines and annotations go through @actions/core
 * (loaded only when the action runs). Every message passes through safe-text first: a line
 * printed is never read as a workflow command, and no control character reaches the log or an
 * annotation.
 */
export async function coreIO(env: Readonly<Record<string, string | undefined>>, files: CommandFiles): Promise<ActionIO> {
  const core = await import('@actions/core');
  const safePlace = (place: AnnotationPlace = {}): AnnotationPlace => ({
    ...place,
    ...(place.title !== undefined ? { title: oneLine(place.title) } : {}),
    ...(place.file !== undefined ? { file: oneLine(place.file) } : {}),
  });
  return {
    setOutput: (name, value) => void files.appendKeyValue('GITHUB_OUTPUT', name, String(value)),
    saveState: (name, value) => void files.appendKeyValue('GITHUB_STATE', name, value),
    getState: (name) => env[`STATE_${name}`] ?? '',
    setSecret: (value) => core.setSecret(value),
    exportVariable: (name, value) => void files.appendKeyValue('GITHUB_ENV', name, value),
    annotate: (level, message, place) =>
      (level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice)(commandData(message), safePlace(place)),
    info: (message) => core.info(printable(message)),
    warning: (message) => core.warning(commandData(message)),
    setFailed: (message) => core.setFailed(commandData(message)),
    appendSummary: async (markdown) => files.append('GITHUB_STEP_SUMMARY', `${markdown}${EOL}`),
  };
}
