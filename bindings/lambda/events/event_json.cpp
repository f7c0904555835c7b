#include "bindings/lambda/events/event_json.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include "core/flags/json_reader.hpp"

namespace flagport::lambda {
namespace {

// json_reader's events, each value placed where it belongs: the root, the next element
// of the innermost open array, or the member the last key named.
class DocumentBuilder {
 public:
  bool null() { return place(nullptr); }
  bool boolean(bool b) { return place(b); }
  bool number(double n) { return place(n); }
  bool string(std::string_view s) { return place(std::string(s)); }
  bool key(std::string_view name) {
    key_ = name;
    return true;
  }
  bool start_object() { return open(nlohmann::json::object()); }
  bool start_array() { return open(nlohmann::json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  nlohmann::json take() { return std::move(root_); }

 private:
  template <class V>
  nlohmann::json* put(V&& value) {
    if (open_.empty()) {
      root_ = std::forward<V>(value);
      return &root_;
    }
    nlohmann::json& container = *open_.back();
    if (container.is_array()) {
      container.push_back(std::forward<V>(value));
      return &container.back();
    }
    nlohmann::json& member = container[std::string(key_)];
    member = std::forward<V>(value);
    return &member;
  }
  template <class V>
  bool place(V&& value) {
    put(std::forward<V>(value));
    return true;
  }
  // A container's address stays valid while it is open: only the innermost one grows.
  bool open(nlohmann::json container) {
    open_.push_back(put(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  nlohmann::json root_;
  std::vector<nlohmann::json*> open_;
  std::string_view key_;  // into the text being parsed, which outlives the parse
};

}  // namespace

std::optional<nlohmann::json> parse_event(std::string text) {
  DocumentBuilder builder;
  if (!flags::json_reader::parse(text.data(), text.data() + text.size(), builder)) return std::nullopt;
  return builder.take();
}

}  // namespace flagport::lambda
