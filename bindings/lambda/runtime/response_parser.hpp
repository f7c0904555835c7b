// ResponseParser: one HTTP/1.1 response read from bytes as they arrive off a socket. The
// head is parsed once it is whole; the body is framed by Content-Length, by chunks, or by
// the end of the connection, as RFC 9112 §6.3 orders them. Interim (1xx) responses are
// skipped. Bytes past the response's end are kept for the next one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bindings/lambda/aws/http_client.hpp"

namespace flagport::lambda {

class ResponseParser {
 public:
  enum class Progress { kMore, kDone, kMalformed };

  // Appends bytes and reads as far as they allow.
  Progress add(std::string_view bytes);
  // The peer closed the connection: completes a body that runs to the end, else malformed.
  Progress end_of_stream();
  // Whether any byte of a response has arrived (a connection closed before any was idle).
  bool started() const { return !buffer_.empty() || stage_ != Stage::kHead; }
  // The response, once add() or end_of_stream() said kDone; the parser starts over on the
  // bytes that followed it.
  HttpReply take();
  const std::string& error() const { return error_; }

 private:
  enum class Stage { kHead, kSizedBody, kChunkSize, kChunkData, kChunkEnd, kTrailers, kUntilClose, kDone, kMalformed };

  Progress advance();
  Progress read_head(std::string_view head);
  Progress fail(std::string why);
  // The next line from pos_ (without its CRLF), or nothing until it is whole.
  bool next_line(std::string_view& line);
  // Moves up to remaining_ body bytes from the buffer to the reply; true when none remain.
  bool read_body_bytes();

  std::string buffer_;       // bytes received and not yet dropped
  std::size_t pos_ = 0;      // where in buffer_ parsing stands
  std::size_t scanned_ = 0;  // up to where buffer_ holds no line end after pos_
  Stage stage_ = Stage::kHead;
  std::size_t remaining_ = 0;  // body or chunk bytes still to come
  HttpReply reply_;
  std::string error_;
};

// Whether the response leaves the connection open for another request.
bool keeps_connection(const HttpReply& reply);

}  // namespace flagport::lambda
