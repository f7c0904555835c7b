#include "core/flags/ordered_json_parse.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/flags/json_reader.hpp"
#include "core/flags/text_words.hpp"

namespace flagport::flags {
namespace {

using Json = nlohmann::ordered_json;
using Members = Json::object_t;

// nlohmann's SAX interface: every event returns false to stop the parse.
class Builder {
public:
  bool null() { return add(Json()); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const std::string&) { return add(Json(value)); }
  bool string(std::string& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t&) { return false; }  // JSON text has none

  bool start_object(std::size_t) {
    if (open_.size() >= json_reader::kMaxDepth) return false;
    open_.push_back({true, {}, {}});
    return true;
  }
  bool key(std::string& name) {
    open_.back().members.emplace_back(std::move(name), Json());
    return true;
  }
  bool end_object() {
    Json object = build(std::move(open_.back().members));
    open_.pop_back();
    return add(std::move(object));
  }
  bool start_array(std::size_t) {
    if (open_.size() >= json_reader::kMaxDepth) return false;
    open_.push_back({false, Json::array(), {}});
    return true;
  }
  bool end_array() {
    Json array = std::move(open_.back().array);
    open_.pop_back();
    return add(std::move(array));
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  Json take() { return std::move(result_); }

private:
  struct Open {
    bool is_object;
    Json array;                                        // an open array, filled in place
    std::vector<std::pair<std::string, Json>> members;  // an open object's members, in order
  };

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

  static bool has_repeats(const std::vector<std::pair<std::string, Json>>& members) {
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

  static Json build(std::vector<std::pair<std::string, Json>> members) {
    Json object = Json::object();
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
  Json result_;
};

}  // namespace

Json parse_ordered_json(std::string_view text) {
  // nlohmann's lexer takes a NUL byte for the end of the input: "{}\0junk" would be one
  // document, and the junk stored with a published flag set. JSON has no NUL byte outside
  // a string (where it must be escaped), so JSON.parse refuses any.
  if (text.find('\0') != std::string_view::npos) return Json(Json::value_t::discarded);
  Builder builder;
  if (!Json::sax_parse(text.begin(), text.end(), &builder)) return Json(Json::value_t::discarded);
  return builder.take();
}

}  // namespace flagport::flags
