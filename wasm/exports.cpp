// The module's exported ABI: the only way in. Buffers passed in are owned by the
// caller (flagport_alloc / flagport_free); buffers handed out belong to their run.
// A run handle is 0 when the input was malformed or the module is not initialised.
//
//   flagport_alloc(size) -> ptr          flagport_free(ptr)
//   flagport_init(settings, len) -> 0 | 1 (malformed) | 2 (already initialised)
//   flagport_request_headers() -> ptr    [u32 length][u32 count][names]: the only request
//                                        headers flagport_http needs to be given
//   flagport_max_body_bytes() -> n       the longest request body the core reads: the host
//                                        reads no further, it reports a longer one as such
//   flagport_http(call, len) -> run      an HTTP request, answered by App::http
//   flagport_object(call, len) -> run    a method of an object, App::object
//   flagport_alarm(call, len) -> run     an object's alarm, App::alarm
//   flagport_scheduled(call, len) -> run the periodic work (cron trigger), App::scheduled
//   flagport_internal_error(id, len) -> run   the `error` envelope for a request whose
//                                        instance trapped (rendered by a fresh one)
//   flagport_poll(run) -> ptr            [u32 length][pending effects | done + result]
//   flagport_resume(run, results, len) -> 0 | 1 (malformed results, or the run waits for
//                                        nothing; the run is unchanged)
//   flagport_run_free(run)
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/app.hpp"
#include "core/http/envelope.hpp"
#include "core/http/limits.hpp"
#include "core/http/request_headers.hpp"
#include "wasm/host_run.hpp"
#include "wasm/wire.hpp"

#define FLAGPORT_EXPORT(name) extern "C" __attribute__((used, export_name(#name)))

namespace flagport {
namespace {

// The provider this module serves (the X-Flagport-Provider header).
constexpr std::string_view kProvider = "cloudflare";

// The service lives as long as the instance: settings are read once, at init.
App* app = nullptr;

std::string_view view(const std::uint8_t* data, std::uint32_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace
}  // namespace flagport

using namespace flagport;

FLAGPORT_EXPORT(flagport_alloc) std::uint8_t* flagport_alloc(std::uint32_t size) {
  return static_cast<std::uint8_t*>(std::malloc(size ? size : 1));
}

FLAGPORT_EXPORT(flagport_free) void flagport_free(std::uint8_t* data) { std::free(data); }

FLAGPORT_EXPORT(flagport_init) std::int32_t flagport_init(const std::uint8_t* data, std::uint32_t size) {
  if (app) return 2;
  auto env = messages::decode_settings(view(data, size));
  if (!env) return 1;
  app = new App(Settings::from(*env));
  return 0;
}

FLAGPORT_EXPORT(flagport_request_headers) const std::uint8_t* flagport_request_headers() {
  static const std::string names = [] {
    wire::Writer out = wire::Writer::framed();
    out.u32(static_cast<std::uint32_t>(kRequestHeaderNames.size()));
    for (std::string_view name : kRequestHeaderNames) out.bytes(name);
    return out.take_framed();
  }();
  return reinterpret_cast<const std::uint8_t*>(names.data());
}

FLAGPORT_EXPORT(flagport_max_body_bytes) std::uint32_t flagport_max_body_bytes() {
  return static_cast<std::uint32_t>(limits::kMaxBodyBytes);
}

FLAGPORT_EXPORT(flagport_http) HostRun* flagport_http(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_http_call(view(data, size));
  if (!app || !call) return nullptr;
  return new TaskRun<HttpResponse>(
      app->http(std::move(call->request), std::move(call->info), std::string(kProvider)));
}

FLAGPORT_EXPORT(flagport_object) HostRun* flagport_object(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_object_call(view(data, size));
  if (!app || !call) return nullptr;
  return new TaskRun<std::string>(
      app->object(std::move(call->object_id), std::move(call->method), std::move(call->args), std::move(call->info)));
}

FLAGPORT_EXPORT(flagport_alarm) HostRun* flagport_alarm(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_alarm_call(view(data, size));
  if (!app || !call) return nullptr;
  return new TaskRun<void>(app->alarm(std::move(call->object_id), std::move(call->info)));
}

FLAGPORT_EXPORT(flagport_scheduled) HostRun* flagport_scheduled(const std::uint8_t* data, std::uint32_t size) {
  auto info = messages::decode_scheduled_call(view(data, size));
  if (!app || !info) return nullptr;
  return new TaskRun<std::string>(app->scheduled(std::move(*info)));
}

FLAGPORT_EXPORT(flagport_internal_error) HostRun* flagport_internal_error(const std::uint8_t* data, std::uint32_t size) {
  auto id = messages::decode_request_id(view(data, size));
  if (!id) return nullptr;
  return new ReadyRun(render_envelope(internal_error(*id), kProvider, *id));
}

FLAGPORT_EXPORT(flagport_poll) const std::uint8_t* flagport_poll(HostRun* run) {
  return reinterpret_cast<const std::uint8_t*>(run->poll().data());
}

FLAGPORT_EXPORT(flagport_resume) std::int32_t flagport_resume(HostRun* run, const std::uint8_t* data, std::uint32_t size) {
  auto results = messages::decode_results(view(data, size));
  if (!results || run->done()) return 1;
  run->resume(std::move(*results));
  return 0;
}

FLAGPORT_EXPORT(flagport_run_free) void flagport_run_free(HostRun* run) { delete run; }
