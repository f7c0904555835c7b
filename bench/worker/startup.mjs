// Worker global-scope start-up, measured inside one bare workerd (Miniflare): a host
// Worker loads the bundle as a fresh dynamic Worker (Worker Loader: a new isolate, its
// modules compiled and its top level evaluated, as when a deploy starts it) and this
// process reads the CPU time of workerd's main thread (/proc/PID/task/PID/schedstat, which
// hardly moves with machine load) and the wall clock at marks the host fetches before and
// after each load. Variants, each loaded `reps` times, interleaved:
//   empty     an empty Worker: the isolate itself (the baseline)
//   module    the empty Worker importing the wasm modules: workerd compiles them at load
//   script    the bundle, its JS evaluated, the core not installed
//   startup   the bundle as deployed: + instantiate, _initialize and flagport_init
//   first     the bundle as deployed answering its first GET /v1/health
// Each figure is the median of per-round differences, so slow drifts of load cancel.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { childPids } from '../../bindings/lambda/local/child-processes.mjs';

// The one statement of the entry module that installs the core (worker/index.js, worker/emscripten.js).
const installCore = 'installCore(flagportModule, flagportObjectModule);';

const emptyWorker = `import { DurableObject } from "cloudflare:workers";
export class ProjectObject extends DurableObject {}
export default { fetch: () => new Response("{}") };`;
const answersWithoutCore = `export { ProjectObject } from "./entry.js";
export default { fetch: () => new Response("{}") };`;

// The host: GET /VARIANT/ROUND loads a new dynamic Worker of that variant between two marks.
// Each load gets its own copy of the wasm bytes with a distinct custom section, so no
// compiled module is shared between loads (V8 caches compiled modules by their bytes).
const hostWorker = (markUrl, wasmNames) => `
${wasmNames.map((name, i) => `import wasm${i} from "./wasm${i}.bin";`).join("\n")}
import entry from "./entry.txt";
const wasmNames = ${JSON.stringify(wasmNames)};
const imports = wasmNames.map((name) => 'import "./' + name + '";\\n').join("");
const variants = {
  empty: () => ({ "main.js": ${JSON.stringify(emptyWorker)} }),
  module: (wasm) => ({ "main.js": imports + ${JSON.stringify(emptyWorker)}, ...wasm }),
  script: (wasm) => ({ "main.js": ${JSON.stringify(answersWithoutCore)}, "entry.js": entry.replace(${JSON.stringify(installCore)}, ""), ...wasm }),
  startup: (wasm) => ({ "main.js": ${JSON.stringify(answersWithoutCore)}, "entry.js": entry, ...wasm }),
  first: (wasm) => ({ "main.js": entry, ...wasm }),
};
function distinct(load) {
  const name = new TextEncoder().encode("bench-load-" + load);
  const section = new Uint8Array([0, name.length + 1, name.length, ...name]);
  const modules = {};
  [${wasmNames.map((_, i) => `wasm${i}`).join(", ")}].forEach((wasm, i) => {
    const bytes = new Uint8Array(wasm.byteLength + section.length);
    bytes.set(new Uint8Array(wasm));
    bytes.set(section, wasm.byteLength);
    modules[wasmNames[i]] = { wasm: bytes.buffer };
  });
  return modules;
}
const mark = async (name) => (await fetch("${markUrl}" + name)).arrayBuffer();
export default {
  async fetch(request, env) {
    const [, variant, round] = new URL(request.url).pathname.split("/");
    const modules = variants[variant](distinct(variant + round));
    await mark("warm");
    await mark("before");
    const worker = env.LOADER.get(variant + round, () => ({ compatibilityDate: "2026-04-01", mainModule: "main.js", modules, env: { ADMIN_TOKEN: "bench-admin-token-for-the-startup-bench" } }));
    const answer = await worker.getEntrypoint().fetch("http://bench/v1/health");
    const body = await answer.text();
    await mark("after");
    return new Response(body, { status: answer.status });
  },
};`;

export const startupVariants = ['empty', 'module', 'script', 'startup', 'first'];

// bundleDir: the output of `wrangler deploy ENTRY --dry-run --outdir` (one .js, its .wasm modules).
// -> { cpuMs, wallMs }, each { variant: [per round] }
export async function measureStartup(bundleDir, entryFile, reps) {
  const entry = readFileSync(path.join(bundleDir, entryFile), 'utf8');
  if (!entry.includes(installCore)) throw new Error(`${entryFile} no longer contains ${installCore}`);
  const wasmNames = readdirSync(bundleDir).filter((name) => name.endsWith('.wasm'));

  let marks = {};
  let workerd = null;
  const server = http.createServer((request, response) => {
    workerd ??= childPids().find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd');
    const cpuNs = Number(readFileSync(`/proc/${workerd}/task/${workerd}/schedstat`, 'utf8').split(' ')[0]);
    marks[request.url.slice(1)] = { cpuMs: cpuNs / 1e6, wallMs: performance.now() };
    response.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const mf = new Miniflare({
    compatibilityDate: '2026-04-01',
    modulesRoot: '/',
    modules: [
      { type: 'ESModule', path: '/host.mjs', contents: hostWorker(`http://127.0.0.1:${server.address().port}/`, wasmNames) },
      { type: 'Text', path: '/entry.txt', contents: entry },
      ...wasmNames.map((name, i) => ({ type: 'Data', path: `/wasm${i}.bin`, contents: readFileSync(path.join(bundleDir, name)) })),
    ],
    workerLoaders: { LOADER: {} },
  });
  const cpuMs = Object.fromEntries(startupVariants.map((v) => [v, []]));
  const wallMs = Object.fromEntries(startupVariants.map((v) => [v, []]));
  try {
    for (let round = 0; round < reps; round++) {
      for (const variant of startupVariants) {
        marks = {};
        const answer = await mf.dispatchFetch(`http://host/${variant}/${round}`);
        const body = await answer.text();
        if (answer.status !== 200) throw new Error(`${variant} answered ${answer.status}: ${body}`);
        cpuMs[variant].push(marks.after.cpuMs - marks.before.cpuMs);
        wallMs[variant].push(marks.after.wallMs - marks.before.wallMs);
      }
    }
  } finally {
    await mf.dispose();
    server.close();
  }
  return { cpuMs, wallMs };
}
