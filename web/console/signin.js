// Sign-in: the token is checked with GET /v1/me before it is kept.
import { api, explain } from "./api.js";
import { session } from "./session.js";
import { h, notice } from "./dom.js";

export function signInView(onSignedIn) {
  const token = h("input", { id: "token", type: "password", autocomplete: "off", required: true, spellcheck: false });
  const status = h("div");
  const form = h(
    "form",
    { className: "card signin" },
    h("h1", {}, "Sign in"),
    h("p", {}, "Paste an access token (fpt_…) or the admin token. It stays in this tab only."),
    h("label", { htmlFor: "token" }, "Token"),
    token,
    h("button", { type: "submit" }, "Sign in"),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    session.signIn(token.value.trim());
    try {
      onSignedIn(await api("GET", "/v1/me"));
    } catch (error) {
      session.signOut();
      status.replaceChildren(notice("error", explain(error)));
    }
  });
  return form;
}
