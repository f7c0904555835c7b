import { FlagdCore } from '@openfeature/flagd-core';
import { Generator } from '../tests/differential/generator.mjs';
import { writeSync } from 'node:fs';
const seed = Number(process.argv[2]); const from = Number(process.argv[3]);
const silent = { error() {}, warn() {}, info() {}, debug() {} };
const TYPES = ['boolean', 'string', 'number', 'object'];
const DEFAULTS = { boolean: false, string: '<default>', number: -424242, object: { default: true } };
const g = new Generator(seed);
const log = (s) => writeSync(2, s + '\n');
const ev = (f, c) => { try { return f.evaluate(c, silent); } catch { return { errorCode: 'GENERAL' }; } };
for (let id = 0; ; id++) {
  const text = g.flagSet();
  const verbose = id >= from;
  if (verbose) log(`set ${id} ${text}`);
  const core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: true });
  let refused = false;
  try { core.setConfigurations(text); } catch { refused = true; }
  if (!refused) for (const flag of core.getFlags().values()) if (ev(flag, {}).errorCode === 'PARSE_ERROR') { refused = true; break; }
  if (refused) continue;
  const keys = [...core.getFlags().keys(), 'no-such-flag'];
  for (let c = 0; c < 40; c++) {
    const context = g.context(); const ct = JSON.stringify(context);
    if (g.chance(0.1)) { if (verbose) log(` all ${ct}`); core.resolveAll(JSON.parse(ct), silent); continue; }
    const flag = g.chance(0.03) ? 'no-such-flag' : g.pick(keys.slice(0, -1));
    const variants = core.getFlag(flag)?.variants;
    const someValue = variants ? g.pick([...variants.values()]) : undefined;
    const type = g.chance(0.75) && someValue !== undefined ? typeof someValue : g.pick(TYPES);
    if (verbose) log(` eval ${flag} ${type} ${ct}`);
    const t = core.getFlag(flag)?._targeting;
    if (t) { try { t.evaluate(flag, JSON.parse(ct), silent); } catch {} }
    try { core.resolve(type, flag, DEFAULTS[type], JSON.parse(ct), silent); } catch {}
  }
}
