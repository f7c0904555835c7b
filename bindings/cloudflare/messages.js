// The messages of the wasm boundary; layouts in wasm/messages.hpp.
// The encoders write into the Writer they are given, the decoders read from the Reader
// they are given (wire.js).

export const Outcome = Object.freeze({ ok: 0, notFound: 1, failed: 2 });

// What becomes of a queue message (core/queue/queue_message.hpp).
export const MessageOutcome = Object.freeze({ done: 0, retry: 1 });

export function encodeSettings(out, settings) {
  const entries = Object.entries(settings).filter(([, value]) => value !== undefined);
  out.u32(entries.length);
  for (const [name, value] of entries) {
    out.bytes(name);
    out.bytes(String(value));
  }
}

export function decodeRequestHeaders(reader) {
  const names = [];
  for (let n = reader.u32(); n > 0; n--) names.push(reader.string());
  return names;
}

// request: { method, path, query, headers: [[name, value]], body: Uint8Array, bodyTooLarge }
export function encodeHttpCall(out, request, requestId, nowMs) {
  out.bytes(request.method);
  out.bytes(request.path);
  out.bytes(request.query);
  out.u32(request.headers.length);
  for (const [name, value] of request.headers) {
    out.bytes(name);
    out.bytes(value);
  }
  out.bytes(request.body);
  out.u8(request.bodyTooLarge ? 1 : 0);
  out.bytes(requestId);
  out.i64(nowMs);
  out.bytes(request.clientIp);
}

export function encodeObjectCall(out, objectId, method, args, requestId, nowMs) {
  out.bytes(objectId);
  out.bytes(method);
  out.bytes(args);
  out.bytes(requestId);
  out.i64(nowMs);
}

export function encodeAlarmCall(out, objectId, requestId, nowMs) {
  out.bytes(objectId);
  out.bytes(requestId);
  out.i64(nowMs);
}

export function encodeTimedCall(out, requestId, nowMs) {
  out.bytes(requestId);
  out.i64(nowMs);
}

// messages: [{ id, body: string, attempts }], a queue batch's, in its order.
export function encodeQueueCall(out, queueName, messages, requestId, nowMs) {
  out.bytes(queueName);
  out.u32(messages.length);
  for (const { id, body, attempts } of messages) {
    out.bytes(id);
    out.bytes(body);
    out.u32(attempts);
  }
  out.bytes(requestId);
  out.i64(nowMs);
}

export function encodeRequestId(out, requestId) {
  out.bytes(requestId);
}

// results: [{ outcome, body: Uint8Array | string }], one per pending effect, in order.
export function encodeResults(out, results) {
  out.u32(results.length);
  for (const { outcome, body } of results) {
    out.u8(outcome);
    out.bytes(body);
  }
}

// A poll answers either the effects a run waits for or, once done, its result.
export function decodePoll(reader, decodeResult) {
  if (reader.u8() === 1) return { done: true, result: decodeResult(reader) };
  const effects = [];
  for (let n = reader.u32(); n > 0; n--) {
    effects.push({ kind: reader.u8(), target: reader.string(), method: reader.string(), body: reader.bytes(), number: reader.i64() });
  }
  return { done: false, effects };
}

// -> { status, headers: { name: value }, body: string | null }; each name comes once, so
// the record (what workerd takes in fastest) is built by plain assignment. The body (the
// core writes only UTF-8 text) is decoded from the run's memory, where the message points
// at it; an empty one is no body at all (a 304 may not have one).
export function readHttpResponse(reader) {
  const status = reader.u32();
  const headers = {};
  for (let n = reader.u32(); n > 0; n--) {
    const name = reader.string();
    headers[name] = reader.string();
  }
  const bodyAt = reader.u32();
  const bodyLength = reader.u32();
  return { status, headers, body: bodyLength === 0 ? null : reader.textAt(bodyAt, bodyLength) };
}

export const readReply = (reader) => reader.bytes();

// -> one MessageOutcome per message of the batch, in its order.
export function readOutcomes(reader) {
  const outcomes = [];
  for (let n = reader.u32(); n > 0; n--) outcomes.push(reader.u8());
  return outcomes;
}

export const readNothing = () => undefined;
