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

// How much of a body too large to read is still taken off the connection, read and
// dropped, before its stream is cancelled and the core answers: a client still uploading
// when the answer comes may lose it (workerd's own fetch does, and `wrangler dev`'s proxy
// uses it), while a sender of more than this is not one that waits for answers.
const DISCARD_BYTES = 16 * 1024 * 1024;

async function discard(reader) {
  try {
    for (let left = DISCARD_BYTES; left > 0; ) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing is left to discard
  }
}

const unread = { body: noBody, bodyTooLarge: true };

// The body, never kept beyond `limit` bytes (the core's limit): one large request must
// not grow the module's memory or the isolate's. A longer body is only reported
// (`bodyTooLarge`), and the core answers for it as for any body over its limit.
async function bodyOf(request, limit) {
  // A request without a body (every GET) skips the stream read.
  if (request.body === null) return { body: noBody, bodyTooLarge: false };
  const declared = request.headers.get('content-length');
  if (declared !== null && /^[0-9]+$/.test(declared)) {
    if (Number(declared) > limit) {
      await discard(request.body.getReader());
      return unread;
    }
    // The platform frames the body by its Content-Length: it holds at most `limit` bytes.
    return { body: new Uint8Array(await request.arrayBuffer()), bodyTooLarge: false };
  }
  // No length given (chunked): read up to the limit, and stop keeping it once it is passed.
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discard(reader);
      return unread;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body, bodyTooLarge: false };
}

// maxBodyBytes: the core's limit (Core.maxBodyBytes).
export async function requestFrom(request, headerNames, maxBodyBytes) {
  const [path, query] = pathAndQuery(request.url);
  const { body, bodyTooLarge } = await bodyOf(request, maxBodyBytes);
  return {
    method: request.method.toUpperCase(),
    path,
    query,
    headers: headersNamed(request.headers, headerNames),
    body,
    bodyTooLarge,
    // Set by Cloudflare's edge (and by wrangler dev), never by the client: audit entries' source.
    clientIp: request.headers.get('cf-connecting-ip') ?? '',
  };
}

// headers: the record the core wrote (bindings/cloudflare/messages.js), taken as it is.
export function responseFrom({ status, headers, body }) {
  return new Response(body, { status, headers });
}
