#pragma once
// The SAX handler (json_reader.hpp) that builds an EvaluationContext straight from JSON
// events, no DOM in between. decode_context feeds it a whole document; a caller that
// finds the context inside a larger document (a request body) feeds it that value's
// events only.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/flags/context_needs.hpp"
#include "core/flags/evaluation_context.hpp"
#include "core/flags/value.hpp"

namespace flagport::flags {

// Members and items of the containers being read wait on one shared stack and become a
// container, in one allocation, when it closes. Top-level attributes no rule reads are
// parsed but not kept; those the rules name also go to their slots. A second top-level
// object replaces the first (a repeated member of the document around it: the last counts).
class ContextDecoder {
public:
  ContextDecoder(EvaluationContext& context, const ContextNeeds* needs);

  bool null() { return add(Value{}); }
  bool boolean(bool b) { return add(Value::boolean(b)); }
  bool number(double n) { return add(Value::number(n)); }
  bool string(std::string_view s) { return add(Value::string(s)); }
  bool key(std::string_view k);
  bool start_object() { return open(true); }
  bool start_array();
  bool end_object() { return close(true); }
  bool end_array() { return close(false); }

  bool top_level_object() const { return top_level_; }
  // The context's own copy of the text, which the reader decodes in place: strings stay
  // views into it.
  std::span<char> own_copy(std::string_view text);

private:
  struct Open {
    std::size_t first;  // its members' place in pending_
    bool is_object;
    std::string_view key;  // where it goes in its parent
    std::uint32_t slot;    // and its slot, when that is the context
  };

  bool open(bool is_object);
  bool close(bool is_object);
  void keep_last_values(std::vector<Member>::iterator first, ObjectData& object);
  bool has_duplicates(std::vector<Member>::iterator first, std::size_t count);
  bool add(Value v);

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

}  // namespace flagport::flags
