// Checks of what `wrangler deploy --dry-run --outdir DIR` bundles for each entry module:
// the sizes against the Workers limits, the wasm module in the output and imported by the
// bundle, the Durable Object classes exported, and the bindings wrangler prints against
// wrangler.toml as read by an independent TOML parser (smol-toml), migrations included; the
// queues' producers and consumers against the core's queues.
// Offline: no login, no metrics, wrangler's config and logs in a throwaway directory, and
// inside a network namespace of its own when `unshare` can make one.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { parse as parseToml } from 'smol-toml';

import { platformFrom } from '../../bindings/cloudflare/bindings.js';
import { root } from './template.mjs';

const KiB = 1024;
const MiB = 1024 * KiB;

// Workers' script size limits (developers.cloudflare.com/workers/platform/limits/#worker-size).
// Since 2026-09-04 the platform checks one limit, 64 MiB uncompressed on every plan; before,
// 3 MiB (Free) and 10 MiB (Paid) after gzip, and wrangler 4.86.0 still colours its
// "Total Upload" line against the 3 MiB one. Both are asserted: the old compressed limit is the
// stricter for a wasm bundle, and an account's plan history is not ours to know.
export const LIMITS = [
  { what: 'uncompressed, every plan', measure: 'raw', bytes: 64 * MiB },
  { what: 'gzip, former Free plan limit', measure: 'gzip', bytes: 3 * MiB },
  { what: 'gzip, former Paid plan limit', measure: 'gzip', bytes: 10 * MiB },
];

export const ENTRIES = [
  { entry: 'worker/index.js', wasm: ['build/wasm/flagport.wasm', 'build/wasm/flagport-object.wasm'], build: 'scripts/build wasm' },
  { entry: 'worker/emscripten.js', wasm: ['build/wasm-emscripten/flagport.wasm', 'build/wasm-emscripten/flagport-object.wasm'],
    build: 'scripts/build wasm-emscripten' },
];

// Whether commands can run in a network namespace of their own (only a down loopback).
let unshareWorks;
export function isolated() {
  unshareWorks ??= spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' }).status === 0;
  return unshareWorks;
}
// [command, args] that run `command` without network when the kernel lets us.
export const offline = (command, args) => (isolated() ? ['unshare', ['-rn', command, ...args]] : [command, args]);

export async function dryRun(entry, outdir, scratch) {
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG_PATH: path.join(scratch, 'logs'), XDG_CONFIG_HOME: path.join(scratch, 'config'),
    CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0',
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  const [command, args] = offline(path.join(root, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir, entry]);
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: root, env, timeout: 120_000, maxBuffer: 16 * MiB });
    return { ok: true, output: `${stdout}\n${stderr}` };
  } catch (e) {
    return { ok: false, output: `${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}` };
  }
}

// What wrangler printed: its size line, its bindings table, its warnings.
export function parseDryRun(output) {
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(text);
  const bindings = [];
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^Binding\s+Resource\s*$/.test(l.trim()));
  if (header >= 0) {
    for (const line of lines.slice(header + 1)) {
      const m = /^env\.(\S+)(?: \((.*)\))?\s{2,}(\S.*?)\s*$/.exec(line);
      if (!m) break;
      bindings.push({ name: m[1], value: m[2] ?? '', type: m[3] });
    }
  }
  const warnings = lines.filter((l) => /\[(WARNING|ERROR)\]/.test(l));
  return {
    rawKiB: size ? Number(size[1]) : undefined,
    gzipKiB: size ? Number(size[2]) : undefined,
    bindings, hasBindingTable: header >= 0, warnings,
    dryRunDone: /--dry-run: exiting now\./.test(text),
  };
}

// wrangler's own rendering of a var's value in that table (printBindings: JSON, cut at 40).
const shown = (value) => {
  const s = JSON.stringify(value);
  return s.length < 40 ? s : `${s.substring(0, 37)}...`;
};

