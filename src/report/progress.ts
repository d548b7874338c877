// Progress lines in the spirit of `chaos run`: time, level, what runs, met or not and why.
// Coloured on a terminal, plain in CI; every line passes through the secret redactor.
import type { Phase } from '../engine/activity.js';
import { isoTimestamp } from '../engine/clock.js';
import { describeNoEffect, noEffect } from '../engine/effect.js';
import type { RunEvents } from '../engine/events.js';
import type { Journal, RunRecord, SteadyState } from '../engine/journal.js';
import type { Redactor } from '../experiment/redaction.js';
import { oneLine } from '../experiment/safe-text.js';
import { unguardedReason } from '../experiment/unguarded.js';
import { findBuiltin } from '../contract/builtins.js';
import type { ProviderPlan } from '../contract/provider.js';
import { describeEffect, describePlannedChange } from './plan.js';
import { describeTolerance, describeValue } from './verdict.js';
import { paint, type Style, type Terminal } from './terminal.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

const PHASE_TITLES: Record<string, string> = {
  before: 'Steady state hypothesis (before the method)',
  during: 'Steady state hypothesis (during the method)',
  after: 'Steady state hypothesis (after the method)',
  method: 'Method',
  rollbacks: 'Rollbacks',
};

export class ProgressPrinter implements RunEvents {
  private ownRedactor: Redactor | undefined;
  /** The printer this one prefixes lines for (it shares its redactor). */
  private parent: ProgressPrinter | undefined;
  private prefix = '';

  constructor(
    private readonly term: Terminal,
    private readonly verbosity: Verbosity,
    private readonly now: () => number = () => Date.now(),
  ) {}

  useRedactor(redactor: Redactor): void {
    this.ownRedactor = redactor;
  }

  private get redactor(): Redactor | undefined {
    return this.parent ? this.parent.redactor : this.ownRedactor;
  }

  /** A printer whose every line names the experiment it is about (several run at once). */
  forExperiment(label: string): ProgressPrinter {
    const child = new ProgressPrinter(this.term, this.verbosity, this.now);
    child.parent = this;
    child.prefix = `${this.prefix}${label} `;
    return child;
  }

  /** Values are redacted before they are described: a description cut short could split a secret. */
  private redacted<T>(value: T): T {
    return this.redactor ? this.redactor.redactValue(value) : value;
  }

  private line(level: 'INFO' | 'WARN' | 'ERROR' | 'DEBUG', text: string, style?: Style): void {
    if (this.verbosity === 'quiet' && level !== 'ERROR') return;
    if (level === 'DEBUG' && this.verbosity !== 'verbose') return;
    const time = isoTimestamp(this.now()).slice(11, 19);
    const levelStyle: Style = level === 'ERROR' ? 'red' : level === 'WARN' ? 'yellow' : level === 'DEBUG' ? 'gray' : 'blue';
    // Redacted, and one line whatever a service answered: no control characters, no ANSI codes,
    // nothing that could become a workflow command (::error::, ::add-mask::, ##[set-output]).
    const safe = oneLine(this.redactor ? this.redactor.redact(text) : text);
    const prefix = this.prefix ? paint(this.term, 'gray', oneLine(this.redactor ? this.redactor.redact(this.prefix) : this.prefix)) : '';
    this.term.err(
      `${paint(this.term, 'gray', time)} ${paint(this.term, levelStyle, level.padEnd(5))} ${prefix}${style ? paint(this.term, style, safe) : safe}`,
    );
  }

  experimentStarted(title: string, file: string): void {
    this.line('INFO', `Running experiment: ${title} (${file})`, 'bold');
  }

  phaseStarted(phase: Phase | 'rollbacks-skipped', detail?: string): void {
    if (phase === 'rollbacks-skipped') this.line('INFO', `Rollbacks not played: ${detail ?? ''}`);
    else if (phase !== 'during') this.line('INFO', PHASE_TITLES[phase] ?? phase);
  }

  activityStarted(record: RunRecord, phase: Phase, dry?: boolean): void {
    // Nothing said here is an error: quiet prints none of it.
    if (phase === 'during' || this.verbosity === 'quiet') return;
    const type = String(record.activity.type ?? 'activity');
    const background = record.activity.background === true ? ' [in background]' : '';
    const skipped = dry ? ' (skipped: dry run)' : '';
    const reason = dry ? undefined : unguardedReason(record.activity);
    const unguarded = reason ? ` [unguarded, with the AWS credentials, outside the guardrails: ${reason}]` : '';
    this.line(
      unguarded ? 'WARN' : 'INFO',
      `  ${type[0]?.toUpperCase()}${type.slice(1)}: ${String(record.activity.name ?? '')}${background}${skipped}${unguarded}`,
    );
    if (!dry && !reason && runsWithoutAwsCredentials(record.activity.provider)) {
      this.line('DEBUG', `    ${String(record.activity.name ?? '')} runs without the AWS credentials (not marked chaos-action: {unguarded: why})`);
    }
  }

