// When KV cannot be read (FLAGPORT_FAULTS=kv-read: kv-read-fault-* projects once held in
// memory, kv-read-fault-cold-* always), evaluation answers from the last copy it read, and
// only a project never read answers error.
import assert from "node:assert/strict";
import { FUN_POOL_SIZE } from "../../bindings/lambda/local/fun-pool.mjs";
import { admin } from "./client.mjs";

const colours = (colour) => ({ flags: { colour: { state: "ENABLED", variants: { c: colour }, defaultVariant: "c" } } });

export function lastKnownGoodScenario(id) {
  const warm = `kv-read-fault-${id}`;
  const cold = `kv-read-fault-cold-${id}`;
  const key = (field) => (state) => ({ authorization: `Bearer ${state[field]}` });
  const publish = (project, colour) => ({
    name: `publish ${colour} to ${project.startsWith("kv-read-fault-cold") ? "a project never read" : "a project"}`,
    method: "PUT", path: `/v1/projects/${project}/flags`, headers: admin, body: colours(colour),
    expect: (res) => assert.equal(res.status, 200, res.text),
  });
  const createKey = (project, field) => ({
    name: "a client key", method: "POST", path: `/v1/projects/${project}/keys`, headers: admin, body: { name: "lkg" },
    random: ["id", "key"],
    expect: (res, state) => {
      assert.equal(res.status, 200, res.text);
      state[field] = res.envelope.data.key;
    },
  });
  const evaluate = (name, field, expect) => ({ name, method: "POST", path: "/ofrep/v1/evaluate/flags/colour", headers: key(field), body: { context: {} }, expect });
  return [
    publish(warm, "red"),
    createKey(warm, "warmKey"),
    // Three times fun's pool at once: every process of it holds red (fun hands out the idle ones
    // in turn; a process that never read the project would read blue). As many as the pool
    // were not always enough: one that answered early took another while an idle process got
    // none. Three times as many keep every process busy at once.
    { ...evaluate("the first read works: red", "warmKey", (res) => assert.equal(res.envelope?.value, "red", res.text)),
      concurrent: 3 * FUN_POOL_SIZE },
    publish(warm, "blue"),
    evaluate("KV unreadable: the last known good copy answers, red", "warmKey", (res) => {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.envelope.value, "red");
    }),
    { name: "the admin API reads KV itself: blue is published", method: "GET", path: `/v1/projects/${warm}/published`,
      headers: admin, expect: (res) => assert.equal(res.envelope?.data?.version, 2, res.text) },
    publish(cold, "red"),
    createKey(cold, "coldKey"),
    evaluate("KV unreadable and no copy ever read: error", "coldKey", (res) => {
      assert.equal(res.status, 500, res.text);
      assert.match(res.envelope.errorDetails, /unavailable/);
    }),
    { name: "the Flagport API says the same: error", method: "POST", path: `/v1/projects/${cold}/evaluate/colour`,
      headers: key("coldKey"), body: {}, expect: (res) => assert.equal(res.envelope?.status, "error", res.text) },
  ];
}
