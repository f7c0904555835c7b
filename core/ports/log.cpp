#include "core/ports/log.hpp"

#include <cstdio>
#include <string>

namespace flagport::log {

void write(Level level, std::string_view event, const Json& fields) {
  Json line = fields.is_object() ? fields : Json::object();
  line["level"] = level == Level::Info ? "info" : level == Level::Warn ? "warn" : "error";
  line["event"] = std::string(event);
  std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
  text.push_back('\n');
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace flagport::log
