// Line protocol (one JSON object per line, one answer line per request):
//   {"op":"load","set":ID,"config":"<flag set JSON text>"}
//       -> {"set":ID,"ok":true} | {"set":ID,"ok":false,"errors":[{"path":..,"message":..}]}
//   {"op":"eval","set":ID,"flag":KEY,"type":"boolean|string|integer|float|object",
//    "context":"<context JSON text>","now":SECONDS}
//       -> {"text":"<the Flagport API's answer for the flag, as its writer renders it>"}
//   {"op":"rule","set":ID,"flag":KEY,"context":"<context JSON text>","now":SECONDS}
//       -> {"threw":false,"result":..} | {"threw":true}   the raw targeting result; numbers
//          that JSON cannot hold are {"number":"NaN"|"Infinity"|"-Infinity"}
//   {"op":"all","set":ID,"context":"<context JSON text>","now":SECONDS}
//       -> {"text":"<OFREP's bulk answer>","entries":["<OFREP's answer for each flag alone>",..]}
// Answers are the production writers' texts (core/evaluation, core/ofrep), so the test
// compares what clients receive, member order and number spelling included.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/evaluation/flag_answer.hpp"
#include "core/evaluation/flag_texts.hpp"
#include "core/flags/evaluation.hpp"
#include "core/flags/interpreter.hpp"
#include "core/flags/javascript.hpp"
#include "core/ofrep/ofrep_answer.hpp"

namespace {

using flagport::flags::Resolution;
using flagport::flags::ValueType;
using Json = nlohmann::json;

std::string text_field(const Json& request, const char* name) {
  const auto it = request.find(name);
  return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ValueType value_type(const std::string& name) {
  if (name == "boolean") return ValueType::Boolean;
  if (name == "string") return ValueType::String;
  if (name == "integer") return ValueType::Integer;
  if (name == "float") return ValueType::Float;
  return ValueType::Object;
}

// A loaded flag set and the texts its answers are written from, as the service keeps them.
struct Loaded {
  explicit Loaded(flagport::flags::FlagSet set) : flag_set(std::move(set)), texts(flag_set) {}
  flagport::flags::FlagSet flag_set;
  flagport::evaluation::FlagSetTexts texts;
};

// Lone surrogates (from slicing a pair) become U+FFFD, as String.prototype.toWellFormed does.
std::string well_formed(std::string_view text) {
  std::u16string units = flagport::flags::js::to_utf16(text);
  for (std::size_t i = 0; i < units.size(); ++i) {
    const bool high = units[i] >= 0xD800 && units[i] < 0xDC00;
    const bool low = units[i] >= 0xDC00 && units[i] < 0xE000;
    if (high && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000) ++i;
    else if (high || low) units[i] = 0xFFFD;
  }
  return flagport::flags::js::from_utf16(units);
}

nlohmann::ordered_json encode(const flagport::flags::Value& v) {
  using Kind = flagport::flags::Value::Kind;
  switch (v.kind()) {
    case Kind::Number: {
      const double n = v.as_number();
      if (std::isnan(n)) return {{"number", "NaN"}};
      if (std::isinf(n)) return {{"number", n > 0 ? "Infinity" : "-Infinity"}};
      if (n == 0) return 0;  // JSON has no -0
      return n;
    }
    case Kind::Array: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const auto& item : v.as_array().items) out.push_back(encode(item));
      return out;
    }
    case Kind::Object: {
      nlohmann::ordered_json out = nlohmann::ordered_json::object();
      for (const auto& member : v.as_object().members) out[std::string(member.key)] = encode(member.value);
      return out;
    }
    case Kind::String: return well_formed(v.as_string());
    case Kind::Boolean: return v.as_boolean();
    case Kind::Null:
    case Kind::Undefined: return nullptr;
  }
  return nullptr;
}

nlohmann::ordered_json run_rule(const flagport::flags::FlagSet& set, const std::string& key,
                                const flagport::flags::EvaluationContext& context, std::int64_t now) {
  const auto* flag = set.find(key);
  if (!flag || !flag->targeting) return {{"error", "no targeting"}};
  flagport::flags::Arena scratch;
  const flagport::flags::RootData root{&context.attributes(), flag->key, static_cast<double>(now)};
  flagport::flags::Interpreter interpreter(root, scratch);
  const auto result = interpreter.run(*flag->targeting);
  if (!result) return {{"threw", true}};
  return {{"threw", false}, {"result", encode(*result)}};
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::map<std::int64_t, Loaded> sets;
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    const Json request = Json::parse(line, nullptr, false);
    nlohmann::ordered_json answer = nlohmann::ordered_json::object();
    if (request.is_discarded() || !request.is_object()) {
      answer["error"] = "bad request line";
    } else {
      const std::string op = text_field(request, "op");
      const std::int64_t set_id = request.value("set", std::int64_t{-1});
      const std::int64_t now = request.value("now", std::int64_t{0});
      if (op == "load") {
        auto loaded = flagport::flags::load_flag_set(text_field(request, "config"));
        answer["set"] = set_id;
        answer["ok"] = loaded.ok();
        if (loaded.ok()) {
          sets.erase(set_id);
          sets.emplace(set_id, std::move(*loaded.flag_set));
        } else {
          auto& errors = answer["errors"] = nlohmann::ordered_json::array();
          for (const auto& e : loaded.errors) errors.push_back({{"path", e.path}, {"message", e.message}});
        }
      } else if (sets.count(set_id) == 0) {
        answer["error"] = "unknown flag set";
      } else {
        const auto& [set, texts] = sets.at(set_id);
        auto decoded = flagport::flags::decode_context(text_field(request, "context"), &set.context_needs());
        if (!decoded.context) {
          answer["reason"] = "ERROR";
          answer["errorCode"] = "INVALID_CONTEXT";
        } else if (op == "rule") {
          answer = run_rule(set, text_field(request, "flag"), *decoded.context, now);
        } else if (op == "eval") {
          const std::string key = text_field(request, "flag");
          std::string text;
          flagport::evaluation::append_flag_answer(
              text, key, flagport::flags::evaluate(set, key, *decoded.context, value_type(text_field(request, "type")), now),
              texts);
          answer["text"] = std::move(text);
        } else {
          const auto entries = flagport::flags::evaluate_all(set, *decoded.context, now);
          answer["text"] = flagport::ofrep::bulk_answer(entries, &texts).body;
          auto& alone = answer["entries"] = nlohmann::ordered_json::array();
          for (const auto& entry : entries)
            alone.push_back(flagport::ofrep::single_answer(entry.key, entry.resolution, texts).body);
        }
      }
    }
    out += answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.push_back('\n');
    // answer in bulk, but never sit on answers while the caller waits for them
    if (out.size() > (1 << 16) || std::cin.rdbuf()->in_avail() == 0) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
