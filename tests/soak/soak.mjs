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
import { FUN_POOL_SIZE } from "../../bindings/lambda/local/fun-pool.mjs";
import { startProvider } from "../e2e/providers.mjs";
import { ofrepProblems } from "../e2e/ofrep-schema.mjs";

const CACHE_TTL_SECONDS = 1;  // the revocation bound the README states: the cache TTL
const REVOCATION_SLACK_MS = 250;  // a request that started just before the bound may still be served
// The README's bound past the TTL: an instance whose copy is older answers the one request that
// finds it so and refreshes after it (a Lambda process idle for a while, or frozen in fun's pool,
// thus serves a revoked key once more). So past the bound a revoked key may be served at most
// once per instance that holds a copy: fun's pool of bootstraps, wrangler dev's one isolate.
const INSTANCES = { worker: 1, lambda: FUN_POOL_SIZE };
const WRITES_PER_PROJECT = 15;  // under the 20 versions a project keeps, so every write stays checkable
const CODES = { success: 200, skipped: 200, badRequest: 400, notAuthenticated: 401, unauthorized: 403, notFound: 404,
  conflict: 409, tooManyRequests: 429, error: 500, notImplemented: 501 };
// What API Gateway answers when the function fails or its process dies: the platform's answer.
const PLATFORM_FAILURES = new Set(['500 {"message":"Internal Server Error"}', '502 {"message":"Bad Gateway"}']);
// A request may fail with a trap or a kill that happened while it was in flight (a trap
// poisons the wasm instance or the Lambda process other requests were running on too), or
// that happened just before it started (a process killed as fun hands it the next
// invocation fails that one).
const FAULT_SLACK_MS = 100;
const AFTER_FAULT_MS = 1000;
const REQUEST_TIMEOUT_MS = 15_000;  // an answer that takes longer counts as none
// Runs shorter than this print memory but cannot judge a leak. The Worker's workerd grows for
// its first 11-12 minutes whatever it serves (a Worker without wasm, KV or objects: 121 -> 256
// MB), so its reading after warm-up, WARM_FRACTION into the run, needs a 20-minute run.
const MEMORY_CHECK_SECONDS = { worker: 20 * 60, lambda: 180 };
const WARM_FRACTION = 0.6;          // memory after warm-up: read from this part of the run on
// Traps and kills come one round every FAULT_PERIOD_MS (a trap in a request, a trap in the
// object, on Lambda a kill), in the first half of the run: a bounded rate however fast the
// machine answers.
const FAULT_PERIOD_MS = 1500;
// A provider that answers nothing but failures for this long has stopped serving: the run
// ends there with that problem (and its counts), rather than going on timing out.
const WEDGED_MS = 60_000;

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

// The runtimes whose memory is judged: the Worker's workerd (its isolate, its Durable Objects,
// the KV simulator) and the Lambda bootstraps. The processes around them are sampled and
// reported, not judged: wrangler's own proxy workerd on the public port (its inspector proxy
// keeps every inspector message while no DevTools is attached), and the node processes
// (wrangler; serve-lambda with dynalite's in-memory tables, which grow with the data written).
const RUNTIMES = new Set(["workerd", "bootstrap"]);

// Resident memory of every process of the provider's session, by name: { name: { count,
// kib, largestKib } }. wrangler dev runs two workerd: the Worker's own (with its Durable
// Objects and the KV simulator) and its proxy on the public port, named apart here.
function memorySample(sessionId, port) {
  const sample = {};
  for (const { pid, comm } of sessionProcesses(sessionId)) {
    let kib;
    let name = comm;
    try {
      kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      if (comm === "workerd")
        name = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(`--socket-addr=entry=127.0.0.1:${port}`) ? "workerd-proxy" : "workerd";
    } catch {
      continue;  // gone
    }
    const entry = (sample[name] ??= { count: 0, kib: 0, largestKib: 0 });
    entry.count++;
    entry.kib += kib;
    entry.largestKib = Math.max(entry.largestKib, kib);
  }
  return sample;
}

