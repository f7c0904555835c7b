#include "core/access/role.hpp"

namespace flagport::access {

std::optional<Role> role_named(std::string_view name) {
  if (name == "reader") return Role::reader;
  if (name == "writer") return Role::writer;
  if (name == "owner") return Role::owner;
  return std::nullopt;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::reader: return "reader";
    case Role::writer: return "writer";
    case Role::owner: return "owner";
  }
  return "reader";
}

}  // namespace flagport::access
