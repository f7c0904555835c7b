// The OFREP schema check itself: it passes the answers the document describes and fails
// the ones it does not, so a green e2e run means the answers were really checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ofrepProblems } from "./ofrep-schema.mjs";

const json = new Headers({ "content-type": "application/json; charset=utf-8" });
const bulkHeaders = new Headers({ "content-type": "application/json", etag: '"0123456789abcdef"' });
const single = (status, text, headers = json) => ({ method: "POST", path: "/ofrep/v1/evaluate/flags/f", status, headers, text });
const bulk = (status, text, headers = bulkHeaders) => ({ method: "POST", path: "/ofrep/v1/evaluate/flags", status, headers, text });

test("conforming answers pass", () => {
  for (const exchange of [
    single(200, '{"key":"f","value":true,"reason":"TARGETING_MATCH","variant":"on","metadata":{"team":"a","n":1}}'),
    single(200, '{"key":"f","value":3,"reason":"STATIC","variant":"three"}'),
    single(200, '{"key":"f","value":2.5,"reason":"DEFAULT","variant":"x"}'),
    single(200, '{"key":"f","value":{"a":[1]},"reason":"STATIC","variant":"x"}'),
    single(200, '{"key":"f","reason":"DISABLED"}'),
    single(400, '{"key":"f","errorCode":"INVALID_CONTEXT","errorDetails":"no"}'),
    single(404, '{"key":"f","errorCode":"FLAG_NOT_FOUND","errorDetails":"no"}'),
    single(401, '{"errorDetails":"a key is needed"}'),
    bulk(200, '{"flags":[{"key":"a","value":"x","reason":"STATIC","variant":"x"},{"key":"b","errorCode":"GENERAL"}],"metadata":{}}'),
    bulk(304, "", new Headers({ etag: '"0123456789abcdef"' })),
    bulk(400, '{"errorCode":"INVALID_CONTEXT","errorDetails":"no"}'),
  ])
    assert.deepEqual(ofrepProblems(exchange), [], exchange.text);
});

test("non-conforming answers fail, each for its reason", () => {
  const cases = [
    [single(200, '{"key":"f","value":[1,2],"reason":"STATIC"}'), /anyOf/],
    [single(200, '{"key":"f","value":true,"reason":"MAYBE"}'), /allowed values/],
    [single(200, '{"value":true,"reason":"STATIC"}'), /required property 'key'/],
    [single(200, '{"key":"f","value":true,"reason":"STATIC","metadata":{"nested":{"a":1}}}'), /metadata/],
    [single(400, '{"errorCode":"GENERAL","errorDetails":"no key"}'), /required property 'key'/],
    [single(400, '{"key":"f","errorCode":"TYPE_MISMATCH"}'), /allowed values/],
    [single(404, '{"key":"f","errorCode":"GENERAL"}'), /allowed values/],
    [single(304, ""), /status not listed/],
    [single(200, '{"key":"f","value":true,"reason":"STATIC"}', new Headers({ "content-type": "text/plain" })), /content-type/],
    [single(200, "{not json"), /not JSON/],
    [bulk(200, '{"flags":[]}', json), /ETag/],
    [bulk(200, '{"flags":{}}'), /flags must be array/],
    [bulk(304, "{}"), /no body/],
    [bulk(400, '{"errorDetails":"no code"}'), /errorCode/],
  ];
  for (const [exchange, why] of cases) {
    const problems = ofrepProblems(exchange);
    assert.ok(problems?.length, `accepted: ${exchange.status} ${exchange.text}`);
    assert.match(problems.join("\n"), why);
  }
});

test("requests the document does not describe are not judged", () => {
  assert.equal(ofrepProblems({ method: "OPTIONS", path: "/ofrep/v1/evaluate/flags", status: 204, headers: json, text: "" }), null);
  assert.equal(ofrepProblems({ method: "POST", path: "/v1/projects/p/evaluate", status: 200, headers: json, text: "{}" }), null);
});
