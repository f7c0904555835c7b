#include "core/flags/evaluation_context.hpp"

#include <algorithm>
#include <vector>

#include "core/flags/json_reader.hpp"

namespace flagport::flags {

// Receives json_reader's events over the context's own copy of the text, so strings are
// views into that copy. Members and items of the containers being read wait on one shared
// stack and become a container, in one allocation, when it closes. Top-level attributes
// no rule reads are parsed (they must be valid JSON) but not kept; those rules name also
// go to their slots.
class ContextDecoder {
public:
  ContextDecoder(EvaluationContext& context, const ContextNeeds* needs) : context_(context), needs_(needs) {
    pending_.reserve(32);
    if (needs && needs->stamp != 0) {
      ArrayData& slots = context.arena_.new_array();
      slots.items.resize(needs->keys.size());
      slots_ = slots.items.data();
      slot_count_ = slots.items.size();
      context.slots_ = slots_;
      context.stamp_ = needs->stamp;
    }
  }

  bool null() { return add(Value{}); }
  bool boolean(bool b) { return add(Value::boolean(b)); }
  bool number(double n) { return add(Value::number(n)); }
  bool string(std::string_view s) { return add(Value::string(s)); }
  bool key(std::string_view k) {
    if (skip_depth_ > 0) return true;
    if (open_.size() == 1) {
      slot_ = needs_ ? needs_->slot(k) : kNoSlot;
      if (needs_ && !needs_->everything && slot_ == kNoSlot) {
        skip_next_ = true;
        return true;
      }
    }
    key_ = k;
    return true;
  }

  bool start_object() { return open(true); }
  bool start_array() {
    if (open_.empty() && skip_depth_ == 0) return false;  // the context must be an object
    return open(false);
  }
  bool end_object() { return close(true); }
  bool end_array() { return close(false); }

  bool top_level_object() const { return top_level_; }
  // The context's own copy of the text, which the reader decodes in place.
  std::span<char> own_copy(std::string_view text) { return context_.arena_.copy_writable(text); }

private:
  struct Open {
    std::size_t first;  // its members' place in pending_
    bool is_object;
    std::string_view key;  // where it goes in its parent
    std::uint32_t slot;    // and its slot, when that is the context
  };

  bool open(bool is_object) {
    if (skip_depth_ > 0 || (skip_next_ && open_.size() == 1)) {
      skip_next_ = false;
      ++skip_depth_;
      return true;
    }
    if (open_.empty()) top_level_ = true;
    open_.push_back({pending_.size(), is_object, key_, slot_});
    return true;
  }

  bool close(bool is_object) {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return true;
    }
    const Open done = open_.back();
    open_.pop_back();
    const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(done.first);
    if (open_.empty()) {
      keep_members(first, context_.attributes_);
      pending_.clear();
      return true;
    }
    Value value;
    if (is_object) {
      ObjectData& object = context_.arena_.new_object();
      keep_members(first, object);
      value = Value::object(object);
    } else {
      ArrayData& array = context_.arena_.new_array();
      array.items.reserve(static_cast<std::size_t>(pending_.end() - first));
      for (auto it = first; it != pending_.end(); ++it) array.items.push_back(it->value);
      value = Value::array(array);
    }
    pending_.erase(first, pending_.end());
    key_ = done.key;
    slot_ = done.slot;
    return add(value);
  }

  // A repeated key keeps its first place and its last value, as JSON.parse does.
  void keep_members(std::vector<Member>::iterator first, ObjectData& object) {
    const auto count = static_cast<std::size_t>(pending_.end() - first);
    if (!has_duplicates(first, count)) {
      object.members.assign(first, pending_.end());
    } else {
      object.members.reserve(count);
      for (auto it = first; it != pending_.end(); ++it) object.set(it->key, it->value);
    }
  }

  // Pairwise up to 16 members (a context's usual size: most pairs differ in length, a
  // cheap test), sorted beyond.
  bool has_duplicates(std::vector<Member>::iterator first, std::size_t count) {
    if (count <= 16) {
      for (auto a = first; a != pending_.end(); ++a) {
        for (auto b = a + 1; b != pending_.end(); ++b) {
          if (same_text(a->key, b->key)) return true;
        }
      }
      return false;
    }
    sorted_keys_.clear();
    for (auto it = first; it != pending_.end(); ++it) sorted_keys_.push_back(it->key);
    std::sort(sorted_keys_.begin(), sorted_keys_.end());
    return std::adjacent_find(sorted_keys_.begin(), sorted_keys_.end()) != sorted_keys_.end();
  }

  bool add(Value v) {
    if (skip_depth_ > 0) return true;
    if (open_.empty()) return false;  // a scalar document is not a context
    if (skip_next_ && open_.size() == 1) {
      skip_next_ = false;
      return true;
    }
    pending_.push_back({open_.back().is_object ? key_ : std::string_view{}, v});
    if (open_.size() == 1 && slot_ < slot_count_) slots_[slot_] = v;  // a repeated key: the last value
    return true;
  }

  EvaluationContext& context_;
  const ContextNeeds* needs_;
  std::vector<Open> open_;
  std::vector<Member> pending_;
  std::vector<std::string_view> sorted_keys_;
  std::string_view key_;
  std::uint32_t slot_ = kNoSlot;  // key_'s slot at the top level
  Value* slots_ = nullptr;        // the context's
  std::size_t slot_count_ = 0;
  int skip_depth_ = 0;
  bool skip_next_ = false;
  bool top_level_ = false;
};

ContextDecodeResult decode_context(std::string_view json_text, const ContextNeeds* needs) {
  ContextDecodeResult result;
  EvaluationContext context;
  ContextDecoder decoder(context, needs);
  const std::span<char> text = decoder.own_copy(json_text);
  if (!json_reader::parse(text.data(), text.data() + text.size(), decoder) || !decoder.top_level_object()) {
    result.error = "the evaluation context must be a JSON object";
    return result;
  }
  result.context = std::move(context);
  return result;
}

}  // namespace flagport::flags
