// A flag set reads back as its author wrote it, whitespace aside (member order, number
// spelling, escapes), through a publish and a patch; and answers carry its values and
// metadata as flagd-core gives them, in both APIs, single and bulk.
import assert from "node:assert/strict";
import { FlagdCore } from "@openfeature/flagd-core";
import { admin } from "./client.mjs";

// Written by a person: members in no sorted order, numbers and escapes JSON.stringify would
// write otherwise, an index-like key after the others.
const written = `{
  "flags": {
    "cfg": {
      "state": "ENABLED",
      "variants": {"v": {"zeta": 1, "alpha": {"y": 2, "b": 3}, "2": "two", "ratio": 1.0, "big": 1e2, "s": "\\u0041\\/"}},
      "defaultVariant": "v",
      "metadata": {"z": 1, "a": 2}
    }
  },
  "metadata": {"team": "x", "app": "y"}
}`;

// Whitespace between tokens removed, nothing else touched.
function minified(text) {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      out += c;
      inString = true;
    } else if (!" \n\r\t".includes(c)) out += c;
  }
  return out;
}

const silent = { error() {}, warn() {}, info() {}, debug() {} };
const reference = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
reference.setConfigurations(written);
const resolved = reference.resolve("object", "cfg", {}, {}, silent);
const value = JSON.stringify(resolved.value);
const metadata = JSON.stringify(resolved.flagMetadata);

export function fidelityScenario(project) {
  const flags = `/v1/projects/${project}/flags`;
  const key = (state) => ({ authorization: `Bearer ${state.key}` });
  const readsBack = (definition) => (res) => {
    assert.equal(res.status, 200, res.text);
    assert.ok(res.text.endsWith(`,"definition":${definition}}}`), `not as written:\n${res.text}\n${definition}`);
  };
  return [
    { name: "publish a flag set as a person writes it", method: "PUT", path: flags, headers: admin, body: written,
      expect: (res) => assert.equal(res.status, 200, res.text) },
    { name: "it reads back byte for byte, whitespace aside", method: "GET", path: flags, headers: admin,
      expect: readsBack(minified(written)) },
    { name: "patch one flag's state", method: "PATCH", path: `${flags}/cfg`, headers: admin, body: { state: "DISABLED" },
      expect: (res) => assert.equal(res.status, 200, res.text) },
    { name: "only the patched member changed", method: "GET", path: flags, headers: admin,
      expect: readsBack(minified(written).replace('"state":"ENABLED"', '"state":"DISABLED"')) },
    { name: "enable it again", method: "PATCH", path: `${flags}/cfg`, headers: admin, body: { state: "ENABLED" },
      expect: (res) => assert.equal(res.status, 200, res.text) },
    { name: "a client key", method: "POST", path: `/v1/projects/${project}/keys`, headers: admin, body: { name: "fidelity" },
      random: ["id", "key"], expect: (res, state) => {
        assert.equal(res.status, 200, res.text);
        state.key = res.envelope.data.key;
      } },
    { name: "OFREP single: value and metadata as flagd-core gives them", method: "POST", path: "/ofrep/v1/evaluate/flags/cfg",
      headers: key, body: { context: {} },
      expect: (res) => assert.equal(res.text, `{"key":"cfg","value":${value},"reason":"STATIC","variant":"v","metadata":${metadata}}`) },
    { name: "OFREP bulk: the same", method: "POST", path: "/ofrep/v1/evaluate/flags", headers: key, body: { context: {} },
      expect: (res) => assert.equal(res.text, `{"flags":[{"key":"cfg","value":${value},"reason":"STATIC","variant":"v","metadata":${metadata}}],"metadata":{"team":"x","app":"y"}}`) },
    { name: "Flagport API single: the same", method: "POST", path: `/v1/projects/${project}/evaluate/cfg`, headers: key,
      body: { context: {} },
      expect: (res) => assert.ok(res.text.includes(`"metadata":${metadata},"reason":"STATIC","value":${value},"variant":"v"}`), res.text) },
    { name: "Flagport API bulk: the same", method: "POST", path: `/v1/projects/${project}/evaluate`, headers: key,
      body: { context: {} },
      expect: (res) => assert.ok(res.text.includes(`"value":${value},"variant":"v"}],"metadata":{"team":"x","app":"y"}`), res.text) },
  ];
}
