// ResponseParser: one HTTP/1.1 response read from bytes as they arrive off a socket. The
// head is parsed once it is whole; the body is framed by Content-Length, by chunks, or by
// the end of the connection, as RFC 9112 §6.3 orders them. Interim (1xx) responses are
// skipped. Bytes past the response's end are kept for the next one. A head, and any line of
// the chunked framing, is limited to 64 KiB; the body is not (the peer is the local
// Runtime API, whose events are at most 6 MB).
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
  // Whether the connection may carry another request after the response read last:
  // HTTP/1.1 unless it said "Connection: close", HTTP/1.0 only if it said "keep-alive".
  bool keeps_connection() const { return keep_alive_; }

 private:
  enum class Stage { kHead, kSizedBody, kChunkSize, kChunkData, kChunkEnd, kTrailers, kUntilClose, kDone, kMalformed };

  Progress advance();
  Progress read_head(std::string_view head);
  Progress fail(std::string why);
  // The next line from pos_ (without its CRLF), or nothing until it is whole (or too long:
  // then the parser is malformed).
  bool next_line(std::string_view& line);
  Progress waiting() const;  // after next_line found no line: more bytes, or malformed
  // Moves up to remaining_ body bytes from the buffer to the reply; true when none remain.
  bool read_body_bytes();

  std::string buffer_;       // bytes received and not yet dropped
  std::size_t pos_ = 0;      // where in buffer_ parsing stands
  std::size_t scanned_ = 0;  // up to where buffer_ holds no line end after pos_
  Stage stage_ = Stage::kHead;
  std::size_t remaining_ = 0;  // body or chunk bytes still to come
  HttpReply reply_;
  bool keep_alive_ = true;
  std::string error_;
};

}  // namespace flagport::lambda
