#!/usr/bin/env node
// npm run bench: the speed and memory goals, measured (results go in BENCHMARKS.md).
//  1. the bench experiment: 100 http probes in the hypothesis (run before and after the method:
//     200 probe runs; recovery is sampled, and the method is shorter than the sampling interval
//     so, without an RTO objective, the check after it is the last sample) + 10 process actions,
//     against a local target, run by chaos-action and by the pinned Chaos Toolkit's `chaos run`
//     (the same 200 probe runs), side by side (goal: ≤ 0.5× Chaos Toolkit's time);
//     and against a plain Node loop doing the same requests on the same connections, and the
//     same processes: per http activity (what the 198 probe runs beyond a 1-probe version of the
//     experiment cost each side; goal: ≤ 1.3× the loop), and over the whole run;
//  2. cold start: `chaos-action --version` and a 1-probe run, versus `node -e ''` (goal: ≤ +60 ms);
//  3. a suite of 50, 100 and 200 small experiments: wall time per experiment (goal: linear) and
//     the peak memory (max RSS) of the 200 (goal: ≤ 150 MiB);
//  4. observed RTO accuracy and 5. the sampler's overhead (recoveryRows, below);
//  6. a parallel suite against one experiment alone (parallelRow, below).
//  7. merging a matrix: 8 shards × 50 results (mergeRows, below).
// Everything on 127.0.0.1; medians of repeated runs, the compared commands interleaved run by run.
// Usage: node scripts/bench.mjs [--runs N]   (Chaos Toolkit from .venv: bash scripts/ensure-oracle.sh)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const chaos = path.join(root, '.venv', 'bin', 'chaos');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);
const work = mkdtempSync(path.join(tmpdir(), 'chaos-bench-'));
// Reports the child's peak RSS (KiB) on stderr as it exits.
const MAXRSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('@@maxrss='+process.resourceUsage().maxRSS+'\\n'))`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function run(args, { env = {}, maxRss = false, command = process.execPath } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...(maxRss ? ['--import', MAXRSS_HOOK] : []), ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      const rss = /@@maxrss=(\d+)/.exec(stderr);
      if (code !== 0 && code !== 1) reject(new Error(`exit ${code}: ${stderr.slice(-500)}`));
      else resolve({ ms, code, maxRssKiB: rss ? Number(rss[1]) : undefined });
    });
  });
}

/** Runs each command once per round, in turn (side by side), RUNS rounds: their times. */
async function interleaved(commands) {
  const out = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [j, [args, opts]] of commands.entries()) out[j].push((await run(args, opts)).ms);
  return out;
}

const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'));
let connections = 0;
server.on('connection', () => connections++);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
/** The connections the server accepts while `f` runs once. */
async function connectionsOf(f) {
  const before = connections;
  await f();
  return connections - before;
}
const base = `http://127.0.0.1:${server.address().port}`;

function experiment(probes, actions, title = 'bench') {
  return {
    title,
    description: 'generated for the benchmark',
    'steady-state-hypothesis': {
      title: 'all endpoints answer',
      probes: Array.from({ length: probes }, (_, i) => ({
        type: 'probe',
        name: `p${i}`,
        tolerance: 200,
        provider: { type: 'http', url: `${base}/p${i}`, timeout: 5 },
      })),
    },
    method: Array.from({ length: actions }, (_, i) => ({ type: 'action', name: `a${i}`, provider: { type: 'process', path: 'true', arguments: [] } })),
    rollbacks: [],
  };
}

