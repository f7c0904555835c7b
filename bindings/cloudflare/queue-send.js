// Messages to a Cloudflare Queue in as few sendBatch calls as its limits allow: at most 100
// messages and 256 KB (256,000 bytes) a call, each message counted with the ~100 bytes of
// metadata Queues adds to it (developers.cloudflare.com/queues/platform/limits/).
const maxMessages = 100;
const maxBytes = 256_000;
const metadataBytes = 100;
const utf8 = new TextEncoder();

// -> the lines in consecutive groups within those limits. A line too large for any call goes
// alone, for the platform to refuse.
export function batchesOf(lines) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const line of lines) {
    const size = utf8.encode(line).length + metadataBytes;
    if (batch.length > 0 && (batch.length === maxMessages || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(line);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

// text: the QueueSend effect's body, one message per line (core/ports/queue.hpp), sent as text.
export async function sendLines(queue, text) {
  const lines = text.split('\n').filter((line) => line !== '');
  await Promise.all(batchesOf(lines).map((batch) => queue.sendBatch(batch.map((body) => ({ body, contentType: 'text' })))));
}
