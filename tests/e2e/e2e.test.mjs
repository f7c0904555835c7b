// End-to-end: the same suite against every provider, and byte-identical bodies across them.
//   E2E_PROVIDERS=worker,worker-emscripten,lambda   which local providers to start (default: all)
//   E2E_URLS=name=http://...,name=http://...        or run against servers already up
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startProvider } from "./providers.mjs";
import { call, admin, uniqueId } from "./client.mjs";
import { storeScenario } from "./store-scenario.mjs";
import { evaluationScenario } from "./evaluation-scenario.mjs";
import { corsScenario } from "./cors-scenario.mjs";
import { flagSet } from "./fixtures.mjs";
import { ofrepProblems } from "./ofrep-schema.mjs";
import { ofrepEdgeScenario } from "./ofrep-edge-scenario.mjs";
import { clientScenario } from "./client-scenario.mjs";
import { openFeatureServerScenario } from "./openfeature-server.mjs";
import { openFeatureWebScenario } from "./openfeature-web.mjs";
import { openFeatureAgreementScenario } from "./openfeature-agreement.mjs";
import { fidelityScenario } from "./fidelity-scenario.mjs";
import { lastKnownGoodScenario } from "./last-known-good-scenario.mjs";
import { bodyLimitScenario } from "./body-limit-scenario.mjs";
import { largeSetScenario } from "./large-set-scenario.mjs";
import { keyRandomnessScenario } from "./key-randomness-scenario.mjs";
import { scheduleTests } from "./schedule-scenario.mjs";
import { insightsTests } from "./insights-scenario.mjs";
import { accessTests } from "./access-scenario.mjs";

const known = {
  worker: () => startProvider("worker", "serve-worker", { WASM_TOOLCHAIN: "wasi" }),
  "worker-emscripten": () => startProvider("worker-emscripten", "serve-worker", { WASM_TOOLCHAIN: "emscripten" }),
  lambda: () => startProvider("lambda", "serve-lambda"),
};

const targets = [];

before(async () => {
  if (process.env.E2E_URLS) {
    for (const pair of process.env.E2E_URLS.split(",")) {
      const [name, url] = pair.split("=");
      targets.push({ name, url, stop: async () => {} });
    }
    return;
  }
  const names = (process.env.E2E_PROVIDERS ?? Object.keys(known).join(",")).split(",");
  const started = await Promise.allSettled(names.map((n) => known[n]()));
  for (const s of started) if (s.status === "fulfilled") targets.push(s.value);
  const failed = started.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
});

after(async () => {
  await Promise.all(targets.map((t) => t.stop()));
});

// The body with the step's random fields masked, wherever they occur.
function comparable(text, random = []) {
  if (!random.length) return text;
  return JSON.stringify(JSON.parse(text), (key, value) => (random.includes(key) ? "<random>" : value));
}

function scenario(title, steps) {
  describe(title, () => {
    const states = new Map();
    for (const step of steps) runStep(step, states);
  });
}

function runStep(step, states) {
    test(step.name, async () => {
      const answers = [];
      for (const target of targets) {
        if (!states.has(target.name)) states.set(target.name, {});
        const state = states.get(target.name);
        const path = typeof step.path === "function" ? step.path(state) : step.path;
        const headers = typeof step.headers === "function" ? step.headers(state) : step.headers;
        // step.concurrent: that many identical requests at once (each must pass); the first
        // is the one compared across providers.
        const sent = await Promise.all(Array.from({ length: step.concurrent ?? 1 },
          () => call(target.url, step.method, path, { headers, body: step.body })));
        const res = sent[0];
        try {
          for (const each of sent) step.expect(each, state);
        } catch (error) {
          error.message = `[${target.name}] ${error.message}`;
          throw error;
        }
        assert.deepEqual(ofrepProblems({ method: step.method, path, ...res }) ?? [], [], `[${target.name}] OFREP schema`);
        assert.equal(res.headers.get("x-flagport-provider") !== null, true, `[${target.name}] no provider header`);
        assert.ok(res.headers.get("x-request-id"), `[${target.name}] no request id header`);
        const etag = res.headers.get("etag");
        answers.push({ target: target.name, status: res.status, text: comparable(res.text, step.random) + (etag ? ` etag ${etag}` : "") });
      }
      for (const other of answers.slice(1))
        assert.deepEqual(
          { status: other.status, body: other.text },
          { status: answers[0].status, body: answers[0].text },
          `parity: ${other.target} differs from ${answers[0].target}`,
        );
    });
}

scenario("admin flag-set store", storeScenario(uniqueId("store")));
scenario("evaluation: Flagport API and OFREP", evaluationScenario(uniqueId("eval")));
scenario("OFREP CORS: per-project allowed origins", corsScenario(uniqueId("cors")));
scenario("OFREP edges", ofrepEdgeScenario(uniqueId("ofrep-edge")));
clientScenario("OpenFeature server SDK over OFREP", targets, openFeatureServerScenario(uniqueId("of-server")));
clientScenario("OpenFeature web SDK over OFREP", targets, openFeatureWebScenario(uniqueId("of-web")));
clientScenario("OpenFeature web (bulk) and server (single) SDKs agree", targets, openFeatureAgreementScenario(uniqueId("of-agree")));
scenario("a flag set reads back as written; answers keep flagd-core's member order", fidelityScenario(uniqueId("fidelity")));
scenario("KV unreadable: the last known good copy answers", lastKnownGoodScenario(uniqueId("lkg")));
bodyLimitScenario("oversized bodies: refused before they are buffered", targets);
scenario("5,000 flags at the 4 MiB limit: in parts where values are smaller", largeSetScenario(uniqueId("large")));
keyRandomnessScenario("client keys are random", targets);
scheduleTests(targets);
insightsTests(targets);
accessTests(targets);

test("parity was checked: at least two providers answered every step", () => {
  // Parity is a step-by-step comparison; with one provider there is nothing to compare.
  assert.ok(targets.length >= 2, `only ${targets.map((t) => t.name).join(", ") || "no provider"} ran: parity unchecked`);
});

describe("no acknowledged publish is lost", () => {
  test("a publish whose KV write failed reaches KV later", async () => {
    for (const target of targets) {
      // kv-publish fault: the write to KV right after the commit fails for fault-* projects.
      const project = uniqueId("fault-kv");
      const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: flagSet() });
      assert.equal(put.envelope?.status, "success", `[${target.name}] ${put.text}`);
      const authoritative = await call(target.url, "GET", `/v1/projects/${project}/flags`, { headers: admin });
      assert.equal(authoritative.envelope.data.version, 1, `[${target.name}] the commit is durable at once`);
      // The object's alarm is PUBLISH_RETRY_SECONDS (2 s here) after the commit.
      const before = await call(target.url, "GET", `/v1/projects/${project}/published`, { headers: admin });
      assert.equal(before.envelope?.status, "notFound", `[${target.name}] the injected fault did not hold back KV`);

      let published;
      for (let attempt = 0; attempt < 60; attempt++) {
        published = await call(target.url, "GET", `/v1/projects/${project}/published`, { headers: admin });
        if (published.envelope?.status === "success" && published.envelope.data.version === 1) break;
        // The Worker's Durable Object alarm fires by itself; on Lambda the alarm is a due
        // time that the EventBridge schedule (the local gateway's /__scheduled) wakes once it
        // has passed: fired until then.
        await fetch(`${target.url}/__scheduled`).catch(() => {});
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(published.envelope?.status, "success", `[${target.name}] never converged: ${published.text}`);
      assert.equal(published.envelope.data.version, 1);
    }
  });
});
