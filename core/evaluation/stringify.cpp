#include "core/evaluation/stringify.hpp"

#include <string_view>
#include <vector>

#include "core/flags/javascript.hpp"
#include "core/http/json_text.hpp"

namespace flagport::evaluation {

void append_stringified(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      std::vector<std::string_view> keys;
      std::vector<const Json*> values;
      keys.reserve(value.size());
      values.reserve(value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        keys.push_back(it.key());
        values.push_back(&it.value());
      }
      const std::vector<std::size_t> order = flags::js::key_order(keys);
      out += '{';
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i) out += ',';
        json_text::append_string(out, keys[order[i]]);
        out += ':';
        append_stringified(out, *values[order[i]]);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i) out += ',';
        append_stringified(out, value[i]);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: json_text::append_string(out, value.get_ref<const std::string&>()); return;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer:
      flags::js::append_number(out, static_cast<double>(value.get<std::int64_t>()));
      return;
    case Json::value_t::number_unsigned:
      flags::js::append_number(out, static_cast<double>(value.get<std::uint64_t>()));
      return;
    case Json::value_t::number_float: flags::js::append_number(out, value.get<double>()); return;
    default: out += "null"; return;
  }
}

}  // namespace flagport::evaluation
