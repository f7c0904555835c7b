// The SQS event source mapping, played locally for one queue: receive up to 10 messages (a
// long poll of about a second, as the mapping's batching window), invoke the function with
// the SQS event Lambda sends, delete the messages its answer did not name in
// batchItemFailures, and leave the named ones to come back after the visibility timeout. The
// server moves a message to the dead-letter queue after maxReceiveCount receives.
//
// The answer is read by Lambda's rules for ReportBatchItemFailures: a function error, an
// answer that is not a JSON object, or a batchItemFailures entry whose itemIdentifier is not
// the messageId of one of the batch's messages fails the whole batch (nothing is deleted); no
// batchItemFailures (or null, or []) deletes the whole batch.
import { setTimeout as sleep } from 'node:timers/promises';

import { sqsCall } from './sqs-api.mjs';

const BATCH_SIZE = 10;  // the template's BatchSize
const WAIT_SECONDS = 1;

// Message attributes as the SQS event writes them (lower camel case, list members kept).
function eventAttributes(attributes = {}) {
  const out = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = {
      ...(a.StringValue !== undefined && { stringValue: a.StringValue }),
      ...(a.BinaryValue !== undefined && { binaryValue: a.BinaryValue }),
      stringListValues: a.StringListValues ?? [],
      binaryListValues: a.BinaryListValues ?? [],
      dataType: a.DataType,
    };
  }
  return out;
}

// One Records[] entry of the SQS event, from a ReceiveMessage message.
function sqsRecord(message, queueArn) {
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: message.Attributes ?? {},
    messageAttributes: eventAttributes(message.MessageAttributes),
    ...(message.MD5OfMessageAttributes && { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3],
  };
}

// The message ids to keep, or null when the whole batch failed. `result`: what
// @vercel/fun's invoke answers ({ FunctionError, Payload }).
function retriedIds(result, messages) {
  if (result.FunctionError) return null;
  let answer;
  try {
    answer = JSON.parse(String(result.Payload));
  } catch {
    return null;
  }
  if (answer === null) return new Set();
  if (typeof answer !== 'object' || Array.isArray(answer)) return null;
  const failures = answer.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return null;
  const ids = new Set(messages.map((m) => m.MessageId));
  const retried = new Set();
  for (const failure of failures) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return null;
    retried.add(id);
  }
  return retried;
}

// queue: { url, arn } as the server named it; endpoint: the server's address; invoke(event):
// the function's answer, as fun gives it. stop() ends the long poll at once and waits for a
// batch in flight to be answered and deleted.
export function startSqsPoller({ endpoint, queue, invoke, log = console.error }) {
  const stopping = new AbortController();
  const { signal } = stopping;

  async function pollOnce() {
    const { Messages: messages = [] } = await sqsCall(endpoint, 'ReceiveMessage', {
      QueueUrl: queue.url, MaxNumberOfMessages: BATCH_SIZE, WaitTimeSeconds: WAIT_SECONDS,
      AttributeNames: ['All'], MessageAttributeNames: ['All'],
    }, { signal });
    if (messages.length === 0) return;
    const result = await invoke({ Records: messages.map((m) => sqsRecord(m, queue.arn)) });
    const retried = retriedIds(result, messages);
    if (retried === null) {
      log(`sqs-poller: the batch of ${messages.length} failed as a whole: ${String(result.Payload).slice(0, 300)}`);
      return;
    }
    const done = messages.filter((m) => !retried.has(m.MessageId));
    if (done.length === 0) return;
    const { Failed: failed = [] } = await sqsCall(endpoint, 'DeleteMessageBatch', {
      QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
    });
    for (const f of failed) log(`sqs-poller: could not delete ${done[Number(f.Id)]?.MessageId}: ${f.Code} ${f.Message}`);
  }

  const loop = (async () => {
    while (!signal.aborted) {
      try {
        await pollOnce();
      } catch (err) {
        if (signal.aborted) break;
        log(`sqs-poller: ${err.message}`);
        await sleep(1000, undefined, { signal }).catch(() => {});
      }
    }
  })();

  return {
    stop() {
      stopping.abort();
      return loop;
    },
  };
}
