// Rollbacks still owed, on disk: written before a fault is injected, settled once the rollbacks
// have been decided. A process that dies (cancellation, a crash, the runner's final kill) leaves
// its owed entries behind for the action's post step, which reverts them.
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
  readonly settledBecause?: string;
}

export interface RollbackLedger {
  /** Records, before a method activity runs, that the experiment's rollbacks are owed. */
  owe(entry: Omit<LedgerEntry, 'status' | 'settledBecause'>): Promise<void>;
  /** Records that the rollbacks were played (or deliberately not, by the strategy). */
  settle(id: string, because: string): Promise<void>;
}

export class FileRollbackLedger implements RollbackLedger {
  private entries = new Map<string, LedgerEntry>();

  constructor(readonly file: string) {}

  /** A ledger that continues the one already on disk (the post step's view of the main step's). */
  static async resume(file: string): Promise<FileRollbackLedger> {
    const ledger = new FileRollbackLedger(file);
    for (const entry of await readEntries(file)) ledger.entries.set(entry.id, entry);
    return ledger;
  }

  async owe(entry: Omit<LedgerEntry, 'status' | 'settledBecause'>): Promise<void> {
    this.entries.set(entry.id, { ...entry, status: 'owed' });
    await this.flush();
  }

  async settle(id: string, because: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.set(id, { ...entry, status: 'settled', settledBecause: because });
    await this.flush();
  }

  /** Written to a temporary file and renamed: a crash mid-write never leaves half a ledger. */
  private async flush(): Promise<void> {
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
  } catch {
    return [];
  }
  return JSON.parse(text) as LedgerEntry[];
}

/** The entries still owed in a ledger file; none when the file does not exist. */
export async function owedRollbacks(file: string): Promise<LedgerEntry[]> {
  return (await readEntries(file)).filter((e) => e.status === 'owed');
}
