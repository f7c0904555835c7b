// An in-memory platform for driving the modules in Node (no workerd): KV and
// per-object storage in Maps, object calls run one at a time per object, in `objectCore`
// (the Core of flagport-object.wasm). With jitterMs, every operation answers after a random
// delay so that runs interleave.
import { effectExecutor } from "../../bindings/cloudflare/effects.js";

export function memoryPlatform(objectCore, { jitterMs = 5 } = {}) {
  const later = (value) =>
    jitterMs > 0 ? new Promise((resolve) => setTimeout(() => resolve(value), Math.random() * jitterMs)) : Promise.resolve(value);
  const memoryStorage = (map = new Map()) => ({
    get: async (key) => later(map.get(key)),
    put: async (key, value) => later(void map.set(key, new Uint8Array(value))),
    delete: async (key) => later(void map.delete(key)),
    setAlarm: async (epochMs) => later(void map.set("alarm (test bookkeeping)", epochMs)),
    deleteAlarm: async () => later(void map.delete("alarm (test bookkeeping)")),
  });

  const kvMap = new Map();
  const objects = new Map();  // object id -> { storage, queue }
  const platform = {
    kv: {
      get: async (key) => later(kvMap.has(key) ? kvMap.get(key).slice().buffer : null),
      put: async (key, value) => later(void kvMap.set(key, new Uint8Array(value))),
      delete: async (key) => later(void kvMap.delete(key)),
    },
    objects: {
      call(objectId, method, args, requestId) {
        if (!objects.has(objectId)) objects.set(objectId, { storage: memoryStorage(), queue: Promise.resolve() });
        const object = objects.get(objectId);
        const execute = effectExecutor({ ...platform, storage: object.storage });
        const reply = object.queue.then(() => objectCore.object(objectId, method, args, requestId, execute));
        object.queue = reply.catch(() => {});
        return reply;
      },
    },
  };
  return { platform, kv: kvMap };
}
