// What counting evaluations for insights costs a Worker: CPU µs per answered request with
// INSIGHTS=off, on (the default flush: every 5 s or 100,000 flag evaluations, whichever first),
// and on with flushes as rare as the settings allow (every 1,000,000 flag evaluations), each
// side the same bundle in its own bare workerd (bench/requests/workerd.mjs), for the single and
// bulk OFREP scenarios of both workloads (bench/requests/scenarios.mjs), sides alternating
// round by round. The flush runs under ctx.waitUntil in the same process, so "on" includes it
// amortised; "on" less "rare flush" is the flushes' own share. Printed, never asserted.
//   scripts/build wasm && node bench/insights/overhead.mjs [--rounds 5] [--seconds 3]
//     [--connections 8] [--workloads flags200,objects] [--json FILE]
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { publish, scenarios } from '../requests/scenarios.mjs';
import { bareWorkerd, bundle, load, measure } from '../requests/workerd.mjs';
import { jsonPath, listArg, machine, median, numberArg, round } from '../requests/stats.mjs';

const argv = process.argv.slice(2);
const rounds = numberArg(argv, 'rounds', 5);
const seconds = numberArg(argv, 'seconds', 3);
const connections = numberArg(argv, 'connections', 8);
const workloads = listArg(argv, 'workloads', ['flags200', 'objects']);
const ADMIN_TOKEN = 'bench-admin-token-for-the-insights-bench';
const queues = { INSIGHTS_QUEUE: 'flagport-insights' };
const sides = [
  { name: 'off', bindings: { ADMIN_TOKEN, INSIGHTS: 'off' } },
  { name: 'on', bindings: { ADMIN_TOKEN } },
  { name: 'on, rare flush', bindings: { ADMIN_TOKEN, INSIGHTS_FLUSH_SECONDS: '3600', INSIGHTS_FLUSH_EVALUATIONS: '1000000' } },
];

async function send(base, method, p, headers, body) {
  const res = await fetch(base + p, { method, headers, body: method === 'GET' ? undefined : body });
  return { status: res.status, text: await res.text() };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'flagport-bench-insights-'));
const report = { bench: 'insights-overhead', machine: machine(os), rounds, seconds, connections, results: {}, rounds: {} };
const running = [];
try {
  const outdir = bundle(['worker/index.js'], path.join(work, 'wasi'));
  for (const side of sides) {
    Object.assign(side, await bareWorkerd(outdir, 'index.js', { objects: true, bindings: side.bindings, queues }));
    running.push(side.mf);
  }
  for (const workload of workloads) {
    const keys = {};
    for (const side of sides) keys[side.name] = await publish((...a) => send(side.url, ...a), ADMIN_TOKEN, workload);
    const names = ['single', 'bulk'];
    const samples = Object.fromEntries(names.map((n) => [n, Object.fromEntries(sides.map((s) => [s.name, []]))]));
    for (const side of sides) {
      for (const scenario of scenarios(keys[side.name], 1024, workload).filter((s) => names.includes(s.name)))
        await load(side.url, scenario, 1, connections); // warm-up: JIT, wasm tier-up
    }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? [...sides].reverse() : sides;
      for (const name of names) {
        for (const side of order) {
          const scenario = scenarios(keys[side.name], 1024, workload).find((s) => s.name === name);
          samples[name][side.name].push(await measure(side.url, scenario, () => [side.pid], seconds, connections));
        }
      }
      process.stderr.write(`${workload}: round ${r + 1}/${rounds} done\n`);
    }
    for (const name of names) {
      const cpu = Object.fromEntries(sides.map((s) => [s.name, median(samples[name][s.name].map((m) => m.cpuUsPerRequest))]));
      const perRound = samples[name].on.map((m, i) => m.cpuUsPerRequest / samples[name].off[i].cpuUsPerRequest);
      report.results[`${workload} ${name}`] = {
        'off µs/req': round(cpu.off),
        'on µs/req': round(cpu.on),
        'on/off': round(cpu.on / cpu.off, 3),
        'per-round on/off median': round(median(perRound), 3),
        'per-round range': `${round(Math.min(...perRound), 3)}-${round(Math.max(...perRound), 3)}`,
        'flush share µs/req': round(cpu.on - cpu['on, rare flush']),
        failed: sides.reduce((sum, s) => sum + samples[name][s.name].reduce((n, m) => n + m.failed, 0), 0),
      };
      report.rounds[`${workload} ${name}`] = Object.fromEntries(
        sides.map((s) => [s.name, samples[name][s.name].map((m) => round(m.cpuUsPerRequest))]));
    }
  }
} finally {
  for (const mf of running) await mf.dispose();
  rmSync(work, { recursive: true, force: true });
}

const m = report.machine;
console.log(`machine: ${m.cpu} x${m.cores}, load ${m.loadAverage.join(' ')}, node ${m.node}; ${rounds} rounds x ${seconds} s, ${connections} connections (medians over rounds)`);
console.table(report.results);
const file = jsonPath(argv);
if (file) writeFileSync(file, JSON.stringify(report, null, 2));
