#include "core/flags/ordered_json_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/flags/json_reader.hpp"
#include "core/flags/text_words.hpp"

namespace flagport::flags {
namespace {

using Json = nlohmann::ordered_json;
using Members = Json::object_t;

// json_reader's events, building the values nlohmann's parser would.
class Builder {
public:
  bool null() { return add(Json()); }
  bool boolean(bool value) { return add(Json(value)); }
  // nlohmann keeps an integer token as an integer when it fits (int64 when negative, uint64
  // otherwise) and reads every other number as a double.
  bool number(double value, std::string_view token) {
    if (token.find_first_of(".eE") == std::string_view::npos) {
      if (std::int64_t integer; token.front() == '-' && read_integer(token, integer)) return add(Json(integer));
      if (std::uint64_t integer; token.front() != '-' && read_integer(token, integer)) return add(Json(integer));
    }
    return add(Json(value));
  }
  bool string(std::string_view value) { return add(Json(std::string(value))); }

  bool start_object() {
    open_.push_back({true, {}, take_spare()});
    return true;
  }
  bool key(std::string_view name) {
    open_.back().members.emplace_back(std::string(name), Json());
    return true;
  }
  bool end_object() {
    Json object = build(open_.back().members);
    open_.back().members.clear();
    spare_.push_back(std::move(open_.back().members));
    open_.pop_back();
    return add(std::move(object));
  }
  bool start_array() {
    open_.push_back({false, Json(Json::value_t::array), {}});
    return true;
  }
  bool end_array() {
    Json array = std::move(open_.back().array);
    open_.pop_back();
    return add(std::move(array));
  }
  Json take() { return std::move(result_); }

private:
  template <typename Integer>
  static bool read_integer(std::string_view token, Integer& out) {
    const char* const end = token.data() + token.size();
    const auto read = std::from_chars(token.data(), end, out);
    return read.ec == std::errc() && read.ptr == end;
  }

  using MemberList = std::vector<std::pair<std::string, Json>>;
  struct Open {
    bool is_object;
    Json array;          // an open array, filled in place
    MemberList members;  // an open object's members, in order
  };

  // Member lists of closed objects, kept with their capacity: an object's list grows only
  // when it has more members than any closed before it at that point.
  MemberList take_spare() {
    if (spare_.empty()) return {};
    MemberList list = std::move(spare_.back());
    spare_.pop_back();
    return list;
  }

  bool add(Json value) {
    if (open_.empty()) {
      result_ = std::move(value);
    } else if (open_.back().is_object) {
      open_.back().members.back().second = std::move(value);
    } else {
      open_.back().array.push_back(std::move(value));
    }
    return true;
  }

  static bool has_repeats(const MemberList& members) {
    if (members.size() <= 8) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = i + 1; j < members.size(); ++j) {
          if (same_text(members[i].first, members[j].first)) return true;
        }
      }
      return false;
    }
    std::vector<std::string_view> keys;
    keys.reserve(members.size());
    for (const auto& member : members) keys.emplace_back(member.first);
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
  }

  static Json build(MemberList& members) {
    Json object(Json::value_t::object);
    auto& map = object.get_ref<Members&>();
    if (has_repeats(members)) {
      for (auto& [name, value] : members) map[name] = std::move(value);  // nlohmann's own rule
      return object;
    }
    map.reserve(members.size());
    for (auto& [name, value] : members) map.Members::Container::emplace_back(std::move(name), std::move(value));
    return object;
  }

  std::vector<Open> open_;
  std::vector<MemberList> spare_;
  Json result_;
};

}  // namespace

Json parse_ordered_json(std::string_view text) {
  std::string writable(text);  // json_reader decodes strings in place
  Builder builder;
  if (!json_reader::parse(writable.data(), writable.data() + writable.size(), builder)) {
    return Json(Json::value_t::discarded);
  }
  return builder.take();
}

}  // namespace flagport::flags
