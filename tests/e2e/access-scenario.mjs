// Access tokens and the audit log on every provider: each admin route with each role,
// scoped and unscoped, refused or served as README "Access tokens" says; revocation; and
// one audit entry per change, none for a refused one, all of them in commit order. Every
// answer's status is compared across providers (parity); ids, times and request ids are each
// provider's own.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { call, admin, uniqueId } from "./client.mjs";
import { flagSet } from "./fixtures.mjs";
import { TEST_CLOCK_MS } from "./providers.mjs";

const bearer = (token) => ({ authorization: `Bearer ${token}` });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const tokensMade = new Set();  // every token's text: none may appear in a log

async function createToken(target, body, as = admin) {
  const made = await call(target.url, "POST", "/v1/tokens", { headers: as, body });
  assert.equal(made.status, 200, `[${target.name}] ${made.text}`);
  tokensMade.add(made.envelope.data.token);
  return made.envelope.data;
}

async function publish(target, project, as = admin) {
  const put = await call(target.url, "PUT", `/v1/projects/${project}/flags`, { headers: as, body: flagSet() });
  assert.equal(put.status, 200, `[${target.name}] ${put.text}`);
}

// Every admin route: the role it needs, and what it answers when allowed (on a project with
// one published version; the ids named do not exist).
function adminRoutes(project) {
  const p = `/v1/projects/${project}`;
  const at = Number(TEST_CLOCK_MS) + 3_600_000;  // the providers run on the test clock
  return [
    ["GET", `${p}/flags`, "reader", 200],
    ["PUT", `${p}/flags`, "writer", 200, flagSet()],
    ["PATCH", `${p}/flags/banner`, "writer", 200, { state: "ENABLED" }],
    ["GET", `${p}/versions`, "reader", 200],
    ["POST", `${p}/rollback`, "writer", 200, { version: 1 }],
    ["GET", `${p}/published`, "reader", 200],
    ["POST", `${p}/keys`, "owner", 200, { name: "matrix" }],
    ["GET", `${p}/keys`, "reader", 200],
    ["DELETE", `${p}/keys/key_0000000000000000`, "owner", 404],
    ["GET", `${p}/origins`, "reader", 200],
    ["PUT", `${p}/origins`, "owner", 200, { allowedOrigins: [] }],
    ["POST", `${p}/schedules`, "writer", 200, { at, change: { type: "patch", flagKey: "banner", state: "DISABLED" } }],
    ["GET", `${p}/schedules`, "reader", 200],
    ["GET", `${p}/schedules/sch_0000000000000000`, "reader", 404],
    ["DELETE", `${p}/schedules/sch_0000000000000000`, "writer", 404],
    ["GET", `${p}/insights`, "reader", 200],
    ["GET", `${p}/audit`, "reader", 200],
    ["POST", `${p}/evaluate/banner`, "reader", 200, { context: {} }],
    ["GET", "/v1/tokens", "owner", 200],
    ["POST", "/v1/tokens", "owner@P", 200, { name: "made-in-matrix", role: "reader", projects: [project] }],
    ["DELETE", "/v1/tokens/tok_0000000000000000", "owner", 404],
    ["GET", "/v1/audit", "owner*", 200],
    ["GET", "/v1/me", "reader", 200],
    ["GET", "/v1/projects", "reader", 200],
  ];
}

const rank = { reader: 0, writer: 1, owner: 2 };

// What `credential` gets on a route: refused (403) unless it holds the role and the project.
// "owner*": an owner of every project; "owner@P": a token for P, which a scoped owner grants
// only when P is one of its own.
function expected([, path, needs, allowed], credential, project) {
  const role = needs.replace(/[*@].*$/, "");
  if (rank[credential.role] < rank[role]) return 403;
  const forProject = path.startsWith("/v1/projects/") || needs.endsWith("@P");
  if (credential.projects && forProject && !credential.projects.includes(project)) return 403;
  if (credential.projects && needs.endsWith("*")) return 403;
  return allowed;
}

