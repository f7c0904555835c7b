// The Worker's Request/Response conversion (bindings/cloudflare/http.js), in Node's fetch types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { requestFrom, responseFrom } from "../../bindings/cloudflare/http.js";

const LIMIT = 256 * 1024;

test("path and query are those the URL parser gives, for the platform's serialised URLs", async () => {
  for (const raw of ["http://127.0.0.1:8787/v1/health", "https://h.example:8443/a/b?c=1&d=%20", "http://x.example",
    "http://x.example?y=1/z", "http://x.example/?", "http://x.example/a?b?c", "http://x.example/%66lags/a%2Fb",
    "http://x.example/p/../q/./r?s", "http://x.example/ü/ä?ö=1", "http://x.example/a b"]) {
    const request = new Request(raw);
    const url = new URL(request.url);
    const converted = await requestFrom(request, [], LIMIT);
    assert.deepEqual([converted.path, converted.query], [url.pathname, url.search.slice(1)], raw);
  }
});

test("the headers the core reads reach it, repeated ones joined, and no others; the body as sent", async () => {
  const headers = new Headers({ authorization: "Bearer k", "If-None-Match": '"e"', "x-other": "1" });
  headers.append("origin", "https://a.example");
  headers.append("origin", "https://b.example");
  const request = new Request("http://x.example/ofrep/v1/evaluate/flags", { method: "post", headers, body: '{"context":{}}' });
  const converted = await requestFrom(request, ["authorization", "if-none-match", "origin", "x-api-key"], LIMIT);
  assert.equal(converted.method, "POST");
  assert.deepEqual(converted.headers, [
    ["authorization", "Bearer k"], ["if-none-match", '"e"'], ["origin", "https://a.example, https://b.example"],
  ]);
  assert.equal(new TextDecoder().decode(converted.body), '{"context":{}}');
  assert.equal(converted.bodyTooLarge, false);
  assert.equal((await requestFrom(new Request("http://x.example/"), [], LIMIT)).body.length, 0);
});

test("a response carries the core's status, header record and body", async () => {
  const response = responseFrom({
    status: 404,
    headers: { "content-type": "application/json", vary: "Origin, Accept" },
    body: "{}",
  });
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("vary"), "Origin, Accept");
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal(await response.text(), "{}");
  const notModified = responseFrom({ status: 304, headers: { etag: '"e"' }, body: null });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.body, null);
});

// A body of `total` bytes in `chunk`-byte pieces, produced only as it is read.
function streamed(total, chunk = 64 * 1024, headers = {}) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - seen.pulled);
      seen.pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { seen, request: new Request("http://x.example/v1/projects/p/flags", { method: "PUT", headers, body, duplex: "half" }) };
}

test("a chunked body over the limit is reported, not kept; a few megabytes more are dropped, then it is cancelled", async () => {
  const small = streamed(3 * 1024 * 1024);
  const converted = await requestFrom(small.request, [], LIMIT);
  assert.deepEqual([converted.bodyTooLarge, converted.body.length], [true, 0]);
  assert.equal(small.seen.pulled, 3 * 1024 * 1024); // taken off the connection, so the client reads the answer
  assert.equal(small.seen.cancelled, false);

  const huge = streamed(64 * 1024 * 1024);
  const refused = await requestFrom(huge.request, [], LIMIT);
  assert.deepEqual([refused.bodyTooLarge, refused.body.length], [true, 0]);
  assert.ok(huge.seen.pulled <= LIMIT + 16 * 1024 * 1024 + 2 * 64 * 1024, `pulled ${huge.seen.pulled} bytes`);
  assert.equal(huge.seen.cancelled, true);
});

test("a body whose Content-Length is over the limit is reported without being kept", async () => {
  const { seen, request } = streamed(64 * 1024 * 1024, 64 * 1024, { "content-length": String(64 * 1024 * 1024) });
  const converted = await requestFrom(request, [], LIMIT);
  assert.deepEqual([converted.bodyTooLarge, converted.body.length], [true, 0]);
  assert.ok(seen.pulled <= 16 * 1024 * 1024 + 2 * 64 * 1024, `pulled ${seen.pulled} bytes`);
  assert.equal(seen.cancelled, true);
});

test("bodies at the limit are read whole, chunked or with a Content-Length", async () => {
  const chunked = await requestFrom(streamed(LIMIT, 1000).request, [], LIMIT);
  assert.deepEqual([chunked.bodyTooLarge, chunked.body.length], [false, LIMIT]);
  const sized = await requestFrom(new Request("http://x.example/", {
    method: "PUT", headers: { "content-length": String(LIMIT) }, body: " ".repeat(LIMIT),
  }), [], LIMIT);
  assert.deepEqual([sized.bodyTooLarge, sized.body.length], [false, LIMIT]);
  const over = await requestFrom(streamed(LIMIT + 1, 1000).request, [], LIMIT);
  assert.deepEqual([over.bodyTooLarge, over.body.length], [true, 0]);
});
