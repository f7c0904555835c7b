// @openfeature/web-sdk with @openfeature/ofrep-web-provider against each provider's OFREP
// bulk route: ready after one bulk evaluation, synchronous getters from its cache, context
// changes, polling with If-None-Match (304 while unchanged, 200 after a publish) and a key
// the server refuses. Node 20 has fetch and no DOM, which is all the provider needs here
// (no localStorage with cacheMode "disabled", no `document`, so no visibility refresh).
import assert from "node:assert/strict";
import { OpenFeature, NOOP_PROVIDER, ProviderEvents } from "@openfeature/web-sdk";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { admin, call } from "./client.mjs";
import { distinctExchanges } from "./client-scenario.mjs";
import { eventually } from "./recording-fetch.mjs";
import { referenceString, sdkFlags, sdkFlagsRepublished } from "./openfeature-flags.mjs";

const ada = { targetingKey: "ada", email: "ada@example.com", plan: "free" };
const grace = { targetingKey: "grace", email: "grace@elsewhere.test", plan: "pro" };
const BULK = "/ofrep/v1/evaluate/flags";

const detail = ({ value, variant, reason, errorCode, flagMetadata }) => ({ value, variant, reason, errorCode, flagMetadata });

async function bindClient(target, state, name, key, context, pollInterval = 0) {
  const domain = `${target.name}/web/${name}`;
  const provider = new OFREPWebProvider({
    baseUrl: target.url,
    headers: [["Authorization", `Bearer ${key}`]],
    fetchImplementation: state.recorder.fetch,
    cacheMode: "disabled",
    changeDetection: pollInterval > 0 ? "polling" : "none",
    pollInterval,
    disableVisibilityRefresh: true,
  });
  (state.domains ??= []).push(domain);
  const ready = OpenFeature.setProviderAndWait(domain, provider, context);
  return { client: OpenFeature.getClient(domain), domain, ready };
}

// Up to the first answer that carries a new ETag: how many 304 polls follow it is timing.
function untilNewTag(exchanges) {
  const distinct = distinctExchanges(exchanges);
  const first = distinct[0]?.etag;
  const changed = distinct.findIndex((x) => x.status === 200 && x.etag !== first);
  return changed < 0 ? distinct : distinct.slice(0, changed + 1);
}

