// The published, read-optimised copy of a project in KV: what evaluation reads in one
// get. Bytes: one JSON header line {allowedOrigins, flags, keys, revision, updatedAt, version}
// (allowedOrigins may be absent in records of older builds: any origin), '\n', then the
// flag set's JSON text exactly as the object stored it, so a reader hands it to the
// flag-set loader without re-encoding it. A record too long for one KV value holds only the
// first bytes of the text; the header then says how many parts the text has and how long it
// is, and published_copy.hpp reads the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flagport::store {

std::string published_key(std::string_view project);

struct PublishedRecord {
  std::int64_t revision = 0;  // orders records; reconciliation compares it
  std::int64_t version = 0;   // of the flag set; 0 while none is published
  std::int64_t updated_at = 0;
  std::int64_t flags = 0;                // how many the flag set holds
  std::vector<std::string> key_digests;  // hex SHA-256 of the client keys
  std::string definition;                // flag-set JSON text; empty while none
  std::vector<std::string> allowed_origins;  // OFREP's CORS list; empty: any origin
  std::int64_t parts = 1;              // KV values the definition is spread over
  std::int64_t definition_bytes = 0;   // its whole length, when parts > 1

  std::string header_line() const;  // the JSON header, without its '\n'
  std::string encode() const;
  // A record in one value (nullopt for one in parts: published_copy.hpp reads those).
  static std::optional<PublishedRecord> decode(std::string_view bytes);
  // Everything but the definition, which stays empty: a reader that holds this revision
  // compiled already needs no more, and the header is a small part of the bytes.
  static std::optional<PublishedRecord> decode_header(std::string_view bytes);
  // The definition's text in the bytes of a record decode_header accepted.
  static std::string_view definition_of(std::string_view bytes);
};

}  // namespace flagport::store
