// The built-in PostgreSQL canary: one row per tick in its own table,
// chaos_action_canary(run, seq, ts), each insert committed on its own (autocommit); after
// recovery, the sequence numbers of this run that are still there. Several runs (jobs, branches)
// may share the table: each only ever inserts, reads and deletes the rows of its own run id, and
// deletes them once read. `pg` is loaded only when an experiment uses this canary.
//
// Every call is bounded by the signal it is given (the canary's timeout, or an interruption):
// when it fires, the socket is destroyed and the connection is opened again on the next tick.
// The timeout is the client's, never the server's statement_timeout: a cancelled wait for
// synchronous replication reports the commit as done (with only a warning) although the replica
// never got it, which would count an unreplicated write as acknowledged.
import net from 'node:net';
import type { Client } from 'pg';

const CANARY_TABLE = 'chaos_action_canary';
/** The table's schema: created when it does not exist (a user may create it beforehand). */
export const CANARY_TABLE_DDL = `CREATE TABLE IF NOT EXISTS ${CANARY_TABLE} (run text NOT NULL, seq bigint NOT NULL, ts timestamptz NOT NULL, PRIMARY KEY (run, seq))`;

export interface PostgresCanary {
  /**
   * Creates the table if there is none; fails when the table there is not this schema (an earlier
   * one without the run column). Never empties it: other runs' rows are theirs.
   */
  prepare(signal: AbortSignal): Promise<void>;
  /** Inserts one record of this run; resolves once committed (acknowledged), throws otherwise. */
  write(seq: number, ts: string, signal: AbortSignal): Promise<void>;
  /** The sequence numbers of this run in the table. */
  read(signal: AbortSignal): Promise<number[]>;
  /** Deletes this run's rows. */
  cleanup(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

interface Connection {
  readonly client: Client;
  broken: boolean;
  destroy(): void;
}

/** `run`: this run's id, stored in each row. */
export function postgresCanary(url: string, run: string): PostgresCanary {
  let current: Connection | undefined;

  const open = async (signal: AbortSignal): Promise<Connection> => {
    const { default: pg } = await import('pg');
    let socket: net.Socket | undefined;
    // Our own socket, so that a timeout can cut a connection that hangs (pg has no such call).
    const client = new pg.Client({ connectionString: url, application_name: 'chaos-action-canary', stream: () => (socket = new net.Socket()) });
    const connection: Connection = {
      client,
      broken: false,
      destroy: () => {
        connection.broken = true;
        socket?.destroy();
      },
    };
    // A server that dies between two ticks: the next tick reconnects (unhandled, it would crash us).
    client.on('error', () => connection.destroy());
    client.on('end', () => {
      connection.broken = true;
    });
    await bounded(client.connect(), signal, connection.destroy);
    return connection;
  };

  const query = async (sql: string, params: unknown[], signal: AbortSignal): Promise<Record<string, unknown>[]> => {
    if (current?.broken) {
      current.destroy();
      current = undefined;
    }
    const connection =
      current ??
      (current = await open(signal).catch((e: unknown) => {
        current = undefined;
        throw e;
      }));
    try {
      return (await bounded(connection.client.query(sql, params), signal, connection.destroy)).rows as Record<string, unknown>[];
    } catch (e) {
      connection.destroy();
      if (current === connection) current = undefined;
      throw e;
    }
  };

  return {
    prepare: async (signal) => {
      // Looked up first: CREATE TABLE IF NOT EXISTS needs the CREATE privilege even when the
      // table is there, and a table created beforehand is enough.
      const lookup = (): Promise<Record<string, unknown>[]> =>
        query(
          `SELECT to_regclass($1) IS NOT NULL AS present, EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'run' AND NOT attisdropped) AS has_run`,
          [CANARY_TABLE],
          signal,
        );
      let [found] = await lookup();
      if (!found?.present) {
        await query(CANARY_TABLE_DDL, [], signal).catch((e: unknown) => {
          // Another run created it at the same moment: fine.
          if (!isDuplicate(e)) throw e;
        });
        [found] = await lookup();
      }
      if (!found?.has_run) {
        throw new Error(
          `the table ${CANARY_TABLE} has no run column: an earlier version of chaos-action created it; drop it (DROP TABLE ${CANARY_TABLE};) and the canary creates it again`,
        );
      }
    },
    write: async (seq, ts, signal) => {
      await query(`INSERT INTO ${CANARY_TABLE} (run, seq, ts) VALUES ($1, $2, $3)`, [run, seq, ts], signal);
    },
    read: async (signal) => {
      // A fresh connection: the one the writes used may point at a server that is gone.
      current?.destroy();
      current = undefined;
      const rows = await query(`SELECT seq FROM ${CANARY_TABLE} WHERE run = $1 ORDER BY seq`, [run], signal);
      return rows.map((r) => Number(r.seq));
    },
    cleanup: async (signal) => {
      await query(`DELETE FROM ${CANARY_TABLE} WHERE run = $1`, [run], signal);
    },
    close: async () => {
      const connection = current;
      current = undefined;
      if (!connection || connection.broken) return connection?.destroy();
      const ended = connection.client.end().catch(() => undefined);
      await bounded(ended, AbortSignal.timeout(1000), connection.destroy).catch(() => undefined);
      connection.destroy();
    },
  };
}

/** A unique violation on the catalog, or "already exists": a concurrent CREATE TABLE won. */
function isDuplicate(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P07';
}

/** `promise`, or a rejection as soon as `signal` aborts (after calling `cancel`). */
async function bounded<T>(promise: Promise<T>, signal: AbortSignal, cancel: () => void): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) {
    cancel();
    throw abortReason(signal);
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      cancel();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort as () => void);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
