// Validation problems as annotations on the experiment files, within the runner's limits
// (10 errors and 10 warnings shown per step; messages cut at 4,096 characters), with one notice
// saying how many more there are.
import type { Diagnostic } from '../experiment/diagnostics.js';
import type { ActionIO } from './action-io.js';

// The runner shows 10 per level and step; one error and one warning are left for what comes after
// validation (the gate's failure, a reporting warning), which would otherwise be dropped.
const ANNOTATIONS_PER_LEVEL = 9;
const MAX_MESSAGE = 4096;

export function annotateDiagnostics(io: Pick<ActionIO, 'annotate'>, diagnostics: readonly Diagnostic[], seeAlso: string): void {
  let left = 0;
  for (const level of ['error', 'warning'] as const) {
    const ofLevel = diagnostics.filter((d) => d.severity === level);
    for (const d of ofLevel.slice(0, ANNOTATIONS_PER_LEVEL)) {
      const message = (d.hint ? `${d.message}\nhint: ${d.hint}` : d.message).slice(0, MAX_MESSAGE);
      io.annotate(level, message, { title: `chaos-action: ${d.code}`, file: d.file, startLine: d.line, startColumn: d.column });
    }
    left += Math.max(0, ofLevel.length - ANNOTATIONS_PER_LEVEL);
  }
  if (left > 0) io.annotate('notice', `${left} more validation problem${left === 1 ? '' : 's'}: see ${seeAlso}`, { title: 'chaos-action' });
}
