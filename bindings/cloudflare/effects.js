// Executes the core's effects (core/task/effect.hpp) against the platform. A batch's
// effects are independent, so they run concurrently; each call is issued before the
// first await, so the storage writes of one batch reach a Durable Object together
// and commit atomically (its write coalescing).
import { Outcome } from './messages.js';

const Kind = Object.freeze({
  kvGet: 1,
  kvPut: 2,
  kvDelete: 3,
  objectCall: 4,
  storageGet: 5,
  storagePut: 6,
  storageDelete: 7,
  alarmSet: 8,
  sha256: 9,
});

const ok = (body = new Uint8Array(0)) => ({ outcome: Outcome.ok, body: new Uint8Array(body) });
const notFound = () => ({ outcome: Outcome.notFound, body: new Uint8Array(0) });
const failed = (reason) => ({ outcome: Outcome.failed, body: reason });

// platform: { kv, objects, storage? } (bindings.js); storage only inside a Durable Object.
export function effectExecutor(platform, requestId) {
  const perform = {
    [Kind.kvGet]: async ({ target, number }) =>
      found(await platform.kv.get(target, number > 0 ? { type: 'arrayBuffer', cacheTtl: number } : { type: 'arrayBuffer' })),
    [Kind.kvPut]: async ({ target, body, number }) => {
      await platform.kv.put(target, body, number > 0 ? { expirationTtl: number } : {});
      return ok();
    },
    [Kind.kvDelete]: async ({ target }) => {
      await platform.kv.delete(target);
      return ok();
    },
    [Kind.objectCall]: async ({ target, method, body }) =>
      ok(await platform.objects.call(target, method, body, requestId)),
    [Kind.storageGet]: async ({ target }) => found(await inObject(platform).get(target)),
    [Kind.storagePut]: async ({ target, body }) => {
      await inObject(platform).put(target, body);
      return ok();
    },
    [Kind.storageDelete]: async ({ target }) => {
      await inObject(platform).delete(target);
      return ok();
    },
    [Kind.alarmSet]: async ({ number }) => {
      await inObject(platform).setAlarm(number);
      return ok();
    },
    [Kind.sha256]: async ({ body }) => ok(await crypto.subtle.digest('SHA-256', body)),
  };

  const execute = async (effect) => {
    try {
      const action = perform[effect.kind];
      if (!action) return failed(`unknown effect kind ${effect.kind}`);
      return await action(effect);
    } catch (error) {
      return failed(String(error?.message ?? error));
    }
  };

  return (effects) => Promise.all(effects.map(execute));
}

function found(value) {
  return value === null || value === undefined ? notFound() : ok(value);
}

function inObject(platform) {
  if (!platform.storage) throw new Error('object storage is only reachable inside an object');
  return platform.storage;
}
