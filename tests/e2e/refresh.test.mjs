// With a cache TTL (1 s here; the suite's own servers run with 0), a publish reaches
// evaluation as the README states: the first request past the TTL is answered from the
// cached copy without waiting for KV and starts one refresh, run after its response (the
// Worker's ctx.waitUntil; Lambda between its answer and the next event); the requests after
// that refresh has landed get the new version, and none gets the old one again. On Lambda
// the very next request does. Starts servers of its own, so E2E_URLS skips it.
//   E2E_PROVIDERS=worker,lambda   which providers to start (default: both)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { ownProviders } from "./providers.mjs";
import { admin, call, uniqueId } from "./client.mjs";

const TTL_SECONDS = 1;
const env = { CACHE_TTL_SECONDS: String(TTL_SECONDS) };

const colours = (colour) => ({ flags: { colour: { state: "ENABLED", variants: { c: colour }, defaultVariant: "c" } } });

describe("a publish reaches evaluation through the refresh after a response", { skip: process.env.E2E_URLS ? "needs servers of its own" : false }, () => {
  const targets = ownProviders(env);

  test("past the TTL the copy answers at once, and the requests after its refresh get the new version", async () => {
    for (const target of targets) {
      const project = uniqueId("refresh");
      const publish = async (colour) => {
        const res = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: colours(colour) });
        assert.equal(res.status, 200, `[${target.name}] ${res.text}`);
      };
      const colour = async () => {
        const res = await call(target.url, "POST", `/v1/projects/${project}/evaluate/colour`, { headers: admin, body: {} });
        assert.equal(res.status, 200, `[${target.name}] ${res.text}`);
        return res.envelope.data.value;
      };

      await publish("red");
      assert.equal(await colour(), "red", `[${target.name}] the first read`);
      await publish("blue");
      await sleep(TTL_SECONDS * 1000 + 200);
      assert.equal(await colour(), "red", `[${target.name}] past the TTL the cached copy answers, without waiting for KV`);

      const answers = [];
      for (let i = 0; i < 50 && answers.at(-1) !== "blue"; i++) {
        answers.push(await colour());
        if (answers.at(-1) !== "blue") await sleep(100);
      }
      assert.equal(answers.at(-1), "blue", `[${target.name}] never refreshed: ${answers.join(", ")}`);
      // Lambda runs the refresh before it asks for the next event: that event sees it.
      if (target.name === "lambda") assert.deepEqual(answers, ["blue"]);
      for (let i = 0; i < 5; i++) assert.equal(await colour(), "blue", `[${target.name}] the old version came back`);
    }
  });
});
