// Evaluates one flag for a context the person types, as a client would be answered.
import { api, projectPath } from "./api.js";
import { h, json, notice } from "./dom.js";
import { loadFlags } from "./flags.js";

export async function tryItView({ project }) {
  const set = await loadFlags(project);
  const keys = Object.keys(set?.definition?.flags ?? {});
  if (keys.length === 0) return notice("info", "There is no flag to evaluate yet.");
  const flag = h("select", { id: "try-flag" }, keys.map((k) => h("option", { value: k }, k)));
  const context = h("textarea", { id: "try-context", rows: 6, spellcheck: false, value: '{\n  "targetingKey": "user-1"\n}' });
  const answer = h("div", { id: "try-answer" });
  const form = h(
    "form",
    { className: "card try" },
    h("label", {}, "Flag ", flag),
    h("label", { htmlFor: "try-context" }, "Context (JSON)"),
    context,
    h("button", { type: "submit" }, "Evaluate"),
    answer,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(context.value);
    } catch (error) {
      return answer.replaceChildren(notice("error", `The context is not JSON: ${error.message}`));
    }
    try {
      const result = await api("POST", projectPath(project, `/evaluate/${encodeURIComponent(flag.value)}`), { body: { context: parsed } });
      answer.replaceChildren(h("dl", { className: "answer" },
        h("dt", {}, "Value"), h("dd", {}, "value" in result ? json(result.value) : "(none: the caller's default)"),
        h("dt", {}, "Variant"), h("dd", { className: "variant" }, result.variant ?? "(none)"),
        h("dt", {}, "Reason"), h("dd", { className: "reason" }, result.reason)));
    } catch (error) {
      const code = error.data?.errorCode;
      answer.replaceChildren(notice("error", code ? `${code}: ${error.data.errorDetails ?? error.message}` : error.message));
    }
  });
  return form;
}
