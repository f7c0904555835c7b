// RuntimeConnection: plain HTTP/1.1 to the Runtime API over one kept-alive TCP connection.
// The Runtime API is a local, unencrypted endpoint that answers one request at a time, so
// a request is one write and its response is read with ResponseParser: no general HTTP
// client (libcurl's per-transfer setup was most of the runtime's own time per event).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "bindings/lambda/aws/http_client.hpp"

namespace flagport::lambda {

class RuntimeConnection {
 public:
  // `api` is AWS_LAMBDA_RUNTIME_API: "host:port", "[v6 address]:port".
  explicit RuntimeConnection(std::string api);
  ~RuntimeConnection();
  RuntimeConnection(const RuntimeConnection&) = delete;
  RuntimeConnection& operator=(const RuntimeConnection&) = delete;

  // Sends one request and reads its response; timeout_ms 0 waits as long as it takes (the
  // long poll for the next event), else it bounds the whole exchange. `headers` are whole
  // lines, each ending in CRLF. A kept connection the server has closed meanwhile is
  // replaced; no request but a GET is ever sent twice.
  HttpReply exchange(std::string_view method, std::string_view path, std::string_view headers, std::string_view body,
                     int timeout_ms);

 private:
  struct Deadline {
    bool bounded;
    std::chrono::steady_clock::time_point at;
  };
  struct Outcome {
    HttpReply reply;
    bool keep = false;  // the connection can carry the next request
    // The server closed the connection before a byte of a response came back.
    bool closed_unanswered = false;
  };

  std::string open();  // connects, replacing any connection; the reason when it could not
  void close();
  Outcome attempt(const std::string& request, std::string_view body, const Deadline& deadline);

  std::string api_;
  std::string host_;
  std::string port_;
  int fd_ = -1;
  bool send_limited_ = false;  // fd_ carries a send timeout (SO_SNDTIMEO) from a bounded call
};

}  // namespace flagport::lambda
