#!/usr/bin/env node
// The demo's target: a small rates web service that reads currency rates from an exchange file.
//   --mode fragile     reads the file on every request and falls over when it is gone
//   --mode resilient   keeps the last good rates and answers 503 only when it never had any
// Usage: node experiments/rates-service.mjs --file /tmp/rates.csv [--port 0] [--mode resilient]
// Prints "listening on http://127.0.0.1:PORT" once ready. Listens on 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    port: { type: 'string', default: '0' },
    mode: { type: 'string', default: 'resilient' },
  },
});
if (!values.file || !['fragile', 'resilient'].includes(values.mode)) {
  console.error('usage: rates-service.mjs --file PATH [--port N] [--mode fragile|resilient]');
  process.exit(2);
}

/** "EUR,USD,1.08" lines into {"EUR/USD": 1.08}. */
function readRates(file) {
  const rates = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [from, to, rate] = line.split(',').map((s) => s.trim());
    if (from && to && rate && !Number.isNaN(Number(rate))) rates[`${from}/${to}`] = Number(rate);
  }
  return rates;
}

let lastGood;

function currentRates() {
  if (values.mode === 'fragile') return { rates: readRates(values.file), stale: false }; // throws when the file is gone
  try {
    lastGood = readRates(values.file);
    return { rates: lastGood, stale: false };
  } catch {
    return lastGood ? { rates: lastGood, stale: true } : undefined;
  }
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  if (req.url !== '/rates') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const current = currentRates();
  if (!current) {
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '30' }).end(JSON.stringify({ error: 'rates unavailable' }));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'X-Rates-Stale': String(current.stale) });
  res.end(JSON.stringify(current.rates));
});

// The fragile mode does what many real services do with an unexpected error: it dies.
process.on('uncaughtException', (e) => {
  console.error(`rates-service: fatal: ${e.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

if (values.mode === 'resilient') currentRates();
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
