// Worker request figures: Flagport against the plain-JS baseline (bench/baseline/worker,
// @openfeature/flagd-core in interpreter mode), side by side in one run; printed, written
// as JSON with --json FILE, never asserted (DESIGN §8).
// Every Worker is the bundle `wrangler deploy --dry-run --outdir` writes, run in its own
// bare workerd started through Miniflare's API (no wrangler proxy, no inspector, KV from
// Miniflare), with the load (autocannon on loopback) sent to the Worker's own socket
// (`unsafeDirectSockets`), not through Miniflare's entry worker. For each scenario of
// bench/requests/scenarios.mjs and each round, the sides take turns (order flipped every
// round): req/s, p50/p99 latency, and server CPU µs per answered request (the workerd
// process's user + system time from /proc over the round, divided by the answered
// requests: what Workers bill). Then each side once under `wrangler dev`, for the record.
//   scripts/build wasm [wasm-emscripten] && node bench/worker/requests.mjs
//     [--rounds 5] [--seconds 3] [--connections 8] [--skip-wrangler-dev] [--json FILE]
//     [--scenarios floor,single,bulk] [--toolchains wasi,emscripten]
// A subset of scenarios always keeps the floor (every cost above it is read from it).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT, publish, scenarios } from '../requests/scenarios.mjs';
import { descendants } from '../requests/proc.mjs';
import { bareWorkerd, bundle, isWorkerd, load as loadFor, measure as measureFor, wrangler, wranglerEnv } from '../requests/workerd.mjs';
import { jsonPath, listArg, machine, median, numberArg, round, target } from '../requests/stats.mjs';
import { freePort, startProvider } from '../../tests/e2e/providers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const rounds = numberArg(argv, 'rounds', 5);
const seconds = numberArg(argv, 'seconds', 3);
const connections = numberArg(argv, 'connections', 8);
const scenarioNames = new Set(['floor', ...listArg(argv, 'scenarios', ['floor', 'single', 'bulk'])]);
const toolchains = listArg(argv, 'toolchains', ['wasi', 'emscripten']);
const ADMIN_TOKEN = 'bench-admin-token-for-the-request-bench'; // 32 bytes at least
const BASELINE = 'baseline (flagd-core)';
const BASELINE_CONFIG = 'bench/baseline/worker/wrangler.toml';

const flagports = [
  { name: 'flagport (wasi)', module: 'build/wasm/flagport.wasm', entry: 'worker/index.js', toolchain: 'wasi' },
  { name: 'flagport (emscripten)', module: 'build/wasm-emscripten/flagport.wasm', entry: 'worker/emscripten.js', toolchain: 'emscripten' },
].filter((f) => toolchains.includes(f.toolchain) && existsSync(path.join(root, f.module)));
if (flagports.length === 0) throw new Error('no wasm module: run scripts/build wasm (and wasm-emscripten) first');

const load = (url, scenario, durationS) => loadFor(url, scenario, durationS, connections);
const measure = (url, scenario, pids, durationS = seconds) => measureFor(url, scenario, pids, durationS, connections);

async function send(base, method, p, headers, body) {
  const res = await fetch(base + p, { method, headers, body: method === 'GET' ? undefined : body });
  return { status: res.status, headerNames: [...res.headers.keys()].sort().join(','), text: await res.text() };
}

// Same status, header names and body from both sides, for the first contexts of the pool.
async function sameAnswers(a, b, list, count = 16) {
  const out = {};
  for (const scenario of list) {
    let same = 0;
    let firstDifference = null;
    const n = scenario.method === 'GET' ? 1 : count;
    for (let i = 0; i < n; i++) {
      const [x, y] = await Promise.all([a, b].map((base) => send(base, scenario.method, scenario.path, scenario.headers, scenario.bodies[i])));
      if (x.status === y.status && x.headerNames === y.headerNames && x.text === y.text) same++;
      else firstDifference ??= { flagport: `${x.status} [${x.headerNames}] ${x.text.slice(0, 300)}`, baseline: `${y.status} [${y.headerNames}] ${y.text.slice(0, 300)}` };
    }
    out[scenario.name] = { same, of: n, ...(firstDifference ? { firstDifference } : {}) };
  }
  return out;
}

