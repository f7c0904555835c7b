// The byte format of the wasm boundary as the Worker reads and writes it
// (bindings/cloudflare/wire.js): strings come back exactly as written, whether they are
// new, read before or expected (short strings are recognised by their bytes), or share a
// slot of that memory with another string.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Reader, Writer, expectString } from "../../bindings/cloudflare/wire.js";

// A Writer over plain growing bytes (the Worker's writes into module memory instead).
function written(values) {
  let bytes = new Uint8Array(16);
  const space = {
    bytes(minLength, keptLength) {
      if (minLength > bytes.length) {
        const grown = new Uint8Array(Math.max(minLength, bytes.length * 2));
        grown.set(bytes.subarray(0, keptLength));
        bytes = grown;
      }
      return bytes;
    },
  };
  const out = new Writer(space).start();
  for (const value of values) out.bytes(value);
  return bytes.slice(0, out.length);
}

function readBack(bytes, count) {
  const reader = new Reader(bytes);
  return Array.from({ length: count }, () => reader.string());
}

test("strings read back as written: short, long, non-ASCII, empty, and read again", () => {
  const values = ["content-type", "application/json; charset=utf-8", "x-request-id", "r\u00e9-1", "",
    "a".repeat(64), "b".repeat(65), "\u{1F600}", "content-type", "application/json; charset=utf-8"];
  assert.deepEqual(readBack(written(values), values.length), values);
  assert.deepEqual(readBack(written(values), values.length), values);  // every short one known now
});

test("many different short strings of one length read back exactly (they share slots)", () => {
  const values = Array.from({ length: 4096 }, (_, i) => `id-${String(i).padStart(6, "0")}`);
  for (let round = 0; round < 2; round++) assert.deepEqual(readBack(written(values), values.length), values);
  const mixed = values.flatMap((value, i) => [value, `x-${i % 7}`]);
  assert.deepEqual(readBack(written(mixed), mixed.length), mixed);
});

test("reading past the end of a message fails", () => {
  const bytes = written(["abc"]);
  assert.throws(() => new Reader(bytes.subarray(0, 5)).string(), RangeError);
  assert.throws(() => new Reader(bytes).textAt(bytes.length - 1, 2), RangeError);
});

test("a body the message points at reads as its UTF-8 text", () => {
  const bytes = new TextEncoder().encode('xx{"v":"r\u00e9 \u{1F600}"}');
  assert.equal(new Reader(bytes, 0, 0).textAt(2, bytes.length - 2), '{"v":"r\u00e9 \u{1F600}"}');
});

test("an expected string reads back as that very string, and others still exactly", () => {
  const id = "0c6f2a8e-33d1-4c55-9a7e-8d1f2b3c4d5e-17";
  expectString(id);
  const [first, second] = readBack(written([id, id.replace("17", "18")]), 2);
  assert.equal(first, id);
  assert.equal(second, id.replace("17", "18"));
  expectString("caf\u00e9");  // non-ASCII: not kept, still read exactly
  assert.deepEqual(readBack(written(["caf\u00e9"]), 1), ["caf\u00e9"]);
});
