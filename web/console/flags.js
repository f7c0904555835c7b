// A project's flags: state, variants, default variant and targeting, and a form per flag that
// flips its state and default variant (PATCH with If-Match: the version this page showed).
import { api, explain, projectPath, ApiError } from "./api.js";
import { h, json, notice, time } from "./dom.js";

// The flag set, or null when nothing was ever published to the project.
export async function loadFlags(project) {
  try {
    return await api("GET", projectPath(project, "/flags"));
  } catch (error) {
    if (error instanceof ApiError && error.status === "notFound") return null;
    throw error;
  }
}

export async function flagsView({ project, rerender, say, canWrite }) {
  const set = await loadFlags(project);
  if (!set) return notice("info", "No flag set is published yet. Write one in ", h("a", { href: `#/p/${encodeURIComponent(project)}/edit` }, "Edit"), ".");
  const flags = Object.entries(set.definition.flags ?? {});
  return h(
    "section",
    {},
    h("p", { className: "meta" }, `Version ${set.version}`, set.updatedAt ? `, published ${time(set.updatedAt)}` : ""),
    flags.length === 0 ? notice("info", "The flag set has no flags.") : flags.map(([key, flag]) => flagCard(project, set.version, key, flag, canWrite && { rerender, say })),
  );
}

function flagCard(project, version, key, flag, changes) {
  const variants = Object.keys(flag.variants ?? {});
  return h(
    "article",
    { className: "card flag", id: `flag-${key}` },
    h("h2", {}, key, " ", h("span", { className: `badge ${flag.state === "ENABLED" ? "on" : "off"}` }, flag.state)),
    h("table", { className: "variants" },
      h("thead", {}, h("tr", {}, h("th", {}, "Variant"), h("th", {}, "Value"))),
      h("tbody", {}, variants.map((v) =>
        h("tr", { className: v === flag.defaultVariant ? "default" : null },
          h("td", {}, v, v === flag.defaultVariant ? " (default)" : ""),
          h("td", {}, h("code", {}, JSON.stringify(flag.variants[v]))))))),
    h("h3", {}, "Targeting"),
    flag.targeting && Object.keys(flag.targeting).length ? json(flag.targeting) : h("p", { className: "meta" }, "None: every evaluation gets the default variant."),
    changes && flipForm(project, version, key, flag, variants, changes),
  );
}

// State and default variant, sent as a PATCH of only what changed.
function flipForm(project, version, key, flag, variants, { rerender, say }) {
  const state = h("select", { name: "state", value: flag.state }, h("option", {}, "ENABLED"), h("option", {}, "DISABLED"));
  const current = flag.defaultVariant ?? "";
  const defaultVariant = h(
    "select",
    { name: "defaultVariant", value: current },
    current === "" ? h("option", { value: "" }, "(none)") : null,
    variants.map((v) => h("option", { value: v }, v)),
  );
  const status = h("div", { className: "status" });
  const form = h(
    "form",
    { className: "flip" },
    h("label", {}, "State ", state),
    h("label", {}, "Default variant ", defaultVariant),
    h("button", { type: "submit" }, "Apply"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const change = {};
    if (state.value !== flag.state) change.state = state.value;
    if (defaultVariant.value !== current) change.defaultVariant = defaultVariant.value;
    if (Object.keys(change).length === 0) return status.replaceChildren(notice("info", "Nothing to change."));
    try {
      const done = await api("PATCH", projectPath(project, `/flags/${encodeURIComponent(key)}`), { body: change, ifMatch: version });
      say("ok", `${key} saved: version ${done.version}.`);
      rerender();
    } catch (error) {
      status.replaceChildren(
        notice("error", explain(error)),
        error.status === "conflict" ? h("button", { type: "button", onclick: rerender }, "Reload") : null,
      );
    }
  });
  return h("div", {}, form, status);
}
