// Evaluations per second, flag-set load and context decoding: Flagport native and as wasm
// in this Node process, against @openfeature/flagd-core in interpreter mode (as on Workers)
// and compiled mode, one run. Needs `scripts/build native wasm`.
//   node bench/eval/bench.mjs [--json report.json]
//   FLAGPORT_BENCH_EVAL       the native driver (default build/native/bench/eval/flagport-bench-eval)
//   FLAGPORT_BENCH_EVAL_WASM  the wasm module (default build/wasm/bench/eval/flagport-bench-eval.wasm)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlagdCore } from '@openfeature/flagd-core';
import { bulkSet, decodeContext, flagSet, rowContext, rowFlags, rowTypes } from './corpus.mjs';
import { perSecond, perSecondBatched } from './cpu_time.mjs';
import { loadWasmEvaluator } from './wasm_evaluator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const driver = process.env.FLAGPORT_BENCH_EVAL ?? path.join(root, 'build/native/bench/eval/flagport-bench-eval');
const wasmFile = process.env.FLAGPORT_BENCH_EVAL_WASM ?? path.join(root, 'build/wasm/bench/eval/flagport-bench-eval.wasm');
for (const file of [driver, wasmFile]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run scripts/build native wasm first`);
    process.exit(2);
  }
}
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;
const silent = { error() {}, warn() {}, info() {}, debug() {} };

// Every row is resolved as its own type on every side; a row that ends in an error would
// time the error path, so each side's answer is checked once, before timing.
const resolvers = { boolean: ['resolveBooleanEvaluation', false], string: ['resolveStringEvaluation', ''] };
const wasmTypes = { boolean: 0, string: 1 };  // flags::ValueType
function requireAnswer(side, name, ok) {
  if (!ok) {
    console.error(`${side}: row '${name}' does not resolve to a variant of its type`);
    process.exit(1);
  }
}

function measureFlagd(interpreter) {
  const options = { disableDynamicCodeGeneration: interpreter };
  const core = new FlagdCore(undefined, silent, options);
  core.setConfigurations(flagSet());
  const rows = {};
  for (const name of Object.keys(rowFlags)) {
    const key = name.replace(/ /g, '-');
    const context = { ...rowContext };
    const [resolve, fallback] = resolvers[rowTypes[name]];
    const first = core[resolve](key, fallback, context, silent);
    requireAnswer(`flagd-core ${interpreter ? 'interpreter' : 'compiled'}`, name, !first.errorCode && first.variant !== undefined);
    rows[name] = perSecond(() => core[resolve](key, fallback, context, silent));
  }
  const bulk = new FlagdCore(undefined, silent, options);
  const bulkText = bulkSet();
  bulk.setConfigurations(bulkText);
  rows['bulk 200 flags'] = perSecond(() => bulk.resolveAll({ ...rowContext }, silent), 0.8);
  const loadMs = 1000 / perSecond(() => new FlagdCore(undefined, silent, options).setConfigurations(bulkText), 1.5);
  return { rows, loadMs };
}

async function measureWasm() {
  const wasm = await loadWasmEvaluator(wasmFile);
  const set = wasm.load(flagSet());
  const rows = {};
  const perCall = {};
  const contextText = JSON.stringify(rowContext);
  for (const name of Object.keys(rowFlags)) {
    const key = wasm.text(name.replace(/ /g, '-'));
    const context = wasm.context(set, contextText);
    const type = wasmTypes[rowTypes[name]];
    requireAnswer('wasm', name, wasm.evaluateTimes(set, key, type, context, 1) > 0 && wasm.evaluateJson(set, key, type, contextText) > 0);
    rows[name] = perSecondBatched((n) => wasm.evaluateTimes(set, key, type, context, n));
    perCall[name] = perSecond(() => wasm.evaluateJson(set, key, type, contextText));
  }
  const bulkText = bulkSet();
  const bulk = wasm.load(bulkText);
  const bulkContext = wasm.context(bulk, contextText);
  rows['bulk 200 flags'] = perSecondBatched((n) => wasm.evaluateAllTimes(bulk, bulkContext, n), 0.8);
  const bulkBytes = wasm.text(bulkText);
  const loadMs = 1000 / perSecondBatched((n) => wasm.loadTimes(bulkBytes, n), 1.5);
  const decodeBytes = wasm.text(decodeContext());
  const decodeAllUs = 1e6 / perSecondBatched((n) => wasm.decodeTimes(0, decodeBytes, n));
  const decodeNeededUs = 1e6 / perSecondBatched((n) => wasm.decodeTimes(bulk, decodeBytes, n));
  return { rows, perCall, loadMs, decodeAllUs, decodeNeededUs };
}

const corpus = {
  flagSet: flagSet(),
  rows: Object.keys(rowFlags).map((name) => ({ name, flag: name.replace(/ /g, '-'), type: rowTypes[name], context: JSON.stringify(rowContext) })),
  bulkSet: bulkSet(),
  bulkContext: JSON.stringify(rowContext),
  decodeContext: decodeContext(),
};
const dir = mkdtempSync(path.join(tmpdir(), 'flagport-bench-'));
const corpusFile = path.join(dir, 'corpus.json');
writeFileSync(corpusFile, JSON.stringify(corpus));

// The machines are noisy: the native driver runs before and after the JS measurements and
// each figure keeps its better run.
const runNative = () => JSON.parse(execFileSync(driver, [corpusFile], { encoding: 'utf8' }));
const before = runNative();
const wasmBefore = await measureWasm();
const interpreted = measureFlagd(true);
const compiled = measureFlagd(false);
const jsonParseUs = 1e6 / perSecond(() => JSON.parse(corpus.decodeContext));
const wasmAfter = await measureWasm();
const after = runNative();
const native = { rows: {} };
for (const name of Object.keys(before.rows)) native.rows[name] = Math.max(before.rows[name], after.rows[name]);
native.rows['bulk 200 flags'] = Math.max(before.bulk, after.bulk);
for (const key of ['load_ms', 'decode_all_us', 'decode_needed_us', 'dom_parse_us']) native[key] = Math.min(before[key], after[key]);
native.decode_context_bytes = before.decode_context_bytes;
const wasm = { rows: {}, perCall: {} };
for (const name of Object.keys(wasmBefore.rows)) wasm.rows[name] = Math.max(wasmBefore.rows[name], wasmAfter.rows[name]);
for (const name of Object.keys(wasmBefore.perCall)) wasm.perCall[name] = Math.max(wasmBefore.perCall[name], wasmAfter.perCall[name]);
for (const key of ['loadMs', 'decodeAllUs', 'decodeNeededUs']) wasm[key] = Math.min(wasmBefore[key], wasmAfter[key]);

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(1));
const ratio = (n) => n.toFixed(1);
const columns = [['row', 16], ['native', 10], ['wasm', 10], ['wasm/call', 11], ['flagd interp', 14], ['flagd compiled', 16],
  ['native×i', 10], ['native×c', 10], ['wasm×i', 9], ['call×i', 9]];
const lines = [];
lines.push('evaluations per second (bulk: full 200-flag evaluations per second); wasm: the loop inside wasm in this');
lines.push('Node process; wasm/call: one call across the boundary per evaluation, context passed as JSON text and decoded;');
lines.push('×i / ×c: times flagd-core interpreter / compiled mode');
lines.push(columns.map(([title, width], i) => (i === 0 ? title.padEnd(width) : title.padStart(width))).join(''));
const table = {};
for (const name of Object.keys(native.rows)) {
  const n = native.rows[name];
  const w = wasm.rows[name];
  const call = wasm.perCall[name];
  const i = interpreted.rows[name];
  const c = compiled.rows[name];
  table[name] = { native: n, wasm: w, wasmPerCall: call ?? null, flagdInterpreter: i, flagdCompiled: c,
    nativeVsInterpreter: n / i, nativeVsCompiled: n / c, wasmVsInterpreter: w / i, wasmPerCallVsInterpreter: call ? call / i : null };
  const cells = [name, fmt(n), fmt(w), call ? fmt(call) : '-', fmt(i), fmt(c), ratio(n / i), ratio(n / c), ratio(w / i), call ? ratio(call / i) : '-'];
  lines.push(cells.map((cell, k) => (k === 0 ? cell.padEnd(columns[k][1]) : cell.padStart(columns[k][1]))).join(''));
}
lines.push('');
lines.push(`load 200 flags: native ${native.load_ms.toFixed(3)} ms, wasm ${wasm.loadMs.toFixed(3)} ms; flagd-core setConfigurations interp ${interpreted.loadMs.toFixed(3)} ms (native ${(interpreted.loadMs / native.load_ms).toFixed(1)}×, wasm ${(interpreted.loadMs / wasm.loadMs).toFixed(1)}×), compiled ${compiled.loadMs.toFixed(3)} ms (native ${(compiled.loadMs / native.load_ms).toFixed(1)}×, wasm ${(compiled.loadMs / wasm.loadMs).toFixed(1)}×)`);
lines.push(`decode ${native.decode_context_bytes}-byte context: V8 JSON.parse ${jsonParseUs.toFixed(2)} µs; keeping only referenced keys: native ${native.decode_needed_us.toFixed(2)} µs, wasm ${wasm.decodeNeededUs.toFixed(2)} µs (${(wasm.decodeNeededUs / jsonParseUs).toFixed(2)}× JSON.parse); keeping everything: native ${native.decode_all_us.toFixed(2)} µs, wasm ${wasm.decodeAllUs.toFixed(2)} µs (${(wasm.decodeAllUs / jsonParseUs).toFixed(2)}×); nlohmann DOM (native) ${native.dom_parse_us.toFixed(2)} µs`);
console.log(lines.join('\n'));

const report = {
  node: process.version,
  evaluationsPerSecond: table,
  load200Flags: { nativeMs: native.load_ms, wasmMs: wasm.loadMs, flagdInterpreterMs: interpreted.loadMs, flagdCompiledMs: compiled.loadMs },
  contextDecoding: {
    bytes: native.decode_context_bytes, jsonParseUs,
    nativeSaxUs: native.decode_all_us, nativeSaxReferencedOnlyUs: native.decode_needed_us,
    wasmSaxUs: wasm.decodeAllUs, wasmSaxReferencedOnlyUs: wasm.decodeNeededUs, nativeDomUs: native.dom_parse_us,
  },
};
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report));
