// Every version of the flag set, newest first; any older one can become the current one again.
import { api, explain, projectPath } from "./api.js";
import { h, notice, time } from "./dom.js";

export async function versionsView({ project, rerender, say, canWrite }) {
  const { version: current, versions } = await api("GET", projectPath(project, "/versions"));
  const status = h("div", { className: "status" });
  async function rollback(version) {
    try {
      const done = await api("POST", projectPath(project, "/rollback"), { body: { version }, ifMatch: current });
      say("ok", `Rolled back to version ${version}: now version ${done.version}.`);
      rerender();
    } catch (error) {
      status.replaceChildren(notice("error", explain(error)));
    }
  }
  return h(
    "section",
    { className: "card" },
    status,
    h("table", { className: "versions" },
      h("thead", {}, h("tr", {}, ["Version", "Created", "Action", "Flags", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, versions.map((v) =>
        h("tr", {},
          h("td", {}, String(v.version)),
          h("td", {}, time(v.createdAt)),
          h("td", {}, v.action, v.rolledBackFrom != null ? ` (from ${v.rolledBackFrom})` : ""),
          h("td", {}, String(v.flags)),
          h("td", {}, v.version === current
            ? h("span", { className: "badge on" }, "current")
            : canWrite && h("button", { type: "button", onclick: () => rollback(v.version) }, `Roll back to ${v.version}`)))))),
  );
}
