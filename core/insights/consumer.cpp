#include "core/insights/consumer.hpp"

#include <map>

#include "core/insights/insights_message.hpp"
#include "core/insights/insights_state.hpp"
#include "core/json.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_id.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::insights {

namespace {

bool readable(const std::optional<Message>& message) {
  if (!message) return false;
  for (const auto& project : message->projects)
    if (!store::valid_project_id(project.project)) return false;
  return true;
}

}  // namespace

Task<std::vector<MessageOutcome>> consume(std::vector<QueueMessage> batch, RequestInfo info, const Settings&) {
  std::vector<MessageOutcome> outcomes(batch.size(), MessageOutcome::Done);
  // Per project: the batch's messages about it, as single-project messages, one per line.
  struct ProjectWork {
    std::string lines;
    std::vector<std::size_t> messages;
  };
  std::map<std::string, ProjectWork> projects;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto message = decode(batch[i].body);
    if (!readable(message)) {
      log::error("insights.message.malformed",
                 {{"message", batch[i].id}, {"attempts", batch[i].attempts}, {"requestId", info.request_id}});
      outcomes[i] = MessageOutcome::Retry;
      continue;
    }
    for (auto& counts : message->projects) {
      ProjectWork& work = projects[counts.project];
      if (!work.lines.empty()) work.lines += '\n';
      work.lines += encode(Message{message->id, {std::move(counts)}});
      work.messages.push_back(i);
    }
  }
  const std::string args = Json{{"requestId", info.request_id}, {"now", info.now_ms}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::vector<Effect> calls;
  std::vector<const ProjectWork*> order;
  for (const auto& [project, work] : projects) {
    calls.push_back(objects::call(insights_object_id(project), "add", args + "\n" + work.lines).effect);
    order.push_back(&work);
  }
  Batch together{std::move(calls)};  // named: GCC 12 destroys braced temporaries in co_await twice
  auto results = co_await together;
  for (std::size_t k = 0; k < results.size(); ++k) {
    store::ObjectReply reply = store::decode_reply(results[k], "add");
    if (reply.response.status == Status::Success) continue;
    log::error("insights.apply_failed", {{"reason", reply.response.message}, {"requestId", info.request_id}});
    for (std::size_t i : order[k]->messages) outcomes[i] = MessageOutcome::Retry;
  }
  co_return outcomes;
}

}  // namespace flagport::insights
