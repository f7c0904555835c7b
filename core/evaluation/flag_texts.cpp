#include "core/evaluation/flag_texts.hpp"

#include "core/evaluation/stringify.hpp"
#include "core/http/json_text.hpp"

#include <algorithm>

namespace flagport::evaluation {
namespace {

std::string string_literal(std::string_view text) {
  std::string out;
  json_text::append_string(out, text);
  return out;
}

// The longest reason, errors and their details aside, with its label and the closing brace.
constexpr std::size_t kOfrepReasonSize = sizeof(",\"reason\":\"TARGETING_MATCH\"}");

}  // namespace

FlagSetTexts::FlagSetTexts(const flags::FlagSet& flag_set)
    : first_(flag_set.flags().data()), metadata_(stringified(flag_set.metadata())) {
  ofrep_bulk_size_ = sizeof("{\"flags\":[],\"metadata\":}") + metadata_.size();
  flags_.reserve(flag_set.flags().size());
  for (const flags::Flag& flag : flag_set.flags()) {
    FlagTexts texts{string_literal(flag.key), stringified(flag.metadata), {}};
    const std::string metadata_field =
        flag.metadata.is_object() && !flag.metadata.empty() ? ",\"metadata\":" + texts.metadata : "";
    std::size_t longest = sizeof("{\"key\":") + texts.key.size() + metadata_field.size();
    texts.variants.reserve(flag.variant_list.size());
    for (const flags::Variant& variant : flag.variant_list) {
      VariantTexts v{string_literal(variant.name), stringified(*variant.value), {}, {}};
      v.ofrep_head = "{\"key\":" + texts.key + ",\"value\":" + v.value;
      v.ofrep_tail = ",\"variant\":" + v.name + metadata_field + "}";
      longest = std::max(longest, v.ofrep_head.size() + v.ofrep_tail.size());
      texts.variants.push_back(std::move(v));
    }
    ofrep_bulk_size_ += longest + kOfrepReasonSize + 1;  // and a comma
    flags_.push_back(std::move(texts));
  }
}

}  // namespace flagport::evaluation
