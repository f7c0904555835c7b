// Evaluation through the Flagport API and OFREP, step by step, on every provider with
// parity (ETags included). Keys are created per provider, so requests that present one
// take their headers from what the provider answered earlier (`state`).
import assert from "node:assert/strict";
import { admin } from "./client.mjs";

export const evaluationFlags = {
  metadata: { team: "growth" },
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: {
        if: [{ and: [{ in: [{ var: "tier" }, ["gold", "platinum"]] }, { sem_ver: [{ var: "app" }, ">=", "2.1.0"] }] }, "on", null],
      },
      metadata: { owner: "checkout" },
    },
    "banner-colour": {
      state: "ENABLED",
      variants: { red: "#f00", blue: "#00f" },
      defaultVariant: "red",
      targeting: { fractional: [{ var: "targetingKey" }, ["red", 50], ["blue", 50]] },
    },
    limits: { state: "ENABLED", variants: { small: { max: 3 }, large: { max: 30 } }, defaultVariant: "small" },
    retired: { state: "DISABLED", variants: { x: 1 }, defaultVariant: "x" },
  },
};

const gold = { targetingKey: "user-42", tier: "gold", app: "2.3.1", email: "a@example.com" };

export function evaluationScenario(project) {
  const key = (state) => ({ authorization: `Bearer ${state.key}` });
  const apiKey = (state) => ({ "x-api-key": state.key });
  return [
    {
      name: "publish flags with targeting",
      method: "PUT",
      path: `/v1/projects/${project}/flags`,
      headers: admin,
      body: evaluationFlags,
      expect: (res) => assert.equal(res.status, 200, res.text),
    },
    {
      name: "publish refuses targeting the evaluator cannot load",
      method: "PUT",
      path: `/v1/projects/${project}/flags`,
      headers: admin,
      body: { flags: { f: { state: "ENABLED", variants: { a: 1 }, defaultVariant: "a", targeting: { "no-such-op": [1] } } } },
      expect: (res) => {
        assert.equal(res.status, 400, res.text);
        assert.ok(res.envelope.data.errors.some((e) => e.path.startsWith("/flags/f/targeting")), res.text);
      },
    },
    {
      name: "create a client key",
      method: "POST",
      path: `/v1/projects/${project}/keys`,
      headers: admin,
      body: { name: "e2e" },
      random: ["id", "key"],
      expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        state.key = res.envelope.data.key;
        state.keyId = res.envelope.data.id;
      },
    },
    {
      name: "evaluate one flag: targeting match",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/new-checkout`,
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.envelope.data, {
          key: "new-checkout",
          value: true,
          variant: "on",
          reason: "TARGETING_MATCH",
          metadata: { team: "growth", owner: "checkout" },
        });
      },
    },
    {
      name: "evaluate one flag with X-API-Key: default",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/new-checkout`,
      headers: apiKey,
      body: { context: { ...gold, app: "1.9.0" } },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.equal(res.envelope.data.reason, "DEFAULT");
        assert.equal(res.envelope.data.value, false);
      },
    },
    {
      name: "the admin token evaluates too",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/limits`,
      headers: admin,
      body: {},
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.envelope.data.value, { max: 3 });
        assert.equal(res.envelope.data.reason, "STATIC");
      },
    },
    {
      name: "evaluate all flags",
      method: "POST",
      path: `/v1/projects/${project}/evaluate`,
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        const byKey = Object.fromEntries(res.envelope.data.flags.map((f) => [f.key, f]));
        assert.equal(byKey["new-checkout"].value, true);
        assert.equal(byKey["banner-colour"].reason, "TARGETING_MATCH");
        // every flag: a disabled one too, as its single answer has it (no value)
        assert.equal(byKey.retired.reason, "DISABLED");
        assert.equal(byKey.retired.value, null);
      },
    },
    {
      name: "unknown flag: notFound with FLAG_NOT_FOUND",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/nope`,
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 404, res.text);
        assert.equal(res.envelope.data.errorCode, "FLAG_NOT_FOUND");
      },
    },
    {
      name: "a context that is not an object: badRequest INVALID_CONTEXT",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/new-checkout`,
      headers: key,
      body: { context: "gold" },
      expect: (res) => {
        assert.equal(res.status, 400, res.text);
        assert.equal(res.envelope.data.errorCode, "INVALID_CONTEXT");
      },
    },
    {
      name: "no key: notAuthenticated",
      method: "POST",
      path: `/v1/projects/${project}/evaluate/new-checkout`,
      body: { context: gold },
      expect: (res) => assert.equal(res.status, 401, res.text),
    },
    {
      name: "a key of another project: unauthorized",
      method: "POST",
      path: `/v1/projects/${project}-other/evaluate/new-checkout`,
      headers: key,
      body: { context: gold },
      expect: (res) => assert.equal(res.status, 403, res.text),
    },
    {
      name: "OFREP single flag",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/new-checkout",
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.equal(
          res.text,
          '{"key":"new-checkout","value":true,"reason":"TARGETING_MATCH","variant":"on","metadata":{"team":"growth","owner":"checkout"}}',
        );
      },
    },
    {
      name: "OFREP disabled flag: no value, reason DISABLED",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/retired",
      headers: apiKey,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 200, res.text);
        assert.equal(res.envelope.reason, "DISABLED");
        assert.equal("value" in res.envelope, false);
      },
    },
    {
      name: "OFREP unknown flag: 404 FLAG_NOT_FOUND",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/nope",
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 404, res.text);
        assert.equal(res.envelope.errorCode, "FLAG_NOT_FOUND");
      },
    },
    {
      name: "OFREP without a key: 401",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/new-checkout",
      body: { context: gold },
      expect: (res) => assert.equal(res.status, 401, res.text),
    },
    {
      name: "OFREP bulk with an ETag",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags",
      headers: key,
      body: { context: gold },
      expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        assert.match(res.headers.get("etag"), /^"[0-9a-f]{16}"$/);
        assert.deepEqual(res.envelope.metadata, { team: "growth" });
        assert.ok(res.envelope.flags.length >= 3);
        state.etag = res.headers.get("etag");
      },
    },
    {
      name: "OFREP bulk, same context and If-None-Match: 304",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags",
      headers: (state) => ({ ...key(state), "if-none-match": state.etag }),
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 304, res.text);
        assert.equal(res.text, "");
      },
    },
    {
      name: "OFREP bulk, changed context: a fresh answer, never a stale 304",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags",
      headers: (state) => ({ ...key(state), "if-none-match": state.etag }),
      body: { context: { ...gold, tier: "tin" } },
      expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        assert.notEqual(res.headers.get("etag"), state.etag);
      },
    },
    {
      name: "OFREP preflight from a browser",
      method: "OPTIONS",
      path: "/ofrep/v1/evaluate/flags",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
      expect: (res) => {
        assert.equal(res.status, 204);
        assert.equal(res.headers.get("access-control-allow-origin"), "*");
        assert.match(res.headers.get("access-control-allow-headers"), /X-API-Key/);
      },
    },
    {
      name: "revoke the key",
      method: "DELETE",
      path: (state) => `/v1/projects/${project}/keys/${state.keyId}`,
      headers: admin,
      random: ["id"],
      expect: (res) => assert.equal(res.status, 200, res.text),
    },
    {
      // The providers run with CACHE_TTL_SECONDS=0, so revocation reaches evaluation at once.
      name: "OFREP refuses the revoked key: not authenticated",
      method: "POST",
      path: "/ofrep/v1/evaluate/flags/new-checkout",
      headers: key,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 401, res.text);
        assert.equal(res.envelope.key, "new-checkout");
        assert.match(res.envelope.errorDetails, /revoked/);
      },
    },
    {
      name: "the Flagport API refuses the revoked key: notAuthenticated",
      method: "POST",
      path: `/v1/projects/${project}/evaluate`,
      headers: apiKey,
      body: { context: gold },
      expect: (res) => {
        assert.equal(res.status, 401, res.text);
        assert.equal(res.envelope.status, "notAuthenticated");
      },
    },
  ];
}
