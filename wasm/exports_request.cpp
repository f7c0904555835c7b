// The Worker module's entry points (flagport.wasm; the ABI is listed in exports.cpp).
#include <cstdint>
#include <string>

#include "core/http/envelope.hpp"
#include "wasm/exports.hpp"
#include "wasm/host_run.hpp"

using namespace flagport;
using wasm_exports::app;
using wasm_exports::kProvider;
using wasm_exports::view;

FLAGPORT_EXPORT(flagport_http) HostRun* flagport_http(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_http_call(view(data, size));
  if (!app() || !call) return nullptr;
  return new TaskRun<HttpResponse>(
      app()->http(std::move(call->request), std::move(call->info), std::string(kProvider)));
}

FLAGPORT_EXPORT(flagport_scheduled) HostRun* flagport_scheduled(const std::uint8_t* data, std::uint32_t size) {
  auto info = messages::decode_timed_call(view(data, size));
  if (!app() || !info) return nullptr;
  return new TaskRun<std::string>(app()->scheduled(std::move(*info)));
}

FLAGPORT_EXPORT(flagport_has_pending_work) std::uint32_t flagport_has_pending_work() {
  return app() && app()->has_pending_work() ? 1 : 0;
}

FLAGPORT_EXPORT(flagport_after) HostRun* flagport_after(const std::uint8_t* data, std::uint32_t size) {
  auto info = messages::decode_timed_call(view(data, size));
  if (!app() || !info) return nullptr;
  return new TaskRun<void>(app()->after(std::move(*info)));
}

FLAGPORT_EXPORT(flagport_internal_error) HostRun* flagport_internal_error(const std::uint8_t* data, std::uint32_t size) {
  auto id = messages::decode_request_id(view(data, size));
  if (!id) return nullptr;
  return new ReadyRun(render_envelope(internal_error(*id), kProvider, *id));
}
