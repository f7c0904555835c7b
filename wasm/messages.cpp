#include "wasm/messages.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>


namespace flagport::messages {
namespace {

template <class T>
std::optional<T> finished(const wire::Reader& in, T value) {
  if (!in.finished()) return std::nullopt;
  return value;
}

RequestInfo read_info(wire::Reader& in) {
  RequestInfo info;
  info.request_id = in.bytes();
  info.now_ms = in.i64();
  return info;
}

// Whether a header before headers[i] has its name.
bool named_before(const Headers& headers, std::size_t i) {
  const auto same_name = [&](const auto& header) { return header.first == headers[i].first; };
  return std::any_of(headers.begin(), headers.begin() + static_cast<std::ptrdiff_t>(i), same_name);
}

}  // namespace

std::optional<std::map<std::string, std::string>> decode_settings(std::string_view bytes) {
  wire::Reader in(bytes);
  std::map<std::string, std::string> env;
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    std::string name = in.bytes();
    env[std::move(name)] = in.bytes();
  }
  return finished(in, std::move(env));
}

std::optional<HttpCall> decode_http_call(std::string_view bytes) {
  wire::Reader in(bytes);
  HttpCall call;
  call.request.method = in.bytes();
  call.request.path = in.bytes();
  call.request.query = in.bytes();
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    std::string name = in.bytes();
    call.request.headers.emplace_back(std::move(name), in.bytes());
  }
  call.request.body = in.bytes();
  call.request.body_too_large = in.u8() != 0;
  call.info = read_info(in);
  call.info.client_ip = in.bytes();
  return finished(in, std::move(call));
}

std::optional<ObjectCall> decode_object_call(std::string_view bytes) {
  wire::Reader in(bytes);
  ObjectCall call;
  call.object_id = in.bytes();
  call.method = in.bytes();
  call.args = in.bytes();
  call.info = read_info(in);
  return finished(in, std::move(call));
}

std::optional<AlarmCall> decode_alarm_call(std::string_view bytes) {
  wire::Reader in(bytes);
  AlarmCall call;
  call.object_id = in.bytes();
  call.info = read_info(in);
  return finished(in, std::move(call));
}

std::optional<RequestInfo> decode_timed_call(std::string_view bytes) {
  wire::Reader in(bytes);
  RequestInfo info = read_info(in);
  return finished(in, std::move(info));
}

std::optional<QueueCall> decode_queue_call(std::string_view bytes) {
  wire::Reader in(bytes);
  QueueCall call;
  call.queue_name = in.bytes();
  // No reserve: n comes from outside; a short input ends the loop at once.
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    QueueMessage message;
    message.id = in.bytes();
    message.body = in.bytes();
    message.attempts = in.u32();
    call.batch.push_back(std::move(message));
  }
  call.info = read_info(in);
  return finished(in, std::move(call));
}

std::optional<std::string> decode_request_id(std::string_view bytes) {
  wire::Reader in(bytes);
  std::string id = in.bytes();
  return finished(in, std::move(id));
}

std::optional<std::vector<EffectResult>> decode_results(std::string_view bytes) {
  wire::Reader in(bytes);
  std::vector<EffectResult> results;
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    auto outcome = static_cast<Outcome>(in.u8());
    if (outcome != Outcome::Ok && outcome != Outcome::NotFound) outcome = Outcome::Failed;
    results.push_back({outcome, in.bytes()});
  }
  return finished(in, std::move(results));
}

void encode_effects(wire::Writer& out, const std::vector<Effect>& effects) {
  out.u32(static_cast<std::uint32_t>(effects.size()));
  for (const auto& effect : effects) {
    out.u8(static_cast<std::uint8_t>(effect.kind));
    out.bytes(effect.target);
    out.bytes(effect.method);
    out.bytes(effect.body);
    out.i64(effect.number);
  }
}

void encode_outcomes(wire::Writer& out, const std::vector<MessageOutcome>& outcomes) {
  out.u32(static_cast<std::uint32_t>(outcomes.size()));
  for (MessageOutcome outcome : outcomes) out.u8(static_cast<std::uint8_t>(outcome));
}

void encode_http_response(wire::Writer& out, const HttpResponse& response) {
  const Headers& headers = response.headers;
  std::uint32_t names = 0;
  std::size_t size = 16;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    names += named_before(headers, i) ? 0 : 1;
    size += 10 + headers[i].first.size() + headers[i].second.size();  // a join's ", " included
  }
  out.reserve(size);

  out.u32(static_cast<std::uint32_t>(response.status));
  out.u32(names);
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (named_before(headers, i)) continue;
    const std::string& name = headers[i].first;
    out.bytes(name);
    bool repeated = false;  // rare (Vary, Allow): only then is the value copied
    std::string joined;
    for (std::size_t j = i + 1; j < headers.size(); ++j) {
      if (headers[j].first != name) continue;
      if (!repeated) joined = headers[i].second;
      repeated = true;
      joined.append(", ").append(headers[j].second);
    }
    out.bytes(repeated ? joined : headers[i].second);
  }
  out.u32(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(response.body.data())));
  out.u32(static_cast<std::uint32_t>(response.body.size()));
}

}  // namespace flagport::messages
