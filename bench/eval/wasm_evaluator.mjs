// The evaluator benchmark module (bench_wasm.cpp, built by `scripts/build wasm`) in Node,
// through node:wasi. Each method moves text into wasm memory and calls one export.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

export async function loadWasmEvaluator(file) {
  const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(file)), wasi.getImportObject());
  wasi.initialize(instance);
  const exports = instance.exports;
  const encoder = new TextEncoder();

  // Texts that stay for the whole run: [pointer, size] of a copy in wasm memory.
  const put = (text) => {
    const bytes = encoder.encode(text);
    const pointer = exports.bench_alloc(bytes.length);
    new Uint8Array(exports.memory.buffer, pointer, bytes.length).set(bytes);
    return [pointer, bytes.length];
  };

  // One buffer the per-call path encodes each context into, as the Worker copies a body in.
  const callCapacity = 1 << 16;
  const callBuffer = exports.bench_alloc(callCapacity);
  let callView = new Uint8Array(exports.memory.buffer, callBuffer, callCapacity);
  const encodeForCall = (text) => {
    if (callView.buffer !== exports.memory.buffer) callView = new Uint8Array(exports.memory.buffer, callBuffer, callCapacity);
    return encoder.encodeInto(text, callView).written;
  };

  return {
    load(text) {
      const id = exports.bench_load(...put(text));
      if (!id) throw new Error('the wasm evaluator refused a corpus flag set');
      return id;
    },
    context(set, text) {
      const id = exports.bench_context(set, ...put(text));
      if (!id) throw new Error('the wasm evaluator refused a corpus context');
      return id;
    },
    text: put,
    loadTimes: ([pointer, size], times) => exports.bench_load_times(pointer, size, times),
    decodeTimes: (set, [pointer, size], times) => exports.bench_decode_times(set, pointer, size, times),
    evaluateTimes: (set, [pointer, size], type, context, times) =>
      exports.bench_evaluate_times(set, pointer, size, type, context, times),
    evaluateAllTimes: (set, context, times) => exports.bench_evaluate_all_times(set, context, times),
    // one boundary crossing: this context text, decoded and evaluated inside
    evaluateJson: (set, [pointer, size], type, contextText) =>
      exports.bench_evaluate_json(set, pointer, size, type, callBuffer, encodeForCall(contextText)),
  };
}
