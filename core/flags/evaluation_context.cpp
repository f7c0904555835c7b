#include "core/flags/evaluation_context.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

namespace flagport::flags {

// Receives nlohmann's SAX events. Containers under construction sit on a stack; once
// complete they become Values in their parent. Skipped attributes are parsed but not kept.
class ContextDecoder {
public:
  using Json = nlohmann::json;
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  ContextDecoder(EvaluationContext& context, const ContextNeeds* needs) : context_(context), needs_(needs) {}

  bool null() { return add(Value{}); }
  bool boolean(bool b) { return add(Value::boolean(b)); }
  bool number_integer(number_integer_t n) { return add(Value::number(static_cast<double>(n))); }
  bool number_unsigned(number_unsigned_t n) { return add(Value::number(static_cast<double>(n))); }
  bool number_float(number_float_t n, const string_t&) { return add(Value::number(n)); }
  bool string(string_t& s) { return skipping() ? add(Value{}) : add(Value::string(context_.arena_.copy(s))); }
  bool binary(binary_t&) { return false; }

  bool start_object(std::size_t) {
    if (enter_skipped_container()) return true;
    if (frames_.empty() && depth_ == 0) {
      ++depth_;
      top_level_ = true;
      return true;
    }
    ++depth_;
    frames_.push_back({true, nullptr, &context_.arena_.new_object(), {}});
    return true;
  }
  bool end_object() {
    if (skip_depth_ > 0) { --skip_depth_; return true; }
    --depth_;
    if (frames_.empty()) return true;  // the top level
    const Frame frame = frames_.back();
    frames_.pop_back();
    return add(Value::object(*frame.object));
  }
  bool start_array(std::size_t) {
    if (enter_skipped_container()) return true;
    if (depth_ == 0) return false;  // the context must be an object
    ++depth_;
    frames_.push_back({false, &context_.arena_.new_array(), nullptr, {}});
    return true;
  }
  bool end_array() {
    if (skip_depth_ > 0) { --skip_depth_; return true; }
    --depth_;
    const Frame frame = frames_.back();
    frames_.pop_back();
    return add(Value::array(*frame.array));
  }
  bool key(string_t& k) {
    if (skip_depth_ > 0) return true;
    if (frames_.empty()) {
      if (!wanted(k)) {
        skip_next_ = true;
        return true;
      }
      top_key_ = context_.arena_.copy(k);
    } else {
      frames_.back().key = context_.arena_.copy(k);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  bool top_level_object() const { return top_level_; }

private:
  struct Frame {
    bool is_object;
    ArrayData* array;
    ObjectData* object;
    std::string_view key;
  };

  bool wanted(std::string_view k) const {
    if (!needs_ || needs_->everything) return true;
    return std::binary_search(needs_->keys.begin(), needs_->keys.end(), k);
  }

  // A skipped top-level attribute: scalars vanish, containers are counted through.
  bool skipping() const { return skip_depth_ > 0 || (skip_next_ && frames_.empty()); }

  bool enter_skipped_container() {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return true;
    }
    if (skip_next_ && frames_.empty()) {
      skip_next_ = false;
      skip_depth_ = 1;
      return true;
    }
    return false;
  }

  bool add(Value v) {
    if (skip_depth_ > 0) return true;
    if (frames_.empty()) {
      if (depth_ == 0) return false;  // a scalar document is not a context
      if (skip_next_) {
        skip_next_ = false;
        return true;
      }
      context_.attributes_->set(top_key_, v);
      return true;
    }
    Frame& frame = frames_.back();
    if (frame.is_object) frame.object->set(frame.key, v);
    else frame.array->items.push_back(v);
    return true;
  }

  EvaluationContext& context_;
  const ContextNeeds* needs_;
  std::vector<Frame> frames_;
  std::string_view top_key_;
  int depth_ = 0;
  int skip_depth_ = 0;
  bool skip_next_ = false;
  bool top_level_ = false;
};

ContextDecodeResult decode_context(std::string_view json_text, const ContextNeeds* needs) {
  ContextDecodeResult result;
  EvaluationContext context;
  ContextDecoder decoder(context, needs);
  const bool parsed = nlohmann::json::sax_parse(json_text.begin(), json_text.end(), &decoder);
  if (!parsed || !decoder.top_level_object()) {
    result.error = "the evaluation context must be a JSON object";
    return result;
  }
  result.context = std::move(context);
  return result;
}

}  // namespace flagport::flags
