// The module's ABI driven from Node through the same bindings the Worker uses
// (bindings/cloudflare), with an in-memory platform: both toolchains' modules give
// byte-identical answers and export the same entry points, runs in flight in one instance are
// independent, queue batches get one outcome per message, and a trap discards the instance
// (runs still in it fail) while the next request gets a fresh one.
//   node --test tests/worker/   (needs build/wasm and build/wasm-emscripten)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Core, InstanceDead } from "../../bindings/cloudflare/core.js";
import { effectExecutor } from "../../bindings/cloudflare/effects.js";
import { MessageOutcome } from "../../bindings/cloudflare/messages.js";
import { flagSet } from "../e2e/fixtures.mjs";
import { insightsMessage, malformedMessages } from "../fixtures/insights-messages.mjs";
import { memoryPlatform } from "./memory-platform.mjs";

const token = "abi-test-token-for-the-module-boundary"; // 32 bytes at least
const settings = { ADMIN_TOKEN: token, FLAGPORT_FAULTS: "crash", FLAGPORT_TEST_CLOCK_MS: "1767225600000" };
// Each toolchain's build directory, holding flagport.wasm and flagport-object.wasm.
const modules = {
  wasi: "build/wasm",
  emscripten: "build/wasm-emscripten",
};
const utf8 = new TextEncoder();

const compiled = async (file) => new WebAssembly.Module(await readFile(file));

async function service(dir, extraSettings = {}) {
  const core = new Core(await compiled(`${dir}/flagport.wasm`), { ...settings, ...extraSettings });
  const objects = new Core(await compiled(`${dir}/flagport-object.wasm`), settings);
  const { platform } = memoryPlatform(objects);
  const send = (method, target, { body = "", requestId = "req-1" } = {}) => {
    const [pathname, query = ""] = target.split("?");
    const request = {
      method,
      path: pathname,
      query,
      headers: [["authorization", `Bearer ${token}`], ["content-type", "application/json"]],
      body: utf8.encode(body),
    };
    return core.http(request, requestId, effectExecutor(platform));
  };
  return { core, objects, send, execute: effectExecutor(platform) };
}

const envelope = (response) => JSON.parse(response.body);

describe("both toolchains, one ABI", () => {
  test("the same requests get byte-identical answers", async () => {
    const answers = {};
    for (const [toolchain, path] of Object.entries(modules)) {
      const { send } = await service(path);
      const project = "/v1/projects/abi-parity";
      answers[toolchain] = [];
      for (const [method, target, body] of [
        ["GET", "/v1/health"],
        ["PUT", `${project}/flags`, JSON.stringify(flagSet())],
        ["GET", `${project}/flags`],
        ["PATCH", `${project}/flags/banner`, '{"state":"ENABLED"}'],
        ["GET", `${project}/versions`],
        ["GET", `${project}/published`],
        ["PUT", `${project}/flags`, "{not json"],
        ["GET", "/v1/nowhere"],
      ]) {
        const response = await send(method, target, { body });
        answers[toolchain].push({ status: response.status, headers: response.headers, body: response.body });
      }
    }
    assert.deepEqual(answers.emscripten, answers.wasi);
    assert.equal(JSON.parse(answers.wasi[3].body).data.version, 2);
    assert.equal(answers.wasi[0].headers["x-flagport-provider"], "cloudflare");
  });

  test("both export the same entry points, the queue's among them", async () => {
    const names = [];
    for (const dir of Object.values(modules)) {
      for (const file of ["flagport.wasm", "flagport-object.wasm"]) {
        const exported = WebAssembly.Module.exports(await compiled(`${dir}/${file}`));
        names.push(exported.filter((e) => e.kind === "function" && e.name.startsWith("flagport_")).map((e) => e.name).sort());
      }
    }
    assert.deepEqual(names[2], names[0]);
    assert.deepEqual(names[3], names[1]);
    assert.ok(names[1].includes("flagport_queue"), "the objects' module consumes queues");
    assert.ok(!names[0].includes("flagport_queue"), "the request path carries no consumer");
  });

  test("both name the request headers the core reads (the only ones the Worker hands over)", async () => {
    const lists = [];
    for (const path of Object.values(modules)) lists.push((await service(path)).core.requestHeaders);
    assert.deepEqual(lists[0], ["authorization", "if-match", "if-none-match", "origin", "x-api-key"]);
    assert.deepEqual(lists[1], lists[0]);
  });
});

