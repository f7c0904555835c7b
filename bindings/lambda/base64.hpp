// Base64 (RFC 4648, with padding): API Gateway bodies and DynamoDB binary attributes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport::lambda::base64 {

std::string encode(std::string_view bytes);
// nullopt when `text` is not valid padded base64.
std::optional<std::string> decode(std::string_view text);

}  // namespace flagport::lambda::base64
