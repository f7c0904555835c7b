// Scenarios driven through real OpenFeature SDKs. Each case runs on every provider at once
// (several wait for a poll or a cache TTL); the providers' HTTP goes through a recording
// fetch (state.recorder). Every OFREP answer recorded is checked against the OpenAPI
// document, and parity holds twice: the SDK-level results are equal, and so are the recorded
// exchanges (path, If-None-Match, request body, status, response body, ETag) byte for byte.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ofrepProblems } from "./ofrep-schema.mjs";
import { recordingFetch } from "./recording-fetch.mjs";

const wire = ({ path, ifNoneMatch, requestBody, status, headers, text }) => ({
  path,
  ifNoneMatch,
  requestBody,
  status,
  text,
  etag: headers.get("etag"),
});

// For cases whose number of polls depends on timing: each distinct exchange once, in the
// order first seen.
export function distinctExchanges(exchanges) {
  const seen = new Map();
  for (const exchange of exchanges.map(wire)) seen.set(JSON.stringify(exchange), exchange);
  return [...seen.values()];
}

const everyExchange = (exchanges) => exchanges.map(wire);

export function clientScenario(title, targets, { cases, close }) {
  describe(title, () => {
    const states = new Map();
    const stateOf = (target) => {
      if (!states.has(target.name)) states.set(target.name, { recorder: recordingFetch() });
      return states.get(target.name);
    };
    after(async () => {
      await Promise.all(targets.map((target) => close(target, stateOf(target))));
    });
    for (const c of cases)
      test(c.name, async () => {
        const runs = await Promise.allSettled(
          targets.map(async (target) => {
            const state = stateOf(target);
            let result, exchanges;
            try {
              result = await c.run(target, state);
            } finally {
              exchanges = state.recorder.take();
            }
            for (const exchange of exchanges) assert.deepEqual(ofrepProblems(exchange) ?? [], [], "OFREP schema");
            return { target: target.name, result, traffic: (c.traffic ?? everyExchange)(exchanges) };
          }),
        );
        runs.forEach((run, i) => {
          if (run.status === "rejected") {
            run.reason.message = `[${targets[i].name}] ${run.reason.message}`;
            throw run.reason;
          }
        });
        const [first, ...others] = runs.map((run) => run.value);
        for (const other of others)
          assert.deepEqual(
            { result: other.result, traffic: other.traffic },
            { result: first.result, traffic: first.traffic },
            `parity: ${other.target} differs from ${first.target}`,
          );
      });
  });
}
