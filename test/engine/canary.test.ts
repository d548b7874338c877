// The durability canary against a local record store that loses a known stretch of writes (the
// ground truth): observed RPO within ±(canary interval + 100 ms), failures counted as
// unavailability, the process flavour, and a canary that stops (and faults rolled back) on interruption.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { runExperiment } from '../../src/engine/runner.js';
import { recoverySettings, type Objectives } from '../../src/experiment/objectives.js';
import { providerRegistry } from '../../src/providers/registry.js';
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
  write: { type: 'http', method: 'POST', url: '${store}/records', headers: { 'Content-Type': 'application/json' }, arguments: { seq: '${canary_seq}', ts: '${canary_ts}' } },
  read: { type: 'http', url: '${store}/records' },
  interval: `${INTERVAL * 1000}ms`,
  timeout: '1s',
  ...extra,
});
const mode = (name: string, m: string, pauses?: Record<string, number>) => ({ type: 'action', name, provider: { type: 'http', method: 'POST', url: `\${store}/mode/${m}` }, ...(pauses ? { pauses } : {}) });

async function run(method: unknown[], canary: unknown, objectives: Objectives = {}, options: { signal?: AbortSignal; rollbacks?: unknown[]; warnings?: string[] } = {}) {
  const experiment = {
    title: 'canary',
    description: 'd',
    configuration: { store: store.url },
    'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: '${store}/health', timeout: 1 } }] },
    method,
    rollbacks: options.rollbacks ?? [],
    extensions: [{ name: 'chaos-action', canary, sampling: { interval: '100ms', stable: 2 } }],
  };
  const { settings, problems } = recoverySettings(experiment, objectives);
  expect(problems).toEqual([]);
  const signal = options.signal ?? new AbortController().signal;
  const outcome = await runExperiment(
    { file: 'c.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
    { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: null, recovery: settings },
    { clock: systemClock, runProvider: providerRegistry({ python: 'python3' }), events: { ...silentEvents, warning: (m: string) => void options.warnings?.push(m) }, env: { PATH: process.env.PATH ?? '' }, cwd: work, interruption: { signal, hardSignal: new AbortController().signal } },
  );
  return { outcome, durability: outcome.durability, verdict: judge(outcome, { allowActionFailure: false }) };
}

describe('the http canary', () => {
  it.each([0.4, 0.8])('measures a %s s stretch of lost writes within ±(interval + 100 ms)', async (seconds) => {
    store = await startRecordStore();
    const { durability, verdict } = await run([mode('start-losing', 'losing', { before: 0.4, after: seconds }), mode('stop-losing', 'normal', { after: 0.3 })], httpCanary(), { rto: 10, rpo: 0 });
    const losing = store.changes.find((c) => c.mode === 'losing')?.at as number;
    const normal = store.changes.find((c) => c.mode === 'normal')?.at as number;
    const truth = (normal - losing) / 1000;
    expect(durability?.lost).toBeGreaterThan(0);
    expect(Math.abs((durability?.rpo as number) - truth)).toBeLessThanOrEqual(INTERVAL + 0.1);
    expect(durability?.lostRanges).toHaveLength(1);
    expect(durability?.lowerBound).toBe(false);
    expect(durability?.acknowledged).toBe(store.received.length);
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons).toEqual([`observed RPO ${formatSeconds(durability?.rpo as number)} is over the objective of 0 s: ${durability?.lost} of ${durability?.acknowledged} acknowledged canary writes lost`]);
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
    store.received.forEach((r, i) => expect(r.seq).toBe(i + 1));
    const times = store.received.map((r) => Date.parse(String(r.ts)));
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t > (times[i - 1] as number)))).toBe(true);
    expect(String(store.received[0]?.ts)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it('counts writes refused while the store is down as failed, not lost: RPO 0', async () => {
    store = await startRecordStore();
    const { durability, verdict } = await run([mode('go-down', 'down', { before: 0.3, after: 0.4 }), mode('come-back', 'normal')], httpCanary(), { rto: 10, rpo: 0 });
    expect(durability?.failed).toBeGreaterThan(0);
    expect(durability?.writes.find((w) => !w.acknowledged)?.error).toBe('answered status 503');
    expect(durability).toMatchObject({ rpo: 0, lost: 0 });
    expect(verdict.verdict).toBe('passed');
  });

  it('counts a write with no answer within the canary timeout as failed', async () => {
    store = await startRecordStore();
    const { durability } = await run([mode('hang', 'hang', { before: 0.2, after: 0.5 }), mode('answer-again', 'normal', { after: 0.3 })], httpCanary({ timeout: '150ms' }));
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
    const { durability, verdict } = await run([mode('noop', 'normal', { after: 0.2 })], httpCanary({ read: { type: 'http', url: '${store}/health' } }), { rpo: 1 });
    expect(durability?.rpo).toBeNull();
    expect(durability?.error).toBe('could not read the records that survived: the read returned "ok": expected a JSON list of sequence numbers, such as [1, 2, 3]');
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons).toEqual([`observed RPO unknown: ${durability?.error}; RPO objective 1 s`]);
  });

  it('stops writing, skips the read and plays the rollbacks when the run is interrupted', async () => {
    store = await startRecordStore();
    const controller = new AbortController();
    const running = run([mode('start-losing', 'losing', { before: 0.2, after: 30 })], httpCanary(), { rto: 10, rpo: 0 }, { signal: controller.signal, rollbacks: [mode('stop-losing', 'normal')] });
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

describe('the process canary', () => {
  it('writes with ${canary_seq} in the arguments, acknowledges exit 0 and reads the survivors from stdout', async () => {
    store = await startRecordStore();
    const file = path.join(work, 'records.txt');
    // The read "loses" every fifth record: the ground truth is known write by write.
    const canary = {
      write: { type: 'process', path: 'sh', arguments: ['-c', 'echo "$1" >> "$2"', 'canary', '${canary_seq}', file] },
      read: { type: 'process', path: process.execPath, arguments: ['-e', "const l=require('fs').readFileSync(process.argv[1],'utf8').split('\\n').filter(Boolean).map(Number);console.log(JSON.stringify(l.filter((n)=>n%5)))", file] },
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
    const canary = { write: { type: 'process', path: 'sh', arguments: ['-c', 'echo full >&2; exit 3'] }, read: { type: 'process', path: 'echo', arguments: ['[]'] }, interval: '100ms' };
    const { durability } = await run([mode('noop', 'normal', { after: 0.2 })], canary);
    expect(durability?.writes[0]).toMatchObject({ acknowledged: false, error: 'exited with 3: full' });
  });
});

describe('the PostgreSQL canary', () => {
  it('reports why it could not start when the database cannot be reached', async () => {
    store = await startRecordStore();
    const port = await freePort();
    const { durability, verdict } = await run([mode('noop', 'normal')], { postgres: { url: `postgres://postgres@127.0.0.1:${port}/postgres` }, timeout: '1s' }, { rpo: 0 });
    expect(durability).toMatchObject({ canary: 'postgres', rpo: null, writes: [] });
    expect(durability?.error).toMatch(/^could not prepare the canary: .*ECONNREFUSED/);
    expect(verdict.verdict).toBe('missed-objective');
  });
});
