// Platform Request/Response <-> the core's HTTP value types (core/http/request.hpp).

const noBody = new Uint8Array(0);

export async function requestFrom(request) {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    query: url.search.slice(1),
    headers: [...request.headers],  // names arrive lower case
    // A request without a body (every GET) skips the stream read.
    body: request.body === null ? noBody : new Uint8Array(await request.arrayBuffer()),
  };
}

export function responseFrom({ status, headers, body }) {
  return new Response(body, { status, headers });
}
