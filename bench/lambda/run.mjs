// Lambda figures (printed and written as JSON, never asserted), side by side in one run:
//   cold start   exec of the bootstrap -> first GET .../invocation/next, and -> first POST
//                .../response (a GET /v1/projects/{p}/flags that reads DynamoDB), against fun's
//                real Runtime API server; "exec" is a timestamp bash prints right before it
//                execs the bootstrap (same clock as the server's); baseline: node spawning
//                /bin/true, to show what node's own spawn costs on this machine
//   start CPU    CPU time the bootstrap used to reach its first next / first response, from
//                /proc/PID/schedstat (spawned directly); unlike wall time, it hardly moves with load
//   memory       VmRSS after the first response and after the warm invocations
//   runtime time per warm invocation: fun hands out the event -> the runtime posts its answer;
//                baseline: one GetItem round trip from node to the same dynalite
//   HTTP         p50/p99 and requests/s of GET /v1/projects/{p}/flags through scripts/serve-lambda
//                (gateway + fun + bootstrap + dynalite) with autocannon
// For the packaged bootstrap (build/lambda/package, from scripts/package-lambda) and the
// development one (build/native), whichever exist.
//   node bench/lambda/run.mjs [--starts 20] [--invocations 2000] [--seconds 10] [--connections 8]
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ADMIN_TOKEN, RuntimeServer, createTables, flagSet, httpEvent, root, startDynalite } from '../../tests/lambda/harness.mjs';
import { startProvider } from '../../tests/e2e/providers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const starts = arg('starts', 20);
const invocations = arg('invocations', 2000);
const seconds = arg('seconds', 10);
const connections = arg('connections', 8);

const builds = [
  ['packaged (static, build/lambda/package)', path.join(root, 'build/lambda/package')],
  ['development (shared libs, build/native)', path.join(root, 'build/native/bindings/lambda')],
].filter(([, dir]) => existsSync(path.join(dir, 'bootstrap')));

// Epoch milliseconds with sub-millisecond resolution, comparable with bash's $EPOCHREALTIME.
const now = () => performance.timeOrigin + performance.now();
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const cpuMs = (pid) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;

async function spawnBaseline() {
  const times = [];
  for (let i = 0; i < starts; i++) {
    const t0 = now();
    const child = spawn('/bin/true', [], { stdio: 'ignore' });
    await new Promise((ok) => child.once('exit', ok));
    times.push(now() - t0);
  }
  return median(times);
}

