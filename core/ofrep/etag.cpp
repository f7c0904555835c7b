#include "core/ofrep/etag.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/value.hpp"

namespace flagport::ofrep {
namespace {

// FNV-1a, 64 bits: an entity tag needs spread, not secrecy.
void mix(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
  h *= 0x100000001b3ull;
}

}  // namespace

std::string bulk_etag(std::string_view project, std::int64_t version, const flags::EvaluationContext& context) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  mix(h, project);
  mix(h, std::to_string(version));
  std::vector<const flags::Member*> members;
  for (const auto& m : context.attributes().members) members.push_back(&m);
  std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key < b->key; });
  for (const auto* m : members) {
    mix(h, m->key);
    mix(h, flags::to_json(m->value).dump());  // nlohmann sorts nested keys: canonical
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag.push_back(digits[(h >> shift) & 0xf]);
  tag.push_back('"');
  return tag;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace flagport::ofrep
