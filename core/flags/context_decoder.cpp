#include "core/flags/context_decoder.hpp"

#include <algorithm>

namespace flagport::flags {

ContextDecoder::ContextDecoder(EvaluationContext& context, const ContextNeeds* needs) : context_(context), needs_(needs) {
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

std::span<char> ContextDecoder::own_copy(std::string_view text) { return context_.arena_.copy_writable(text); }

bool ContextDecoder::key(std::string_view k) {
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

bool ContextDecoder::start_array() {
  if (open_.empty() && skip_depth_ == 0) return false;  // the context must be an object
  return open(false);
}

bool ContextDecoder::open(bool is_object) {
  if (skip_depth_ > 0 || (skip_next_ && open_.size() == 1)) {
    skip_next_ = false;
    ++skip_depth_;
    return true;
  }
  if (open_.empty()) {
    if (top_level_) std::fill(slots_, slots_ + slot_count_, Value{});  // replaced: its attributes go too
    top_level_ = true;
  }
  open_.push_back({pending_.size(), is_object, key_, slot_});
  return true;
}

bool ContextDecoder::close(bool is_object) {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return true;
  }
  const Open done = open_.back();
  open_.pop_back();
  const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(done.first);
  if (open_.empty()) {  // the context itself, whose members are all of pending_
    if (has_duplicates(first, pending_.size())) {
      keep_last_values(first, context_.attributes_);
    } else {
      context_.attributes_.members.swap(pending_);  // as they are: no copy
    }
    pending_.clear();
    return true;
  }
  Value value;
  if (is_object) {
    ObjectData& object = context_.arena_.new_object();
    const auto count = static_cast<std::size_t>(pending_.end() - first);
    if (has_duplicates(first, count)) {
      keep_last_values(first, object);
    } else {
      object.members.assign(first, pending_.end());
    }
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
void ContextDecoder::keep_last_values(std::vector<Member>::iterator first, ObjectData& object) {
  object.members.clear();
  object.members.reserve(static_cast<std::size_t>(pending_.end() - first));
  for (auto it = first; it != pending_.end(); ++it) object.set(it->key, it->value);
}

// Pairwise up to 16 members (a context's usual size: most pairs differ in length, a
// cheap test), sorted beyond.
bool ContextDecoder::has_duplicates(std::vector<Member>::iterator first, std::size_t count) {
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

bool ContextDecoder::add(Value v) {
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

}  // namespace flagport::flags
