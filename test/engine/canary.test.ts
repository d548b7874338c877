// The durability canary against a local record store that loses a known stretch of writes (the
// ground truth): observed RPO within ±(canary interval + 100 ms), failures counted as
// unavailability, the process flavour, and a canary that stops (and faults rolled back) on interruption.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEnvironment } from '../../src/engine/activity.js';
import { MAX_CANARY_WRITES, startCanary } from '../../src/engine/canary.js';
import { type Clock, systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { runExperiment } from '../../src/engine/runner.js';
import { type CanarySettings, recoverySettings, type Objectives } from '../../src/experiment/objectives.js';
import { canaryStores, runProviders } from '../../src/app/providers.js';
import { formatSeconds, judge } from '../../src/report/verdict.js';
import { freePort } from '../support/postgres.js';
import { type RecordStore, startRecordStore } from '../support/record-store.js';

let store: RecordStore;
let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chaos-canary-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => store.close());

const INTERVAL = 0.1;
const httpCanary = (extra: Record<string, unknown> = {}) => ({
  write: {
    type: 'http',
    method: 'POST',
    url: '${store}/records',
    headers: { 'Content-Type': 'application/json' },
    arguments: { seq: '${canary_seq}', ts: '${canary_ts}' },
  },
  read: { type: 'http', url: '${store}/records' },
  interval: `${INTERVAL * 1000}ms`,
  timeout: '1s',
  ...extra,
});
const mode = (name: string, m: string, pauses?: Record<string, number>) => ({
  type: 'action',
  name,
  provider: { type: 'http', method: 'POST', url: `\${store}/mode/${m}` },
  ...(pauses ? { pauses } : {}),
});

async function run(
  method: unknown[],
  canary: unknown,
  objectives: Objectives = {},
  options: { signal?: AbortSignal; rollbacks?: unknown[]; warnings?: string[]; sampling?: Record<string, unknown> } = {},
) {
  const experiment = {
    title: 'canary',
    description: 'd',
    configuration: { store: store.url },
    'steady-state-hypothesis': {
      title: 'h',
      probes: [{ type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: '${store}/health', timeout: 1 } }],
    },
    method,
    rollbacks: options.rollbacks ?? [],
    extensions: [{ name: 'chaos-action', canary, sampling: { interval: '100ms', stable: 2, ...options.sampling } }],
  };
  const { settings, problems } = recoverySettings(experiment, objectives);
  expect(problems).toEqual([]);
  const signal = options.signal ?? new AbortController().signal;
  const outcome = await runExperiment(
    { file: 'c.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
    { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: null, recovery: settings },
    {
      clock: systemClock,
      runProvider: runProviders({ python: 'python3' }),
      canaryStores,
      events: { ...silentEvents, warning: (m: string) => void options.warnings?.push(m) },
      env: { PATH: process.env.PATH ?? '' },
      cwd: work,
      interruption: { signal, hardSignal: new AbortController().signal },
    },
  );
  return { outcome, durability: outcome.durability, verdict: judge(outcome, { allowActionFailure: false }) };
}