try {
  // 1. The bench experiment: chaos-action, Chaos Toolkit and a plain loop doing the same work.
  if (!existsSync(chaos)) throw new Error(`no Chaos Toolkit at ${chaos}: run bash scripts/ensure-oracle.sh`);
  const big = path.join(work, 'big.json');
  writeFileSync(big, JSON.stringify(experiment(100, 10)));
  // The loop makes the requests chaos-action makes, on the same connections: the probes of one
  // run of the hypothesis (the check before, the check after) share one keep-alive connection,
  // closed when that run ends.
  const loopOf = (probes) => {
    const file = path.join(work, `loop-${probes}.mjs`);
    writeFileSync(
      file,
      `import http from 'node:http'; import { spawn } from 'node:child_process';
const proc = () => new Promise((res) => spawn('true').on('exit', res));
const hypothesis = async () => {
  const agent = new http.Agent({ keepAlive: true });
  const get = (u) => new Promise((res, rej) => http.get(u, { agent }, (r) => { r.resume(); r.on('end', res); }).on('error', rej));
  for (let i = 0; i < ${probes}; i++) await get('${base}/p' + i);
  agent.destroy();
};
await hypothesis();
for (let i = 0; i < 10; i++) await proc();
await hypothesis();`,
    );
    return file;
  };
  const loop = loopOf(100);
  // The same experiment and loop with one probe: what the 198 other probe runs cost each side is
  // the difference (the engine's overhead per http activity, start-up left out: it has its own row).
  const small = path.join(work, 'small.json');
  writeFileSync(small, JSON.stringify(experiment(1, 10)));
  const smallLoop = loopOf(1);
  // Chaos Toolkit 1.19 (scripts/oracle-requirements.txt): no version check, no log file, its
  // settings and journal in the work folder.
  const ctkSettings = path.join(work, 'ctk-settings.yaml');
  writeFileSync(ctkSettings, '{}\n');
  const ctkJournal = path.join(work, 'ctk.journal.json');
  const ctkArgs = ['--no-version-check', '--no-log-file', '--settings', ctkSettings, 'run', '--no-verify-tls', '--journal-path', ctkJournal, big];
  const engineArgs = [cli, 'run', '--quiet', '--journal-dir', path.join(work, 'r1'), big];
  const smallArgs = [cli, 'run', '--quiet', '--journal-dir', path.join(work, 'r1-small'), small];
  const [engine, plain, ctk, engineSmall, plainSmall] = await interleaved([[engineArgs], [[loop]], [ctkArgs, { command: chaos }], [smallArgs], [[smallLoop]]]);
  const ctkRun = JSON.parse(readFileSync(ctkJournal, 'utf8'));
  if (ctkRun.status !== 'completed' || ctkRun.steady_states.after.probes.length !== 100) throw new Error(`chaos run did not complete: ${ctkRun.status}`);
  // The same requests: chaos-action's recovery sampling sends none of its own here.
  const engineRun = JSON.parse(readFileSync(path.join(work, 'r1', 'big.journal.json'), 'utf8'));
  const sampleRequests = engineRun['chaos-action'].recovery.sampleRequests;
  if (engineRun['chaos-action'].recovery.state !== 'no-impact') throw new Error(`the bench run's recovery: ${engineRun['chaos-action'].recovery.state}`);
  const sockets = {
    engine: await connectionsOf(() => run(engineArgs)),
    loop: await connectionsOf(() => run([loop])),
    ctk: await connectionsOf(() => run(ctkArgs, { command: chaos })),
  };
  const ratio = median(engine) / median(plain);
  const perActivity = { engine: (median(engine) - median(engineSmall)) / 198, loop: (median(plain) - median(plainSmall)) / 198 };
  const perActivityRatio = perActivity.engine / perActivity.loop;
  const vsCtk = median(engine) / median(ctk);

  // 2. Cold start.
  const one = path.join(work, 'one.json');
  writeFileSync(one, JSON.stringify(experiment(1, 0)));
  const [nodeEmpty, version, oneProbe] = await interleaved([
    [['-e', '']],
    [[cli, '--version']],
    [[cli, 'run', '--quiet', '--journal-dir', path.join(work, 'r2'), one]],
  ]);

  // 3. Suites of 50, 100 and 200 small experiments (2 http probes and 1 process action each):
  //    wall time per experiment, and the peak memory of the 200.
  const suiteSizes = [50, 100, 200];
  const suiteArgs = {};
  for (const n of suiteSizes) {
    const dir = path.join(work, `suite-${n}`);
    mkdirSync(dir);
    for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `e${String(i).padStart(3, '0')}.json`), JSON.stringify(experiment(2, 1, `experiment ${i}`)));
    suiteArgs[n] = [cli, 'run', '--quiet', '--journal-dir', path.join(work, `r3-${n}`), dir];
  }
  const walls = Object.fromEntries(suiteSizes.map((n) => [n, []]));
  let mem = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const n of suiteSizes) {
      rmSync(path.join(work, `r3-${n}`), { recursive: true, force: true });
      const r = await run(suiteArgs[n], { maxRss: n === 200 });
      walls[n].push(r.ms);
      if (n === 200) mem = Math.max(mem, r.maxRssKiB);
    }
  }
  const suite = Object.fromEntries(suiteSizes.map((n) => [n, median(walls[n])]));
  // Linear: the cost of each experiment from 100 to 200 is no more than 1.3× its cost from 50 to 100.
  const perExperiment = (a, b) => (suite[b] - suite[a]) / (b - a);
  const growth = perExperiment(100, 200) / perExperiment(50, 100);

  const ms = (x) => `${x.toFixed(1)} ms`;
  const signedMs = (x) => `${x >= 0 ? '+' : ''}${ms(x)}`;
  const rows = [
    [
      `bench experiment vs Chaos Toolkit 1.19 \`chaos run\` (200 probe runs + 10 actions; recovery sampled: ${sampleRequests} sample requests)`,
      ms(median(engine)),
      `chaos run ${ms(median(ctk))}`,
      `${vsCtk.toFixed(2)}×`,
      '≤ 0.50×',
      vsCtk <= 0.5,
    ],
    [
      'engine overhead per http activity: (bench experiment − the same with 1 probe) / 198 probe runs, against the plain loop the same way',
      `${perActivity.engine.toFixed(3)} ms (${ms(median(engine))} − ${ms(median(engineSmall))})`,
      `plain loop ${perActivity.loop.toFixed(3)} ms (${ms(median(plain))} − ${ms(median(plainSmall))})`,
      `${perActivityRatio.toFixed(2)}×`,
      '≤ 1.30×',
      perActivityRatio <= 1.3,
    ],
    [
      'whole run of the bench experiment (start-up, validation, journal and reports included) against the plain loop',
      ms(median(engine)),
      `plain loop ${ms(median(plain))}`,
      `${ratio.toFixed(2)}×`,
      '≤ 1.30×',
      ratio <= 1.3,
    ],
    [
      'cold start: --version',
      ms(median(version)),
      `node -e '' ${ms(median(nodeEmpty))}`,
      signedMs(median(version) - median(nodeEmpty)),
      '≤ +60 ms',
      median(version) - median(nodeEmpty) <= 60,
    ],
    [
      'cold start: 1-probe run',
      ms(median(oneProbe)),
      `node -e '' ${ms(median(nodeEmpty))}`,
      signedMs(median(oneProbe) - median(nodeEmpty)),
      '≤ +60 ms',
      median(oneProbe) - median(nodeEmpty) <= 60,
    ],
    [
      `suite wall time: ${suiteSizes.join(' / ')} experiments`,
      suiteSizes.map((n) => `${(suite[n] / n).toFixed(1)}`).join(' / ') + ' ms per experiment',
      suiteSizes.map((n) => ms(suite[n])).join(' / '),
      `+${perExperiment(50, 100).toFixed(1)} → +${perExperiment(100, 200).toFixed(1)} ms per added experiment (${growth.toFixed(2)}×)`,
      'linear (≤ 1.30×)',
      growth <= 1.3,
    ],
    ['peak RSS: 200 experiments', `${(mem / 1024).toFixed(1)} MiB`, '', '', '≤ 150 MiB', mem / 1024 <= 150],
  ];
  rows.push(...(await recoveryRows()));
  rows.push(await parallelRow());
  rows.push(...(await mergeRows()));
  console.log(`chaos-action benchmarks (median of ${RUNS} runs; Node ${process.version}; ${new Date().toISOString().slice(0, 10)})\n`);
  console.log('| measure | chaos-action | baseline | difference | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.slice(0, 5).join(' | ')} | ${r[5] ? 'yes' : 'NO'} |`);
  console.log(
    `\nConnections to the target in one run of the bench experiment: chaos-action ${sockets.engine}, plain loop ${sockets.loop}, chaos run ${sockets.ctk}.`,
  );
  process.exitCode = rows.every((r) => r[5]) ? 0 : 1;
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}