const runtimeKib = (sample) => Object.entries(sample).reduce((sum, [comm, { kib }]) => sum + (RUNTIMES.has(comm) ? kib : 0), 0);

// Bootstrap processes inside an invocation: fun freezes idle ones (state T, SIGSTOP).
function busyBootstraps(sessionId) {
  return sessionProcesses(sessionId).filter(({ comm, state }) => comm === "bootstrap" && state !== "T").map(({ pid }) => pid);
}

class Soak {
  constructor(target, runId, seconds) {
    Object.assign(this, { target, runId, seconds });
    this.counts = { requests: 0, answersChecked: 0, failuresAfterFaults: 0, writesAcknowledged: 0, writeConflicts: 0,
      writesUnacknowledged: 0, keysCreated: 0, keysRevoked: 0, revokedKeyAnswers: 0, revokedKeyServedPastTtl: 0,
      faults: { "kv-publish": 0, "ddb-conflict": 0, "trap-request": 0, "trap-object": 0, kill: 0 } };
    this.problems = [];
    this.faultTimes = [];  // when traps and kills were injected
    this.projects = [];  // {name, fault, acknowledged: [{version, action, marker}]}
    this.projectNumber = 0;
    this.lastServed = Date.now();  // the last answer below 500: the provider still serves
    this.wedged = false;
    this.memory = [];  // {s, sample} every so often, from the start of the load
  }

  // Loops go on until their deadline, or until the provider is found wedged.
  running(until) {
    return !this.wedged && Date.now() < until;
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
      // Every request is answered, on Lambda too: a process that dies mid-invocation fails
      // its invocation (serve-lambda mends @vercel/fun's pool, which could leave it hanging).
      this.fail(`${method} ${path}: no answer (${error.message}; ${this.sinceFault(started, Date.now())})`);
      return null;
    }
    this.counts.answersChecked++;
    if (res.status < 500) this.lastServed = Date.now();
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
    while (this.running(until)) {
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
    for (let i = 0; this.running(until); i++) {
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
    while (this.running(until)) {
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
      let served = 0;
      while (Date.now() < bound + 1000 && !this.wedged) {
        const started = Date.now();
        const res = await this.request("POST", "/ofrep/v1/evaluate/flags/colour", { headers: bearer, body: {}, ofrep: true });
        if (started > bound) {
          this.counts.revokedKeyAnswers++;
          // Served is what the bound limits; other answers (a trap's 500) request() judged already.
          if (res?.status === 200) {
            this.counts.revokedKeyServedPastTtl++;
            if (++served > INSTANCES[this.target.name])
              this.fail(`a key revoked ${started - bound + CACHE_TTL_SECONDS * 1000} ms before was answered ${res.status}, ` +
                `${served} times past the bound`);
          }
        }
        await sleep(50);
      }
    }
  }

  // Traps in a request and in an object, and on Lambda the bootstrap killed mid-invocation,
  // one round every FAULT_PERIOD_MS: only in the first half, so that memory is read on a
  // settled process afterwards.
  async faults(until) {
    const kinds = this.lambda ? ["throw", "abort"] : ["abort", "out-of-bounds"];
    const inFlight = [];
    for (let i = 0; this.running(until); i++) {
      const round = Date.now();
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
        // One process, mid-invocation: looked for a little while, as on a loaded machine
        // every process may be frozen between invocations at the first look.
        for (let look = 0; look < 20; look++) {
          const [pid] = busyBootstraps(this.target.pid);
          if (pid) {
            this.faultTimes.push(Date.now());
            try {
              process.kill(pid, "SIGKILL");
              this.counts.faults.kill++;
            } catch {
              // its invocation ended and the process with it
            }
            break;
          }
          await sleep(5);
        }
      }
      await sleep(Math.max(0, round + FAULT_PERIOD_MS - Date.now()));
    }
    await Promise.all(inFlight);
  }