function summarize(samples, list) {
  const out = {};
  for (const [side, byScenario] of Object.entries(samples)) {
    out[side] = {};
    for (const { name } of list) {
      const runs = byScenario[name];
      const floor = byScenario.floor;
      out[side][name] = {
        requestsPerSecond: round(median(runs.map((r) => r.requestsPerSecond)), 0),
        p50Us: round(median(runs.map((r) => r.p50Us)), 0),
        p99Us: round(median(runs.map((r) => r.p99Us)), 0),
        cpuUsPerRequest: round(median(runs.map((r) => r.cpuUsPerRequest))),
        cpuUsAboveFloor: round(median(runs.map((r, i) => r.cpuUsPerRequest - floor[i].cpuUsPerRequest))),
        failed: runs.reduce((sum, r) => sum + r.failed, 0),
        rounds: runs.length,
      };
    }
  }
  return out;
}

// The issue's targets for the scenarios this run measured: each ratio is that of the two
// sides' medians over rounds. Beside it, the median and range of the ratios round by round
// (the two sides measured back to back), which a host whose speed drifts moves less.
function targets(ours, base, ourRounds, baseRounds) {
  const field = (r, s, name, i) => (name === 'cpuUsAboveFloor' ? r[s][i].cpuUsPerRequest - r.floor[i].cpuUsPerRequest : r[s][i][name]);
  const check = (label, s, name, limit) => {
    const checked = target(label, ours[s][name], base[s][name], ours[s][name] / base[s][name], limit);
    const perRound = ourRounds[s].map((_, i) => field(ourRounds, s, name, i) / field(baseRounds, s, name, i));
    return { ...checked, 'per-round median': round(median(perRound), 2), 'per-round range': `${round(Math.min(...perRound), 2)}-${round(Math.max(...perRound), 2)}` };
  };
  const measured = ['bulk', 'single', 'floor'].filter((s) => s in ours);
  const perScenario = {
    bulk: () => [check('bulk CPU µs/req', 'bulk', 'cpuUsPerRequest', 0.6), check('bulk CPU above floor', 'bulk', 'cpuUsAboveFloor', 1 / 3)],
    single: () => [check('single CPU µs/req', 'single', 'cpuUsPerRequest', 1), check('single CPU above floor', 'single', 'cpuUsAboveFloor', 1 / 2)],
    floor: () => [check('floor CPU µs/req', 'floor', 'cpuUsPerRequest', 1.15)],
  };
  return [...measured.flatMap((s) => perScenario[s]()), ...measured.reverse().map((s) => check(`${s} p99 µs`, s, 'p99Us', 1.2))];
}