/**
 * 4. RTO accuracy: outages of known length (test/support/outage-server.ts is the ground truth),
 *    each measured by a real run sampling every 100 ms; error = observed RTO − outage length
 *    (goal: every error within ±(interval + 50 ms), the bound the tests hold).
 * 5. Sampler overhead: CPU time of a run whose 3 s method is sampled every 100 ms, against the same
 *    run with the hypothesis skipped (nothing sampled), per sample; and the wall-time difference
 *    (goal: at most 5 % of one core at that interval). The wall-time difference is the one sample
 *    that confirms recovery after the method, before the rollbacks: by design, not overhead.
 */
async function recoveryRows() {
  const { startOutageServer } = await import('../test/support/outage-server.ts');
  const target = await startOutageServer();
  const interval = 0.1;
  const CPU_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('@@cpu='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;
  const runMeasured = (args) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', CPU_HOOK, cli, ...args], {
        cwd: work,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolve({ ms: performance.now() - started, cpuMs: Number(/@@cpu=(\d+)/.exec(stderr)?.[1]) / 1000 })
          : reject(new Error(`exit ${code}: ${stderr.slice(-500)}`)),
      );
    });
  const recoveryExperiment = (method) => ({
    title: 'recovery bench',
    description: 'generated for the benchmark',
    extensions: [{ name: 'chaos-action', objectives: { rto: '10s' }, sampling: { interval: `${interval * 1000}ms`, stable: 3 } }],
    'steady-state-hypothesis': {
      title: 'up',
      probes: [{ type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: `${target.url}/health`, timeout: 1 } }],
    },
    method,
  });
  try {
    const errors = [];
    for (const outageMs of [300, 700, 1100]) {
      const file = path.join(work, `outage-${outageMs}.json`);
      writeFileSync(
        file,
        JSON.stringify(recoveryExperiment([{ type: 'action', name: 'outage', provider: { type: 'http', url: `${target.url}/outage/${outageMs}` } }])),
      );
      for (let i = 0; i < RUNS; i++) {
        const dir = path.join(work, `rto-${outageMs}-${i}`);
        await runMeasured(['run', '--quiet', '--journal-dir', dir, file]);
        const observed = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')).experiments[0].rto.observed;
        errors.push(observed - outageMs / 1000);
      }
    }
    const sampled = path.join(work, 'sampled.json');
    writeFileSync(
      sampled,
      JSON.stringify(recoveryExperiment([{ type: 'action', name: 'wait', provider: { type: 'process', path: 'sleep', arguments: ['3'] } }])),
    );
    const withSampling = [];
    const without = [];
    let samples = 0;
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(work, `sampled-${i}`);
      withSampling.push(await runMeasured(['run', '--quiet', '--journal-dir', dir, sampled]));
      samples = JSON.parse(readFileSync(path.join(dir, 'sampled.journal.json'), 'utf8'))['chaos-action'].recovery.samples.length;
      without.push(await runMeasured(['run', '--quiet', '--hypothesis-strategy', 'skip', '--journal-dir', path.join(work, `unsampled-${i}`), sampled]));
    }
    const cpuPerSample = (median(withSampling.map((r) => r.cpuMs)) - median(without.map((r) => r.cpuMs))) / samples;
    const share = cpuPerSample / (interval * 1000);
    const wall = median(withSampling.map((r) => r.ms)) - median(without.map((r) => r.ms));
    const maxError = Math.max(...errors.map(Math.abs));
    const meanError = errors.reduce((a, b) => a + b, 0) / errors.length;
    const bound = interval + 0.05;
    return [
      [
        `RTO accuracy: ${errors.length} outages of 0.3–1.1 s, sampled every ${interval * 1000} ms`,
        `largest error ${(maxError * 1000).toFixed(0)} ms`,
        'outage length',
        `mean error ${(meanError * 1000).toFixed(0)} ms`,
        `≤ ${(bound * 1000).toFixed(0)} ms`,
        maxError <= bound,
      ],
      [
        `sampler overhead: ${samples} samples of 1 http probe in a 3 s method`,
        `${cpuPerSample.toFixed(2)} ms CPU per sample (${(share * 100).toFixed(1)} % of a core)`,
        'hypothesis skipped',
        `wall ${wall >= 0 ? '+' : ''}${wall.toFixed(0)} ms`,
        '≤ 5 % of a core',
        share <= 0.05,
      ],
    ];
  } finally {
    await target.close();
  }
}

