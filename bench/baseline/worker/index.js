// The baseline Worker (bench only): bench/baseline/service.mjs on Workers KV and WebCrypto.
import { requestIdOf } from '../../../worker/request-id.js';
import { BaselineService } from '../service.mjs';

let service = null;

async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export default {
  async fetch(request, env) {
    service ??= new BaselineService({ readRecord: (key) => env.FLAGS_KV.get(key, { type: 'text' }), sha256Hex });
    const requestId = requestIdOf(request);
    const { pathname } = new URL(request.url);
    const { status, headers, body } = await service.handle(request.method, pathname, (name) => request.headers.get(name), await request.text());
    // Flagport's response contract (DESIGN §2) names the provider and the request in headers
    const contract = { ...headers, 'x-flagport-provider': 'cloudflare', 'x-request-id': requestId };
    return new Response(status === 304 ? null : body, { status, headers: contract });
  },
};
