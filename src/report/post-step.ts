// What the action's post step writes to the job summary after it played owed rollbacks.
import { escapeCell } from './markdown.js';

export function postStepSummary(reverted: readonly string[], failed: readonly string[]): string {
  const lines = [
    '## chaos-action post step: faults reverted after the main step stopped',
    '',
    ...reverted.map((r) => `- ✅ ${escapeCell(r)}`),
    ...failed.map((f) => `- 💥 ${escapeCell(f)}`),
    '',
  ];
  return lines.join('\n');
}
