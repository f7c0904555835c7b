#include <optional>

#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {


namespace {

// The list the route validated, or nullopt for arguments no route sends.
std::optional<std::vector<std::string>> origins_arg(const Json& args) {
  auto origins = args.find("allowedOrigins");
  if (origins == args.end() || !origins->is_array()) return std::nullopt;
  std::vector<std::string> list;
  for (const auto& origin : *origins) {
    if (!origin.is_string()) return std::nullopt;
    list.push_back(origin.get<std::string>());
  }
  return list;
}

}  // namespace

Task<ObjectReply> set_origins(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto list = origins_arg(args);
  if (!list) co_return Response::invalid({{"", "set_origins needs allowedOrigins, a list of strings"}});

  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  audit::Change change{"origins.set", "allowedOrigins", {{"before", loaded.state.allowed_origins}, {"after", *list}}};
  loaded.state.allowed_origins = std::move(*list);
  if (!co_await save(loaded.state, {}, intent, settings, std::move(change))) co_return store_unavailable();
  // Origins change what evaluation answers, so they travel in the record, as keys do.
  LoadedDefinition def = co_await load_current_definition(loaded.state);
  if (!def.ok) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"allowedOrigins", loaded.state.allowed_origins}}),
                        record_for(loaded.state, std::move(def.text)));
}

Task<ObjectReply> get_origins() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  co_return Response::success({{"allowedOrigins", loaded.state.allowed_origins}});
}

}  // namespace flagport::store::methods
