#include "core/ofrep/origin.hpp"

#include "core/http/limits.hpp"

namespace flagport::ofrep {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_lower_hex(char c) { return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'); }

std::optional<std::string> host_problem(std::string_view host) {
  if (host.empty()) return "the host is missing";
  if (host.front() == '[') {
    std::string_view inside = host.size() >= 2 ? host.substr(1, host.size() - 2) : std::string_view{};
    bool ipv6 = host.back() == ']' && inside.find(':') != std::string_view::npos;
    for (char c : inside) ipv6 = ipv6 && (is_lower_hex(c) || c == ':' || c == '.');
    if (!ipv6) return "an IPv6 host is written in brackets with lower-case hex digits, e.g. [::1]";
    return std::nullopt;
  }
  if (host.size() > limits::kMaxOriginHostBytes)
    return "the host exceeds " + std::to_string(limits::kMaxOriginHostBytes) + " bytes";
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    if (i < host.size() && host[i] != '.') {
      char c = host[i];
      if (c >= 'A' && c <= 'Z') return "the host is written in lower case, as browsers send it";
      if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII host is written in its punycode (xn--) form";
      if (!is_lower_alnum(c) && c != '-') return "the host has a character other than a-z, 0-9, '-' and '.'";
      continue;
    }
    std::string_view label = host.substr(label_start, i - label_start);
    if (label.empty()) return "the host has an empty label (\"..\", or a leading or trailing dot)";
    if (label.size() > 63) return "a host label exceeds 63 bytes";
    if (label.front() == '-' || label.back() == '-') return "a host label starts or ends with '-'";
    label_start = i + 1;
  }
  return std::nullopt;
}

std::optional<std::string> port_problem(std::string_view port, std::string_view scheme) {
  if (port.empty()) return "the port is empty: drop the ':'";
  if (port.size() > 5) return "the port is a number from 1 to 65535";
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return "the port is a number from 1 to 65535";
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return "the port is a number from 1 to 65535";
  if (port.front() == '0') return "the port has no leading zeros";
  if ((scheme == "http" && value == 80) || (scheme == "https" && value == 443))
    return "browsers omit the default port " + std::string(port) + " of " + std::string(scheme) + ": leave it out";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> origin_problem(std::string_view text) {
  if (text == "*") return "\"*\" is not an origin: an empty list already allows any origin";
  if (text.size() > limits::kMaxOriginBytes)
    return "an origin is at most " + std::to_string(limits::kMaxOriginBytes) + " bytes";
  auto separator = text.find("://");
  if (separator == std::string_view::npos) return "must be scheme://host[:port], e.g. https://app.example.com";
  std::string_view scheme = text.substr(0, separator);
  if (scheme != "http" && scheme != "https") {
    std::string lowered(scheme);
    for (char& c : lowered)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lowered == "http" || lowered == "https")
      return "the scheme is written in lower case, as browsers send it";
    return "the scheme must be http or https";
  }
  std::string_view rest = text.substr(separator + 3);
  if (rest.find_first_of("/?#") != std::string_view::npos)
    return "an origin has no path, query or fragment, not even a trailing '/'";
  if (rest.find('@') != std::string_view::npos) return "an origin has no user information";

  if (rest.empty()) return "the host is missing";

  std::string_view host = rest;
  std::optional<std::string_view> port;
  std::size_t colon = rest.front() == '[' ? rest.find(':', rest.find(']')) : rest.find(':');
  if (colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (auto problem = host_problem(host)) return problem;
  if (port) return port_problem(*port, scheme);
  return std::nullopt;
}

std::vector<FieldError> allowed_origins_errors(const Json& list, const std::string& path) {
  if (!list.is_array()) return {{path, "must be an array of origins ([] allows any origin)"}};
  if (list.size() > limits::kMaxAllowedOrigins)
    return {{path, "at most " + std::to_string(limits::kMaxAllowedOrigins) + " origins"}};
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = path + "/" + std::to_string(i);
    if (!list[i].is_string()) {
      errors.push_back({at, "must be a string"});
      continue;
    }
    const std::string& origin = list[i].get_ref<const std::string&>();
    if (auto problem = origin_problem(origin)) {
      errors.push_back({at, *problem});
      continue;
    }
    for (std::size_t j = 0; j < i; ++j)
      if (list[j] == list[i]) {
        errors.push_back({at, "repeats " + path + "/" + std::to_string(j)});
        break;
      }
  }
  return errors;
}

}  // namespace flagport::ofrep
