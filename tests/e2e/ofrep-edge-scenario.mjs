// OFREP's edges over plain HTTP, each answer checked against the OpenAPI document (by the
// step runner) and compared across providers: bad flag keys, unusable bodies and contexts,
// keys the server refuses, a project with nothing published.
import assert from "node:assert/strict";
import { admin } from "./client.mjs";
import { sdkFlags } from "./openfeature-flags.mjs";

const createKey = (name, project, field) => ({
  name,
  method: "POST",
  path: `/v1/projects/${project}/keys`,
  headers: admin,
  body: { name: "edges" },
  random: ["id", "key"],
  expect: (res, state) => {
    assert.equal(res.status, 200, res.text);
    state[field] = res.envelope.data.key;
  },
});

export function ofrepEdgeScenario(project) {
  const key = (state) => ({ authorization: `Bearer ${state.key}` });
  const emptyKey = (state) => ({ authorization: `Bearer ${state.emptyKey}` });
  const single = (name, flagPath, body, expect, headers = key) => ({
    name,
    method: "POST",
    path: `/ofrep/v1/evaluate/flags/${flagPath}`,
    headers,
    body,
    expect,
  });
  const bulk = (name, body, expect, headers = key) => ({ name, method: "POST", path: "/ofrep/v1/evaluate/flags", headers, body, expect });
  const code = (status, errorCode) => (res) => {
    assert.equal(res.status, status, res.text);
    if (errorCode) assert.equal(res.envelope.errorCode, errorCode, res.text);
  };
  return [
    {
      name: "publish",
      method: "PUT",
      path: `/v1/projects/${project}/flags`,
      headers: admin,
      body: sdkFlags,
      expect: (res) => assert.equal(res.status, 200, res.text),
    },
    createKey("create a client key", project, "key"),
    createKey("create a client key of a project with nothing published", `${project}-empty`, "emptyKey"),
    single("nothing published yet: 404 FLAG_NOT_FOUND", "greeting", { context: {} }, code(404, "FLAG_NOT_FOUND"), emptyKey),
    bulk("nothing published yet: an empty bulk answer", { context: {} }, (res) => {
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.envelope, { flags: [], metadata: {} });
    }, emptyKey),
    single("a percent-encoded flag key is decoded", "plan%2Dbanner", { context: { plan: "pro" } }, (res) => {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.envelope.key, "plan-banner");
      assert.equal(res.envelope.value, "Thanks for being pro");
    }),
    single("a flag key that is not percent-encoded properly: 400 naming it as sent", "plan%zz", { context: {} }, (res) => {
      code(400, "GENERAL")(res);
      assert.equal(res.envelope.key, "plan%zz");
    }),
    single("a body over the 256 KiB limit: 400 INVALID_CONTEXT naming the flag", "greeting",
      { context: { pad: "x".repeat(256 * 1024) } }, (res) => {
        code(400, "INVALID_CONTEXT")(res);
        assert.equal(res.envelope.key, "greeting");
      }),
    single("a body that is not JSON: 400 INVALID_CONTEXT", "greeting", "{not json", code(400, "INVALID_CONTEXT")),
    single("a context that is an array: 400 INVALID_CONTEXT", "greeting", { context: [1] }, code(400, "INVALID_CONTEXT")),
    bulk("bulk, a context that is a string: 400 INVALID_CONTEXT", { context: "ada" }, code(400, "INVALID_CONTEXT")),
    single("no body at all: the empty context", "greeting", undefined, (res) => {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.envelope.value, "Hey");
    }),
    single("X-API-Key instead of Authorization", "page-size", { context: {} }, code(200), (state) => ({ "x-api-key": state.key })),
    single("a key the server does not know: 401", "greeting", { context: {} }, code(401), {
      authorization: `Bearer fpk_${project}_${"x".repeat(43)}`,
    }),
    single("the admin token is not a client key: 401", "greeting", { context: {} }, code(401), admin),
    single("a made-up key: 401", "greeting", { context: {} }, code(401), { authorization: "Bearer made-up" }),
    bulk("bulk with a made-up key: 401", { context: {} }, code(401), { "x-api-key": "made-up" }),
    bulk("bulk without a key: 401", { context: {} }, code(401), {}),
    bulk("bulk with a stale If-None-Match: 200 and the current tag", { context: { targetingKey: "ada" } }, (res) => {
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get("etag"), /^"[0-9a-f]{16}"$/);
    }, (state) => ({ ...key(state), "if-none-match": '"0000000000000000"' })),
  ];
}
