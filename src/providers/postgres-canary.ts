// The built-in PostgreSQL canary: one row per tick in its own table, chaos_action_canary(seq, ts),
// each insert committed on its own (autocommit); after recovery, the sequence numbers that are
// still there. `pg` is loaded only when an experiment uses this canary.
//
// Every call is bounded by the signal it is given (the canary's timeout, or an interruption):
// when it fires, the socket is destroyed and the connection is opened again on the next tick.
// The timeout is the client's, never the server's statement_timeout: a cancelled wait for
// synchronous replication reports the commit as done (with only a warning) although the replica
// never got it, which would count an unreplicated write as acknowledged.
import net from 'node:net';
import type { Client } from 'pg';

const TABLE = 'chaos_action_canary';

export interface PostgresCanary {
  /** Creates the table if needed and empties it: only this run's records count. */
  prepare(signal: AbortSignal): Promise<void>;
  /** Inserts one record; resolves once committed (acknowledged), throws otherwise. */
  write(seq: number, ts: string, signal: AbortSignal): Promise<void>;
  /** The sequence numbers in the table. */
  read(signal: AbortSignal): Promise<number[]>;
  close(): Promise<void>;
}

interface Connection {
  readonly client: Client;
  broken: boolean;
  destroy(): void;
}

export function postgresCanary(url: string): PostgresCanary {
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

  const run = async (sql: string, params: unknown[], signal: AbortSignal): Promise<Record<string, unknown>[]> => {
    if (current?.broken) {
      current.destroy();
      current = undefined;
    }
    const connection = current ?? (current = await open(signal).catch((e: unknown) => {
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
      await run(`CREATE TABLE IF NOT EXISTS ${TABLE} (seq bigint PRIMARY KEY, ts timestamptz NOT NULL)`, [], signal);
      await run(`TRUNCATE ${TABLE}`, [], signal);
    },
    write: async (seq, ts, signal) => {
      await run(`INSERT INTO ${TABLE} (seq, ts) VALUES ($1, $2)`, [seq, ts], signal);
    },
    read: async (signal) => {
      // A fresh connection: the one the writes used may point at a server that is gone.
      current?.destroy();
      current = undefined;
      const rows = await run(`SELECT seq FROM ${TABLE} ORDER BY seq`, [], signal);
      return rows.map((r) => Number(r.seq));
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
