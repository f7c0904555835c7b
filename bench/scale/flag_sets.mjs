// Flag sets of 200, 1,000 and 5,000 flags in two shapes: their load time, bulk evaluation
// time and memory, Flagport natively and as wasm in this Node process against
// @openfeature/flagd-core in interpreter mode (the mode that runs on Workers), one run.
// Printed, never asserted. Needs `scripts/build native wasm`.
//   node bench/scale/flag_sets.mjs [--copies 3] [--json FILE]
// Shapes (each at every size, evaluated for one context on every side):
//   bulk     bench/eval's 200-flag bulk set scaled: its six rule kinds in turn (static, if ==,
//            in a list of 20, fractional, sem_ver, deep nested), boolean and string variants;
//            bench/eval's 10-attribute context
//   objects  the request benchmarks' second workload scaled: string and object variants with
//            metadata, four kinds of targeting; a 30-attribute context
// Timed: CPU time of the process, per load (parse, validate, compile; flagd-core's
// `setConfigurations`) and per bulk evaluation of every flag (`evaluate_all`; flagd-core's
// `resolveAll`). Memory, bytes per flag of COPIES copies held: natively the heap a project's
// copy leaves in the compiled-flag cache (mallinfo2, flagport-bench-copy-bytes) beside the
// estimate the cache's budget counts; in the Worker's module the growth of its linear memory
// per project copy; flagd-core the growth of V8's heap per loaded FlagdCore.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { FlagdCore } from '@openfeature/flagd-core';
import { bulkSet, rowContext } from '../eval/corpus.mjs';
import { perSecond, perSecondBatched } from '../eval/cpu_time.mjs';
import { loadWasmEvaluator } from '../eval/wasm_evaluator.mjs';
import { wasmBytesPerCopy } from '../memory/wasm_cache.mjs';
import { WORKLOADS } from '../requests/scenarios.mjs';
import { jsonPath, machine, numberArg, round, target } from '../requests/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const driver = path.join(root, 'build/native/bench/eval/flagport-bench-eval');
const copyBytesDriver = path.join(root, 'build/native/bench/flagport-bench-copy-bytes');
const wasmFile = path.join(root, 'build/wasm/bench/eval/flagport-bench-eval.wasm');
for (const file of [driver, copyBytesDriver, wasmFile, path.join(root, 'build/wasm/flagport.wasm')]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run scripts/build native wasm first`);
    process.exit(2);
  }
}
const copies = numberArg(process.argv, 'copies', 3);
const jsonOut = jsonPath(process.argv);
const silent = { error() {}, warn() {}, info() {}, debug() {} };
const interpreter = { disableDynamicCodeGeneration: true };
const MAX_FLAG_SET_BYTES = 4 * 1024 * 1024;  // core/http/limits.hpp kMaxFlagSetBytes: what a publish accepts
const SIZES = [200, 1000, 5000];
const SHAPES = {
  bulk: { set: (n) => bulkSet(n), context: JSON.stringify(rowContext) },
  objects: { set: (n) => JSON.stringify(WORKLOADS.objects.flagSet(n)), context: JSON.stringify(WORKLOADS.objects.contexts(1)[0]) },
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'flagport-scale-'));
const cases = [];
for (const [shape, { set, context }] of Object.entries(SHAPES)) {
  for (const flags of SIZES) {
    const text = set(flags);
    const setFile = path.join(dir, `${shape}-${flags}.json`);
    const corpusFile = path.join(dir, `${shape}-${flags}.corpus.json`);
    writeFileSync(setFile, text);
    writeFileSync(corpusFile, JSON.stringify({ bulkSet: text, bulkContext: context }));
    cases.push({ shape, flags, text, context, bytes: Buffer.byteLength(text), setFile, corpusFile });
  }
}
const progress = (what) => process.stderr.write(`${what}\n`);

// The driver checks that each set loads and answers every flag; it prints {flags, bulk, load_ms}.
function measureNative(c) {
  const out = JSON.parse(execFileSync(driver, ['--bulk', c.corpusFile], { encoding: 'utf8' }));
  if (out.flags !== c.flags) throw new Error(`native: ${c.shape} ${c.flags} loaded ${out.flags} flags`);
  return { bulkPerSecond: out.bulk, loadMs: out.load_ms };
}

// A fresh instance per set, so that the sets already measured do not fill its memory.
async function measureWasm(c) {
  const wasm = await loadWasmEvaluator(wasmFile);
  const set = wasm.load(c.text);
  const context = wasm.context(set, c.context);
  if (wasm.evaluateAllTimes(set, context, 1) !== c.flags) throw new Error(`wasm: ${c.shape} ${c.flags} does not answer every flag`);
  const bulkPerSecond = perSecondBatched((n) => wasm.evaluateAllTimes(set, context, n));
  const bytes = wasm.text(c.text);
  const loadMs = 1000 / perSecondBatched((n) => wasm.loadTimes(bytes, n), 1.0);
  return { bulkPerSecond, loadMs };
}

// resolveAll leaves out flags it answers with an error (and disabled ones: none here), so
// the flags it answers are counted and printed.
function measureFlagd(c) {
  const core = new FlagdCore(undefined, silent, interpreter);
  core.setConfigurations(c.text);
  const context = JSON.parse(c.context);
  const answered = core.resolveAll({ ...context }, silent).length;
  const bulkPerSecond = perSecond(() => core.resolveAll({ ...context }, silent), 0.8);
  const loadMs = 1000 / perSecond(() => new FlagdCore(undefined, silent, interpreter).setConfigurations(c.text), 1.5);
  return { bulkPerSecond, loadMs, answered };
}

// V8's heap a loaded FlagdCore keeps, per copy, after full collections.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
function flagdBytesPerCopy(c) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = [];
  for (let i = 0; i < copies; i++) {
    const core = new FlagdCore(undefined, silent, interpreter);
    core.setConfigurations(c.text);
    held.push(core);
  }
  gc();
  return (process.memoryUsage().heapUsed - before) / held.length;
}

// The machine is shared: the native and wasm sides run before and after flagd-core, and each
// figure keeps its better run.
const better = (a, b) => ({ bulkPerSecond: Math.max(a.bulkPerSecond, b.bulkPerSecond), loadMs: Math.min(a.loadMs, b.loadMs) });
const startedAt = new Date().toISOString();
const loadAverageBefore = os.loadavg().map((x) => round(x, 2));
progress('native, first run');
const nativeBefore = cases.map(measureNative);
progress('wasm, first run');
const wasmBefore = [];
for (const c of cases) wasmBefore.push(await measureWasm(c));
const flagd = cases.map((c) => (progress(`flagd-core, ${c.shape} ${c.flags}`), measureFlagd(c)));
progress('wasm, second run');
const wasm = [];
for (const [i, c] of cases.entries()) wasm.push(better(wasmBefore[i], await measureWasm(c)));
progress('native, second run');
const native = cases.map((c, i) => better(nativeBefore[i], measureNative(c)));

progress('memory');
const nativeMemory = execFileSync(copyBytesDriver, [String(copies), ...cases.map((c) => c.setFile)], { encoding: 'utf8' })
  .trim().split('\n').map((line) => JSON.parse(line));
const memory = [];
for (const [i, c] of cases.entries()) {
  memory.push({ native: nativeMemory[i].measured, estimate: nativeMemory[i].estimated, wasm: await wasmBytesPerCopy(c.text, copies), flagd: flagdBytesPerCopy(c) });
}
rmSync(dir, { recursive: true, force: true });

const rows = cases.map((c, i) => {
  const perRequestUs = (side) => 1e6 / side[i].bulkPerSecond;
  return {
    shape: c.shape, flags: c.flags, bytes: c.bytes, withinFlagSetLimit: c.bytes <= MAX_FLAG_SET_BYTES,
    flagdAnswered: flagd[i].answered,
    loadMs: { native: native[i].loadMs, wasm: wasm[i].loadMs, flagd: flagd[i].loadMs },
    loadFlagdOver: { native: flagd[i].loadMs / native[i].loadMs, wasm: flagd[i].loadMs / wasm[i].loadMs },
    bulkUsPerRequest: { native: perRequestUs(native), wasm: perRequestUs(wasm), flagd: perRequestUs(flagd) },
    bulkNsPerFlag: { native: 1e3 * perRequestUs(native) / c.flags, wasm: 1e3 * perRequestUs(wasm) / c.flags, flagd: 1e3 * perRequestUs(flagd) / c.flags },
    bytesPerFlag: Object.fromEntries(Object.entries(memory[i]).map(([side, bytes]) => [side, bytes / c.flags])),
  };
});

const n = (x, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// The targets, for each shape: at 5,000 flags bulk evaluation costs at most 1.2× per flag what
// it costs at 200, and loads at least 10× faster than flagd-core's setConfigurations.
const sides = ['native', 'wasm'];
const targets = [];
const growth = {};
for (const shape of Object.keys(SHAPES)) {
  const small = rows.find((r) => r.shape === shape && r.flags === SIZES[0]);
  const large = rows.find((r) => r.shape === shape && r.flags === SIZES[SIZES.length - 1]);
  growth[shape] = {};
  for (const side of [...sides, 'flagd']) growth[shape][side] = large.bulkNsPerFlag[side] / small.bulkNsPerFlag[side];
  for (const side of sides) {
    targets.push({ shape, ...target(`bulk cost per flag, ${n(large.flags)} / ${small.flags} flags, ${side} (ns/flag)`, large.bulkNsPerFlag[side], small.bulkNsPerFlag[side], growth[shape][side], 1.2) });
  }
  for (const side of sides) {
    targets.push({ shape, ...target(`load of ${n(large.flags)} flags, flagd-core / ${side} (ms)`, large.loadMs[side], large.loadMs.flagd, large.loadFlagdOver[side], 10, '>=') });
  }
}

const ms = (x) => n(x, x < 10 ? 2 : 1);
const print = (header, cells) => {
  console.log(`| ${header.join(' | ')} |\n|${header.map((_, k) => (k === 0 || header[k] === 'target' ? '---' : '---:')).join('|')}|`);
  for (const row of cells) console.log(`| ${row.join(' | ')} |`);
  console.log('');
};
console.log(`flag sets at scale; ${machine(os).cpu}, ${os.cpus().length} cores, Node ${process.version}, ${startedAt}, load average ${loadAverageBefore.join(' / ')} → ${os.loadavg().map((x) => round(x, 2)).join(' / ')}\n`);
print(['shape', 'flags', 'bytes', `≤ ${MAX_FLAG_SET_BYTES / 1024} KiB`, 'load native ms', 'load wasm ms', 'load flagd ms', 'flagd / native', 'flagd / wasm'],
  rows.map((r) => [r.shape, n(r.flags), n(r.bytes), r.withinFlagSetLimit ? 'yes' : 'no', ms(r.loadMs.native), ms(r.loadMs.wasm), ms(r.loadMs.flagd), n(r.loadFlagdOver.native, 1), n(r.loadFlagdOver.wasm, 1)]));
print(['shape', 'flags', 'native µs/req', 'native ns/flag', 'wasm µs/req', 'wasm ns/flag', 'flagd µs/req', 'flagd ns/flag', 'flagd answered'],
  rows.map((r) => [r.shape, n(r.flags), n(r.bulkUsPerRequest.native, 1), n(r.bulkNsPerFlag.native), n(r.bulkUsPerRequest.wasm, 1), n(r.bulkNsPerFlag.wasm),
    n(r.bulkUsPerRequest.flagd, 1), n(r.bulkNsPerFlag.flagd), n(r.flagdAnswered)]));
print(['shape', 'flags', 'native B/flag (heap)', 'estimate B/flag', 'estimate / native', 'wasm B/flag (linear memory)', 'flagd B/flag (V8 heap)'],
  rows.map((r) => [r.shape, n(r.flags), n(r.bytesPerFlag.native), n(r.bytesPerFlag.estimate), n(r.bytesPerFlag.estimate / r.bytesPerFlag.native, 2),
    n(r.bytesPerFlag.wasm), n(r.bytesPerFlag.flagd)]));
console.log(`bulk cost per flag, ${n(SIZES[SIZES.length - 1])} / ${SIZES[0]} flags: ${Object.entries(growth).map(([shape, g]) => `${shape} native ${n(g.native, 2)}×, wasm ${n(g.wasm, 2)}×, flagd-core ${n(g.flagd, 2)}×`).join('; ')}\n`);
print(['shape', 'target', 'Flagport', 'at 200 / flagd-core', 'ratio', 'limit', ''],
  targets.map((t) => [t.shape, t.target, n(t.ours, 1), n(t.baseline, 1), n(t.ratio, 2), t.limit, t.met]));

const report = { machine: machine(os), startedAt, loadAverageBefore, copies, maxFlagSetBytes: MAX_FLAG_SET_BYTES, rows, growth, targets };
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report));
