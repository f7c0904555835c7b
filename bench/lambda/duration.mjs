// Lambda request figures: Flagport's packaged bootstrap (scripts/package-lambda ->
// build/lambda/package) against the plain-JS baseline (bench/baseline/lambda: a Node
// `provided` runtime with @openfeature/flagd-core in interpreter mode), both run by
// @vercel/fun as `provided` runtimes against the same dynalite, side by side in one run;
// printed, written as JSON with --json FILE, never asserted (DESIGN §8).
//   Duration   per invocation, the runtime's own time: from the moment fun answers its
//              GET .../invocation/next to the moment its POST .../response reaches fun (what
//              Lambda bills), taken by wrapping fun's Runtime API handlers in this process;
//              fun's own invoke overhead is left out. Per scenario of
//              bench/requests/scenarios.mjs and round, sides taking turns: p50 / p99. Each
//              scenario is paired with the floor invocation by invocation; its cost above
//              the floor is read from those pairs.
//   first      a fresh function's first invocation (a single-flag evaluation): from fun
//              starting the process, through init and the flag set's first load, to the
//              response reaching fun; also the part up to the first GET .../next (init).
//   RSS        VmRSS of each runtime process after its first invocation and after the rounds.
//   scripts/package-lambda && node bench/lambda/duration.mjs
//     [--workload flags200|objects] [--rounds 5] [--invocations 300] [--starts 5] [--json FILE]
// --workload picks bench/requests/scenarios.mjs's flag set and contexts (flags200: 200 flags,
// 10-attribute contexts; objects: 1,000 object and string flags, 30-attribute contexts).
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { publish, scenarios } from '../requests/scenarios.mjs';
import { descendants, rssKiB } from '../requests/proc.mjs';
import { jsonPath, listArg, machine, median, numberArg, percentile, round, target } from '../requests/stats.mjs';
import { ADMIN_TOKEN, createTables, httpEvent, root, startDynalite } from '../../tests/lambda/harness.mjs';
import './fun-probe.mjs'; // stamps every invocation's Duration (fn.provider.probe)
import { startSqsProcess } from './local_sqs.mjs';

const require = createRequire(import.meta.url);
const { createFunction } = require('@vercel/fun');

const argv = process.argv.slice(2);
const rounds = numberArg(argv, 'rounds', 5);
const invocations = numberArg(argv, 'invocations', 300);
const starts = numberArg(argv, 'starts', 5);
const [workload] = listArg(argv, 'workload', ['flags200']);
const FLAGPORT = 'flagport (packaged bootstrap)';
const BASELINE = 'baseline (node + flagd-core)';
const taskRoots = { [FLAGPORT]: path.join(root, 'build/lambda/package'), [BASELINE]: path.join(root, 'bench/baseline/lambda') };
if (!existsSync(path.join(taskRoots[FLAGPORT], 'bootstrap'))) throw new Error('no build/lambda/package/bootstrap: run scripts/package-lambda first');

// Flagport flushes its insights to a local SQS, as a deployment does to its queue.
function lambda(side, endpoint, insightsQueue) {
  return createFunction({
    FunctionName: side.startsWith('flagport') ? 'flagport-bench' : 'baseline-bench',
    Code: { Directory: taskRoots[side] },
    Handler: 'bootstrap',
    Runtime: 'provided',
    Region: 'us-east-1',
    MemorySize: 128,
    Timeout: 10,
    AccessKeyId: 'local',
    SecretAccessKey: 'local',
    Environment: { Variables: { DYNAMODB_ENDPOINT: endpoint, ADMIN_TOKEN, ...(side === FLAGPORT ? { FLAGPORT_INSIGHTS_QUEUE_URL: insightsQueue } : {}) } },
  });
}

// -> { status, headerNames, text, duration } (duration in ms, from the probe).
async function call(fn, payload) {
  const result = await fn.invoke({ InvocationType: 'RequestResponse', Payload: payload });
  if (result.FunctionError) throw new Error(`invocation failed: ${result.Payload}`);
  const answer = JSON.parse(String(result.Payload));
  const headerNames = Object.keys(answer.headers ?? {}).map((h) => h.toLowerCase()).sort().join(',');
  return { status: answer.statusCode, headerNames, text: answer.body, duration: fn.provider.probe.duration };
}

