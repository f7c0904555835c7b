// Scheduled changes on every provider: made, applied once at their time by the object's
// alarm (a Durable Object alarm; on Lambda the due-time index the schedule queries), marked
// failed when their If-Match no longer holds, cancelled; and the periodic entry point itself.
// Each provider runs the same steps; parity compares what must agree (ids and times are each
// provider's own).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { call, admin, uniqueId } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Fires the periodic entry point: the Lambda gateway's EventBridge event, wrangler's cron.
const fireScheduled = (target) => fetch(`${target.url}/__scheduled`).then((r) => r.text()).catch(() => "");

// Polls the schedule until it is no longer pending, firing the periodic entry point meanwhile.
async function settled(target, project, id) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const got = await call(target.url, "GET", `/v1/projects/${project}/schedules/${id}`, { headers: admin });
    if (got.envelope?.data?.status !== "pending") return got.envelope;
    await fireScheduled(target);
    await sleep(500);
  }
  throw new Error(`[${target.name}] schedule ${id} still pending after 60 s`);
}

async function schedule(target, project, at, change, headers = admin) {
  const made = await call(target.url, "POST", `/v1/projects/${project}/schedules`, { headers, body: { at, change } });
  assert.equal(made.status, 200, `[${target.name}] ${made.text}`);
  return made.envelope.data;
}

async function publish(target, project, defaultVariant) {
  const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: admin, body: flagSet(defaultVariant) });
  assert.equal(put.status, 200, `[${target.name}] ${put.text}`);
}

// The version KV holds, once it is `wanted` or after 10 s.
async function publishedVersion(target, project, wanted) {
  let version;
  for (let attempt = 0; attempt < 40 && version !== wanted; attempt++) {
    if (attempt) await sleep(250);
    const published = await call(target.url, "GET", `/v1/projects/${project}/published`, { headers: admin });
    version = published.envelope?.data?.version;
  }
  return version;
}

// The last report of a sweep in the provider's log (each names its own request id).
const lastSweep = (target) => target.log().split("\n").findLast((l) => l.includes('"event":"sweep.done"'));

const field = (name) => (o) => o?.[name];

// The parts of a schedule every provider must agree on.
const agreed = ({ status, change, version, ifMatch, reason }) => ({ status, change, version, ifMatch, reason });

function sameEverywhere(results, what) {
  for (const other of results.slice(1))
    assert.deepEqual(other.value, results[0].value, `parity (${what}): ${other.name} differs from ${results[0].name}`);
}

