// The error that stops an experiment where it stands: a signal, a stop condition, or a control
// that raised chaoslib's InterruptExecution. Its rollbacks still follow the strategy.
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}