export function openFeatureWebScenario(project) {
  const cases = [
    {
      name: "the provider is ready after one bulk evaluation",
      async run(target, state) {
        const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: sdkFlags });
        assert.equal(put.status, 200, put.text);
        const created = await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: { name: "web-sdk" } });
        assert.equal(created.status, 200, created.text);
        state.key = created.envelope.data.key;
        const { client, domain, ready } = await bindClient(target, state, "main", state.key, ada);
        await ready;
        Object.assign(state, { client, domain });
        assert.equal(client.providerStatus, "READY");
        const [bulk, ...more] = state.recorder.seen();
        assert.equal(more.length, 0, "one request to get ready");
        assert.deepEqual([bulk.path, bulk.ifNoneMatch, bulk.status], [BULK, null, 200]);
        assert.deepEqual(JSON.parse(bulk.requestBody), { context: ada });
        state.etag = bulk.headers.get("etag");
        return { published: put.envelope.data, status: client.providerStatus };
      },
    },
    {
      name: "synchronous getters answer from the cache, without a request",
      async run(target, state) {
        const { client } = state;
        const answers = {
          darkMode: client.getBooleanDetails("dark-mode", false),
          greeting: client.getStringDetails("greeting", "hello"),
          pageSize: client.getNumberDetails("page-size", 0),
          rate: client.getNumberDetails("discount-rate", 1),
          layout: client.getObjectDetails("layout", {}),
          rollout: client.getStringDetails("checkout-flow", "none"),
          missing: client.getStringDetails("no-such-flag", "fallback"),
          mismatch: client.getBooleanDetails("greeting", true),
          disabled: client.getBooleanDetails("legacy-search", false),
        };
        assert.deepEqual([answers.darkMode.value, answers.darkMode.variant, answers.darkMode.reason], [true, "on", "TARGETING_MATCH"]);
        assert.deepEqual(answers.darkMode.flagMetadata, { team: "storefront", owner: "ui" });
        assert.deepEqual([answers.greeting.value, answers.greeting.reason], ["Hey", "STATIC"]);
        assert.equal(answers.pageSize.value, 10);
        assert.equal(answers.rate.value, 0.125);
        assert.deepEqual(answers.layout.value, { columns: 3, dense: false, sections: ["hero", "deals"] });
        const { value, variant, reason } = answers.rollout;
        assert.deepEqual({ value, variant, reason }, referenceString("checkout-flow", ada));
        assert.deepEqual([answers.missing.value, answers.missing.errorCode], ["fallback", "FLAG_NOT_FOUND"]);
        assert.deepEqual([answers.mismatch.value, answers.mismatch.errorCode], [true, "TYPE_MISMATCH"]);
        // The bulk answer carries disabled flags too: the code default, reason DISABLED, no error.
        assert.deepEqual([answers.disabled.value, answers.disabled.reason, answers.disabled.errorCode], [false, "DISABLED", undefined]);
        assert.equal(state.recorder.seen().length, 0, "getters never go to the network");
        return Object.fromEntries(Object.entries(answers).map(([name, d]) => [name, detail(d)]));
      },
    },
    {
      name: "a context change re-evaluates: a fresh 200 for If-None-Match, never a stale 304",
      async run(target, state) {
        const { client, domain } = state;
        assert.equal(client.getStringValue("plan-banner", ""), "Go pro");
        await OpenFeature.setContext(domain, { ...ada, plan: "pro" });
        const upgraded = client.getStringDetails("plan-banner", "");
        assert.deepEqual([upgraded.value, upgraded.variant, upgraded.reason], ["Thanks for being pro", "thanks", "TARGETING_MATCH"]);
        const [sameUser] = state.recorder.seen();
        // Same targeting key: the provider keeps its ETag; the server's covers the context.
        assert.deepEqual([sameUser.ifNoneMatch, sameUser.status], [state.etag, 200]);
        assert.notEqual(sameUser.headers.get("etag"), state.etag);

        await OpenFeature.setContext(domain, grace);
        const rollout = client.getStringDetails("checkout-flow", "none");
        assert.deepEqual(
          { value: rollout.value, variant: rollout.variant, reason: rollout.reason },
          referenceString("checkout-flow", grace),
        );
        assert.equal(client.getBooleanValue("dark-mode", true), false);
        assert.equal(state.recorder.seen().length, 2);
        return [detail(upgraded), detail(rollout)];
      },
    },
    {
      name: "a key the server refuses: the provider cannot start (PROVIDER_FATAL)",
      async run(target, state) {
        const { client, ready } = await bindClient(target, state, "stranger", `fpk_${project}_${"x".repeat(43)}`, ada);
        await assert.rejects(ready);
        assert.equal(client.providerStatus, "FATAL");
        const d = client.getBooleanDetails("dark-mode", false);
        assert.deepEqual([d.value, d.reason, d.errorCode], [false, "ERROR", "PROVIDER_FATAL"]);
        assert.deepEqual(state.recorder.seen().map((x) => x.status), [401]);
        return detail(d);
      },
    },
    {
      name: "polling: 304 while unchanged, then a publish arrives as new values and PROVIDER_CONFIGURATION_CHANGED",
      traffic: untilNewTag,
      async run(target, state) {
        const { client, domain, ready } = await bindClient(target, state, "polling", state.key, ada, 200);
        const changes = [];
        client.addHandler(ProviderEvents.ConfigurationChanged, (details) => changes.push(details.flagsChanged));
        await ready;
        const etag = state.recorder.seen()[0].headers.get("etag");
        await eventually(
          () => state.recorder.seen().some((x) => x.status === 304 && x.ifNoneMatch === etag),
          "a poll answered 304",
        );
        assert.equal(client.getStringValue("greeting", ""), "Hey");

        const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: sdkFlagsRepublished });
        assert.equal(put.status, 200, put.text);
        // Evaluation reads the publish once the compiled copy's CACHE_TTL_SECONDS (5) passed.
        const [changed] = await eventually(() => changes.length > 0 && changes, "PROVIDER_CONFIGURATION_CHANGED");
        assert.deepEqual(changed, ["greeting"]);
        const greeting = client.getStringDetails("greeting", "");
        assert.equal(greeting.value, "Good day");
        const fresh = state.recorder.seen().find((x) => x.status === 200 && x.headers.get("etag") !== etag);
        assert.equal(fresh.ifNoneMatch, etag, "the poll that brought the change was conditional");
        await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER); // polling stops
        return { version: put.envelope.data.version, changed, greeting: detail(greeting) };
      },
    },
  ];
  async function close(target, state) {
    for (const domain of state.domains ?? []) await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER);
  }
  return { cases, close };
}
