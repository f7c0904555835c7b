// Platform Request/Response <-> the core's HTTP value types (core/http/request.hpp).

export async function requestFrom(request) {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    query: url.search.slice(1),
    headers: [...request.headers],  // names arrive lower case
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

export function responseFrom({ status, headers, body }) {
  return new Response(body, { status, headers });
}
