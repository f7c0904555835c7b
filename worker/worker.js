// The Worker: HTTP requests into App::http, answered with the core's envelope; cron
// triggers into App::scheduled; queue batches into App::queue, each message acknowledged or
// retried as the core answers.
import { platformFrom } from '../bindings/cloudflare/bindings.js';
import { InstanceDead } from '../bindings/cloudflare/core.js';
import { effectExecutor } from '../bindings/cloudflare/effects.js';
import { requestFrom, responseFrom } from '../bindings/cloudflare/http.js';
import { MessageOutcome } from '../bindings/cloudflare/messages.js';
import { core, objectCore } from './core.js';
import { logError } from './log.js';
import { requestIdOf } from './request-id.js';

// Built once per env (one per isolate), not per request.
const executors = new WeakMap();

function executorFor(env) {
  let execute = executors.get(env);
  if (!execute) executors.set(env, (execute = effectExecutor(platformFrom(env))));
  return execute;
}

// Producers send text (contentType "text"); any other body is handed over as its JSON.
const messageOf = ({ id, body, attempts }) => ({ id, body: typeof body === 'string' ? body : JSON.stringify(body), attempts });

// The work after a response: a trap in it is logged (the instance is replaced for the next
// request); the response went out already.
async function runAfter(flagport, requestId, execute) {
  try {
    await flagport.after(requestId, execute);
  } catch (error) {
    if (!(error instanceof InstanceDead)) throw error;
    logError('wasm.trap', { requestId, where: 'after', error: String(error.cause) });
  }
}

export const worker = {
  async fetch(request, env, ctx) {
    const requestId = requestIdOf(request);
    const execute = executorFor(env);
    try {
      const flagport = core();
      const converted = await requestFrom(request, flagport.requestHeaders, flagport.maxBodyBytes);
      const response = await flagport.http(converted, requestId, execute);
      // Work the core left for after its answer (a flag set's refresh) holds up no response.
      if (flagport.hasPendingWork) ctx.waitUntil(runAfter(flagport, requestId, execute));
      return responseFrom(response);
    } catch (error) {
      if (!(error instanceof InstanceDead)) throw error;
      logError('wasm.trap', { requestId, where: 'fetch', error: String(error.cause) });
      return responseFrom(await core().internalError(requestId));
    }
  },

  // Consuming is store work: it runs in the objects' module (wasm/exports.cpp), which leaves
  // no work for after a run.
  async queue(batch, env) {
    const requestId = crypto.randomUUID();
    let outcomes;
    try {
      outcomes = await objectCore().queue(batch.queue, batch.messages.map(messageOf), requestId, executorFor(env));
    } catch (error) {
      if (!(error instanceof InstanceDead)) throw error;
      logError('wasm.trap', { requestId, where: 'queue', queue: batch.queue, error: String(error.cause) });
      batch.retryAll();  // every message comes back; the queue's retry limit still applies
      return;
    }
    batch.messages.forEach((message, i) => (outcomes[i] === MessageOutcome.done ? message.ack() : message.retry()));
  },

  async scheduled(controller, env) {
    const requestId = crypto.randomUUID();
    try {
      await core().scheduled(requestId, executorFor(env));
    } catch (error) {
      if (error instanceof InstanceDead) logError('wasm.trap', { requestId, where: 'scheduled', cron: controller.cron, error: String(error.cause) });
      throw error;  // the platform records the trigger as failed
    }
  },
};
