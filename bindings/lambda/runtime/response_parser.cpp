#include "bindings/lambda/runtime/response_parser.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace flagport::lambda {
namespace {

// A head larger than this is not a Runtime API's: the connection is not speaking HTTP.
constexpr std::size_t kMaxHead = 64 * 1024;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    auto comma = list.find(',');
    if (lower(trim(list.substr(0, comma))) == token) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// The last coding of a Transfer-Encoding list.
std::string_view last_coding(std::string_view list) {
  auto comma = list.rfind(',');
  return trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
}

}  // namespace

ResponseParser::Progress ResponseParser::add(std::string_view bytes) {
  if (stage_ == Stage::kMalformed) return Progress::kMalformed;
  if (pos_ == buffer_.size()) {  // all read: a large body does not pile up
    buffer_.clear();
    pos_ = scanned_ = 0;
  }
  buffer_.append(bytes);
  return advance();
}

ResponseParser::Progress ResponseParser::end_of_stream() {
  if (stage_ == Stage::kUntilClose) {
    reply_.body.append(buffer_, pos_);
    pos_ = buffer_.size();
    stage_ = Stage::kDone;
  }
  if (stage_ == Stage::kDone) return Progress::kDone;
  if (stage_ == Stage::kMalformed) return Progress::kMalformed;
  return fail("the connection closed inside a response");
}

HttpReply ResponseParser::take() {
  HttpReply out = std::move(reply_);
  reply_ = HttpReply{};
  buffer_.erase(0, pos_);
  pos_ = scanned_ = 0;
  stage_ = Stage::kHead;
  return out;
}

ResponseParser::Progress ResponseParser::fail(std::string why) {
  stage_ = Stage::kMalformed;
  error_ = std::move(why);
  return Progress::kMalformed;
}

ResponseParser::Progress ResponseParser::waiting() const {
  return stage_ == Stage::kMalformed ? Progress::kMalformed : Progress::kMore;
}

bool ResponseParser::next_line(std::string_view& line) {
  auto end = buffer_.find("\r\n", std::max(pos_, scanned_));
  if (end == std::string::npos) {
    scanned_ = buffer_.empty() ? 0 : buffer_.size() - 1;  // a CR may be the last byte
    if (buffer_.size() - pos_ > kMaxHead) fail("a chunked-framing line over 64 KiB");
    return false;
  }
  line = std::string_view(buffer_).substr(pos_, end - pos_);
  pos_ = scanned_ = end + 2;
  return true;
}

bool ResponseParser::read_body_bytes() {
  std::size_t take = std::min(remaining_, buffer_.size() - pos_);
  reply_.body.append(buffer_, pos_, take);
  pos_ += take;
  remaining_ -= take;
  return remaining_ == 0;
}

ResponseParser::Progress ResponseParser::advance() {
  for (;;) {
    std::string_view line;
    switch (stage_) {
      case Stage::kHead: {
        auto end = buffer_.find("\r\n\r\n", std::max(pos_, scanned_));
        if (end == std::string::npos) {
          if (buffer_.size() - pos_ > kMaxHead) return fail("a response head over 64 KiB");
          scanned_ = buffer_.size() < 3 ? 0 : buffer_.size() - 3;
          return Progress::kMore;
        }
        std::string_view head = std::string_view(buffer_).substr(pos_, end - pos_);
        pos_ = scanned_ = end + 4;
        if (auto progress = read_head(head); progress != Progress::kMore) return progress;
        break;
      }
      case Stage::kSizedBody:
        if (!read_body_bytes()) return Progress::kMore;
        stage_ = Stage::kDone;
        break;
      case Stage::kChunkSize: {
        if (!next_line(line)) return waiting();
        std::string_view digits = trim(line.substr(0, line.find(';')));
        std::size_t size = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) return fail("a malformed chunk size");
        remaining_ = size;
        stage_ = size == 0 ? Stage::kTrailers : Stage::kChunkData;
        break;
      }
      case Stage::kChunkData:
        if (!read_body_bytes()) return Progress::kMore;
        scanned_ = pos_;
        stage_ = Stage::kChunkEnd;
        break;
      case Stage::kChunkEnd:
        if (!next_line(line)) return waiting();
        if (!line.empty()) return fail("chunk data longer than its size");
        stage_ = Stage::kChunkSize;
        break;
      case Stage::kTrailers:  // trailer fields are read past, not kept
        if (!next_line(line)) return waiting();
        if (line.empty()) stage_ = Stage::kDone;
        break;
      case Stage::kUntilClose:
        return Progress::kMore;
      case Stage::kDone:
        return Progress::kDone;
      case Stage::kMalformed:
        return Progress::kMalformed;
    }
  }
}

ResponseParser::Progress ResponseParser::read_head(std::string_view head) {
  auto line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  // "HTTP/1.x NNN reason"
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." || status_line[8] != ' ')
    return fail("not an HTTP/1.x status line");
  int status = 0;
  auto [end, ec] = std::from_chars(status_line.data() + 9, status_line.data() + 12, status);
  if (ec != std::errc{} || end != status_line.data() + 12 || status < 100) return fail("a malformed status code");

  reply_.status = status;
  reply_.headers.clear();
  const bool http10 = status_line[7] == '0';
  std::string_view fields = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);
  while (!fields.empty()) {
    auto next = fields.find("\r\n");
    std::string_view field = fields.substr(0, next);
    fields = next == std::string_view::npos ? std::string_view{} : fields.substr(next + 2);
    auto colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0 || field.front() == ' ' || field.front() == '\t')
      return fail("a malformed header field");
    reply_.headers.emplace_back(lower(field.substr(0, colon)), std::string(trim(field.substr(colon + 1))));
  }

  auto connection = reply_.header("connection");
  keep_alive_ = http10 ? connection && has_token(*connection, "keep-alive") : !connection || !has_token(*connection, "close");
  if (status < 200 && status != 101) return Progress::kMore;  // interim: the real response follows
  if (status == 204 || status == 304) {
    stage_ = Stage::kDone;
    return Progress::kMore;
  }
  if (auto coding = reply_.header("transfer-encoding")) {
    stage_ = lower(last_coding(*coding)) == "chunked" ? Stage::kChunkSize : Stage::kUntilClose;
    return Progress::kMore;
  }
  if (auto length = reply_.header("content-length")) {
    std::size_t size = 0;
    auto [at, error] = std::from_chars(length->data(), length->data() + length->size(), size);
    if (length->empty() || error != std::errc{} || at != length->data() + length->size())
      return fail("a malformed Content-Length");
    remaining_ = size;
    stage_ = Stage::kSizedBody;
    return Progress::kMore;
  }
  stage_ = Stage::kUntilClose;
  return Progress::kMore;
}

}  // namespace flagport::lambda
