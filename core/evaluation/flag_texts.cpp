#include "core/evaluation/flag_texts.hpp"

#include "core/http/json_text.hpp"

#include <algorithm>

namespace flagport::evaluation {
namespace {

using Ordered = nlohmann::ordered_json;
using Sorted = nlohmann::json;

Sorted sorted(const Ordered& value) {
  switch (value.type()) {
    case Ordered::value_t::object: {
      Sorted out = Sorted::object();
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = sorted(it.value());
      return out;
    }
    case Ordered::value_t::array: {
      Sorted out = Sorted::array();
      for (const auto& item : value) out.push_back(sorted(item));
      return out;
    }
    case Ordered::value_t::string: return value.get_ref<const std::string&>();
    case Ordered::value_t::boolean: return value.get<bool>();
    case Ordered::value_t::number_integer: return value.get<std::int64_t>();
    case Ordered::value_t::number_unsigned: return value.get<std::uint64_t>();
    case Ordered::value_t::number_float: return value.get<double>();
    default: return nullptr;
  }
}

JsonTexts texts_of(const Ordered& value) {
  return {value.dump(-1, ' ', false, Ordered::error_handler_t::replace),
          sorted(value).dump(-1, ' ', false, Sorted::error_handler_t::replace)};
}

std::string string_literal(std::string_view text) {
  std::string out;
  json_text::append_string(out, text);
  return out;
}

// The longest reason, errors and their details aside, with its label and the closing brace.
constexpr std::size_t kOfrepReasonSize = sizeof(",\"reason\":\"TARGETING_MATCH\"}");

}  // namespace

FlagSetTexts::FlagSetTexts(const flags::FlagSet& flag_set)
    : first_(flag_set.flags().data()), metadata_(texts_of(flag_set.metadata())) {
  ofrep_bulk_size_ = sizeof("{\"flags\":[],\"metadata\":}") + metadata_.ofrep.size();
  flags_.reserve(flag_set.flags().size());
  for (const flags::Flag& flag : flag_set.flags()) {
    FlagTexts texts{string_literal(flag.key), texts_of(flag.metadata), {}};
    const std::string metadata_field =
        flag.metadata.is_object() && !flag.metadata.empty() ? ",\"metadata\":" + texts.metadata.ofrep : "";
    std::size_t longest = sizeof("{\"key\":") + texts.key.size() + metadata_field.size();
    texts.variants.reserve(flag.variant_list.size());
    for (const flags::Variant& variant : flag.variant_list) {
      VariantTexts v{string_literal(variant.name), texts_of(*variant.value), {}, {}};
      v.ofrep_head = "{\"key\":" + texts.key + ",\"value\":" + v.value.ofrep;
      v.ofrep_tail = ",\"variant\":" + v.name + metadata_field + "}";
      longest = std::max(longest, v.ofrep_head.size() + v.ofrep_tail.size());
      texts.variants.push_back(std::move(v));
    }
    ofrep_bulk_size_ += longest + kOfrepReasonSize + 1;  // and a comma
    flags_.push_back(std::move(texts));
  }
}

}  // namespace flagport::evaluation
