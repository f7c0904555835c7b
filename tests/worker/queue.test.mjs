// Worker-only: Cloudflare Queues under `wrangler dev`, its local Queues and nothing mocked.
// A Worker in front of Flagport's in the same session (fixtures/queue-producer, through
// scripts/serve-worker's FRONT_WORKER_CONFIG) puts lines on the insights queue with the Worker's
// own QueueSend executor; Flagport's queue() consumes them with wrangler.toml's consumer
// settings (batches after 5 s, max_retries, then the dead-letter queue, whose consumer logs
// each message). Observed in wrangler's output: the core's log lines and wrangler's line per
// delivered batch, "QUEUE <queue> <acknowledged>/<delivered>". The wasi build only (a second
// config runs wrangler.toml's main); abi.test.mjs runs the queue entry point of both builds.
//   node --test tests/worker/queue.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { Outcome } from "../../bindings/cloudflare/messages.js";
import { startProvider } from "../e2e/providers.mjs";
import { insightsMessage } from "../fixtures/insights-messages.mjs";

const config = parseToml(readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8"));
const insights = config.queues.consumers.find((c) => c.queue === "flagport-insights");
const deadLetters = insights.dead_letter_queue;
const waitMs = 120_000;  // each wait: a few of the queue's 5-second batch timeouts, with room
let server;

before(async () => {
  server = await startProvider("worker-queues", "serve-worker", { FRONT_WORKER_CONFIG: "tests/worker/fixtures/queue-producer/wrangler.toml" });
});

after(async () => {
  await server?.stop();
});

async function send(lines) {
  const response = await fetch(`${server.url}/__queue/insights`, { method: "POST", body: lines.join("\n") });
  assert.equal(response.status, 200);
  return response.json();
}

// wrangler's output as it is now: the core's JSON log lines, and per queue what its batches
// delivered and what the consumer acknowledged.
function observed() {
  const text = server.log().replace(/\x1b\[[0-9;]*m/g, "");
  const events = [];
  for (const line of text.split("\n")) {
    const json = /\{".*\}/.exec(line);
    if (!json) continue;
    try {
      events.push(JSON.parse(json[0]));
    } catch {
      // not one of the core's lines
    }
  }
  const batches = {};
  for (const [, queue, acked, delivered] of text.matchAll(/QUEUE (\S+) (\d+)\/(\d+)/g)) {
    const total = (batches[queue] ??= { acked: 0, delivered: 0 });
    total.acked += Number(acked);
    total.delivered += Number(delivered);
  }
  const batchesOf = (queue) => batches[queue] ?? { acked: 0, delivered: 0 };
  return { events, batchesOf };
}

async function until(what, check) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = observed();
    if (check(now)) return now;
    if (Date.now() > deadline) assert.fail(`${what}: not seen within ${waitMs} ms\n${server.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("worker queues (wrangler dev, local Queues)", () => {
  const nonce = Date.now();
  const malformed = `not an insights message ${nonce}`;
  // What the consumer has acknowledged and been delivered before each test.
  let acked = 0;
  let delivered = 0;

  test("a mixed batch: the well-formed are acknowledged once, the malformed retried into the dead-letter queue", async () => {
    assert.deepEqual(await send([insightsMessage(`q${nonce}`, 1), malformed, insightsMessage(`q${nonce}`, 2)]), { outcome: Outcome.ok, reason: "" });

    const seen = await until("the malformed message's dead-letter line", ({ events, batchesOf }) =>
      events.some((e) => e.event === "queue.dead_letter" && e.body === malformed) && batchesOf(deadLetters).delivered === 1);
    const letter = seen.events.find((e) => e.event === "queue.dead_letter" && e.body === malformed);
    const deliveries = 1 + insights.max_retries;
    const retried = seen.events.filter((e) => e.event === "insights.message.malformed");
    assert.deepEqual(retried.map((e) => e.message), Array(deliveries).fill(letter.message), "only the malformed message is retried");
    assert.deepEqual(retried.map((e) => e.attempts), Array.from({ length: deliveries }, (_, i) => i + 1));
    assert.equal(seen.events.filter((e) => e.event === "queue.dead_letter").length, 1, "nothing else is a dead letter");
    assert.equal(letter.attempts, 1);
    // Every delivery past the first batch was the malformed message's: the others were
    // acknowledged on their first.
    assert.deepEqual(seen.batchesOf("flagport-insights"), { acked: 2, delivered: 3 + insights.max_retries });
    assert.deepEqual(seen.batchesOf(deadLetters), { acked: 1, delivered: 1 });
    ({ acked, delivered } = seen.batchesOf("flagport-insights"));
  });

  test("the consumer goes on: 150 lines, in two sendBatch calls, are all acknowledged once", async () => {
    const lines = Array.from({ length: 150 }, (_, i) => insightsMessage(`q${nonce}`, 3 + i));
    assert.deepEqual(await send(lines), { outcome: Outcome.ok, reason: "" });
    const seen = await until("150 more acknowledged", ({ batchesOf }) => batchesOf("flagport-insights").acked >= acked + 150);
    assert.deepEqual(seen.batchesOf("flagport-insights"), { acked: acked + 150, delivered: delivered + 150 });
    assert.equal(seen.events.filter((e) => e.event === "insights.message.malformed").length, 1 + insights.max_retries);
    ({ acked, delivered } = seen.batchesOf("flagport-insights"));
  });

  // Locally the reason is workerd's "Unknown Internal Error (15000)"; deployed, Queues names the limit.
  test("a message over Queues' 128 KB is refused: the effect fails with the platform's reason", async () => {
    const result = await send([insightsMessage(`q${nonce}`, 1000).replace("queue-test", "x".repeat(130_000))]);
    assert.equal(result.outcome, Outcome.failed);
    assert.ok(result.reason.length > 0);
  });
});
