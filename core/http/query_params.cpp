#include "core/http/query_params.hpp"

#include "core/http/url.hpp"

namespace flagport {

QueryParams QueryParams::parse(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    const std::size_t amp = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, amp);
    query = amp < query.size() ? query.substr(amp + 1) : std::string_view();
    if (pair.empty()) continue;
    const std::size_t eq = std::min(pair.find('='), pair.size());
    auto name = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq < pair.size() ? pair.substr(eq + 1) : std::string_view());
    if (!name || !value) {
      out.error = "query:" + std::string(pair.substr(0, eq));
      continue;
    }
    out.values[std::move(*name)] = std::move(*value);
  }
  return out;
}

const std::string* QueryParams::find(std::string_view name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

}  // namespace flagport
