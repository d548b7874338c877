// The durability canary (observed RPO). It starts with the recovery sampler, at the fault, and
// writes one record per tick, each bounded by the canary's timeout: a write is acknowledged when
// its provider succeeds (http 2xx, exit 0, a committed insert). When sampling ends (recovery, the
// end of the window, or the rollbacks about to start) it stops writing and reads back the sequence
// numbers that survived; an interruption stops it at once, without the read.
import type { CanarySettings } from '../experiment/objectives.js';
import { isMapping } from '../experiment/python-values.js';
import { substitute } from '../experiment/substitution.js';
import type { ActivityEnvironment } from './activity.js';
import { isoTimestamp } from './clock.js';
import { type CanaryWrite, measureRpo } from './rpo.js';

/** Where the canary writes and reads: a pair of providers, or a built-in database. */
export interface CanaryStore {
  prepare(signal: AbortSignal): Promise<void>;
  /** Resolves when the write is acknowledged; throws (with the reason) when it is not. */
  write(seq: number, ts: string, signal: AbortSignal): Promise<void>;
  read(signal: AbortSignal): Promise<number[]>;
  close(): Promise<void>;
}

export interface DurabilityReport {
  readonly canary: 'http' | 'process' | 'postgres';
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
  /** Why RPO could not be measured. */
  readonly error?: string;
  readonly writes: CanaryWrite[];
}

export interface Canary {
  /** Stops writing (a write in flight finishes, within the timeout), reads the survivors, measures. */
  stop(): Promise<DurabilityReport>;
}

const READ_ATTEMPTS = 3;
const MAX_ERROR = 200;
const round = (s: number): number => Math.round(s * 1000) / 1000;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR);

/**
 * Prepares the store (bounded by the timeout) and starts writing. Never throws: a canary that
 * cannot start reports why, and RPO is then not measured.
 */
export async function startCanary(settings: CanarySettings, env: ActivityEnvironment, signal: AbortSignal): Promise<Canary> {
  const { clock } = env;
  const { interval, timeout } = settings;
  const kind = settings.kind === 'postgres' ? 'postgres' : settings.write.type === 'process' ? 'process' : 'http';
  const stopper = new AbortController();
  const stopOrInterrupt = AbortSignal.any([stopper.signal, signal]);
  // A write in flight when stop() comes finishes (or times out): only an interruption cuts it.
  const bound = (): AbortSignal => AbortSignal.any([signal, AbortSignal.timeout(timeout * 1000)]);
  const describe = (e: unknown, s: AbortSignal): string => (s.aborted && !signal.aborted ? `no answer within ${timeout} s` : message(e));
  const writes: CanaryWrite[] = [];
  let startError: string | undefined;
  let canaryStore: CanaryStore | undefined;

  try {
    canaryStore = await storeFor(settings, env);
    const s = bound();
    await canaryStore.prepare(s).catch((e: unknown) => {
      throw new Error(`could not prepare the canary: ${describe(e, s)}`);
    });
  } catch (e) {
    startError = message(e);
    env.events.warning(`durability canary: ${startError}`);
  }
  const start = clock.now();
  const elapsed = (): number => round((clock.now() - start) / 1000);

  const loop = (async () => {
    if (startError !== undefined || !canaryStore) return;
    for (let seq = 1; !stopOrInterrupt.aborted; seq++) {
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

  return {
    stop: async () => {
      stopper.abort();
      await loop;
      const observedFor = elapsed();
      const base = { canary: kind, interval, timeout, observedFor, writes } as const;
      const acknowledged = writes.filter((w) => w.acknowledged).length;
      const unmeasured = (error: string): DurabilityReport => ({ ...base, acknowledged, failed: writes.length - acknowledged, lost: null, rpo: null, lowerBound: false, lostRanges: [], strays: 0, error });
      try {
        if (startError !== undefined || !canaryStore) return unmeasured(startError ?? 'the canary did not start');
        if (signal.aborted) return unmeasured('the run was interrupted before the survivors were read');
        if (acknowledged === 0) {
          const first = writes.find((w) => w.error)?.error;
          return unmeasured(`no canary write was acknowledged${first ? ` (first error: ${first})` : ''}`);
        }
        let readError = '';
        for (let attempt = 1; attempt <= READ_ATTEMPTS && !signal.aborted; attempt++) {
          const s = bound();
          try {
            const measured = measureRpo(writes, await canaryStore.read(s));
            if (measured.strays > 0) env.events.warning(`durability canary: the read returned ${measured.strays} sequence number(s) this run never wrote; they are ignored`);
            return { ...base, ...measured };
          } catch (e) {
            readError = describe(e, s);
          }
          if (attempt < READ_ATTEMPTS) await clock.sleep(interval * 1000, signal);
        }
        env.events.warning(`durability canary: could not read the records that survived: ${readError}`);
        return unmeasured(signal.aborted ? 'the run was interrupted before the survivors were read' : `could not read the records that survived: ${readError}`);
      } finally {
        await canaryStore?.close().catch(() => undefined);
      }
    },
  };
}

async function storeFor(settings: CanarySettings, env: ActivityEnvironment): Promise<CanaryStore> {
  if (settings.kind === 'postgres') {
    const url = substitute(settings.url, env.scope);
    if (typeof url !== 'string' || url.trim() === '') throw new Error('the PostgreSQL canary\'s url is not a string once substituted');
    const { postgresCanary } = await import('../providers/postgres-canary.js');
    return postgresCanary(url);
  }
  return providerStore(settings.write, settings.read, env);
}

/** The canary as a pair of providers run by the run's own provider runner. */
export function providerStore(write: Record<string, unknown>, read: Record<string, unknown>, env: ActivityEnvironment): CanaryStore {
  const run = (provider: Record<string, unknown>, signal: AbortSignal, extra?: Record<string, unknown>): Promise<unknown> => {
    const scope = new Map(env.scope);
    for (const [k, v] of Object.entries(extra ?? {})) scope.set(k, v);
    // Substituted whatever the experiment declares: the canary's own names are always there.
    return env.runProvider(provider, { ...env.providerContext, scope, hasVariables: true, signal });
  };
  return {
    prepare: async () => undefined,
    write: async (seq, ts, signal) => {
      const output = await run(write, signal, { canary_seq: seq, canary_ts: ts });
      const refused = refusal(write, output);
      if (refused) throw new Error(refused);
    },
    read: async (signal) => {
      const output = await run(read, signal);
      const refused = refusal(read, output);
      if (refused) throw new Error(`the read ${refused}`);
      return parseSurvivors(read.type === 'process' ? (output as { stdout?: unknown }).stdout : (output as { body?: unknown }).body);
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
export function parseSurvivors(value: unknown): number[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new Error(`the read returned ${JSON.stringify(value.slice(0, 60))}: expected a JSON list of sequence numbers, such as [1, 2, 3]`);
    }
  }
  if (!Array.isArray(list)) throw new Error(`the read returned ${JSON.stringify(list)?.slice(0, 60)}: expected a JSON list of sequence numbers, such as [1, 2, 3]`);
  return list.map((item, i) => {
    const n = typeof item === 'string' && /^\d+$/.test(item) ? Number(item) : item;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`item ${i} of the read's list is ${JSON.stringify(item)}: expected a sequence number`);
    return n;
  });
}