// The scenario's events, one per context, ready to send.
const payloads = (scenario) => scenario.bodies.map((body) =>
  JSON.stringify(httpEvent(scenario.method, scenario.path, { headers: scenario.headers, ...(scenario.method === 'GET' ? {} : { body }) })));

// fun's destroy() can wait on a process it froze, and dynalite's close() on that process's
// keep-alive connection: both get a bounded time, then whatever this run started is killed.
async function stopAll(fns, db) {
  const bounded = (promise, ms) => Promise.race([promise.catch(() => {}), sleep(ms)]);
  await bounded(Promise.all(fns.map((fn) => fn.destroy())), 3000);
  for (const pid of descendants()) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await bounded(db.close(), 2000);
}

const report = { bench: 'lambda-duration', machine: machine(os), workload, rounds, invocations, starts };
const db = await startDynalite();
const sqs = await startSqsProcess();
const functions = {};
try {
  await createTables(taskRoots[FLAGPORT], db.endpoint);
  for (const side of [FLAGPORT, BASELINE]) functions[side] = await lambda(side, db.endpoint, sqs.url);
  const key = await publish(async (method, p, headers, body) => {
    const r = await call(functions[FLAGPORT], JSON.stringify(httpEvent(method, p, { headers, body })));
    return { status: r.status, text: r.text };
  }, ADMIN_TOKEN, workload);
  const list = scenarios(key, 1024, workload).map((s) => ({ ...s, payloads: payloads(s) }));
  const single = list.find((s) => s.name === 'single');

  report.sameAnswers = {};
  for (const s of list) {
    let same = 0;
    const n = s.name === 'floor' ? 1 : 16;
    for (let i = 0; i < n; i++) {
      const [a, b] = [await call(functions[FLAGPORT], s.payloads[i]), await call(functions[BASELINE], s.payloads[i])];
      if (a.status === b.status && a.headerNames === b.headerNames && a.text === b.text) same++;
    }
    report.sameAnswers[s.name] = { same, of: n };
  }

  // First invocations of fresh functions, sides taking turns.
  const first = { [FLAGPORT]: [], [BASELINE]: [] };
  for (let i = 0; i < starts; i++) {
    for (const side of i % 2 ? [BASELINE, FLAGPORT] : [FLAGPORT, BASELINE]) {
      const fn = await lambda(side, db.endpoint, sqs.url);
      try {
        const r = await call(fn, single.payloads[i]);
        if (r.status !== 200) throw new Error(`${side}: first invocation answered ${r.status}: ${r.text}`);
        const p = fn.provider.probe;
        first[side].push({ initMs: p.firstNextAt - p.spawnedAt, firstMs: p.firstResponseAt - p.spawnedAt, durationMs: p.duration, rssKiB: rssKiB(p.pid) });
      } finally {
        await Promise.race([fn.destroy(), sleep(3000)]);
      }
    }
  }

  // Warm invocations: one process per side, the whole pool of contexts cycled.
  for (const side of [FLAGPORT, BASELINE]) for (const s of list) for (let i = 0; i < 200; i++) await call(functions[side], s.payloads[i % s.payloads.length]);
  // Within a side's turn each scenario is paired with the floor, invocation by invocation, so
  // its cost above the floor is a difference of medians taken side by side in time (which
  // the host's drift between batches cannot set apart), and no third scenario's code runs
  // between the two. The floor's own figures are its invocations of every pairing.
  const samples = { [FLAGPORT]: {}, [BASELINE]: {} };
  const floor = list.find((s) => s.name === 'floor');
  const paired = list.filter((s) => s !== floor);
  const invoke = async (side, s, i) => {
    const answer = await call(functions[side], s.payloads[i % s.payloads.length]);
    if (answer.status !== 200) throw new Error(`${side} ${s.name}: ${answer.status} ${answer.text}`);
    return answer.duration * 1000;
  };
  const summary = (d) => ({ p50Us: percentile(d, 50), p99Us: percentile(d, 99) });
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 ? [BASELINE, FLAGPORT] : [FLAGPORT, BASELINE]) {
      const floorDurations = [];
      for (const s of paired) {
        const pairFloor = [];
        const durations = [];
        for (let i = 0; i < invocations; i++) {
          pairFloor.push(await invoke(side, floor, i));
          durations.push(await invoke(side, s, r * invocations + i));
        }
        floorDurations.push(...pairFloor);
        (samples[side][s.name] ??= []).push({ ...summary(durations), aboveFloorUs: percentile(durations, 50) - percentile(pairFloor, 50) });
      }
      (samples[side].floor ??= []).push({ ...summary(floorDurations), aboveFloorUs: 0 });
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }

  report.sides = {};
  for (const side of [FLAGPORT, BASELINE]) {
    const byScenario = {};
    for (const s of list) {
      const runs = samples[side][s.name];
      byScenario[s.name] = {
        p50Us: round(median(runs.map((x) => x.p50Us)), 0),
        p99Us: round(median(runs.map((x) => x.p99Us)), 0),
        p50AboveFloorUs: round(median(runs.map((x) => x.aboveFloorUs)), 0),
        aboveFloorByRoundUs: runs.map((x) => round(x.aboveFloorUs, 0)),
      };
    }
    report.sides[side] = {
      durations: byScenario,
      firstInvocationMs: round(median(first[side].map((x) => x.firstMs)), 2),
      initMs: round(median(first[side].map((x) => x.initMs)), 2),
      firstDurationMs: round(median(first[side].map((x) => x.durationMs)), 2),
      rssAfterFirstMiB: round(median(first[side].map((x) => x.rssKiB)) / 1024, 1),
      rssWarmMiB: round(rssKiB(functions[side].provider.probe.pid) / 1024, 1),
    };
  }
} finally {
  await stopAll(Object.values(functions), db);
  sqs.close();
}

