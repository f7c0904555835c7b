// Worker-side figures for both wasm toolchains, side by side in one run (printed,
// never asserted; DESIGN §8): module size raw and gzip, compile and instantiate time
// in Node, the cost of whole runs through the boundary in Node, and the Worker's
// global-scope start-up in a bare workerd (startup.mjs): the CPU time workerd spends
// loading the bundle beyond an empty Worker (module compile + our JS + instantiate +
// init, the issue #2 target), its components, and the first request's own cost.
//   scripts/build wasm wasm-emscripten && node bench/worker/run.mjs [--reps 20]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Core } from "../../bindings/cloudflare/core.js";
import { effectExecutor } from "../../bindings/cloudflare/effects.js";
import { flagSet } from "../../tests/e2e/fixtures.mjs";
import { memoryPlatform } from "../../tests/worker/memory-platform.mjs";
import { measureStartup } from "./startup.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const reps = arg("reps", 20);
const toolchains = [
  { name: "wasi-sdk / clang-16", module: "build/wasm/flagport.wasm", objectModule: "build/wasm/flagport-object.wasm", entry: "worker/index.js" },
  { name: "emscripten", module: "build/wasm-emscripten/flagport.wasm", objectModule: "build/wasm-emscripten/flagport-object.wasm",
    entry: "worker/emscripten.js" },
];
const ADMIN_TOKEN = "bench-admin-token-for-the-worker-bench"; // 32 bytes at least
const settings = { ADMIN_TOKEN };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timedMs = (work) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
async function timedAsync(work) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// Per run in Node, against an in-memory platform that answers at once: a request with
// no effect (health), one with one KV effect (published), one through the project
// object and its storage (flags).
async function boundary(module, objectModule) {
  const core = new Core(module, settings);
  const { platform } = memoryPlatform(new Core(objectModule, settings), { jitterMs: 0 });
  const execute = effectExecutor(platform);
  const request = (method, p, body = "") => ({
    method,
    path: p,
    query: "",
    headers: [["authorization", `Bearer ${ADMIN_TOKEN}`]],
    body: new TextEncoder().encode(body),
  });
  await core.http(request("PUT", "/v1/projects/bench/flags", JSON.stringify(flagSet())), "bench", execute);
  const perRunUs = async (p, n = 3000) => {
    for (let i = 0; i < 300; i++) await core.http(request("GET", p), "bench", execute);
    const ms = await timedAsync(async () => {
      for (let i = 0; i < n; i++) await core.http(request("GET", p), "bench", execute);
    });
    return (ms * 1000) / n;
  };
  return {
    healthUs: await perRunUs("/v1/health"),
    publishedUs: await perRunUs("/v1/projects/bench/published"),
    flagsUs: await perRunUs("/v1/projects/bench/flags"),
  };
}

function bundle(entry, outdir) {
  execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["deploy", entry, "--dry-run", "--outdir", outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" },
    stdio: "ignore",
  });
}

// The median of per-round differences between two variants' figures.
const difference = (figures, later, earlier) => median(figures[later].map((v, i) => v - figures[earlier][i]));

const work = mkdtempSync(path.join(os.tmpdir(), "flagport-bench-"));
const rows = [];
try {
  for (const toolchain of toolchains) {
    const bytes = readFileSync(path.join(root, toolchain.module));
    const module = new WebAssembly.Module(bytes);
    const instantiate = Array.from({ length: reps }, () => timedMs(() => new Core(module, settings)));
    const runs = await boundary(module, new WebAssembly.Module(readFileSync(path.join(root, toolchain.objectModule))));

    const outdir = path.join(work, toolchain.name.replace(/\W+/g, "-"));
    bundle(toolchain.entry, outdir);
    const { cpuMs, wallMs } = await measureStartup(outdir, path.basename(toolchain.entry), reps);
    rows.push({
      toolchain: toolchain.name,
      rawBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      instantiateMs: median(instantiate),
      healthRunUs: runs.healthUs,
      publishedRunUs: runs.publishedUs,
      flagsRunUs: runs.flagsUs,
      emptyWorkerLoadCpuMs: median(cpuMs.empty),
      moduleCompileCpuMs: difference(cpuMs, "module", "empty"),
      scriptCpuMs: difference(cpuMs, "script", "module"),
      instantiateInitCpuMs: difference(cpuMs, "startup", "script"),
      globalScopeCpuMs: difference(cpuMs, "startup", "empty"),
      globalScopeWallMs: difference(wallMs, "startup", "empty"),
      firstRequestCpuMs: difference(cpuMs, "first", "startup"),
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = {
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
};
const fixed = (v, digits = 2) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(digits) : String(v));
const columns = Object.keys(rows[0]);
console.log(`machine: ${machine.cpu} x${machine.cores}, node ${machine.node}, ${machine.platform}, load ${machine.loadAverage.join(" ")}`);
console.log(columns.join("\t"));
for (const row of rows) console.log(columns.map((c) => fixed(row[c])).join("\t"));
const [a, b] = rows;
console.log(`ratios emscripten / wasi: gzip ${fixed(b.gzipBytes / a.gzipBytes)}, instantiate ${fixed(b.instantiateMs / a.instantiateMs)}, global scope ${fixed(b.globalScopeCpuMs / a.globalScopeCpuMs)}, health run ${fixed(b.healthRunUs / a.healthRunUs)}`);
console.log(JSON.stringify({ bench: "worker", machine, rows }, null, 2));
