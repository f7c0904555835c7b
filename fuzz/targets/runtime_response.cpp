// lambda::ResponseParser: Runtime API responses read off a socket. The first byte picks
// how the rest arrives (in pieces of 1 to 256 bytes), the rest is the byte stream, which
// may hold several responses; the stream ends with the connection's close. The parser
// must come to the same responses whatever the pieces.
#include <string>
#include <vector>

#include "bindings/lambda/runtime/response_parser.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

using flagport::lambda::HttpReply;
using flagport::lambda::ResponseParser;

struct Outcome {
  std::vector<HttpReply> replies;
  bool malformed = false;
};

Outcome read_all(std::string_view stream, std::size_t step) {
  Outcome out;
  ResponseParser parser;
  auto settle = [&](ResponseParser::Progress progress) {
    // Bytes already received may hold further responses: take them all.
    while (progress == ResponseParser::Progress::kDone && out.replies.size() < 64) {
      out.replies.push_back(parser.take());
      progress = parser.add({});
    }
    if (progress == ResponseParser::Progress::kMalformed) {
      FUZZ_CHECK(!parser.error().empty());
      out.malformed = true;
    }
    return progress;
  };
  for (std::size_t at = 0; at < stream.size() && !out.malformed; at += step)
    settle(parser.add(stream.substr(at, step)));
  if (!out.malformed && parser.started()) settle(parser.end_of_stream());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0];
  const std::string_view stream = flagport::fuzz::text(data + 1, size - 1);
  const Outcome whole = read_all(stream, stream.size() + 1);
  const Outcome pieces = read_all(stream, step);
  FUZZ_CHECK(whole.malformed == pieces.malformed);
  FUZZ_CHECK(whole.replies.size() == pieces.replies.size());
  for (std::size_t i = 0; i < whole.replies.size(); ++i) {
    FUZZ_CHECK(whole.replies[i].status == pieces.replies[i].status);
    FUZZ_CHECK(whole.replies[i].headers == pieces.replies[i].headers);
    FUZZ_CHECK(whole.replies[i].body == pieces.replies[i].body);
  }
  return 0;
}
