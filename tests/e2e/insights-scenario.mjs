// Insights on every provider: a known mix of evaluations (our API and OFREP, single and bulk,
// and an OFREP revalidation that evaluates nothing) travels through the platform's queue
// (Cloudflare Queues under wrangler dev; SQS from fauxqs and the local event source mapping on
// Lambda) into the project's insights, exactly, and the answer is the same on every provider
// (fixed clock, same project id). The providers flush after every response
// (INSIGHTS_FLUSH_SECONDS=0, providers.mjs).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { call, admin, uniqueId } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";
import { TEST_CLOCK_MS } from "./providers.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;

const expected = [
  { flag: "banner", variant: null, reason: "DISABLED", count: 4 },
  { flag: "new-checkout", variant: "off", reason: "DEFAULT", count: 3 },
  { flag: "new-checkout", variant: "on", reason: "TARGETING_MATCH", count: 4 },
  { flag: "unicode-\u00e9t\u00e9", variant: "x", reason: "STATIC", count: 3 },
];
const total = expected.reduce((sum, row) => sum + row.count, 0);

async function evaluations(target, project) {
  const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: flagSet("off") });
  assert.equal(put.status, 200, `[${target.name}] ${put.text}`);
  const key = (await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: { name: "e2e" } }))
    .envelope.data.key;
  const client = { authorization: `Bearer ${key}` };
  const ok = async (method, path, headers, body, status = 200) => {
    const res = await call(target.url, method, path, { headers, body });
    assert.equal(res.status, status, `[${target.name}] ${method} ${path}: ${res.text}`);
    return res;
  };
  const gold = { context: { tier: "gold" } };
  const free = { context: { tier: "free" } };
  await ok("POST", `/v1/projects/${project}/evaluate/new-checkout`, admin, gold);
  await ok("POST", `/v1/projects/${project}/evaluate/new-checkout`, admin, gold);
  await ok("POST", `/v1/projects/${project}/evaluate/new-checkout`, admin, free);
  await ok("POST", `/v1/projects/${project}/evaluate`, admin, gold);
  await ok("POST", "/ofrep/v1/evaluate/flags/new-checkout", client, gold);
  await ok("POST", "/ofrep/v1/evaluate/flags/banner", client, {});
  await ok("POST", "/ofrep/v1/evaluate/flags", client, free);
  const bulk = await ok("POST", "/ofrep/v1/evaluate/flags", client, free);
  // A revalidation answers 304 and evaluates nothing: not counted.
  await ok("POST", "/ofrep/v1/evaluate/flags", { ...client, "if-none-match": bulk.headers.get("etag") }, free, 304);
  // A flag the set does not have is not counted either.
  await ok("POST", "/ofrep/v1/evaluate/flags/no-such-flag", client, {}, 404);
}

// The insights once every count has arrived (or what there is after 90 s).
async function arrived(target, project) {
  let data;
  for (let attempt = 0; attempt < 180; attempt++) {
    const got = await call(target.url, "GET", `/v1/projects/${project}/insights`, { headers: admin });
    assert.equal(got.status, 200, `[${target.name}] ${got.text}`);
    data = got.envelope.data;
    const counted = data.hours.flatMap((h) => h.counts).reduce((sum, row) => sum + row.count, 0);
    if (counted >= total) break;
    await sleep(500);
  }
  return data;
}

export function insightsTests(targets) {
  describe("insights", () => {
    test("a known mix of evaluations is counted exactly, the same on every provider", async () => {
      const project = uniqueId("insights");
      const results = await Promise.all(targets.map(async (target) => {
        await evaluations(target, project);
        const data = await arrived(target, project);
        const hour = Number(TEST_CLOCK_MS) - (Number(TEST_CLOCK_MS) % HOUR);
        assert.deepEqual(data.hours, [{ hour, counts: expected }], `[${target.name}] ${JSON.stringify(data.hours)}`);
        assert.deepEqual(data.flags.map((f) => [f.key, f.evaluations, f.lastEvaluated]),
          [["new-checkout", 7, Number(TEST_CLOCK_MS)], ["banner", 4, Number(TEST_CLOCK_MS)],
            ["unicode-\u00e9t\u00e9", 3, Number(TEST_CLOCK_MS)]], `[${target.name}]`);
        assert.deepEqual(data.stale, []);
        // Nothing more arrives later (no message was applied twice).
        await sleep(3000);
        const again = await arrived(target, project);
        assert.deepEqual(again, data, `[${target.name}] the counts moved on`);
        return { name: target.name, data };
      }));
      for (const other of results.slice(1))
        assert.deepEqual(other.data, results[0].data, `parity: ${other.name} differs from ${results[0].name}`);
    });

    test("bad insights queries get badRequest with the parameter's path", async () => {
      for (const target of targets) {
        for (const [query, path] of [["from=yesterday", "query:from"], ["staleDays=0", "query:staleDays"],
          ["colour=blue", "query:colour"], ["from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "query:from"]]) {
          const res = await call(target.url, "GET", `/v1/projects/shop/insights?${query}`, { headers: admin });
          assert.equal(res.status, 400, `[${target.name}] ${query}: ${res.text}`);
          assert.equal(res.envelope.status, "badRequest");
          assert.equal(res.envelope.data.errors[0].path, path, `[${target.name}] ${query}`);
        }
      }
    });
  });
}
