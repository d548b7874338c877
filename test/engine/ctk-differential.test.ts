// The same experiments through the real `chaos run` and through our engine, against the same local
// service: the journals must agree key by key (timestamps, durations and host facts aside).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DryMode } from '../../src/engine/activity.js';
import { systemClock } from '../../src/engine/clock.js';
import { activityEffects } from '../../src/engine/effect.js';
import { silentEvents } from '../../src/engine/events.js';
import type { Journal } from '../../src/engine/journal.js';
import { runExperiment } from '../../src/engine/runner.js';
import type { HypothesisStrategy, RollbackStrategy } from '../../src/engine/strategies.js';
import { runProviders } from '../../src/app/providers.js';
import { writeCorpus } from '../support/corpus.js';
import { oracleChaos, oraclePython, repoRoot } from '../support/oracle.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
});
afterAll(() => target.close());

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');
const http = (name: string, url: string, tolerance?: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'probe',
  name,
  provider: { type: 'http', url, timeout: 3 },
  ...(tolerance === undefined ? {} : { tolerance }),
  ...extra,
});
const proc = (type: 'probe' | 'action', name: string, path: string, args: unknown, extra: Record<string, unknown> = {}) => ({
  type,
  name,
  provider: { type: 'process', path, arguments: args },
  ...extra,
});
const py = (name: string, func: string, args: Record<string, unknown>, tolerance?: unknown) => ({
  type: 'probe',
  name,
  provider: { type: 'python', module: 'chaosfixture', func, arguments: args },
  ...(tolerance === undefined ? {} : { tolerance }),
});
const setStatus = (status: number) => ({ type: 'action', name: `set-${status}`, provider: { type: 'http', url: `\${base}/set/${status}` } });

interface Case {
  readonly name: string;
  readonly probes: unknown[];
  readonly method: unknown[];
  readonly rollbacks?: unknown[];
  readonly hypothesis?: HypothesisStrategy;
  readonly rollbackStrategy?: RollbackStrategy;
  readonly dry?: DryMode;
  readonly configuration?: Record<string, unknown>;
  /** More to check on our journal, beyond agreeing with Chaos Toolkit's. */
  readonly check?: (journal: Journal) => void;
}

