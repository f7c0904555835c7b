// Reads a payload fixture of tests/unit/lambda/fixtures (AWS's documented sample events).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace flagport::lambda::test {

inline std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(FLAGPORT_LAMBDA_FIXTURES) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline nlohmann::json fixture(const std::string& name) { return nlohmann::json::parse(fixture_text(name)); }

}  // namespace flagport::lambda::test
