// The Worker's Request/Response conversion (bindings/cloudflare/http.js), in Node's fetch types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { requestFrom, responseFrom } from "../../bindings/cloudflare/http.js";

test("path and query are those the URL parser gives, for the platform's serialised URLs", async () => {
  for (const raw of ["http://127.0.0.1:8787/v1/health", "https://h.example:8443/a/b?c=1&d=%20", "http://x.example",
    "http://x.example?y=1/z", "http://x.example/?", "http://x.example/a?b?c", "http://x.example/%66lags/a%2Fb",
    "http://x.example/p/../q/./r?s", "http://x.example/ü/ä?ö=1", "http://x.example/a b"]) {
    const request = new Request(raw);
    const url = new URL(request.url);
    const converted = await requestFrom(request, []);
    assert.deepEqual([converted.path, converted.query], [url.pathname, url.search.slice(1)], raw);
  }
});

test("the headers the core reads reach it, repeated ones joined, and no others; the body as sent", async () => {
  const headers = new Headers({ authorization: "Bearer k", "If-None-Match": '"e"', "x-other": "1" });
  headers.append("origin", "https://a.example");
  headers.append("origin", "https://b.example");
  const request = new Request("http://x.example/ofrep/v1/evaluate/flags", { method: "post", headers, body: '{"context":{}}' });
  const converted = await requestFrom(request, ["authorization", "if-none-match", "origin", "x-api-key"]);
  assert.equal(converted.method, "POST");
  assert.deepEqual(converted.headers, [
    ["authorization", "Bearer k"], ["if-none-match", '"e"'], ["origin", "https://a.example, https://b.example"],
  ]);
  assert.equal(new TextDecoder().decode(converted.body), '{"context":{}}');
  assert.equal((await requestFrom(new Request("http://x.example/"), [])).body.length, 0);
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
