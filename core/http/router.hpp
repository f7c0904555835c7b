// A small router: "/v1/projects/{project}/flags" style patterns with path parameters.
// A path that matches no pattern is NotFound; a path that matches with another
// method is MethodNotAllowed (with the allowed methods, for the Allow header).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flagport {

using PathParams = std::map<std::string, std::string, std::less<>>;

std::vector<std::string_view> split_path(std::string_view path);

template <class Handler>
class Router {
 public:
  enum class Outcome { Matched, NotFound, MethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Handler* handler = nullptr;
    PathParams params;
    std::vector<std::string> allowed;  // for MethodNotAllowed
  };

  void add(std::string method, std::string_view pattern, Handler handler) {
    Route route{std::move(method), {}, std::move(handler)};
    for (auto segment : split_path(pattern)) route.segments.emplace_back(segment);
    routes_.push_back(std::move(route));
  }

  Match match(std::string_view method, std::string_view path) const {
    auto segments = split_path(path);
    Match out;
    for (const auto& route : routes_) {
      PathParams params;
      if (!matches(route, segments, params)) continue;
      if (route.method == method) {
        out.outcome = Outcome::Matched;
        out.handler = &route.handler;
        out.params = std::move(params);
        return out;
      }
      out.outcome = Outcome::MethodNotAllowed;
      out.allowed.push_back(route.method);
    }
    return out;
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };

  static bool matches(const Route& route, const std::vector<std::string_view>& segments, PathParams& params) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const auto& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        params.emplace(want.substr(1, want.size() - 2), std::string(segments[i]));
      } else if (want != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace flagport
