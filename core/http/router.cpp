#include "core/http/router.hpp"

namespace flagport {

// "/a/b/" and "/a//b" both give {"a", "b"}: empty segments carry no meaning.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);  // deeper than any route: one allocation per request path
  while (!path.empty()) {
    auto slash = path.find('/');
    auto segment = path.substr(0, slash);
    if (!segment.empty()) out.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace flagport
