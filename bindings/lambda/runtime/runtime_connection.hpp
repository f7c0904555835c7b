// RuntimeConnection: plain HTTP/1.1 to the Runtime API over one kept-alive TCP connection.
// The Runtime API is a local, unencrypted endpoint that answers one request at a time, so
// a request is one write and its response is read with ResponseParser: no general HTTP
// client (libcurl's per-transfer setup was most of the runtime's own time per event).
#pragma once

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
  // long poll for the next event). `headers` are whole lines, each ending in CRLF. A kept
  // connection the server has closed meanwhile is replaced, and the request sent again.
  HttpReply exchange(std::string_view method, std::string_view path, std::string_view headers, std::string_view body,
                     int timeout_ms);

 private:
  std::string open();  // connects; the reason when it could not
  void close();
  // One attempt on the open connection. `closed_unanswered` says the server closed it
  // before a byte of a response came back: a kept connection it had dropped while idle.
  HttpReply attempt(const std::string& request, std::string_view body, int timeout_ms, bool& closed_unanswered);

  std::string api_;
  std::string host_;
  std::string port_;
  int fd_ = -1;
};

}  // namespace flagport::lambda
