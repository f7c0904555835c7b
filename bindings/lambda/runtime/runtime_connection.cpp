#include "bindings/lambda/runtime/runtime_connection.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "bindings/lambda/runtime/response_parser.hpp"

namespace flagport::lambda {
namespace {

HttpReply transport_failure(std::string why) {
  HttpReply reply;
  reply.transport_error = std::move(why);
  return reply;
}

std::string system_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Waits until fd has something to read (or its peer closed it); false on timeout or error.
bool readable_before(int fd, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      errno = ETIMEDOUT;
      return false;
    }
    pollfd p{fd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n > 0) return true;
    if (n == 0) {
      errno = ETIMEDOUT;
      return false;
    }
    if (errno != EINTR) return false;
  }
}

// Whether an idle kept connection has been closed (or reset) by its peer: nothing may be
// waiting on it but the end of the stream.
bool closed_by_peer(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  return ::poll(&p, 1, 0) != 0;
}

}  // namespace

RuntimeConnection::RuntimeConnection(std::string api) : api_(std::move(api)) {
  auto colon = api_.rfind(':');
  host_ = api_.substr(0, colon);
  port_ = colon == std::string::npos ? "80" : api_.substr(colon + 1);
  if (host_.size() >= 2 && host_.front() == '[' && host_.back() == ']') host_ = host_.substr(1, host_.size() - 2);
}

RuntimeConnection::~RuntimeConnection() { close(); }

void RuntimeConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string RuntimeConnection::open() {
  close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found); rc != 0)
    return "resolving " + api_ + ": " + ::gai_strerror(rc);
  std::string why = "no address for " + api_;
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      why = system_error("socket");
      continue;
    }
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // a request is one write
      fd_ = fd;
      send_limited_ = false;
      break;
    }
    why = system_error(("connecting to " + api_).c_str());
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return fd_ >= 0 ? std::string{} : why;
}

HttpReply RuntimeConnection::exchange(std::string_view method, std::string_view path, std::string_view headers,
                                      std::string_view body, int timeout_ms) {
  const Deadline deadline{timeout_ms > 0, std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms)};
  std::string request;
  request.reserve(128 + path.size() + headers.size());
  request.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ").append(api_).append("\r\n");
  request.append(headers);
  if (method != "GET") request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  request.append("\r\n");

  // A kept connection the Runtime API closed while the process was frozen is replaced before
  // anything is sent on it, so no request is ever sent twice...
  if (fd_ >= 0 && closed_by_peer(fd_)) close();
  const bool reused = fd_ >= 0;
  if (!reused)
    if (std::string why = open(); !why.empty()) return transport_failure(why);
  Outcome outcome = attempt(request, body, deadline);
  // ...except a GET for the next event, when the close raced with it: it changes nothing.
  if (outcome.closed_unanswered && reused && method == "GET") {
    if (std::string why = open(); !why.empty()) return transport_failure(why);
    outcome = attempt(request, body, deadline);
  }
  if (!outcome.keep) close();
  return std::move(outcome.reply);
}

RuntimeConnection::Outcome RuntimeConnection::attempt(const std::string& request, std::string_view body,
                                                      const Deadline& deadline) {
  Outcome out;
  // A blocking socket: a bounded call bounds its writes by the time left (SO_SNDTIMEO) and
  // polls before each read.
  if (deadline.bounded || send_limited_) {
    auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline.at - std::chrono::steady_clock::now());
    if (deadline.bounded && left.count() <= 0) {
      out.reply = transport_failure("no time left for the Runtime API");
      return out;
    }
    timeval limit{};  // zero: no limit
    if (deadline.bounded) limit = {static_cast<time_t>(left.count() / 1'000'000), static_cast<suseconds_t>(left.count() % 1'000'000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    send_limited_ = deadline.bounded;
  }

  // The head and the body in one write where the socket takes them.
  iovec parts[2] = {{const_cast<char*>(request.data()), request.size()}, {const_cast<char*>(body.data()), body.size()}};
  msghdr message{};
  message.msg_iov = parts;
  message.msg_iovlen = body.empty() ? 1 : 2;
  while (message.msg_iovlen > 0) {
    ssize_t sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) errno = ETIMEDOUT;
      out.closed_unanswered = errno == EPIPE || errno == ECONNRESET;
      out.reply = transport_failure(system_error("sending to the Runtime API"));
      return out;
    }
    auto left = static_cast<std::size_t>(sent);
    while (message.msg_iovlen > 0 && left >= message.msg_iov->iov_len) {
      left -= message.msg_iov->iov_len;
      ++message.msg_iov;
      --message.msg_iovlen;
    }
    if (message.msg_iovlen > 0) {
      message.msg_iov->iov_base = static_cast<char*>(message.msg_iov->iov_base) + left;
      message.msg_iov->iov_len -= left;
    }
  }

  ResponseParser parser;
  char chunk[16 * 1024];
  for (;;) {
    if (deadline.bounded && !readable_before(fd_, deadline.at)) {
      out.reply = transport_failure(system_error("waiting for the Runtime API"));
      return out;
    }
    ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      out.closed_unanswered = errno == ECONNRESET && !parser.started();
      out.reply = transport_failure(system_error("reading from the Runtime API"));
      return out;
    }
    if (got == 0 && !parser.started()) {
      out.closed_unanswered = true;
      out.reply = transport_failure("the Runtime API closed the connection");
      return out;
    }
    auto progress = got == 0 ? parser.end_of_stream() : parser.add(std::string_view(chunk, static_cast<std::size_t>(got)));
    if (progress == ResponseParser::Progress::kDone) {
      out.keep = got > 0 && parser.keeps_connection();
      out.reply = parser.take();
      return out;
    }
    if (progress == ResponseParser::Progress::kMalformed) {
      out.reply = transport_failure("the Runtime API's response: " + parser.error());
      return out;
    }
  }
}

}  // namespace flagport::lambda
