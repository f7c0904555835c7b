// Evaluations per hour as stacked bars, one colour per variant: plain SVG, no library.
import { h, svg } from "./dom.js";

const COLOURS = ["#2f6fde", "#e07b39", "#3a9d5d", "#b94a9b", "#c9a227", "#5a6b7d", "#d04848", "#47a3b5"];
const HOUR = 3_600_000;
const W = 720, H = 240, LEFT = 44, BOTTOM = 24, TOP = 8;

// hours: [{hour, counts: [{variant, count}]}] for one flag; from/to: the range asked for.
export function evaluationsChart(hours, from, to) {
  const first = Math.floor(from / HOUR) * HOUR;
  const slots = Math.max(1, Math.ceil((to - first + 1) / HOUR));
  const perSlot = Array.from({ length: slots }, () => new Map());
  const variants = [];
  for (const { hour, counts } of hours) {
    const slot = perSlot[Math.floor((hour - first) / HOUR)];
    if (!slot) continue;
    for (const { variant, count } of counts) {
      const name = variant ?? "(code default)";
      if (!variants.includes(name)) variants.push(name);
      slot.set(name, (slot.get(name) ?? 0) + count);
    }
  }
  const colour = (name) => COLOURS[variants.indexOf(name) % COLOURS.length];
  const max = Math.max(1, ...perSlot.map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const plotH = H - TOP - BOTTOM;
  const barW = (W - LEFT) / slots;
  const bars = perSlot.flatMap((m, i) => {
    let y = H - BOTTOM;
    return variants.filter((v) => m.has(v)).map((v) => {
      const height = (m.get(v) / max) * plotH;
      y -= height;
      const hour = new Date(first + i * HOUR).toISOString().slice(0, 13);
      return svg("rect", { x: LEFT + i * barW + 1, y, width: Math.max(1, barW - 2), height, fill: colour(v) },
        svg("title", {}, `${hour}:00Z ${v}: ${m.get(v)}`));
    });
  });
  // An hour label every six slots and under the last one, centred under its bar: "12-31 18:00".
  const ticks = perSlot.map((_, i) => i).filter((i) => (i % 6 === 0 && i <= slots - 4) || i === slots - 1)
    .map((i) => svg("text", i === slots - 1 ? { x: W, y: H - 6, "text-anchor": "end" } : { x: LEFT + (i + 0.5) * barW, y: H - 6, "text-anchor": "middle" },
      new Date(first + i * HOUR).toISOString().slice(5, 16).replace("T", " ")));
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "Evaluations per hour by variant" },
    svg("line", { x1: LEFT, y1: TOP, x2: W, y2: TOP, stroke: "#e3e6ea" }),
    svg("line", { x1: LEFT, y1: H - BOTTOM, x2: W, y2: H - BOTTOM, stroke: "#889" }),
    svg("text", { x: LEFT - 6, y: TOP + 4, "text-anchor": "end" }, String(max)),
    svg("text", { x: LEFT - 6, y: H - BOTTOM, "text-anchor": "end" }, "0"),
    ticks,
    bars,
  );
  const legend = h("ul", { className: "legend" },
    variants.map((v) => h("li", {}, svg("svg", { viewBox: "0 0 10 10", class: "swatch" }, svg("rect", { width: 10, height: 10, fill: colour(v) })), v)));
  return h("figure", { className: "chart" }, chart, legend);
}
