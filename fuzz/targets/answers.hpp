// Evaluates every flag of a set for a context, typed, untyped and in bulk, and renders each
// answer as both APIs write it; every rendered body must be valid JSON.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/evaluation/flag_answer.hpp"
#include "core/evaluation/flag_texts.hpp"
#include "core/flags/evaluation.hpp"
#include "core/http/envelope.hpp"
#include "core/ofrep/etag.hpp"
#include "core/ofrep/ofrep_answer.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace flagport::fuzz {

inline void check_json(const std::string& body) { FUZZ_CHECK(nlohmann::json::accept(body)); }

inline void evaluate_everything(const flags::FlagSet& set, const evaluation::FlagSetTexts& texts,
                                const flags::EvaluationContext& context) {
  constexpr std::int64_t kNow = 1767225600;
  for (const flags::Flag& flag : set.flags()) {
    for (auto type : {flags::ValueType::Boolean, flags::ValueType::String, flags::ValueType::Integer,
                      flags::ValueType::Float, flags::ValueType::Object}) {
      const flags::Resolution r = flags::evaluate(set, flag.key, context, type, kNow);
      FUZZ_CHECK((r.error_code == flags::ErrorCode::None) || r.value == nullptr);
    }
    const flags::Resolution r = flags::evaluate_untyped(set, flag.key, context, kNow);
    check_json(render_envelope(evaluation::single_flag_response(flag.key, r, texts), "fuzz", "id").body);
    check_json(ofrep::single_answer(flag.key, r, texts).body);
  }
  const flags::Resolution missing = flags::evaluate_untyped(set, "no such flag \xff", context, kNow);
  FUZZ_CHECK(missing.error_code == flags::ErrorCode::FlagNotFound);
  check_json(ofrep::single_answer("no such flag", missing, texts).body);

  const auto all = flags::evaluate_all(set, context, kNow);
  FUZZ_CHECK(all.size() == set.flags().size());
  check_json(ofrep::bulk_answer(all, &texts).body);
  std::string data = "[";
  for (const auto& entry : all) {
    if (data.size() > 1) data += ',';
    evaluation::append_flag_answer(data, entry.key, entry.resolution, texts);
  }
  check_json(data + "]");
  FUZZ_CHECK(!ofrep::bulk_etag("project", 1, context).empty());
}

}  // namespace flagport::fuzz
