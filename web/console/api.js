// The admin API: every answer is the envelope {status, message, data}; anything but success
// becomes an ApiError carrying the envelope's status and data (errors, currentVersion...).
import { session } from "./session.js";

export class ApiError extends Error {
  constructor(httpStatus, envelope) {
    super(envelope?.message || `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = envelope?.status ?? "error";
    this.data = envelope?.data ?? null;
  }
}

// body: a string is sent as written (the flag-set editor's text), anything else as JSON.
// ifMatch: the flag-set version the change is based on.
export async function api(method, path, { body, ifMatch } = {}) {
  const headers = { authorization: `Bearer ${session.token()}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (ifMatch !== undefined) headers["if-match"] = `"${ifMatch}"`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined || typeof body === "string" ? body : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  const envelope = await response.json().catch(() => null);
  if (!response.ok || envelope?.status !== "success") throw new ApiError(response.status, envelope);
  return envelope.data;
}

export const projectPath = (project, rest = "") => `/v1/projects/${encodeURIComponent(project)}${rest}`;

// What to tell the person when a call failed.
export function explain(error) {
  if (!(error instanceof ApiError)) return `Could not reach Flagport: ${error.message}`;
  if (error.status === "conflict" && error.data?.currentVersion !== undefined)
    return `Someone else changed this project's flags first: it is now at version ${error.data.currentVersion}. ` +
      "Nothing was saved. Reload to see their change, then make yours again.";
  if (error.status === "notAuthenticated") return "This token is not valid (any more). Sign in again.";
  if (error.status === "unauthorized") return `Your token may not do this: ${error.message}`;
  return error.message;
}
