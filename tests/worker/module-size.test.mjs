// The Worker's modules stay within the size budget we hold them to (README, Benchmarks):
// 150,000 bytes gzip-compressed at level 9 each, for both toolchains.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const limit = 150_000;

const modules = ["wasi:build/wasm", "emscripten:build/wasm-emscripten"].flatMap((entry) => {
  const [toolchain, dir] = entry.split(":");
  return [[toolchain, `${dir}/flagport.wasm`], [toolchain, `${dir}/flagport-object.wasm`]];
});

for (const [toolchain, path] of modules) {
  test(`the ${toolchain} module ${path} is at most ${limit} bytes gzip -9`, () => {
    const size = gzipSync(readFileSync(path), { level: 9 }).length;
    assert.ok(size <= limit, `${path}: ${size} bytes gzip -9, over the ${limit}-byte budget`);
  });
}
