// The one place that knows the names wrangler.toml gives to bindings and vars.

// Settings for the core (core/ports/settings.hpp), read once per isolate.
export function settingsFrom(env) {
  return {
    ADMIN_TOKEN: env.ADMIN_TOKEN,
    FLAGPORT_LOCAL_RUN: env.FLAGPORT_LOCAL_RUN,
    PUBLISH_RETRY_SECONDS: env.PUBLISH_RETRY_SECONDS,
    CACHE_TTL_SECONDS: env.CACHE_TTL_SECONDS,
    CACHE_BUDGET_BYTES: env.CACHE_BUDGET_BYTES,
    KV_CACHE_TTL_SECONDS: env.KV_CACHE_TTL_SECONDS,
    MAX_STALENESS_SECONDS: env.MAX_STALENESS_SECONDS,
    INSIGHTS: env.INSIGHTS,
    INSIGHTS_FLUSH_SECONDS: env.INSIGHTS_FLUSH_SECONDS,
    INSIGHTS_FLUSH_EVALUATIONS: env.INSIGHTS_FLUSH_EVALUATIONS,
    INSIGHTS_RETENTION_DAYS: env.INSIGHTS_RETENTION_DAYS,
    FLAGPORT_FAULTS: env.FLAGPORT_FAULTS,
    FLAGPORT_TEST_CLOCK_MS: env.FLAGPORT_TEST_CLOCK_MS,
  };
}

// The core's queues by their logical names (core/ports/queue.hpp): their producer bindings.
const queueBindings = { insights: 'INSIGHTS_QUEUE' };

// What the effect executors reach: the published KV copy, the project objects and the
// queues; inside an object also its own storage (a Durable Object's ctx.storage).
export function platformFrom(env, storage) {
  return {
    kv: env.FLAGS_KV,
    objects: {
      call(objectId, method, args, requestId) {
        const stub = env.PROJECTS.get(env.PROJECTS.idFromName(objectId));
        return stub.invoke(objectId, method, args, requestId);
      },
    },
    queue(name) {
      const binding = queueBindings[name];
      if (!binding) throw new Error(`no producer binding for the queue ${name}`);
      if (!env[binding]) throw new Error(`queue binding ${binding} is not configured`);
      return env[binding];
    },
    storage,
  };
}