export function accessTests(targets) {
  describe("access tokens: every admin route, every role, scoped and unscoped", () => {
    test("the role matrix, with parity", async () => {
      const project = uniqueId("roles");
      const elsewhere = uniqueId("roles-other");
      const credentials = [];
      for (const role of ["reader", "writer", "owner"]) {
        credentials.push({ role, projects: null });
        credentials.push({ role, projects: [project] });
        credentials.push({ role, projects: [elsewhere] });
      }
      const statuses = new Map();  // target -> ["route credential status"]
      for (const target of targets) {
        await publish(target, project);
        for (const c of credentials) {
          const body = { name: `${c.role}-${c.projects?.[0] ?? "all"}`, role: c.role };
          if (c.projects) body.projects = c.projects;
          c[target.name] = (await createToken(target, body)).token;
        }
        const seen = [];
        for (const route of adminRoutes(project)) {
          const [method, path, , , body] = route;
          for (const c of credentials) {
            const res = await call(target.url, method, path, { headers: bearer(c[target.name]), body });
            const want = expected(route, c, project);
            const label = `${method} ${path.replace(project, "P")} as ${c.role}/${c.projects ? (c.projects[0] === project ? "P" : "other") : "all"}`;
            assert.equal(res.status, want, `[${target.name}] ${label}: ${res.text}`);
            assert.ok(res.headers.get("x-request-id"), `[${target.name}] ${label}: no request id`);
            if (want === 403) assert.equal(res.envelope?.status, "unauthorized", `[${target.name}] ${label}`);
            seen.push(`${label} ${res.status} ${res.envelope?.status} ${want === 403 ? res.envelope?.message : ""}`);
          }
        }
        statuses.set(target.name, seen);
      }
      const [first, ...others] = [...statuses.entries()];
      for (const [name, seen] of others) assert.deepEqual(seen, first[1], `parity: ${name} differs from ${first[0]}`);
    });

    test("no credential is notAuthenticated; a forged or revoked token is refused", async () => {
      for (const target of targets) {
        const missing = await call(target.url, "GET", "/v1/me");
        assert.equal(missing.envelope?.status, "notAuthenticated", `[${target.name}] ${missing.text}`);
        const made = await createToken(target, { name: "short-lived", role: "reader" });
        const forged = made.token.slice(0, -1) + (made.token.endsWith("A") ? "B" : "A");
        assert.equal((await call(target.url, "GET", "/v1/me", { headers: bearer(forged) })).status, 403);
        assert.equal((await call(target.url, "GET", "/v1/me", { headers: bearer(made.token) })).status, 200);
        const revoked = await call(target.url, "DELETE", `/v1/tokens/${made.id}`, { headers: admin });
        assert.equal(revoked.status, 200, `[${target.name}] ${revoked.text}`);
        // README: refused everywhere within 10 s of the revocation; at once where it was revoked.
        let refused;
        for (let i = 0; i < 30 && refused?.status !== 403; i++) {
          if (i) await sleep(500);
          refused = await call(target.url, "GET", "/v1/me", { headers: bearer(made.token) });
        }
        assert.equal(refused.status, 403, `[${target.name}] a revoked token still works: ${refused.text}`);
        const listed = await call(target.url, "GET", "/v1/tokens", { headers: admin });
        assert.ok(!listed.envelope.data.tokens.some((t) => t.id === made.id), `[${target.name}] still listed`);
        assert.ok(!listed.text.includes("digest"), `[${target.name}] a digest is listed`);
      }
    });
  });

  describe("audit log", () => {
    test("each change appends one entry naming its actor; a refused change none", async () => {
      const summaries = new Map();
      const project = uniqueId("audit");
      for (const target of targets) {
        const writer = await createToken(target, { name: "release-bot", role: "writer", projects: [project] });
        await publish(target, project, bearer(writer.token));
        const patched = await call(target.url, "PATCH", `/v1/projects/${project}/flags/banner`, {
          headers: { ...admin, "if-match": '"1"' }, body: { state: "ENABLED", defaultVariant: "red" },
        });
        assert.equal(patched.status, 200, `[${target.name}] ${patched.text}`);
        // Refused: a stale If-Match, an invalid flag set, a writer creating a key.
        const stale = await call(target.url, "PATCH", `/v1/projects/${project}/flags/banner`, {
          headers: { ...admin, "if-match": '"1"' }, body: { state: "DISABLED" },
        });
        assert.equal(stale.status, 409, `[${target.name}] ${stale.text}`);
        const invalid = await call(target.url, "PUT", `/v1/projects/${project}/flags`, {
          headers: admin, body: { flags: { x: { state: "ON" } } },
        });
        assert.equal(invalid.status, 400, `[${target.name}] ${invalid.text}`);
        const refused = await call(target.url, "POST", `/v1/projects/${project}/keys`, { headers: bearer(writer.token), body: {} });
        assert.equal(refused.status, 403);
        const rolled = await call(target.url, "POST", `/v1/projects/${project}/rollback`, { headers: admin, body: { version: 1 } });
        assert.equal(rolled.status, 200, `[${target.name}] ${rolled.text}`);

        const audit = await call(target.url, "GET", `/v1/projects/${project}/audit`, { headers: bearer(writer.token) });
        assert.equal(audit.status, 200, `[${target.name}] ${audit.text}`);
        const entries = audit.envelope.data.entries;
        assert.deepEqual(entries.map((e) => e.action), ["flags.rollback", "flags.patch", "flags.publish"], `[${target.name}]`);
        assert.deepEqual(entries.map((e) => e.seq), [3, 2, 1]);
        assert.deepEqual(entries[2].actor, { kind: "token", id: writer.id, name: "release-bot" });
        assert.deepEqual(entries[1].actor, { kind: "root" });
        assert.equal(entries[1].requestId, patched.headers.get("x-request-id"));
        assert.equal(entries[0].requestId, rolled.headers.get("x-request-id"));
        assert.ok(entries[0].source, `[${target.name}] no source address`);
        assert.equal(audit.envelope.data.next, null);
        summaries.set(target.name, JSON.stringify(entries.map(({ action, target: t, versionBefore, versionAfter, summary }) =>
          ({ action, t, versionBefore, versionAfter, summary }))));
      }
      const [first, ...others] = [...summaries.entries()];
      for (const [name, text] of others) assert.equal(text, first[1], `parity: ${name} differs from ${first[0]}`);
      const expected = JSON.parse(first[1]);
      assert.deepEqual(expected[1].summary.changed, { banner: ["state", "defaultVariant"] });
      assert.deepEqual(expected[2].summary.added, ["new-checkout", "banner", "unicode-\u00e9t\u00e9"]);
    });

    test("concurrent changes all appear, in commit order", async () => {
      for (const target of targets) {
        const project = uniqueId("audit-race");
        await publish(target, project);
        const states = ["ENABLED", "DISABLED", "ENABLED", "DISABLED", "ENABLED", "DISABLED"];
        const answers = await Promise.all(states.map((state) =>
          call(target.url, "PATCH", `/v1/projects/${project}/flags/banner`, { headers: admin, body: { state } })));
        for (const a of answers) assert.equal(a.status, 200, `[${target.name}] ${a.text}`);
        const entries = (await call(target.url, "GET", `/v1/projects/${project}/audit?limit=100`, { headers: admin })).envelope.data.entries;
        const patches = entries.filter((e) => e.action === "flags.patch");
        assert.equal(patches.length, states.length, `[${target.name}] ${JSON.stringify(entries)}`);
        assert.deepEqual(new Set(patches.map((e) => e.requestId)), new Set(answers.map((a) => a.headers.get("x-request-id"))));
        // Newest first: seq and the version each made fall together.
        for (let i = 1; i < patches.length; i++) {
          assert.equal(patches[i - 1].seq, patches[i].seq + 1);
          assert.equal(patches[i - 1].versionAfter, patches[i].versionAfter + 1);
          assert.equal(patches[i - 1].versionBefore, patches[i].versionAfter);
        }
        const versions = answers.map((a) => a.envelope.data.version).sort((x, y) => x - y);
        assert.deepEqual(versions, patches.map((e) => e.versionAfter).reverse());
      }
    });

    test("token changes are audited apart, for owners of every project", async () => {
      for (const target of targets) {
        const made = await createToken(target, { name: "audited", role: "writer" });
        await call(target.url, "DELETE", `/v1/tokens/${made.id}`, { headers: admin });
        const log = await call(target.url, "GET", "/v1/audit?limit=2", { headers: admin });
        assert.equal(log.status, 200, `[${target.name}] ${log.text}`);
        assert.deepEqual(log.envelope.data.entries.map((e) => [e.action, e.target]), [["tokens.revoke", made.id], ["tokens.create", made.id]]);
        assert.equal(log.envelope.data.entries[1].summary.role, "writer");
      }
    });
  });
  describe("logs", () => {
    test("no token's text, nor its secret part, appears in any provider's output", () => {
      assert.ok(tokensMade.size > 0, "the scenarios above made no token");
      for (const target of targets) {
        if (!target.transcript) continue;  // a server started elsewhere (E2E_URLS)
        const printed = target.transcript();
        assert.ok(printed.length > 0, `[${target.name}] printed nothing: the check would be empty`);
        for (const token of tokensMade) {
          const secret = token.slice("fpt_".length + 16 + 1);  // its own alphabet has "_" too
          assert.ok(!printed.includes(secret), `[${target.name}] a token's secret is in the log`);
        }
      }
    });
  });
}
