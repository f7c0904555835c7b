#include "bindings/lambda/aws/http_client.hpp"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace flagport::lambda {
namespace {

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpReply reply;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<HttpReply*>(user)->body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* reply = static_cast<HttpReply*>(user);
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    reply->headers.clear();  // a new response (after 100 Continue or a redirect)
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  auto value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  reply->headers.emplace_back(std::move(name), std::string(value));
  return size * count;
}

bool curl_ready() {
  static const bool ready = [] {
    // OpenSSL initialises once, with the options of its first caller: here, before libcurl.
    // Without openssl.cnf, so the runtime does not depend on the host's OpenSSL settings;
    // without the legacy name tables (TLS fetches from providers) and the error-string
    // tables (curl's TLS messages keep their text and codes): about 1 ms of every cold start.
    OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS |
                         OPENSSL_INIT_NO_LOAD_SSL_STRINGS | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS,
                     nullptr);
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  }();
  return ready;
}

}  // namespace

std::optional<std::string_view> HttpReply::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return std::string_view(value);
  return std::nullopt;
}

std::string find_ca_bundle() {
  if (const char* file = std::getenv("SSL_CERT_FILE"); file && *file) return file;
  for (const char* path : {"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"})
    if (::access(path, R_OK) == 0) return path;
  return {};
}

HttpClient::HttpClient() : ca_bundle_(find_ca_bundle()) {
  if (curl_ready()) multi_ = curl_multi_init();
}

HttpClient::~HttpClient() {
  for (void* easy : idle_) curl_easy_cleanup(easy);
  if (multi_) curl_multi_cleanup(multi_);
}

void* HttpClient::acquire() {
  if (idle_.empty()) return curl_easy_init();
  void* easy = idle_.back();
  idle_.pop_back();
  curl_easy_reset(easy);
  return easy;
}

HttpReply HttpClient::perform(const HttpCall& call) { return std::move(perform_all({call}).front()); }

std::vector<HttpReply> HttpClient::perform_all(const std::vector<HttpCall>& calls) {
  std::vector<Transfer> transfers(calls.size());
  if (!multi_) {
    for (auto& t : transfers) t.reply.transport_error = "libcurl failed to initialise";
    std::vector<HttpReply> out;
    for (auto& t : transfers) out.push_back(std::move(t.reply));
    return out;
  }

  for (std::size_t i = 0; i < calls.size(); ++i) {
    const HttpCall& call = calls[i];
    Transfer& t = transfers[i];
    t.easy = acquire();
    if (!t.easy) {
      t.reply.transport_error = "curl_easy_init failed";
      continue;
    }
    curl_easy_setopt(t.easy, CURLOPT_URL, call.url.c_str());
    curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
    curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, call.timeout_ms);
    curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t.reply);
    curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t.reply);
    if (!ca_bundle_.empty()) curl_easy_setopt(t.easy, CURLOPT_CAINFO, ca_bundle_.c_str());
    if (call.method == "GET") {
      curl_easy_setopt(t.easy, CURLOPT_HTTPGET, 1L);
    } else {
      // POSTFIELDS, not a read callback: SigV4 hashes the payload from it.
      curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
      curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, call.body.data());
      if (call.method != "POST") curl_easy_setopt(t.easy, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    }
    // No "Expect: 100-continue" round trip for large bodies: the body follows the header at
    // once. Not by removing the header ("Expect:"): libcurl before 8.3 then signs an absent
    // header (curl issue 11664), and AWS may refuse the signature.
    curl_easy_setopt(t.easy, CURLOPT_EXPECT_100_TIMEOUT_MS, 0L);
    for (const auto& h : call.headers) t.headers = curl_slist_append(t.headers, h.c_str());
    curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
    if (!call.aws_sigv4.empty()) {
      curl_easy_setopt(t.easy, CURLOPT_AWS_SIGV4, call.aws_sigv4.c_str());
      curl_easy_setopt(t.easy, CURLOPT_USERPWD, call.aws_credentials.c_str());
    }
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    curl_multi_add_handle(multi_, t.easy);
  }

  int running = 0;
  do {
    CURLMcode code = curl_multi_perform(multi_, &running);
    if (code == CURLM_OK && running > 0) code = curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    if (code != CURLM_OK) {
      for (auto& t : transfers)
        if (t.easy && t.reply.transport_error.empty() && t.reply.status == 0)
          t.reply.transport_error = curl_multi_strerror(code);
      break;
    }
  } while (running > 0);

  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    Transfer* t = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
    if (message->data.result == CURLE_OK)
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->reply.status);
    else
      t->reply.transport_error = curl_easy_strerror(message->data.result);
  }

  std::vector<HttpReply> out;
  out.reserve(transfers.size());
  for (auto& t : transfers) {
    if (t.easy) {
      curl_multi_remove_handle(multi_, t.easy);
      idle_.push_back(t.easy);
    }
    curl_slist_free_all(t.headers);
    if (t.reply.answered() && t.reply.status == 0) t.reply.transport_error = "no HTTP status";
    out.push_back(std::move(t.reply));
  }
  return out;
}

}  // namespace flagport::lambda
