// core/flags/json_reader: the strict in-place JSON reader. It must accept exactly what
// nlohmann-json's parser accepts (but for a NUL byte and deep nesting, see below), and the documents
// built from what it reads (the Lambda event reader's, event_json; the flag-set loader's,
// parse_ordered_json, number types and member order included) must equal nlohmann's.
#include <string>

#include <nlohmann/json.hpp>

#include "bindings/lambda/events/event_json.hpp"
#include "core/flags/json_reader.hpp"
#include "core/flags/ordered_json_parse.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

// Counts events and checks they nest: every end closes the matching start.
struct Checker {
  std::string open;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number(double) { return true; }
  bool string(std::string_view) { return true; }
  bool key(std::string_view) {
    FUZZ_CHECK(!open.empty() && open.back() == 'o');
    return true;
  }
  bool start_object() { return open.push_back('o'), true; }
  bool start_array() { return open.push_back('a'), true; }
  bool end_object() { return end('o'); }
  bool end_array() { return end('a'); }
  bool end(char kind) {
    FUZZ_CHECK(!open.empty() && open.back() == kind);
    open.pop_back();
    return true;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const std::string_view in = fuzz::text(data, size);
  std::string copy(in);
  Checker checker;
  const bool accepted = flags::json_reader::parse(copy.data(), copy.data() + copy.size(), checker);
  // nlohmann's lexer takes a NUL byte for the end of the input, so it accepts "{}\0junk";
  // JSON.parse refuses any NUL outside a string, and so must the reader. Nor does nlohmann
  // limit the nesting.
  const bool reference = nlohmann::json::accept(in) && in.find('\0') == std::string_view::npos &&
                         fuzz::depth(in) <= flags::json_reader::kMaxDepth;
  FUZZ_CHECK(accepted == reference);
  if (accepted) FUZZ_CHECK(checker.open.empty());

  auto document = lambda::parse_event(std::string(in));
  FUZZ_CHECK(document.has_value() == reference);
  // nlohmann's comparison recurses: leave very deep documents to the acceptance check.
  if (document && size < 2048) FUZZ_CHECK(*document == nlohmann::json::parse(in, nullptr, false));

  const nlohmann::ordered_json ordered = flags::parse_ordered_json(in);
  FUZZ_CHECK(ordered.is_discarded() == !reference);
  if (!ordered.is_discarded() && size < 2048) FUZZ_CHECK(ordered.dump() == nlohmann::ordered_json::parse(in).dump());
  return 0;
}
