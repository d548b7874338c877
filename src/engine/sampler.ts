// Observed recovery: from the moment the first method action starts, the steady-state hypothesis
// is sampled every interval (each sample bounded by its own timeout, so a hung probe cannot stall
// the timeline) until the system has recovered and stayed recovered, or the window ends.
// Observed RTO = time from the fault to the first sample of the final run of met samples.
import { type RecoverySettings, recoveryWindow } from '../experiment/objectives.js';
import type { ActivityEnvironment } from './activity.js';
import type { HypothesisInput } from './hypothesis.js';
import { withinTolerance } from './tolerance.js';

interface ProbeSample {
  readonly name: string;
  readonly met: boolean;
  /** Seconds the probe took. */
  readonly latency: number;
  readonly error?: string;
}

interface Sample {
  /** Seconds since the fault started. */
  readonly at: number;
  readonly met: boolean;
  readonly probes: ProbeSample[];
}

export interface RecoveryTimeline {
  readonly interval: number;
  readonly stable: number;
  /** Seconds after the fault when sampling stopped. */
  readonly observedFor: number;
  readonly window: number;
  /** Any sample not met. */
  readonly impact: boolean;
  readonly recovered: boolean;
  /** Observed RTO in seconds (0 without impact); null when not recovered within the window. */
  readonly rto: number | null;
  readonly samples: Sample[];
}

export interface Sampler {
  /** The method is over: from now on, a stable run of met samples ends the sampling. */
  methodEnded(): void;
  /** Resolves when the system has recovered, sampling ended, or `limit` seconds after the fault passed. */
  waitForRecovery(limit?: number): Promise<void>;
  stop(): Promise<RecoveryTimeline>;
}

export function startSampler(hypothesis: HypothesisInput, env: ActivityEnvironment, settings: RecoverySettings, signal: AbortSignal): Sampler {
  const { clock } = env;
  const { sampling, objectives } = settings;
  const window = recoveryWindow(objectives, sampling);
  const start = clock.now();
  const elapsed = (): number => (clock.now() - start) / 1000;
  const samples: Sample[] = [];
  const stopper = new AbortController();
  const stopOrInterrupt = AbortSignal.any([stopper.signal, signal]);
  let methodOver = false;
  let recovered = false;
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of waiters) w();
  };
  const stableRun = (): boolean => samples.length >= sampling.stable && samples.slice(-sampling.stable).every((s) => s.met);

  const loop = (async () => {
    while (!stopOrInterrupt.aborted) {
      const tick = clock.now();
      samples.push(await takeSample(hypothesis, env, sampling.timeout, stopOrInterrupt, (tick - start) / 1000));
      if (methodOver && stableRun()) {
        recovered = true;
        break;
      }
      if (elapsed() >= window) break;
      wake();
      await clock.sleep(Math.max(0, sampling.interval * 1000 - (clock.now() - tick)), stopOrInterrupt);
      await new Promise((resolve) => setImmediate(resolve));
    }
    wake();
  })();
  let finished = false;
  void loop.then(() => {
    finished = true;
    wake();
  });

  return {
    methodEnded: () => {
      methodOver = true;
    },
    waitForRecovery: (limit) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (finished || recovered || (limit !== undefined && elapsed() >= limit) || stopOrInterrupt.aborted) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      stopper.abort();
      await loop;
      return timeline(samples, sampling.interval, sampling.stable, elapsed(), window, recovered || (samples.length > 0 && stableRun()));
    },
  };
}

function timeline(samples: Sample[], interval: number, stable: number, observedFor: number, window: number, recovered: boolean): RecoveryTimeline {
  const lastUnmet = samples.findLastIndex((s) => !s.met);
  const impact = lastUnmet >= 0;
  const rto = !impact ? 0 : recovered && samples[lastUnmet + 1] ? (samples[lastUnmet + 1] as Sample).at : null;
  return { interval, stable, observedFor: round(observedFor), window, impact, recovered: !impact || recovered, rto, samples };
}

const round = (s: number): number => Math.round(s * 1000) / 1000;

async function takeSample(hypothesis: HypothesisInput, env: ActivityEnvironment, timeout: number, stop: AbortSignal, at: number): Promise<Sample> {
  const probes: ProbeSample[] = [];
  for (const entry of hypothesis.probes) {
    const activity = hypothesis.resolve(entry);
    const name = String(activity.name ?? '');
    const began = env.clock.now();
    const signal = AbortSignal.any([stop, AbortSignal.timeout(timeout * 1000)]);
    try {
      const output = await env.runProvider(activity.provider as Record<string, unknown>, { ...env.providerContext, signal });
      const met = await withinTolerance(entry.tolerance, output, {
        scope: env.scope,
        runProvider: (probe) => env.runProvider((probe as { provider: Record<string, unknown> }).provider, { ...env.providerContext, signal }),
      });
      probes.push({ name, met, latency: round((env.clock.now() - began) / 1000) });
    } catch (e) {
      const error = signal.aborted && !stop.aborted ? `no answer within ${timeout} s` : e instanceof Error ? e.message : String(e);
      probes.push({ name, met: false, latency: round((env.clock.now() - began) / 1000), error });
    }
    if (stop.aborted) break;
  }
  return { at: round(at), met: probes.length > 0 && probes.every((p) => p.met), probes };
}
