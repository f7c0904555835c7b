#include "bindings/lambda/host/tables.hpp"

namespace flagport::lambda {

Tables Tables::from(const std::map<std::string, std::string>& env) {
  Tables t;
  if (auto it = env.find("FLAGPORT_KV_TABLE"); it != env.end() && !it->second.empty()) t.kv = it->second;
  if (auto it = env.find("FLAGPORT_OBJECTS_TABLE"); it != env.end() && !it->second.empty()) t.objects = it->second;
  return t;
}

}  // namespace flagport::lambda
