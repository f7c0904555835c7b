// The QueueSend effect as the Worker executes it (bindings/cloudflare): every line one text
// message, sent in as few sendBatch calls as Queues' limits allow (100 messages, 256,000
// bytes with ~100 bytes of metadata each), Ok only once all were accepted; a missing producer
// binding fails the effect with a reason. Against a recording queue in Node; the real local
// Queues are in queue.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { platformFrom } from "../../bindings/cloudflare/bindings.js";
import { effectExecutor } from "../../bindings/cloudflare/effects.js";
import { Outcome } from "../../bindings/cloudflare/messages.js";
import { batchesOf } from "../../bindings/cloudflare/queue-send.js";

const queueSend = 11;  // EffectKind::QueueSend
const utf8 = new TextEncoder();
const effect = (lines, target = "insights") => ({ kind: queueSend, target, method: "", body: utf8.encode(lines.join("\n")), number: 0 });

function recordingQueue({ refuse = false } = {}) {
  const calls = [];
  return {
    calls,
    async sendBatch(messages) {
      calls.push(messages);
      if (refuse) throw new Error("Queue sendBatch failed: Too Many Requests");
    },
  };
}

const send = (env, lines, target) => effectExecutor(platformFrom(env))([effect(lines, target)], "req-q").then(([result]) => result);

test("lines go as text messages, in order, in one call when they fit", async () => {
  const queue = recordingQueue();
  const lines = ['{"v":1,"id":"a-1","projects":[]}', '{"v":1,"id":"a-2","projects":[]}'];
  const result = await send({ INSIGHTS_QUEUE: queue }, lines);
  assert.equal(result.outcome, Outcome.ok);
  assert.deepEqual(queue.calls, [lines.map((body) => ({ body, contentType: "text" }))]);
});

test("more than 100 messages, or than 256,000 bytes, take more calls, none over either limit", async () => {
  const many = Array.from({ length: 250 }, (_, i) => `m-${i}`);
  assert.deepEqual(batchesOf(many).map((b) => b.length), [100, 100, 50]);

  const large = Array.from({ length: 9 }, (_, i) => `${i}`.padEnd(60_000, "x"));  // 4 fit in 256,000 bytes
  const batches = batchesOf(large);
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 1]);
  for (const batch of batches) assert.ok(batch.reduce((n, line) => n + utf8.encode(line).length + 100, 0) <= 256_000);
  assert.deepEqual(batches.flat(), large);

  const accented = Array.from({ length: 3 }, () => "\u00e9".repeat(64_000));  // 128,000 bytes each
  assert.deepEqual(batchesOf(accented).map((b) => b.length), [1, 1, 1]);

  const queue = recordingQueue();
  assert.equal((await send({ INSIGHTS_QUEUE: queue }, many)).outcome, Outcome.ok);
  assert.deepEqual(queue.calls.flat().map((m) => m.body), many);
});

test("nothing to send makes no call", async () => {
  const queue = recordingQueue();
  assert.equal((await send({ INSIGHTS_QUEUE: queue }, [])).outcome, Outcome.ok);
  assert.deepEqual(queue.calls, []);
});

test("a refused call fails the effect with the platform's reason", async () => {
  const result = await send({ INSIGHTS_QUEUE: recordingQueue({ refuse: true }) }, ["m-1"]);
  assert.equal(result.outcome, Outcome.failed);
  assert.match(result.body, /Too Many Requests/);
});

test("a missing producer binding fails the effect and says which", async () => {
  const result = await send({}, ["m-1"]);
  assert.equal(result.outcome, Outcome.failed);
  assert.equal(result.body, "queue binding INSIGHTS_QUEUE is not configured");
  assert.equal((await send({ INSIGHTS_QUEUE: recordingQueue() }, ["m-1"], "elsewhere")).outcome, Outcome.failed);
});
