// What a flag set at the publish limit costs the Worker's two wasm modules: 5,000 flags of
// 4 MiB (the e2e suite's large set, tests/e2e/fixtures.mjs) published, one flag of it
// patched, then answered in bulk. Both modules run in this Node process through the Worker's
// own bindings, on the tests' in-memory platform (KV and object storage in Maps); printed is
// each module's linear memory (what an isolate holds for it and never gets back) after each
// step, against the 128 MB a Worker's isolate may use. Printed, never asserted.
//   scripts/build wasm && node bench/memory/large_publish.mjs [--toolchain wasm|wasm-emscripten]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../../bindings/cloudflare/core.js';
import { effectExecutor } from '../../bindings/cloudflare/effects.js';
import { largeFlagSetText } from '../../tests/e2e/fixtures.mjs';
import { memoryPlatform } from '../../tests/worker/memory-platform.mjs';
import { capturingMemory } from './wasm_cache.mjs';
import { listArg, machine } from '../requests/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [toolchain] = listArg(process.argv, 'toolchain', ['wasm']);
const ADMIN_TOKEN = 'large-publish-bench-admin-token-0123456789';
const MAX_FLAG_SET_BYTES = 4 * 1024 * 1024;  // core/http/limits.hpp kMaxFlagSetBytes
const FLAGS = 5000;
const MiB = 1024 * 1024;
const utf8 = new TextEncoder();

const valueBytes = Math.floor((MAX_FLAG_SET_BYTES - largeFlagSetText(FLAGS, 0).length) / FLAGS);
const definition = largeFlagSetText(FLAGS, valueBytes);

function instance(file) {
  const { captured, restore } = capturingMemory();
  const core = new Core(new WebAssembly.Module(readFileSync(path.join(root, 'build', toolchain, file))), { ADMIN_TOKEN, FLAGPORT_LOCAL_RUN: '1' });
  restore();
  return { core, memory: () => captured.memory.buffer.byteLength };
}

const worker = instance('flagport.wasm');
const objects = instance('flagport-object.wasm');
const { platform } = memoryPlatform(objects.core, { jitterMs: 0 });
const execute = effectExecutor(platform);
let sent = 0;
async function send(method, target, body, token = ADMIN_TOKEN) {
  const response = await worker.core.http({
    method, path: target, query: '', body: utf8.encode(body),
    headers: [['authorization', `Bearer ${token}`], ['content-type', 'application/json']],
  }, `r${++sent}`, execute);
  if (worker.core.hasPendingWork) await worker.core.after(`r${sent}`, execute);
  if (response.status !== 200) throw new Error(`${method} ${target}: ${response.status} ${response.body.slice(0, 200)}`);
  return JSON.parse(response.body);
}

const rows = [['started', worker.memory(), objects.memory()]];
await send('PUT', '/v1/projects/large/flags', definition);
rows.push(['published', worker.memory(), objects.memory()]);
await send('PATCH', '/v1/projects/large/flags/flag-1', '{"state":"DISABLED"}');
rows.push(['one flag patched', worker.memory(), objects.memory()]);
const { data: { key } } = await send('POST', '/v1/projects/large/keys', '{"name":"bench"}');
const bulk = await send('POST', '/ofrep/v1/evaluate/flags', '{"context":{"targetingKey":"u","tier":"gold"}}', key);
if (bulk.flags.length !== FLAGS) throw new Error(`bulk answered ${bulk.flags.length} flags`);
rows.push(['answered in bulk', worker.memory(), objects.memory()]);

console.log(`${FLAGS} flags, ${definition.length.toLocaleString('en-US')} bytes; build/${toolchain}; ${machine(os).cpu}, Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('| after | Worker module (flagport.wasm) MiB | object module (flagport-object.wasm) MiB |');
console.log('|---|---:|---:|');
for (const [step, workerBytes, objectBytes] of rows) console.log(`| ${step} | ${(workerBytes / MiB).toFixed(1)} | ${(objectBytes / MiB).toFixed(1)} |`);
