// SQS on Lambda: the bootstrap answering SQS events with batchItemFailures, the local event
// source mapping (bindings/lambda/local/sqs-poller.mjs) deleting what was done and leaving the
// rest to the queue's redrive, and the bootstrap's SQS client sending to a queue. Real
// bootstrap under real @vercel/fun, real dynalite, real fauxqs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { sqsCall } from '../../bindings/lambda/local/sqs-api.mjs';
import { insightsMessage } from '../fixtures/insights-messages.mjs';
import { startSqsPoller } from '../../bindings/lambda/local/sqs-poller.mjs';
import { MAX_RECEIVE_COUNT, startSqs } from '../../bindings/lambda/local/sqs-server.mjs';
import {
  buildDevBootstrap, createTables, devTaskRoot, invoke, lambdaFunction, REGION, root, startDynalite,
} from './harness.mjs';

const fixture = (name) => JSON.parse(readFileSync(path.join(root, 'tests/unit/lambda/fixtures', name), 'utf8'));

// Insights messages (tests/fixtures) as "<producer>-<seq>", and a body the consumer refuses.
const message = (id) => insightsMessage(id.slice(0, id.lastIndexOf('-')), Number(id.slice(id.lastIndexOf('-') + 1)), 'shop');
const MALFORMED = '{"v":1,"id":"p-9","projects":"shop"}';

let db;
let sqs;
let fn;
before(async () => {
  await buildDevBootstrap(['bootstrap', 'flagport_sqs_send']);
  [db, sqs] = await Promise.all([startDynalite(), startSqs({ visibilityTimeoutSeconds: 1 })]);
  await createTables(devTaskRoot, db.endpoint);
  fn = await lambdaFunction(devTaskRoot, { DYNAMODB_ENDPOINT: db.endpoint, FLAGPORT_INSIGHTS_QUEUE_URL: sqs.insights.url });
});
after(async () => {
  await fn?.destroy();
  await sqs?.close();
  await db?.close();
});

async function receiveAll(queue) {
  const messages = [];
  for (;;) {
    const { Messages = [] } = await sqsCall(sqs.endpoint, 'ReceiveMessage', {
      QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'],
    });
    if (Messages.length === 0) return messages;
    messages.push(...Messages);
  }
}

async function counts(queue) {
  const { Attributes: a } = await sqsCall(sqs.endpoint, 'GetQueueAttributes', { QueueUrl: queue.url, AttributeNames: ['All'] });
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
}

describe('SQS events', () => {
  test('batchItemFailures names only the messages the core did not take', async () => {
    const { error, payload } = await invoke(fn, fixture('sqs-insights.json'));
    assert.equal(error, undefined, JSON.stringify(payload));
    assert.deepEqual(payload, { batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }] });
  });

  test('a dead-letter queue\'s messages are all taken (logged)', async () => {
    const event = fixture('sqs-insights.json');
    for (const r of event.Records) r.eventSourceARN = `${r.eventSourceARN}-dlq`;
    const { error, payload } = await invoke(fn, event);
    assert.equal(error, undefined, JSON.stringify(payload));
    assert.deepEqual(payload, { batchItemFailures: [] });
  });

  test('a record without a messageId does not fail the invocation: the whole batch comes back', async () => {
    const event = fixture('sqs-insights.json');
    delete event.Records[0].messageId;
    const { error, payload } = await invoke(fn, event);
    assert.equal(error, undefined, JSON.stringify(payload));
    assert.deepEqual(payload, { batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }, { itemIdentifier: '' }] });
  });
});