const ours = report.sides[FLAGPORT];
const base = report.sides[BASELINE];
const lower = (name, a, b, limit) => target(name, a, b, b / a, limit, '>=');
report.targets = [
  lower('bulk Duration p50 µs (baseline / ours)', ours.durations.bulk.p50Us, base.durations.bulk.p50Us, 3),
  lower('single Duration above floor µs (baseline / ours)', ours.durations.single.p50AboveFloorUs, base.durations.single.p50AboveFloorUs, 3),
  lower('first invocation ms (baseline / ours)', ours.firstInvocationMs, base.firstInvocationMs, 10),
  target('RSS after the rounds MiB (ours / baseline)', ours.rssWarmMiB, base.rssWarmMiB, ours.rssWarmMiB / base.rssWarmMiB, 1 / 3),
];

const m = report.machine;
console.log(`machine: ${m.cpu} x${m.cores}, load ${m.loadAverage.join(' ')}, node ${m.node}; workload ${workload}; ${rounds} rounds x ${invocations} invocations per scenario (medians over rounds), ${starts} fresh starts per side`);
console.log(`same status, header names and body from both runtimes: ${Object.entries(report.sameAnswers).map(([s, a]) => `${s} ${a.same}/${a.of}`).join(', ')}`);
console.table(Object.entries(report.sides).flatMap(([side, x]) => Object.entries(x.durations).map(([scenario, d]) => ({
  side, scenario, 'Duration p50 µs': d.p50Us, 'p99 µs': d.p99Us, 'p50 above floor µs': d.p50AboveFloorUs,
  'above floor by round': scenario === 'floor' ? '' : d.aboveFloorByRoundUs.join(' '),
}))));
console.table(Object.fromEntries(Object.entries(report.sides).map(([side, x]) => [side, {
  'first invocation ms': x.firstInvocationMs, 'init (to 1st next) ms': x.initMs, '1st Duration ms': x.firstDurationMs,
  'RSS 1st / warm MiB': `${x.rssAfterFirstMiB} / ${x.rssWarmMiB}`,
}])));
console.table(report.targets);
const file = jsonPath(argv);
if (file) writeFileSync(file, JSON.stringify(report, null, 2));
