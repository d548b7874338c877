// The durability canary (observed RPO). It starts with the recovery sampler, at the fault, and
// writes one record per tick, each bounded by the canary's timeout: a write is acknowledged when
// its provider succeeds (http 2xx, exit 0, a committed insert). When sampling ends (recovery, the
// end of the window, or the rollbacks about to start) it stops writing and reads back the sequence
// numbers that survived, trying again (each attempt bounded by the timeout) until the read works
// or the recovery window has passed since the read started: the store may still be failing over.
// An interruption stops it at once, without the read. Each start has its own run id
// (`${canary_run}`): records of another run in the same store are not this run's survivors.
import type { CanarySettings } from '../experiment/objectives.js';
import { isMapping } from '../python/values.js';
import { substitute } from '../experiment/substitution.js';
import type { ActivityEnvironment } from './activity.js';
import { isoTimestamp } from './clock.js';
import { type CanaryWrite, measureRpo } from './rpo.js';

/** Where the canary writes and reads: a pair of providers, or a built-in database. */
interface CanaryStore {
  prepare(signal: AbortSignal): Promise<void>;
  /** Resolves when the write is acknowledged; throws (with the reason) when it is not. */
  write(seq: number, ts: string, signal: AbortSignal): Promise<void>;
  /** This run's sequence numbers that survived; throws MalformedRead when the answer makes no sense. */
  read(signal: AbortSignal): Promise<number[]>;
  /** Removes this run's records, once read (the built-in database; best effort). */
  cleanup?(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * The built-in stores a canary can write to, which the app supplies: the engine knows no database
 * (and loads no driver) of its own.
 */
export interface CanaryStores {
  /** The PostgreSQL canary of run `run` on the database at `url` (already substituted). */
  postgres(url: string, run: string): CanaryStore | Promise<CanaryStore>;
}

/** The read answered, but not with a list of sequence numbers: asking again will not help. */
class MalformedRead extends Error {
  override readonly name = 'MalformedRead';
}

export interface DurabilityReport {
  readonly canary: 'http' | 'process' | 'postgres';
  /** This run's id (`${canary_run}`; the run column of the PostgreSQL canary's table). */
  readonly run: string;
  readonly interval: number;
  readonly timeout: number;
  /** Seconds after the fault when the canary stopped writing. */
  readonly observedFor: number;
  readonly acknowledged: number;
  /** Writes not acknowledged: unavailability, not loss. */
  readonly failed: number;
  /** Acknowledged writes that did not survive; null when RPO could not be measured. */
  readonly lost: number | null;
  /** Observed RPO in seconds; null when it could not be measured (see error). */
  readonly rpo: number | null;
  /** Nothing survived before the first lost write: the RPO is at least this long. */
  readonly lowerBound: boolean;
  readonly lostRanges: [number, number][];
  /** Survivors this run never wrote. */
  readonly strays: number;
  /** Attempts to read the survivors (0 when there was no read). */
  readonly readAttempts: number;
  /** Why RPO could not be measured. */
  readonly error?: string;
  /** What the reader should know that is not an error: writes capped, a read that took retries, rows left behind. */
  readonly notes: string[];
  readonly writes: CanaryWrite[];
}

export interface Canary {
  /** Stops writing (a write in flight finishes, within the timeout), reads the survivors, measures. */
  stop(): Promise<DurabilityReport>;
}

/** The canary stops writing after this many writes (and says so): the journal keeps every write. */
export const MAX_CANARY_WRITES = 10_000;
/** Seconds at least between two attempts to read the survivors. */
const READ_PAUSE = 0.5;
const MAX_ERROR = 200;
const INTERRUPTED_BEFORE_READ = 'the run was interrupted before the survivors were read';
const INTERRUPTED_AT_START = 'the run was interrupted while the canary was starting';
const round = (s: number): number => Math.round(s * 1000) / 1000;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A run id no other start shares: base-36 milliseconds and random hex, such as `m1x2y3z4-9f3a1c`. */
function canaryRunId(now: number): string {
  // node:crypto is loaded on first use (a run without a canary never loads it).
  return `${Math.floor(now).toString(36)}-${process.getBuiltinModule('node:crypto').randomBytes(3).toString('hex')}`;
}

/**
 * Prepares the store (bounded by the timeout) and starts writing. Never throws: a canary that
 * cannot start reports why, and RPO is then not measured.
 */
export async function startCanary(settings: CanarySettings, env: ActivityEnvironment, signal: AbortSignal, stores?: CanaryStores): Promise<Canary> {
  const { clock } = env;
  const { interval, timeout, readWindow } = settings;
  const kind = settings.kind === 'postgres' ? 'postgres' : settings.write.type === 'process' ? 'process' : 'http';
  const run = canaryRunId(Date.now());
  const stopper = new AbortController();
  const stopOrInterrupt = AbortSignal.any([stopper.signal, signal]);
  // A write in flight when stop() comes finishes (or times out): only an interruption cuts it.
  const bound = (): AbortSignal => AbortSignal.any([signal, AbortSignal.timeout(timeout * 1000)]);
  const describe = (e: unknown, s: AbortSignal): string => (s.aborted && !signal.aborted ? `no answer within ${timeout} s` : message(e));
  const writes: CanaryWrite[] = [];
  const notes: string[] = [];
  let startError: string | undefined;
  let canaryStore: CanaryStore | undefined;

  try {
    const store = await storeFor(settings, env, run, stores);
    canaryStore = store;
    const s = bound();
    await store.prepare(s).catch((e: unknown) => {
      throw new Error(describe(e, s));
    });
  } catch (e) {
    // Interrupted: not the canary's fault, and nothing to warn about. Otherwise configuration
    // (a bad URL, authentication, a permission), not data loss: the report says so.
    startError = signal.aborted ? INTERRUPTED_AT_START : `the canary could not start: ${message(e)}`;
    if (!signal.aborted) env.events.warning(`durability canary: could not start: ${message(e)}`);
  }
  const start = clock.now();
  const elapsed = (): number => round((clock.now() - start) / 1000);

  const loop = (async () => {
    if (startError !== undefined || !canaryStore) return;
    for (let seq = 1; !stopOrInterrupt.aborted; seq++) {
      if (seq > MAX_CANARY_WRITES) {
        notes.push(`the canary stopped writing after ${MAX_CANARY_WRITES} writes, ${elapsed()} s after the fault: a loss after that is not measured`);
        env.events.warning(`durability canary: ${notes.at(-1)}`);
        break;
      }
      const tick = clock.now();
      const s = bound();
      try {
        await canaryStore.write(seq, isoTimestamp(tick), s);
        writes.push({ seq, at: round((tick - start) / 1000), acknowledged: true, latency: round((clock.now() - tick) / 1000) });
      } catch (e) {
        writes.push({ seq, at: round((tick - start) / 1000), acknowledged: false, latency: round((clock.now() - tick) / 1000), error: describe(e, s) });
      }
      await clock.sleep(Math.max(0, interval * 1000 - (clock.now() - tick)), stopOrInterrupt);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  /** The survivors, trying again until the recovery window has passed since the first attempt. */
  const readSurvivors = async (store: CanaryStore): Promise<{ survivors: number[]; attempts: number; took: number } | { error: string; attempts: number }> => {
    const began = clock.now();
    const deadline = began + readWindow * 1000;
    const pause = Math.max(interval, READ_PAUSE) * 1000;
    let attempts = 0;
    let lastError = '';
    while (!signal.aborted) {
      attempts++;
      const s = bound();
      try {
        return { survivors: await store.read(s), attempts, took: round((clock.now() - began) / 1000) };
      } catch (e) {
        lastError = describe(e, s);
        if (e instanceof MalformedRead) return { error: `could not read the records that survived: ${lastError}`, attempts };
      }
      // The last attempt starts when the window ends.
      const wait = Math.min(pause, deadline - clock.now());
      if (wait <= 0) break;
      await clock.sleep(wait, signal);
    }
    if (signal.aborted) return { error: INTERRUPTED_BEFORE_READ, attempts };
    const took = round((clock.now() - began) / 1000);
    return {
      error: `could not read the records that survived: ${lastError} (${plural(attempts, 'attempt')} over ${took} s; the read gives up once the recovery window of ${readWindow} s has passed)`,
      attempts,
    };
  };

  /** Deletes this run's records (PostgreSQL), bounded by the timeout; a failure is a note. */
  const cleanup = async (store: CanaryStore): Promise<void> => {
    if (!store.cleanup || signal.aborted) return;
    const s = bound();
    try {
      await store.cleanup(s);
    } catch (e) {
      if (!signal.aborted) notes.push(`could not delete this run's canary records (run ${run}): ${describe(e, s)}`);
    }
  };

  return {
    stop: async () => {
      stopper.abort();
      await loop;
      const observedFor = elapsed();
      const base = { canary: kind, run, interval, timeout, observedFor, notes, writes } as const;
      const acknowledged = writes.filter((w) => w.acknowledged).length;
      let readAttempts = 0;
      const unmeasured = (error: string): DurabilityReport => ({
        ...base,
        acknowledged,
        failed: writes.length - acknowledged,
        lost: null,
        rpo: null,
        lowerBound: false,
        lostRanges: [],
        strays: 0,
        readAttempts,
        error,
      });
      try {
        if (startError !== undefined || !canaryStore) return unmeasured(startError ?? 'the canary could not start');
        if (signal.aborted) return unmeasured(INTERRUPTED_BEFORE_READ);
        if (acknowledged === 0) {
          const first = writes.find((w) => w.error)?.error;
          await cleanup(canaryStore);
          return unmeasured(`no canary write was acknowledged${first ? ` (first error: ${first})` : ''}`);
        }
        const read = await readSurvivors(canaryStore);
        readAttempts = read.attempts;
        if ('error' in read) {
          if (!signal.aborted) env.events.warning(`durability canary: ${read.error}`);
          await cleanup(canaryStore);
          return unmeasured(read.error);
        }
        if (read.attempts > 1) notes.push(`the survivors were read at attempt ${read.attempts}, ${read.took} s after the first`);
        const measured = measureRpo(writes, read.survivors, interval);
        if (measured.strays > 0)
          env.events.warning(`durability canary: the read returned ${measured.strays} sequence number(s) this run never wrote; they are ignored`);
        await cleanup(canaryStore);
        return { ...base, readAttempts, ...measured };
      } finally {
        await canaryStore?.close().catch(() => undefined);
      }
    },
  };
}

async function storeFor(settings: CanarySettings, env: ActivityEnvironment, run: string, stores: CanaryStores | undefined): Promise<CanaryStore> {
  if (settings.kind === 'postgres') {
    const url = substitute(settings.url, env.scope);
    if (typeof url !== 'string' || url.trim() === '') throw new Error("the PostgreSQL canary's url is not a string once substituted");
    if (!stores) throw new Error('this run was given no PostgreSQL canary store (a defect in chaos-action; please report it)');
    return stores.postgres(url, run);
  }
  return providerStore(settings.write, settings.read, env, run);
}

/**
 * The canary as a pair of providers run by the run's own provider runner. Both see
 * `${canary_run}` (this run's id); the write also `${canary_seq}` and `${canary_ts}`.
 */
function providerStore(write: Record<string, unknown>, read: Record<string, unknown>, env: ActivityEnvironment, run: string): CanaryStore {
  const runProvider = (provider: Record<string, unknown>, signal: AbortSignal, extra: Record<string, unknown>): Promise<unknown> => {
    const scope = new Map(env.scope);
    for (const [k, v] of Object.entries(extra)) scope.set(k, v);
    // Substituted whatever the experiment declares: the canary's own names are always there.
    return env.runProvider(provider, { ...env.providerContext, scope, hasVariables: true, signal });
  };
  return {
    prepare: async () => undefined,
    write: async (seq, ts, signal) => {
      const output = await runProvider(write, signal, { canary_run: run, canary_seq: seq, canary_ts: ts });
      const refused = refusal(write, output);
      if (refused) throw new Error(refused);
    },
    read: async (signal) => {
      const output = await runProvider(read, signal, { canary_run: run });
      const refused = refusal(read, output);
      if (refused) throw new Error(`the read ${refused}`);
      try {
        return parseSurvivors(read.type === 'process' ? (output as { stdout?: unknown }).stdout : (output as { body?: unknown }).body);
      } catch (e) {
        throw new MalformedRead(message(e));
      }
    },
    close: async () => undefined,
  };
}

/** Why a provider's output is not a success (http 2xx, exit 0), or undefined when it is. */
function refusal(provider: Record<string, unknown>, output: unknown): string | undefined {
  const status = isMapping(output) ? output.status : undefined;
  if (provider.type === 'process') return status === 0 ? undefined : `exited with ${String(status)}${stderrOf(output)}`;
  return typeof status === 'number' && status >= 200 && status < 300 ? undefined : `answered status ${String(status)}`;
}

function stderrOf(output: unknown): string {
  const stderr = isMapping(output) && typeof output.stderr === 'string' ? output.stderr.trim() : '';
  return stderr ? `: ${stderr.slice(0, 120)}` : '';
}

/** A JSON list of sequence numbers (numbers, or strings of digits), in a body or on stdout. */
function parseSurvivors(value: unknown): number[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new Error(`the read returned ${JSON.stringify(value.slice(0, 60))}: expected a JSON list of sequence numbers, such as [1, 2, 3]`);
    }
  }
  if (!Array.isArray(list))
    throw new Error(`the read returned ${JSON.stringify(list)?.slice(0, 60)}: expected a JSON list of sequence numbers, such as [1, 2, 3]`);
  return list.map((item, i) => {
    const n = typeof item === 'string' && /^\d+$/.test(item) ? Number(item) : item;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`item ${i} of the read's list is ${JSON.stringify(item)}: expected a sequence number`);
    return n;
  });
}
