// The entry points of the Durable Objects' module, which also consumes queue batches
// (flagport-object.wasm; the ABI is listed in exports.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "wasm/exports.hpp"
#include "wasm/host_run.hpp"

using namespace flagport;
using wasm_exports::app;
using wasm_exports::view;

FLAGPORT_EXPORT(flagport_object) HostRun* flagport_object(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_object_call(view(data, size));
  if (!app() || !call) return nullptr;
  return new TaskRun<std::string>(
      app()->object(std::move(call->object_id), std::move(call->method), std::move(call->args), std::move(call->info)));
}

FLAGPORT_EXPORT(flagport_alarm) HostRun* flagport_alarm(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_alarm_call(view(data, size));
  if (!app() || !call) return nullptr;
  return new TaskRun<void>(app()->alarm(std::move(call->object_id), std::move(call->info)));
}

FLAGPORT_EXPORT(flagport_queue) HostRun* flagport_queue(const std::uint8_t* data, std::uint32_t size) {
  auto call = messages::decode_queue_call(view(data, size));
  if (!app() || !call) return nullptr;
  return new TaskRun<std::vector<MessageOutcome>>(
      app()->queue(std::move(call->queue_name), std::move(call->batch), std::move(call->info)));
}
