// The reference answer for a targeting rule: what @openfeature/flagd-core (the version in
// package.json) in interpreter mode (disableDynamicCodeGeneration, as on Workers; README
// "flagd-core and flagd's specification") makes of each rule given on the command line,
// as the raw targeting result the differential suite compares (tests/differential/).
// Each rule is the `targeting` of a one-flag set on a fresh FlagdCore, so nothing is warmed
// (README item 33). Reads flagd-core's internal `_targeting` field: a tool for
// investigating differences, not an API.
//   node scripts/flagd-rule.mjs [--context JSON] RULE...
//   node scripts/flagd-rule.mjs --context '{"zero":0}' '{"var":"zero"}' '{"cat":[null]}'
// Prints `RULE -> RESULT` per rule (`undefined` as is), `threw MESSAGE` when the rule
// throws, `PARSE_ERROR` when flagd-core could not build the rule (an unknown operator:
// Flagport refuses such a flag set), `no rule` for an empty one, or `refused MESSAGE`
// when flagd-core does not load the flag set at all.
import { FlagdCore } from '@openfeature/flagd-core';

const silent = { error() {}, warn() {}, info() {}, debug() {} };
const args = process.argv.slice(2);
let context = {};
if (args[0] === '--context') {
  context = JSON.parse(args[1]);
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node scripts/flagd-rule.mjs [--context JSON] RULE...');
  process.exit(2);
}
for (const rule of args.map((text) => JSON.parse(text))) {
  const core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
  let out;
  try {
    core.setConfigurations(JSON.stringify({ flags: { f: { state: 'ENABLED', variants: { a: true }, defaultVariant: 'a', targeting: rule } } }));
    const flag = core.getFlag('f');
    if (flag._targetingParseErrorMessage) out = 'PARSE_ERROR';
    else if (!flag._targeting) out = 'no rule';
    else try {
      const result = flag._targeting.evaluate('f', structuredClone(context), silent);
      out = result === undefined ? 'undefined' : JSON.stringify(result);
    } catch (e) {
      out = `threw ${e?.message ?? e}`;
    }
  } catch (e) {
    out = `refused ${e?.message ?? e}`;
  }
  console.log(JSON.stringify(rule), '->', out);
}
