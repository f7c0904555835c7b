#include "core/insights/insights_message.hpp"

#include "core/flags/ordered_json_parse.hpp"
#include "core/http/json_text.hpp"
#include "core/json.hpp"

namespace flagport::insights {

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

void append_int(std::string& out, std::int64_t n) { out += std::to_string(n); }

const Json* member(const Json& object, std::string_view name) {
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

bool read_string(const Json& value, std::string& out) {
  if (!value.is_string()) return false;
  out = value.get_ref<const std::string&>();
  return true;
}

bool read_int(const Json* value, std::int64_t& out, std::int64_t at_least) {
  if (!value || !value->is_number_integer()) return false;
  out = value->get<std::int64_t>();
  return out >= at_least;
}

bool read_count(const Json& row, Count& out) {
  if (!row.is_array() || row.size() != 4 || !read_string(row[0], out.flag) || !read_string(row[2], out.reason))
    return false;
  if (row[1].is_string())
    out.variant = row[1].get_ref<const std::string&>();
  else if (!row[1].is_null())
    return false;
  return read_int(&row[3], out.n, 1);
}

bool read_hour(const Json& value, HourCounts& out) {
  const Json* counts = value.is_object() ? member(value, "counts") : nullptr;
  if (!read_int(member(value, "hour"), out.hour_ms, 0) || out.hour_ms % kHourMs != 0 || !counts ||
      !counts->is_array())
    return false;
  out.counts.resize(counts->size());
  for (std::size_t i = 0; i < counts->size(); ++i)
    if (!read_count((*counts)[i], out.counts[i])) return false;
  return true;
}

bool read_project(const Json& value, ProjectCounts& out) {
  if (!value.is_object()) return false;
  const Json* project = member(value, "project");
  const Json* hours = member(value, "hours");
  const Json* last = member(value, "last");
  std::int64_t seq = 0;
  if (!read_int(member(value, "seq"), seq, 1)) return false;
  out.seq = static_cast<std::uint64_t>(seq);
  if (const Json* bulk_last = member(value, "bulkLast"); bulk_last && !read_int(bulk_last, out.bulk_last_ms, 1))
    return false;
  if (!project || !read_string(*project, out.project) || !hours || !hours->is_array() || !last || !last->is_array())
    return false;
  out.hours.resize(hours->size());
  for (std::size_t i = 0; i < hours->size(); ++i)
    if (!read_hour((*hours)[i], out.hours[i])) return false;
  out.last.resize(last->size());
  for (std::size_t i = 0; i < last->size(); ++i) {
    const Json& row = (*last)[i];
    if (!row.is_array() || row.size() != 2 || !read_string(row[0], out.last[i].flag) ||
        !read_int(&row[1], out.last[i].at_ms, 0))
      return false;
  }
  return true;
}

}  // namespace

std::string encode(const Message& message) {
  std::string out = "{\"v\":1,\"id\":";
  json_text::append_string(out, message.id);
  out += ",\"projects\":[";
  for (std::size_t p = 0; p < message.projects.size(); ++p) {
    const ProjectCounts& project = message.projects[p];
    if (p) out += ',';
    out += "{\"project\":";
    json_text::append_string(out, project.project);
    out += ",\"seq\":";
    out += std::to_string(project.seq);
    if (project.bulk_last_ms != 0) {
      out += ",\"bulkLast\":";
      append_int(out, project.bulk_last_ms);
    }
    out += ",\"hours\":[";
    for (std::size_t h = 0; h < project.hours.size(); ++h) {
      if (h) out += ',';
      out += "{\"hour\":";
      append_int(out, project.hours[h].hour_ms);
      out += ",\"counts\":[";
      for (std::size_t c = 0; c < project.hours[h].counts.size(); ++c) {
        const Count& count = project.hours[h].counts[c];
        if (c) out += ',';
        out += '[';
        json_text::append_string(out, count.flag);
        out += ',';
        if (count.variant)
          json_text::append_string(out, *count.variant);
        else
          out += "null";
        out += ',';
        json_text::append_string(out, count.reason);
        out += ',';
        append_int(out, count.n);
        out += ']';
      }
      out += "]}";
    }
    out += "],\"last\":[";
    for (std::size_t l = 0; l < project.last.size(); ++l) {
      if (l) out += ',';
      out += '[';
      json_text::append_string(out, project.last[l].flag);
      out += ',';
      append_int(out, project.last[l].at_ms);
      out += ']';
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

std::string_view Message::producer() const {
  const std::size_t dash = id.rfind('-');
  return dash == std::string::npos ? std::string_view(id) : std::string_view(id).substr(0, dash);
}

std::optional<Message> decode(std::string_view text) {
  Json doc = flags::parse_ordered_json(text);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  std::int64_t version = 0;
  const Json* id = member(doc, "id");
  const Json* projects = member(doc, "projects");
  Message out;
  if (!read_int(member(doc, "v"), version, 1) || version != 1 || !id || !read_string(*id, out.id) ||
      out.id.empty() || !projects || !projects->is_array())
    return std::nullopt;
  out.projects.resize(projects->size());
  for (std::size_t i = 0; i < projects->size(); ++i)
    if (!read_project((*projects)[i], out.projects[i])) return std::nullopt;
  return out;
}

}  // namespace flagport::insights
