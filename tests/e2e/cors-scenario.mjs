// OFREP's CORS with a project's allowed origins, step by step on every provider (parity on
// status and body: CORS lives in headers, which each step checks itself). The suite starts
// the providers with CACHE_TTL_SECONDS=0 (providers.mjs), so each origins change is what
// the very next evaluation sees; how long it takes with a cache is bench/publish/delay.mjs.
import assert from "node:assert/strict";
import { admin } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";

const app = "https://app.example";
const dev = "http://localhost:5173";
const stranger = "https://elsewhere.example";

function expectCors(res, allowOrigin, { exposed = true } = {}) {
  assert.equal(res.headers.get("access-control-allow-origin"), allowOrigin);
  assert.equal(res.headers.get("access-control-expose-headers"), exposed ? "ETag" : null);
  assert.equal(res.headers.get("vary"), "Origin");
}

function expectNoCors(res) {
  for (const [name] of res.headers) assert.ok(!name.startsWith("access-control-"), `unexpected ${name}`);
  assert.equal(res.headers.get("vary"), "Origin");  // not CORS: tells caches the answer depends on Origin
}

// The same key with its last two characters changed: the right shape, an unknown digest.
const wrongKey = (key) => key.slice(0, -2) + (key.endsWith("AA") ? "BB" : "AA");

function expectErrorsAt(res, paths) {
  assert.equal(res.status, 400, res.text);
  assert.equal(res.envelope.status, "badRequest");
  assert.deepEqual(res.envelope.data.errors.map((e) => e.path), paths, res.text);
}

export function corsScenario(project) {
  const origins = `/v1/projects/${project}/origins`;
  const fromKey = (origin) => (state) => ({ authorization: `Bearer ${state.key}`, origin });
  const ofrepSingle = (name, origin, expect) => ({
    name,
    method: "POST",
    path: "/ofrep/v1/evaluate/flags/new-checkout",
    headers: fromKey(origin),
    body: { context: { tier: "gold" } },
    expect: (res) => {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.envelope.value, true, "the evaluation answers whatever the origin");
      expect(res);
    },
  });
  const badPut = (name, body, paths) => ({
    name,
    method: "PUT",
    path: origins,
    headers: admin,
    body,
    expect: (res) => expectErrorsAt(res, paths),
  });
  const expectListed = (list) => (res) => {
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.envelope.data, { allowedOrigins: list, project });
  };
  const fiftyOne = Array.from({ length: 51 }, (_, i) => `https://o${i}.example`);

  return [
    {
      name: "publish flags",
      method: "PUT",
      path: `/v1/projects/${project}/flags`,
      headers: admin,
      body: flagSet(),
      expect: (res) => assert.equal(res.status, 200, res.text),
    },
    {
      name: "create a client key",
      method: "POST",
      path: `/v1/projects/${project}/keys`,
      headers: admin,
      body: {},
      random: ["id", "key"],
      expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        state.key = res.envelope.data.key;
      },
    },
    { name: "no origins by default", method: "GET", path: origins, headers: admin, expect: expectListed([]) },
    ofrepSingle("empty list: any origin may read", stranger, (res) => expectCors(res, "*")),
    {
      name: "origins need the admin token",
      method: "PUT",
      path: origins,
      body: { allowedOrigins: [app] },
      expect: (res) => assert.equal(res.status, 401, res.text),
    },
    {
      name: "set two allowed origins",
      method: "PUT",
      path: origins,
      headers: admin,
      body: { allowedOrigins: [app, dev] },
      expect: expectListed([app, dev]),
    },
    ofrepSingle("an allowed origin gets itself back", app, (res) => expectCors(res, app)),
    ofrepSingle("the other allowed origin too", dev, (res) => expectCors(res, dev)),
    ofrepSingle("a refused origin gets no CORS headers", stranger, expectNoCors),
    {
      name: "bulk from a refused origin: answered, without CORS headers",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags",
      headers: fromKey(stranger),
      body: { context: { tier: "gold" } },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.ok(res.headers.get("etag"));
        expectNoCors(res);
      },
    },
    {
      name: "a preflight is answered for any origin (it carries no key)",
      method: "OPTIONS",
      path: "/ofrep/v1/evaluate/flags/new-checkout",
      headers: {
        origin: stranger,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization",
      },
      expect: (res) => {
        assert.equal(res.status, 204);
        assert.equal(res.headers.get("access-control-allow-origin"), "*");
        assert.match(res.headers.get("access-control-allow-headers"), /Authorization, X-API-Key/);
      },
    },
    {
      name: "a wrong key: a readable 401 for any origin, nothing exposed",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/new-checkout",
      headers: (state) => ({ "x-api-key": wrongKey(state.key), origin: stranger }),
      body: {},
      expect: (res) => {
        assert.equal(res.status, 401, res.text);
        expectCors(res, "*", { exposed: false });
      },
    },
    {
      name: "no key: a readable 401",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags",
      headers: { origin: app },
      body: {},
      expect: (res) => {
        assert.equal(res.status, 401, res.text);
        expectCors(res, "*", { exposed: false });
      },
    },
    badPut("\"*\" is refused: [] already means any origin", { allowedOrigins: ["*"] }, ["/allowedOrigins/0"]),
    badPut(
      "paths, trailing slashes, upper case, default ports are refused",
      { allowedOrigins: [app, `${app}/`, "https://App.example", "https://app.example:443", "app.example"] },
      ["/allowedOrigins/1", "/allowedOrigins/2", "/allowedOrigins/3", "/allowedOrigins/4"],
    ),
    badPut("duplicates are refused", { allowedOrigins: [app, dev, app] }, ["/allowedOrigins/2"]),
    badPut("at most 50 origins", { allowedOrigins: fiftyOne }, ["/allowedOrigins"]),
    badPut("not a list, and unknown fields", { allowedOrigins: app, origins: [] }, ["/origins", "/allowedOrigins"]),
    badPut("the list is required", {}, ["/allowedOrigins"]),
    {
      name: "bad requests changed nothing",
      method: "GET",
      path: origins,
      headers: admin,
      expect: expectListed([app, dev]),
    },
    ofrepSingle("and evaluation still refuses the stranger", stranger, expectNoCors),
    {
      name: "publish a new flag-set version",
      method: "PUT",
      path: `/v1/projects/${project}/flags`,
      headers: admin,
      body: flagSet("on"),
      expect: (res) => assert.deepEqual(res.envelope.data, { flags: 3, project, version: 2 }),
    },
    {
      name: "the published copy keeps the origins",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: admin,
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.equal(res.envelope.data.version, 2);
        assert.deepEqual(res.envelope.data.allowedOrigins, [app, dev]);
      },
    },
    ofrepSingle("after the publish the allowed origin still reads", app, (res) => expectCors(res, app)),
    ofrepSingle("and the stranger still does not", stranger, expectNoCors),
    {
      name: "clear the list",
      method: "PUT",
      path: origins,
      headers: admin,
      body: { allowedOrigins: [] },
      expect: expectListed([]),
    },
    ofrepSingle("an empty list restores any origin", stranger, (res) => expectCors(res, "*")),
  ];
}
