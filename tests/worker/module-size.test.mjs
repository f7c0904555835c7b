// The Worker's module stays within the size budget we hold it to (README, Benchmarks):
// 150,000 bytes gzip-compressed at level 9, for both toolchains.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const limit = 150_000;

for (const [toolchain, path] of [["wasi", "build/wasm/flagport.wasm"], ["emscripten", "build/wasm-emscripten/flagport.wasm"]]) {
  test(`the ${toolchain} module is at most ${limit} bytes gzip -9`, () => {
    const size = gzipSync(readFileSync(path), { level: 9 }).length;
    assert.ok(size <= limit, `${path}: ${size} bytes gzip -9, over the ${limit}-byte budget`);
  });
}
