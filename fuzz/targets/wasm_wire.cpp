// The wasm boundary's byte format (wasm/wire.cpp, wasm/messages.cpp), compiled natively.
// The first byte picks the message the rest is decoded as; a message that decodes must
// encode back to the same bytes (where its layout keeps everything), a decoded request
// is answered through encode_http_response and encode_effects, and a queue call's batch
// through encode_outcomes.
#include <string>
#include <vector>

#include "fuzz/targets/fuzz_support.hpp"
#include "wasm/messages.hpp"

namespace {

using namespace flagport;

void info(wire::Writer& out, const RequestInfo& info) {
  out.bytes(info.request_id);
  out.i64(info.now_ms);
}

// What a Writer wrote, without the frame.
std::string written(wire::Writer& out) { return out.take_framed().substr(4); }

void answer(const HttpRequest& request) {
  wire::Writer out = wire::Writer::framed();
  messages::encode_http_response(out, HttpResponse{200, request.headers, request.body});
  const std::string framed = out.take_framed();
  wire::Reader in(std::string_view(framed).substr(4));
  FUZZ_CHECK(in.u32() == 200);
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    in.bytes();
    in.bytes();
  }
  in.u32();
  FUZZ_CHECK(in.u32() == request.body.size());
  FUZZ_CHECK(in.finished());

  wire::Writer effects = wire::Writer::framed();
  messages::encode_effects(effects, {Effect{EffectKind{}, request.method, request.path, request.body, 7}});
  FUZZ_CHECK(effects.take_framed().size() == 4 + 4 + 1 + 12 + request.method.size() + request.path.size() +
                                                 request.body.size() + 8);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view in = fuzz::text(data + 1, size - 1);
  wire::Writer out = wire::Writer::framed();
  switch (data[0] % 7) {
    case 0:
      if (auto settings = messages::decode_settings(in)) {
        out.u32(static_cast<std::uint32_t>(settings->size()));
        for (const auto& [name, value] : *settings) out.bytes(name), out.bytes(value);
        FUZZ_CHECK(messages::decode_settings(written(out)) == settings);
      }
      break;
    case 1:
      if (auto call = messages::decode_http_call(in)) {
        out.bytes(call->request.method), out.bytes(call->request.path), out.bytes(call->request.query);
        out.u32(static_cast<std::uint32_t>(call->request.headers.size()));
        for (const auto& [name, value] : call->request.headers) out.bytes(name), out.bytes(value);
        out.bytes(call->request.body);
        out.u8(call->request.body_too_large ? 1 : 0);
        info(out, call->info);
        out.bytes(call->info.client_ip);
        // Any byte but 0 reads as "too large": the one place the layout does not keep a value.
        std::string expected(in);
        expected[in.size() - 4 - call->info.client_ip.size() - 8 - call->info.request_id.size() - 4 - 1] =
            call->request.body_too_large ? 1 : 0;
        FUZZ_CHECK(written(out) == expected);
        answer(call->request);
      }
      break;
    case 2:
      if (auto call = messages::decode_object_call(in)) {
        out.bytes(call->object_id), out.bytes(call->method), out.bytes(call->args);
        info(out, call->info);
        FUZZ_CHECK(written(out) == in);
      }
      break;
    case 3:  // alarm and timed calls: both end with the request's info
      if (auto call = messages::decode_alarm_call(in)) {
        out.bytes(call->object_id);
        info(out, call->info);
        FUZZ_CHECK(written(out) == in);
      }
      if (auto call = messages::decode_timed_call(in)) {
        wire::Writer again = wire::Writer::framed();
        info(again, *call);
        FUZZ_CHECK(written(again) == in);
      }
      break;
    case 4:
      if (auto id = messages::decode_request_id(in)) {
        out.bytes(*id);
        FUZZ_CHECK(written(out) == in);
      }
      break;
    case 5:
      if (auto results = messages::decode_results(in)) {
        out.u32(static_cast<std::uint32_t>(results->size()));
        for (const auto& result : *results) out.u8(static_cast<std::uint8_t>(result.outcome)), out.bytes(result.body);
        const auto again = messages::decode_results(written(out));
        FUZZ_CHECK(again && again->size() == results->size());
      }
      break;
    case 6:
      if (auto call = messages::decode_queue_call(in)) {
        out.bytes(call->queue_name);
        out.u32(static_cast<std::uint32_t>(call->batch.size()));
        for (const auto& message : call->batch) out.bytes(message.id), out.bytes(message.body), out.u32(message.attempts);
        info(out, call->info);
        FUZZ_CHECK(written(out) == in);
        wire::Writer outcomes = wire::Writer::framed();
        messages::encode_outcomes(outcomes, std::vector<MessageOutcome>(call->batch.size(), MessageOutcome::Retry));
        FUZZ_CHECK(outcomes.take_framed().size() == 4 + 4 + call->batch.size());
      }
      break;
  }
  return 0;
}
