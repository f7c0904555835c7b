// How long a publish takes to reach evaluations, on both local providers (printed and
// written to build/bench/publish-delay.json, never asserted). Each round publishes a new
// flag-set version in which the flag `probe` answers the round's number, then polls the
// Flagport API and OFREP back to back until each answers that number; the delay runs from
// the publish's `success` to the first answer carrying the new value. Measured with the
// default cache (CACHE_TTL_SECONDS 5) and without one (0), on the real clock.
// Locally KV is read-after-write (Miniflare's store, dynalite), so what shows here is the
// isolate / process cache; Workers KV adds its own propagation (up to 60 s) in production.
//   node bench/publish/delay.mjs [--rounds 12] [--ttls 5,0] [--providers worker,lambda]
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startProvider } from "../../tests/e2e/providers.mjs";
import { admin, call, uniqueId } from "../../tests/e2e/client.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(option("rounds", "12"));
const ttls = option("ttls", "5,0").split(",");
const providerNames = option("providers", "worker,lambda").split(",");
const scripts = { worker: "serve-worker", lambda: "serve-lambda" };

const probeFlags = (n) => ({ flags: { probe: { state: "ENABLED", variants: { n }, defaultVariant: "n" } } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `evaluate` until it answers `wanted`; the time of that answer, or null after the deadline.
async function firstSeen(evaluate, wanted, deadline) {
  while (performance.now() < deadline) {
    if ((await evaluate()) === wanted) return performance.now();
  }
  return null;
}

async function measure(url, ttlSeconds) {
  const project = uniqueId("delay");
  const put = async (n) => {
    const res = await call(url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: probeFlags(n) });
    if (res.envelope?.status !== "success") throw new Error(`publish failed: ${res.text}`);
  };
  await put(0);
  const created = await call(url, "POST", `/v1/projects/${project}/keys`, { headers: admin, body: {} });
  const key = { authorization: `Bearer ${created.envelope.data.key}` };
  const evaluate = (route) => call(url, "POST", route, { headers: key, body: {} });
  const viaApi = async () => (await evaluate(`/v1/projects/${project}/evaluate/probe`)).envelope?.data?.value;
  const viaOfrep = async () => (await evaluate("/ofrep/v1/evaluate/flags/probe")).envelope?.value;
  await firstSeen(viaApi, 0, performance.now() + 60_000); // warm: the key and version 0 are visible

  const delays = { api: [], ofrep: [] };
  for (let n = 1; n <= rounds; n++) {
    // Publish at a random point of the cache's cycle, not just after the last refresh.
    await sleep(Math.random() * Math.max(1000, ttlSeconds * 1000));
    await put(n);
    const acknowledged = performance.now();
    const deadline = acknowledged + 90_000;
    const [api, ofrep] = await Promise.all([firstSeen(viaApi, n, deadline), firstSeen(viaOfrep, n, deadline)]);
    if (api === null || ofrep === null) throw new Error(`probe value ${n} never reached evaluation`);
    delays.api.push(api - acknowledged);
    delays.ofrep.push(ofrep - acknowledged);
  }
  return delays;
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const ms = (v) => Math.round(v);
  return { min: ms(sorted[0]), p50: ms(at(0.5)), p90: ms(at(0.9)), max: ms(sorted[sorted.length - 1]) };
}

const rows = [];
for (const ttl of ttls) {
  const env = { CACHE_TTL_SECONDS: ttl, FLAGPORT_FAULTS: "", FLAGPORT_TEST_CLOCK_MS: "" }; // real clock
  const started = await Promise.allSettled(providerNames.map((name) => startProvider(name, scripts[name], env)));
  try {
    for (const s of started) if (s.status === "rejected") throw s.reason;
    for (const provider of started.map((s) => s.value)) {
      const delays = await measure(provider.url, Number(ttl));
      for (const api of ["api", "ofrep"])
        rows.push({ provider: provider.name, cacheTtlSeconds: Number(ttl), api, rounds, ...summary(delays[api]) });
    }
  } finally {
    await Promise.all(started.filter((s) => s.status === "fulfilled").map((s) => s.value.stop()));
  }
}

console.table(rows);
const machine = {
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  load: os.loadavg().map((l) => l.toFixed(2)),
  node: process.version,
};
const unit = "ms from the publish's success to the first evaluation answering it";
const report = { bench: "publish-delay", unit, machine, rows };
mkdirSync(path.join(root, "build/bench"), { recursive: true });
writeFileSync(path.join(root, "build/bench/publish-delay.json"), JSON.stringify(report, null, 2));
console.log(JSON.stringify(report));
