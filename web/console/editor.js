// The whole flag set as JSON text, published with PUT (If-Match: the version it was loaded at).
// The text goes as written; the server checks it, and its errors are listed at their JSON paths.
import { api, explain, projectPath } from "./api.js";
import { h, notice } from "./dom.js";
import { loadFlags } from "./flags.js";

const EMPTY = { flags: {} };

export async function editorView({ project, rerender, say, canWrite }) {
  const set = await loadFlags(project);
  const version = set?.version ?? 0;  // 0: "no flag set yet" to If-Match
  const text = h("textarea", { id: "definition", spellcheck: false, rows: 24, readOnly: !canWrite, value: JSON.stringify(set?.definition ?? EMPTY, null, 2) });
  const status = h("div", { className: "status" });
  const form = h(
    "form",
    { className: "card editor" },
    h("p", { className: "meta" }, set ? `Editing version ${version}` : "New flag set"),
    h("label", { htmlFor: "definition" }, "Flag set (flagd JSON)"),
    text,
    canWrite ? h("button", { type: "submit" }, "Publish") : h("p", { className: "meta" }, "Your token may read this flag set, not publish it."),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const done = await api("PUT", projectPath(project, "/flags"), { body: text.value, ifMatch: version });
      say("ok", `Published version ${done.version} (${done.flags} flags).`);
      rerender();
    } catch (error) {
      const errors = error.data?.errors ?? [];
      status.replaceChildren(
        notice("error", explain(error)),
        errors.length ? h("ul", { className: "errors" }, errors.map((e) => h("li", {}, h("code", { className: "path" }, e.path || "(whole body)"), " ", e.message))) : null,
      );
    }
  });
  return form;
}
