// Writes the seed inputs of every fuzz target from the tests' own material: the string
// literals of the unit tests, the Lambda event fixtures, the end-to-end flag sets and the
// differential suite's generator. The committed corpora (fuzz/corpus/<target>) are these
// seeds minimised with -merge=1 together with what fuzzing found:
//   node fuzz/seeds.mjs build/fuzz/seeds && scripts/fuzz merge TARGET build/fuzz/seeds/TARGET
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? join(root, "build/fuzz/seeds");
const seeds = {};
const add = (target, bytes) => {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  if (buffer.length > 4096) return;
  (seeds[target] ??= new Map()).set(createHash("sha1").update(buffer).digest("hex"), buffer);
};

// --- the unit tests' string literals: raw strings, and runs of adjacent C literals
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
}
function unescapeC(body) {
  return Buffer.from(body.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (_, e) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return { n: "\n", r: "\r", t: "\t", 0: "\0", '"': '"', "\\": "\\", "'": "'" }[e] ?? e;
  }), "latin1");
}
function literals(source) {
  const found = [];
  const token = /R"([^(\s]*)\(([\s\S]*?)\)\1"|"((?:[^"\\\n]|\\.)*)"/g;
  let run = null, runEnd = -1;
  for (let m; (m = token.exec(source));) {
    const bytes = m[2] !== undefined ? Buffer.from(m[2]) : unescapeC(m[3]);
    const between = source.slice(runEnd, m.index);
    if (run && /^\s*$/.test(between)) run = Buffer.concat([run, bytes]);
    else {
      if (run) found.push(run);
      run = bytes;
    }
    runEnd = token.lastIndex;
  }
  if (run) found.push(run);
  return found;
}
const isJson = (b) => { try { JSON.parse(b.toString()); return true; } catch { return false; } };
const parse = (b) => JSON.parse(b.toString());
const unitFiles = walk(join(root, "tests/unit")).filter((f) => f.endsWith(".cpp") || f.endsWith(".hpp"));
const all = new Map(unitFiles.map((f) => [f, literals(readFileSync(f, "latin1"))]));
const from = (pattern) => [...all].filter(([f]) => pattern.test(f)).flatMap(([, l]) => l);

const jsonish = [...all.values()].flat().filter((b) => /^\s*[[{"\dtfn-]/.test(b.toString("latin1")) && b.length > 1);
for (const b of jsonish) add("json_reader", b), add("json_minified", b);

// flag sets: literals that load as JSON with "flags", the e2e sets, generated ones
const flagSets = [...all.values()].flat().filter((b) => b.includes('"flags"'));
const e2e = await Promise.all(["fixtures.mjs", "evaluation-scenario.mjs", "openfeature-flags.mjs"].map(
  (f) => import(join(root, "tests/e2e", f))));
for (const module of e2e)
  for (const value of Object.values(module)) {
    const set = typeof value === "function" && value.length <= 1 && value.name === "flagSet" ? value() : value;
    if (set && typeof set === "object" && set.flags) flagSets.push(Buffer.from(JSON.stringify(set, null, 1)));
  }
const { Generator } = await import(join(root, "tests/differential/generator.mjs"));
const generator = new Generator(20261206);
for (let i = 0; i < 200; i++) flagSets.push(Buffer.from(JSON.stringify(generator.flagSet())));
for (const b of flagSets) {
  add("flag_set", b);
  for (const choice of [1, 2, 5, 6, 8]) add("flag_patch", Buffer.concat([b, Buffer.from([0, 0, choice])]));
}

// rules and contexts: each rule literal with the context literal after it; the targeting
// of the flag sets with generated contexts
const contexts = [];
for (let i = 0; i < 100; i++) contexts.push(JSON.stringify(generator.context()));
for (const [file, lits] of all) {
  if (!/flags\//.test(file)) continue;
  lits.forEach((b, i) => {
    if (!isJson(b) || typeof parse(b) !== "object" || parse(b) === null) return;
    const next = lits[i + 1] && isJson(lits[i + 1]) && !Array.isArray(parse(lits[i + 1])) &&
      typeof parse(lits[i + 1]) === "object" ? lits[i + 1] : Buffer.from(contexts[i % contexts.length]);
    add("evaluate", Buffer.concat([b, Buffer.from([0]), next]));
    if (!Array.isArray(parse(b))) {
      contexts.push(b.toString());
      add("request_context", `{"context":${b}}`);
    }
  });
}
flagSets.forEach((b, i) => {
  if (!isJson(b)) return;
  for (const flag of Object.values(parse(b).flags ?? {}))
    if (flag && flag.targeting && typeof flag.targeting === "object")
      add("evaluate", `${JSON.stringify(flag.targeting)}\0${contexts[i % contexts.length]}`);
});
for (const b of from(/request_context_test|evaluation_context_test/)) add("request_context", b);
for (const c of contexts.slice(0, 100)) add("request_context", `{"context":${c}}`);

// origins
for (const b of from(/origin/)) add("origin", b);

// Lambda events: the fixtures, and the adapters' tests
const fixtures = join(root, "tests/unit/lambda/fixtures");
for (const f of readdirSync(fixtures)) add("lambda_event", readFileSync(join(fixtures, f)));
for (const b of from(/lambda\/(api_gateway|event|scheduled|sqs_event)/)) if (b.length > 2) add("lambda_event", b);

// Runtime API responses, each in two ways of arriving (the first byte: the piece size - 1)
for (const b of from(/response_parser_test/))
  if (b.toString("latin1").startsWith("HTTP/")) for (const step of [0, 6]) add("runtime_response", Buffer.concat([Buffer.from([step]), b]));

// the wasm boundary's messages
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const i64 = (n) => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(n)); return b; };
const bytes = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
const message = (kind, ...parts) => Buffer.concat([Buffer.from([kind]), ...parts]);
add("wasm_wire", message(0, u32(2), bytes("CACHE_TTL_SECONDS"), bytes("5"), bytes("ADMIN_TOKEN"), bytes("t")));
add("wasm_wire", message(1, bytes("POST"), bytes("/v1/projects/shop/evaluate/f"), bytes(""), u32(2),
  bytes("authorization"), bytes("Bearer t"), bytes("accept"), bytes("a"), bytes('{"context":{}}'), Buffer.from([0]), bytes("r-1"),
  i64(1767225600000)));
add("wasm_wire", message(2, bytes("shop"), bytes("publish"), bytes('{"flags":{}}'), bytes("r-2"), i64(1)));
add("wasm_wire", message(3, bytes("shop"), bytes("r-3"), i64(-1)));
add("wasm_wire", message(4, bytes("r-4")));
add("wasm_wire", message(5, u32(3), Buffer.from([0]), bytes("value"), Buffer.from([1]), bytes(""), Buffer.from([2]), bytes("why")));
add("wasm_wire", message(6, bytes("flagport-insights"), u32(2), bytes("m-1"), bytes('{"v":1,"id":"p-1","projects":[]}'), u32(1),
  bytes("m-2"), bytes("not json"), u32(4), bytes("r-6"), i64(1767225600000)));

for (const [target, map] of Object.entries(seeds)) {
  mkdirSync(join(out, target), { recursive: true });
  for (const [name, buffer] of map) writeFileSync(join(out, target, name), buffer);
  console.log(`${target}: ${map.size} seeds`);
}
