// Rollbacks still owed, on disk: written before a fault is injected, settled once every rollback
// has run (or the strategy deliberately skipped them). A process that dies (cancellation, a crash,
// the runner's final kill) leaves its owed entries behind for the action's post step, which plays
// the rollbacks not yet done: each rollback that succeeds is recorded as it finishes, so the post
// step never replays a rollback that already ran (a rollback is not always idempotent).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LedgerEntry {
  /** Unique within the run: the experiment file and its position in the suite. */
  readonly id: string;
  readonly file: string;
  readonly title: string;
  /** The method activity about to run when the entry was last written. */
  readonly activity: string;
  readonly status: 'owed' | 'settled';
  /** Indexes (in the experiment's `rollbacks` list) of the rollbacks that already succeeded. */
  readonly done: readonly number[];
  readonly settledBecause?: string;
}

export type OweRequest = Pick<LedgerEntry, 'id' | 'file' | 'title' | 'activity'>;

export interface RollbackLedger {
  /** Records, before a method activity runs, that the experiment's rollbacks are owed. */
  owe(entry: OweRequest): Promise<void>;
  /** Records that the rollback at `index` in the experiment's `rollbacks` succeeded. */
  rollbackDone(id: string, index: number): Promise<void>;
  /** The rollbacks already done for an entry (the post step skips them). */
  doneRollbacks(id: string): readonly number[];
  /** Records that the rollbacks were played (or deliberately not, by the strategy). */
  settle(id: string, because: string): Promise<void>;
}

/** The ledger file the post step was told about is gone or unreadable: it cannot know what is owed. */
export class LedgerUnreadable extends Error {
  override readonly name = 'LedgerUnreadable';
}

export class FileRollbackLedger implements RollbackLedger {
  private entries = new Map<string, LedgerEntry>();
  /** The last write queued: the next one starts after it. */
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Writes the ledger file, empty: from then on a missing file means it was lost, not unused. */
  async init(): Promise<void> {
    await this.flush();
  }

  /** A ledger that continues the one already on disk (the post step's view of the main step's). */
  static async resume(file: string): Promise<FileRollbackLedger> {
    const ledger = new FileRollbackLedger(file);
    for (const entry of await readEntries(file)) ledger.entries.set(entry.id, entry);
    return ledger;
  }

  async owe(entry: OweRequest): Promise<void> {
    const done = this.entries.get(entry.id)?.done ?? [];
    this.entries.set(entry.id, { ...entry, status: 'owed', done });
    await this.flush();
  }

  async rollbackDone(id: string, index: number): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry || entry.done.includes(index)) return;
    this.entries.set(id, { ...entry, done: [...entry.done, index].sort((a, b) => a - b) });
    await this.flush();
  }

  doneRollbacks(id: string): readonly number[] {
    return this.entries.get(id)?.done ?? [];
  }

  async settle(id: string, because: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.set(id, { ...entry, status: 'settled', settledBecause: because });
    await this.flush();
  }

  /**
   * Written to a temporary file and renamed: a crash mid-write never leaves half a ledger. Writes
   * are serialized (experiments running in parallel share the ledger): each waits for the one
   * before it and writes the entries as they are when it starts, so the last state always lands.
   */
  private flush(): Promise<void> {
    const write = this.writing.then(() => this.write());
    this.writing = write.catch(() => undefined);
    return write;
  }

  private async write(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify([...this.entries.values()], null, 2) + '\n');
    await rename(temp, this.file);
  }
}

async function readEntries(file: string): Promise<LedgerEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LedgerUnreadable(
      `the rollback ledger ${file} ${code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(e)})`}: the post step cannot tell which faults are still injected`,
    );
  }
  try {
    const entries = JSON.parse(text) as LedgerEntry[];
    if (!Array.isArray(entries)) throw new Error('not a list');
    return entries.map((e) => ({ ...e, done: Array.isArray(e.done) ? e.done : [] }));
  } catch (e) {
    throw new LedgerUnreadable(
      `the rollback ledger ${file} is corrupt (${e instanceof Error ? e.message : String(e)}): the post step cannot tell which faults are still injected`,
    );
  }
}

/** The entries still owed in a ledger file; throws LedgerUnreadable when it is missing or corrupt. */
export async function owedRollbacks(file: string): Promise<LedgerEntry[]> {
  return (await readEntries(file)).filter((e) => e.status === 'owed');
}
