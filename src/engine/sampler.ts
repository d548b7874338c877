// Observed recovery: from the moment the first method action starts (the fault, t = 0), the
// steady-state hypothesis is sampled every interval (each sample bounded by its timeout, so a
// hung probe cannot stall the timeline). As the method ends, what happens next depends on the
// objective (MethodEnd): with an RTO objective, a sample at once and on until the system has
// recovered and stayed recovered, the window ends, or the budget of samples is spent; without
// one, the check after the method is the last evidence (a sample beside it would send every
// probe twice at the same moment), or one last sample when no check follows.
// Each sample runs the hypothesis probes in order and stops at the first one not met (as the
// hypothesis does); a probe that several refs name runs once per sample. The timeline is raw
// evidence: what it means (no impact, recovered in X s, not recovered) is recovery-state.ts's.
import { type RecoverySettings, recoveryWindow, SAMPLE_BUDGET } from '../experiment/objectives.js';
import { type ActivityEnvironment, contextFor } from './activity.js';
import { ConnectionScope, sharingConnections } from './connection-scope.js';
import type { HypothesisInput } from './hypothesis.js';
import { withinTolerance } from './tolerance.js';

interface ProbeSample {
  readonly name: string;
  readonly met: boolean;
  /** Seconds the probe took. */
  readonly latency: number;
  readonly error?: string;
}

export interface Sample {
  /** Seconds since the fault started, when the sample started. */
  readonly at: number;
  readonly met: boolean;
  readonly probes: ProbeSample[];
}

/**
 * Why sampling ended: the system recovered (a stable run of met samples after the method), the
 * window ended, the budget was spent, the method ended without an RTO objective (the check after
 * it, or the one sample after it, is the last evidence), sampling was stopped (the rollbacks
 * begin), or an interruption.
 */
export type SamplingEnd = 'recovered' | 'window' | 'budget' | 'method-ended' | 'stopped' | 'interrupted';

export interface RecoveryTimeline {
  readonly interval: number;
  readonly stable: number;
  readonly window: number;
  /** Seconds after the fault when sampling stopped. */
  readonly observedFor: number;
  readonly ended: SamplingEnd;
  /** The most samples this experiment could take (SAMPLE_BUDGET). */
  readonly budget: number;
  /** Probe requests the sampler sent (tolerance probes included). */
  readonly sampleRequests: number;
  readonly samples: Sample[];
}

/**
 * What follows the method. `recover` (an RTO objective): a sample at once, and on until a stable
 * run of met samples. `check-follows` (no objective, and the steady state after the method is
 * checked at once, Chaos Toolkit's timing): no more samples; that check is the last evidence.
 * `last-sample` (no objective, and no check follows: a strategy without one, or the method did
 * not run to its end): one sample at once, and no more.
 */
export type MethodEnd = 'recover' | 'check-follows' | 'last-sample';

export interface Sampler {
  /**
   * The method is over (see MethodEnd). Resolves when the sample taken at once has started (or
   * sampling has ended): a check after the method started later is later evidence.
   */
  methodEnded(next: MethodEnd): Promise<void>;
  /** Resolves when the system has recovered, sampling ended, or `limit` seconds after the fault passed. */
  waitForRecovery(limit?: number): Promise<void>;
  /** Ends sampling: a sample in flight finishes (within its timeout); an interruption cuts it, and it is dropped. */
  stop(): Promise<RecoveryTimeline>;
}

