// The parameters of a query string ("from=...&flag=..."), percent-decoded. '+' stays '+'
// (not a space), so an RFC 3339 offset can be written as it is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace flagport {

struct QueryParams {
  std::map<std::string, std::string, std::less<>> values;  // a repeated name keeps its last value
  std::optional<std::string> error;                        // a malformed escape, naming the parameter

  static QueryParams parse(std::string_view query);
  const std::string* find(std::string_view name) const;
};

}  // namespace flagport
