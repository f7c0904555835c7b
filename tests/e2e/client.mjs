// A tiny HTTP client for the suites: every answer with its raw body and parsed envelope.
import { ADMIN_TOKEN } from "./providers.mjs";

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

export async function call(base, method, path, { headers = {}, body, signal } = {}) {
  const init = { method, headers: { ...headers }, signal };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers["content-type"] ??= "application/json";
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let envelope = null;
  try {
    envelope = JSON.parse(text);
  } catch {
    // left null: the assertions say what was expected
  }
  return { status: response.status, headers: response.headers, text, envelope };
}

export const uniqueId = (prefix) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
