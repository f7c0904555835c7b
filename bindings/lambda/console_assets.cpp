#include "bindings/lambda/console_assets.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace flagport::lambda::console_assets {
namespace {

struct HeaderRule {
  std::string pattern;  // a path, or a path prefix ending in '*'
  Headers headers;      // names lower case
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

const EmbeddedFile* find(std::string_view path) {
  const auto& files = embedded_files();
  auto it = std::find_if(files.begin(), files.end(), [&](const EmbeddedFile& f) { return f.path == path; });
  return it == files.end() ? nullptr : &*it;
}

// web/_headers as Cloudflare reads it: an unindented line is a path pattern, the indented
// "Name: value" lines below it are its headers, '#' starts a comment line.
std::vector<HeaderRule> parse_rules(std::string_view text) {
  std::vector<HeaderRule> rules;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (!std::isspace(static_cast<unsigned char>(line.front()))) {
      rules.push_back({std::string(content), {}});
    } else if (auto colon = content.find(':'); colon != std::string_view::npos && !rules.empty()) {
      std::string name(trim(content.substr(0, colon)));
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      rules.back().headers.emplace_back(std::move(name), std::string(trim(content.substr(colon + 1))));
    }
  }
  return rules;
}

const std::vector<HeaderRule>& rules() {
  static const std::vector<HeaderRule> parsed = [] {
    const EmbeddedFile* file = find("/_headers");
    return file ? parse_rules(file->bytes) : std::vector<HeaderRule>{};
  }();
  return parsed;
}

bool matches(std::string_view pattern, std::string_view path) {
  if (!pattern.empty() && pattern.back() == '*') return path.starts_with(pattern.substr(0, pattern.size() - 1));
  return path == pattern;
}

// The types Workers static assets give these extensions.
std::string_view content_type(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".json", "application/json"},         {".png", "image/png"},
  };
  for (const auto& [extension, type] : kTypes)
    if (path.ends_with(extension)) return type;
  return "application/octet-stream";
}

HttpResponse answer(int status, std::string_view path, Headers headers, std::string body = {}) {
  for (const auto& rule : rules())
    if (matches(rule.pattern, path)) headers.insert(headers.end(), rule.headers.begin(), rule.headers.end());
  return {status, std::move(headers), std::move(body)};
}

}  // namespace

std::optional<HttpResponse> serve(const HttpRequest& request) {
  const std::string_view path = request.path;
  // As Workers' html_handling "auto-trailing-slash": a folder is its index.html at the slash.
  if (path == "/console") return answer(307, path, {{"location", "/console/"}});
  if (path.starts_with("/console/") && path.ends_with("/index.html"))
    return answer(307, path, {{"location", std::string(path.substr(0, path.size() - std::string_view("index.html").size()))}});
  if (!path.starts_with("/console/")) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") return answer(405, path, {});
  std::string file(path);
  if (file.ends_with('/')) file += "index.html";
  const EmbeddedFile* found = find(file);
  if (!found) return answer(404, path, {});
  return answer(200, path, {{"content-type", std::string(content_type(file))}},
                request.method == "HEAD" ? std::string() : std::string(found->bytes));
}

}  // namespace flagport::lambda::console_assets
