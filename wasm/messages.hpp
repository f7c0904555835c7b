// The messages that cross the wasm boundary, in the byte format of wire.hpp.
// Layouts (mirrored by bindings/cloudflare/messages.js):
//
//   settings      u32 n, n x (bytes name, bytes value)
//   http request  bytes method, bytes path, bytes query, u32 n, n x (bytes name, bytes value),
//                 bytes body, u8 body_too_large (1: not read, longer than the limit),
//                 bytes request_id, i64 now_ms
//   object call   bytes object_id, bytes method, bytes args, bytes request_id, i64 now_ms
//   alarm         bytes object_id, bytes request_id, i64 now_ms
//   timed call    bytes request_id, i64 now_ms   (the cron trigger's scheduled work; the work
//                 after a response)
//   queue call    bytes queue_name, u32 n, n x (bytes id, bytes body, u32 attempts),
//                 bytes request_id, i64 now_ms   (a batch of a queue's messages)
//   request id    bytes request_id
//   poll          u8 0 (pending), u32 n, n x (u8 kind, bytes target, bytes method, bytes body, i64 number)
//                 u8 1 (done), then the result: http response | bytes reply (object, scheduled)
//                 | outcomes (queue) | nothing (alarm, after)
//   http response u32 status, u32 n, n x (bytes name, bytes value), u32 body address,
//                 u32 body length (each name once: a repeated name's values joined with ", ";
//                 the body is not copied: the host reads it where the run keeps it)
//   outcomes      u32 n, n x u8 outcome (0 done, 1 retry)  one per message of the batch, in order
//   results       u32 n, n x (u8 outcome, bytes body)      one per pending effect, in order
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/http/request.hpp"
#include "core/http/response.hpp"
#include "core/queue/queue_message.hpp"
#include "core/task/effect.hpp"
#include "wasm/wire.hpp"

namespace flagport::messages {

enum class PollState : std::uint8_t { Pending = 0, Done = 1 };

struct HttpCall {
  HttpRequest request;
  RequestInfo info;
};

struct ObjectCall {
  std::string object_id;
  std::string method;
  std::string args;
  RequestInfo info;
};

struct AlarmCall {
  std::string object_id;
  RequestInfo info;
};

struct QueueCall {
  std::string queue_name;
  std::vector<QueueMessage> batch;
  RequestInfo info;
};

// Each decoder answers nothing when the input is malformed or has trailing bytes.
std::optional<std::map<std::string, std::string>> decode_settings(std::string_view in);
std::optional<HttpCall> decode_http_call(std::string_view in);
std::optional<ObjectCall> decode_object_call(std::string_view in);
std::optional<AlarmCall> decode_alarm_call(std::string_view in);
std::optional<RequestInfo> decode_timed_call(std::string_view in);
std::optional<QueueCall> decode_queue_call(std::string_view in);
std::optional<std::string> decode_request_id(std::string_view in);
std::optional<std::vector<EffectResult>> decode_results(std::string_view in);

void encode_effects(wire::Writer& out, const std::vector<Effect>& effects);
void encode_outcomes(wire::Writer& out, const std::vector<MessageOutcome>& outcomes);
// Each header name goes once, so the host can build the record workerd takes fastest
// (a plain object) by assignment. Joining repeated names with ", " is what HTTP allows
// for every header the core sends (it sends no Set-Cookie). The body (a bulk answer is
// tens of kilobytes) is handed over by its address in the module's memory: `response`
// must outlive the host's read of it.
void encode_http_response(wire::Writer& out, const HttpResponse& response);

}  // namespace flagport::messages
