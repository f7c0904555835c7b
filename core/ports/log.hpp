// Structured log lines (one JSON object per line on stderr: fd_write in wasm, which
// the worker shim forwards to console.error; CloudWatch on Lambda).
#pragma once

#include <string_view>

#include "core/json.hpp"

namespace flagport::log {

enum class Level { Info, Warn, Error };

void write(Level level, std::string_view event, const Json& fields = Json::object());

inline void info(std::string_view e, const Json& f = Json::object()) { write(Level::Info, e, f); }
inline void warn(std::string_view e, const Json& f = Json::object()) { write(Level::Warn, e, f); }
inline void error(std::string_view e, const Json& f = Json::object()) { write(Level::Error, e, f); }

}  // namespace flagport::log
