// The Worker: HTTP requests into App::http, answered with the core's envelope.
import { platformFrom } from '../bindings/cloudflare/bindings.js';
import { InstanceDead } from '../bindings/cloudflare/core.js';
import { effectExecutor } from '../bindings/cloudflare/effects.js';
import { requestFrom, responseFrom } from '../bindings/cloudflare/http.js';
import { core } from './core.js';
import { logError } from './log.js';

// Built once per env (one per isolate), not per request.
const executors = new WeakMap();

function executorFor(env) {
  let execute = executors.get(env);
  if (!execute) executors.set(env, (execute = effectExecutor(platformFrom(env))));
  return execute;
}

export const worker = {
  async fetch(request, env) {
    const requestId = request.headers.get('cf-ray') ?? crypto.randomUUID();
    const execute = executorFor(env);
    try {
      return responseFrom(await core().http(await requestFrom(request), requestId, execute));
    } catch (error) {
      if (!(error instanceof InstanceDead)) throw error;
      logError('wasm.trap', { requestId, where: 'fetch', error: String(error.cause) });
      return responseFrom(await core().internalError(requestId));
    }
  },
};
