#!/usr/bin/env node
// The hostile cases of issue 11 §4, each run through the CLI with its peak RSS, wall time, exit
// code and journal size measured (the figures in RELIABILITY.md). Targets live in this process, on
// 127.0.0.1; the CLI is a child whose max RSS it reports itself as it exits.
// Usage: node scripts/measure-bounds.mjs [--source] [--only NAME]
//   --source   run the TypeScript sources (Node's type stripping + scripts/ts-source-hook.mjs,
//              which adds about 50 MiB) instead of the bundled dist/cli.js
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { source: { type: 'boolean', default: false }, only: { type: 'string' } } });
const entry = values.source
  ? ['--experimental-transform-types', '--no-warnings', '--import', path.join(root, 'scripts', 'ts-source-hook.mjs'), path.join(root, 'src', 'cli', 'index.ts')]
  : [path.join(root, 'dist', 'cli.js')];
const MAXRSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('@@maxrss='+process.resourceUsage().maxRSS+'\\n'))`;
const work = mkdtempSync(path.join(tmpdir(), 'chaos-bounds-'));
chmodSync(work, 0o755);
const MiB = 1024 * 1024;

// The targets.
const megabyte = Buffer.alloc(MiB, 'a');
const server = http.createServer((req, res) => {
  if (req.url === '/deep') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  } else if (req.url === '/gigabyte') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(1024 * MiB) });
    let sent = 0;
    const pump = () => {
      while (sent < 1024) {
        sent++;
        if (!res.write(megabyte)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => {
      sent = 1024;
    });
    pump();
  } else if (req.url === '/trickle-body') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const t = setInterval(() => res.write('x'), 500);
    res.on('close', () => clearInterval(t));
  } else if (req.url === '/trickle-headers') {
    const socket = req.socket;
    const text = `HTTP/1.1 200 OK\r\nX-Slow: ${'y'.repeat(100_000)}`;
    let i = 0;
    const t = setInterval(() => (socket.destroyed ? clearInterval(t) : socket.write(text.charAt(i++))), 500);
  }
  // anything else: never answered
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const probeOn = (provider) => ({
  title: 't',
  description: 'd',
  'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'p', tolerance: 200, provider: { type: 'http', ...provider } }] },
  method: [],
});
const action = (provider, extra = {}) => ({ title: 't', description: 'd', method: [{ type: 'action', name: 'a', provider, ...extra }] });

/** Each case: files to lay out (name → JSON value, or a function making it), the CLI arguments. */
const CASES = [
  { name: 'deep JSON answer (200k levels, 400 KB)', files: { 'e.json': probeOn({ url: `${base}/deep`, timeout: 3 }) }, args: ['run'] },
  { name: 'http body of 1 GB, timeout 3', files: { 'e.json': probeOn({ url: `${base}/gigabyte`, timeout: 3 }) }, args: ['run'] },
  { name: 'body trickled 1 byte / 500 ms, timeout 3', files: { 'e.json': probeOn({ url: `${base}/trickle-body`, timeout: 3 }) }, args: ['run'] },
  { name: 'headers trickled 1 byte / 500 ms, timeout 3', files: { 'e.json': probeOn({ url: `${base}/trickle-headers`, timeout: 3 }) }, args: ['run'] },
  { name: 'http probe without timeout, no answer (default 60 s)', files: { 'e.json': probeOn({ url: `${base}/never` }) }, args: ['run'] },
  {
    name: 'process printing 500 MB',
    files: { 'e.json': action({ type: 'process', path: 'sh', arguments: ['-c', "head -c 524288000 /dev/zero | tr '\\0' a"] }) },
    args: ['run'],
  },
  {
    name: '50 MB JSON experiment',
    files: { 'e.json': () => JSON.stringify({ title: 't', description: 'x'.repeat(50 * 1000 * 1000), method: [] }) },
    args: ['validate'],
  },
  { name: 'FIFO as an experiment', files: { 'e.json': (file) => execFileSync('mkfifo', [file]) }, args: ['validate'] },
  { name: '/dev/urandom as an experiment', files: { 'e.json': (file) => symlinkSync('/dev/urandom', file) }, args: ['validate'] },
  { name: '/dev/zero as an experiment', files: { 'e.yaml': (file) => symlinkSync('/dev/zero', file) }, args: ['validate'] },
  {
    name: 'unreadable sub-folder',
    files: { 'ok.json': action({ type: 'process', path: 'true' }), 'locked/e.json': action({ type: 'process', path: 'true' }) },
    after: (dir) => chmodSync(path.join(dir, 'locked'), 0o000),
    args: ['validate'],
    unprivileged: true,
  },
  {
    name: 'non-UTF-8 file name',
    files: { 'ok.json': action({ type: 'process', path: 'true' }) },
    after: (dir) => writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff]), Buffer.from('.json')]), '{}'),
    args: ['validate'],
  },
  {
    name: 'pause of 1e999 seconds',
    files: {
      'e.json': () =>
        '{"title":"t","description":"d","method":[{"type":"action","name":"a","provider":{"type":"process","path":"true"},"pauses":{"after":1e999}}]}',
    },
    args: ['validate'],
  },
];

function runCli(args, { unprivileged = false } = {}) {
  const asNobody = unprivileged && process.getuid?.() === 0;
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', MAXRSS_HOOK, ...entry, ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /@@maxrss=(\d+)/.exec(stderr);
      resolve({ code: code ?? signal, seconds, rssMiB: rss ? Number(rss[1]) / 1024 : null, stderr });
    });
  });
}

const rows = [];
for (const [i, c] of CASES.entries()) {
  if (values.only && !c.name.includes(values.only)) continue;
  const dir = path.join(work, `case-${i}`);
  mkdirSync(dir);
  chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(c.files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'function') {
      const text = content(file);
      if (typeof text === 'string') writeFileSync(file, text);
    } else writeFileSync(file, JSON.stringify(content));
  }
  c.after?.(dir);
  const out = path.join(dir, 'out');
  const args = c.args[0] === 'run' ? ['run', '-q', '--journal-dir', out, dir] : [...c.args, dir];
  const r = await runCli(args, { unprivileged: c.unprivileged });
  let journal = '';
  try {
    const name = readdirSync(out).find((f) => f.endsWith('.journal.json'));
    const size = name ? statSync(path.join(out, name)).size : 0;
    if (name) journal = size < MiB ? `${Math.ceil(size / 1024)} KiB` : `${(size / MiB).toFixed(1)} MiB`;
  } catch {
    journal = 'none';
  }
  if (c.unprivileged) chmodSync(path.join(dir, 'locked'), 0o755);
  rows.push(`| ${c.name} | ${r.code} | ${r.seconds.toFixed(1)} | ${r.rssMiB === null ? '?' : r.rssMiB.toFixed(0)} | ${journal || 'none'} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}
server.close();
server.closeAllConnections();
rmSync(work, { recursive: true, force: true });
console.log(`CLI: ${values.source ? 'sources (TypeScript, + ~50 MiB for the type stripping)' : 'dist/cli.js'}; Node ${process.version}\n`);
console.log('| case | exit | seconds | peak RSS (MiB) | journal |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