// Bindings wrangler.toml declares, as wrangler prints them.
export function expectedBindings(config) {
  const out = [];
  for (const kv of config.kv_namespaces ?? []) out.push({ name: kv.binding, value: kv.id, type: 'KV Namespace' });
  for (const d of config.durable_objects?.bindings ?? []) {
    out.push({ name: d.name, value: d.script_name ? `${d.class_name}, defined in ${d.script_name}` : d.class_name, type: 'Durable Object' });
  }
  for (const q of config.queues?.producers ?? []) out.push({ name: q.binding, value: q.queue, type: 'Queue' });
  for (const [name, value] of Object.entries(config.vars ?? {})) out.push({ name, value: shown(value), type: 'Environment Variable' });
  return out;
}

const key = (b) => `env.${b.name} (${b.value}) ${b.type}`;
export function bindingProblems(expected, printed) {
  const problems = [];
  const want = new Set(expected.map(key));
  const got = new Set(printed.map(key));
  for (const b of want) if (!got.has(b)) problems.push(`wrangler.toml declares ${b}, wrangler's dry run does not bind it`);
  for (const b of got) if (!want.has(b)) problems.push(`wrangler's dry run binds ${b}, which wrangler.toml (read with smol-toml) does not declare`);
  if (printed.length !== got.size) problems.push('wrangler printed a binding twice');
  return problems;
}

// Durable Object classes: each bound class is created by a migration (SQLite-backed, DESIGN
// §4), not deleted by a later one, and exported by the bundle; migration tags are unique.
export function migrationProblems(config, exported) {
  const problems = [];
  const live = new Map();  // class -> 'sqlite' | 'kv'
  const tags = new Set();
  for (const [i, m] of (config.migrations ?? []).entries()) {
    if (!m.tag) problems.push(`migrations[${i}] has no tag`);
    else if (tags.has(m.tag)) problems.push(`migration tag ${m.tag} appears twice`);
    tags.add(m.tag);
    for (const c of m.new_sqlite_classes ?? []) live.set(c, 'sqlite');
    for (const c of m.new_classes ?? []) live.set(c, 'kv');
    for (const { from, to } of m.renamed_classes ?? []) { live.set(to, live.get(from)); live.delete(from); }
    for (const c of m.deleted_classes ?? []) live.delete(c);
  }
  for (const d of config.durable_objects?.bindings ?? []) {
    if (d.script_name) continue;
    if (!live.has(d.class_name)) problems.push(`Durable Object ${d.name}: no migration creates class ${d.class_name}`);
    else if (live.get(d.class_name) !== 'sqlite') problems.push(`Durable Object class ${d.class_name} is not SQLite-backed (new_sqlite_classes)`);
  }
  for (const c of live.keys()) if (!exported.has(c)) problems.push(`migrations create class ${c}, the bundle does not export it`);
  return problems;
}

// The logical queue names of core/ports/queue.hpp (`inline constexpr std::string_view kX = "x";`).
export function coreQueues() {
  const header = readFileSync(path.join(root, 'core/ports/queue.hpp'), 'utf8');
  return [...header.matchAll(/constexpr std::string_view k\w+ = "([^"]+)";/g)].map((m) => m[1]);
}

// Queues (DESIGN §10; limits: developers.cloudflare.com/queues/platform/limits/): every
// logical queue of the core has the producer binding bindings/cloudflare gives it, every queue
// the Worker sends to is consumed, and a consumer's dead-letter queue is named "*-dlq" (the
// core only logs the messages of such a queue, core/queue/dead_letters.hpp) and consumed too,
// so that no dead letter goes unlogged.
export function queueProblems(config, logicalQueues = coreQueues()) {
  const problems = [];
  const producers = config.queues?.producers ?? [];
  const consumers = config.queues?.consumers ?? [];
  const consumed = new Map(consumers.map((c) => [c.queue, c]));
  const env = Object.fromEntries(producers.map((p) => [p.binding, {}]));
  for (const name of logicalQueues) {
    try {
      platformFrom(env).queue(name);
    } catch (error) {
      problems.push(`the core's queue ${name}: ${error.message}`);
    }
  }
  for (const p of producers) if (!consumed.has(p.queue)) problems.push(`queue ${p.queue} is sent to and never consumed`);
  for (const c of consumers) {
    if (!(c.max_batch_size >= 1 && c.max_batch_size <= 100)) problems.push(`queue ${c.queue}: max_batch_size ${c.max_batch_size} is not 1-100`);
    if (!(c.max_batch_timeout >= 0 && c.max_batch_timeout <= 60)) problems.push(`queue ${c.queue}: max_batch_timeout ${c.max_batch_timeout} is not 0-60 s`);
    if (!(c.max_retries >= 0 && c.max_retries <= 100)) problems.push(`queue ${c.queue}: max_retries ${c.max_retries} is not 0-100`);
    const dlq = c.dead_letter_queue;
    if (dlq === undefined) continue;
    if (!dlq.endsWith('-dlq')) problems.push(`queue ${c.queue}: dead-letter queue ${dlq} does not end in -dlq, so the core would not log its messages`);
    if (!consumed.has(dlq)) problems.push(`queue ${c.queue}: dead-letter queue ${dlq} has no consumer, its messages are never logged`);
    else if (consumed.get(dlq).dead_letter_queue !== undefined) problems.push(`dead-letter queue ${dlq} has a dead-letter queue of its own`);
  }
  return problems;
}

