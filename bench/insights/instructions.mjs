// What counting evaluations for insights costs, in instructions: the wall-clock benches
// (overhead.mjs, lambda.mjs) move by ±20% round to round on this machine, too much to see 5%,
// and the VM has no hardware counters, so this counts with callgrind. Two builds of the core:
// * wasm: the Worker's module (build/wasm/flagport.wasm) in Node through the Worker's own
//   bindings, as in bench/scale/projects.mjs, the flush's messages taken by a queue that drops
//   them (the Worker's JS copying them out of the module is counted);
// * native: build/native/bench/flagport-bench-insights-requests, the core as the Lambda
//   bootstrap runs it (-O3), on the unit tests' in-memory host, the flush run after each
//   response as the bootstrap runs it (after Duration ends: counted here all the same).
// OFREP single and bulk requests of both workloads (bench/requests/scenarios.mjs), a
// different context each, insights off and on (default settings: a flush every 5 s or 100,000
// flag evaluations). The clock is simulated at --rate requests a second, so that the 5 s flush
// comes as often as it would at that rate, not as often as under valgrind. Per request: the
// instructions of warm-up + 2N requests less those of warm-up + N (start-up, compiles and the
// warm-up cancel); V8 made deterministic (--predictable, a fixed GC schedule, the module
// compiled by TurboFan at once: two runs agree within 0.01%). Not counted: workerd's or the
// Runtime API's handling of the request, which make the real denominator larger. Printed,
// never asserted. Needs valgrind, `scripts/build wasm native`.
//   node bench/insights/instructions.mjs [--requests 200] [--warmup 300] [--rate 1000]
//     [--workloads flags200,objects] [--builds wasm,native] [--json FILE]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../../bindings/cloudflare/core.js';
import { effectExecutor } from '../../bindings/cloudflare/effects.js';
import { record } from '../memory/wasm_cache.mjs';
import { SINGLE_FLAG, WORKLOADS } from '../requests/scenarios.mjs';
import { jsonPath, listArg, machine, numberArg, round } from '../requests/stats.mjs';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');
const argv = process.argv.slice(2);
const ROUTES = { single: `/ofrep/v1/evaluate/flags/${SINGLE_FLAG}`, bulk: '/ofrep/v1/evaluate/flags' };

// One measured process: `warmup` + `requests` requests of one kind, then exit.
async function child({ workload, scenario, insights, warmup, requests, rate }) {
  let clock = Date.UTC(2026, 11, 7, 12);
  Date.now = () => clock;
  const key = `fpk_bench_${'k'.repeat(43)}`;
  const stored = record(JSON.stringify(WORKLOADS[workload].flagSet()), [createHash('sha256').update(key).digest('hex')]);
  const execute = effectExecutor({
    kv: { get: async () => stored.slice().buffer },
    queue: () => ({ sendBatch: async () => {} }),
  });
  const module = new WebAssembly.Module(readFileSync(path.join(root, 'build/wasm/flagport.wasm')));
  const core = new Core(module, { INSIGHTS: insights, ADMIN_TOKEN: 'insights-bench-admin-token-0123456789abcdef' });
  const utf8 = new TextEncoder();
  const bodies = WORKLOADS[workload].contexts(1024).map((context) => utf8.encode(JSON.stringify({ context })));
  const headers = [['authorization', `Bearer ${key}`], ['content-type', 'application/json']];
  for (let i = 0; i < warmup + requests; i++) {
    const id = `r${i}`;
    const response = await core.http({ method: 'POST', path: ROUTES[scenario], query: '', body: bodies[i % bodies.length], headers }, id, execute);
    if (response.status !== 200) throw new Error(`${scenario}: answered ${response.status}`);
    if (core.hasPendingWork) await core.after(id, execute);  // as under ctx.waitUntil
    clock += 1000 / rate;
  }
}

// Instructions callgrind counted running `command`.
function instructions(command, dir) {
  const out = path.join(dir, 'callgrind.out');
  execFileSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, ...command],
    { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const totals = /^(?:summary|totals): (\d+)/m.exec(readFileSync(out, 'utf8'));
  if (!totals) throw new Error('no totals in callgrind output');
  return Number(totals[1]);
}

// The command that runs `requests` measured requests of one kind in `build`.
function runner(build, { workload, scenario, insights, warmup, rate }, dir) {
  if (build === 'wasm') {
    return (requests) => [process.execPath, '--predictable', '--predictable-gc-schedule', '--no-liftoff',
      '--no-memory-reducer', here, '--child', JSON.stringify({ workload, scenario, insights, warmup, requests, rate })];
  }
  const flags = path.join(dir, `${workload}.json`);
  const contexts = path.join(dir, `${workload}.contexts`);
  writeFileSync(flags, JSON.stringify(WORKLOADS[workload].flagSet()));
  writeFileSync(contexts, WORKLOADS[workload].contexts(1024).map((context) => JSON.stringify({ context })).join('\n'));
  return (requests) => [path.join(root, 'build/native/bench/flagport-bench-insights-requests'), flags, contexts,
    ROUTES[scenario], insights, String(warmup), String(requests), String(rate)];
}

if (argv[0] === '--child') {
  await child(JSON.parse(argv[1]));
} else {
  const requests = numberArg(argv, 'requests', 200);
  const warmup = numberArg(argv, 'warmup', 300);
  const rate = numberArg(argv, 'rate', 1000);
  const workloads = listArg(argv, 'workloads', ['flags200', 'objects']);
  const builds = listArg(argv, 'builds', ['wasm', 'native']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insights-instructions-'));
  const report = { bench: 'insights-instructions', machine: machine(os), requests, warmup, rate, results: {} };
  try {
    for (const build of builds) {
      for (const workload of workloads) {
        for (const scenario of Object.keys(ROUTES)) {
          const perRequest = {};
          for (const insights of ['off', 'on']) {
            const command = runner(build, { workload, scenario, insights, warmup, rate }, dir);
            perRequest[insights] = (instructions(command(2 * requests), dir) - instructions(command(requests), dir)) / requests;
            process.stderr.write(`${build} ${workload} ${scenario} insights ${insights}: ${Math.round(perRequest[insights])} instructions a request\n`);
          }
          report.results[`${build} ${workload} ${scenario}`] = {
            'off instr/req': Math.round(perRequest.off),
            'on instr/req': Math.round(perRequest.on),
            'on/off': round(perRequest.on / perRequest.off, 4),
          };
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = report.machine;
  console.log(`callgrind, node ${m.node}; warm-up ${warmup}, then ${requests} requests measured; clock at ${rate} requests/s`);
  console.table(report.results);
  const file = jsonPath(argv);
  if (file) writeFileSync(file, JSON.stringify(report, null, 2));
}
