// Soak under load and faults, on the Worker (wrangler dev) and the Lambda bootstrap (fun +
// dynalite), one after the other: evaluation load (our API and OFREP, single and bulk, OFREP with
// If-None-Match), writers racing with If-Match, client keys created and revoked, and faults:
//   kv-publish    the KV write right after a commit fails (every write to a fault-* project);
//   ddb-conflict  Lambda: DynamoDB refuses the first conditional commit (same projects);
//   trap          a crash in a request and inside the project object (/_crash routes);
//   kill          Lambda: the bootstrap process is killed while requests are in flight.
// Afterwards it checks that every answer kept the contract, that every acknowledged write
// is in its project's history with contiguous versions and the published copy converged,
// that no revoked key was answered after the stated bound, and that memory did not grow.
//   node tests/soak/soak.mjs MINUTES     (scripts/soak MINUTES): MINUTES per provider
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { admin, call } from "../e2e/client.mjs";
import { startProvider } from "../e2e/providers.mjs";
import { ofrepProblems } from "../e2e/ofrep-schema.mjs";

const CACHE_TTL_SECONDS = 1;  // the revocation bound the README states: the cache TTL
const REVOCATION_SLACK_MS = 250;  // a request that started just before the bound may still be served
const WRITES_PER_PROJECT = 15;  // under the 20 versions a project keeps, so every write stays checkable
const CODES = { success: 200, skipped: 200, badRequest: 400, notAuthenticated: 401, unauthorized: 403, notFound: 404,
  conflict: 409, tooManyRequests: 429, error: 500, notImplemented: 501 };
// What API Gateway answers when the function fails or its process dies: the platform's answer.
const PLATFORM_FAILURES = new Set(['500 {"message":"Internal Server Error"}', '502 {"message":"Bad Gateway"}']);
// A request may fail with a trap or a kill that happened while it was in flight (a trap
// poisons the wasm instance or the Lambda process other requests were running on too), or
// that happened just before it started: fun hands the next invocations to the dead process
// until it notices.
const FAULT_SLACK_MS = 100;
const AFTER_FAULT_MS = 1000;
const REQUEST_TIMEOUT_MS = 15_000;  // an answer that takes longer counts as none
const MEMORY_CHECK_SECONDS = 180;   // shorter runs print memory but cannot judge a leak

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const flagSet = (marker) => ({
  metadata: { writer: marker },
  flags: {
    checkout: {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ in: [{ var: "tier" }, ["gold", "platinum"]] }, "on", null] },
    },
    colour: { state: "ENABLED", variants: { red: "#f00", blue: "#00f" }, defaultVariant: "red" },
    layout: { state: "ENABLED", variants: { grid: { zeta: 1, alpha: [1, 2] } }, defaultVariant: "grid" },
    retired: { state: "DISABLED", variants: { x: 1 }, defaultVariant: "x" },
    rollout: { state: "ENABLED", variants: { a: "a", b: "b" }, defaultVariant: "a", targeting: { fractional: [["a", 50], ["b", 50]] } },
  },
});

// The processes of the provider's session (startProvider makes one per provider; wrangler
// and fun make process groups of their own inside it) with their command names.
function sessionProcesses(sessionId) {
  const processes = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const [state, , , session] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(session) === sessionId) processes.push({ pid: Number(entry), comm, state });
    } catch {
      // the process ended while we looked
    }
  }
  return processes;
}