// The output directory: the bundle, the wasm modules it imports (the very bytes `scripts/build`
// made, each once), nothing it imports from outside but the runtime's own modules.
export function bundleFacts(outdir, entry, wasmPaths) {
  const problems = [];
  const files = readdirSync(outdir);
  const main = path.basename(entry);
  if (!files.includes(main)) return { problems: [`no ${main} in wrangler's output (${files.join(', ')})`] };
  const code = readFileSync(path.join(outdir, main), 'utf8');
  const imports = [...code.matchAll(/^\s*import\s+(?:[\w$*{}\s,]+\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]);
  const modules = [];
  for (const spec of imports) {
    if (/^(cloudflare|workerd):/.test(spec)) continue;
    if (!spec.startsWith('./') || !files.includes(spec.slice(2))) { problems.push(`${main} imports ${spec}, which is not in the upload`); continue; }
    modules.push(spec.slice(2));
  }
  const wasmModules = modules.filter((m) => m.endsWith('.wasm'));
  const digest = (b) => createHash('sha256').update(b).digest('hex');
  const sources = new Map(wasmPaths.map((p) => [digest(readFileSync(path.join(root, p))), p]));
  if (wasmModules.length !== wasmPaths.length)
    problems.push(`${main} imports ${wasmModules.length} wasm modules, expected ${wasmPaths.length}`);
  for (const m of wasmModules) {
    const bytes = readFileSync(path.join(outdir, m));
    if (!sources.delete(digest(bytes))) problems.push(`${m} is none of ${wasmPaths.join(', ')} (or one of them twice)`);
    if (!WebAssembly.validate(bytes)) problems.push(`${m} is not a valid WebAssembly module`);
  }
  const exported = new Set();
  for (const m of code.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const item of m[1].split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop();
      if (name) exported.add(name);
    }
  }
  for (const m of code.matchAll(/^export\s+(?:class|function|const|let)\s+([\w$]+)/gm)) exported.add(m[1]);
  if (!exported.has('default')) problems.push(`${main} has no default export (the Worker's handlers)`);
  // What is uploaded: the main module and the modules it imports (not the README or source
  // map), gzipped as one stream in wrangler's order (getSize: the modules, then the main module).
  const uploaded = [...modules.map((m) => readFileSync(path.join(outdir, m))), code];
  const raw = uploaded.reduce((n, b) => n + Buffer.byteLength(b), 0);
  const gzip = gzipSync(Buffer.concat(uploaded.map((b) => Buffer.from(b)))).length;
  return { problems, exported, raw, gzip, modules };
}

export function sizeReport(name, raw, gzip) {
  const problems = [];
  const lines = [];
  for (const limit of LIMITS) {
    const used = limit.measure === 'raw' ? raw : gzip;
    const margin = limit.bytes - used;
    lines.push(`${name}: ${(used / KiB).toFixed(2)} KiB ${limit.measure} of ${limit.bytes / MiB} MiB (${limit.what}): ` +
      `margin ${(margin / MiB).toFixed(2)} MiB, ${((100 * used) / limit.bytes).toFixed(1)}% used`);
    if (used > limit.bytes) problems.push(`${name} is ${used} bytes ${limit.measure}, over ${limit.what} (${limit.bytes})`);
  }
  return { lines, problems };
}

export function readWranglerToml() {
  return parseToml(readFileSync(path.join(root, 'wrangler.toml'), 'utf8'));
}
