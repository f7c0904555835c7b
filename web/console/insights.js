// Evaluation counts of the last 24 hours: a flag picked from those evaluated, as a chart.
import { api, projectPath } from "./api.js";
import { h, notice, time } from "./dom.js";
import { evaluationsChart } from "./chart.js";

export async function insightsView({ project }) {
  const insights = await api("GET", projectPath(project, "/insights"));
  const evaluated = insights.flags.filter((f) => f.evaluations > 0);
  if (evaluated.length === 0)
    return h("section", { className: "card" }, notice("info", "No evaluations recorded between ", time(insights.from), " and ", time(insights.to), "."));
  const pick = h("select", { id: "insights-flag" }, evaluated.map((f) => h("option", { value: f.key }, `${f.key} (${f.evaluations})`)));
  const figure = h("div");
  const draw = () => {
    const hours = insights.hours.map(({ hour, counts }) => ({ hour, counts: counts.filter((c) => c.flag === pick.value) }));
    figure.replaceChildren(evaluationsChart(hours, insights.from, insights.to));
  };
  pick.addEventListener("change", draw);
  draw();
  return h(
    "section",
    { className: "card" },
    h("label", {}, "Flag ", pick),
    h("p", { className: "meta" }, `Evaluations per hour by variant, ${time(insights.from)} to ${time(insights.to)}`),
    figure,
  );
}
