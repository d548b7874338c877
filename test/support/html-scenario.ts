// Experiments for the HTML report's end-to-end tests: one breaks a real HTTP target and heals it
// (sampled: a recovery to chart), one deviates with hostile titles, names and outputs.
import type { ToggleServer } from './toggle-server.js';
import { writeCorpus } from './corpus.js';

export const HOSTILE = `<script>window.__pwned=1</script></textarea><img src=x onerror="window.__pwned=2"> "q" 'a' \u001b[2J\u0007 end`;

/** A folder with the two experiments; `server` is the target the first one breaks and heals. */
export function writeHtmlScenario(server: ToggleServer): string {
  return writeCorpus([
    {
      name: 'recovers.json',
      content: JSON.stringify({
        title: `Web recovers ${HOSTILE}`,
        description: 'break the target, heal it; sampled',
        extensions: [{ name: 'chaos-action', objectives: { rto: '10s' }, sampling: { interval: '200ms', window: '5s' } }],
        'steady-state-hypothesis': {
          title: 'up',
          probes: [{ type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: `${server.url}/health`, timeout: 2 } }],
        },
        method: [
          { type: 'action', name: `break ${HOSTILE}`, provider: { type: 'http', url: `${server.url}/set/503` }, pauses: { after: 1 } },
          { type: 'action', name: 'heal', provider: { type: 'http', url: `${server.url}/set/200` }, pauses: { after: 1 } },
        ],
        rollbacks: [{ type: 'action', name: 'heal again', provider: { type: 'http', url: `${server.url}/set/200` } }],
      }),
    },
    {
      name: 'deviates.json',
      content: JSON.stringify({
        title: `Deviates ${HOSTILE}`,
        description: 'the hypothesis is met before and not after',
        'steady-state-hypothesis': {
          title: 'the marker file is absent',
          probes: [
            {
              type: 'probe',
              name: `marker ${HOSTILE}`,
              tolerance: 0,
              provider: { type: 'process', path: 'sh', arguments: ['-c', 'printf "%s" "$1"; test ! -e "$2"', 'sh', HOSTILE, 'marker'] },
            },
          ],
        },
        method: [
          {
            type: 'action',
            name: 'drop the marker',
            provider: { type: 'process', path: 'sh', arguments: ['-c', 'printf "%s" "$1" >&2; touch marker', 'sh', HOSTILE] },
          },
        ],
      }),
    },
  ]);
}

/** Every activity record the run wrote (run records of all phases) in a journal. */
export function activityCount(journal: {
  steady_states: { before: { probes: unknown[] } | null; after: { probes: unknown[] } | null; during: { probes: unknown[] }[] };
  run: unknown[];
  rollbacks: unknown[];
}): number {
  const s = journal.steady_states;
  return (
    (s.before?.probes.length ?? 0) +
    (s.after?.probes.length ?? 0) +
    s.during.reduce((n, d) => n + d.probes.length, 0) +
    journal.run.length +
    journal.rollbacks.length
  );
}
