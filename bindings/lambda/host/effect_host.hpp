// EffectHost: drives the core's Runs on Lambda by performing their effects.
//   KvGet/KvPut/KvDelete  -> the KV table
//   ObjectCall            -> App::object as a nested run under optimistic concurrency on
//                            the objects table (ObjectAttempt + commit), bounded retries
//   Storage*              -> the calling object's attempt (reads cached, writes buffered)
//   AlarmSet              -> the calling object's attempt: committed as the state item's due
//                            time, in the objects table's due index (due_index.hpp)
//   ObjectsDue            -> a Query of the due index: the objects whose alarm time has come
//   QueueSend             -> SendMessageBatch to the SQS queue the core names (queues.hpp)
//   Sha256                -> OpenSSL
// The DynamoDB calls of one batch go out concurrently.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/app.hpp"
#include "core/task/run.hpp"
#include "bindings/lambda/aws/dynamodb.hpp"
#include "bindings/lambda/aws/sqs_client.hpp"
#include "bindings/lambda/host/kv_table.hpp"
#include "bindings/lambda/host/object_attempt.hpp"
#include "bindings/lambda/host/object_table.hpp"
#include "bindings/lambda/host/queues.hpp"
#include "bindings/lambda/host/tables.hpp"
#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

inline constexpr std::string_view kProvider = "aws-lambda";

class EffectHost {
 public:
  EffectHost(const App& app, DynamoDb& db, SqsClient& sqs, const Tables& tables, Queues queues);

  // Bounds every DynamoDB and SQS call of the current invocation (nullopt: the deadline is unknown).
  void set_deadline(std::optional<std::chrono::system_clock::time_point> deadline) { deadline_ = deadline; }

  // A failure here is something that escaped the core (an exception): the caller reports
  // it as an invocation error.
  Result<HttpResponse> serve(HttpRequest request, RequestInfo info);
  Result<std::string> call_object(const std::string& object_id, const std::string& method, const std::string& args,
                                  const RequestInfo& info);
  // The periodic work (the EventBridge schedule): App::scheduled, answering its JSON report.
  Result<std::string> scheduled(RequestInfo info);
  // A batch of one SQS queue's messages: App::queue, an outcome per message.
  Result<std::vector<MessageOutcome>> queue(std::string queue_name, std::vector<QueueMessage> batch, RequestInfo info);
  // The work the core left for after the response (App::after), when it left some: run once
  // the response is posted and before the next event is asked for, under the same deadline.
  Result<Unit> after(const std::string& request_id);

 private:
  template <class T, class MakeTask>
  Result<T> run_in_object(const std::string& object_id, MakeTask make_task, const RequestInfo& info);
  template <class T>
  Result<T> drive(Run<T>& run, ObjectAttempt* scope, const RequestInfo& info);
  std::vector<EffectResult> perform(const std::vector<Effect>& effects, ObjectAttempt* scope, const RequestInfo& info);
  EffectResult objects_due(std::int64_t now_ms);
  EffectResult send_to_queue(const Effect& effect);
  long timeout_ms() const;

  const App& app_;
  DynamoDb& db_;
  SqsClient& sqs_;
  Queues queues_;
  KvTable kv_;
  ObjectTable objects_;
  std::optional<std::chrono::system_clock::time_point> deadline_;
};

}  // namespace flagport::lambda