const CASES: Case[] = [
  { name: 'passes', probes: [http('health', '${base}/health', 200)], method: [proc('action', 'noop', 'true', [])], rollbacks: [setStatus(200)] },
  { name: 'deviates', probes: [http('health', '${base}/health', [200, 503])], method: [setStatus(500)], rollbacks: [setStatus(200)] },
  {
    name: 'tolerance-kinds',
    probes: [
      http('regex', '${base}/health', { type: 'regex', pattern: '^o.$', target: 'body' }),
      http('jsonpath', '${base}/json', { type: 'jsonpath', path: '$.items.*[?(@.ready = true)]', target: 'body', count: 1 }),
      proc('probe', 'range', 'sh', ['-c', 'echo 0.25'], { tolerance: { type: 'range', range: [0, 0.5], target: 'stdout' } }),
      proc('probe', 'exit-code', 'sh', '-c "exit 0"', { tolerance: 0 }),
      proc('probe', 'stdout-list', 'printf', ['x'], { tolerance: [0, 1, 2] }),
      py('python-string', 'needs_name', { name: 'db' }, { type: 'jsonpath', path: '$.name', expect: 'db' }),
      py('python-bool', 'always_true', {}, true),
      http('probe-tolerance', '${base}/health', {
        type: 'probe',
        name: 'judge',
        provider: { type: 'python', module: 'chaosfixture', func: 'always_true', arguments: {} },
      }),
    ],
    method: [],
  },
  { name: 'not-ready', probes: [http('health', '${base}/health', 201)], method: [setStatus(500)], rollbacks: [setStatus(200)] },
  { name: 'probe-errors', probes: [http('dead', 'http://127.0.0.1:9/', 200)], method: [setStatus(500)], rollbacks: [setStatus(200)] },
  {
    name: 'action-fails',
    probes: [http('health', '${base}/health', 200)],
    method: [{ type: 'action', name: 'dead-port', provider: { type: 'http', url: 'http://127.0.0.1:9/' } }, proc('action', 'after', 'true', [])],
  },
  {
    name: 'pauses-background-refs',
    probes: [http('health', '${base}/health', 200)],
    method: [
      proc('action', 'bg-1', 'sleep', ['0.2'], { background: true }),
      proc('action', 'bg-2', 'sleep', ['0.1'], { background: true }),
      proc('action', 'fg', 'sh', ['-c', 'echo ${word}'], { pauses: { before: 0.1, after: '${pause}' } }),
      { ref: 'health' },
      { ref: 'fg' },
    ],
    configuration: { word: 'hello', pause: 0.1 },
  },
  { name: 'dry-actions', probes: [http('health', '${base}/health', 200)], method: [setStatus(500)], rollbacks: [setStatus(200)], dry: 'actions' },
  { name: 'dry-probes', probes: [http('health', 'http://127.0.0.1:9/', 200)], method: [proc('action', 'noop', 'true', [])], dry: 'probes' },
  {
    name: 'rollbacks-deviated-only',
    probes: [http('health', '${base}/health', 200)],
    method: [proc('action', 'noop', 'true', [])],
    rollbacks: [setStatus(200)],
    rollbackStrategy: 'deviated',
  },
  {
    name: 'after-method-only',
    probes: [http('health', '${base}/health', 200)],
    method: [setStatus(500)],
    rollbacks: [setStatus(200)],
    hypothesis: 'after-method-only',
  },
  {
    // Chaos Toolkit calls these succeeded (exit 1, HTTP 500, a cp of a missing backup): the journals
    // agree; only our verdict differs. Our own key on an activity does not trouble chaos run.
    name: 'actions-without-effect',
    probes: [http('health', '${base}/health', 200)],
    method: [
      proc('action', 'exits-1', 'sh', ['-c', 'echo oops >&2; exit 1']),
      proc('action', 'exits-3-as-declared', 'sh', ['-c', 'exit 3'], { 'chaos-action': { expect: { 'exit-codes': [0, 3] } } }),
      setStatus(500),
      { type: 'action', name: 'answered-500', provider: { type: 'http', url: '${base}/health' } },
      setStatus(200),
    ],
    rollbacks: [proc('action', 'restore', 'cp', ['/nonexistent/chaos-action-backup', '/nonexistent/live'])],
    check: (journal) => {
      expect([...journal.run, ...journal.rollbacks].map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
      expect(activityEffects(journal, null).filter((e) => !e['took-effect'])).toEqual([
        { phase: 'method', index: 0, name: 'exits-1', 'took-effect': false, why: 'exit code 1: oops' },
        { phase: 'method', index: 3, name: 'answered-500', 'took-effect': false, why: 'HTTP status 500: ok' },
        { phase: 'rollbacks', index: 0, name: 'restore', 'took-effect': false, why: expect.stringMatching(/^exit code 1: \S*cp: cannot stat '\/nonexistent/) },
      ]);
    },
  },
  {
    name: 'before-method-only',
    probes: [http('health', '${base}/health', 200)],
    method: [setStatus(500)],
    rollbacks: [setStatus(200)],
    hypothesis: 'before-method-only',
  },
];

function experimentOf(c: Case): Record<string, unknown> {
  return {
    title: 'differential ${word}',
    description: c.name,
    configuration: { base: target.url, word: 'w', ...c.configuration },
    'steady-state-hypothesis': { title: 'h', probes: c.probes },
    method: c.method,
    rollbacks: c.rollbacks ?? [],
  };
}

type J = Record<string, unknown>;

/** Drops what legitimately differs: times, host facts, our namespace (the journal's, not an activity's), volatile HTTP headers. */
function normalize(journal: J): J {
  const walk = (v: unknown, top = false): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: J = {};
      for (const [k, inner] of Object.entries(v)) {
        if (['start', 'end', 'duration', 'chaoslib-version', 'platform', 'node'].includes(k) || (top && k === 'chaos-action')) continue;
        if (k === 'headers' && inner && typeof inner === 'object' && !Array.isArray(inner)) {
          out[k] = Object.fromEntries(Object.entries(inner).filter(([h]) => !['Date', 'Keep-Alive', 'Connection'].includes(h)));
          continue;
        }
        if (k === 'tolerance' && inner && typeof inner === 'object' && (inner as J).type === 'probe') {
          // Deliberate difference (README): chaoslib writes the probed value into the journal's copy
          // of a probe tolerance (provider.arguments.value); we leave the experiment as declared.
          const provider = (inner as { provider: { arguments: J } }).provider;
          const { value: _value, ...args } = provider.arguments;
          out[k] = walk({ ...(inner as J), provider: { ...provider, arguments: args } });
          continue;
        }
        if (k === 'exception' && Array.isArray(inner)) {
          out[k] = String(inner.at(-1)).replace(/: failed to connect to .*/, ': failed to connect');
          continue;
        }
        out[k] = walk(inner);
      }
      return out;
    }
    return v;
  };
  return walk(journal, true) as J;
}

describe('journals agree with chaos run', () => {
  const dir = writeCorpus([]);

  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const experiment = experimentOf(c);
    const file = path.join(dir, `${c.name}.json`);
    writeFileSync(file, JSON.stringify(experiment, null, 2));
    const env = { ...process.env, PYTHONPATH: fixtures };

    target.status = 200;
    const journalPath = path.join(dir, `${c.name}.ctk.json`);
    const args = [
      '--no-version-check',
      '--no-log-file',
      'run',
      '--journal-path',
      journalPath,
      '--rollback-strategy',
      c.rollbackStrategy ?? 'default',
      '--hypothesis-strategy',
      c.hypothesis ?? 'default',
      ...(c.dry ? ['--dry', c.dry] : []),
      file,
    ];
    // Asynchronously: the target lives in this process and must keep answering meanwhile.
    await new Promise<void>((resolve) => spawn(oracleChaos, args, { env, stdio: 'ignore' }).on('exit', () => resolve()));
    const ctk = JSON.parse(readFileSync(journalPath, 'utf8')) as J;

    target.status = 200;
    const never = new AbortController().signal;
    const ours = await runExperiment(
      { file, experiment, configuration: experiment.configuration as J, dynamicConfiguration: [], secrets: {} },
      {
        strategies: { hypothesis: c.hypothesis ?? 'default', rollbacks: c.rollbackStrategy ?? 'default' },
        hypothesisFrequency: 1,
        failFast: false,
        dry: c.dry ?? null,
      },
      {
        clock: systemClock,
        runProvider: runProviders({ python: oraclePython }),
        events: silentEvents,
        env: env as Record<string, string>,
        cwd: process.cwd(),
        interruption: { signal: never, hardSignal: never },
      },
    );
    target.status = 200;
    const a = normalize(JSON.parse(JSON.stringify(ours.journal)) as J);
    const b = normalize(ctk);
    expect(Object.keys(ours.journal)).toEqual(Object.keys(ctk));
    expect(a).toEqual(b);
    c.check?.(ours.journal);
  });
});
