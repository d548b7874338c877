// The PostgreSQL harness the RPO tests stand on: a primary and a streaming replica behind a
// failover endpoint, replication that can be cut, a primary that can be killed, a replica that
// can be promoted. Each test starts and destroys its own cluster.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Cluster, databaseUrl, findPostgresBin, query, startCluster } from './postgres.js';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = async (url: string): Promise<number> => Number((await query(url, 'SELECT count(*) AS n FROM t'))[0]?.n);

describe('the PostgreSQL cluster', () => {
  it('finds the newest installed version', () => {
    expect(findPostgresBin()).toMatch(/^\/usr\/lib\/postgresql\/[\d.]+\/bin$/);
  });

  it('streams asynchronously; a cut stops replication; a failover reaches the promoted replica', async () => {
    const c = (cluster = await startCluster({ sync: false }));
    await query(c.url, 'CREATE TABLE t (n int)');
    await query(c.url, 'INSERT INTO t VALUES (1)');
    await until('the replica sees the first row', async () => (await count(c.replica.url).catch(() => 0)) === 1);

    c.replication.cut();
    await until(
      'the WAL receiver stops',
      async () => (await query(c.replica.url, "SELECT count(*) AS n FROM pg_stat_wal_receiver WHERE status = 'streaming'"))[0]?.n === '0',
    );
    await query(c.url, 'INSERT INTO t VALUES (2)');
    // Acknowledged by the primary alone: the replica never gets it.
    expect(await count(c.primary.url)).toBe(2);
    expect(await count(c.replica.url)).toBe(1);

    await c.primary.kill();
    expect(c.primary.running).toBe(false);
    await expect(query(c.url, 'SELECT 1', [], 2000)).rejects.toThrow();
    await c.replica.promote();
    c.endpoint.switchTo(c.replica.port);
    await query(c.url, 'INSERT INTO t VALUES (3)');
    expect((await query(c.url, 'SELECT n FROM t ORDER BY n')).map((r) => r.n)).toEqual([1, 3]);
  });

  it('with synchronous replication, holds commits while replication is cut', async () => {
    const c = (cluster = await startCluster({ sync: true }));
    await query(c.url, 'CREATE TABLE t (n int)');
    // Synchronous commit waits for the replica to flush the WAL; replaying it may lag a little.
    await until('the replica has the table', async () => (await count(c.replica.url).catch(() => -1)) === 0);
    c.replication.cut();
    await expect(query(c.url, 'INSERT INTO t VALUES (1)', [], 1000)).rejects.toThrow(/timeout/i);
    expect(await count(c.replica.url)).toBe(0);
  });

  it('removes its processes and folder when destroyed', async () => {
    const c = await startCluster({ sync: false });
    await c.destroy();
    expect(c.primary.running).toBe(false);
    expect(c.replica.running).toBe(false);
    expect(existsSync(c.work)).toBe(false);
    await expect(query(databaseUrl(c.primary.port), 'SELECT 1', [], 1000)).rejects.toThrow();
  });
});