  activityEnded(record: RunRecord, phase: Phase, failure?: unknown): void {
    const name = String(record.activity.name ?? '');
    if (failure) {
      this.line('ERROR', `    ${name}: ${failure instanceof Error ? failure.message : String(failure)}`);
    } else if (record.status === 'failed') {
      this.line(
        phase === 'during' ? 'DEBUG' : 'WARN',
        `    ${name} failed: ${(record.exception?.at(-1) ?? '').replace(/^chaoslib\.exceptions\.ActivityFailed: /, '').trim()}`,
      );
    } else {
      // Succeeded for Chaos Toolkit, but the exit code or HTTP status says it did not work: said
      // at every verbosity (Chaos Toolkit only logs a warning). Redacted before it is cut short.
      const e = judgesEffect(record, phase) ? noEffect(this.redacted(record)) : undefined;
      if (e) this.line('WARN', `    ✖ ${String(record.activity.type ?? 'activity')} "${name}" ${describeNoEffect(e)}`, 'red');
      else if (phase !== 'during' && this.verbosity === 'verbose')
        this.line('DEBUG', `    ${name} => ${describeValue(this.redacted(record.output))} (${record.duration?.toFixed(3)} s)`);
    }
  }

  activityPlanned(record: RunRecord, _phase: Phase, plan: ProviderPlan): void {
    const name = String(record.activity.name ?? '');
    if (plan.error !== undefined) this.line('WARN', `    dry run: ${name} would fail before changing anything: ${plan.error}`);
    else if (plan.effect?.kind === 'unguarded') this.line('WARN', `    dry run: ${name} is ${describeEffect(plan.effect)}`);
    else if (plan.effect) this.line('INFO', `    dry run: ${name} is ${describeEffect(plan.effect)}`);
    else if (plan.changes.length === 0) this.line('INFO', `    dry run: ${name} would change nothing`);
    for (const change of plan.changes) {
      this.line(change.allowed ? 'INFO' : 'WARN', `    dry run: ${name} would send ${describePlannedChange(change)}`);
    }
  }

  toleranceChecked(record: RunRecord, tolerance: unknown, met: boolean): void {
    if (met) return;
    this.line(
      'WARN',
      `    ${String(record.activity.name ?? '')}: ${describeValue(this.redacted(record.output))} is not within tolerance ${describeTolerance(tolerance)}`,
    );
  }

  hypothesisEnded(phase: 'before' | 'during' | 'after', state: SteadyState): void {
    if (phase === 'during') {
      if (!state.steady_state_met) this.line('WARN', '  steady state not met during the method');
      return;
    }
    if (state.steady_state_met) this.line('INFO', '  Steady state hypothesis is met', 'green');
    else this.line('WARN', `  Steady state hypothesis is NOT met ${phase} the method`, 'red');
  }

  pause(activity: string, when: string, seconds: number): void {
    if (this.verbosity === 'verbose') this.line('DEBUG', `    pausing ${seconds} s ${when} ${activity}`);
  }

  warning(message: string): void {
    this.line('WARN', message);
  }

  experimentEnded(journal: Journal): void {
    const status = journal.deviated ? 'deviated' : (journal.status ?? 'completed');
    this.line('INFO', `Experiment ended with status: ${status} (${(journal.duration ?? 0).toFixed(1)} s)`);
  }

  info(message: string, style?: Style): void {
    this.line('INFO', message, style);
  }

  error(message: string): void {
    this.line('ERROR', message);
  }
}

/** Method actions and rollbacks are judged on whether they took effect; probes by their tolerance. */
function judgesEffect(record: RunRecord, phase: Phase): boolean {
  return (phase === 'method' && record.activity.type === 'action') || phase === 'rollbacks';
}

/** A process or python-bridge provider: unmarked, its child gets no AWS credentials. */
function runsWithoutAwsCredentials(provider: unknown): boolean {
  if (typeof provider !== 'object' || provider === null) return false;
  const p = provider as Record<string, unknown>;
  return p.type === 'process' || (p.type === 'python' && !findBuiltin(String(p.module), String(p.func)));
}
