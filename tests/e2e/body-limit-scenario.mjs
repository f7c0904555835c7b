// Oversized bodies: requests of several megabytes, sent with a Content-Length and without
// one (chunked), get the core's `badRequest` answer on every provider, byte-identical,
// and afterwards the service answers as before with its stored data intact. The body
// is streamed the way a client uploads it; the server may answer before it is all sent.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { admin, call, uniqueId } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";

const KiB = 1024;
const MiB = 1024 * KiB;
// core/http/limits.hpp, README "Limits": a body that carries a flag set, and any other.
const FLAG_SET_LIMIT = 4608 * KiB;
const LIMIT = 256 * KiB;
// Above it, the local API Gateway answers 413 itself, as Lambda's 6 MB payload limit does.
const LAMBDA_PAYLOAD_LIMIT = 6 * MiB;

// Sends `size` bytes of spaces as the body, with a Content-Length or chunked. Stops
// sending once the answer has come.
export function upload(base, method, path, { headers = {}, size, chunked }) {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, base), {
      method,
      agent: false,
      headers: { "content-type": "application/json", ...headers, ...(chunked ? {} : { "content-length": String(size) }) },
    });
    let answer = null;
    request.on("response", (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        answer = { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") };
        resolve(answer);
        request.destroy();
      });
      response.on("error", reject);
    });
    // A server that answers early may close the connection under the upload.
    request.on("error", (error) => answer === null && !request.writableEnded ? reject(error) : undefined);
    const block = Buffer.alloc(64 * KiB, " ");
    let sent = 0;
    const pump = () => {
      while (answer === null && sent < size) {
        const n = Math.min(block.length, size - sent);
        sent += n;
        if (!request.write(n === block.length ? block : block.subarray(0, n))) return void request.once("drain", pump);
      }
      if (answer === null) request.end();
    };
    pump();
  });
}

const tooLarge = (limit) => `the body exceeds ${limit} bytes`;

function expectEnvelope(res) {
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(JSON.parse(res.text), {
    status: "badRequest",
    message: "body too large",
    data: { errors: [{ path: "", message: tooLarge(FLAG_SET_LIMIT) }] },
  });
}

function expectOfrep(res) {
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(JSON.parse(res.text), { errorCode: "INVALID_CONTEXT", errorDetails: tooLarge(LIMIT) });
}

export function bodyLimitScenario(title, targets) {
  describe(title, () => {
    const project = uniqueId("body-limit");
    const keys = new Map();
    const routes = [
      {
        name: "admin publish",
        method: "PUT",
        path: `/v1/projects/${project}/flags`,
        headers: () => admin,
        limit: FLAG_SET_LIMIT,
        sizes: [5 * MiB, 8 * MiB],
        expect: expectEnvelope,
      },
      {
        name: "OFREP bulk evaluation",
        method: "POST",
        path: "/ofrep/v1/evaluate/flags",
        headers: (target) => ({ authorization: `Bearer ${keys.get(target.name)}` }),
        limit: LIMIT,
        sizes: [3 * MiB, 5 * MiB, 8 * MiB],
        expect: expectOfrep,
      },
    ];

    test("set-up: a flag set and a client key", async () => {
      for (const target of targets) {
        const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: flagSet() });
        assert.equal(put.envelope?.status, "success", `[${target.name}] ${put.text}`);
        const key = await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: {} });
        assert.equal(key.envelope?.status, "success", `[${target.name}] ${key.text}`);
        keys.set(target.name, key.envelope.data.key);
      }
    });

    // Every case on every provider; the answers are compared across providers.
    async function onEveryProvider(route, size, chunked, expect) {
      const answers = [];
      for (const target of targets) {
        const res = await upload(target.url, route.method, route.path, { headers: route.headers(target), size, chunked });
        if (target.name === "lambda" && size > LAMBDA_PAYLOAD_LIMIT) {
          // Beyond what Lambda accepts: the platform answers, the function never runs.
          assert.equal(res.status, 413, `[${target.name}] ${res.text}`);
          continue;
        }
        try {
          expect(res);
        } catch (error) {
          error.message = `[${target.name}] ${error.message}`;
          throw error;
        }
        assert.ok(res.headers["x-request-id"], `[${target.name}] no request id`);
        answers.push({ target: target.name, status: res.status, text: res.text });
      }
      for (const other of answers.slice(1))
        assert.deepEqual({ status: other.status, text: other.text }, { status: answers[0].status, text: answers[0].text },
          `parity: ${other.target} differs from ${answers[0].target}`);
    }

    for (const route of routes)
      for (const size of route.sizes)
        for (const chunked of [false, true])
          test(`${route.name}: ${size / MiB} MiB ${chunked ? "chunked" : "with Content-Length"} is refused`, () =>
            onEveryProvider(route, size, chunked, route.expect));

    for (const chunked of [false, true]) {
      test(`one byte over the limit is refused, ${chunked ? "chunked" : "with Content-Length"}`, () =>
        onEveryProvider(routes[0], FLAG_SET_LIMIT + 1, chunked, expectEnvelope));
      test(`a body at the limit is read (${chunked ? "chunked" : "with Content-Length"}): spaces are not JSON`, () =>
        onEveryProvider(routes[0], FLAG_SET_LIMIT, chunked, (res) => {
          assert.equal(res.status, 400, res.text);
          assert.equal(JSON.parse(res.text).message, "malformed JSON");
        }));
    }

    test("afterwards the service answers as before, and nothing stored changed", async () => {
      for (const target of targets) {
        const health = await call(target.url, "GET", "/v1/health");
        assert.equal(health.envelope?.status, "success", `[${target.name}] ${health.text}`);
        const stored = await call(target.url, "GET", `/v1/projects/${project}/flags`, { headers: admin });
        assert.equal(stored.envelope?.status, "success", `[${target.name}] ${stored.text}`);
        assert.equal(stored.envelope.data.version, 1, `[${target.name}] a refused publish changed the version`);
        assert.deepEqual(stored.envelope.data.definition, flagSet());
        const evaluated = await call(target.url, "POST", "/ofrep/v1/evaluate/flags/new-checkout", {
          headers: { authorization: `Bearer ${keys.get(target.name)}` },
          body: { context: { targetingKey: "u", tier: "gold" } },
        });
        assert.equal(evaluated.status, 200, `[${target.name}] ${evaluated.text}`);
        assert.equal(JSON.parse(evaluated.text).value, true);
      }
    });
  });
}
