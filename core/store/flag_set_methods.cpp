#include "core/store/flag_set_changes.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {

// `definition` is the text the route validated; `flags` in args, how many flags it has.
Task<ObjectReply> publish(const Json& args, std::string_view definition, const Settings& settings) {
  auto intent = Intent::from(args);
  auto flags = args.find("flags");
  if (definition.empty() || flags == args.end() || !flags->is_number_integer())
    co_return Response::invalid({{"", "publish needs a definition and its number of flags"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  co_return co_await publish_text(loaded.state, std::string(definition), flags->get<std::int64_t>(), intent, settings);
}

Task<ObjectReply> patch(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto key = args.find("flagKey");
  if (key == args.end() || !key->is_string()) co_return Response::invalid({{"", "patch needs a flagKey"}});
  const std::string& flag_key = key->get_ref<const std::string&>();

  FlagPatch changes;
  if (auto state = args.find("state"); state != args.end() && state->is_string())
    changes.state = state->get<std::string>();
  if (auto variant = args.find("defaultVariant"); variant != args.end())
    changes.default_variant = variant->is_string() ? std::optional(variant->get<std::string>()) : std::nullopt;
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  co_return co_await patch_one_flag(loaded.state, flag_key, changes, intent, settings);
}

Task<ObjectReply> rollback(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto wanted = args.find("version");
  if (wanted == args.end() || !wanted->is_number_integer())
    co_return Response::invalid({{"/version", "must be an integer version"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  co_return co_await roll_back(loaded.state, wanted->get<std::int64_t>(), intent, settings);
}

Task<ObjectReply> current() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  const VersionEntry* entry = loaded.state.current();
  if (!entry) co_return no_flag_set();
  LoadedDefinition def = co_await load_definition(*entry);
  if (!def.ok) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"version", entry->version}, {"updatedAt", entry->created_at}}),
                       std::move(def.text));
}

Task<ObjectReply> versions() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (loaded.state.history.empty())
    co_return no_flag_set();
  Json list = Json::array();
  for (const auto& e : loaded.state.history) {
    Json item = {{"version", e.version}, {"createdAt", e.created_at}, {"action", e.action}, {"flags", e.flags}};
    if (e.rolled_back_from) item["rolledBackFrom"] = e.rolled_back_from;
    if (!e.schedule.empty()) item["schedule"] = e.schedule;
    list.push_back(std::move(item));
  }
  co_return Response::success({{"version", loaded.state.version}, {"versions", std::move(list)}});
}

}  // namespace flagport::store::methods
