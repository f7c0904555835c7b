// ProjectObject: the Durable Object behind every project (DESIGN §4), SQLite-backed.
// Calls arrive over RPC from the Worker's ObjectCall effects; each runs App::object
// with this object's storage, one at a time (blockConcurrencyWhile), so a method
// that awaits KV or crypto still cannot interleave with another.
import { DurableObject } from 'cloudflare:workers';
import { platformFrom } from '../bindings/cloudflare/bindings.js';
import { InstanceDead } from '../bindings/cloudflare/core.js';
import { effectExecutor } from '../bindings/cloudflare/effects.js';
import { objectCore } from './core.js';
import { logError } from './log.js';

// The alarm handler is told nothing, so the object remembers which id it serves:
// host bookkeeping, written once, under a prefix none of the core's keys have
// ("state" and the write-once keys of core/store/project_object.cpp).
const objectIdKey = 'flagport:object-id';

export class ProjectObject extends DurableObject {
  #objectIdStored = false;
  #execute = effectExecutor(platformFrom(this.env, this.ctx.storage));

  async invoke(objectId, method, args, requestId) {
    const outcome = await this.#serially(requestId, async (execute) => {
      if (!this.#objectIdStored) {
        if ((await this.ctx.storage.get(objectIdKey)) !== objectId) await this.ctx.storage.put(objectIdKey, objectId);
        this.#objectIdStored = true;
      }
      return objectCore().object(objectId, method, args, requestId, execute);
    });
    if (outcome.trapped) throw new Error(`object method ${method} failed: the wasm instance trapped`);
    return outcome.value;
  }

  async alarm() {
    const requestId = crypto.randomUUID();
    const outcome = await this.#serially(requestId, async (execute) => {
      const objectId = await this.ctx.storage.get(objectIdKey);
      if (objectId !== undefined) await objectCore().alarm(objectId, requestId, execute);
    });
    // Throwing makes the platform retry the alarm with backoff.
    if (outcome.trapped) throw new Error('object alarm failed: the wasm instance trapped');
  }

  // Runs `work` with nothing else delivered to this object meanwhile. A trap is
  // caught inside: blockConcurrencyWhile would reset the object if it threw.
  #serially(requestId, work) {
    return this.ctx.blockConcurrencyWhile(async () => {
      try {
        return { value: await work(this.#execute) };
      } catch (error) {
        if (!(error instanceof InstanceDead)) throw error;
        logError('wasm.trap', { requestId, where: 'object', error: String(error.cause) });
        return { trapped: true };
      }
    });
  }
}
