// Evaluations per second, flag-set load and context decoding: Flagport native against
// @openfeature/flagd-core in interpreter mode (as on Workers) and compiled mode, one run.
//   node bench/eval/bench.mjs [--json report.json]
//   FLAGPORT_BENCH_EVAL  path of the native driver (default build/native/bench/eval/flagport-bench-eval)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlagdCore } from '@openfeature/flagd-core';
import { bulkSet, decodeContext, flagSet, rowContext, rowFlags } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const driver = process.env.FLAGPORT_BENCH_EVAL ?? path.join(root, 'build/native/bench/eval/flagport-bench-eval');
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;
const silent = { error() {}, warn() {}, info() {}, debug() {} };

function perSecond(body, seconds = 0.4) {
  let batch = 16;
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let i = 0; i < batch; i++) body();
    done += batch;
    batch *= 2;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return done / elapsed;
}

function measureFlagd(interpreter) {
  const options = { disableDynamicCodeGeneration: interpreter };
  const core = new FlagdCore(undefined, silent, options);
  core.setConfigurations(flagSet());
  const rows = {};
  for (const name of Object.keys(rowFlags)) {
    const key = name.replace(/ /g, '-');
    const context = { ...rowContext };
    rows[name] = perSecond(() => core.resolveBooleanEvaluation(key, false, context, silent));
  }
  const bulk = new FlagdCore(undefined, silent, options);
  const bulkText = bulkSet();
  bulk.setConfigurations(bulkText);
  rows['bulk 200 flags'] = perSecond(() => bulk.resolveAll({ ...rowContext }, silent), 0.8);
  const loadMs = 1000 / perSecond(() => new FlagdCore(undefined, silent, options).setConfigurations(bulkText), 1.5);
  return { rows, loadMs };
}

const corpus = {
  flagSet: flagSet(),
  rows: Object.keys(rowFlags).map((name) => ({ name, flag: name.replace(/ /g, '-'), context: JSON.stringify(rowContext) })),
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
const interpreted = measureFlagd(true);
const compiled = measureFlagd(false);
const jsonParseUs = 1e6 / perSecond(() => JSON.parse(corpus.decodeContext));
const after = runNative();
const native = { rows: {} };
for (const name of Object.keys(before.rows)) native.rows[name] = Math.max(before.rows[name], after.rows[name]);
native.rows['bulk 200 flags'] = Math.max(before.bulk, after.bulk);
for (const key of ['load_ms', 'decode_all_us', 'decode_needed_us', 'dom_parse_us']) native[key] = Math.min(before[key], after[key]);
native.decode_context_bytes = before.decode_context_bytes;

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(1));
const lines = [];
lines.push('evaluations per second (bulk: full 200-flag evaluations per second)');
lines.push(`${'row'.padEnd(16)}${'native'.padStart(10)}${'flagd interp'.padStart(14)}${'flagd compiled'.padStart(16)}${'× interp'.padStart(10)}${'× compiled'.padStart(12)}`);
const table = {};
for (const name of Object.keys(native.rows)) {
  const n = native.rows[name];
  const i = interpreted.rows[name];
  const c = compiled.rows[name];
  table[name] = { native: n, flagdInterpreter: i, flagdCompiled: c, vsInterpreter: n / i, vsCompiled: n / c };
  lines.push(`${name.padEnd(16)}${fmt(n).padStart(10)}${fmt(i).padStart(14)}${fmt(c).padStart(16)}${(n / i).toFixed(1).padStart(10)}${(n / c).toFixed(1).padStart(12)}`);
}
lines.push('');
lines.push(`load 200 flags: native ${native.load_ms.toFixed(3)} ms, flagd-core setConfigurations interp ${interpreted.loadMs.toFixed(3)} ms (${(interpreted.loadMs / native.load_ms).toFixed(1)}×), compiled ${compiled.loadMs.toFixed(3)} ms (${(compiled.loadMs / native.load_ms).toFixed(1)}×)`);
lines.push(`decode ${native.decode_context_bytes}-byte context: native SAX ${native.decode_all_us.toFixed(2)} µs (keeping only referenced keys ${native.decode_needed_us.toFixed(2)} µs), nlohmann DOM ${native.dom_parse_us.toFixed(2)} µs, V8 JSON.parse ${jsonParseUs.toFixed(2)} µs`);
console.log(lines.join('\n'));

const report = {
  node: process.version,
  evaluationsPerSecond: table,
  load200Flags: { nativeMs: native.load_ms, flagdInterpreterMs: interpreted.loadMs, flagdCompiledMs: compiled.loadMs },
  contextDecoding: {
    bytes: native.decode_context_bytes, nativeSaxUs: native.decode_all_us, nativeSaxReferencedOnlyUs: native.decode_needed_us,
    nativeDomUs: native.dom_parse_us, jsonParseUs,
  },
};
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report));