/**
 * 6. Parallel runs: 20 independent experiments, each a 2 s fault (a process sleeping 2 s) between
 *    hypotheses of 3 http probes, with --parallel 20, against one of them alone (goal: ≤ 1.5×).
 */
async function parallelRow(cliArgs = [cli]) {
  const { mkdirSync } = await import('node:fs');
  const slow = (i) => ({
    ...experiment(3, 0, `parallel ${i}`),
    method: [{ type: 'action', name: 'fault', provider: { type: 'process', path: 'sleep', arguments: ['2'] } }],
  });
  const alone = path.join(work, 'parallel-alone');
  const twenty = path.join(work, 'parallel-twenty');
  mkdirSync(alone);
  mkdirSync(twenty);
  writeFileSync(path.join(alone, 'e00.json'), JSON.stringify(slow(0)));
  for (let i = 0; i < 20; i++) writeFileSync(path.join(twenty, `e${String(i).padStart(2, '0')}.json`), JSON.stringify(slow(i)));
  const one = [];
  const all = [];
  for (let i = 0; i < RUNS; i++) {
    one.push((await run([...cliArgs, 'run', '--quiet', '--journal-dir', path.join(work, `pa-${i}`), alone])).ms);
    all.push((await run([...cliArgs, 'run', '--quiet', '--parallel', '20', '--journal-dir', path.join(work, `pt-${i}`), twenty])).ms);
  }
  const ratio = median(all) / median(one);
  return [
    '--parallel 20: 20 experiments, each a 2 s fault and 3 http probes',
    `${median(all).toFixed(0)} ms`,
    `one alone ${median(one).toFixed(0)} ms`,
    `${ratio.toFixed(2)}×`,
    '≤ 1.50×',
    ratio <= 1.5,
  ];
}

