// Access tokens' texts: "fpt_<16 hex digits>_<43 base64url characters>". The hex digits are
// the token's id ("tok_<16 hex digits>"), so a token is found without comparing secrets; the
// rest is 32 random bytes. Only the text's SHA-256 is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport::access {

struct NewAccessToken {
  std::string id;    // "tok_..."
  std::string text;  // shown once, at creation
};

// nullopt only if the host has no entropy.
std::optional<NewAccessToken> generate_access_token();

// The id of a text shaped like an access token, or nullopt.
std::optional<std::string> access_token_id(std::string_view text);

}  // namespace flagport::access
