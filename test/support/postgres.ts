// Real PostgreSQL for the RPO tests: a primary and a streaming replica on 127.0.0.1, in a
// temporary folder, from Debian's packages (/usr/lib/postgresql/<version>/bin). The replica
// streams through its own TCP proxy (cut it to stop replication at once: the WAL receiver stops
// receiving), and clients reach the database through a second proxy, the failover endpoint,
// which a failover points at the promoted replica. Replication is asynchronous, or synchronous
// (the primary acknowledges a commit only once the replica has flushed it).
//
// initdb and postgres refuse to run as root: as root, every server command runs as the postgres
// user (setpriv: it execs, so the child's pid is the server's own), in folders chowned to it.
// Every process started here is killed by destroy(), and by an exit hook if a test never gets there.
//
// Only erasable TypeScript syntax: the demo (scripts/demo-rpo.mjs) loads this file with Node.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type ProxyControl, startProxyControl, startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const READY_WAIT_MS = 30_000;
const STOP_WAIT_MS = 10_000;

/** The newest PostgreSQL bin folder of Debian's packages, or undefined when none is installed. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/** The postgres user when we are root (servers refuse root); undefined when we can run them ourselves. */
function serverOwner(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function command(owner: Owner | undefined, file: string, args: readonly string[]): [string, string[]] {
  return owner ? ['setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--', file, ...args]] : [file, [...args]];
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function runTool(owner: Owner | undefined, file: string, args: readonly string[], log: string): Promise<void> {
  const [cmd, argv] = command(owner, file, args);
  const out = openSync(log, 'a');
  const child = spawn(cmd, argv, { stdio: ['ignore', out, out] });
  closeSync(out);
  live.add(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code ?? signal}; see ${log}`));
    });
  });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const databaseUrl = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** One statement on a fresh connection, bounded by `timeoutMs` (connect and query). */
export async function query(url: string, sql: string, params: unknown[] = [], timeoutMs = 5000): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface PgServer {
  readonly name: string;
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's pid (the process to kill for a crash). */
  readonly pid: number;
  /** Superuser URL, straight to this server. */
  readonly url: string;
  readonly running: boolean;
  /** Immediate shutdown (SIGQUIT): no checkpoint, clients cut off, as in a crash. */
  kill(): Promise<void>;
  /** Fast shutdown. */
  stop(): Promise<void>;
  /** Ends standby mode: the replica becomes a primary. */
  promote(): Promise<void>;
}

const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  // Small and quick: the servers are killed, never restarted, so fsync buys nothing here.
  'fsync=off',
  'shared_buffers=16MB',
  'max_connections=50',
  'max_wal_senders=5',
  'wal_keep_size=64MB',
];

async function startServer(name: string, bin: string, owner: Owner | undefined, dataDir: string, settings: readonly string[]): Promise<PgServer> {
  const port = await freePort();
  const log = path.join(path.dirname(dataDir), `${name}.log`);
  const args = ['-D', dataDir, '-p', String(port), ...[...SETTINGS, ...settings].flatMap((s) => ['-c', s])];
  const [cmd, argv] = command(owner, path.join(bin, 'postgres'), args);
  const out = openSync(log, 'a');
  const child = spawn(cmd, argv, { stdio: ['ignore', out, out] });
  closeSync(out);
  live.add(child);
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => {
      running = false;
      live.delete(child);
      resolve();
    });
    child.on('error', () => {
      running = false;
      live.delete(child);
      resolve();
    });
  });
  const url = databaseUrl(port);
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    if (!running) throw new Error(`postgres (${name}) exited while starting; see ${log}`);
    try {
      await query(url, 'SELECT 1', [], 1000);
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`postgres (${name}) did not accept connections within ${READY_WAIT_MS / 1000} s (${(e as Error).message}); see ${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const signalAndWait = async (signal: NodeJS.Signals): Promise<void> => {
    if (!running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    port,
    dataDir,
    pid: child.pid as number,
    url,
    get running() {
      return running;
    },
    kill: () => signalAndWait('SIGQUIT'),
    stop: () => signalAndWait('SIGINT'),
    promote: async () => {
      await query(url, 'SELECT pg_promote(true, 30)', [], 35_000);
    },
  };
}

export interface Cluster {
  readonly primary: PgServer;
  readonly replica: PgServer;
  /** The replica's WAL stream goes through it: cut() stops replication at once. */
  readonly replication: TcpProxy;
  /** What clients connect to: the primary, until a failover switches it to the replica. */
  readonly endpoint: TcpProxy;
  /** Steers both proxies over HTTP, for the experiment's process activities ("replication", "endpoint"). */
  readonly control: ProxyControl;
  /** Superuser URL through the failover endpoint. */
  readonly url: string;
  readonly sync: boolean;
  /** The temporary folder (data folders and server logs). */
  readonly work: string;
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /** Synchronous replication: a commit is acknowledged once the replica has flushed it. */
  readonly sync: boolean;
  /** The bin folder (default: the newest one installed). */
  readonly bin?: string;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)');
  const owner = serverOwner();
  const work = mkdtempSync(path.join(tmpdir(), 'chaos-pg-'));
  if (owner) chownSync(work, owner.uid, owner.gid);
  const cleanups: (() => Promise<void>)[] = [];
  const destroy = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const log = path.join(work, 'tools.log');
    const primaryDir = path.join(work, 'primary');
    await runTool(owner, path.join(bin, 'initdb'), ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], log);
    const primary = await startServer('primary', bin, owner, primaryDir, options.sync ? ['synchronous_standby_names=replica'] : []);
    cleanups.push(() => primary.kill());

    const replication = await startTcpProxy(primary.port);
    cleanups.push(() => replication.close());
    const replicaDir = path.join(work, 'replica');
    mkdirSync(replicaDir, { mode: 0o700 });
    if (owner) chownSync(replicaDir, owner.uid, owner.gid);
    await runTool(
      owner,
      path.join(bin, 'pg_basebackup'),
      ['-D', replicaDir, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-X', 'stream', '--no-sync'],
      log,
    );
    const standbySignal = path.join(replicaDir, 'standby.signal');
    writeFileSync(standbySignal, '');
    if (owner) chownSync(standbySignal, owner.uid, owner.gid);
    const replica = await startServer('replica', bin, owner, replicaDir, [
      `primary_conninfo=host=127.0.0.1 port=${replication.port} user=postgres application_name=replica`,
    ]);
    cleanups.push(() => replica.kill());
    await waitForStreaming(primary.url, options.sync);

    const endpoint = await startTcpProxy(primary.port);
    cleanups.push(() => endpoint.close());
    const control = await startProxyControl({ replication, endpoint });
    cleanups.push(() => control.close());
    return { primary, replica, replication, endpoint, control, url: databaseUrl(endpoint.port), sync: options.sync, work, destroy };
  } catch (e) {
    await destroy();
    throw e;
  }
}

async function waitForStreaming(primaryUrl: string, sync: boolean): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    const rows = await query(primaryUrl, "SELECT state, sync_state FROM pg_stat_replication WHERE application_name = 'replica'");
    if (rows.some((r) => r.state === 'streaming' && (!sync || r.sync_state === 'sync'))) return;
    if (Date.now() > deadline)
      throw new Error(`the replica is not streaming${sync ? ' synchronously' : ''} after ${READY_WAIT_MS / 1000} s: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
