import { readFile } from 'node:fs/promises';
import { Core } from '../bindings/cloudflare/core.js';
import { effectExecutor } from '../bindings/cloudflare/effects.js';
import { memoryPlatform } from '../tests/worker/memory-platform.mjs';
const core = new Core(new WebAssembly.Module(await readFile('build/wasm/flagport.wasm')), { ADMIN_TOKEN: 't'.repeat(32) });
const { platform } = memoryPlatform(core);
const r = await core.http({ method: 'GET', path: '/v1/health', query: '', headers: [], body: new Uint8Array() }, 'req-1', effectExecutor(platform));
console.log(r.status, r.headers, new TextDecoder().decode(r.body));
