// A provider started with an admin token shorter than 32 bytes refuses admin access, even
// to that very token, with the same envelope on every provider; the rest of the service
// works. Starts its own servers (the suite's have a usable token), so E2E_URLS skips it.
//   E2E_PROVIDERS=worker,lambda   which providers to start (default: both)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ownProviders } from "./providers.mjs";
import { call } from "./client.mjs";

const SHORT_TOKEN = "a-short-admin-token"; // 19 bytes

describe("an admin token shorter than 32 bytes", { skip: process.env.E2E_URLS ? "needs servers of its own" : false }, () => {
  const targets = ownProviders({ ADMIN_TOKEN: SHORT_TOKEN });

  test("disables the admin API, saying why and not showing the token", async () => {
    const bodies = [];
    for (const target of targets) {
      const res = await call(target.url, "PUT", "/v1/projects/short-token/flags", {
        headers: { authorization: `Bearer ${SHORT_TOKEN}` },
        body: { flags: {} },
      });
      assert.equal(res.status, 403, `[${target.name}] ${res.text}`);
      assert.deepEqual(res.envelope, {
        status: "unauthorized",
        message: "the admin API is disabled: ADMIN_TOKEN is shorter than 32 bytes",
        data: null,
      });
      assert.ok(!res.text.includes(SHORT_TOKEN));
      bodies.push(res.text);
    }
    assert.equal(new Set(bodies).size, Math.min(bodies.length, 1), "parity");
  });

  test("the refusal is logged, without the token", () => {
    for (const target of targets) {
      const lines = target.log().split("\n").filter((line) => line.includes('"event":"admin.disabled"'));
      assert.ok(lines.length > 0, `[${target.name}] not logged`);
      for (const line of lines) {
        assert.match(line, /ADMIN_TOKEN is shorter than 32 bytes/);
        assert.ok(!line.includes(SHORT_TOKEN), `[${target.name}] the log shows the token`);
      }
    }
  });

  test("nor does the token open evaluation; health still answers", async () => {
    for (const target of targets) {
      const evaluated = await call(target.url, "POST", "/v1/projects/short-token/evaluate", {
        headers: { authorization: `Bearer ${SHORT_TOKEN}` },
        body: {},
      });
      // not the admin then, and no client key either: not authenticated
      assert.equal(evaluated.envelope?.status, "notAuthenticated", `[${target.name}] ${evaluated.text}`);
      const health = await call(target.url, "GET", "/v1/health");
      assert.equal(health.envelope?.status, "success", `[${target.name}] ${health.text}`);
    }
  });
});
