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
    FLAGPORT_FAULTS: env.FLAGPORT_FAULTS,
    FLAGPORT_TEST_CLOCK_MS: env.FLAGPORT_TEST_CLOCK_MS,
  };
}

// What the effect executors reach: the published KV copy and the project objects;
// inside an object also its own storage (a Durable Object's ctx.storage).
export function platformFrom(env, storage) {
  return {
    kv: env.FLAGS_KV,
    objects: {
      call(objectId, method, args, requestId) {
        const stub = env.PROJECTS.get(env.PROJECTS.idFromName(objectId));
        return stub.invoke(objectId, method, args, requestId);
      },
    },
    storage,
  };
}
