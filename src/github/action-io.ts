// What the action says to the runner: outputs, state for the post step, secrets to mask,
// annotations, the job summary and the failed status. One small interface, so the application
// is tested with a recording implementation and runs with @actions/core.
import { commandData, oneLine, printable } from '../experiment/safe-text.js';

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
 * The runner's implementation, through @actions/core (loaded only when the action runs). Every
 * message passes through safe-text first: a line printed is never read as a workflow command, and
 * no control character reaches the log or an annotation.
 */
export async function coreIO(): Promise<ActionIO> {
  const core = await import('@actions/core');
  const safePlace = (place: AnnotationPlace = {}): AnnotationPlace => ({
    ...place,
    ...(place.title !== undefined ? { title: oneLine(place.title) } : {}),
    ...(place.file !== undefined ? { file: oneLine(place.file) } : {}),
  });
  return {
    setOutput: (name, value) => core.setOutput(name, value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    setSecret: (value) => core.setSecret(value),
    exportVariable: (name, value) => core.exportVariable(name, value),
    annotate: (level, message, place) =>
      (level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice)(commandData(message), safePlace(place)),
    info: (message) => core.info(printable(message)),
    warning: (message) => core.warning(commandData(message)),
    setFailed: (message) => core.setFailed(commandData(message)),
    appendSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return false;
      await core.summary.addRaw(markdown, true).write();
      return true;
    },
  };
}
