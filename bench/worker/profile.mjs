// Where a Worker request's CPU goes, by function: the bundle (`wrangler deploy --dry-run
// --outdir`, as bench/worker/requests.mjs builds it) in a bare workerd started through
// Miniflare with its inspector on, loaded with one scenario of bench/requests/scenarios.mjs
// (autocannon, 4 connections, on the Worker's direct socket), while V8's sampling profiler
// runs (50 µs interval). Prints the 35 functions with the most self time, as µs sampled per
// answered request, with the function's name, file and line as V8 reports them.
// The inspector slows the isolate, wasm most of all: read the proportions, not the figures
// (bench/worker/requests.mjs gives the real CPU per request). Printed, never asserted.
//   scripts/build wasm && node bench/worker/profile.mjs [floor|single|bulk] [seconds=5] [entry=worker/index.js]
//     [workload=flags200] [NAME=value ...]
// workload: one of bench/requests/scenarios.mjs (flags200, objects); NAME=value: vars of the
// Worker (INSIGHTS=off, ...).
//   (entry worker/emscripten.js, after `scripts/build wasm-emscripten`, profiles the Emscripten module)
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws'; // installed with miniflare
import { Miniflare } from 'miniflare';
import { publish, scenarios } from '../requests/scenarios.mjs';
import { freePort } from '../../tests/e2e/providers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [scenarioName = 'floor', secs = '5', entry = 'worker/index.js', workload = 'flags200', ...vars] = process.argv.slice(2);
const outdir = mkdtempSync(path.join(os.tmpdir(), 'flagport-profile-'));
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
execFileSync(path.join(root, 'node_modules/.bin/wrangler'), ['deploy', entry, '--dry-run', '--outdir', outdir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
const inspectorPort = await freePort();
const mf = new Miniflare({
  compatibilityDate: '2026-04-01', modules: true, modulesRoot: outdir, scriptPath: path.join(outdir, path.basename(entry)),
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }], kvNamespaces: ['FLAGS_KV'],
  durableObjects: { PROJECTS: { className: 'ProjectObject', useSQLite: true } },
  queueProducers: { INSIGHTS_QUEUE: 'flagport-insights' }, bindings: { ADMIN_TOKEN: 't'.repeat(32), ...Object.fromEntries(vars.map((v) => v.split('='))) },
  unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }], inspectorPort,
});
const url = (await mf.unsafeGetDirectURL()).href.replace(/\/$/, '');
const send = async (method, p, headers, body) => { const r = await fetch(url + p, { method, headers, body }); return { status: r.status, text: await r.text() }; };
const key = await publish(send, 't'.repeat(32), workload);
const scenario = scenarios(key, 1024, workload).find((s) => s.name === scenarioName);
if (!scenario) throw new Error(`unknown scenario ${scenarioName}: floor, single or bulk`);
const load = (d) => new Promise((res, rej) => { let next = 0; const request = { method: scenario.method, path: scenario.path, headers: scenario.headers };
  if (scenario.method !== 'GET') request.setupRequest = (req) => ({ ...req, body: scenario.bodies[next++ % scenario.bodies.length] });
  autocannon({ url, connections: 4, duration: d, requests: [request] }, (e, r) => e ? rej(e) : res(r)); });
await load(2); // warm-up: caches filled, hot functions compiled
const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
const target = targets.find((t) => t.id.includes('core:user')) ?? targets[0];
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r) => ws.on('open', r));
let id = 0; const waiting = new Map();
ws.on('message', (m) => { const msg = JSON.parse(m); if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg.result); waiting.delete(msg.id); } });
const call = (method, params = {}) => new Promise((r) => { const i = ++id; waiting.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
await call('Profiler.enable'); await call('Profiler.setSamplingInterval', { interval: 50 }); await call('Profiler.start');
const result = await load(Number(secs));
const { profile } = await call('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((s, i) => { const n = byId.get(s); const f = n.callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`; self.set(k, (self.get(k) ?? 0) + dt[i]); total += dt[i]; });
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 35);
const reqs = result.requests.total;
console.log(`${scenarioName}, ${workload}, ${entry}${vars.length ? ` (${vars.join(' ')})` : ''}: requests ${reqs}, sampled ${(total / 1000).toFixed(0)} ms, ${(total / reqs).toFixed(1)} µs sampled per request`);
for (const [k, v] of rows) console.log((v / reqs).toFixed(2).padStart(7), 'µs', k);
ws.close(); await mf.dispose();
