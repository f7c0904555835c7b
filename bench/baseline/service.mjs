// The plain-JS baseline the request benchmarks compare Flagport with (bench only, never
// shipped): the routes the scenarios use (GET /v1/health, OFREP single and bulk), answered
// in the same JSON shape by @openfeature/flagd-core in interpreter mode (the mode Workers
// allow), from the very record Flagport publishes to KV, under Flagport's policy: the
// compiled flag set stays in the isolate / process for CACHE_TTL_MS, then KV is read again
// and the set recompiled only when the revision changed; key digests are remembered.
// The two hosts (worker/, lambda/) only supply the KV read and SHA-256.
import { FlagdCore } from '@openfeature/flagd-core';

const CACHE_TTL_MS = 5000; // Flagport's CACHE_TTL_SECONDS default
const MAX_REMEMBERED_DIGESTS = 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const HEALTH = '{"status":"success","message":"","data":{"api":"v1","service":"flagport"}}';
const BULK_PATH = '/ofrep/v1/evaluate/flags';
const CLIENT_KEY = /^fpk_([a-z0-9-]{1,64})_[A-Za-z0-9_-]{43}$/;
const silent = { error() {}, warn() {}, info() {}, debug() {} };

const answer = (status, body, headers = {}) => ({ status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) });
const failure = (status, details, key, errorCode) => {
  const body = {};
  if (key) body.key = key;
  if (errorCode) body.errorCode = errorCode;
  body.errorDetails = details;
  return answer(status, body);
};

function flagJson(key, r) {
  const out = { key };
  if (r.errorCode) {
    out.errorCode = r.errorCode;
    out.errorDetails = r.errorMessage;
  } else {
    if (r.value !== undefined) out.value = r.value;
    out.reason = r.reason;
    if (r.variant !== undefined) out.variant = r.variant;
  }
  if (r.flagMetadata && Object.keys(r.flagMetadata).length > 0) out.metadata = r.flagMetadata;
  return out;
}

// Same shape as Flagport's bulk ETag (a quoted 64-bit hash of project, version and the
// context in canonical order), with a cheap JS hash: two 32-bit FNV-1a lanes.
function bulkEtag(project, version, context) {
  let text = `${project}\u0000${version}`;
  for (const name of Object.keys(context).sort()) text += `\u0000${name}\u0000${JSON.stringify(context[name])}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return `"${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}"`;
}

export class BaselineService {
  #readRecord;
  #sha256Hex;
  #now;
  #cacheTtlMs;
  #projects = new Map(); // project -> { core, revision, version, keys, fetchedAt }
  #digests = new Map();

  // readRecord(kvKey) -> the record's text or null; sha256Hex(text) -> hex digest.
  constructor({ readRecord, sha256Hex, now = Date.now, cacheTtlMs = CACHE_TTL_MS }) {
    this.#readRecord = readRecord;
    this.#sha256Hex = sha256Hex;
    this.#now = now;
    this.#cacheTtlMs = cacheTtlMs;
  }

  // header(name) -> value or null (names lower case); -> { status, headers, body }.
  async handle(method, path, header, bodyText) {
    if (path === '/v1/health' && method === 'GET') return { status: 200, headers: { 'content-type': JSON_TYPE }, body: HEALTH };
    if (method === 'POST' && path === BULK_PATH) return this.#bulk(header, bodyText);
    if (method === 'POST' && path.startsWith(`${BULK_PATH}/`)) {
      let key;
      try {
        key = decodeURIComponent(path.slice(BULK_PATH.length + 1));
      } catch {
        return failure(400, 'the flag key is not percent-encoded properly', '', 'GENERAL');
      }
      return this.#single(key, header, bodyText);
    }
    return answer(404, { status: 'notFound', message: 'no such route', data: null });
  }

  async #single(key, header, bodyText) {
    const p = await this.#prepare(header, bodyText, key);
    if (p.refusal) return p.refusal;
    const flag = p.project.core?.getFlag(key);
    if (!flag) return failure(404, `flag '${key}' was not found`, key, 'FLAG_NOT_FOUND');
    const r = flag.state === 'DISABLED' ? { reason: 'DISABLED', flagMetadata: flag.metadata } : flag.evaluate(p.context, silent);
    return answer(!r.errorCode ? 200 : r.errorCode === 'FLAG_NOT_FOUND' ? 404 : 400, flagJson(key, r));
  }

  async #bulk(header, bodyText) {
    const p = await this.#prepare(header, bodyText, '');
    if (p.refusal) return p.refusal;
    const etag = bulkEtag(p.name, p.project.version, p.context);
    if (header('if-none-match') === etag) return { status: 304, headers: { etag }, body: '' };
    const core = p.project.core;
    const flags = core ? core.resolveAll(p.context, silent).map((r) => flagJson(r.flagKey, r)) : [];
    return answer(200, { flags, metadata: core ? core.getFlagSetMetadata() : {} }, { etag });
  }

  async #prepare(header, bodyText, key) {
    const bearer = /^Bearer (.+)$/i.exec(header('authorization') ?? '');
    const presented = bearer?.[1] ?? header('x-api-key');
    if (!presented) return { refusal: failure(401, 'missing credentials: send Authorization: Bearer <key> or X-API-Key', key) };
    const name = CLIENT_KEY.exec(presented)?.[1];
    if (!name) return { refusal: failure(403, 'the key is not a client key of this project', key) };
    const project = await this.#published(name);
    if (!project?.keys.includes(await this.#digest(presented))) return { refusal: failure(403, 'the key is unknown or revoked', key) };
    let body;
    try {
      body = bodyText ? JSON.parse(bodyText) : {};
    } catch {
      return { refusal: failure(400, 'the body is not JSON', key, 'INVALID_CONTEXT') };
    }
    const context = body?.context ?? {};
    if (typeof context !== 'object' || Array.isArray(context) || context === null) {
      return { refusal: failure(400, 'context must be an object', key, 'INVALID_CONTEXT') };
    }
    return { name, project, context };
  }

  async #published(name) {
    const now = this.#now();
    const cached = this.#projects.get(name);
    if (cached && now - cached.fetchedAt < this.#cacheTtlMs) return cached;
    const text = await this.#readRecord(`flags:${name}`);
    if (text === null) return null;
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline));
    if (cached && cached.revision === header.revision) {
      cached.fetchedAt = now;
      return cached;
    }
    let core = null;
    if (header.version > 0) {
      core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
      core.setConfigurations(text.slice(newline + 1));
    }
    const entry = { core, revision: header.revision, version: header.version, keys: header.keys, fetchedAt: now };
    this.#projects.set(name, entry);
    return entry;
  }

  async #digest(key) {
    let hex = this.#digests.get(key);
    if (hex === undefined) {
      hex = await this.#sha256Hex(key);
      if (this.#digests.size >= MAX_REMEMBERED_DIGESTS) this.#digests.clear();
      this.#digests.set(key, hex);
    }
    return hex;
  }
}
