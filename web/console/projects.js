// The projects the token may see, and a way to open one by name (a new one starts in the editor).
import { api } from "./api.js";
import { h, notice } from "./dom.js";

export async function projectsView() {
  const { projects } = await api("GET", "/v1/projects");
  const name = h("input", { id: "new-project", required: true, pattern: "[a-z0-9-]{1,64}", placeholder: "project-name" });
  const open = h("form", { className: "inline" }, name, h("button", { type: "submit" }, "Open"));
  open.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/p/${encodeURIComponent(name.value)}/edit`;
  });
  return h(
    "section",
    { className: "card" },
    h("h1", {}, "Projects"),
    projects.length === 0
      ? notice("info", "No projects yet: a project appears once a flag set is published to it.")
      : h("ul", { className: "projects" },
          projects.map((p) => h("li", {}, h("a", { href: `#/p/${encodeURIComponent(p)}/flags` }, p)))),
    h("h2", {}, "Open or start a project"),
    open,
  );
}
