// The admin store, step by step: every step is one request with what it must answer.
// The suite runs the steps on every provider, in order, and also requires the bodies of
// each step to be byte-identical across providers (parity). A step's path may depend on
// what earlier steps saw on the same provider (`state`); `random` names the fields that
// differ by nature (a new key's secret and id) and are left out of the comparison.
import assert from "node:assert/strict";
import { admin } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";

const withAdmin = (extra = {}) => ({ ...admin, ...extra });

function expectEnvelope(res, status, httpStatus) {
  assert.equal(res.status, httpStatus, res.text);
  assert.ok(res.envelope, `not JSON: ${res.text}`);
  assert.deepEqual(Object.keys(res.envelope), ["status", "message", "data"]);
  assert.equal(res.envelope.status, status, res.text);
}

function expectErrorsAt(res, paths) {
  expectEnvelope(res, "badRequest", 400);
  const got = res.envelope.data.errors.map((e) => e.path).sort();
  assert.deepEqual(got, [...paths].sort(), res.text);
  for (const e of res.envelope.data.errors) assert.ok(e.message.length > 0);
}

export function storeScenario(project) {
  const flags = `/v1/projects/${project}/flags`;
  return [
    {
      name: "health",
      method: "GET",
      path: "/v1/health",
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.service, "flagport");
      },
    },
    {
      name: "nothing stored yet",
      method: "GET",
      path: flags,
      headers: withAdmin(),
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "nothing published yet",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: withAdmin(),
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "publish a flag set",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: flagSet(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.deepEqual(res.envelope.data, { flags: 3, project, version: 1 });
        assert.equal(res.headers.get("etag"), '"1"');
      },
    },
    {
      name: "read it back",
      method: "GET",
      path: flags,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 1);
        assert.deepEqual(res.envelope.data.definition, flagSet());
      },
    },
    {
      name: "it is published",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 1);
        assert.equal(res.envelope.data.flags, 3);
      },
    },
    {
      name: "missing token",
      method: "GET",
      path: flags,
      expect: (res) => expectEnvelope(res, "notAuthenticated", 401),
    },
    {
      name: "wrong token",
      method: "PUT",
      path: flags,
      headers: { authorization: "Bearer not-the-token" },
      body: flagSet("on"),
      expect: (res) => expectEnvelope(res, "unauthorized", 403),
    },
    {
      name: "malformed JSON",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: '{"flags": {',
      expect: (res) => expectErrorsAt(res, [""]),
    },
    {
      name: "a body that is not an object",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: "[1,2]",
      expect: (res) => expectErrorsAt(res, [""]),
    },
    {
      name: "wrong shapes, each with its path",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: {
        flags: {
          a: { state: "ON", variants: {} },
          "b/c": { state: "ENABLED", variants: { x: 1 }, defaultVariant: "y", targeting: [] },
          d: "nope",
        },
      },
      expect: (res) =>
        expectErrorsAt(res, ["/flags/a/state", "/flags/a/variants", "/flags/b~1c/defaultVariant", "/flags/b~1c/targeting", "/flags/d"]),
    },
    {
      name: "flags missing",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: { flag: {} },
      expect: (res) => expectErrorsAt(res, ["/flags"]),
    },
    {
      name: "bad project id",
      method: "PUT",
      path: "/v1/projects/Not_Valid/flags",
      headers: withAdmin(),
      body: flagSet(),
      expect: (res) => expectErrorsAt(res, ["path:project"]),
    },
    {
      name: "project id too long",
      method: "GET",
      path: `/v1/projects/${"a".repeat(65)}/flags`,
      headers: withAdmin(),
      expect: (res) => expectErrorsAt(res, ["path:project"]),
    },
    {
      name: "oversized body",
      method: "PUT",
      path: flags,
      headers: withAdmin(),
      body: JSON.stringify({ flags: {}, pad: "x".repeat(4608 * 1024) }),  // past the 4.5 MiB of a flag-set route
      expect: (res) => expectErrorsAt(res, [""]),
    },
    {
      name: "unknown route",
      method: "GET",
      path: "/v1/nothing/here",
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "wrong method",
      method: "DELETE",
      path: flags,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "notFound", 404);
        assert.deepEqual(res.envelope.data.allowed.sort(), ["GET", "PUT"]);
        assert.equal(res.headers.get("allow").split(", ").sort().join(", "), "GET, PUT");
      },
    },
    {
      name: "stale If-Match is a conflict",
      method: "PUT",
      path: flags,
      headers: withAdmin({ "if-match": '"0"' }),
      body: flagSet("on"),
      expect: (res) => {
        expectEnvelope(res, "conflict", 409);
        assert.equal(res.envelope.data.currentVersion, 1);
      },
    },
    {
      name: "malformed If-Match",
      method: "PUT",
      path: flags,
      headers: withAdmin({ "if-match": "latest" }),
      body: flagSet("on"),
      expect: (res) => expectErrorsAt(res, ["header:If-Match"]),
    },
    {
      name: "bad input changed nothing",
      method: "GET",
      path: flags,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 1);
        assert.deepEqual(res.envelope.data.definition, flagSet());
      },
    },
    {
      name: "current If-Match publishes",
      method: "PUT",
      path: flags,
      headers: withAdmin({ "if-match": '"1"' }),
      body: flagSet("on"),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 2);
      },
    },
    {
      name: "patch one flag",
      method: "PATCH",
      path: `${flags}/banner`,
      headers: withAdmin({ "if-match": "2" }),
      body: { state: "ENABLED", defaultVariant: "red" },
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 3);
      },
    },
    {
      name: "patch a flag key that needs percent-encoding",
      method: "PATCH",
      path: `${flags}/${encodeURIComponent("unicode-\u00e9t\u00e9")}`,
      headers: withAdmin(),
      body: { state: "DISABLED" },
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 4);
      },
    },
    {
      name: "patch with a stale If-Match",
      method: "PATCH",
      path: `${flags}/banner`,
      headers: withAdmin({ "if-match": "2" }),
      body: { state: "DISABLED" },
      expect: (res) => expectEnvelope(res, "conflict", 409),
    },
    {
      name: "patch an unknown flag",
      method: "PATCH",
      path: `${flags}/no-such-flag`,
      headers: withAdmin(),
      body: { state: "DISABLED" },
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "patch with a variant the flag lacks",
      method: "PATCH",
      path: `${flags}/banner`,
      headers: withAdmin(),
      body: { defaultVariant: "green" },
      expect: (res) => expectErrorsAt(res, ["/defaultVariant"]),
    },
    {
      name: "patch with wrong types and unknown fields",
      method: "PATCH",
      path: `${flags}/banner`,
      headers: withAdmin(),
      body: { state: true, colour: "red" },
      expect: (res) => expectErrorsAt(res, ["/state", "/colour"]),
    },
    {
      name: "the patches are in the definition",
      method: "GET",
      path: flags,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 4);
        const f = res.envelope.data.definition.flags;
        assert.equal(f.banner.state, "ENABLED");
        assert.equal(f.banner.defaultVariant, "red");
        assert.equal(f["unicode-\u00e9t\u00e9"].state, "DISABLED");
        assert.equal(f["new-checkout"].defaultVariant, "on");
      },
    },
    {
      name: "versions, newest first, with timestamps",
      method: "GET",
      path: `/v1/projects/${project}/versions`,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        const v = res.envelope.data.versions;
        assert.deepEqual(v.map((e) => e.version), [4, 3, 2, 1]);
        assert.deepEqual(v.map((e) => e.action), ["patch", "patch", "publish", "publish"]);
        for (const e of v) assert.ok(Number.isInteger(e.createdAt) && e.createdAt > 0);
      },
    },
    {
      name: "rollback to version 1",
      method: "POST",
      path: `/v1/projects/${project}/rollback`,
      headers: withAdmin(),
      body: { version: 1 },
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 5);
      },
    },
    {
      name: "the rollback restored version 1's definition",
      method: "GET",
      path: flags,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 5);
        assert.deepEqual(res.envelope.data.definition, flagSet());
      },
    },
    {
      name: "rollback to a version never made",
      method: "POST",
      path: `/v1/projects/${project}/rollback`,
      headers: withAdmin(),
      body: { version: 42 },
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "rollback without a version",
      method: "POST",
      path: `/v1/projects/${project}/rollback`,
      headers: withAdmin(),
      body: { to: 1 },
      expect: (res) => expectErrorsAt(res, ["/version", "/to"]),
    },
    {
      name: "the published copy follows the latest version",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.version, 5);
      },
    },
    {
      name: "create a client key",
      method: "POST",
      path: `/v1/projects/${project}/keys`,
      headers: withAdmin(),
      body: { name: "web app" },
      random: ["id", "key"],
      expect: (res, state) => {
        expectEnvelope(res, "success", 200);
        const key = res.envelope.data;
        assert.match(key.key, new RegExp(`^fpk_${project}_[A-Za-z0-9_-]{43}$`));
        assert.match(key.id, /^key_[0-9a-f]{16}$/);
        assert.equal(key.name, "web app");
        state.keyId = key.id;
      },
    },
    {
      name: "client keys are listed without their secret",
      method: "GET",
      path: `/v1/projects/${project}/keys`,
      headers: withAdmin(),
      random: ["id"],
      expect: (res, state) => {
        expectEnvelope(res, "success", 200);
        assert.deepEqual(res.envelope.data.keys.map((k) => k.id), [state.keyId]);
        assert.equal(res.envelope.data.keys[0].key, undefined);
      },
    },
    {
      name: "the key reached the published copy",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.keys, 1);
        assert.equal(res.envelope.data.version, 5);
      },
    },
    {
      name: "a key request with a wrong field",
      method: "POST",
      path: `/v1/projects/${project}/keys`,
      headers: withAdmin(),
      body: { name: 12, scope: "all" },
      expect: (res) => expectErrorsAt(res, ["/name", "/scope"]),
    },
    {
      name: "revoke the key",
      method: "DELETE",
      path: (state) => `/v1/projects/${project}/keys/${state.keyId}`,
      headers: withAdmin(),
      random: ["id"],
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.revoked, true);
      },
    },
    {
      name: "a revoked key is gone",
      method: "DELETE",
      path: (state) => `/v1/projects/${project}/keys/${state.keyId}`,
      headers: withAdmin(),
      random: ["id"],
      expect: (res) => expectEnvelope(res, "notFound", 404),
    },
    {
      name: "and no longer published",
      method: "GET",
      path: `/v1/projects/${project}/published`,
      headers: withAdmin(),
      expect: (res) => {
        expectEnvelope(res, "success", 200);
        assert.equal(res.envelope.data.keys, 0);
      },
    },
  ];
}
