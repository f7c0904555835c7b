// Running a Worker bundle as the request benchmarks measure it: `wrangler deploy --dry-run
// --outdir` (the bundle a deploy would upload) in its own bare workerd started through
// Miniflare's API (no wrangler proxy, no inspector, KV from Miniflare), with the load
// (autocannon on loopback) sent to the Worker's own socket (`unsafeDirectSockets`); server
// CPU per answered request from /proc.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { commandLine, cpuUs, descendants } from './proc.mjs';
import { percentile } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const wrangler = path.join(root, 'node_modules/.bin/wrangler');
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', WRANGLER_HIDE_BANNER: 'true' };

export function bundle(args, outdir) {
  execFileSync(wrangler, ['deploy', ...args, '--dry-run', '--outdir', outdir], { cwd: root, env: wranglerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  return outdir;
}

export const isWorkerd = (pid) => path.basename(commandLine(pid)[0] ?? '') === 'workerd';

// `objects`: the Durable Object class of Flagport's bundle; `bindings`: vars; `queues`: the
// queue producer bindings (name -> queue).
export async function bareWorkerd(outdir, script, { objects, bindings = {}, queues = {} }) {
  const before = new Set(descendants());
  const mf = new Miniflare({
    compatibilityDate: '2026-04-01',
    modules: true,
    modulesRoot: outdir,
    scriptPath: path.join(outdir, script),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    kvNamespaces: ['FLAGS_KV'],
    durableObjects: objects ? { PROJECTS: { className: 'ProjectObject', useSQLite: true } } : {},
    queueProducers: queues,
    bindings,
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  });
  const url = (await mf.unsafeGetDirectURL()).href.replace(/\/$/, '');
  const pid = descendants().find((p) => !before.has(p) && isWorkerd(p));
  if (!pid) throw new Error('could not find the workerd process Miniflare started');
  return { mf, url, pid };
}

// One load of `scenario` against `url`; latencies from autocannon's own per-response times.
export function load(url, scenario, durationS, connections) {
  return new Promise((resolve, reject) => {
    let next = 0;
    const latencies = [];
    const request = { method: scenario.method, path: scenario.path, headers: scenario.headers };
    if (scenario.method !== 'GET') {
      request.setupRequest = (req) => ({ ...req, body: scenario.bodies[next++ % scenario.bodies.length] });
    }
    const run = autocannon({ url, connections, duration: durationS, requests: [request] }, (err, result) => (err ? reject(err) : resolve({ result, latencies })));
    run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

// One measured load; `pids`: the processes whose CPU counts as the server's.
export async function measure(url, scenario, pids, durationS, connections) {
  const cpu = () => pids().reduce((sum, pid) => sum + cpuUs(pid), 0);
  const cpuBefore = cpu();
  const { result, latencies } = await load(url, scenario, durationS, connections);
  const cpuAfter = cpu();
  const answered = result['2xx'];
  return {
    requestsPerSecond: result.requests.average,
    p50Us: percentile(latencies, 50) * 1000,
    p99Us: percentile(latencies, 99) * 1000,
    cpuUsPerRequest: (cpuAfter - cpuBefore) / answered,
    answered,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
