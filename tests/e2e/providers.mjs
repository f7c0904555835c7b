// Starts the local providers the end-to-end suite runs against, each through the same
// script people use (scripts/serve-worker, scripts/serve-lambda), on free loopback ports.
import { spawn } from "node:child_process";
import { after, before } from "node:test";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// At least 32 bytes, or the service refuses it (core/http/auth.hpp).
export const ADMIN_TOKEN = "e2e-admin-token-for-the-end-to-end-suite";
// Fixed clock so that timestamps, and with them whole bodies, match across providers.
export const TEST_CLOCK_MS = "1767225600000";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Resolves with { name, url, stop } once the script prints "READY <url>". A free port can be
// taken by another suite's server between our look and the bind: then it starts again.
export async function startProvider(name, script, env = {}, timeoutMs = 240_000) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, script, env, timeoutMs);
    } catch (error) {
      if (attempt >= 3 || !/already in use|EADDRINUSE/i.test(error.message)) throw error;
    }
  }
}

async function startOnce(name, script, env, timeoutMs) {
  const port = await freePort();
  const child = spawn(path.join(root, "scripts", script), [String(port)], {
    cwd: root,
    env: {
      ...process.env,
      ADMIN_TOKEN,
      FLAGPORT_FAULTS: "kv-publish,crash,kv-read",
      FLAGPORT_TEST_CLOCK_MS: TEST_CLOCK_MS,
      PUBLISH_RETRY_SECONDS: "2",
      // The fixed clock never lets a cached flag set expire: read KV on every evaluation, so
      // that a step sees what the step before it changed.
      CACHE_TTL_SECONDS: "0",
      // Evaluation counts go to the insights queue after every response (insights-scenario.mjs).
      INSIGHTS_FLUSH_SECONDS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a script which ignores SIGTERM can be killed with
    // everything it started (wrangler, workerd, fun, dynalite).
    detached: true,
  });
  let log = "";  // the tail, for error messages
  const transcript = [];  // everything it printed, for tests of what is logged
  const remember = (chunk) => {
    transcript.push(chunk.toString());
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stderr.on("data", remember);
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A provider that never got ready is stopped too: nothing may outlive the suite.
      stop().finally(() => reject(new Error(`${name}: not ready after ${timeoutMs} ms\n${log}`)));
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      remember(chunk);
      const ready = /READY (http:\/\/\S+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1].replace(/\/$/, ""));
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with ${code} before it was ready\n${log}`));
    });
  });

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!done) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is already gone
      }
      await exited;
    }
  }
  // pid: the script's, which leads the process group of everything it started.
  return { name, url, stop, log: () => log, transcript: () => transcript.join(""), pid: child.pid };
}

// For a suite that needs servers with settings of its own (call it inside its describe):
// the Worker (wasi) and the Lambda with `env`, E2E_PROVIDERS narrowing them, started before
// its tests and stopped after. The returned list fills once they are up.
export function ownProviders(env = {}) {
  const known = {
    worker: () => startProvider("worker", "serve-worker", { ...env, WASM_TOOLCHAIN: "wasi" }),
    lambda: () => startProvider("lambda", "serve-lambda", env),
  };
  const names = (process.env.E2E_PROVIDERS ?? "worker,lambda").split(",").filter((name) => name in known);
  const targets = [];
  before(async () => {
    const started = await Promise.allSettled(names.map((name) => known[name]()));
    for (const s of started) if (s.status === "fulfilled") targets.push(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  });
  after(async () => {
    await Promise.all(targets.map((t) => t.stop()));
  });
  return targets;
}
