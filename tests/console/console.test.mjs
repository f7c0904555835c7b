// The web console on both providers: its files and headers, identical on each, and a person
// using it in headless Chromium (Debian's, driven by playwright-core): sign in, flip a flag and
// see OFREP change, a conflict, a refused flag set, a rollback, the audit log, insights and
// the try-it panel. Screenshots go to build/console-screenshots/<provider>/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ADMIN_TOKEN, ownProviders } from "../e2e/providers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const folder = path.join(root, "web/console");
const names = (process.env.E2E_PROVIDERS ?? "worker,lambda").split(",").filter((n) => n === "worker" || n === "lambda");
const SAME_HEADERS = ["content-type", "cache-control", "content-security-policy", "x-content-type-options", "referrer-policy"];

async function admin(base, method, route, { body, token = ADMIN_TOKEN, ifMatch } = {}) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  if (ifMatch !== undefined) headers["if-match"] = `"${ifMatch}"`;
  const response = await fetch(base + route, { method, headers, body: body && JSON.stringify(body) });
  const envelope = await response.json();
  assert.equal(envelope.status, "success", `${method} ${route}: ${JSON.stringify(envelope)}`);
  return envelope.data;
}

async function ofrep(base, key, flag) {
  const response = await fetch(`${base}/ofrep/v1/evaluate/flags/${flag}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ context: { targetingKey: "user-1" } }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

const flagSet = {
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ "==": [{ var: "tier" }, "gold"] }, "on", null] },
    },
    banner: { state: "ENABLED", variants: { blue: "#00f", red: "#f00" }, defaultVariant: "blue" },
  },
};
// Refused: no such state, and a default variant the flag does not have.
const brokenSet = '{"flags":{"new-checkout":{"state":"MAYBE","variants":{"on":true},"defaultVariant":"gone"}}}';

describe("console", () => {
  const targets = ownProviders();
  const target = (name) => targets.find((t) => t.name === name);
  let browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  });
  after(async () => {
    await browser?.close();
  });

  test("the console's files and headers are the same on every provider, without CORS", async () => {
    const files = readdirSync(folder);
    const seen = {};
    for (const { name, url } of targets) {
      for (const file of ["", ...files.filter((f) => f !== "index.html")]) {
        const response = await fetch(`${url}/console/${file}`, { headers: { origin: "https://elsewhere.example" } });
        assert.equal(response.status, 200, `${name} /console/${file}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        assert.ok(bytes.equals(readFileSync(path.join(folder, file || "index.html"))), `${name} /console/${file}: bytes`);
        assert.equal(response.headers.get("access-control-allow-origin"), null, `${name} /console/${file}: CORS`);
        const headers = Object.fromEntries(SAME_HEADERS.map((h) => [h, response.headers.get(h)]));
        assert.match(headers["content-security-policy"], /default-src 'none'.*frame-ancestors 'none'/);
        assert.equal(headers["cache-control"], "no-cache");
        seen[file] ??= { name, headers };
        assert.deepEqual(headers, seen[file].headers, `/console/${file}: ${name} and ${seen[file].name} differ`);
      }
      const bare = await fetch(`${url}/console`, { redirect: "manual" });
      assert.equal(bare.status, 307, name);
      assert.equal(bare.headers.get("location"), "/console/", name);
      const missing = await fetch(`${url}/console/missing.js`);
      assert.equal(missing.status, 404, name);
      // Everything else still reaches the service.
      assert.equal((await (await fetch(`${url}/v1/health`)).json()).status, "success", name);
    }
    assert.equal(targets.length, names.length);
  });

  for (const name of names) {
    test(`a person uses the console on ${name}`, async () => {
      const { url } = target(name);
      const project = `console-${name}`;
      const shots = path.join(root, "build/console-screenshots", name);
      mkdirSync(shots, { recursive: true });
      await admin(url, "PUT", `/v1/projects/${project}/flags`, { body: flagSet });
      const { key } = await admin(url, "POST", `/v1/projects/${project}/keys`, { body: { name: "console-test" } });
      const { token } = await admin(url, "POST", "/v1/tokens", { body: { name: "console-person", role: "writer", projects: [project] } });

      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      // Any console error or failed request fails the test, but for the refusals the steps
      // below ask for (a 409 and a 400), which Chromium also logs as errors.
      const expected = [];
      const problems = [];
      page.on("console", (m) => {
        if (m.type() !== "error") return;
        const refusal = /status of (\d+)/.exec(m.text());
        if (!(refusal && expected.includes(Number(refusal[1])))) problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on("response", (r) => {
        if (r.status() >= 400 && !expected.includes(r.status())) problems.push(`${r.status()}: ${r.url()}`);
      });
      const shot = (file) => page.screenshot({ path: path.join(shots, `${file}.png`), fullPage: true });
      const see = (selector, text) => page.locator(selector, { hasText: text }).first().waitFor({ timeout: 10_000 });
      const card = page.locator("#flag-new-checkout");

      try {
        await page.goto(`${url}/console/`);
        await shot("sign-in");
        await page.fill("#token", token);
        await page.click("form.signin button");
        await see(".projects a", project);
        await see("#who", "console-person");
        await shot("projects");

        // Flip the default variant: OFREP answers the new one.
        await page.click(`.projects a:text-is("${project}")`);
        await see("#flag-new-checkout h2", "new-checkout");
        await shot("flags");
        assert.equal((await ofrep(url, key, "new-checkout")).value, false);
        await card.locator("select[name=defaultVariant]").selectOption("on");
        await card.locator("button[type=submit]").click();
        await see(".notice.ok", "new-checkout saved: version 2");
        assert.equal((await ofrep(url, key, "new-checkout")).value, true);

        // Someone else changes the set between the page's load and the click.
        await admin(url, "PATCH", `/v1/projects/${project}/flags/banner`, { body: { defaultVariant: "red" }, ifMatch: 2 });
        expected.push(409);
        await card.locator("select[name=state]").selectOption("DISABLED");
        await card.locator("button[type=submit]").click();
        await see("#flag-new-checkout .notice.error", "Someone else changed this project's flags first: it is now at version 3");
        await shot("conflict");
        assert.notEqual((await ofrep(url, key, "new-checkout")).reason, "DISABLED");
        await card.locator("button", { hasText: "Reload" }).click();
        await see(".meta", "Version 3");

        // A broken flag set: the server's errors at their paths, nothing published.
        await page.click(".tabs a:text-is('Edit')");
        await page.locator("#definition").fill(brokenSet);
        expected.push(400);
        await page.click(".editor button[type=submit]");
        await see("ul.errors code.path", "/flags/new-checkout/state");
        await see("ul.errors li", "/flags/new-checkout/defaultVariant");
        await shot("editor-errors");

        // Roll back to version 1: OFREP answers its default again.
        await page.click(".tabs a:text-is('Versions')");
        await see("table.versions td", "patch");
        await shot("versions");
        await page.click("button:text-is('Roll back to 1')");
        await see(".notice.ok", "Rolled back to version 1: now version 4");
        assert.equal((await ofrep(url, key, "new-checkout")).value, false);

        // The audit log names the rollback and who made it.
        await page.click(".tabs a:text-is('Audit log')");
        const newest = page.locator("table.audit tbody tr").first();
        await newest.waitFor();
        const cells = await newest.locator("td").allTextContents();
        assert.equal(cells[3], "flags.rollback", cells.join(" | "));
        assert.match(cells[2], /console-person/);
        assert.match(cells[5], /3 → 4/);
        await shot("audit");

        // Try it: the context typed in decides the variant.
        await page.click(".tabs a:text-is('Try it')");
        await page.locator("#try-flag").selectOption("new-checkout");
        await page.locator("#try-context").fill('{"targetingKey":"user-2","tier":"gold"}');
        await page.click(".try button[type=submit]");
        await see("#try-answer .variant", "on");
        assert.equal(await page.locator("#try-answer .reason").textContent(), "TARGETING_MATCH");
        assert.match(await page.locator("#try-answer pre").textContent(), /^true$/);
        await shot("try-it");

        // Insights: the evaluations above, once the queue has delivered them.
        for (let i = 0; ; i++) {
          await page.click(".tabs a:text-is('Insights')");
          await see("section.card", "");
          if (await page.locator("svg.chart rect").count()) break;
          assert.ok(i < 20, "no insights after 20 s");
          await page.click(".tabs a:text-is('Flags')");
          await page.waitForTimeout(1000);
        }
        await page.locator("#insights-flag").selectOption({ index: 0 });
        assert.ok(await page.locator("ul.legend li").count() >= 1);
        await shot("insights");

        // Signing out forgets the token.
        await page.click("#sign-out");
        await page.locator("#token").waitFor();
        assert.equal(await page.evaluate(() => sessionStorage.length), 0);
        assert.deepEqual(await page.context().cookies(), []);

        // A reader sees the same pages, with no change offered.
        const reader = await admin(url, "POST", "/v1/tokens", { body: { name: "console-reader", role: "reader", projects: [project] } });
        await page.fill("#token", reader.token);
        await page.click("form.signin button");
        await see("#who", "console-reader · reader");
        await page.click(`.projects a:text-is("${project}")`);
        await see("#flag-new-checkout h2", "new-checkout");
        assert.equal(await page.locator("form.flip").count(), 0);
        await shot("reader-flags");
        await page.click(".tabs a:text-is('Versions')");
        await see("table.versions td", "rollback");
        assert.equal(await page.locator("table.versions button").count(), 0);
      } finally {
        await page.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
