// The core as the worker sees it: one module instance per isolate, replaced after a
// trap, and the loop that drives a run: poll its effects, execute the batch
// concurrently, resume with the results, until it is done.
import { CoreInstance, InstanceDead } from './instance.js';
import {
  encodeAlarmCall,
  encodeHttpCall,
  encodeObjectCall,
  encodeQueueCall,
  encodeRequestId,
  encodeTimedCall,
  readHttpResponse,
  readNothing,
  readOutcomes,
  readReply,
} from './messages.js';
import { expectString } from './wire.js';

export { InstanceDead };

export class Core {
  #module;
  #settings;
  #instance;

  constructor(module, settings) {
    this.#module = module;
    this.#settings = settings;
    this.#instance = new CoreInstance(module, this.#settings);
  }

  // The only request headers http() needs to be given (the same for every instance).
  get requestHeaders() {
    return this.#instance.requestHeaders;
  }

  // The longest request body http() may be given; a longer one is reported, not read.
  get maxBodyBytes() {
    return this.#instance.maxBodyBytes;
  }

  // execute(effects, requestId) -> results (effects.js).
  // -> { status, headers, body }; throws InstanceDead when the module trapped.
  http(request, requestId, execute) {
    const now = Date.now();
    expectString(requestId);  // it comes back in X-Request-Id
    const encode = (out) => encodeHttpCall(out, request, requestId, now);
    return this.#drive('flagport_http', encode, readHttpResponse, requestId, execute);
  }

  // -> the reply bytes for the caller of the ObjectCall effect.
  object(objectId, method, args, requestId, execute) {
    const now = Date.now();
    const encode = (out) => encodeObjectCall(out, objectId, method, args, requestId, now);
    return this.#drive('flagport_object', encode, readReply, requestId, execute);
  }

  alarm(objectId, requestId, execute) {
    const now = Date.now();
    const encode = (out) => encodeAlarmCall(out, objectId, requestId, now);
    return this.#drive('flagport_alarm', encode, readNothing, requestId, execute);
  }

  // The periodic work (a cron trigger): -> the core's JSON report, as bytes.
  scheduled(requestId, execute) {
    const now = Date.now();
    const encode = (out) => encodeTimedCall(out, requestId, now);
    return this.#drive('flagport_scheduled', encode, readReply, requestId, execute);
  }

  // A batch of the queue `queueName`: messages [{ id, body: string, attempts }] -> one
  // MessageOutcome per message, in the batch's order.
  queue(queueName, messages, requestId, execute) {
    const now = Date.now();
    const encode = (out) => encodeQueueCall(out, queueName, messages, requestId, now);
    return this.#drive('flagport_queue', encode, readOutcomes, requestId, execute);
  }

  // Whether runs left work for after their responses (App::has_pending_work): the core
  // decides, this only asks. False once the instance is dead: its work died with it.
  get hasPendingWork() {
    return this.#instance.hasPendingWork();
  }

  // That work (App::after), to run once the response is on its way (ctx.waitUntil).
  after(requestId, execute) {
    const now = Date.now();
    const encode = (out) => encodeTimedCall(out, requestId, now);
    return this.#drive('flagport_after', encode, readNothing, requestId, execute);
  }

  // The `error` envelope for a request whose instance trapped, rendered by the core
  // like every other answer; the dead instance is replaced first.
  internalError(requestId) {
    const encode = (out) => encodeRequestId(out, requestId);
    return this.#drive('flagport_internal_error', encode, readHttpResponse, requestId, () => []);
  }

  #current() {
    if (this.#instance.dead) this.#instance = new CoreInstance(this.#module, this.#settings);
    return this.#instance;
  }

  async #drive(entry, encode, readResult, requestId, execute) {
    const instance = this.#current();
    const run = instance.start(entry, encode);
    try {
      for (;;) {
        const poll = instance.poll(run, readResult);
        if (poll.done) return poll.result;
        instance.resume(run, await execute(poll.effects, requestId));
      }
    } finally {
      instance.free(run);
    }
  }
}
