// An effect is one piece of I/O the core asks its host to perform.
// The core never performs I/O itself: a suspended task hands effects out and is
// resumed with their results (DESIGN §3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flagport {

enum class EffectKind : std::uint8_t {
  KvGet = 1,         // target = key, number = edge-cache seconds (0: the platform's default)
  KvPut = 2,         // target = key, body = value, number = TTL seconds (0: none)
  KvDelete = 3,      // target = key
  ObjectCall = 4,    // target = object id, method, body = arguments
  StorageGet = 5,    // inside an object: target = key
  StoragePut = 6,    // inside an object: target = key, body = value
  StorageDelete = 7, // inside an object: target = key
  AlarmSet = 8,      // inside an object: number = epoch milliseconds to wake up at; 0: no alarm
  Sha256 = 9,        // body = bytes; result body = 32 raw digest bytes
  ObjectsDue = 10,   // number = epoch ms, target = KV prefix of published copies; result body =
                     // ids of the objects to wake, one per line (core/ports/objects.hpp)
  QueueSend = 11,    // target = queue name, body = messages, one per line (core/ports/queue.hpp)
};

std::string_view effect_kind_name(EffectKind kind);

struct Effect {
  EffectKind kind{};
  std::string target;
  std::string method;
  std::string body;
  std::int64_t number = 0;
};

enum class Outcome : std::uint8_t {
  Ok = 0,        // done; body holds the value where there is one
  NotFound = 1,  // a get found nothing
  Failed = 2,    // the host could not perform it; body holds a short reason for the log
};

struct EffectResult {
  Outcome outcome = Outcome::Failed;
  std::string body;

  bool ok() const { return outcome == Outcome::Ok; }
  bool found() const { return outcome == Outcome::Ok; }
  static EffectResult success(std::string body = {}) { return {Outcome::Ok, std::move(body)}; }
  static EffectResult not_found() { return {Outcome::NotFound, {}}; }
  static EffectResult failure(std::string reason) { return {Outcome::Failed, std::move(reason)}; }
};

}  // namespace flagport
