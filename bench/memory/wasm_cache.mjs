// The Worker's module (build/wasm/flagport.wasm) in Node on an in-memory KV, seen from
// outside: the records it reads, its linear memory, and (one flag set published under every
// project name) the bytes a project's copy adds to its compiled-flag cache.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../../bindings/cloudflare/core.js';
import { effectExecutor } from '../../bindings/cloudflare/effects.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_TOKEN = 'copy-bytes-bench-admin-token-0123456789';

// The published record as Flagport writes it to KV: a JSON header line, then the definition.
export function record(definition, keyDigests = []) {
  const header = { revision: 1, version: 1, updatedAt: 0, flags: Object.keys(JSON.parse(definition).flags).length, keys: keyDigests, allowedOrigins: [] };
  return new TextEncoder().encode(`${JSON.stringify(header)}\n${definition}`);
}

// The module's linear memory, taken from the instance the Core makes (it keeps it private):
// call before making the Core, restore() after.
export function capturingMemory() {
  const Instance = WebAssembly.Instance;
  const captured = {};
  WebAssembly.Instance = function (module, imports) {
    const instance = new Instance(module, imports);
    captured.memory = instance.exports.memory;
    return instance;
  };
  return { captured, restore: () => { WebAssembly.Instance = Instance; } };
}

// A fresh module instance whose cache may hold `budget` estimated bytes; evaluate(project)
// reads the project's copy into the cache (or finds it there) and evaluates every flag.
export function wasmService(definition, budget) {
  const { captured, restore } = capturingMemory();
  const module = new WebAssembly.Module(readFileSync(path.join(root, 'build/wasm/flagport.wasm')));
  const core = new Core(module, { ADMIN_TOKEN, CACHE_BUDGET_BYTES: String(budget), FLAGPORT_LOCAL_RUN: '1' });
  restore();
  const bytes = record(definition);
  const counts = { reads: 0 };
  const execute = effectExecutor({ kv: { get: async () => (counts.reads++, bytes.slice().buffer) } });
  const evaluate = async (project) => {
    const res = await core.http({
      method: 'POST', path: `/v1/projects/${project}/evaluate`, query: '',
      headers: [['authorization', `Bearer ${ADMIN_TOKEN}`]], body: new TextEncoder().encode('{}'),
    }, 'copy-bytes', execute);
    if (res.status !== 200) throw new Error(`the module does not evaluate the flag set: ${res.status}`);
  };
  return { memory: () => captured.memory.buffer.byteLength, counts, evaluate };
}

// The memory `copies` projects add to an unbounded cache, per project, measured after a
// first one so that what an instance allocates once is not counted.
export async function wasmBytesPerCopy(definition, copies) {
  const service = wasmService(definition, 2 ** 31);  // far more than the copies take
  await service.evaluate('warm-up');
  const before = service.memory();
  for (let c = 0; c < copies; c++) await service.evaluate(`project-${c}`);
  return (service.memory() - before) / copies;
}
