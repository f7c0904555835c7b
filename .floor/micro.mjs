// CPU per operation inside workerd: one request runs an op N times; workerd CPU delta / N.
import { Miniflare } from 'miniflare';
import { cpuUs, descendants, commandLine } from '../bench/requests/proc.mjs';
import path from 'node:path';
const script = `
const names = ['authorization','x-api-key','if-none-match','if-match','origin'];
const pre = new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare' });
const pre3 = new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' });
const tmpl = new Response(null, { status: 200, headers: pre3 });
const dec = new TextDecoder(); const bytes80 = new TextEncoder().encode('{"status":"success","message":"","data":{"api":"v1","service":"flagport"}}');

const pairs = [['content-type','application/json; charset=utf-8'],['x-flagport-provider','cloudflare'],['x-request-id','0f0e2b8c-3a7d-4a6e-9b1f-2c3d4e5f6a7b-123']];
const enc = new TextEncoder();
const msgParts = []; for (const [n, v] of pairs) { msgParts.push(n, v); }
const msg = (() => { const chunks = []; const u32 = (x) => chunks.push(x & 255, (x >> 8) & 255, (x >> 16) & 255, x >>> 24); u32(pairs.length); for (const t of msgParts) { const b = enc.encode(t); u32(b.length); chunks.push(...b); } return new Uint8Array(chunks); })();
const jsonBytes = enc.encode(JSON.stringify(Object.fromEntries(pairs)));
function shortString(bytes, start, end) { let out = ''; for (let i = start; i < end; i++) { if (bytes[i] > 0x7f) return dec.decode(bytes.subarray(start, end)); out += String.fromCharCode(bytes[i]); } return out; }
function readPairs() { const view = new DataView(msg.buffer); let at = 0; const u32 = () => { const v = view.getUint32(at, true); at += 4; return v; };
  const str = () => { const l = u32(); const s = shortString(msg, at, at + l); at += l; return s; };
  const headers = []; for (let n = u32(); n > 0; n--) headers.push([str(), str()]);
  const record = {}; for (const [name, value] of headers) record[name] = name in record ? record[name] + ', ' + value : value; return record; }
const ops = {
  pairsRecord: () => readPairs()['x-request-id'].length,
  jsonRecord: () => JSON.parse(dec.decode(jsonBytes))['x-request-id'].length,
  jsonOnly: () => JSON.parse('{"content-type":"application/json; charset=utf-8","x-flagport-provider":"cloudflare","x-request-id":"0f0e2b8c-3a7d-4a6e-9b1f-2c3d4e5f6a7b-123"}')['x-request-id'].length,

  prebuilt3: () => new Response('{"a":1}', { status: 200, headers: pre3 }).status,
  preset: () => { const r = new Response('{"a":1}', { status: 200, headers: pre }); r.headers.set('x-request-id', 'abc-1'); return r.status; },
  tmpl: () => new Response('{"a":1}', tmpl).status,
  decode80: () => dec.decode(bytes80).length,
  resp3str80: () => new Response(dec.decode(bytes80), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' } }).status,
  resp3u8_80: () => new Response(bytes80.slice(), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' } }).status,
  resp3buf80: () => new Response(bytes80.buffer.slice(0), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' } }).status,
  hdrsObjInit: () => new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' }).has('a'),
  resp0h: () => new Response('{"a":1}', { status: 200 }).status,

  none: () => 0,
  spread: (r) => [...r.headers].length,
  get5: (r) => { let n = 0; for (const k of names) if (r.headers.get(k) !== null) n++; return n; },
  forof: (r) => { let n = 0; for (const [k, v] of r.headers) n += k.length; return n; },
  resp3rec: () => new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' } }).status,
  resp1rec: () => new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }).status,
  resp0: () => new Response('{"a":1}').status,
  resp3bytes: () => new Response(new Uint8Array(80), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-flagport-provider': 'cloudflare', 'x-request-id': 'abc-1' } }).status,
  resp3hdrs: () => { const h = new Headers(); h.set('content-type', 'application/json; charset=utf-8'); h.set('x-flagport-provider', 'cloudflare'); h.set('x-request-id','abc-1'); return new Response('{"a":1}', { status: 200, headers: h }).status; },
  url: (r) => r.url.length,
  method: (r) => r.method.length,
  body: (r) => r.body === null ? 0 : 1,
  cfray: (r) => r.headers.get('cf-ray') === null ? 0 : 1,
};
export default { async fetch(request) {
  const u = new URL(request.url); const op = ops[u.searchParams.get('op')]; const n = Number(u.searchParams.get('n'));
  let s = 0; for (let i = 0; i < n; i++) s += op(request);
  return new Response(String(s));
} };`;
const before = new Set(descendants());
const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] });
const url = (await mf.unsafeGetDirectURL()).href.replace(/\/$/, '');
const pid = descendants().find((p) => !before.has(p) && path.basename(commandLine(p)[0] ?? '') === 'workerd');
const headers = { authorization: 'Bearer fpk_bench_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'content-type': 'application/json', 'user-agent': 'x' };
const N = 20000;
const ops = process.argv.slice(2);
const res = {};
for (let round = 0; round < 5; round++) for (const op of ['none', ...ops]) {
  const a = cpuUs(pid);
  const r = await fetch(`${url}/?op=${op}&n=${N}`, { headers }); await r.text();
  const b = cpuUs(pid);
  (res[op] ??= []).push((b - a) / N);
}
for (const [op, v] of Object.entries(res)) { v.sort((x, y) => x - y); console.log(op.padEnd(12), v[2].toFixed(3), 'µs'); }
await mf.dispose();
