// A flag set of 5,000 flags at the documented 4 MiB limit: stored (in parts where the
// platform's values are smaller: DynamoDB items, Durable Object values, Lambda's KV table),
// read back byte for byte, evaluated in bulk and one by one, patched and rolled back, with
// identical answers on every provider; one byte more is refused.
import assert from "node:assert/strict";
import { admin } from "./client.mjs";
import { largeFlagSetText } from "./fixtures.mjs";

const MAX_FLAG_SET_BYTES = 4 * 1024 * 1024; // core/http/limits.hpp, README "Limits"
const FLAGS = 5000;

// 5,000 flags whose variants are as long as they can be within the limit.
function valueBytesAtTheLimit() {
  return Math.floor((MAX_FLAG_SET_BYTES - largeFlagSetText(FLAGS, 0).length) / FLAGS);
}

// What the answers carry of a flag's evaluation (metadata merges the set's, tested elsewhere).
const gist = ({ key, value, variant, reason }) => ({ key, value, variant, reason });

export function largeSetScenario(project) {
  const text = largeFlagSetText(FLAGS, valueBytesAtTheLimit());
  const over = largeFlagSetText(FLAGS, valueBytesAtTheLimit() + 1);
  assert.ok(text.length <= MAX_FLAG_SET_BYTES && over.length > MAX_FLAG_SET_BYTES);
  const flags = `/v1/projects/${project}/flags`;
  const bearer = (state) => ({ authorization: `Bearer ${state.key}` });
  const onValue = JSON.parse(text).flags["flag-0"].variants.on;
  return [
    {
      name: `publish ${FLAGS} flags in ${text.length} bytes`,
      method: "PUT", path: flags, headers: admin, body: text,
      expect: (res) => assert.deepEqual(res.envelope?.data, { project, version: 1, flags: FLAGS }, res.text.slice(0, 500)),
    },
    {
      name: "it reads back byte for byte",
      method: "GET", path: flags, headers: admin,
      expect: (res) => assert.ok(res.text.includes(`"definition":${text}`), res.text.slice(0, 500)),
    },
    {
      name: "it is published whole",
      method: "GET", path: `/v1/projects/${project}/published`, headers: admin,
      expect: (res) => {
        assert.equal(res.envelope?.data?.version, 1, res.text);
        assert.equal(res.envelope.data.flags, FLAGS);
      },
    },
    {
      name: "a client key",
      method: "POST", path: `/v1/projects/${project}/keys`, headers: admin, body: { name: "large" }, random: ["id", "key"],
      expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        state.key = res.envelope.data.key;
      },
    },
    {
      name: "OFREP bulk answers every flag",
      method: "POST", path: "/ofrep/v1/evaluate/flags", headers: bearer, body: { context: { targetingKey: "u", tier: "gold" } },
      expect: (res) => {
        assert.equal(res.status, 200, res.text.slice(0, 500));
        const answered = res.envelope.flags;
        assert.equal(answered.length, FLAGS);
        assert.deepEqual(gist(answered[FLAGS - 1]), { key: `flag-${FLAGS - 1}`, value: onValue, variant: "on", reason: "TARGETING_MATCH" });
      },
    },
    {
      name: "one flag through OFREP",
      method: "POST", path: "/ofrep/v1/evaluate/flags/flag-2500", headers: bearer, body: { context: { tier: "tin" } },
      expect: (res) => assert.deepEqual(gist(res.envelope), { key: "flag-2500", value: "2500", variant: "off", reason: "TARGETING_MATCH" }, res.text),
    },
    {
      name: "patch the last flag",
      method: "PATCH", path: `${flags}/flag-${FLAGS - 1}`, headers: admin, body: { state: "DISABLED" },
      expect: (res) => assert.equal(res.envelope?.data?.version, 2, res.text),
    },
    {
      name: "evaluation sees the patch",
      method: "POST", path: `/v1/projects/${project}/evaluate/flag-${FLAGS - 1}`, headers: bearer, body: { context: {} },
      expect: (res) => assert.equal(res.envelope?.data?.reason, "DISABLED", res.text),
    },
    {
      name: "roll back to version 1",
      method: "POST", path: `/v1/projects/${project}/rollback`, headers: admin, body: { version: 1 },
      expect: (res) => assert.equal(res.envelope?.data?.version, 3, res.text),
    },
    {
      name: "version 1's text is current again, byte for byte",
      method: "GET", path: flags, headers: admin,
      expect: (res) => assert.ok(res.text.includes(`"definition":${text}`), res.text.slice(0, 500)),
    },
    {
      name: "and evaluation answers from it",
      method: "POST", path: `/v1/projects/${project}/evaluate/flag-${FLAGS - 1}`, headers: bearer,
      body: { context: { tier: "gold" } },
      expect: (res) => assert.equal(res.envelope?.data?.reason, "TARGETING_MATCH", res.text),
    },
    {
      name: "a set past the limit is refused",
      method: "PUT", path: flags, headers: admin, body: over,
      expect: (res) => {
        assert.equal(res.status, 400, res.text);
        assert.deepEqual(res.envelope.data.errors, [{ path: "", message: `the flag set exceeds ${MAX_FLAG_SET_BYTES} bytes` }]);
      },
    },
  ];
}
