// Client keys made through the admin API are random on every provider (the core's random
// port: crypto.getRandomValues in the Worker, getrandom on Lambda): no key, id or secret
// repeats within or across providers, and the secrets' bits look like coin flips. A
// constant, repeating or low-entropy generator fails here.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { admin, call, uniqueId } from "./client.mjs";

const KEYS_PER_PROVIDER = 25; // of the 50 a project may have
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The secret's 256 bits, from its 43 base64url characters.
function bits(secret) {
  const out = [];
  for (const c of secret) {
    const value = ALPHABET.indexOf(c);
    assert.ok(value >= 0, `not base64url: ${c}`);
    for (let bit = 5; bit >= 0; bit--) out.push((value >> bit) & 1);
  }
  return out.slice(0, 256);
}

export function keyRandomnessScenario(title, targets) {
  describe(title, () => {
    test("keys, ids and secrets never repeat, and the secrets' bits are balanced", async () => {
      const project = uniqueId("keys-random");
      const made = [];
      for (const target of targets)
        for (let i = 0; i < KEYS_PER_PROVIDER; i++) {
          const res = await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: {} });
          assert.equal(res.envelope?.status, "success", `[${target.name}] ${res.text}`);
          const { id, key } = res.envelope.data;
          const secret = key.slice(`fpk_${project}_`.length);
          assert.ok(key.startsWith(`fpk_${project}_`) && secret.length === 43, `[${target.name}] ${key}`);
          made.push({ target: target.name, id, key, secret });
        }
      const distinct = (what) => new Set(made.map((m) => m[what])).size;
      assert.equal(distinct("key"), made.length, "a key repeats");
      assert.equal(distinct("secret"), made.length, "a secret repeats");
      // Ids are per project: each provider's must differ among themselves.
      for (const target of targets) {
        const ids = made.filter((m) => m.target === target.name).map((m) => m.id);
        assert.equal(new Set(ids).size, ids.length, `[${target.name}] a key id repeats`);
      }
      // Nor do two secrets share a long prefix (48 random bits): a generator that varies
      // only a few bytes, or reseeds alike, would.
      assert.equal(new Set(made.map((m) => m.secret.slice(0, 8))).size, made.length, "two secrets share 8 characters");
      // Half the bits are set (thousands of bits: a fair generator lands within 5% of half).
      const all = made.flatMap((m) => bits(m.secret));
      const share = all.reduce((a, b) => a + b, 0) / all.length;
      assert.ok(share > 0.45 && share < 0.55, `share of set bits ${share}`);
    });
  });
}
