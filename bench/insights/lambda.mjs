// What counting evaluations for insights costs a Lambda: the packaged bootstrap with
// INSIGHTS=off and on (default flush, to a local SQS: fauxqs, in its own process) under
// @vercel/fun on one dynalite, invocation by invocation, sides alternating round by round, for the single and
// bulk OFREP scenarios of both workloads (bench/requests/scenarios.mjs). Per invocation the
// billed time is Duration (event handed out -> response posted) plus the work after the
// response until the runtime asks for the next event (bench/lambda/fun-probe.mjs), where the
// flush runs; the flushes' own share is reported apart. Printed, never asserted.
//   scripts/package-lambda && node bench/insights/lambda.mjs [--rounds 5] [--invocations 300]
//     [--workloads flags200,objects] [--dev] [--json FILE]
// --dev measures the development bootstrap (scripts/build native) instead of the package.
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import '../lambda/fun-probe.mjs';
import { startSqsProcess } from '../lambda/local_sqs.mjs';
import { publish, scenarios } from '../requests/scenarios.mjs';
import { jsonPath, listArg, machine, median, numberArg, round } from '../requests/stats.mjs';
import { ADMIN_TOKEN, createTables, devTaskRoot, httpEvent, lambdaFunction, root, startDynalite } from '../../tests/lambda/harness.mjs';

const argv = process.argv.slice(2);
const rounds = numberArg(argv, 'rounds', 5);
const invocations = numberArg(argv, 'invocations', 300);
const workloads = listArg(argv, 'workloads', ['flags200', 'objects']);
const taskRoot = argv.includes('--dev') ? devTaskRoot : path.join(root, 'build/lambda/package');
if (!existsSync(path.join(taskRoot, 'bootstrap'))) throw new Error(`no ${taskRoot}/bootstrap: run scripts/package-lambda (or scripts/build native, with --dev) first`);

async function call(fn, method, p, headers, body) {
  const result = await fn.invoke({ InvocationType: 'RequestResponse', Payload: JSON.stringify(httpEvent(method, p, { headers, body })) });
  if (result.FunctionError) throw new Error(`invocation failed: ${result.Payload}`);
  const answer = JSON.parse(String(result.Payload));
  return { status: answer.statusCode, text: answer.body };
}

const report = { bench: 'insights-lambda', machine: machine(os), bootstrap: path.relative(root, taskRoot), rounds, invocations, results: {} };
const db = await startDynalite();
const sqs = await startSqsProcess();
const sides = {};
try {
  await createTables(taskRoot, db.endpoint);
  const common = { DYNAMODB_ENDPOINT: db.endpoint };
  sides.off = await lambdaFunction(taskRoot, { ...common, INSIGHTS: 'off' });
  sides.on = await lambdaFunction(taskRoot, { ...common, FLAGPORT_INSIGHTS_QUEUE_URL: sqs.url });
  for (const workload of workloads) {
    const key = await publish((...a) => call(sides.off, ...a), ADMIN_TOKEN, workload);
    // Each process's copy of the previous workload answers until its TTL (5 s) has passed and
    // one request past it has had its refresh run: only then is the new key known everywhere.
    await sleep(6000);
    const first = scenarios(key, 1, workload).find((s) => s.name === 'single');
    for (const fn of Object.values(sides)) await call(fn, first.method, first.path, first.headers, first.bodies[0]);
    for (const name of ['single', 'bulk']) {
      const scenario = scenarios(key, 1024, workload).find((s) => s.name === name);
      const billed = { off: [], on: [] };
      const after = { off: [], on: [] };
      const invoke = async (side, i) => {
        const fn = sides[side];
        const answer = await call(fn, scenario.method, scenario.path, scenario.headers, scenario.bodies[i % scenario.bodies.length]);
        if (answer.status !== 200) throw new Error(`${side} ${name}: ${answer.status} ${answer.text}`);
        return fn.provider.probe;
      };
      for (const side of ['off', 'on']) for (let i = 0; i < 100; i++) await invoke(side, i); // warm-up
      for (let r = 0; r < rounds; r++) {
        for (const side of r % 2 ? ['on', 'off'] : ['off', 'on']) {
          const durations = [];
          const afters = [];
          for (let i = 0; i < invocations; i++) {
            const probe = await invoke(side, r * invocations + i);
            // The previous invocation's work after its answer, known once this one was asked for.
            if (i > 0) afters.push(probe.lastAfter * 1000);
            durations.push(probe.duration * 1000);
          }
          billed[side].push(median(durations));
          after[side].push(afters.reduce((a, b) => a + b, 0) / Math.max(afters.length, 1));
        }
      }
      const perRound = billed.on.map((on, i) => on / billed.off[i]);
      report.results[`${workload} ${name}`] = {
        'off Duration µs': round(median(billed.off), 0),
        'on Duration µs': round(median(billed.on), 0),
        'on/off': round(median(billed.on) / median(billed.off), 3),
        'per-round on/off range': `${round(Math.min(...perRound), 3)}-${round(Math.max(...perRound), 3)}`,
        'after answer off µs (mean)': round(median(after.off), 0),
        'after answer on µs (mean)': round(median(after.on), 0),
        'billed on/off': round((median(billed.on) + median(after.on)) / (median(billed.off) + median(after.off)), 3),
      };
      process.stderr.write(`${workload} ${name} done\n`);
    }
  }
} finally {
  await Promise.all(Object.values(sides).map((fn) => Promise.race([fn.destroy(), new Promise((ok) => setTimeout(ok, 3000))])));
  sqs.close();
  await db.close();
}

const m = report.machine;
console.log(`machine: ${m.cpu} x${m.cores}, load ${m.loadAverage.join(' ')}, node ${m.node}; ${rounds} rounds x ${invocations} invocations (medians over rounds)`);
console.table(report.results);
const file = jsonPath(argv);
if (file) writeFileSync(file, JSON.stringify(report, null, 2));