describe('the http canary', () => {
  it.each([0.4, 0.8])('measures a %s s stretch of lost writes within ±(interval + 100 ms)', async (seconds) => {
    store = await startRecordStore();
    const { durability, verdict } = await run(
      [mode('start-losing', 'losing', { before: 0.4, after: seconds }), mode('stop-losing', 'normal', { after: 0.3 })],
      httpCanary(),
      { rto: 10, rpo: 0 },
    );
    const losing = store.changes.find((c) => c.mode === 'losing')?.at as number;
    const normal = store.changes.find((c) => c.mode === 'normal')?.at as number;
    const truth = (normal - losing) / 1000;
    expect(durability?.lost).toBeGreaterThan(0);
    expect(Math.abs((durability?.rpo as number) - truth)).toBeLessThanOrEqual(INTERVAL + 0.1);
    expect(durability?.lostRanges).toHaveLength(1);
    expect(durability?.lowerBound).toBe(false);
    expect(durability?.acknowledged).toBe(store.received.length);
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons).toEqual([
      `observed RPO ${formatSeconds(durability?.rpo as number)} is over the objective of 0 s: ${durability?.lost} of ${durability?.acknowledged} acknowledged canary writes lost`,
    ]);
  });

  it('reports RPO 0 and passes an RPO objective of 0 when nothing acknowledged is lost', async () => {
    store = await startRecordStore();
    const { durability, verdict } = await run([mode('noop', 'normal', { before: 0.3, after: 0.3 })], httpCanary(), { rto: 10, rpo: 0 });
    expect(durability).toMatchObject({ rpo: 0, lost: 0, failed: 0, canary: 'http' });
    expect(durability?.acknowledged).toBeGreaterThanOrEqual(3);
    expect(verdict.verdict).toBe('passed');
  });

  it('substitutes ${canary_seq} as a number and ${canary_ts} as the ISO time of each write', async () => {
    store = await startRecordStore();
    await run([mode('noop', 'normal', { after: 0.35 })], httpCanary());
    expect(store.received.length).toBeGreaterThanOrEqual(3);
    store.received.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
    });
    const times = store.received.map((r) => Date.parse(String(r.ts)));
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t > (times[i - 1] as number)))).toBe(true);
    expect(String(store.received[0]?.ts)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it('counts writes refused while the store is down as failed, not lost: RPO 0', async () => {
    store = await startRecordStore();
    const { durability, verdict } = await run([mode('go-down', 'down', { before: 0.3, after: 0.4 }), mode('come-back', 'normal')], httpCanary(), {
      rto: 10,
      rpo: 0,
    });
    expect(durability?.failed).toBeGreaterThan(0);
    expect(durability?.writes.find((w) => !w.acknowledged)?.error).toBe('answered status 503');
    expect(durability).toMatchObject({ rpo: 0, lost: 0 });
    expect(verdict.verdict).toBe('passed');
  });

  it('counts a write with no answer within the canary timeout as failed', async () => {
    store = await startRecordStore();
    const { durability } = await run(
      [mode('hang', 'hang', { before: 0.2, after: 0.5 }), mode('answer-again', 'normal', { after: 0.3 })],
      httpCanary({ timeout: '150ms' }),
    );
    const failed = durability?.writes.filter((w) => !w.acknowledged) ?? [];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((w) => w.error === 'no answer within 0.15 s')).toBe(true);
    expect(durability?.lost).toBe(0);
  });

  it('says RPO is unknown, and misses the objective, when no write was acknowledged', async () => {
    store = await startRecordStore();
    const canary = httpCanary({ write: { type: 'http', method: 'POST', url: '${store}/nowhere' } });
    const { durability, verdict } = await run([mode('noop', 'normal', { after: 0.3 })], canary, { rpo: 5 });
    expect(durability).toMatchObject({ rpo: null, lost: null, acknowledged: 0, error: 'no canary write was acknowledged (first error: answered status 404)' });
    expect(verdict).toEqual({ verdict: 'missed-objective', reasons: [`observed RPO unknown: ${durability?.error}; RPO objective 5 s`] });
  });

  it('says what is wrong when the read does not return a list of sequence numbers', async () => {
    store = await startRecordStore();
    const { durability, verdict } = await run([mode('noop', 'normal', { after: 0.2 })], httpCanary({ read: { type: 'http', url: '${store}/health' } }), {
      rpo: 1,
    });
    expect(durability?.rpo).toBeNull();
    expect(durability?.error).toBe(
      'could not read the records that survived: the read returned "ok": expected a JSON list of sequence numbers, such as [1, 2, 3]',
    );
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons).toEqual([`observed RPO unknown: ${durability?.error}; RPO objective 1 s`]);
  });

  it('stops writing, skips the read and plays the rollbacks when the run is interrupted', async () => {
    store = await startRecordStore();
    const controller = new AbortController();
    const running = run(
      [mode('start-losing', 'losing', { before: 0.2, after: 30 })],
      httpCanary(),
      { rto: 10, rpo: 0 },
      { signal: controller.signal, rollbacks: [mode('stop-losing', 'normal')] },
    );
    for (let i = 0; i < 100 && !store.changes.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const { outcome, durability, verdict } = await running;
    expect(verdict.verdict).toBe('interrupted');
    expect(durability).toMatchObject({ rpo: null, error: 'the run was interrupted before the survivors were read' });
    expect(outcome.journal.rollbacks.map((r) => r.status)).toEqual(['succeeded']);
    expect(store.changes.map((c) => c.mode)).toEqual(['losing', 'normal']);
    const written = store.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(store.received.length).toBe(written);
  });
});

