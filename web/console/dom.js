// Elements built as nodes, never from markup strings: nothing the API returns is parsed as
// HTML, and no inline style or script exists for the CSP to refuse.
function fill(el, props, children) {
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  // Properties after the children, so that a <select>'s value finds its options.
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name in el && !(el instanceof SVGElement)) el[name] = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  return el;
}

export const h = (tag, props, ...children) => fill(document.createElement(tag), props, children);

export const svg = (tag, props, ...children) =>
  fill(document.createElementNS("http://www.w3.org/2000/svg", tag), props, children);

// kind: ok, error or info; errors are announced to screen readers at once.
export const notice = (kind, ...text) =>
  h("p", { className: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, ...text);

export const json = (value) => h("pre", { className: "json" }, JSON.stringify(value, null, 2));

export const time = (ms) => (ms == null ? "" : new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z"));
