// A short soak in the suite (scripts/soak MINUTES runs a long one): half a minute of load and
// faults per provider, every guarantee checked; memory is judged by long runs only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { report, soak } from "./soak.mjs";

test("soak: load and faults on both providers break no guarantee", { timeout: 900_000 }, async () => {
  const results = await soak(Number(process.env.SOAK_MINUTES ?? 0.5), { onResult: (result) => console.log(report([result])) });
  assert.deepEqual(results.map((r) => r.provider), ["worker", "lambda"]);
  const injected = { worker: ["kv-publish", "trap-request", "trap-object"], lambda: ["kv-publish", "ddb-conflict", "trap-request", "trap-object", "kill"] };
  for (const r of results) {
    assert.deepEqual(r.problems, [], `[${r.provider}] ${(r.log ?? []).join("\n")}`);
    assert.ok(r.writesAcknowledged > 0 && r.keysRevoked > 0 && r.revokedKeyAnswers > 0, `[${r.provider}] too little happened`);
    for (const kind of injected[r.provider]) assert.ok(r.faults[kind] > 0, `[${r.provider}] no ${kind} fault injected`);
  }
});
