// The JSON texts evaluation answers are made of, written once per compiled flag set so
// that answering only concatenates: flag keys, variant names and values, and metadata.
// Values and metadata are written as flagd-core answers them (stringify.hpp), in both
// APIs, so an object value reads the same, member for member, from either.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/flags/flag_set.hpp"

namespace flagport::evaluation {

struct VariantTexts {
  std::string name;  // a JSON string literal
  std::string value;
  // An OFREP answer of this variant, ready made but for the reason between the two:
  // {"key":K,"value":V and ,"variant":N,"metadata":M} (no metadata field when it is empty).
  std::string ofrep_head;
  std::string ofrep_tail;
};

struct FlagTexts {
  std::string key;     // a JSON string literal
  std::string metadata;  // the flag's merged metadata (flag-set metadata under the flag's)
  std::vector<VariantTexts> variants;  // as Flag::variant_list
};

class FlagSetTexts {
 public:
  explicit FlagSetTexts(const flags::FlagSet& flag_set);

  // `flag` and `variant` belong to the flag set these texts were written for.
  const FlagTexts& of(const flags::Flag& flag) const { return flags_[&flag - first_]; }
  const VariantTexts& of(const flags::Flag& flag, const flags::Variant& variant) const {
    return of(flag).variants[&variant - flag.variant_list.data()];
  }
  const std::string& metadata() const { return metadata_; }  // the flag set's own
  // At least the length of an OFREP bulk answer of every flag, so it is written without growing.
  std::size_t ofrep_bulk_size() const { return ofrep_bulk_size_; }

 private:
  const flags::Flag* first_;
  std::vector<FlagTexts> flags_;
  std::string metadata_;
  std::size_t ofrep_bulk_size_ = 0;
};

}  // namespace flagport::evaluation