  // Memory of the session's processes every `period` ms from the start of the load, and
  // the wedge check: a provider that served nothing for WEDGED_MS ends the run.
  async watch(start, until, period) {
    let nextSample = start;
    while (this.running(until)) {
      if (Date.now() >= nextSample) {
        this.memory.push({ s: Math.round((Date.now() - start) / 1000), sample: memorySample(this.target.pid, new URL(this.target.url).port) });
        nextSample += period;
      }
      if (Date.now() - this.lastServed > WEDGED_MS) {
        this.wedged = true;
        this.fail(`the provider served nothing for ${WEDGED_MS / 1000} s, ${Math.round((Date.now() - start) / 1000)} s into the run (wedged)`);
        return;
      }
      await sleep(Math.min(1000, Math.max(0, until - Date.now())));
    }
    this.memory.push({ s: Math.round((Date.now() - start) / 1000), sample: memorySample(this.target.pid, new URL(this.target.url).port) });
  }

  async run() {
    const phase = (name) => process.stderr.write(`soak [${this.target.name}] ${name} at ${new Date().toISOString()}\n`);
    await this.setUp();
    phase("load and faults");
    const start = Date.now();
    const end = start + this.seconds * 1000;
    const faultsEnd = start + this.seconds * 500;
    await Promise.all([
      this.writer("w1", end), this.writer("w2", end), this.writer("w3", end),
      this.evaluator(0, end), this.evaluator(1, end), this.evaluator(2, end), this.evaluator(3, end),
      this.keyChurn(end), this.faults(faultsEnd), this.watch(start, end, Math.max(1000, this.seconds * 1000 / 60)),
    ]);
    this.counts.loadSeconds = Math.round((Date.now() - start) / 1000);
    if (this.wedged) {
      phase("wedged: the writes cannot be read back");
    } else {
      phase("verification");
      await this.verifyWrites();
      phase("done");
    }
    const memory = this.judgeMemory();
    return { provider: this.target.name, minutes: this.seconds / 60, ...this.counts, projects: this.projects.length, verified: !this.wedged,
      ...memory, problems: this.problems };
  }

