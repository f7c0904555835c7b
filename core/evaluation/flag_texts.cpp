#include "core/evaluation/flag_texts.hpp"

#include "core/http/json_text.hpp"

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

}  // namespace

FlagSetTexts::FlagSetTexts(const flags::FlagSet& flag_set)
    : first_(flag_set.flags().data()), metadata_(texts_of(flag_set.metadata())) {
  flags_.reserve(flag_set.flags().size());
  for (const flags::Flag& flag : flag_set.flags()) {
    FlagTexts texts{string_literal(flag.key), texts_of(flag.metadata), {}};
    texts.variants.reserve(flag.variant_list.size());
    for (const flags::Variant& variant : flag.variant_list)
      texts.variants.push_back({string_literal(variant.name), texts_of(*variant.value)});
    flags_.push_back(std::move(texts));
  }
}

}  // namespace flagport::evaluation
