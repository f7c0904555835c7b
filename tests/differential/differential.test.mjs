// Differential test: Flagport's evaluator (through the flagport-eval CLI) against
// @openfeature/flagd-core in interpreter mode, on generated flag sets and contexts.
//   FLAGPORT_DIFF_CASES  evaluations to compare (default 20000; raise to millions)
//   FLAGPORT_DIFF_SEED   generator seed (default 20260101)
//   FLAGPORT_EVAL_CLI    path of the CLI (default build/native/tests/differential/flagport-eval)
// Answers are compared as texts: the CLI answers with the production writers' JSON (the
// Flagport API's for single flags, OFREP's for bulk), which must be what JSON.stringify
// writes for flagd-core's result, member order and number spelling included. Load failures
// are compared flag by flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import { FlagdCore } from '@openfeature/flagd-core';
import { Generator } from './generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = process.env.FLAGPORT_EVAL_CLI ?? path.join(root, 'build/native/tests/differential/flagport-eval');
const totalCases = Number(process.env.FLAGPORT_DIFF_CASES ?? 20000);
const seed = Number(process.env.FLAGPORT_DIFF_SEED ?? 20260101);
const CASES_PER_SET = 40;
const SETS_PER_BATCH = 100;
const PROGRESS_EVERY = 100000;  // cases between progress lines on stderr
const SLOW_SET_MS = 2000;       // a flag set whose reference side takes longer is reported
const REFERENCE_TIMEOUT_MS = 20000;  // ... and one it cannot answer in this time is not compared
// Shares of the drawn cases that must really be compared, lest a change to the generator or
// to flagd-core leave the test agreeing about nothing.
const COMPARED_FLOOR = 0.9;       // evaluations and bulk answers compared
const ORDER_FLOOR = 0.02;         // ... whose value or metadata is an object that sorting would change

const silentLogger = { error() {}, warn() {}, info() {}, debug() {} };
const TYPES = ['boolean', 'string', 'number', 'object'];
const DEFAULTS = { boolean: false, string: '<default>', number: -424242, object: { default: true } };

// One long-lived CLI: requests go in as lines, answers come back in order.
class Cli {
  constructor(file) {
    this.child = spawn(file, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.waiting = [];
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()(JSON.parse(line)));
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
  }
  batch(requests) {
    const answers = requests.map(() => new Promise((resolve) => this.waiting.push(resolve)));
    this.child.stdin.write(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return Promise.all(answers);
  }
  async close() {
    this.child.stdin.end();
    return this.exited;
  }
}

// -> { core, refused, unsettled }. `unsettled`: the keys of flags whose answer changes from
// flagd-core's first evaluation to its second (json-logic-engine finishes preparing some rules,
// e.g. a constant `try` that throws, only after a first run), so no stateless evaluator can give
// both; their cases are not compared, only counted, and Flagport must still answer them.
function referenceLoad(text) {
  const core = newCore();
  try {
    core.setConfigurations(text);
  } catch {
    return { core: null, refused: true, failing: failingFlags(text) };
  }
  const unsettled = new Set();
  const outcome = heldClock(() => {
    for (const [key, flag] of core.getFlags()) {
      const first = flagEvaluate(flag, {});
      // Flagport refuses at load what flagd-core answers PARSE_ERROR for at evaluation.
      if (first.errorCode === 'PARSE_ERROR') return failingFlags(text);
      if (!util.isDeepStrictEqual(first, flagEvaluate(flag, {}))) unsettled.add(key);
    }
    return false;
  });
  return { core, refused: outcome.value !== false, failing: outcome.value || null, unsettled };
}

// The flags flagd-core cannot serve, each tried in a set of its own (it stops at the first
// it refuses): refused at load, or answered PARSE_ERROR. null when the failure is the
// document's, not a flag's.
function newCore() {
  return new FlagdCore(undefined, silentLogger, { disableDynamicCodeGeneration: true });
}
function failingFlags(text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    return null;
  }
  if (!document?.flags || typeof document.flags !== 'object') return null;
  const failing = new Set();
  for (const key of Object.keys(document.flags)) {
    const core = newCore();
    try {
      core.setConfigurations(JSON.stringify({ ...document, flags: { [key]: document.flags[key] } }));
    } catch {
      failing.add(key);
      continue;
    }
    if (flagEvaluate(core.getFlag(key), {}).errorCode === 'PARSE_ERROR') failing.add(key);
  }
  return failing.size ? failing : null;
}

