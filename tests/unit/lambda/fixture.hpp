// Reads a payload fixture of tests/unit/lambda/fixtures (AWS's documented sample events).
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/http/request.hpp"

namespace flagport::lambda::test {

inline std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(FLAGPORT_LAMBDA_FIXTURES) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline nlohmann::json fixture(const std::string& name) { return nlohmann::json::parse(fixture_text(name)); }

// Any header the event carried, not only those the core reads (HttpRequest::header).
inline std::optional<std::string_view> header_of(const HttpRequest& request, std::string_view lower_name) {
  for (const auto& [name, value] : request.headers)
    if (name == lower_name) return std::string_view(value);
  return std::nullopt;
}

}  // namespace flagport::lambda::test
