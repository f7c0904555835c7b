import { FlagdCore } from '@openfeature/flagd-core';
const silent = { error() {}, warn() {}, info() {}, debug() {} };
for (const arg of [null, 5, 0, "abc", "", true, false, [], [null], {"var":"email"}, {"var":"zero"}, {"throw":"x"}]) {
  const core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
  core.setConfigurations(JSON.stringify({flags:{f:{state:'ENABLED',variants:{a:true},defaultVariant:'a',targeting:{"try":arg}}}}));
  let out; try { out = JSON.stringify(core.getFlag('f')._targeting.evaluate('f', {email:"e@x", zero: 0}, silent)); } catch (e) { out = 'threw ' + e.message; }
  console.log(JSON.stringify(arg), '->', out);
}
