// HttpClient: libcurl behind one multi handle, so every transfer shares one
// connection cache (keep-alive across invocations) and a batch of independent
// calls runs concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flagport::lambda {

struct HttpCall {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "name: value"
  std::string body;
  long timeout_ms = 0;          // 0: no limit (the Runtime API's long poll)
  std::string aws_sigv4;        // "aws:amz:REGION:SERVICE" signs the call with SigV4
  std::string aws_credentials;  // "ACCESS_KEY_ID:SECRET_ACCESS_KEY", with aws_sigv4
};

struct HttpReply {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::string transport_error;  // set when no HTTP answer came back

  bool answered() const { return transport_error.empty(); }
  std::optional<std::string_view> header(std::string_view lower_name) const;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpReply perform(const HttpCall& call);
  std::vector<HttpReply> perform_all(const std::vector<HttpCall>& calls);

 private:
  void* acquire();  // a CURL* easy handle

  void* multi_ = nullptr;     // CURLM*
  std::vector<void*> idle_;  // CURL* easy handles kept for reuse
  std::string ca_bundle_;
};

// The CA bundle of this system: SSL_CERT_FILE when set, else the first that exists of
// Amazon Linux's and Debian's paths. Empty when none is found.
std::string find_ca_bundle();

}  // namespace flagport::lambda
