// node bench/expiry/tails.mjs [--seconds 10] [--connections 8] [--delay-ms 50] [--rounds 2]
//   [--workload flags200|objects]:
// request latency while the cache TTL (1 s) expires again and again, with KV reads answered at
// once and delayed by DELAY ms, for Flagport's Worker module and the plain-JS baseline
// (bench/baseline/service.mjs: flagd-core in interpreter mode, which reads KV when its copy
// expired, while the request waits). Both run in this Node process on the same in-memory KV
// (the local binding that injects the delay) and the same published record, whose revision
// changes every second so that refreshes recompile too; OFREP bulk requests (the workload's
// flag set, bench/requests/scenarios.mjs, a different context each) from CONNECTIONS
// closed-loop clients. Flagport runs the work it
// leaves after a response as the Worker does under ctx.waitUntil: started, not awaited.
// Prints p50 / p99 / p99.9 per target and condition, how many requests took the delay or
// longer (what waiting for KV would show; the machine's own stalls show in both conditions),
// and the ratios the targets name.
// Needs `scripts/build wasm`.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { Core } from '../../bindings/cloudflare/core.js';
import { effectExecutor } from '../../bindings/cloudflare/effects.js';
import { BaselineService } from '../baseline/service.mjs';
import { PROJECT, WORKLOADS } from '../requests/scenarios.mjs';
import { listArg, machine, numberArg, percentile, round } from '../requests/stats.mjs';

const seconds = numberArg(process.argv, 'seconds', 10);
const connections = numberArg(process.argv, 'connections', 8);
const delayMs = numberArg(process.argv, 'delay-ms', 50);
const rounds = numberArg(process.argv, 'rounds', 2);
const [workload] = listArg(process.argv, 'workload', ['flags200']);
if (!WORKLOADS[workload]) throw new Error(`--workload: one of ${Object.keys(WORKLOADS).join(', ')}`);
const TTL_SECONDS = 1;

const sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
const clientKey = `fpk_${PROJECT}_${'k'.repeat(43)}`;
const flagSet = WORKLOADS[workload].flagSet();
const flagCount = Object.keys(flagSet.flags).length;
const definition = JSON.stringify(flagSet);
const bodies = WORKLOADS[workload].contexts(1024).map((context) => JSON.stringify({ context }));
const utf8 = new TextEncoder();

// The published record as Flagport writes it: a JSON header line, then the definition.
const record = (revision) =>
  `${JSON.stringify({ revision, version: revision, updatedAt: 0, flags: flagCount, keys: [sha256Hex(clientKey)], allowedOrigins: [] })}\n${definition}`;

// The local KV both read: answers after `delay` ms; a new revision every second.
function localKv(delay) {
  const started = Date.now();
  const current = () => record(1 + Math.floor((Date.now() - started) / 1000));
  const later = (value) => (delay > 0 ? new Promise((resolve) => setTimeout(() => resolve(value), delay)) : Promise.resolve(value));
  return { text: () => later(current()), bytes: () => later(utf8.encode(current()).buffer) };
}

function flagport(kv) {
  const core = new Core(new WebAssembly.Module(readFileSync('build/wasm/flagport.wasm')), { CACHE_TTL_SECONDS: String(TTL_SECONDS) });
  const execute = effectExecutor({
    kv: { get: () => kv.bytes() },
    queue: () => ({ sendBatch: async () => {} }),  // insights' flushes: taken, not delivered
  });
  let request = 0;
  return async (body) => {
    const id = `r${++request}`;
    const response = await core.http({
      method: 'POST', path: '/ofrep/v1/evaluate/flags', query: '',
      headers: [['authorization', `Bearer ${clientKey}`], ['content-type', 'application/json']], body: utf8.encode(body),
    }, id, execute);
    if (core.hasPendingWork) core.after(id, execute);  // as under ctx.waitUntil
    return response.status;
  };
}

function baseline(kv) {
  const service = new BaselineService({ readRecord: () => kv.text(), sha256Hex: async (text) => sha256Hex(text), cacheTtlMs: TTL_SECONDS * 1000 });
  const headers = { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' };
  return async (body) => (await service.handle('POST', '/ofrep/v1/evaluate/flags', (name) => headers[name] ?? null, body)).status;
}

// CONNECTIONS clients, each sending its next request when the last is answered; latencies in ms.
async function load(send) {
  for (let i = 0; i < 20; i++) await send(bodies[i]);  // warm: compiled, JIT-ed
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const body = bodies[next++ % bodies.length];
      const start = performance.now();
      const status = await send(body);
      latencies.push(performance.now() - start);
      if (status !== 200) throw new Error(`answered ${status}`);
    }
  }));
  return latencies;
}

const targets = { flagport, baseline };
const conditions = { 'KV at once': 0, [`KV +${delayMs} ms`]: delayMs };
const samples = {};
for (let round_ = 0; round_ < rounds; round_++) {
  for (const [target, make] of Object.entries(targets)) {
    for (const [condition, delay] of Object.entries(conditions)) {
      const key = `${target}\t${condition}`;
      const latencies = await load(make(localKv(delay)));
      samples[key] = (samples[key] ?? []).concat(latencies);
    }
  }
}

const rows = Object.entries(samples).map(([key, values]) => {
  const [target, condition] = key.split('\t');
  return { target, condition, requests: values.length, p50: percentile(values, 50), p99: percentile(values, 99), p999: percentile(values, 99.9),
    slowerThanDelay: values.filter((ms) => ms >= delayMs).length };
});
const row = (target, condition) => rows.find((r) => r.target === target && r.condition === condition);
const delayed = `KV +${delayMs} ms`;
const ratios = {
  'flagport p99, delayed / at once': row('flagport', delayed).p99 / row('flagport', 'KV at once').p99,
  'flagport p99.9, delayed / at once': row('flagport', delayed).p999 / row('flagport', 'KV at once').p999,
  'flagport / baseline p99, delayed': row('flagport', delayed).p99 / row('baseline', delayed).p99,
  'flagport / baseline p99.9, delayed': row('flagport', delayed).p999 / row('baseline', delayed).p999,
};

console.log(`TTL ${TTL_SECONDS} s, a new revision every second; ${connections} connections, ${seconds} s per run, ${rounds} rounds; OFREP bulk, workload ${workload} (${flagCount} flags)\n`);
console.log(`| target | KV | requests | p50 ms | p99 ms | p99.9 ms | taking ${delayMs} ms or more |`);
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.target} | ${r.condition} | ${r.requests} | ${round(r.p50, 2)} | ${round(r.p99, 2)} | ${round(r.p999, 2)} | ${r.slowerThanDelay} |`);
console.log('');
for (const [name, value] of Object.entries(ratios)) console.log(`${name}: ${round(value, 2)}`);
console.log(`\n${JSON.stringify({ machine: machine(os), workload, seconds, connections, delayMs, rounds, rows, ratios })}`);
