// node bench/memory/copy-bytes.mjs [--copies 24]: bytes the compiled-flag cache holds per
// project, measured, beside the estimate its byte budget (CACHE_BUDGET_BYTES) counts, for flag
// sets of three shapes and two sizes:
//   native  flagport-bench-copy-bytes (build/native): COPIES projects read through the cache's
//           own path; the heap they leave (mallinfo2), per project, and the cache's estimate;
//   wasm    flagport.wasm (build/wasm) in Node: COPIES projects evaluated once each through
//           the module's HTTP entry (records in an in-memory KV); the growth of its linear
//           memory (what a Worker isolate pays, never given back), per project; the estimate
//           as the budget shows it (below).
// Needs `scripts/build native wasm`. Prints a table and the JSON report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeFlagSetText } from '../../tests/e2e/fixtures.mjs';
import { flagSet as benchFlagSet } from '../requests/scenarios.mjs';
import os from 'node:os';
import { machine, numberArg } from '../requests/stats.mjs';
import { wasmBytesPerCopy, wasmService } from './wasm_cache.mjs';

const copies = numberArg(process.argv, 'copies', 24);

// Shapes: the request benchmark's mix (rules of every kind); plain booleans; object variants
// with metadata and a rule, the heavy end; long string values (the e2e suite's set at the
// publish limit: a 700-byte variant each), where the text, not the structure, is the weight.
const shapes = {
  mix: (count) => {
    const { flags, metadata } = benchFlagSet();
    const keys = Object.keys(flags);
    const out = {};
    for (let i = 0; i < count; i++) out[`${keys[i % keys.length]}-${i}`] = flags[keys[i % keys.length]];
    return { flags: out, metadata };
  },
  boolean: (count) => {
    const flags = {};
    for (let i = 0; i < count; i++) flags[`feature-${i}`] = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
    return { flags };
  },
  objects: (count) => {
    const flags = {};
    for (let i = 0; i < count; i++) {
      const variant = (name) => ({ layout: name, columns: i % 4, colours: ['#fff', '#000', `#${(i % 4096).toString(16)}`], copy: { title: `Title ${name} ${i}`, body: 'x'.repeat(40) } });
      flags[`page-${i}`] = {
        state: 'ENABLED',
        variants: { grid: variant('grid'), list: variant('list'), cards: variant('cards') },
        defaultVariant: 'grid',
        targeting: { if: [{ in: [{ var: 'country' }, ['us', 'ca', 'gb']] }, 'cards', { starts_with: [{ var: 'email' }, 'beta-'] }, 'list', null] },
        metadata: { owner: `team-${i % 7}`, ticket: `FP-${1000 + i}` },
      };
    }
    return { flags, metadata: { flagSetId: 'pages' } };
  },
  strings: (count) => JSON.parse(largeFlagSetText(count, 700)),
};
const sizes = [200, 1000];

// Measured: the memory COPIES projects add (after a first one, so that what an instance
// allocates once is not counted). Estimated: the module's own estimate, seen through its
// budget: with room for about 20 measured copies, how many it holds (the most recent ones,
// found by asking for them newest first until one must be read again).
async function wasmBytes(definition) {
  const measured = await wasmBytesPerCopy(definition, copies);

  const budget = Math.round(measured * 20);
  const bounded = wasmService(definition, budget);
  const loaded = 40;
  for (let c = 0; c < loaded; c++) await bounded.evaluate(`project-${c}`);
  let held = 0;
  for (let c = loaded - 1, reads = bounded.counts.reads; c >= 0 && bounded.counts.reads === reads; c--) {
    await bounded.evaluate(`project-${c}`);
    if (bounded.counts.reads === reads) held++;
  }
  return { measured, estimated: budget / held };
}

const dir = mkdtempSync(join(tmpdir(), 'copy-bytes-'));
const rows = [];
try {
  for (const [shape, make] of Object.entries(shapes)) {
    for (const count of sizes) {
      const definition = JSON.stringify(make(count));
      const file = join(dir, `${shape}-${count}.json`);
      writeFileSync(file, definition);
      const native = JSON.parse(execFileSync('build/native/bench/flagport-bench-copy-bytes', [String(copies), file], { encoding: 'utf8' }));
      const wasm = await wasmBytes(definition);
      rows.push({ shape, flags: count, jsonValues: native.jsonValues, ruleNodes: native.ruleNodes, definitionBytes: definition.length,
        native: { measured: native.measured, estimated: native.estimated }, wasm });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const kib = (n) => (n / 1024).toFixed(0);
console.log(`bytes per project: ${copies} copies measured; estimated as the cache counts them\n`);
console.log('| shape | flags | JSON values | rule nodes | definition KiB | native KiB | native B/flag | native estimate / measured | wasm KiB | wasm B/flag | wasm estimate / measured |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.shape} | ${r.flags} | ${r.jsonValues} | ${r.ruleNodes} | ${kib(r.definitionBytes)} | ${kib(r.native.measured)} | ${(r.native.measured / r.flags).toFixed(0)} | ${(r.native.estimated / r.native.measured).toFixed(2)} | ${kib(r.wasm.measured)} | ${(r.wasm.measured / r.flags).toFixed(0)} | ${(r.wasm.estimated / r.wasm.measured).toFixed(2)} |`);
}
console.log(`\n${JSON.stringify({ machine: machine(os), copies, rows })}`);
