// The core as the worker sees it: one module instance per isolate, replaced after a
// trap, and the loop that drives a run: poll its effects, execute the batch
// concurrently, resume with the results, until it is done.
import { CoreInstance, InstanceDead } from './instance.js';
import {
  encodeAlarmCall,
  encodeHttpCall,
  encodeObjectCall,
  encodeRequestId,
  encodeSettings,
  readHttpResponse,
  readNothing,
  readReply,
} from './messages.js';

export { InstanceDead };

export class Core {
  #module;
  #settings;
  #instance;

  constructor(module, settings) {
    this.#module = module;
    this.#settings = encodeSettings(settings);
    this.#instance = new CoreInstance(module, this.#settings);
  }

  // -> { status, headers, body }; throws InstanceDead when the module trapped.
  http(request, requestId, execute) {
    return this.#drive('flagport_http', encodeHttpCall(request, requestId, Date.now()), readHttpResponse, execute);
  }

  // -> the reply bytes for the caller of the ObjectCall effect.
  object(objectId, method, args, requestId, execute) {
    const call = encodeObjectCall(objectId, method, args, requestId, Date.now());
    return this.#drive('flagport_object', call, readReply, execute);
  }

  alarm(objectId, requestId, execute) {
    return this.#drive('flagport_alarm', encodeAlarmCall(objectId, requestId, Date.now()), readNothing, execute);
  }

  // The `error` envelope for a request whose instance trapped, rendered by the core
  // like every other answer; the dead instance is replaced first.
  internalError(requestId) {
    return this.#drive('flagport_internal_error', encodeRequestId(requestId), readHttpResponse, () => []);
  }

  #current() {
    if (this.#instance.dead) this.#instance = new CoreInstance(this.#module, this.#settings);
    return this.#instance;
  }

  async #drive(entry, payload, readResult, execute) {
    const instance = this.#current();
    const run = instance.start(entry, payload);
    try {
      for (;;) {
        const poll = instance.poll(run, readResult);
        if (poll.done) return poll.result;
        instance.resume(run, await execute(poll.effects));
      }
    } finally {
      instance.free(run);
    }
  }
}
