// The project's audit log, newest first, a page at a time.
import { api, projectPath } from "./api.js";
import { h, time } from "./dom.js";

const PAGE = 25;

function actor(a) {
  if (a?.kind === "token") return h("span", { title: a.id }, a.name);
  if (a?.kind === "schedule") return `schedule ${a.id}`;
  return a?.kind ?? "";
}

// The flags' summary as a line: what was added, removed and changed (with the fields).
function summary(s) {
  if (!s || typeof s !== "object") return "";
  const parts = [];
  if (s.added?.length) parts.push(`added ${s.added.join(", ")}`);
  if (s.removed?.length) parts.push(`removed ${s.removed.join(", ")}`);
  const changed = Object.entries(s.changed ?? {});
  if (changed.length) parts.push(`changed ${changed.map(([k, fields]) => `${k} (${[].concat(fields).join(", ")})`).join("; ")}`);
  return parts.length ? parts.join(" · ") : JSON.stringify(s);
}

export async function auditView({ project }) {
  const rows = h("tbody");
  const more = h("button", { type: "button", hidden: true }, "Older entries");
  let before = null;
  async function page() {
    const query = `?limit=${PAGE}${before == null ? "" : `&before=${before}`}`;
    const { entries, next } = await api("GET", projectPath(project, `/audit${query}`));
    rows.append(...entries.map((e) =>
      h("tr", {},
        h("td", {}, String(e.seq)),
        h("td", { className: "when" }, time(e.at)),
        h("td", {}, actor(e.actor)),
        h("td", {}, e.action),
        h("td", {}, e.target ?? ""),
        h("td", {}, e.versionBefore == null && e.versionAfter == null ? "" : `${e.versionBefore ?? "–"} → ${e.versionAfter ?? "–"}`),
        h("td", { className: "summary" }, summary(e.summary)))));
    before = next;
    more.hidden = next == null;
  }
  more.addEventListener("click", page);
  await page();
  return h(
    "section",
    { className: "card" },
    h("table", { className: "audit" },
      h("thead", {}, h("tr", {}, ["#", "When", "Who", "Action", "Target", "Version", "What changed"].map((t) => h("th", {}, t)))),
      rows),
    more,
  );
}
