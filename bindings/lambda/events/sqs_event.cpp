#include "bindings/lambda/events/sqs_event.hpp"

#include <charconv>
#include <unordered_map>

#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::sqs_event {
namespace {

std::uint32_t receive_count(const nlohmann::json& record) {
  const auto* attributes = fields::object(record, "attributes");
  auto text = attributes ? fields::string(*attributes, "ApproximateReceiveCount") : std::nullopt;
  std::uint32_t count = 0;
  if (!text) return 1;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), count);
  if (error != std::errc{} || end != text->data() + text->size() || count == 0) return 1;
  return count;
}

SqsRecord read(const nlohmann::json& record) {
  SqsRecord out;
  out.message.id = fields::string(record, "messageId").value_or("");
  out.message.attempts = receive_count(record);
  auto arn = fields::string(record, "eventSourceARN").value_or("");
  out.queue_name = arn.substr(arn.rfind(':') == std::string::npos ? arn.size() : arn.rfind(':') + 1);
  auto body = fields::string(record, "body");
  if (out.message.id.empty())
    out.problem = "no messageId";
  else if (fields::string(record, "eventSource") != "aws:sqs")
    out.problem = "eventSource is not aws:sqs";
  else if (arn.rfind("arn:", 0) != 0 || out.queue_name.empty())
    out.problem = "no queue name in eventSourceARN";
  else if (!body)
    out.problem = "no body";
  if (body) out.message.body = std::move(*body);
  return out;
}

}  // namespace

std::vector<SqsRecord> records(const nlohmann::json& event) {
  std::vector<SqsRecord> out;
  const auto* list = fields::member(event, "Records");
  if (!list || !list->is_array()) return out;
  out.reserve(list->size());
  for (const auto& record : *list) out.push_back(read(record));
  return out;
}

std::string answer(const std::vector<SqsRecord>& records, const QueueRun& run) {
  // The readable records per queue, queues in the order they first appear.
  std::vector<std::vector<std::size_t>> queues;
  std::unordered_map<std::string_view, std::size_t> queue_of;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].problem.empty()) continue;
    auto [at, added] = queue_of.try_emplace(records[i].queue_name, queues.size());
    if (added) queues.emplace_back();
    queues[at->second].push_back(i);
  }
  std::vector<bool> failed(records.size(), true);  // until a run answers Done
  for (const auto& members : queues) {
    std::vector<QueueMessage> batch;
    for (std::size_t i : members) batch.push_back(records[i].message);
    auto outcomes = run(records[members.front()].queue_name, std::move(batch));
    if (!outcomes || outcomes->size() != members.size()) continue;
    for (std::size_t k = 0; k < members.size(); ++k) failed[members[k]] = (*outcomes)[k] != MessageOutcome::Done;
  }

  nlohmann::json failures = nlohmann::json::array();
  bool unnamed = false;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!failed[i]) continue;
    if (records[i].message.id.empty()) {
      unnamed = true;
      continue;
    }
    failures.push_back(nlohmann::json{{"itemIdentifier", records[i].message.id}});
  }
  if (unnamed) failures.push_back(nlohmann::json{{"itemIdentifier", ""}});
  return nlohmann::json{{"batchItemFailures", std::move(failures)}}.dump(-1, ' ', false,
                                                                           nlohmann::json::error_handler_t::replace);
}

}  // namespace flagport::lambda::sqs_event