// Resident memory of the provider's runtimes (workerd, bootstrap), KiB.
function runtimeRss(sessionId) {
  let total = 0;
  for (const { pid, comm } of sessionProcesses(sessionId)) {
    if (comm !== "workerd" && comm !== "bootstrap") continue;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return total;
}

// Bootstrap processes inside an invocation: fun freezes idle ones (state T, SIGSTOP).
function busyBootstraps(sessionId) {
  return sessionProcesses(sessionId).filter(({ comm, state }) => comm === "bootstrap" && state !== "T").map(({ pid }) => pid);
}

class Soak {
  constructor(target, runId, seconds) {
    Object.assign(this, { target, runId, seconds });
    this.counts = { requests: 0, answersChecked: 0, failuresAfterFaults: 0, unansweredAfterKills: 0, writesAcknowledged: 0, writeConflicts: 0,
      writesUnacknowledged: 0, keysCreated: 0, keysRevoked: 0, revokedKeyAnswers: 0,
      faults: { "kv-publish": 0, "ddb-conflict": 0, "trap-request": 0, "trap-object": 0, kill: 0 } };
    this.problems = [];
    this.faultTimes = [];  // when traps and kills were injected
    this.projects = [];  // {name, fault, acknowledged: [{version, action, marker}]}
    this.projectNumber = 0;
  }

  get lambda() {
    return this.target.name === "lambda";
  }

  fail(message) {
    if (this.problems.length < 20) this.problems.push(message);
  }

  // Where a request stood against the faults: for reading a failure.
  sinceFault(started, ended) {
    const before = this.faultTimes.filter((t) => t <= ended).at(-1);
    return before === undefined ? "no fault before it" : `the last fault ${started - before} ms before it started, ${ended - started} ms in flight`;
  }

  // One request; its answer checked against the contract of its route.
  async request(method, path, { headers, body, ofrep = false } = {}) {
    this.counts.requests++;
    const started = Date.now();
    let res;
    try {
      res = await call(this.target.url, method, path, { headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      // @vercel/fun can leave an invocation that was in flight when its process was killed
      // unanswered (API Gateway would answer 502, or 504 after 29 s): the local tool's failure.
      if (this.lambda && this.faultTimes.some((t) => t >= started - AFTER_FAULT_MS && t <= Date.now())) {
        this.counts.unansweredAfterKills++;
        return null;
      }
      this.fail(`${method} ${path}: no answer (${error.message}; ${this.sinceFault(started, Date.now())})`);
      return null;
    }
    this.counts.answersChecked++;
    const text = `${res.status} ${res.text}`;
    const ended = Date.now();
    const duringFault = this.faultTimes.some((t) => t >= started - AFTER_FAULT_MS && t <= ended + FAULT_SLACK_MS);
    if (duringFault && ((this.lambda && PLATFORM_FAILURES.has(text)) || (res.status === 500 && res.envelope?.status === "error"))) {
      this.counts.failuresAfterFaults++;
      return res;
    }
    if (ofrep) {
      const problems = ofrepProblems({ method, path, status: res.status, headers: res.headers, text: res.text });
      if (problems?.length) this.fail(`${method} ${path}: ${res.status} outside OFREP: ${problems.join("; ")} ${res.text.slice(0, 200)}`);
      if (res.status >= 500) this.fail(`${method} ${path}: ${text.slice(0, 200)}`);
    } else if (!res.envelope || JSON.stringify(Object.keys(res.envelope)) !== '["status","message","data"]' ||
      CODES[res.envelope.status] !== res.status) {
      this.fail(`${method} ${path}: not an envelope with its status: ${text.slice(0, 200)} (${this.sinceFault(started, ended)})`);
    } else if (res.status === 500) {
      this.fail(`${method} ${path}: ${text.slice(0, 200)}`);
    }
    return res;
  }

  async setUp() {
    this.evalProject = `soak-eval-${this.runId}`;
    const put = await this.request("PUT", `/v1/projects/${this.evalProject}/flags`, { headers: admin, body: flagSet("eval") });
    assert.equal(put?.status, 200, put?.text);
    const key = await this.request("POST", `/v1/projects/${this.evalProject}/keys`, { headers: admin, body: { name: "load" } });
    this.key = key.envelope.data.key;
    this.newProject();
  }

  // Writers move to a new project every WRITES_PER_PROJECT acknowledged writes; every other
  // one is a fault-* project, where the KV publish (and on Lambda the first commit) fails.
  newProject() {
    const n = this.projectNumber++;
    const fault = n % 2 === 1;
    this.current = { name: `${fault ? "fault-" : ""}soak-${this.runId}-${n}`, fault, acknowledged: [], writes: 0 };
    this.projects.push(this.current);
  }

  async writer(id, until) {
    let count = 0;
    while (Date.now() < until) {
      const project = this.current;
      if (project.writes >= WRITES_PER_PROJECT) {
        this.newProject();
        continue;
      }
      project.writes++;
      const flags = `/v1/projects/${project.name}/flags`;
      const got = await this.request("GET", flags, { headers: admin });
      const version = got?.status === 200 ? got.envelope.data.version : 0;
      const marker = `${id}-${count++}`;
      const patch = version > 0 && count % 3 === 0;
      const res = patch
        ? await this.request("PATCH", `${flags}/colour`, { headers: { ...admin, "if-match": `"${version}"` },
          body: { defaultVariant: count % 2 ? "blue" : "red" } })
        : await this.request("PUT", flags, { headers: { ...admin, "if-match": `"${version}"` }, body: flagSet(marker) });
      if (!res) continue;
      if (res.status === 200) {
        project.acknowledged.push({ version: res.envelope.data.version, action: patch ? "patch" : "publish", marker: patch ? null : marker });
        this.counts.writesAcknowledged++;
        if (project.fault) {
          this.counts.faults["kv-publish"]++;
          if (this.lambda) this.counts.faults["ddb-conflict"]++;
        }
      } else if (res.status === 409) {
        this.counts.writeConflicts++;
        project.writes--;
      } else {
        this.counts.writesUnacknowledged++;
      }
    }
  }

  async evaluator(id, until) {
    const key = { authorization: `Bearer ${this.key}` };
    let etag = null;
    for (let i = 0; Date.now() < until; i++) {
      const context = { context: { targetingKey: `user-${i % 97}`, tier: i % 2 ? "gold" : "tin" } };
      switch ((i + id) % 4) {
        case 0: await this.request("POST", `/v1/projects/${this.evalProject}/evaluate/checkout`, { headers: key, body: context }); break;
        case 1: await this.request("POST", `/v1/projects/${this.evalProject}/evaluate`, { headers: key, body: context }); break;
        case 2: await this.request("POST", "/ofrep/v1/evaluate/flags/rollout", { headers: key, body: context, ofrep: true }); break;
        default: {
          const headers = etag ? { ...key, "if-none-match": etag } : key;
          const res = await this.request("POST", "/ofrep/v1/evaluate/flags", { headers, body: { context: { targetingKey: "fixed" } }, ofrep: true });
          if (res?.status === 200) etag = res.headers.get("etag");
        }
      }
    }
  }

  // Keys created, used, revoked, and tried again: past the bound, a revoked key is refused.
  async keyChurn(until) {
    while (Date.now() < until) {
      const created = await this.request("POST", `/v1/projects/${this.evalProject}/keys`, { headers: admin, body: { name: "churn" } });
      if (created?.status !== 200) continue;
      this.counts.keysCreated++;
      const { id, key } = created.envelope.data;
      const bearer = { authorization: `Bearer ${key}` };
      for (let i = 0; i < 3; i++) await this.request("POST", "/ofrep/v1/evaluate/flags/colour", { headers: bearer, body: {}, ofrep: true });
      const revoked = await this.request("DELETE", `/v1/projects/${this.evalProject}/keys/${id}`, { headers: admin });
      if (revoked?.status !== 200) continue;
      this.counts.keysRevoked++;
      const bound = Date.now() + CACHE_TTL_SECONDS * 1000 + REVOCATION_SLACK_MS;
      while (Date.now() < bound + 1000) {
        const started = Date.now();
        const res = await this.request("POST", "/ofrep/v1/evaluate/flags/colour", { headers: bearer, body: {}, ofrep: true });
        if (started > bound) {
          this.counts.revokedKeyAnswers++;
          // Served is what the bound forbids; other answers (a trap's 500) request() judged already.
          if (res?.status === 200)
            this.fail(`a key revoked ${started - bound + CACHE_TTL_SECONDS * 1000} ms before was answered ${res.status}`);
        }
        await sleep(50);
      }
    }
  }

  // Traps in a request and in an object, and on Lambda the bootstrap killed mid-invocation:
  // only in the first half, so that memory is read on a settled process afterwards.
  async faults(until) {
    const kinds = this.lambda ? ["throw", "abort"] : ["abort", "out-of-bounds"];
    const inFlight = [];
    for (let i = 0; Date.now() < until; i++) {
      const kind = kinds[i % kinds.length];
      this.faultTimes.push(Date.now());
      await this.request("POST", `/v1/_crash/${kind}`, { headers: admin });
      this.faultTimes.push(Date.now());
      this.counts.faults["trap-request"]++;
      this.faultTimes.push(Date.now());
      await this.request("POST", `/v1/projects/${this.evalProject}/_crash/${kind}`, { headers: admin });
      this.faultTimes.push(Date.now());
      this.counts.faults["trap-object"]++;
      if (this.lambda) {
        inFlight.push(this.request("POST", `/v1/projects/${this.evalProject}/evaluate`, { headers: admin, body: {} }));
        await sleep(Math.random() * 3);
        this.faultTimes.push(Date.now());
        const [pid] = busyBootstraps(this.target.pid);  // one process, mid-invocation
        if (pid) {
          try {
            process.kill(pid, "SIGKILL");
            this.counts.faults.kill++;
          } catch {
            // its invocation ended and the process with it
          }
        }
      }
      await sleep(500);
    }
    await Promise.all(inFlight);
  }

  async run() {
    const phase = (name) => process.stderr.write(`soak [${this.target.name}] ${name} at ${new Date().toISOString()}\n`);
    await this.setUp();
    phase("load and faults");
    const start = Date.now();
    const end = start + this.seconds * 1000;
    const faultsEnd = start + this.seconds * 500;
    const memory = (async () => {
      await sleep(this.seconds * 600);
      this.rssWarm = runtimeRss(this.target.pid);
      await sleep(Math.max(0, end - Date.now() - 500));
      this.rssEnd = runtimeRss(this.target.pid);
    })();
    await Promise.all([
      this.writer("w1", end), this.writer("w2", end), this.writer("w3", end),
      this.evaluator(0, end), this.evaluator(1, end), this.evaluator(2, end), this.evaluator(3, end),
      this.keyChurn(end), this.faults(faultsEnd), memory,
    ]);
    phase("verification");
    await this.verifyWrites();
    phase("done");
    if (this.seconds >= MEMORY_CHECK_SECONDS && this.rssEnd > this.rssWarm * 1.1)
      this.fail(`memory grew: ${this.rssWarm} KiB after warm-up, ${this.rssEnd} KiB at the end`);
    return { provider: this.target.name, ...this.counts, projects: this.projects.length, rssWarmKiB: this.rssWarm,
      rssEndKiB: this.rssEnd, problems: this.problems };
  }

  // Every acknowledged write is in its project's history, versions contiguous and distinct,
  // the current definition the last write's, and the published copy converged to it.
  async verifyWrites() {
    for (const project of this.projects) {
      if (project.acknowledged.length === 0) continue;
      const versions = await this.request("GET", `/v1/projects/${project.name}/versions`, { headers: admin });
      const history = versions?.envelope?.data?.versions ?? [];
      const numbers = history.map((entry) => entry.version);
      const current = numbers[0];
      if (JSON.stringify(numbers) !== JSON.stringify(numbers.map((_, i) => current - i)) || numbers.at(-1) !== 1)
        this.fail(`${project.name}: versions not contiguous from 1: ${numbers.join(",")}`);
      const seen = new Set();
      for (const write of project.acknowledged) {
        if (seen.has(write.version)) this.fail(`${project.name}: two acknowledged writes got version ${write.version}`);
        seen.add(write.version);
        const entry = history.find((e) => e.version === write.version);
        if (!entry || entry.action !== write.action) this.fail(`${project.name}: acknowledged ${write.action} ${write.version} not in the history`);
      }
      const flags = await this.request("GET", `/v1/projects/${project.name}/flags`, { headers: admin });
      const last = project.acknowledged.find((write) => write.version === current && write.marker);
      if (last && flags?.envelope?.data?.definition?.metadata?.writer !== last.marker)
        this.fail(`${project.name}: the current definition is not version ${current}'s`);
      let published;
      const waitStart = Date.now();
      for (let attempt = 0; attempt < 20; attempt++) {
        published = await this.request("GET", `/v1/projects/${project.name}/published`, { headers: admin });
        if (published?.envelope?.data?.version === current) break;
        // A copy held back by a kv-publish fault is published by the object's alarm: on the
        // Worker it fires by itself; on Lambda the schedule wakes it once due (fired here).
        if (this.lambda) await fetch(`${this.target.url}/__scheduled`, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
        await sleep(500);
      }
      this.counts.convergenceWaitMsMax = Math.max(this.counts.convergenceWaitMsMax ?? 0, Date.now() - waitStart);
      if (published?.envelope?.data?.version !== current)
        this.fail(`${project.name}: the published copy did not converge to version ${current}: ${published?.text}`);
    }
  }
}

// SOAK_PROVIDERS=worker,lambda (the default) chooses the providers.
export async function soak(minutes, providers = (process.env.SOAK_PROVIDERS ?? "worker,lambda").split(",")) {
  const runId = `${Date.now().toString(36)}`;
  const env = { FLAGPORT_FAULTS: "kv-publish,crash,ddb-conflict", FLAGPORT_TEST_CLOCK_MS: "", PUBLISH_RETRY_SECONDS: "1",
    CACHE_TTL_SECONDS: String(CACHE_TTL_SECONDS) };
  const known = {
    worker: () => startProvider("worker", "serve-worker", { ...env, WASM_TOOLCHAIN: "wasi" }),
    lambda: () => startProvider("lambda", "serve-lambda", env),
  };
  // One provider after the other: on a 2-core machine, side by side they starve each other.
  const results = [];
  for (const name of providers) {
    const target = await known[name]();
    try {
      const result = await new Soak(target, runId, minutes * 60).run();
      if (result.problems.length) result.log = target.log().split("\n").filter((l) => /error|fail|fatal/i.test(l)).slice(-15);
      results.push(result);
    } finally {
      await target.stop();
    }
  }
  return results;
}

export function report(results) {
  const rows = [["", ...results.map((r) => r.provider)]];
  const add = (label, pick) => rows.push([label, ...results.map((r) => String(pick(r)))]);
  add("requests", (r) => r.requests);
  add("answers checked", (r) => r.answersChecked);
  add("writes acknowledged / conflicts / not acknowledged", (r) => `${r.writesAcknowledged} / ${r.writeConflicts} / ${r.writesUnacknowledged}`);
  add("projects written", (r) => r.projects);
  add("keys created / revoked", (r) => `${r.keysCreated} / ${r.keysRevoked}`);
  add("answers to revoked keys past the bound", (r) => r.revokedKeyAnswers);
  for (const kind of Object.keys(results[0].faults)) add(`faults: ${kind}`, (r) => r.faults[kind]);
  add("failures of requests in flight during a trap or kill", (r) => r.failuresAfterFaults);
  add("requests fun left unanswered after a kill", (r) => r.unansweredAfterKills);
  add("runtime RSS after warm-up / at the end (KiB)", (r) => `${r.rssWarmKiB} / ${r.rssEndKiB}`);
  add("longest wait for a published copy to converge after the run (ms)", (r) => r.convergenceWaitMsMax);
  add("problems", (r) => r.problems.length);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ")).join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const minutes = Number(process.argv[2] ?? 10);
  const results = await soak(minutes);
  console.log(report(results));
  const total = results.reduce((sum, r) => sum + Object.values(r.faults).reduce((a, b) => a + b, 0), 0);
  console.log(`faults injected in total: ${total}`);
  console.log(JSON.stringify(results.map(({ log, ...result }) => result)));
  for (const r of results) for (const problem of r.problems) console.error(`[${r.provider}] ${problem}`);
  for (const r of results) for (const line of r.log ?? []) console.error(`[${r.provider} log] ${line}`);
  process.exitCode = results.some((r) => r.problems.length) ? 1 : 0;
}
