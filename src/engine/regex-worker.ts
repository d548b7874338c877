// Regex tolerances are matched in a worker thread. A pattern that backtracks catastrophically
// (`^(a+)+$` on 44 characters) runs for ages inside V8, and a RegExp cannot be interrupted on the
// thread that runs it: on the main thread it would freeze the run, signals and rollbacks included.
// In a worker, the main thread stays free: a match that overruns its deadline, or that a signal
// interrupts, ends by terminating the worker, and the next match starts a new one.
//
// One worker serves the whole process (started on the first regex tolerance, so runs without one
// never pay for it), one match at a time, so that a deadline only counts the match it belongs to.
// Its code is the search loop's own source text (no file to bundle or find at run time).
import type { Worker } from 'node:worker_threads';
import { scannerFor, searchWithScanner } from '../python/regex/index.js';

/** The default regex-timeout setting, in seconds. */
export const DEFAULT_REGEX_TIMEOUT = 1;

/** A match that did not finish within its deadline (the worker was terminated). */
export class RegexTimeout extends Error {
  override readonly name = 'RegexTimeout';
  constructor(readonly seconds: number) {
    super(`the regex did not finish within ${seconds} s`);
  }
}

interface Thread {
  readonly worker: Worker;
  online: boolean;
}

type Reply = { readonly found: boolean } | { readonly error: string };

export class RegexWorker {
  private thread: Thread | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `re.search(pattern, subject) is not None` for a regex made by compilePythonRegex, in the
   * worker: rejects with RegexTimeout after `timeoutSeconds` (counted from when the worker runs),
   * with the signal's reason when it aborts, and with an Error when the engine throws.
   */
  search(regex: RegExp, subject: string, timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    const { source, flags } = scannerFor(regex);
    const job = this.queue.then(() => this.run({ source, flags, subject }, timeoutSeconds, signal));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the worker, if one runs (a later search starts another). */
  async dispose(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private start(): Thread {
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE(), { eval: true, name: 'chaos-action regex' });
    const thread: Thread = { worker, online: false };
    worker.once('online', () => {
      thread.online = true;
    });
    // A worker that dies between matches is simply replaced by the next one.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (this.thread === thread) this.thread = undefined;
    });
    // Idle, it never keeps the process alive; a match in progress refs it (run).
    worker.unref();
    return thread;
  }

  private run(job: { source: string; flags: string; subject: string }, timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const thread = this.thread ?? this.start();
    this.thread = thread;
    const { worker } = thread;
    return new Promise<boolean>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (after: () => void, terminate: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit).off('online', startClock);
        signal?.removeEventListener('abort', onAbort);
        if (terminate || !thread.online) {
          if (this.thread === thread) this.thread = undefined;
          void worker.terminate();
        } else worker.unref();
        after();
      };
      const onMessage = (reply: Reply): void => settle(() => ('error' in reply ? reject(new Error(reply.error)) : resolve(reply.found)), false);
      const onError = (e: Error): void => settle(() => reject(e), true);
      const onExit = (code: number): void => settle(() => reject(new Error(`the regex worker stopped (exit code ${code})`)), true);
      const onAbort = (): void => settle(() => reject(signal?.reason), true);
      function startClock(): void {
        timer = setTimeout(() => settle(() => reject(new RegexTimeout(timeoutSeconds)), true), timeoutSeconds * 1000);
      }
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      if (thread.online) startClock();
      else worker.once('online', startClock);
      worker.postMessage(job);
    });
  }
}

let shared: RegexWorker | undefined;

/** The process's regex worker (created on first use). */
export function sharedRegexWorker(): RegexWorker {
  shared ??= new RegexWorker();
  return shared;
}

/** The worker's program: the search loop, and a small cache of compiled scanners. */
const WORKER_SOURCE = (): string => `'use strict';
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const search = ${searchWithScanner.toString()};
const scanners = new Map();
parentPort.on('message', ({ source, flags, subject }) => {
  try {
    const key = flags + '/' + source;
    let scanner = scanners.get(key);
    if (scanner === undefined) {
      if (scanners.size >= 64) scanners.clear();
      scanner = new RegExp(source, flags);
      scanners.set(key, scanner);
    }
    parentPort.postMessage({ found: search(scanner, subject) });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;
