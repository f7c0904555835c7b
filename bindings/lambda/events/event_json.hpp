// An event's JSON text as the document the adapters read. The text is parsed in place by
// the core's strict reader (flags/json_reader: what nlohmann's parser accepts, with strings
// decoded where they stand), which builds the document: nlohmann's own lexer copies every
// character of a token separately, and an HTTP event is mostly one long escaped body string.
// Numbers become floating-point values; no adapter reads a number from an event.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace flagport::lambda {

// The document, or nullopt when the text is not one JSON value. A repeated member name
// keeps its last value, as nlohmann's parser does.
std::optional<nlohmann::json> parse_event(std::string text);

}  // namespace flagport::lambda
