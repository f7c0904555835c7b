#include "core/flags/evaluation_context.hpp"

#include "core/flags/context_decoder.hpp"
#include "core/flags/json_reader.hpp"

namespace flagport::flags {

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
