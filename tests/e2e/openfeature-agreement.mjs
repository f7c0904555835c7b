// The same application asking through the two OpenFeature SDKs must hear the same story:
// the web SDK (@openfeature/ofrep-web-provider, one bulk evaluation) and the server SDK
// (@openfeature/ofrep-provider, one request per flag). For every kind of flag, the bulk
// entry is the single answer, and both SDKs report flagd-core's value, variant, reason and
// error code, with one exception that is the server provider's: ofrep-provider 0.1.3 (its
// only release) reads an answer without a value (a code default, a disabled flag) as a
// GENERAL error, since it compares the value's type with the default's. The application still
// gets its code default; that case is asserted as the provider reports it.
import assert from "node:assert/strict";
import { OpenFeature as ServerOpenFeature, NOOP_PROVIDER as SERVER_NOOP } from "@openfeature/server-sdk";
import { OpenFeature as WebOpenFeature, NOOP_PROVIDER as WEB_NOOP } from "@openfeature/web-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { FlagdCore } from "@openfeature/flagd-core";
import { admin, call } from "./client.mjs";
import { everyKind, everyKindTypes } from "./openfeature-flags.mjs";

const context = { targetingKey: "ada", plan: "pro" };
const getter = { boolean: "Boolean", string: "String", number: "Number", object: "Object" };
const silent = { error() {}, warn() {}, info() {}, debug() {} };

// What an application sees; flag metadata aside (the server SDK drops it from errors).
const story = ({ value, variant, reason, errorCode }) => ({ value, variant, reason, errorCode });

const core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
core.setConfigurations(JSON.stringify(everyKind));
function reference(key) {
  const [type, fallback] = everyKindTypes[key];
  return story(core.resolve(type, key, fallback, context, silent));
}

export function openFeatureAgreementScenario(project) {
  const cases = [
    {
      name: "publish every kind of flag; bind a web client and a server client",
      async run(target, state) {
        const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: everyKind });
        assert.equal(put.status, 200, put.text);
        const created = await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: { name: "sdks" } });
        assert.equal(created.status, 200, created.text);
        const headers = [["Authorization", `Bearer ${created.envelope.data.key}`]];
        state.webDomain = `${target.name}/agreement/web`;
        state.serverDomain = `${target.name}/agreement/server`;
        await WebOpenFeature.setProviderAndWait(
          state.webDomain,
          new OFREPWebProvider({ baseUrl: target.url, headers, fetchImplementation: state.recorder.fetch, cacheMode: "disabled", changeDetection: "none", disableVisibilityRefresh: true }),
          context,
        );
        const [bulk] = state.recorder.seen();
        state.bulk = Object.fromEntries(JSON.parse(bulk.text).flags.map((entry) => [entry.key, entry]));
        await ServerOpenFeature.setProviderAndWait(
          state.serverDomain,
          new OFREPProvider({ baseUrl: target.url, headers, fetchImplementation: state.recorder.fetch }),
        );
        state.web = WebOpenFeature.getClient(state.webDomain);
        state.server = ServerOpenFeature.getClient(state.serverDomain);
        return put.envelope.data;
      },
    },
    ...Object.keys(everyKind.flags).map((key) => ({
      name: `flag "${key}": the web and the server SDK agree, with flagd-core`,
      async run(target, state) {
        const [type, fallback] = everyKindTypes[key];
        const expected = reference(key);
        const web = story(state.web[`get${getter[type]}Details`](key, fallback));
        const server = story(await state.server[`get${getter[type]}Details`](key, fallback, context));
        const [single] = state.recorder.seen();
        assert.deepEqual(JSON.parse(single.text), state.bulk[key], "the bulk entry is the single answer");
        assert.deepEqual(web, expected, "the web SDK (bulk)");
        const valueless = !("value" in state.bulk[key]) && !state.bulk[key].errorCode;
        assert.deepEqual(server, valueless ? { value: fallback, variant: undefined, reason: "ERROR", errorCode: "GENERAL" } : expected,
          "the server SDK (single)");
        return { web, server };
      },
    })),
  ];
  async function close(target, state) {
    if (state.webDomain) await WebOpenFeature.setProviderAndWait(state.webDomain, WEB_NOOP);
    if (state.serverDomain) await ServerOpenFeature.setProviderAndWait(state.serverDomain, SERVER_NOOP);
  }
  return { cases, close };
}
