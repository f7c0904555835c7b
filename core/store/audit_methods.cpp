#include "core/json_fields.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {

Task<ObjectReply> read_audit(const Json& args) {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  co_return co_await audit::answer(loaded.state.audit, json_fields::string_or(args, "query"));
}

}  // namespace flagport::store::methods