// The flags Flagport's load errors are about: those their paths name (/flags/<key>/...),
// and those whose targeting reaches an evaluator a path names (/$evaluators/<name>/...).
function flagsNamed(errors, text) {
  const unescape = (segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~');
  const keys = new Set();
  const evaluators = new Set();
  for (const { path } of errors ?? []) {
    const [, top, name] = path.split('/');
    if (name === undefined) continue;
    if (top === 'flags') keys.add(unescape(name));
    if (top === '$evaluators') evaluators.add(unescape(name));
  }
  if (evaluators.size) {
    const document = JSON.parse(text);
    const refs = (rule, seen = new Set()) => {
      if (Array.isArray(rule)) return rule.some((item) => refs(item, seen));
      if (!rule || typeof rule !== 'object') return false;
      if (typeof rule.$ref === 'string') {
        if (evaluators.has(rule.$ref)) return true;
        if (seen.has(rule.$ref)) return false;
        seen.add(rule.$ref);
        return refs(document.$evaluators?.[rule.$ref], seen);
      }
      return Object.values(rule).some((item) => refs(item, seen));
    };
    for (const [key, flag] of Object.entries(document.flags)) if (refs(flag.targeting)) keys.add(key);
  }
  return keys;
}

// A rule that throws null or undefined (json-logic-engine's `throw` of null, `try` with no
// arguments) makes flagd-core's own error handler throw (it reads `e.message`): the
// exception leaves resolve(). An OpenFeature SDK reports a provider that throws as
// ERROR/GENERAL, which is what Flagport answers.
function thrownOut(flag) {
  return { reason: 'ERROR', errorCode: 'GENERAL', flagMetadata: flag.metadata };
}

function flagEvaluate(flag, context) {
  try {
    return flag.evaluate(context, silentLogger);
  } catch {
    return thrownOut(flag);
  }
}

function referenceResolve(core, type, key, context) {
  try {
    return core.resolve(type, key, DEFAULTS[type], context, silentLogger);
  } catch {
    return { value: DEFAULTS[type], ...thrownOut(core.getFlag(key)) };
  }
}

// The raw result of a targeting rule in JSON, with what JSON cannot carry spelled out.
function encode(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { number: 'NaN' };
    if (!Number.isFinite(value)) return { number: value > 0 ? 'Infinity' : '-Infinity' };
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function referenceRule(core, key, context) {
  const targeting = core.getFlag(key)?._targeting;
  if (!targeting) return null;
  try {
    return { threw: false, result: encode(targeting.evaluate(key, context, silentLogger)) };
  } catch {
    return { threw: true };
  }
}

// What flagd-core answers for one drawn case, and the second it answered in ($flagd.timestamp).
// The clock is held for the whole case: flagd-core reads Date.now() for each evaluation, and
// a rule that answers $flagd.timestamp must not see two seconds where Flagport is given one.
function referenceCase(core, { kind, contextText, flag, type }) {
  const { now, value } = heldClock(() => {
    if (kind === 'all') {
      // every flag, as flagd-core answers it alone (its resolveAll leaves some out: see evaluation.hpp)
      const context = JSON.parse(contextText);
      const all = [...core.getFlags()].map(([key, flag]) => ({
        key,
        ...shape(flag.state === 'DISABLED' ? { reason: 'DISABLED', flagMetadata: flag.metadata } : flagEvaluate(flag, context)),
      }));
      return { all, metadata: core.getFlagSetMetadata() };
    }
    const rule = referenceRule(core, flag, JSON.parse(contextText));
    const resolution = referenceResolve(core, type, flag, JSON.parse(contextText));
    if (resolution.variant === undefined) assert.deepEqual(resolution.value, DEFAULTS[type]);
    return { rule, resolution: shape(resolution) };
  });
  return { now, ...value };
}

// work() with Date.now() held at the start of the current second -> { now (seconds), value }.
function heldClock(work) {
  const realNow = Date.now;
  const now = Math.floor(realNow() / 1000);
  Date.now = () => now * 1000;
  try {
    return { now, value: work() };
  } finally {
    Date.now = realNow;
  }
}

// flagd-core's work, stopped after REFERENCE_TIMEOUT_MS: json-logic-engine's `val` climbs
// its scopes one step per loop turn, so a climb by 2^53 (`{"val":[[{"var":"n"}],…]}` with a
// huge n in the context) never ends there, where Flagport answers at once.
// -> { value } or { timedOut: true }.
const guardedScript = new vm.Script('flagportDifferentialGuarded()');
function guarded(work) {
  globalThis.flagportDifferentialGuarded = work;
  const realNow = Date.now;  // a script stopped by the timeout runs no finally: heldClock's is redone here
  try {
    return { value: guardedScript.runInThisContext({ timeout: REFERENCE_TIMEOUT_MS }) };
  } catch (error) {
    if (error?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: true };
    throw error;
  } finally {
    delete globalThis.flagportDifferentialGuarded;
    Date.now = realNow;
  }
}

function shape(resolution) {
  const out = {};
  if (resolution.variant !== undefined) {
    out.value = resolution.value;
    out.variant = resolution.variant;
  }
  out.reason = resolution.reason;
  if (resolution.errorCode !== undefined) out.errorCode = resolution.errorCode;
  out.metadata = resolution.flagMetadata ?? {};
  return out;
}

// The texts the writers must produce for flagd-core's result `s` (shaped), errorDetails aside:
// the Flagport API's single answer, OFREP's answer for one flag.
function apiText(key, s, details) {
  const o = {};
  if (s.errorCode !== undefined) Object.assign(o, { errorCode: s.errorCode, errorDetails: details });
  const resolved = 'variant' in s;
  Object.assign(o, { key, metadata: s.metadata, reason: s.reason, value: resolved ? s.value : null, variant: resolved ? s.variant : null });
  return JSON.stringify(o);
}
function ofrepText(key, s, details) {
  const o = { key };
  if (s.errorCode !== undefined) Object.assign(o, { errorCode: s.errorCode, errorDetails: details });
  else if ('variant' in s) Object.assign(o, { value: s.value, reason: s.reason, variant: s.variant });
  else o.reason = s.reason;
  if (Object.keys(s.metadata).length) o.metadata = s.metadata;
  return JSON.stringify(o);
}

// Whether writing `s`'s value or metadata with sorted members would change its text.
function sortingMatters(s) {
  const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object'
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return [s.value, s.metadata].some((v) => v && typeof v === 'object' && JSON.stringify(v) !== JSON.stringify(sorted(v)));
}

function ours(answer) {
  const out = {};
  if (answer.variant !== undefined && answer.variant !== null) {
    out.value = answer.value;
    out.variant = answer.variant;
  }
  out.reason = answer.reason;
  if (answer.errorCode !== undefined) out.errorCode = answer.errorCode;
  out.metadata = answer.metadata ?? {};
  return out;
}

test(`flagport-eval agrees with flagd-core (interpreter mode) on ${totalCases} cases, seed ${seed}`, async () => {
  const generator = new Generator(seed);
  const cli = new Cli(cliPath);
  let compared = 0;
  let setId = 0;
  let loadsCompared = 0;
  let loadsRefused = 0;
  let rulesCompared = 0;
  let loadErrorsCompared = 0;  // refused flag sets whose errors were compared flag by flag
  let orderSensitive = 0;      // answers whose text sorting members would have changed
  let unsettledCases = 0;  // evaluations of flags flagd-core answers differently once warmed
  const unanswered = [];  // ids of the flag sets flagd-core could not answer in time
  const outcomes = {};
  const count = (r) => {
    const key = `${r.reason}${r.errorCode ? `/${r.errorCode}` : ''}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  };
  const started = Date.now();
  let nextProgress = PROGRESS_EVERY;
  try {
    while (compared + unsettledCases < totalCases) {
      const requests = [];
      const expectations = [];
      let pending = 0;  // evaluations in this batch
      for (let s = 0; s < SETS_PER_BATCH && compared + unsettledCases + pending < totalCases; s++) {
        const text = generator.flagSet();
        const id = setId++;
        const setStarted = Date.now();
        const reference = guarded(() => referenceLoad(text));
        requests.push({ op: 'load', set: id, config: text });
        if (reference.timedOut) {
          unanswered.push(id);
          expectations.push({ kind: 'unanswered', text });
          continue;
        }
        expectations.push({ kind: 'load', refused: reference.value.refused, failing: reference.value.failing, text });
        if (reference.value.refused) continue;
        const { core, unsettled } = reference.value;
        // The cases are drawn before flagd-core answers any, so a set it cannot answer in
        // time changes nothing that follows.
        const keys = [...core.getFlags().keys()];
        const cases = Array.from({ length: CASES_PER_SET }, () => {
          const contextText = JSON.stringify(generator.context());
          if (generator.chance(0.1)) return { kind: 'all', contextText };
          const flag = generator.chance(0.03) ? 'no-such-flag' : generator.pick(keys);
          const variants = core.getFlag(flag)?.variants;
          const someValue = variants ? generator.pick([...variants.values()]) : undefined;
          const type = generator.chance(0.75) && someValue !== undefined ? typeof someValue : generator.pick(TYPES);
          return { kind: 'eval', contextText, flag, type };
        });
        const answered = guarded(() => cases.map((c) => referenceCase(core, c)));
        for (const [i, c] of cases.entries()) {
          const r = answered.timedOut ? null : answered.value[i];
          const now = r ? r.now : Math.floor(Date.now() / 1000);
          if (c.kind === 'all') {
            requests.push({ op: 'all', set: id, context: c.contextText, now });
            expectations.push(r ? { kind: 'all', expected: r.all, metadata: r.metadata, unsettled, text, contextText: c.contextText } : { kind: 'unanswered', text });
            pending++;
            continue;
          }
          if (unsettled.has(c.flag)) {
            requests.push({ op: 'eval', set: id, flag: c.flag, type: c.type === 'number' ? 'float' : c.type, context: c.contextText, now });
            expectations.push({ kind: 'unsettled', text });
            pending++;
            continue;
          }
          if (r?.rule) {
            requests.push({ op: 'rule', set: id, flag: c.flag, context: c.contextText, now });
            expectations.push({ ...c, kind: 'rule', expected: r.rule, text });
          }
          requests.push({ op: 'eval', set: id, flag: c.flag, type: c.type === 'number' ? 'float' : c.type, context: c.contextText, now });
          expectations.push(r ? { ...c, kind: 'eval', expected: r.resolution, text } : { kind: 'unanswered', text });
          pending++;
        }
        if (answered.timedOut) unanswered.push(id);
        const setMs = Date.now() - setStarted;
        if (setMs > SLOW_SET_MS) process.stderr.write(`differential: flag set ${id} took flagd-core ${setMs} ms${answered.timedOut ? ' and was not answered' : ''}: ${text.slice(0, 2000)}\n`);
      }
      const answers = await cli.batch(requests);
      answers.forEach((answer, i) => {
        const e = expectations[i];
        const where = `flag set ${e.text}\ncontext ${e.contextText}\nflag ${e.flag} type ${e.type}`;
        if (e.kind === 'unanswered' || e.kind === 'unsettled') {
          // flagd-core could not answer in time, or answers differently once warmed: Flagport must still answer
          assert.equal(typeof answer, 'object', `no answer from flagport-eval\n${e.text}`);
          if (e.kind === 'unsettled') unsettledCases++;
        } else if (e.kind === 'load') {
          assert.equal(!answer.ok, e.refused, `load disagrees (flagd-core refused: ${e.refused}) ${JSON.stringify(answer.errors)}\n${e.text}`);
          loadsCompared++;
          if (e.refused) loadsRefused++;
          if (e.failing) {
            assert.deepStrictEqual(flagsNamed(answer.errors, e.text), e.failing, `the load errors name other flags than flagd-core fails on: ${JSON.stringify(answer.errors)}\n${e.text}`);
            loadErrorsCompared++;
          }
        } else if (e.kind === 'rule') {
          assert.deepStrictEqual(answer, e.expected, `${where}\nflagport  ${JSON.stringify(answer)}\nflagd-core ${JSON.stringify(e.expected)}`);
          rulesCompared++;
        } else if (e.kind === 'all') {
          const { entries } = answer;
          assert.equal(answer.text, `{"flags":[${entries.join(',')}],"metadata":${JSON.stringify(e.metadata)}}`, where);
          assert.deepStrictEqual(entries.map((text) => JSON.parse(text).key), e.expected.map(({ key }) => key), where);
          e.expected.forEach(({ key, ...expected }, i) => {
            if (e.unsettled.has(key)) return;
            const mine = JSON.parse(entries[i]);
            assert.equal(entries[i], ofrepText(key, expected, mine.errorDetails), `${where}\nflag ${key}`);
            if (sortingMatters(expected)) orderSensitive++;
          });
          compared++;
        } else {
          const mine = JSON.parse(answer.text);
          count(e.expected);
          // as JSON carries it (-0 is 0), field by field first for a readable difference, then as text
          const expected = JSON.parse(JSON.stringify(e.expected));
          assert.deepStrictEqual(ours(mine), expected, `${where}\nflagport  ${JSON.stringify(ours(mine))}\nflagd-core ${JSON.stringify(expected)}`);
          assert.equal(answer.text, apiText(e.flag, e.expected, mine.errorDetails), where);
          if (sortingMatters(e.expected)) orderSensitive++;
          compared++;
        }
      });
      if (compared >= nextProgress) {
        process.stderr.write(`differential: ${compared} cases agree (flag set ${setId}), ${Math.round((Date.now() - started) / 1000)} s\n`);
        nextProgress += PROGRESS_EVERY;
      }
    }
  } finally {
    await cli.close();
  }
  console.log(`differential: ${compared} evaluations and ${loadsCompared} flag-set loads (${loadsRefused} refused by both, ${loadErrorsCompared} with the same failing flags) and ${rulesCompared} raw targeting results agree, seed ${seed}`);
  console.log(`${orderSensitive} answers had an object value or metadata whose member order was compared`);
  console.log(`outcomes: ${JSON.stringify(outcomes)}`);
  if (unsettledCases > 0) console.log(`${unsettledCases} evaluations not compared: flagd-core's first and second answers differ for their flag`);
  if (unanswered.length > 0) console.log(`flag sets flagd-core could not answer in ${REFERENCE_TIMEOUT_MS} ms (Flagport answered them): ${unanswered.join(', ')}`);
  assert.ok(compared >= COMPARED_FLOOR * totalCases, `only ${compared} of ${totalCases} cases were compared`);
  assert.ok(orderSensitive >= ORDER_FLOOR * compared, `only ${orderSensitive} answers had a member order to compare`);
  assert.ok(loadErrorsCompared > 0, 'no refused flag set had its errors compared');
});
