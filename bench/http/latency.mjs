// p50/p99 latency and requests/s of GET /v1/projects/{p}/flags on both local providers,
// measured side by side in one run (printed, never asserted). Under `wrangler dev` the
// Worker figure includes wrangler's proxy and inspector (DESIGN §8): it is for the
// record, not for judging the core.
//   node bench/http/latency.mjs [--seconds 10] [--connections 8]
import autocannon from "autocannon";
import os from "node:os";
import { startProvider } from "../../tests/e2e/providers.mjs";
import { admin, call, uniqueId } from "../../tests/e2e/client.mjs";
import { flagSet } from "../../tests/e2e/fixtures.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 10);
const connections = arg("connections", 8);

function load(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers: admin }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const providers = [];
try {
  providers.push(await startProvider("worker (wrangler dev)", "serve-worker", { FLAGPORT_FAULTS: "", FLAGPORT_TEST_CLOCK_MS: "" }));
  providers.push(await startProvider("lambda (fun + gateway)", "serve-lambda", { FLAGPORT_FAULTS: "", FLAGPORT_TEST_CLOCK_MS: "" }));
  const rows = [];
  for (const p of providers) {
    const project = uniqueId("bench");
    const put = await call(p.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: flagSet() });
    if (put.envelope?.status !== "success") throw new Error(`${p.name}: publish failed: ${put.text}`);
    await load(`${p.url}/v1/health`); // warm-up
    const r = await load(`${p.url}/v1/projects/${project}/flags`);
    rows.push({
      provider: p.name,
      requestsPerSecond: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
    });
  }
  console.table(rows);
  const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version };
  console.log(JSON.stringify({ bench: "http-latency", route: "GET /v1/projects/{p}/flags", seconds, connections, machine, rows }));
} finally {
  await Promise.all(providers.map((p) => p.stop()));
}
