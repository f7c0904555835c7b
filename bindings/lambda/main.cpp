// bootstrap: the provided.al2023 custom runtime.
//   bootstrap                 serve events from the Runtime API (AWS_LAMBDA_RUNTIME_API)
//   bootstrap --create-tables create the DynamoDB tables it needs, then exit
// The environment is read once, here. A failure before the first event goes to the
// init-error call; a failing invocation to the invocation-error call, and serving goes on.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <string>

#include "core/app.hpp"
#include "core/ports/log.hpp"
#include "bindings/lambda/aws/aws_settings.hpp"
#include "bindings/lambda/aws/dynamodb.hpp"
#include "bindings/lambda/aws/http_client.hpp"
#include "bindings/lambda/aws/sqs_client.hpp"
#include "bindings/lambda/handler.hpp"
#include "bindings/lambda/host/effect_host.hpp"
#include "bindings/lambda/host/queues.hpp"
#include "bindings/lambda/host/table_setup.hpp"
#include "bindings/lambda/runtime/runtime_client.hpp"

extern char** environ;

namespace flagport::lambda {
namespace {

std::map<std::string, std::string> read_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    const char* equals = std::strchr(*entry, '=');
    if (equals) env.emplace(std::string(*entry, static_cast<std::size_t>(equals - *entry)), std::string(equals + 1));
  }
  return env;
}

int create_tables_command(const std::map<std::string, std::string>& env) {
  auto aws = AwsSettings::from(env);
  if (!aws) {
    log::error("lambda.tables", {{"error", aws.reason()}});
    return 1;
  }
  HttpClient http;
  DynamoDb db(http, *aws);
  auto created = create_tables(db, Tables::from(env));
  if (!created) {
    log::error("lambda.tables", {{"error", created.reason()}});
    return 1;
  }
  return 0;
}

int report_init_failure(RuntimeClient& runtime, const std::string& why) {
  log::error("lambda.init.failed", {{"error", why}});
  if (auto sent = runtime.init_error({"Runtime.InitError", why}); !sent)
    log::error("lambda.runtime_api", {{"error", sent.reason()}});
  return 1;  // Lambda expects the process to exit after an init error
}

// Everything that lives as long as the process: settings, the app, the connections.
struct Service {
  HttpClient http;
  SqsClient sqs;
  DynamoDb db;
  App app;
  EffectHost host;

  Service(AwsSettings aws, const Tables& tables, Queues queues, Settings settings)
      : sqs(http, aws),
        db(http, std::move(aws)),
        app(std::move(settings)),
        host(app, db, sqs, tables, std::move(queues)) {}
};

void serve_one(RuntimeClient& runtime, EffectHost& host, const Invocation& invocation) {
  host.set_deadline(invocation.deadline);
  Result<std::string> answer = Failure{"not handled"};
  try {
    answer = handle_invocation(host, invocation);
  } catch (const std::exception& e) {
    answer = Failure{std::string("exception: ") + e.what()};
  } catch (...) {
    answer = Failure{"unknown exception"};
  }
  Result<Unit> sent = Unit{};
  if (answer) {
    sent = runtime.respond(invocation.request_id, *answer);
  } else {
    log::error("lambda.invocation.failed", {{"requestId", invocation.request_id}, {"error", answer.reason()}});
    sent = runtime.fail(invocation.request_id, {"Runtime.HandlerFailed", answer.reason()});
  }
  if (!sent) log::error("lambda.runtime_api", {{"requestId", invocation.request_id}, {"error", sent.reason()}});
  // The caller has its answer: now the work the core deferred (DESIGN §10), before the next
  // event is asked for.
  if (auto after = host.after(invocation.request_id); !after)
    log::error("lambda.after.failed", {{"requestId", invocation.request_id}, {"error", after.reason()}});
}

int serve(const std::map<std::string, std::string>& env) {
  auto api = env.find("AWS_LAMBDA_RUNTIME_API");
  if (api == env.end() || api->second.empty()) {
    log::error("lambda.init.failed", {{"error", "AWS_LAMBDA_RUNTIME_API is not set: not running under Lambda"}});
    return 1;
  }
  RuntimeClient runtime(api->second);

  std::optional<Service> service;
  try {
    Settings settings = Settings::from(env);
    if (settings.fault("init")) return report_init_failure(runtime, "failure injected at start-up (FLAGPORT_FAULTS=init)");
    auto aws = AwsSettings::from(env);
    if (!aws) return report_init_failure(runtime, aws.reason());
    service.emplace(std::move(*aws), Tables::from(env), Queues::from(env), std::move(settings));
  } catch (const std::exception& e) {
    return report_init_failure(runtime, std::string("exception: ") + e.what());
  } catch (...) {
    return report_init_failure(runtime, "unknown exception");
  }

  for (;;) {
    auto invocation = runtime.next();
    if (!invocation) {
      // The Runtime API is gone or broken: exiting lets Lambda start a fresh process.
      log::error("lambda.runtime_api", {{"error", invocation.reason()}});
      return 1;
    }
    serve_one(runtime, service->host, *invocation);
  }
}

}  // namespace
}  // namespace flagport::lambda

int main(int argc, char** argv) {
  try {
    auto env = flagport::lambda::read_environment();
    if (argc > 1 && std::strcmp(argv[1], "--create-tables") == 0) return flagport::lambda::create_tables_command(env);
    if (argc > 1) {
      flagport::log::error("lambda.usage", {{"error", std::string("unknown argument ") + argv[1]},
                                            {"usage", "bootstrap [--create-tables]"}});
      return 2;
    }
    return flagport::lambda::serve(env);
  } catch (...) {
    flagport::log::error("lambda.fatal", {{"error", "unexpected exception outside any invocation"}});
    return 1;
  }
}
