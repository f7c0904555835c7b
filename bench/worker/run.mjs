// Worker-side figures for both wasm toolchains, side by side in one run (printed,
// never asserted; DESIGN §8): module size raw and gzip, compile and instantiate time
// in Node, the cost of whole runs through the boundary in Node, and Worker global-scope
// start-up in a bare workerd (Miniflare), as the difference to an empty Worker with the
// same bindings started the same way (and to one that only imports the module, which
// separates workerd's compile of the module from our global scope).
//   scripts/build wasm wasm-emscripten && node bench/worker/run.mjs [--reps 20]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { Core } from "../../bindings/cloudflare/core.js";
import { effectExecutor } from "../../bindings/cloudflare/effects.js";
import { flagSet } from "../../tests/e2e/fixtures.mjs";
import { memoryPlatform } from "../../tests/worker/memory-platform.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const reps = arg("reps", 20);
const toolchains = [
  { name: "wasi-sdk / clang-16", module: "build/wasm/flagport.wasm", entry: "worker/index.js" },
  { name: "emscripten", module: "build/wasm-emscripten/flagport.wasm", entry: "worker/emscripten.js" },
];
const settings = { ADMIN_TOKEN: "bench" };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = (work) => {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
};
async function timedAsync(work) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// Per run in Node, against an in-memory platform that answers at once: a request with
// no effect (health), one with one KV effect (published), one through the project
// object and its storage (flags).
async function boundary(module) {
  const core = new Core(module, settings);
  const { platform } = memoryPlatform(core, { jitterMs: 0 });
  const execute = effectExecutor(platform, "bench");
  const request = (method, p, body = "") => ({
    method,
    path: p,
    query: "",
    headers: [["authorization", "Bearer bench"]],
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

// First answer of a freshly started workerd: process start plus the Worker's global scope.
async function firstAnswerMs(options) {
  const start = performance.now();
  const mf = new Miniflare({ compatibilityDate: "2026-04-01", modulesRoot: path.dirname(options.scriptPath), ...options });
  try {
    await (await mf.dispatchFetch("http://bench/v1/health")).arrayBuffer();
    return performance.now() - start;
  } finally {
    await mf.dispose();
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), "flagport-bench-"));
const rows = [];
try {
  const emptyWorker = path.join(work, "empty.mjs");
  writeFileSync(
    emptyWorker,
    `import { DurableObject } from "cloudflare:workers";
export class ProjectObject extends DurableObject {}
export default { fetch: () => new Response("{}") };
`,
  );
  for (const toolchain of toolchains) {
    const bytes = readFileSync(path.join(root, toolchain.module));
    const compile = Array.from({ length: reps }, () => timed(() => new WebAssembly.Module(bytes)));
    const module = compile[0].value;
    const instantiate = Array.from({ length: reps }, () => timed(() => new Core(module, settings)).ms);
    const runs = await boundary(module);

    const outdir = path.join(work, toolchain.name.replace(/\W+/g, "-"));
    bundle(toolchain.entry, outdir);
    const bindings = {
      modules: true,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      kvNamespaces: ["FLAGS_KV"],
      durableObjects: { PROJECTS: { className: "ProjectObject", useSQLite: true } },
      bindings: settings,
    };
    const importOnly = path.join(outdir, "import-only.mjs");
    const wasmFile = readdirSync(outdir).find((name) => name.endsWith(".wasm"));
    writeFileSync(importOnly, `import "./${wasmFile}";\n${readFileSync(emptyWorker, "utf8")}`);
    const startup = [];
    const baseline = [];
    const imported = [];
    for (let i = 0; i < Math.max(3, Math.round(reps / 4)); i++) {
      baseline.push(await firstAnswerMs({ ...bindings, scriptPath: emptyWorker }));
      imported.push(await firstAnswerMs({ ...bindings, scriptPath: importOnly }));
      startup.push(await firstAnswerMs({ ...bindings, scriptPath: path.join(outdir, path.basename(toolchain.entry)) }));
    }
    rows.push({
      toolchain: toolchain.name,
      rawBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      compileMs: median(compile.map((c) => c.ms)),
      instantiateMs: median(instantiate),
      healthRunUs: runs.healthUs,
      publishedRunUs: runs.publishedUs,
      flagsRunUs: runs.flagsUs,
      workerdFirstAnswerMs: median(startup),
      emptyWorkerFirstAnswerMs: median(baseline),
      moduleCompileInWorkerdMs: median(imported) - median(baseline),
      globalScopeMs: median(startup) - median(baseline),
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` };
const fixed = (v, digits = 2) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(digits) : String(v));
const columns = Object.keys(rows[0]);
console.log(`machine: ${machine.cpu} x${machine.cores}, node ${machine.node}, ${machine.platform}`);
console.log(columns.join("\t"));
for (const row of rows) console.log(columns.map((c) => fixed(row[c])).join("\t"));
const [a, b] = rows;
console.log(`ratios emscripten / wasi: gzip ${fixed(b.gzipBytes / a.gzipBytes)}, instantiate ${fixed(b.instantiateMs / a.instantiateMs)}, health run ${fixed(b.healthRunUs / a.healthRunUs)}`);
console.log(JSON.stringify({ bench: "worker", machine, rows }, null, 2));
