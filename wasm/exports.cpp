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
//   flagport_poll(run) -> ptr            [u32 length][pending effects | done + result]
//   flagport_resume(run, results, len) -> 0 | 1 (malformed results, or the run waits for
//                                        nothing; the run is unchanged)
//   flagport_run_free(run)
//
// Two modules carry the same core, each with the entry points its callers need, so that the
// request path does not carry the store's code (and neither grows with the other):
// flagport.wasm, the Worker's (exports_request.cpp):
//   flagport_http(call, len) -> run      an HTTP request, answered by App::http
//   flagport_scheduled(call, len) -> run the periodic work (cron trigger), App::scheduled
//   flagport_has_pending_work() -> 0 | 1 whether runs left work for after their responses
//   flagport_after(call, len) -> run     that work (App::after), for ctx.waitUntil
//   flagport_internal_error(id, len) -> run   the `error` envelope for a request whose
//                                        instance trapped (rendered by a fresh one)
// flagport-object.wasm, the Durable Objects' and the queue consumer's (exports_object.cpp):
//   flagport_object(call, len) -> run    a method of an object, App::object
//   flagport_alarm(call, len) -> run     an object's alarm, App::alarm
//   flagport_queue(call, len) -> run     a batch of a queue's messages, App::queue: one
//                                        outcome per message (done / retry). Here, not in
//                                        flagport.wasm: consuming is store work (object calls),
//                                        which the request path does not carry
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/http/limits.hpp"
#include "core/http/request_headers.hpp"
#include "wasm/exports.hpp"
#include "wasm/host_run.hpp"
#include "wasm/wire.hpp"

namespace flagport::wasm_exports {
namespace {
App* instance = nullptr;
}  // namespace

App* app() { return instance; }

}  // namespace flagport::wasm_exports

using namespace flagport;
using wasm_exports::view;


FLAGPORT_EXPORT(flagport_alloc) std::uint8_t* flagport_alloc(std::uint32_t size) {
  return static_cast<std::uint8_t*>(std::malloc(size ? size : 1));
}

FLAGPORT_EXPORT(flagport_free) void flagport_free(std::uint8_t* data) { std::free(data); }

FLAGPORT_EXPORT(flagport_init) std::int32_t flagport_init(const std::uint8_t* data, std::uint32_t size) {
  if (wasm_exports::instance) return 2;
  auto env = messages::decode_settings(view(data, size));
  if (!env) return 1;
  wasm_exports::instance = new App(Settings::from(*env));
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
  return static_cast<std::uint32_t>(limits::kMaxReadBodyBytes);
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
