// The request id of X-Request-Id. Cloudflare names every request (cf-ray); elsewhere
// (wrangler dev, a bare workerd) the isolate numbers its own: a random prefix drawn at the
// first request (random values are refused at global scope) and a counter, far cheaper
// than a UUID per request.
let isolatePrefix = null;
let requestCount = 0;

export function requestIdOf(request) {
  const ray = request.headers.get('cf-ray');
  if (ray) return ray;
  isolatePrefix ??= crypto.randomUUID();
  return `${isolatePrefix}-${++requestCount}`;
}
