// The journal, in Chaos Toolkit's shape (chaoslib run.py initialize_run_journal and _run): same
// keys, same order, same statuses. Our own data sits under one namespaced key at the end.
import os from 'node:os';

type ExperimentStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';
type RunStatus = 'succeeded' | 'failed';

/** One activity's run. Keys are assigned in chaoslib's order; `status` may be missing. */
export interface RunRecord {
  activity: Record<string, unknown>;
  output: unknown;
  start: string;
  status?: RunStatus;
  exception?: string[];
  end?: string;
  duration?: number;
  tolerance_met?: boolean;
}

export interface SteadyState {
  steady_state_met: boolean | null;
  probes: RunRecord[];
}

export interface Journal {
  'chaoslib-version': string;
  platform: string;
  node: string;
  experiment: Record<string, unknown>;
  start: string;
  status: ExperimentStatus | null;
  deviated: boolean;
  steady_states: { before: SteadyState | null; after: SteadyState | null; during: SteadyState[] };
  run: RunRecord[];
  rollbacks: RunRecord[];
  end?: string;
  duration?: number;
  /** Ours: verdict, reasons, the tool that wrote the journal; RTO/RPO later. */
  'chaos-action'?: Record<string, unknown>;
}

export function newJournal(experiment: Record<string, unknown>, start: string): Journal {
  return {
    // We are not chaoslib: "unknown" is what chaoslib itself writes when its version is unknown;
    // the tool and version that wrote this journal are under "chaos-action".
    'chaoslib-version': 'unknown',
    platform: `${os.type()}-${os.release()}-${os.machine()}`,
    node: os.hostname(),
    experiment,
    start,
    status: null,
    deviated: false,
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
  };
}

/** `exception` as chaoslib writes it for an ActivityFailed: traceback lines, the last one the error. */
export function exceptionLines(message: string): string[] {
  return [`chaoslib.exceptions.ActivityFailed: ${message}\n`];
}

/** The journal's run records by phase, in the order the phases ran (the hypothesis' probes: before, during, after). */
export function recordsByPhase(journal: Journal): [phase: string, records: readonly RunRecord[]][] {
  const { before, during, after } = journal.steady_states;
  return [
    ['before', before?.probes ?? []],
    ['method', journal.run],
    ['during', during.flatMap((s) => s.probes)],
    ['after', after?.probes ?? []],
    ['rollbacks', journal.rollbacks],
  ];
}