// One bootstrap process: timings of its start, then `invocations` warm ones. `viaBash`:
// exec'd by bash right after it prints the wall-clock start; else spawned directly, for CPU.
async function oneProcess(taskRoot, env, warm, viaBash) {
  const server = new RuntimeServer({});
  let firstNext;
  let cpuToNext;
  let cpuToResponse;
  let responded;
  let child;
  server.on('request', (req) => {
    const t = now();
    if (req.url.endsWith('/invocation/next') && firstNext === undefined) {
      firstNext = t;
      cpuToNext = cpuMs(child.pid);
    }
    if (req.url.endsWith('/response')) {
      cpuToResponse ??= cpuMs(child.pid);
      responded?.(t);
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const childEnv = { ...env, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}` };
  let t0;
  if (viaBash) {
    child = spawn('bash', ['-c', 'echo $EPOCHREALTIME >&3; exec "$0"', path.join(taskRoot, 'bootstrap')], {
      env: childEnv,
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    t0 = await new Promise((ok) => {
      let text = '';
      child.stdio[3].on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) ok(Number(text.trim()) * 1000);
      });
    });
  } else {
    t0 = now();
    child = spawn(path.join(taskRoot, 'bootstrap'), [], { env: childEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const exited = new Promise((ok) => child.once('exit', ok));
  const payload = JSON.stringify(httpEvent('GET', '/v1/projects/bench/flags'));
  const timed = async () => {
    const answered = new Promise((ok) => (responded = ok));
    const sent = now();
    const result = await server.invoke({ InvocationType: 'RequestResponse', Payload: payload });
    if (result.FunctionError || JSON.parse(result.Payload).statusCode !== 200) throw new Error(`bench invocation failed: ${result.Payload}`);
    return { sent, answered: await answered };
  };
  const first = await timed();
  const out = { toNext: firstNext - t0, toFirstResponse: first.answered - t0, cpuToNext, cpuToResponse, rssFirst: rssKiB(child.pid), warm: [] };
  for (let i = 0; i < warm; i++) {
    const w = await timed();
    out.warm.push(w.answered - w.sent);
  }
  out.rssWarm = rssKiB(child.pid);
  child.kill('SIGKILL');
  await exited;
  server.close();
  return out;
}

async function coldAndWarm(taskRoot, endpoint) {
  const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', DYNAMODB_ENDPOINT: endpoint, ADMIN_TOKEN };
  const runs = [];
  const direct = [];
  for (let i = 0; i < starts; i++) {
    runs.push(await oneProcess(taskRoot, env, i === 0 ? invocations : 0, true));
    direct.push(await oneProcess(taskRoot, env, 0, false));
  }
  const warm = runs[0].warm;
  return {
    startToFirstNextMs: round(median(runs.map((r) => r.toNext))),
    startToFirstResponseMs: round(median(runs.map((r) => r.toFirstResponse))),
    cpuToFirstNextMs: round(median(direct.map((r) => r.cpuToNext))),
    cpuToFirstResponseMs: round(median(direct.map((r) => r.cpuToResponse))),
    rssAfterFirstResponseMiB: round(median(runs.map((r) => r.rssFirst)) / 1024, 1),
    rssAfterWarmMiB: round(runs[0].rssWarm / 1024, 1),
    runtimeP50Us: round(percentile(warm, 50) * 1000, 0),
    runtimeP99Us: round(percentile(warm, 99) * 1000, 0),
  };
}

function load(url) {
  return new Promise((ok, fail) => {
    autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, (err, r) => (err ? fail(err) : ok(r)));
  });
}

async function dynaliteGetItemP50Us(endpoint) {
  const times = [];
  const body = JSON.stringify({ TableName: 'flagport-kv', Key: { key: { S: 'bench-baseline' } } });
  for (let i = 0; i < 500; i++) {
    const t = now();
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem', 'x-amz-date': '20260101T000000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=l/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body,
    });
    await res.arrayBuffer();
    times.push(now() - t);
  }
  return round(percentile(times, 50) * 1000, 0);
}

async function putBenchFlags(invoke) {
  const result = await invoke(httpEvent('PUT', '/v1/projects/bench/flags', { body: flagSet(20) }));
  if (JSON.parse(result.Payload).statusCode !== 200) throw new Error(`publish failed: ${result.Payload}`);
}

const report = {
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, kernel: os.release() },
  baselineSpawnTrueMs: round(await spawnBaseline()),
  builds: {},
  http: {},
};

const db = await startDynalite();
try {
  for (const [name, dir] of builds) {
    await createTables(dir, db.endpoint);
    // The flag set the bench reads, published once through a throwaway process.
    const server = new RuntimeServer({});
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const child = spawn(path.join(dir, 'bootstrap'), [], {
      env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'l', AWS_SECRET_ACCESS_KEY: 'l', DYNAMODB_ENDPOINT: db.endpoint, ADMIN_TOKEN, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}` },
      stdio: 'ignore',
    });
    await putBenchFlags((event) => server.invoke({ Payload: JSON.stringify(event) }));
    child.kill('SIGKILL');
    server.close();
    report.builds[name] = await coldAndWarm(dir, db.endpoint);
  }
  report.baselineDynaliteGetItemP50Us = await dynaliteGetItemP50Us(db.endpoint);
} finally {
  await db.close();
}

for (const [name, dir] of builds) {
  const provider = await startProvider('lambda', 'serve-lambda', { FLAGPORT_FAULTS: '', FLAGPORT_TEST_CLOCK_MS: '', ADMIN_TOKEN, FLAGPORT_LAMBDA_TASK_ROOT: dir });
  try {
    const res = await fetch(`${provider.url}/v1/projects/bench/flags`, {
      method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(flagSet(20)),
    });
    if (res.status !== 200) throw new Error(`publish through serve-lambda failed: ${await res.text()}`);
    await load(`${provider.url}/v1/health`); // warm-up: fun starts its processes
    const r = await load(`${provider.url}/v1/projects/bench/flags`);
    report.http[name] = { requestsPerSecond: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, errors: r.errors + r.non2xx };
  } finally {
    await provider.stop();
  }
}

const rows = Object.entries(report.builds).map(([name, b]) => ({
  build: name,
  'start→next ms': b.startToFirstNextMs,
  'start→1st response ms': b.startToFirstResponseMs,
  'CPU ms to next / 1st resp': `${b.cpuToFirstNextMs} / ${b.cpuToFirstResponseMs}`,
  'RSS MiB (1st / warm)': `${b.rssAfterFirstResponseMiB} / ${b.rssAfterWarmMiB}`,
  'runtime p50/p99 µs': `${b.runtimeP50Us} / ${b.runtimeP99Us}`,
  'HTTP req/s': report.http[name]?.requestsPerSecond,
  'HTTP p50/p99 ms': report.http[name] ? `${report.http[name].p50ms} / ${report.http[name].p99ms}` : '',
}));
console.log(`machine: ${report.machine.cpu}, ${report.machine.cores} cores, node ${report.machine.node}`);
console.log(`baselines: node spawning /bin/true ${report.baselineSpawnTrueMs} ms; one dynalite GetItem from node ${report.baselineDynaliteGetItemP50Us} µs (p50)`);
console.table(rows);
mkdirSync(path.join(root, 'build/bench'), { recursive: true });
const file = path.join(root, 'build/bench/lambda.json');
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(JSON.stringify(report));
console.log(`report: ${file}`);
