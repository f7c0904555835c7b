// Executes the core's effects (core/task/effect.hpp) against the platform. A batch's
// effects are independent, so they run concurrently; each call is issued before the
// first await, so the storage writes of one batch reach a Durable Object together
// and commit atomically (its write coalescing).
import { Outcome } from './messages.js';
import { sendLines } from './queue-send.js';

export const Kind = Object.freeze({
  kvGet: 1,
  kvPut: 2,
  kvDelete: 3,
  objectCall: 4,
  storageGet: 5,
  storagePut: 6,
  storageDelete: 7,
  alarmSet: 8,
  sha256: 9,
  objectsDue: 10,
  queueSend: 11,
});

const noBytes = new Uint8Array(0);
const text = new TextDecoder();
// Bodies are the platform's own fresh buffers: copied once, into the module (instance.js).
const ok = (body = noBytes) => ({ outcome: Outcome.ok, body });
const notFound = () => ({ outcome: Outcome.notFound, body: noBytes });
const failed = (reason) => ({ outcome: Outcome.failed, body: reason });

// One table for every executor: each action takes (platform, effect, requestId).
const perform = {
  [Kind.kvGet]: async (platform, { target, number }) =>
    found(await platform.kv.get(target, number > 0 ? { type: 'arrayBuffer', cacheTtl: number } : { type: 'arrayBuffer' })),
  [Kind.kvPut]: async (platform, { target, body, number }) => {
    await platform.kv.put(target, body, number > 0 ? { expirationTtl: number } : {});
    return ok();
  },
  [Kind.kvDelete]: async (platform, { target }) => {
    await platform.kv.delete(target);
    return ok();
  },
  [Kind.objectCall]: async (platform, { target, method, body }, requestId) =>
    ok(await platform.objects.call(target, method, body, requestId)),
  [Kind.storageGet]: async (platform, { target }) => found(await inObject(platform).get(target)),
  [Kind.storagePut]: async (platform, { target, body }) => {
    await inObject(platform).put(target, body);
    return ok();
  },
  [Kind.storageDelete]: async (platform, { target }) => {
    await inObject(platform).delete(target);
    return ok();
  },
  [Kind.alarmSet]: async (platform, { number }) => {
    if (number > 0) await inObject(platform).setAlarm(number);
    else await inObject(platform).deleteAlarm();
    return ok();
  },
  [Kind.sha256]: async (_platform, { body }) => ok(await crypto.subtle.digest('SHA-256', body)),
  // Each Durable Object's alarm fires by itself: the sweep wakes every published object.
  [Kind.objectsDue]: async (platform, { target }) => {
    const ids = [];
    let cursor;
    do {
      const page = await platform.kv.list({ prefix: target, cursor });
      for (const { name } of page.keys) ids.push(name.slice(target.length));
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    return ok(ids.join('\n'));
  },
  // Ok once Queues accepted every message; a failed call fails the effect (the core may send
  // again: consumers recognise a message by the id in its body).
  [Kind.queueSend]: async (platform, { target, body }) => {
    await sendLines(platform.queue(target), text.decode(body));
    return ok();
  },
};

async function execute(platform, effect, requestId) {
  try {
    const action = perform[effect.kind];
    if (!action) return failed(`unknown effect kind ${effect.kind}`);
    return await action(platform, effect, requestId);
  } catch (error) {
    return failed(String(error?.message ?? error));
  }
}

// platform: { kv, objects, queue, storage? } (bindings.js); storage only inside a Durable Object.
// Built once per platform; -> (effects, requestId) -> Promise of their results, in order.
export function effectExecutor(platform) {
  return (effects, requestId) => Promise.all(effects.map((effect) => execute(platform, effect, requestId)));
}

function found(value) {
  return value === null || value === undefined ? notFound() : ok(value);
}

function inObject(platform) {
  if (!platform.storage) throw new Error('object storage is only reachable inside an object');
  return platform.storage;
}
