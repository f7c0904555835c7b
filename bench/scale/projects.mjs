// One isolate's worth of Flagport serving 1, 100 and 1,000 projects: CPU per request and
// memory as the projects grow. Printed, never asserted. Needs `scripts/build wasm`.
//   node bench/scale/projects.mjs [--seconds 0.5] [--json FILE]
// The Worker's module (build/wasm/flagport.wasm) runs in this Node process through its own
// bindings, as bench/expiry/tails.mjs runs it: one module instance holds what one isolate
// holds (its compiled-flag cache, CACHE_BUDGET_BYTES at its default of 32 MiB, the 5 s TTL,
// the work after a response run as under ctx.waitUntil). Not workerd: no HTTP, no isolate
// heap beside the module's; what is measured is the module and its JS binding. Each project
// has its own published record and client key in an in-memory KV. Two sizes of project: the
// request benchmarks' 200-flag set, and its first 5 flags (small enough for 1,000 to fit the
// budget). Requests, OFREP single flag and bulk, a different context each, go to the projects
// in turn after each was read once: every project equally hot, the hardest case for a cache.
// Each with insights on (the default; flushes taken by a queue that drops them) and off.
// Printed per size, scenario, insights and number of projects: requests per second of CPU and
// CPU µs per request (this process's CPU over the loop), KV reads a request waited for
// (projects the cache no longer held), keys the host hashed (digests the module no longer
// held), the module's linear memory (never given back). The same rows natively, as a Lambda
// process serves them, when `scripts/build` has made build/native/bench/flagport-bench-projects
// (bench/scale/projects_native.cpp: the same records in an in-memory KV, the same requests;
// CPU µs per request and the heap the core holds).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../../bindings/cloudflare/core.js';
import { Kind, effectExecutor } from '../../bindings/cloudflare/effects.js';
import { cpuSeconds } from '../eval/cpu_time.mjs';
import { capturingMemory, record } from '../memory/wasm_cache.mjs';
import { SINGLE_FLAG, contexts, flagSet } from '../requests/scenarios.mjs';
import { jsonPath, machine, numberArg, round, target } from '../requests/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seconds = numberArg(process.argv, 'seconds', 0.5);
const jsonOut = jsonPath(process.argv);
const PROJECT_COUNTS = [1, 100, 1000];
const BUDGET_BYTES = 32 * 1024 * 1024;  // CACHE_BUDGET_BYTES's default (core/ports/settings.hpp)
const MiB = 1024 * 1024;
const module = new WebAssembly.Module(readFileSync(path.join(root, 'build/wasm/flagport.wasm')));
const utf8 = new TextEncoder();
const sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
const bodies = contexts(1024).map((context) => utf8.encode(JSON.stringify({ context })));
const nativeDriver = path.join(root, 'build/native/bench/flagport-bench-projects');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'flagport-projects-'));
const contextsFile = path.join(scratch, 'contexts.txt');
writeFileSync(contextsFile, contexts(1024).map((context) => JSON.stringify({ context })).join('\n'));

const full = flagSet();
const SIZES = {
  flags200: JSON.stringify(full),
  flags5: JSON.stringify({ ...full, flags: Object.fromEntries(Object.entries(full.flags).slice(0, 5)) }),
};
const SCENARIOS = { single: `/ofrep/v1/evaluate/flags/${SINGLE_FLAG}`, bulk: '/ofrep/v1/evaluate/flags' };
const INSIGHTS = ['on', 'off'];

// A fresh module instance serving `count` projects of `definition` from an in-memory KV.
function isolate(definition, count, insights) {
  const projects = Array.from({ length: count }, (_, i) => {
    const id = `project-${String(i).padStart(4, '0')}`;
    return { id, key: `fpk_${id}_${'k'.repeat(43)}` };
  });
  const records = new Map(projects.map(({ id, key }) => [`flags:${id}`, record(definition, [sha256Hex(key)])]));
  const reads = { request: 0, after: 0, digests: 0 };
  let phase = 'request';
  const platformExecute = effectExecutor({
    kv: { get: async (name) => (reads[phase]++, records.get(name)?.slice().buffer ?? null) },
    queue: () => ({ sendBatch: async () => {} }),  // insights' flushes: taken, not delivered
  });
  const execute = (effects, requestId) => {
    reads.digests += effects.filter((effect) => effect.kind === Kind.sha256).length;
    return platformExecute(effects, requestId);
  };
  const { captured, restore } = capturingMemory();
  // ADMIN_TOKEN only so that each instance does not log that the admin API is off
  const core = new Core(module, { INSIGHTS: insights, ADMIN_TOKEN: 'scale-bench-admin-token-0123456789abcdef' });
  restore();
  let sent = 0;
  const send = async (project, route, body) => {
    const id = `r${++sent}`;
    const response = await core.http({
      method: 'POST', path: route, query: '', body,
      headers: [['authorization', `Bearer ${project.key}`], ['content-type', 'application/json']],
    }, id, execute);
    if (response.status !== 200) throw new Error(`${project.id} ${route}: answered ${response.status}`);
    if (core.hasPendingWork) {  // as under ctx.waitUntil, counted apart
      phase = 'after';
      await core.after(id, execute);
      phase = 'request';
    }
  };
  return { projects, reads, send, memory: () => captured.memory.buffer.byteLength };
}

