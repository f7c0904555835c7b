// Worker-only: a trap in the wasm module answers that request with the core's `error`
// envelope and the next request is served by a fresh instance, with nothing stored
// lost; for both toolchains' modules. Starts scripts/serve-worker itself.
//   node --test tests/worker/
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startProvider } from "../e2e/providers.mjs";
import { admin, call, uniqueId } from "../e2e/client.mjs";
import { flagSet } from "../e2e/fixtures.mjs";

const toolchains = ["wasi", "emscripten"];
const crashes = ["abort", "out-of-bounds", "stack-overflow"];
const servers = {};

before(async () => {
  const started = await Promise.all(
    toolchains.map((toolchain) =>
      startProvider(`worker-${toolchain}`, "serve-worker", { WASM_TOOLCHAIN: toolchain, FLAGPORT_FAULTS: "crash" }),
    ),
  );
  toolchains.forEach((toolchain, i) => (servers[toolchain] = started[i]));
});

after(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
});

// wrangler forwards the Worker's console with a delay: wait for the line a while.
async function logged(server, line) {
  for (let attempt = 0; attempt < 50 && !line.test(server.log()); attempt++) await new Promise((r) => setTimeout(r, 100));
  assert.match(server.log(), line, "the trap is logged with its request id");
}

for (const toolchain of toolchains) {
  describe(`worker with the ${toolchain} module`, () => {
    const project = uniqueId("crash");

    test("a stored flag set exists before the crashes", async () => {
      const put = await call(servers[toolchain].url, "PUT", `/v1/projects/${project}/flags`, {
        headers: admin,
        body: flagSet(),
      });
      assert.equal(put.envelope?.status, "success", put.text);
    });

    for (const kind of crashes) {
      test(`${kind}: an error envelope for that request, then a fresh instance`, async () => {
        const base = servers[toolchain].url;
        const requestId = `ray-${kind}-${Date.now()}`;
        const crash = await call(base, "POST", `/v1/_crash/${kind}`, { headers: { "cf-ray": requestId } });
        assert.equal(crash.status, 500);
        assert.equal(crash.headers.get("x-request-id"), requestId);
        assert.equal(crash.headers.get("x-flagport-provider"), "cloudflare");
        assert.deepEqual(Object.keys(crash.envelope), ["status", "message", "data"]);
        assert.equal(crash.envelope.status, "error");
        assert.deepEqual(crash.envelope.data, { requestId });
        assert.doesNotMatch(crash.envelope.message, /unreachable|out of bounds|call stack/i, "no internals");

        const health = await call(base, "GET", "/v1/health");
        assert.equal(health.envelope?.status, "success", health.text);
        await logged(servers[toolchain], new RegExp(`"requestId":"${requestId}".*"event":"wasm.trap"`));
      });
    }

    for (const kind of crashes) {
      test(`${kind} inside the project's Durable Object: an error envelope, then the object serves again`, async () => {
        const base = servers[toolchain].url;
        const crash = await call(base, "POST", `/v1/projects/${project}/_crash/${kind}`);
        assert.equal(crash.status, 500, crash.text);
        assert.equal(crash.envelope.status, "error");
        assert.doesNotMatch(crash.envelope.message, /unreachable|out of bounds|call stack/i, "no internals");
        const flags = await call(base, "GET", `/v1/projects/${project}/flags`, { headers: admin });
        assert.equal(flags.envelope?.status, "success", flags.text);
        assert.equal(flags.envelope.data.version, 1);
      });
    }

    test("nothing stored was lost, and concurrent requests share the fresh instance", async () => {
      const base = servers[toolchain].url;
      const answers = await Promise.all(
        Array.from({ length: 16 }, () => call(base, "GET", `/v1/projects/${project}/flags`, { headers: admin })),
      );
      for (const answer of answers) {
        assert.equal(answer.envelope?.status, "success", answer.text);
        assert.equal(answer.envelope.data.version, 1);
      }
    });
  });
}
