#include "bindings/lambda/host/kv_table.hpp"

#include <charconv>

#include "bindings/lambda/base64.hpp"

namespace flagport::lambda {
namespace {

nlohmann::json key_of(const std::string& key) { return {{"key", {{"S", key}}}}; }

}  // namespace

DynamoRequest KvTable::request(const Effect& effect, std::int64_t now_seconds) const {
  switch (effect.kind) {
    case EffectKind::KvGet:
      return {"GetItem", {{"TableName", table_}, {"Key", key_of(effect.target)}}};
    case EffectKind::KvPut: {
      nlohmann::json item = key_of(effect.target);
      item["value"] = {{"B", base64::encode(effect.body)}};
      if (effect.number > 0) item["expires"] = {{"N", std::to_string(now_seconds + effect.number)}};
      return {"PutItem", {{"TableName", table_}, {"Item", std::move(item)}}};
    }
    default:
      return {"DeleteItem", {{"TableName", table_}, {"Key", key_of(effect.target)}}};
  }
}

EffectResult KvTable::result(const Effect& effect, const DynamoReply& reply, std::int64_t now_seconds) const {
  if (!reply.ok) return EffectResult::failure("dynamodb " + reply.error_type + ": " + reply.message);
  if (effect.kind != EffectKind::KvGet) return EffectResult::success();
  auto item = reply.body.find("Item");
  if (item == reply.body.end() || !item->is_object()) return EffectResult::not_found();
  if (auto expires = item->find("expires"); expires != item->end()) {
    std::int64_t at = 0;
    const auto& text = expires->value("N", std::string{});
    std::from_chars(text.data(), text.data() + text.size(), at);
    if (at > 0 && at <= now_seconds) return EffectResult::not_found();
  }
  auto value = item->find("value");
  if (value == item->end() || !value->is_object() || !value->contains("B") || !(*value)["B"].is_string())
    return EffectResult::failure("kv item " + effect.target + " has no binary value");
  auto bytes = base64::decode((*value)["B"].get_ref<const std::string&>());
  if (!bytes) return EffectResult::failure("kv item " + effect.target + " value is not base64");
  return EffectResult::success(std::move(*bytes));
}

}  // namespace flagport::lambda
