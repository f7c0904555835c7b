// The console's shell: sign-in, then hash routes #/projects and #/p/<project>/<tab>, each tab
// a view module that builds its section from the admin API.
import { api, explain, ApiError } from "./api.js";
import { session } from "./session.js";
import { h, notice } from "./dom.js";
import { signInView } from "./signin.js";
import { projectsView } from "./projects.js";
import { flagsView } from "./flags.js";
import { editorView } from "./editor.js";
import { versionsView } from "./versions.js";
import { auditView } from "./audit.js";
import { insightsView } from "./insights.js";
import { tryItView } from "./try-it.js";

const TABS = [
  ["flags", "Flags", flagsView],
  ["edit", "Edit", editorView],
  ["versions", "Versions", versionsView],
  ["audit", "Audit log", auditView],
  ["insights", "Insights", insightsView],
  ["try", "Try it", tryItView],
];

const view = document.getElementById("view");
const who = document.getElementById("who");
const signOut = document.getElementById("sign-out");
// A message that outlives one render, e.g. "saved" shown above the reloaded tab.
let pending = null;
// Renders overlap when tabs are clicked quickly: only the latest may fill the page.
let latest = 0;
// Who signed in (GET /v1/me); a reader's pages offer no changes. Unknown: the server decides.
let identity = null;

function showIdentity(me) {
  identity = me;
  const actor = me?.actor?.kind === "token" ? me.actor.name : me?.actor?.kind;
  who.textContent = me ? `${actor} · ${me.role}` : "";
  signOut.hidden = !me;
}

// A hash typed by hand may hold a stray '%': it is then taken as written.
function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

// A tab's content, or what went wrong building it.
async function attempt(build) {
  try {
    return await build();
  } catch (error) {
    if (error instanceof ApiError && error.status === "notAuthenticated") session.signOut();
    return notice("error", explain(error));
  }
}

async function render() {
  if (!session.token()) {
    showIdentity(null);
    view.replaceChildren(signInView((me) => {
      showIdentity(me);
      render();
    }));
    return;
  }
  const [section, project, tab = "flags"] = location.hash.replace(/^#\/?/, "").split("/").map(decode);
  const said = pending;
  pending = null;
  const say = (kind, text) => (pending = [kind, text]);
  const ticket = ++latest;
  view.replaceChildren(notice("info", "Loading…"));
  if (section !== "p" || !project) {
    const content = await attempt(projectsView);
    if (ticket === latest) view.replaceChildren(content);
    return;
  }
  const [, , build] = TABS.find(([name]) => name === tab) ?? TABS[0];
  const canWrite = identity?.role !== "reader";
  const content = await attempt(() => build({ project, rerender: render, say, canWrite }));
  if (ticket !== latest) return;
  const tabs = h("nav", { className: "tabs" }, TABS.map(([name, label]) =>
    h("a", { href: `#/p/${encodeURIComponent(project)}/${name}`, className: name === tab ? "active" : null }, label)));
  view.replaceChildren(h("h1", {}, project), tabs, ...(said ? [notice(...said)] : []), content);
}

signOut.addEventListener("click", () => {
  session.signOut();
  location.hash = "";
  render();
});
window.addEventListener("hashchange", render);

if (session.token()) showIdentity(await api("GET", "/v1/me").catch(() => null));
render();
