// Platform Request/Response <-> the core's HTTP value types (core/http/request.hpp).

const noBody = new Uint8Array(0);

// request.url is the platform's serialisation of an absolute URL (already normalised,
// no fragment), so its path and query are plain slices: no URL object per request.
function pathAndQuery(url) {
  const authority = url.indexOf('//') + 2;
  const queryStart = url.indexOf('?', authority);
  const end = queryStart < 0 ? url.length : queryStart;
  const pathStart = url.indexOf('/', authority);
  const path = pathStart < 0 || pathStart > end ? '/' : url.slice(pathStart, end);
  return [path, queryStart < 0 ? '' : url.slice(queryStart + 1)];
}

// Only the headers the core reads (`names`, lower case): each asked for by name, which in
// workerd costs a third of iterating every header the request carries.
function headersNamed(headers, names) {
  const out = [];
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) out.push([name, value]);
  }
  return out;
}

export async function requestFrom(request, headerNames) {
  const [path, query] = pathAndQuery(request.url);
  return {
    method: request.method.toUpperCase(),
    path,
    query,
    headers: headersNamed(request.headers, headerNames),
    // A request without a body (every GET) skips the stream read.
    body: request.body === null ? noBody : new Uint8Array(await request.arrayBuffer()),
  };
}

// headers: the record the core wrote (bindings/cloudflare/messages.js), taken as it is.
export function responseFrom({ status, headers, body }) {
  return new Response(body, { status, headers });
}