for (const [toolchain, path] of Object.entries(modules)) {
  describe(`${toolchain} module`, () => {
    test("runs in flight in one instance are independent", async () => {
      const { send } = await service(path);
      const projects = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`);
      const puts = await Promise.all(
        projects.map((p, i) => send("PUT", `/v1/projects/${p}/flags`, { body: JSON.stringify(flagSet(i % 2 ? "on" : "off")), requestId: p })),
      );
      for (const put of puts) assert.equal(envelope(put).status, "success");
      const gets = await Promise.all(projects.map((p) => send("GET", `/v1/projects/${p}/flags`, { requestId: p })));
      gets.forEach((get, i) => {
        assert.equal(envelope(get).data.project, projects[i]);
        assert.equal(envelope(get).data.definition.flags["new-checkout"].defaultVariant, i % 2 ? "on" : "off");
        assert.equal(get.headers["x-request-id"], projects[i]);
      });
    });

    test("messages larger than the instance's input region arrive whole, and small ones after them", async () => {
      const { send } = await service(path);
      // About 200 KiB of flags (under the body limit), far past the region's resting size.
      const big = flagSet();
      for (let i = 0; i < 2000; i++) big.flags[`grown-\u00e9-${i}`] = { state: "ENABLED", variants: { a: `value ${i}`, b: "b" }, defaultVariant: "a" };
      const body = JSON.stringify(big);
      assert.ok(utf8.encode(body).length > 150 * 1024);
      assert.equal(envelope(await send("PUT", "/v1/projects/grown/flags", { body })).status, "success");
      const flags = envelope(await send("GET", "/v1/projects/grown/flags")).data.definition.flags;
      assert.equal(Object.keys(flags).length, Object.keys(big.flags).length);
      assert.equal(flags["grown-\u00e9-1999"].variants.a, "value 1999");
      assert.equal(envelope(await send("GET", "/v1/health")).status, "success");
    });

    test("past the TTL a request answers from its copy and leaves the refresh to after()", async () => {
      const { core, send, execute } = await service(path, { CACHE_TTL_SECONDS: "1" });
      const variant = async () => envelope(await send("POST", "/v1/projects/later/evaluate/new-checkout", { body: "{}" })).data.variant;
      assert.equal(envelope(await send("PUT", "/v1/projects/later/flags", { body: JSON.stringify(flagSet("off")) })).status, "success");
      assert.equal(await variant(), "off");
      assert.equal(core.hasPendingWork, false);
      assert.equal(envelope(await send("PUT", "/v1/projects/later/flags", { body: JSON.stringify(flagSet("on")) })).status, "success");
      await new Promise((resolve) => setTimeout(resolve, 1100));  // past the TTL, on the host's clock
      assert.equal(await variant(), "off");
      assert.equal(core.hasPendingWork, true);
      await core.after("after-1", execute);
      assert.equal(core.hasPendingWork, false);
      assert.equal(await variant(), "on");
    });

    test("a queue batch (objects' module): one outcome per message in its order; a dead-letter queue's are done", async () => {
      const { objects: core, execute } = await service(path);
      const batch = [insightsMessage("abi", 1), ...malformedMessages, insightsMessage("abi", 2)].map((body, i) => ({ id: `m-${i}`, body, attempts: 1 + i }));
      const { done, retry } = MessageOutcome;
      assert.deepEqual(await core.queue("flagport-insights", batch, "queue-1", execute), [done, retry, retry, retry, done]);
      assert.deepEqual(await core.queue("flagport-insights-dlq", batch, "queue-2", execute), batch.map(() => done));
      assert.deepEqual(await core.queue("flagport-insights", [], "queue-3", execute), []);
    });

    test("a trap discards the instance: runs in it fail, the next request gets a fresh one", async () => {
      const { core, send } = await service(path);
      const inFlight = send("PUT", "/v1/projects/victim/flags", { body: JSON.stringify(flagSet()) });
      await assert.rejects(send("POST", "/v1/_crash/out-of-bounds", { requestId: "crash-1" }), InstanceDead);
      await assert.rejects(inFlight, InstanceDead);

      const error = await core.internalError("crash-1");
      assert.equal(error.status, 500);
      assert.deepEqual(envelope(error), {
        status: "error",
        message: "internal error; quote the request id when reporting it",
        data: { requestId: "crash-1" },
      });
      assert.equal(envelope(await send("GET", "/v1/health")).status, "success");
    });
  });
}
