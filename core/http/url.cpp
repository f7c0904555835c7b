#include "core/http/url.hpp"

namespace flagport {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  std::size_t copied = 0;  // the plain run before each escape goes in one append
  for (std::size_t i = segment.find('%'); i != std::string_view::npos; i = segment.find('%', copied)) {
    if (i + 2 >= segment.size()) return std::nullopt;
    int hi = hex_value(segment[i + 1]), lo = hex_value(segment[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.append(segment.substr(copied, i - copied));
    out.push_back(static_cast<char>(hi * 16 + lo));
    copied = i + 3;
  }
  out.append(segment.substr(copied));
  return out;
}

}  // namespace flagport