/**
 * 7. Merge: `chaos-action merge` of 8 shards' folders × 50 results each (results.json with its
 *    scope, and a journal of a few KiB per experiment, as a leg leaves them), wall time of the
 *    whole command (goal: ≤ 1 s).
 */
async function mergeRows() {
  const { mkdirSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const SHARDS = 8;
  const PER_SHARD = 50;
  const legs = [];
  for (let s = 1; s <= SHARDS; s++) {
    const dir = path.join(work, 'merge-legs', String(s));
    mkdirSync(dir, { recursive: true });
    const experiments = [];
    for (let k = 0; k < PER_SHARD; k++) {
      const n = String(k * SHARDS + s - 1).padStart(3, '0');
      const journal = `e${n}.journal.json`;
      const probes = Array.from({ length: 10 }, (_, p) => ({
        activity: { type: 'probe', name: `probe-${p}`, provider: { type: 'http', url: `${base}/p${p}` } },
        status: 'succeeded',
        output: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' },
        start: '2026-01-01T00:00:00.000000',
        end: '2026-01-01T00:00:00.010000',
        duration: 0.01,
        tolerance_met: true,
      }));
      writeFileSync(
        path.join(dir, journal),
        JSON.stringify({
          'chaoslib-version': 'unknown',
          experiment: { title: `experiment ${n}`, description: 'd', method: [] },
          start: '2026-01-01T00:00:00.000000',
          end: '2026-01-01T00:00:01.000000',
          duration: 1,
          status: 'completed',
          deviated: false,
          steady_states: { before: { probes, steady_state_met: true }, after: { probes, steady_state_met: true }, during: [] },
          run: [],
          rollbacks: [],
        }),
      );
      experiments.push({
        file: `experiments/e${n}.json`,
        title: `experiment ${n}`,
        verdict: 'passed',
        reasons: [],
        status: 'completed',
        deviated: false,
        steadyStateBefore: true,
        steadyStateAfter: true,
        duration: 1 + (k % 7),
        journal,
        rto: { state: 'no-impact', observed: 0, impact: false },
        sampleRequests: 30,
        rollbacks: 'played',
      });
    }
    const counts = { passed: PER_SHARD, 'dry-run': 0, 'not-ready': 0, 'missed-objective': 0, deviated: 0, interrupted: 0, failed: 0, invalid: 0 };
    const scope = {
      key: 'staging',
      shard: { index: s, count: SHARDS, balancedBy: 'count' },
      selection: { tags: ['nightly'], tagsMatch: 'any', found: 400, selected: SHARDS * PER_SHARD },
      commit: null,
    };
    writeFileSync(
      path.join(dir, 'results.json'),
      JSON.stringify({
        tool: 'chaos-action',
        version,
        dry: null,
        verdict: 'passed',
        gate: 'passed',
        failOn: ['dry-run'],
        counts,
        experiments,
        scope,
        skipped: [],
      }),
    );
    legs.push(dir);
  }
  const walls = [];
  let merged;
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(work, `merged-${i}`);
    const r = await run([cli, 'merge', '--journal-dir', out, ...legs]);
    if (r.code !== 0) throw new Error(`merge exited ${r.code}`);
    walls.push(r.ms);
    merged = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
  }
  if (merged.experiments.length !== SHARDS * PER_SHARD || merged.gate !== 'passed') throw new Error('the merge did not account for every result');
  const wall = median(walls);
  return [[`merge: ${SHARDS} shards × ${PER_SHARD} results (chaos-action merge)`, `${wall.toFixed(1)} ms`, '', '', '≤ 1000 ms', wall <= 1000]];
}