// The baseline under `wrangler dev`, with its KV seeded with Flagport's published record.
async function baselineWranglerDev(state, record) {
  const recordFile = path.join(state, 'record');
  writeFileSync(recordFile, record);
  const common = ['--config', BASELINE_CONFIG, '--persist-to', path.join(state, 'persist')];
  execFileSync(wrangler, ['kv', 'key', 'put', `flags:${PROJECT}`, '--path', recordFile, '--binding', 'FLAGS_KV', '--local', ...common], {
    cwd: root, env: wranglerEnv, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const port = await freePort();
  const child = spawn(wrangler, ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()),
    '--show-interactive-dev-session=false', ...common], { cwd: root, env: wranglerEnv, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/v1/health`).then((r) => r.status).catch(() => 0)) === 200) break;
    if (i > 600 || child.exitCode !== null) throw new Error('baseline wrangler dev did not start');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await new Promise((ok) => setTimeout(ok, 100));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return { url, stop };
}

// Each side once under wrangler dev: its proxy and its inspector-attached workerd included.
// Flagport gets a fresh publish (and key); the baseline the record and key from the bare run.
async function underWranglerDev(state, baselineKey, record) {
  const out = {};
  const workerds = () => descendants().filter(isWorkerd);
  const run = async (name, url, key) => {
    out[name] = {};
    for (const scenario of scenarios(key).filter((s) => scenarioNames.has(s.name))) {
      await load(url, scenario, 1);
      out[name][scenario.name] = await measure(url, scenario, workerds);
    }
  };
  const flagport = await startProvider('worker', 'serve-worker', { ADMIN_TOKEN, FLAGPORT_FAULTS: '', FLAGPORT_TEST_CLOCK_MS: '' });
  try {
    await run(flagports[0].name, flagport.url, await publish((...a) => send(flagport.url, ...a), ADMIN_TOKEN));
  } finally {
    await flagport.stop();
  }
  const baseline = await baselineWranglerDev(state, record);
  try {
    await run(BASELINE, baseline.url, baselineKey);
  } finally {
    await baseline.stop();
  }
  return out;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'flagport-bench-requests-'));
const report = { bench: 'worker-requests', machine: machine(os), rounds, seconds, connections, flagports: flagports.map((f) => f.name) };
const running = [];
let seeded;
try {
  const ours = [];
  for (const f of flagports) {
    const outdir = bundle([f.entry], path.join(work, f.toolchain));
    ours.push({ name: f.name, ...(await bareWorkerd(outdir, path.basename(f.entry), { objects: true, bindings: { ADMIN_TOKEN } })) });
    running.push(ours.at(-1).mf);
  }
  const base = { name: BASELINE, ...(await bareWorkerd(bundle(['--config', BASELINE_CONFIG], path.join(work, 'baseline')), 'index.js', { objects: false })) };
  running.push(base.mf);

  // Publish to each Flagport through its admin API (one client key for all: each project
  // object draws its own, so publish to the first and copy its KV record to the others),
  // then seed the baseline's KV with the same record bytes.
  const key = await publish((...a) => send(ours[0].url, ...a), ADMIN_TOKEN);
  const record = await (await ours[0].mf.getKVNamespace('FLAGS_KV')).get(`flags:${PROJECT}`, 'arrayBuffer');
  for (const side of [...ours.slice(1), base]) await (await side.mf.getKVNamespace('FLAGS_KV')).put(`flags:${PROJECT}`, record);
  seeded = { key, record: new Uint8Array(record) };

  const list = scenarios(key).filter((s) => scenarioNames.has(s.name));
  report.sameAnswers = {};
  for (const side of ours) report.sameAnswers[side.name] = await sameAnswers(side.url, base.url, list);

  const sides = [...ours, base];
  for (const side of sides) for (const scenario of list) await load(side.url, scenario, 1); // warm-up: JIT, wasm tier-up
  const samples = Object.fromEntries(sides.map((s) => [s.name, Object.fromEntries(list.map((sc) => [sc.name, []]))]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...sides].reverse() : sides;
    for (const scenario of list) {
      for (const side of order) samples[side.name][scenario.name].push(await measure(side.url, scenario, () => [side.pid]));
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }
  report.bareWorkerd = summarize(samples, list);
  report.targets = Object.fromEntries(ours.map((o) => [o.name, targets(report.bareWorkerd[o.name], report.bareWorkerd[BASELINE], samples[o.name], samples[BASELINE])]));
} finally {
  for (const mf of running) await mf.dispose();
}
try {
  if (!argv.includes('--skip-wrangler-dev')) report.wranglerDev = await underWranglerDev(work, seeded.key, seeded.record);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Tables.
const m = report.machine;
console.log(`machine: ${m.cpu} x${m.cores}, load ${m.loadAverage.join(' ')}, node ${m.node}; ${rounds} rounds x ${seconds} s, ${connections} connections (medians over rounds)`);
for (const [side, answers] of Object.entries(report.sameAnswers)) {
  console.log(`same status, header names and body as the baseline, ${side}: ${Object.entries(answers).map(([s, a]) => `${s} ${a.same}/${a.of}`).join(', ')}`);
}
const rows = (results) => Object.entries(results).flatMap(([side, byScenario]) => Object.entries(byScenario).map(([scenario, r]) => ({
  side, scenario, 'req/s': round(r.requestsPerSecond, 0), 'p50 µs': round(r.p50Us, 0), 'p99 µs': round(r.p99Us, 0),
  'CPU µs/req': round(r.cpuUsPerRequest), 'above floor': r.cpuUsAboveFloor ?? '', failed: r.failed,
})));
console.log('bare workerd (Miniflare, direct socket):');
console.table(rows(report.bareWorkerd));
for (const [side, list] of Object.entries(report.targets)) {
  console.log(`targets, ${side} vs ${BASELINE}:`);
  console.table(list);
}
if (report.wranglerDev) {
  console.log('under wrangler dev, once (CPU: all its workerd processes, proxy and inspector included):');
  console.table(rows(report.wranglerDev));
}
const file = jsonPath(argv);
if (file) writeFileSync(file, JSON.stringify(report, null, 2));