export function startSampler(hypothesis: HypothesisInput, env: ActivityEnvironment, settings: RecoverySettings, signal: AbortSignal): Sampler {
  const { clock } = env;
  const { sampling, objectives } = settings;
  const window = recoveryWindow(objectives, sampling);
  const start = clock.now();
  const elapsed = (): number => (clock.now() - start) / 1000;
  const samples: Sample[] = [];
  const sent = { requests: 0 };
  let methodOver = false;
  let afterMethod = 'recover' as MethodEnd;
  let stopping = false;
  let recovered = false;
  let ended: SamplingEnd = 'stopped';
  let nap: AbortController | undefined;
  let startedAfterMethod: () => void = () => {};
  const sampleAfterMethod = new Promise<void>((resolve) => {
    startedAfterMethod = resolve;
  });
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of waiters) w();
  };
  const stableRun = (): boolean => samples.length >= sampling.stable && samples.slice(-sampling.stable).every((s) => s.met);

  const loop = (async () => {
    // The first sample one interval after the fault (a sample as the action starts shows nothing
    // of it), or when the method ends, whichever comes first.
    let next = start + sampling.interval * 1000;
    let sampledAfterMethod = false;
    for (;;) {
      if (!(methodOver && !sampledAfterMethod)) {
        nap = new AbortController();
        if (!stopping) await clock.sleep(Math.max(0, next - clock.now()), AbortSignal.any([nap.signal, signal]));
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (signal.aborted) {
        ended = 'interrupted';
        break;
      }
      if (stopping) break;
      // The check after the method stands for the sample that would be taken beside it.
      if (methodOver && afterMethod === 'check-follows') {
        ended = 'method-ended';
        break;
      }
      if (elapsed() >= window) {
        ended = 'window';
        break;
      }
      if (samples.length >= SAMPLE_BUDGET) {
        ended = 'budget';
        break;
      }
      const isAfterMethod = methodOver;
      const tick = clock.now();
      if (isAfterMethod) startedAfterMethod();
      next = tick + sampling.interval * 1000;
      const sample = await takeSample(hypothesis, env, sampling.timeout, signal, round((tick - start) / 1000), sent);
      if (!sample) {
        ended = 'interrupted';
        break;
      }
      samples.push(sample);
      sampledAfterMethod ||= isAfterMethod;
      wake();
      if (isAfterMethod && afterMethod === 'last-sample') {
        ended = 'method-ended';
        break;
      }
      if (methodOver && afterMethod === 'recover' && stableRun()) {
        recovered = true;
        ended = 'recovered';
        break;
      }
    }
  })();
  let finished = false;
  void loop.then(() => {
    finished = true;
    startedAfterMethod();
    wake();
  });

  return {
    methodEnded: (next) => {
      methodOver = true;
      afterMethod = next;
      nap?.abort();
      // No sample to wait for: the check starts at once (a sample in flight finishes beside it).
      return next === 'check-follows' ? Promise.resolve() : sampleAfterMethod;
    },
    waitForRecovery: (limit) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (finished || recovered || (limit !== undefined && elapsed() >= limit) || signal.aborted) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        // The limit can pass between two samples: look again then.
        const timer = limit === undefined ? undefined : setTimeout(check, Math.max(0, (limit - elapsed()) * 1000));
        waiters.add(check);
        check();
      }),
    stop: async () => {
      stopping = true;
      nap?.abort();
      await loop;
      return {
        interval: sampling.interval,
        stable: sampling.stable,
        window,
        observedFor: round(elapsed()),
        ended,
        budget: SAMPLE_BUDGET,
        sampleRequests: sent.requests,
        samples,
      };
    },
  };
}

const round = (s: number): number => Math.round(s * 1000) / 1000;

/** One sample, or undefined when an interruption cut it (it is no evidence). Its probes share connections. */
async function takeSample(
  hypothesis: HypothesisInput,
  env: ActivityEnvironment,
  timeout: number,
  interrupt: AbortSignal,
  at: number,
  sent: { requests: number },
): Promise<Sample | undefined> {
  const connections = new ConnectionScope();
  try {
    return await sampleProbes(hypothesis, sharingConnections(env, connections), timeout, interrupt, at, sent);
  } finally {
    connections.close();
  }
}

async function sampleProbes(
  hypothesis: HypothesisInput,
  env: ActivityEnvironment,
  timeout: number,
  interrupt: AbortSignal,
  at: number,
  sent: { requests: number },
): Promise<Sample | undefined> {
  const probes: ProbeSample[] = [];
  const signal = AbortSignal.any([interrupt, AbortSignal.timeout(timeout * 1000)]);
  const run = (activity: Record<string, unknown>): Promise<unknown> => {
    sent.requests++;
    return env.runProvider(activity.provider as Record<string, unknown>, contextFor(env, activity, signal));
  };
  // A probe several entries name (refs) runs once per sample; each entry judges its own tolerance.
  const outputs = new Map<Record<string, unknown>, unknown>();
  for (const entry of hypothesis.probes) {
    const began = env.clock.now();
    let name = String(entry.ref ?? entry.name ?? '');
    try {
      const activity = hypothesis.resolve(entry);
      name = String(activity.name ?? '');
      if (!outputs.has(activity)) outputs.set(activity, await run(activity));
      const met = await withinTolerance(entry.tolerance, outputs.get(activity), {
        scope: env.scope,
        runProvider: (probe) => run(probe as Record<string, unknown>),
        signal,
        ...(env.regexTimeout !== undefined ? { regexTimeout: env.regexTimeout } : {}),
      });
      probes.push({ name, met, latency: round((env.clock.now() - began) / 1000) });
      if (!met) break;
    } catch (e) {
      if (interrupt.aborted) return undefined;
      const error = signal.aborted ? `no answer within ${timeout} s` : e instanceof Error ? e.message : String(e);
      probes.push({ name, met: false, latency: round((env.clock.now() - began) / 1000), error });
      break;
    }
  }
  if (interrupt.aborted) return undefined;
  return { at, met: probes.length > 0 && probes.every((p) => p.met), probes };
}
