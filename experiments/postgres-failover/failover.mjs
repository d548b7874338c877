#!/usr/bin/env node
// The steps of a PostgreSQL failover, for the experiment's process activities. Each prints
// {"step": ..., "at": <epoch ms>} when done (the moment the fault or the fix took effect).
//   cut <control-url>                 stop replication (the replica's WAL stream is cut)
//   kill <pid>                        crash the primary (immediate shutdown, no checkpoint)
//   promote <replica-url>             make the replica a primary
//   switch <control-url> <port>       point the failover endpoint at <port>
//   probe <database-url>              exit 0 when the database answers SELECT 1 within 1 s
// The control URL is the proxies' HTTP control server (test/support/tcp-proxy.ts).
import pg from 'pg';

const [step, ...args] = process.argv.slice(2);
const done = (extra = {}) => console.log(JSON.stringify({ step, at: Date.now(), ...extra }));

async function post(url) {
  const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function query(url, sql, timeoutMs) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

try {
  switch (step) {
    case 'cut': {
      const { at } = await post(`${args[0]}/replication/cut`);
      done({ at });
      break;
    }
    case 'kill': {
      const pid = Number(args[0]);
      if (!Number.isInteger(pid) || pid <= 1) throw new Error(`kill: expected the primary's pid, got ${JSON.stringify(args[0])}`);
      const at = Date.now();
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      done({ at, gone: !alive(pid) });
      break;
    }
    case 'promote':
      await query(args[0], 'SELECT pg_promote(true, 30)', 35_000);
      done();
      break;
    case 'switch': {
      const { at } = await post(`${args[0]}/endpoint/switch/${Number(args[1])}`);
      done({ at });
      break;
    }
    case 'probe':
      await query(args[0], 'SELECT 1', 1000);
      done();
      break;
    default:
      throw new Error(`unknown step ${JSON.stringify(step)}: expected cut, kill, promote, switch or probe`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
