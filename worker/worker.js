// The Worker: HTTP requests into App::http, answered with the core's envelope.
import { platformFrom } from '../bindings/cloudflare/bindings.js';
import { InstanceDead } from '../bindings/cloudflare/core.js';
import { effectExecutor } from '../bindings/cloudflare/effects.js';
import { requestFrom, responseFrom } from '../bindings/cloudflare/http.js';
import { core } from './core.js';
import { logError } from './log.js';

export const worker = {
  async fetch(request, env) {
    const requestId = request.headers.get('cf-ray') ?? crypto.randomUUID();
    const execute = effectExecutor(platformFrom(env), requestId);
    try {
      return responseFrom(await core().http(await requestFrom(request), requestId, execute));
    } catch (error) {
      if (!(error instanceof InstanceDead)) throw error;
      logError('wasm.trap', { requestId, where: 'fetch', error: String(error.cause) });
      return responseFrom(await core().internalError(requestId));
    }
  },
};
