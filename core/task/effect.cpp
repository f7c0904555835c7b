#include "core/task/effect.hpp"

namespace flagport {

std::string_view effect_kind_name(EffectKind kind) {
  switch (kind) {
    case EffectKind::KvGet: return "kv.get";
    case EffectKind::KvPut: return "kv.put";
    case EffectKind::KvDelete: return "kv.delete";
    case EffectKind::ObjectCall: return "object.call";
    case EffectKind::StorageGet: return "storage.get";
    case EffectKind::StoragePut: return "storage.put";
    case EffectKind::StorageDelete: return "storage.delete";
    case EffectKind::AlarmSet: return "alarm.set";
    case EffectKind::Sha256: return "crypto.sha256";
    case EffectKind::ObjectsDue: return "objects.due";
    case EffectKind::QueueSend: return "queue.send";
  }
  return "unknown";
}

}  // namespace flagport