export function scheduleTests(targets) {
  describe("scheduled changes", () => {
    test("a scheduled patch applies once, at its time, as a version that names it", async () => {
      const results = await Promise.all(targets.map(async (target) => {
        const project = uniqueId("sched");
        await publish(target, project, "off");
        const at = Date.now() + 5000;
        const made = await schedule(target, project, new Date(at).toISOString(),
          { type: "patch", flagKey: "new-checkout", defaultVariant: "on" });
        assert.equal(made.status, "pending");
        assert.equal(made.at, at);
        await fireScheduled(target);  // before its time: nothing happens
        const early = await call(target.url, "GET", `/v1/projects/${project}/flags`, { headers: admin });
        assert.equal(early.envelope.data.definition.flags["new-checkout"].defaultVariant, "off", `[${target.name}] applied early`);

        const done = await settled(target, project, made.id);
        assert.equal(done.data.status, "applied", `[${target.name}] ${JSON.stringify(done)}`);
        assert.ok(done.data.doneAt >= at, `[${target.name}] applied at ${done.data.doneAt}, before ${at}`);
        for (let i = 0; i < 3; i++) await fireScheduled(target);  // and never again
        const versions = await call(target.url, "GET", `/v1/projects/${project}/versions`, { headers: admin });
        assert.deepEqual(versions.envelope.data.versions.map(field("schedule")), [made.id, undefined], `[${target.name}] ${versions.text}`);
        const after = await call(target.url, "GET", `/v1/projects/${project}/flags`, { headers: admin });
        assert.equal(after.envelope.data.definition.flags["new-checkout"].defaultVariant, "on");
        assert.equal(await publishedVersion(target, project, 2), 2, `[${target.name}] KV never got the scheduled version`);
        return { name: target.name, value: agreed(done.data) };
      }));
      sameEverywhere(results, "the applied schedule");
    });

    test("a stale If-Match marks a schedule failed; a pending one can be cancelled", async () => {
      const results = await Promise.all(targets.map(async (target) => {
        const project = uniqueId("sched-stale");
        await publish(target, project, "off");
        const stale = await schedule(target, project, Date.now() + 3000, { type: "rollback", version: 1 },
          { ...admin, "if-match": '"1"' });
        await publish(target, project, "on");  // version 2: the If-Match no longer holds
        const later = await schedule(target, project, Date.now() + 3_600_000,
          { type: "patch", flagKey: "banner", state: "ENABLED" });
        const cancelled = await call(target.url, "DELETE", `/v1/projects/${project}/schedules/${later.id}`, { headers: admin });
        assert.equal(cancelled.envelope?.data?.status, "cancelled", `[${target.name}] ${cancelled.text}`);
        const again = await call(target.url, "DELETE", `/v1/projects/${project}/schedules/${later.id}`, { headers: admin });
        assert.equal(again.envelope?.status, "conflict", `[${target.name}] ${again.text}`);

        const failed = await settled(target, project, stale.id);
        assert.equal(failed.data.status, "failed", `[${target.name}] ${JSON.stringify(failed)}`);
        assert.match(failed.data.reason, /If-Match names version 1, the current version is 2/);
        const versions = await call(target.url, "GET", `/v1/projects/${project}/versions`, { headers: admin });
        assert.equal(versions.envelope.data.versions.length, 2, `[${target.name}] a failed schedule made a version`);
        const list = await call(target.url, "GET", `/v1/projects/${project}/schedules`, { headers: admin });
        return { name: target.name, value: { list: list.envelope.data.schedules.map(agreed), again: again.envelope.message } };
      }));
      sameEverywhere(results, "failed and cancelled schedules");
    });

    test("bad schedule requests get badRequest with paths, the same everywhere", async () => {
      const results = await Promise.all(targets.map(async (target) => {
        const project = uniqueId("sched-bad");
        const bad = await call(target.url, "POST", `/v1/projects/${project}/schedules`, {
          headers: admin,
          body: { at: "next monday", change: { type: "publish", definition: { flags: { f: { state: "ON" } } } }, why: 1 },
        });
        assert.equal(bad.envelope?.status, "badRequest", `[${target.name}] ${bad.text}`);
        const paths = bad.envelope.data.errors.map(field("path"));
        assert.equal(paths[0], "/at");
        assert.ok(paths.some((p) => p.startsWith("/change/definition/flags/f")), paths.join(", "));
        assert.equal(paths.at(-1), "/why");
        const list = await call(target.url, "GET", `/v1/projects/${project}/schedules`, { headers: admin });
        assert.deepEqual(list.envelope?.data?.schedules, [], `[${target.name}] ${list.text}`);
        return { name: target.name, value: { status: bad.status, data: bad.envelope.data, message: bad.envelope.message } };
      }));
      sameEverywhere(results, "refusals");
    });

    test("the periodic entry point wakes the objects that are due", async () => {
      for (const target of targets) {
        // A publish whose KV write fails (kv-publish fault, fault-* projects) leaves its object due.
        const project = uniqueId("fault-sweep");
        await publish(target, project, "off");
        await sleep(2500);  // PUBLISH_RETRY_SECONDS: the object's re-check is due
        const before = lastSweep(target);
        const answer = await fireScheduled(target);
        if (target.name === "lambda") {
          // The gateway answers the invocation's result: the core's report.
          const report = JSON.parse(answer);
          assert.equal(report.listed, true, answer);
          assert.equal(report.failed, 0, answer);
          assert.ok(report.woken >= 1, answer);
        } else {
          // wrangler dev runs the cron handler; the core logs its report.
          let line;
          for (let attempt = 0; attempt < 40 && (!line || line === before); attempt++) {
            await sleep(250);
            line = lastSweep(target);
          }
          assert.ok(line && line !== before, `[${target.name}] the cron trigger did not run the sweep`);
          const report = JSON.parse(line.slice(line.indexOf("{"), line.lastIndexOf("}") + 1));
          assert.equal(report.failed, 0, line);
          assert.ok(report.woken >= 1, line);
        }
        assert.equal((await publishedVersion(target, project, 1)), 1, `[${target.name}] the due object did not converge`);
      }
    });
  });
}