  // The runtimes' RSS after warm-up (the first sample from WARM_FRACTION of the run on, after
  // the faults stopped) against the end: within 10%, in runs long enough to tell.
  judgeMemory() {
    const samples = this.memory.map(({ s, sample }) => ({ s, runtimeKib: runtimeKib(sample), sample }));
    const warm = samples.find(({ s }) => s >= this.seconds * WARM_FRACTION) ?? samples.at(-1);
    const last = samples.at(-1);
    // Least-squares slope of the runtimes' RSS from warm-up to the end, KiB per minute: a
    // leak keeps growing, warm-up levels off.
    const after = samples.filter(({ s }) => s >= (warm?.s ?? 0));
    let slope = null;
    if (after.length >= 3) {
      const mx = after.reduce((a, { s }) => a + s, 0) / after.length;
      const my = after.reduce((a, { runtimeKib: y }) => a + y, 0) / after.length;
      const sxy = after.reduce((a, { s, runtimeKib: y }) => a + (s - mx) * (y - my), 0);
      const sxx = after.reduce((a, { s }) => a + (s - mx) ** 2, 0);
      slope = Math.round((sxy / sxx) * 60);
    }
    const judged = this.seconds >= MEMORY_CHECK_SECONDS[this.target.name] && !this.wedged;
    if (judged && warm && last.runtimeKib > warm.runtimeKib * 1.1)
      this.fail(`memory grew: ${warm.runtimeKib} KiB after warm-up, ${last.runtimeKib} KiB at the end`);
    const processes = (sample) => Object.entries(sample ?? {}).map(([comm, { count, kib, largestKib }]) =>
      `${comm}${count > 1 ? ` x${count}` : ""} ${kib}${count > 1 ? ` (largest ${largestKib})` : ""}`).join(", ");
    return {
      rssWarmKiB: warm?.runtimeKib, rssWarmAtS: warm?.s, rssEndKiB: last?.runtimeKib, rssEndAtS: last?.s,
      rssMinMaxAfterWarmKiB: after.length ? [Math.min(...after.map((x) => x.runtimeKib)), Math.max(...after.map((x) => x.runtimeKib))] : null,
      rssSlopeAfterWarmKiBPerMin: slope, memoryJudged: judged,
      processesWarm: processes(warm?.sample), processesEnd: processes(last?.sample),
      rssSeries: samples.map(({ s, runtimeKib: kib }) => [s, kib]),
    };
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

// SOAK_PROVIDERS=worker,lambda (the default) chooses the providers. onResult(result) is
// called as soon as a provider is done (and stopped), before the next one starts.
export async function soak(minutes, { providers = (process.env.SOAK_PROVIDERS ?? "worker,lambda").split(","), onResult } = {}) {
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
    let result;
    try {
      result = await new Soak(target, runId, minutes * 60).run();
      if (result.problems.length) result.log = target.log().split("\n").filter((l) => /error|fail|fatal/i.test(l)).slice(-15);
      results.push(result);
    } finally {
      await target.stop();
    }
    onResult?.(result);
  }
  return results;
}

const faultTotal = (r) => Object.values(r.faults).reduce((a, b) => a + b, 0);

// A table, one column per provider, fit to paste into a note.
export function report(results) {
  const rows = [["", ...results.map((r) => r.provider)]];
  const add = (label, pick) => rows.push([label, ...results.map((r) => String(pick(r)))]);
  add("minutes of load (s)", (r) => `${r.minutes} (${r.loadSeconds})`);
  add("requests", (r) => r.requests);
  add("answers checked", (r) => r.answersChecked);
  add("writes acknowledged / conflicts / not acknowledged", (r) => `${r.writesAcknowledged} / ${r.writeConflicts} / ${r.writesUnacknowledged}`);
  add("projects written / read back", (r) => `${r.projects} / ${r.verified ? "all" : "none (wedged)"}`);
  add("keys created / revoked", (r) => `${r.keysCreated} / ${r.keysRevoked}`);
  add("answers to revoked keys past the bound", (r) => r.revokedKeyAnswers);
  add("of which served by an instance's older copy (one each at most)", (r) => r.revokedKeyServedPastTtl);
  for (const kind of Object.keys(results[0].faults)) add(`faults: ${kind}`, (r) => r.faults[kind]);
  add("faults in total", faultTotal);
  add("failures of requests in flight during a trap or kill", (r) => r.failuresAfterFaults);
  add("runtime RSS after warm-up / at the end (KiB)", (r) => `${r.rssWarmKiB} (${r.rssWarmAtS} s) / ${r.rssEndKiB} (${r.rssEndAtS} s)`);
  add("runtime RSS min / max after warm-up (KiB)", (r) => r.rssMinMaxAfterWarmKiB?.join(" / "));
  add("runtime RSS slope after warm-up (KiB/min)", (r) => r.rssSlopeAfterWarmKiBPerMin);
  add("memory judged (10% bound)", (r) => (r.memoryJudged ? "yes" : "no: run too short"));
  add("processes after warm-up (KiB)", (r) => r.processesWarm);
  add("processes at the end (KiB)", (r) => r.processesEnd);
  add("longest wait for a published copy to converge after the run (ms)", (r) => r.convergenceWaitMsMax);
  add("problems", (r) => r.problems.length);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
}

// Each provider's figures as soon as it is done: a long run that fails later keeps them.
function printResult(result) {
  console.log(`\n== soak [${result.provider}] ${new Date().toISOString()}`);
  console.log(report([result]));
  for (const problem of result.problems) console.log(`problem: ${problem}`);
  for (const line of result.log ?? []) console.log(`log: ${line}`);
  const { log, ...figures } = result;
  console.log(`json: ${JSON.stringify(figures)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const minutes = Number(process.argv[2] ?? 10);
  const results = await soak(minutes, { onResult: printResult });
  console.log(`\n== soak: ${minutes} min per provider`);
  console.log(report(results));
  console.log(`faults injected in total: ${results.reduce((sum, r) => sum + faultTotal(r), 0)}`);
  for (const r of results) for (const problem of r.problems) console.error(`[${r.provider}] ${problem}`);
  process.exitCode = results.some((r) => r.problems.length) ? 1 : 0;
}