describe('the local event source mapping', () => {
  test('done messages are deleted; one that always fails ends in the dead-letter queue; nothing is lost', { timeout: 60_000 }, async () => {
    const good = ['p-1', 'p-2', 'p-3'].map(message);
    const entries = [...good, MALFORMED].map((body, i) => ({ Id: String(i), MessageBody: body }));
    const sent = await sqsCall(sqs.endpoint, 'SendMessageBatch', { QueueUrl: sqs.insights.url, Entries: entries });
    assert.equal(sent.Successful.length, 4, JSON.stringify(sent));

    const deliveries = [];  // every record the function was given
    const errors = [];
    const poller = startSqsPoller({
      endpoint: sqs.endpoint,
      queue: sqs.insights,
      invoke: async (event) => {
        deliveries.push(...event.Records);
        return fn.invoke({ InvocationType: 'RequestResponse', Payload: JSON.stringify(event) });
      },
      log: (line) => errors.push(line),
    });
    let dead = [];
    try {
      const deadline = Date.now() + 45_000;
      while (dead.length === 0 && Date.now() < deadline) {
        await sleep(250);
        dead = await receiveAll(sqs.dlq);
      }
    } finally {
      await poller.stop();
    }
    assert.deepEqual(errors, []);

    // Each record as AWS documents the SQS event.
    for (const r of deliveries) {
      assert.equal(r.eventSource, 'aws:sqs');
      assert.equal(r.eventSourceARN, sqs.insights.arn);
      assert.equal(r.awsRegion, REGION);
      assert.match(r.receiptHandle, /\S/);
      assert.deepEqual(Object.keys(r.attributes).sort(), ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
    }
    const bodies = (body) => deliveries.filter((r) => r.body === body);
    for (const body of good) assert.equal(bodies(body).length, 1, `${body} was delivered ${bodies(body).length} times`);
    assert.deepEqual(bodies(MALFORMED).map((r) => r.attributes.ApproximateReceiveCount),
      Array.from({ length: MAX_RECEIVE_COUNT }, (_, i) => String(i + 1)));

    assert.deepEqual(dead.map((m) => m.Body), [MALFORMED]);
    assert.equal(dead[0].MessageId, bodies(MALFORMED)[0].messageId);
    assert.deepEqual(await counts(sqs.insights), { visible: 0, inFlight: 0 });
  });
});

describe('the bootstrap\'s SQS client (SendMessageBatch, SigV4, JSON protocol)', () => {
  const env = { ...process.env, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
  const send = (queueUrl, lines) => new Promise((resolve) => {
    const child = execFile(path.join(root, 'build/native/bindings/lambda/flagport_sqs_send'), [queueUrl], { env },
      (err, stdout) => resolve({ code: err ? err.code : 0, out: stdout.trim() }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });

  test('every message reaches the queue, in calls of at most 10 entries and 256 KiB', async () => {
    const queue = { url: (await sqsCall(sqs.endpoint, 'CreateQueue', { QueueName: 'client-all' })).QueueUrl };
    // 96 KiB messages (the core's largest) and small ones: more than one call by count and by size.
    const messages = Array.from({ length: 23 }, (_, i) => (i % 5 === 0 ? `${i}:${'x'.repeat(96 * 1024)}` : message(`c-${i}`)));
    const { code, out } = await send(queue.url, messages);
    assert.equal(code, 0, out);
    assert.equal(out, `sent ${messages.length}`);
    const received = (await receiveAll(queue)).map((m) => m.Body);
    assert.deepEqual(received.sort(), [...messages].sort());
  });

  test('what SQS refuses is sent once more, then reported; the rest is delivered', async () => {
    const { QueueUrl } = await sqsCall(sqs.endpoint, 'CreateQueue', { QueueName: 'client-small', Attributes: { MaximumMessageSize: '1024' } });
    const messages = [message('s-1'), `big:${'y'.repeat(2048)}`, message('s-2')];
    const { code, out } = await send(QueueUrl, messages);
    assert.equal(code, 1);
    assert.match(out, /^1 of 3 messages not accepted by .*client-small: InvalidParameterValue: /);
    const received = (await receiveAll({ url: QueueUrl })).map((m) => m.Body);
    assert.deepEqual(received.sort(), [messages[0], messages[2]].sort());
  });

  test('a queue that does not exist is reported', async () => {
    const missing = sqs.insights.url.replace(/flagport-insights$/, 'no-such-queue');
    const { code, out } = await send(missing, [message('m-1')]);
    assert.equal(code, 1);
    assert.match(out, /1 of 1 messages not accepted by .*no-such-queue: HTTP 400 .*QueueDoesNotExist/);
  });
});
