#pragma once
// The evaluation context, decoded from JSON text straight into rule values.

#include <optional>
#include <string>
#include <string_view>

#include "core/flags/context_needs.hpp"
#include "core/flags/value.hpp"

namespace flagport::flags {

class EvaluationContext {
public:
  EvaluationContext() = default;
  EvaluationContext(EvaluationContext&&) = default;
  EvaluationContext& operator=(EvaluationContext&&) = default;

  // Top-level attributes (targetingKey among them), in document order.
  const ObjectData& attributes() const { return attributes_; }
  // The attributes `needs` names, by slot (null where absent), when the context was decoded
  // with these needs; nullptr otherwise.
  const Value* slots(const ContextNeeds& needs) const {
    return stamp_ != 0 && stamp_ == needs.stamp ? slots_ : nullptr;
  }

private:
  friend class ContextDecoder;
  Arena arena_;
  ObjectData attributes_;
  const Value* slots_ = nullptr;  // in arena_
  std::uint64_t stamp_ = 0;       // the ContextNeeds::stamp slots_ follow
};

struct ContextDecodeResult {
  std::optional<EvaluationContext> context;
  std::string error;  // set when context is not: the text is not a JSON object
};

// Decodes a JSON object (json_reader.hpp: what nlohmann-json accepts), building values
// directly (no DOM); strings stay in the context's one copy of the text.
// With `needs`, top-level attributes no rule can read are skipped rather than stored, and
// those the rules name fill the context's slots; pass nullptr to keep everything. Invalid JSON or a non-object is an error (the API
// answers INVALID_CONTEXT).
ContextDecodeResult decode_context(std::string_view json_text, const ContextNeeds* needs = nullptr);

}  // namespace flagport::flags