describe('the canary in the run', () => {
  it('ends the experiment interrupted when the interruption comes while the run waits for recovery', async () => {
    store = await startRecordStore();
    const controller = new AbortController();
    // The store stays down: the RTO objective (0.3 s) runs out, the steady state after fails, and
    // the run waits for the rest of the recovery window (10 s) before reading the survivors.
    const running = run(
      [mode('go-down', 'down')],
      httpCanary(),
      { rto: 0.3 },
      { signal: controller.signal, sampling: { window: '10s' }, rollbacks: [mode('come-back', 'normal')] },
    );
    for (let i = 0; i < 100 && !store.changes.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1000));
    controller.abort();
    const { outcome, verdict } = await running;
    expect(outcome.journal.status).toBe('interrupted');
    expect(verdict.verdict).toBe('interrupted');
    expect(outcome.journal.rollbacks.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('writes under --dry probes, where the actions (the faults) really run', async () => {
    store = await startRecordStore();
    const experiment = {
      title: 'dry probes',
      description: 'd',
      configuration: { store: store.url },
      method: [mode('noop', 'normal', { after: 0.5 })],
      extensions: [{ name: 'chaos-action', canary: httpCanary() }],
    };
    const { settings } = recoverySettings(experiment, {});
    const outcome = await runExperiment(
      { file: 'd.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
      { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: 'probes', recovery: settings },
      {
        clock: systemClock,
        runProvider: runProviders({ python: 'python3' }),
        events: silentEvents,
        env: { PATH: process.env.PATH ?? '' },
        cwd: work,
        interruption: { signal: new AbortController().signal, hardSignal: new AbortController().signal },
      },
    );
    expect(outcome.durability?.acknowledged).toBeGreaterThan(0);
    expect(outcome.durability?.lost).toBe(0);
    expect(store.received.length).toBe(outcome.durability?.acknowledged);
  });
});

describe('the process canary', () => {
  it('writes with ${canary_seq} in the arguments, acknowledges exit 0 and reads the survivors from stdout', async () => {
    store = await startRecordStore();
    const file = path.join(work, 'records.txt');
    // The read "loses" every fifth record: the ground truth is known write by write.
    const canary = {
      write: { type: 'process', path: 'sh', arguments: ['-c', 'echo "$1" >> "$2"', 'canary', '${canary_seq}', file] },
      read: {
        type: 'process',
        path: process.execPath,
        arguments: [
          '-e',
          "const l=require('fs').readFileSync(process.argv[1],'utf8').split('\\n').filter(Boolean).map(Number);console.log(JSON.stringify(l.filter((n)=>n%5)))",
          file,
        ],
      },
      interval: '50ms',
    };
    const { durability } = await run([mode('noop', 'normal', { after: 0.8 })], canary);
    const d = durability as NonNullable<typeof durability>;
    expect(d.canary).toBe('process');
    expect(d.acknowledged).toBeGreaterThanOrEqual(10);
    const fifths = d.writes.filter((w) => w.seq % 5 === 0);
    expect(d.lostRanges).toEqual(fifths.map((w) => [w.seq, w.seq]));
    const lastLost = fifths.at(-1) as (typeof fifths)[number];
    expect(d.rpo).toBeCloseTo(lastLost.at - (d.writes[3] as (typeof fifths)[number]).at, 3);
  });

  it('ignores survivors it never wrote, and says so', async () => {
    store = await startRecordStore();
    const warnings: string[] = [];
    const canary = { write: { type: 'process', path: 'true' }, read: { type: 'process', path: 'echo', arguments: ['[1, 2, 3, 4000]'] }, interval: '100ms' };
    const { durability } = await run([mode('noop', 'normal', { after: 0.8 })], canary, {}, { warnings });
    expect(durability?.writes.length).toBeGreaterThanOrEqual(4);
    expect(durability?.strays).toBe(1);
    expect(durability?.lostRanges[0]?.[0]).toBe(4);
    expect(warnings).toEqual(['durability canary: the read returned 1 sequence number(s) this run never wrote; they are ignored']);
  });

  it('counts a non-zero exit as a failed write, with its stderr', async () => {
    store = await startRecordStore();
    const canary = {
      write: { type: 'process', path: 'sh', arguments: ['-c', 'echo full >&2; exit 3'] },
      read: { type: 'process', path: 'echo', arguments: ['[]'] },
      interval: '100ms',
    };
    const { durability } = await run([mode('noop', 'normal', { after: 0.2 })], canary);
    expect(durability?.writes[0]).toMatchObject({ acknowledged: false, error: 'exited with 3: full' });
  });
});

describe('the PostgreSQL canary', () => {
  it('says the canary could not start, and why, when the database cannot be reached: configuration, not loss', async () => {
    store = await startRecordStore();
    const port = await freePort();
    const warnings: string[] = [];
    const { durability, verdict } = await run(
      [mode('noop', 'normal')],
      { postgres: { url: `postgres://postgres@127.0.0.1:${port}/postgres` }, timeout: '1s' },
      { rpo: 0 },
      { warnings },
    );
    expect(durability).toMatchObject({ canary: 'postgres', rpo: null, lost: null, writes: [], readAttempts: 0 });
    expect(durability?.error).toMatch(/^the canary could not start: .*ECONNREFUSED/);
    expect(verdict).toEqual({ verdict: 'missed-objective', reasons: [`observed RPO unknown: ${durability?.error}; RPO objective 0 s`] });
    expect(warnings).toEqual([expect.stringMatching(/^durability canary: could not start: .*ECONNREFUSED/)]);
  });

  it('reports an interruption while the canary prepares as an interruption, not as a canary that could not start', async () => {
    store = await startRecordStore();
    // A server that accepts connections and never answers: the prepare hangs until its timeout.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const controller = new AbortController();
      const warnings: string[] = [];
      const running = run(
        [mode('noop', 'normal')],
        { postgres: { url: `postgres://postgres@127.0.0.1:${port}/postgres` }, timeout: '10s' },
        { rpo: 0 },
        { signal: controller.signal, warnings },
      );
      for (let i = 0; i < 100 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const aborted = Date.now();
      controller.abort();
      const { durability, verdict } = await running;
      expect(Date.now() - aborted).toBeLessThan(2000);
      expect(durability).toMatchObject({ rpo: null, writes: [], error: 'the run was interrupted while the canary was starting' });
      expect(verdict.verdict).toBe('interrupted');
      expect(warnings.filter((w) => w.startsWith('durability canary'))).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** A process read that fails (exit 2, "still failing over") until its `fails` attempts are used up, then prints the records of `${canary_run}`. */
function flakyRead(counter: string, records: string, fails: number) {
  const script = [
    "const fs = require('fs');",
    'const [counter, file, run, fails] = process.argv.slice(1);',
    "const n = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;",
    'fs.writeFileSync(counter, String(n));',
    "if (n <= Number(fails)) { console.error('still failing over'); process.exit(2); }",
    "const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\\n').filter(Boolean).map((l) => l.split(' ')) : [];",
    'console.log(JSON.stringify(lines.filter(([r]) => r === run).map(([, seq]) => Number(seq))));',
  ].join('\n');
  return { type: 'process', path: process.execPath, arguments: ['-e', script, counter, records, '${canary_run}', String(fails)] };
}
const appendWrite = (records: string) => ({
  type: 'process',
  path: 'sh',
  arguments: ['-c', 'echo "$1 $2" >> "$3"', 'canary', '${canary_run}', '${canary_seq}', records],
});

describe('reading the survivors', () => {
  it('tries again until the store answers, without an RTO objective, and says how many attempts it took', async () => {
    store = await startRecordStore();
    const dir = mkdtempSync(path.join(work, 'read-'));
    const records = path.join(dir, 'records');
    const counter = path.join(dir, 'reads');
    const { durability, verdict } = await run(
      [mode('noop', 'normal', { after: 0.3 })],
      { write: appendWrite(records), read: flakyRead(counter, records, 3), interval: '100ms' },
      { rpo: 0 },
    );
    expect(durability).toMatchObject({ rpo: 0, lost: 0, readAttempts: 4 });
    expect(durability?.error).toBeUndefined();
    expect(durability?.acknowledged).toBeGreaterThanOrEqual(3);
    expect(durability?.notes).toEqual([expect.stringMatching(/^the survivors were read at attempt 4, [\d.]+ s after the first$/)]);
    expect(verdict.verdict).toBe('passed');
  });

  it('gives up once the recovery window has passed since the read started, saying how many attempts it made', async () => {
    store = await startRecordStore();
    const dir = mkdtempSync(path.join(work, 'read-'));
    const records = path.join(dir, 'records');
    const counter = path.join(dir, 'reads');
    const started = Date.now();
    const { durability, verdict } = await run(
      [mode('noop', 'normal', { after: 0.3 })],
      { write: appendWrite(records), read: flakyRead(counter, records, 1000), interval: '100ms' },
      { rpo: 0 },
      { sampling: { window: '2s' } },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    const attempts = Number(readFileSync(counter, 'utf8'));
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(durability).toMatchObject({ rpo: null, lost: null, readAttempts: attempts });
    expect(durability?.error).toMatch(
      new RegExp(
        `^could not read the records that survived: the read exited with 2: still failing over \\(${attempts} attempts over [\\d.]+ s; the read gives up once the recovery window of 2 s has passed\\)$`,
      ),
    );
    expect(verdict.reasons).toEqual([`observed RPO unknown: ${durability?.error}; RPO objective 0 s`]);
  });

  it('stops trying at once when the run is interrupted', async () => {
    store = await startRecordStore();
    const dir = mkdtempSync(path.join(work, 'read-'));
    const records = path.join(dir, 'records');
    const counter = path.join(dir, 'reads');
    const controller = new AbortController();
    const running = run(
      [mode('noop', 'normal', { after: 0.2 })],
      { write: appendWrite(records), read: flakyRead(counter, records, 1000), interval: '100ms' },
      { rpo: 0 },
      { signal: controller.signal },
    );
    for (let i = 0; i < 200 && !existsSync(counter); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    const aborted = Date.now();
    controller.abort();
    const { durability, verdict } = await running;
    expect(Date.now() - aborted).toBeLessThan(1000);
    expect(durability).toMatchObject({ rpo: null, error: 'the run was interrupted before the survivors were read' });
    expect(durability?.readAttempts).toBeGreaterThanOrEqual(1);
    expect(verdict.verdict).toBe('interrupted');
  });

  it('gives each run its own ${canary_run}: records an earlier run left in the store are not survivors', async () => {
    store = await startRecordStore();
    const dir = mkdtempSync(path.join(work, 'runs-'));
    const records = path.join(dir, 'records');
    const canary = { write: appendWrite(records), read: flakyRead(path.join(dir, 'reads'), records, 0), interval: '100ms' };
    const first = (await run([mode('noop', 'normal', { after: 0.3 })], canary)).durability;
    const second = (await run([mode('noop', 'normal', { after: 0.3 })], canary)).durability;
    expect(first?.run).toMatch(/^[0-9a-z]+-[0-9a-f]{6}$/);
    expect(second?.run).toMatch(/^[0-9a-z]+-[0-9a-f]{6}$/);
    expect(second?.run).not.toBe(first?.run);
    const lines = readFileSync(records, 'utf8').split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith(`${first?.run} `))).toHaveLength(first?.writes.length as number);
    expect(lines.filter((l) => l.startsWith(`${second?.run} `))).toHaveLength(second?.writes.length as number);
    // Both runs wrote 1, 2, 3…: each read its own, none lost and none a stray.
    for (const d of [first, second]) expect(d).toMatchObject({ rpo: 0, lost: 0, strays: 0 });
  });
});

describe('the number of writes', () => {
  it(`stops writing after ${MAX_CANARY_WRITES} writes and notes it in the durability report`, async () => {
    // A test clock: each sleep passes at once, so 10,000 ticks of 50 ms take no real time.
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms, signal) => void (signal?.aborted ? undefined : (now += ms)) };
    const write = { type: 'process', path: 'canary-write' };
    const read = { type: 'process', path: 'canary-read' };
    let written = 0;
    const warnings: string[] = [];
    const env = {
      clock,
      scope: new Map(),
      dry: null,
      events: { ...silentEvents, warning: (m: string) => void warnings.push(m) },
      providerContext: { hasVariables: false, secrets: {}, configuration: {}, env: {}, cwd: work },
      runProvider: async (provider: Readonly<Record<string, unknown>>) => {
        if (provider === write) {
          written++;
          now += 1;
          return { status: 0, stdout: '', stderr: '' };
        }
        return { status: 0, stdout: JSON.stringify(Array.from({ length: written }, (_, i) => i + 1)), stderr: '' };
      },
    } as unknown as ActivityEnvironment;
    const settings: CanarySettings = { kind: 'providers', write, read, interval: 0.05, timeout: 1, readWindow: 60 };
    const canary = await startCanary(settings, env, new AbortController().signal);
    for (let i = 0; i < 2000 && written < MAX_CANARY_WRITES; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    const d = await canary.stop();
    expect(written).toBe(MAX_CANARY_WRITES);
    expect(d.writes).toHaveLength(MAX_CANARY_WRITES);
    expect(d).toMatchObject({ acknowledged: MAX_CANARY_WRITES, lost: 0, rpo: 0 });
    expect(d.notes).toEqual([`the canary stopped writing after ${MAX_CANARY_WRITES} writes, 500 s after the fault: a loss after that is not measured`]);
    expect(warnings).toEqual([`durability canary: ${d.notes[0]}`]);
  });
});