// Each project read once, then requests to the projects in turn for about `seconds` of CPU.
async function measure(definition, count, route, insights) {
  const service = isolate(definition, count, insights);
  for (const [i, project] of service.projects.entries()) await service.send(project, route, bodies[i % bodies.length]);
  const reads = { ...service.reads };
  let done = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < seconds) {
    for (let k = 0; k < 64; k++, done++) await service.send(service.projects[done % count], route, bodies[done % bodies.length]);
  }
  const cpu = cpuSeconds() - start;
  return {
    requests: done,
    cpuUsPerRequest: (cpu * 1e6) / done,
    requestsPerCpuSecond: done / cpu,
    kvReadsWaitedPerRequest: (service.reads.request - reads.request) / done,
    kvReadsAfterPerRequest: (service.reads.after - reads.after) / done,
    keyDigestsPerRequest: (service.reads.digests - reads.digests) / done,
    linearMemoryBytes: service.memory(),
  };
}

// The same row natively: { cpuUsPerRequest, kvReadsWaitedPerRequest, heapBytes }.
function measureNative(definition, count, route, insights) {
  const file = path.join(scratch, 'flag-set.json');
  writeFileSync(file, definition);
  const out = execFileSync(nativeDriver, [file, contextsFile, route, insights, String(count), String(seconds)], { encoding: 'utf8' });
  return JSON.parse(out);
}

const startedAt = new Date().toISOString();
const loadAverageBefore = os.loadavg().map((x) => round(x, 2));
const rows = [];
// Discarded: the first run pays for V8 compiling the bindings, which no row should.
for (const definition of Object.values(SIZES)) await measure(definition, 1, SCENARIOS.single, 'on');
for (const [size, definition] of Object.entries(SIZES)) {
  for (const [scenario, route] of Object.entries(SCENARIOS)) {
    for (const insights of INSIGHTS) {
      for (const projects of PROJECT_COUNTS) {
        process.stderr.write(`${size} ${scenario} insights ${insights}, ${projects} projects\n`);
        const row = { size, scenario, insights, projects, ...(await measure(definition, projects, route, insights)) };
        if (existsSync(nativeDriver)) row.native = measureNative(definition, projects, route, insights);
        rows.push(row);
      }
    }
  }
}

// The target, for each size, scenario and insights setting: 1,000 projects in one isolate
// within the budget (the memory they add beyond one project), at most 1.2× the CPU per
// request of one project.
const same = (a, b) => a.size === b.size && a.scenario === b.scenario && a.insights === b.insights;
const targets = [];
for (const many of rows.filter((r) => r.projects === PROJECT_COUNTS.at(-1))) {
  const one = rows.find((r) => same(r, many) && r.projects === 1);
  const { size, scenario, insights } = many;
  targets.push({ size, scenario, insights, ...target('CPU µs/req, 1,000 projects / 1', many.cpuUsPerRequest, one.cpuUsPerRequest, many.cpuUsPerRequest / one.cpuUsPerRequest, 1.2) });
  if (many.native) {
    const [m, o] = [many.native.cpuUsPerRequest, one.native.cpuUsPerRequest];
    targets.push({ size, scenario, insights, ...target('native CPU µs/req, 1,000 projects / 1', m, o, m / o, 1.2) });
  }
  const added = many.linearMemoryBytes - one.linearMemoryBytes;
  targets.push({ size, scenario, insights, ...target('memory added beyond 1 project / budget (MiB)', added / MiB, BUDGET_BYTES / MiB, added / BUDGET_BYTES, 1) });
}

const n = (x, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`projects in one module instance; ${machine(os).cpu}, ${os.cpus().length} cores, Node ${process.version}, ${startedAt}, load average ${loadAverageBefore.join(' / ')} → ${os.loadavg().map((x) => round(x, 2)).join(' / ')}\n`);
console.log('| flag set | scenario | insights | projects | requests | req/s of CPU | CPU µs/req | × 1 project | KV reads waited / req | refresh reads / req | keys hashed / req | linear memory MiB | native CPU µs/req | native × 1 | native KV reads waited / req | native heap MiB |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const one = rows.find((o) => same(o, r) && o.projects === 1);
  const native = r.native
    ? `${n(r.native.cpuUsPerRequest, 2)} | ${n(r.native.cpuUsPerRequest / one.native.cpuUsPerRequest, 2)} | ${n(r.native.kvReadsWaitedPerRequest, 3)} | ${n(r.native.heapBytes / MiB, 1)}`
    : ' | | | ';
  console.log(`| ${r.size} | ${r.scenario} | ${r.insights} | ${n(r.projects)} | ${n(r.requests)} | ${n(r.requestsPerCpuSecond)} | ${n(r.cpuUsPerRequest, 1)} | ${n(r.cpuUsPerRequest / one.cpuUsPerRequest, 2)} | ${n(r.kvReadsWaitedPerRequest, 3)} | ${n(r.kvReadsAfterPerRequest, 3)} | ${n(r.keyDigestsPerRequest, 3)} | ${n(r.linearMemoryBytes / MiB, 1)} | ${native} |`);
}
console.log('\n| flag set | scenario | insights | target | 1,000 projects | 1 project / budget | ratio | limit |  |');
console.log('|---|---|---|---|---:|---:|---:|---:|---:|');
for (const t of targets) console.log(`| ${t.size} | ${t.scenario} | ${t.insights} | ${t.target} | ${n(t.ours, 1)} | ${n(t.baseline, 1)} | ${n(t.ratio, 2)} | ${t.limit} | ${t.met} |`);

const report = { machine: machine(os), startedAt, loadAverageBefore, seconds, budgetBytes: BUDGET_BYTES, rows, targets };
rmSync(scratch, { recursive: true, force: true });
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report));
