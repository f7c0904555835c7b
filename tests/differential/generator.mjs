// Seeded generator of flagd flag sets, contexts and evaluation cases for the differential
// test. Same seed, same cases. It aims at the corners: every operator, nesting, wrong
// types, missing keys, empty strings, unicode, huge and negative numbers.

// Object members of variant values and metadata, in the order they are drawn: never sorted.
// "#2" is written "2" (respell below) after the other members, where JSON.parse moves it first.
const OBJECT_KEYS = ['zeta', 'alpha', 'b', 'a', 'Z', 'x y', 'ñ', '😀', '', '#10', '#2', '#01', '#-1', '#4294967294',
  '#4294967295'];
// Numbers as a person may write them, which JSON.stringify would not: "#num:1.0" is written 1.0.
const SPELLINGS = ['1.0', '1e2', '-0', '-0.0', '1E+2', '0.10', '12345678901234567890', '2.50', '1e-7', '100e-2', '1e21'];
const respell = (text) => text.replace(/"#num:([^"]*)"/g, '$1').replace(/"#(-?\d+)":/g, '"$1":');

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', 'a', 'abc', 'ABC', 'user-1', 'user-2', 'ñandú', '日本語', '😀x', 'x😀', 'a.b', '1', '0', '-1', '1e3',
  ' 2 ', '0x1f', 'true', 'null', 'on', 'off', 'red', 'blue', '1.2.3', 'v1.2', '1.2', '2.0.0-beta.1', '2.0.0-beta.10',
  '1.0.0+build.5', '01.2.3', '1.2.3.4', 'x@example.com', '@example.com', 'example', 'Infinity', 'NaN', '\u00a0',
  'a,b', '[object Object]', '10', '9', 'V2.1', '3', 'user', 'é'];
const NUMBERS = [0, 1, -1, 2, 3, 5, 10, 42, 0.5, -2.5, 1e21, 1e-7, 123456789, 9007199254740993, -9007199254740993,
  1.7976931348623157e308, -1e308, 5e-324, 100, 0.1, 0.2, 7, 2147483647, -3, 1.5];
const KEYS = ['targetingKey', 'email', 'age', 'tier', 'version', 'tags', 'score', 'name', 'user', 'empty', 'zero',
  'list', 'flag', 'nums', 'strs'];
const PATHS = ['email', 'age', 'tier', 'version', 'tags', 'score', 'name', 'user', 'user.plan', 'user.id',
  'user.meta.level', 'user.meta.level.deep', 'user.missing', 'user.meta', 'tags.0', 'tags.1', 'tags.length',
  'email.length', 'missing', 'missing.deeper', 'zero.x', 'empty.x', 'list', 'nums', 'strs', '$flagd.flagKey',
  'targetingKey', 'a\\.b', 'user.plan.x.y', 'nums.2', '',
  // through the functions values inherit
  'hasOwnProperty.length', 'constructor.name', 'tags.map.length', 'email.toUpperCase.name', 'user.toString.caller'];
const ITEM_PATHS = ['', 'id', 'plan', 'x', '0', 'length', 'a.b'];
const VARIANT_NAMES = ['on', 'off', 'red', 'blue', 'true', 'false', '1', '0', 'null', 'a,b', '[object Object]',
  'NaN', 'abc', 'user-1', '2', 'ñandú'];
const VAL_KEYS = ['email', 'user', 'plan', 'id', 'meta', 'level', 'tags', 'nums', '0', '1', 'length', 'missing',
  '$flagd', 'flagKey', 'index', 'iterator', 'accumulator', 'current', 'type', 'a.b', '', 'x', 'zero', 'empty', 2, null,
  'name', 'caller'];
// names every object inherits: `in` finds them
const INHERITED_KEYS = ['toString', 'constructor', 'hasOwnProperty', 'map', 'push', 'toUpperCase'];
const INHERITED_OPERATORS = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'toLocaleString', '__proto__',
  'isPrototypeOf', '__lookupGetter__'];
const COMPARISONS = ['==', '===', '!=', '!==', '<', '<=', '>', '>='];
const SEMVER_OPS = ['=', '!=', '<', '<=', '>', '>=', '^', '~', '=>', ''];
const VERSIONS = ['1.2.3', 'v1.2.3', '1.2', 'v1.2', '1', '2.0.0', '2.0.0-beta.1', '2.0.0-beta.10', '2.0.0-alpha',
  '1.2.3+build', '01.2.3', '1.2.3.4', 'not-a-version', '', ' 1.2.3 ', 'V3.0.0', '1.10.0', '1.9.9', 1.2, 3,
  '10.0.0-rc.1', '1.0.0-0', '1.0.0-a.b', '12345678901234567.1'];

export class Generator {
  constructor(seed) {
    this.random = mulberry32(seed);
    this.flagKeys = [];
  }

  int(n) { return Math.floor(this.random() * n); }
  chance(p) { return this.random() < p; }
  pick(list) { return list[this.int(list.length)]; }

  scalar() {
    const r = this.random();
    if (r < 0.4) return this.pick(STRINGS);
    if (r < 0.75) return this.pick(NUMBERS);
    if (r < 0.9) return this.chance(0.5);
    return null;
  }

  plainValue(depth = 0) {
    const r = this.random();
    if (depth > 1 || r < 0.7) return this.scalar();
    if (r < 0.88) return Array.from({ length: this.int(4) }, () => this.plainValue(depth + 1));
    const object = {};
    for (let i = this.int(3); i > 0; i--) object[this.pick(['a', 'b', 'id', 'plan', 'x'])] = this.plainValue(depth + 1);
    return object;
  }

  context() {
    const context = {};
    for (const key of KEYS) {
      if (!this.chance(0.55)) continue;
      switch (key) {
        case 'targetingKey': context[key] = this.chance(0.85) ? this.pick(['user-1', 'user-2', 'abc', '', 'ñandú', '😀', 'x'.repeat(this.int(40))]) : this.scalar(); break;
        case 'user': context[key] = this.chance(0.8) ? { id: this.scalar(), plan: this.pick(['free', 'pro', '', 0, null]), meta: this.chance(0.7) ? { level: this.scalar() } : this.scalar() } : this.plainValue(); break;
        case 'tags':
        case 'list': context[key] = this.chance(0.8) ? Array.from({ length: this.int(4) }, () => this.scalar()) : this.plainValue(); break;
        case 'nums': context[key] = this.chance(0.8) ? Array.from({ length: this.int(5) }, () => this.pick(NUMBERS)) : this.plainValue(); break;
        case 'strs': context[key] = this.chance(0.8) ? Array.from({ length: this.int(4) }, () => this.pick(STRINGS)) : this.plainValue(); break;
        case 'version': context[key] = this.pick(VERSIONS); break;
        case 'zero': context[key] = this.pick([0, '', false, null]); break;
        case 'empty': context[key] = this.pick(['', [], {}]); break;
        default: context[key] = this.chance(0.8) ? this.scalar() : this.plainValue();
      }
    }
    if (this.chance(0.05)) context['a.b'] = this.scalar();
    return context;
  }

  variable(paths = PATHS) {
    const path = this.pick(paths);
    const r = this.random();
    if (r < 0.6) return { var: path };
    if (r < 0.75) return { var: [path] };
    if (r < 0.95) return { var: [path, this.scalar()] };
    return { var: this.chance(0.5) ? this.pick([0, 1]) : [] };
  }

  leaf(itemScope) {
    const r = this.random();
    if (r < 0.55) return this.variable(itemScope ? (this.chance(0.8) ? ITEM_PATHS : PATHS) : PATHS);
    if (r < 0.92) return this.scalar();
    return Array.from({ length: this.int(3) }, () => this.scalar());
  }

  list(depth, itemScope) {
    const r = this.random();
    if (r < 0.4) return this.variable(['tags', 'list', 'nums', 'strs', 'user', 'missing', 'email', 'empty']);
    if (r < 0.7) return Array.from({ length: this.int(4) }, () => this.scalar());
    if (r < 0.8) return Array.from({ length: this.int(3) }, () => ({ id: this.scalar(), plan: this.scalar() }));
    return this.expression(depth - 1, itemScope);
  }

  args(n, depth, itemScope) {
    return Array.from({ length: n }, () => this.expression(depth - 1, itemScope));
  }

  expression(depth, itemScope = false) {
    if (depth <= 0 || this.chance(0.25)) return this.leaf(itemScope);
    const d = depth;
    if (this.chance(0.2)) return this.engineOperator(d, itemScope);
    switch (this.int(24)) {
      case 0:
      case 1: {
        const op = this.pick(COMPARISONS);
        const n = this.chance(0.85) ? 2 : this.pick([1, 3, 4]);
        return { [op]: this.args(n, d, itemScope) };
      }
      case 2: {
        const n = this.pick([0, 1, 2, 3, 3, 3, 4, 5]);
        return { [this.chance(0.9) ? 'if' : '?:']: this.args(n, d, itemScope) };
      }
      case 3: return { [this.pick(['and', 'or'])]: this.args(this.int(4), d, itemScope) };
      case 4: {
        const op = this.pick(['!', '!!', 'not']);
        const r = this.random();
        if (r < 0.5) return { [op]: [this.expression(d - 1, itemScope)] };
        if (r < 0.8) return { [op]: this.expression(d - 1, itemScope) };
        return { [op]: this.args(this.int(3), d, itemScope) };
      }
      case 5:
      case 6: {
        const op = this.pick(['+', '-', '*', '/', '%', 'max', 'min']);
        const r = this.random();
        if (r < 0.7) return { [op]: this.args(this.int(4), d, itemScope) };
        if (r < 0.85) return { [op]: this.expression(d - 1, itemScope) };
        return { [op]: this.scalar() };
      }
      case 7: {
        const op = this.pick(['map', 'filter', 'all', 'none', 'some', 'every']);
        const n = this.chance(0.92) ? 2 : this.pick([0, 1, 3]);
        const args = [this.list(d, itemScope), this.expression(d - 1, true)];
        return { [op]: args.slice(0, n).concat(n > 2 ? [this.scalar()] : []) };
      }
      case 8: {
        const r = this.random();
        let mapper;
        if (r < 0.3) mapper = { '+': [{ var: 'accumulator' }, { var: 'current' }] };
        else if (r < 0.45) mapper = { '*': [{ var: 'current' }, { var: 'accumulator' }] };
        else if (r < 0.6) mapper = { cat: [{ var: 'accumulator' }, { var: 'current' }] };
        else mapper = this.expression(d - 1, true);
        const args = [this.list(d, itemScope), mapper];
        if (this.chance(0.7)) args.push(this.scalar());
        return { reduce: args };
      }
      case 9: return { merge: this.chance(0.8) ? this.args(this.int(4), d, itemScope) : this.expression(d - 1, itemScope) };
      case 10: {
        const haystack = this.chance(0.5) ? this.list(d, itemScope) : this.expression(d - 1, itemScope);
        return { in: [this.expression(d - 1, itemScope), haystack] };
      }
      case 11: {
        const r = this.random();
        if (r < 0.6) return { cat: this.args(this.int(4), d, itemScope) };
        if (r < 0.8) return { cat: this.expression(d - 1, itemScope) };
        return { cat: [this.expression(d - 1, itemScope)] };
      }
      case 12: {
        const args = [this.expression(d - 1, itemScope)];
        if (this.chance(0.85)) args.push(this.pick([0, 1, 2, -1, -3, 10, '1', null, 1.5]));
        if (this.chance(0.6)) args.push(this.pick([0, 1, 2, -1, -2, 5, '-1', null, 2.7]));
        return { substr: args };
      }
      case 13: {
        const keys = Array.from({ length: this.int(4) }, () => this.pick(PATHS));
        return this.chance(0.5) ? { missing: keys } : { missing_some: [this.int(3), keys] };
      }
      case 14:
      case 15: return this.fractional(d, itemScope);
      case 16:
      case 17: {
        const version = () => (this.chance(0.5) ? this.variable(['version', 'name', 'score', 'missing']) : this.pick(VERSIONS));
        const args = [version(), this.pick(SEMVER_OPS), version()];
        return { sem_ver: this.chance(0.92) ? args : args.slice(0, this.int(3)) };
      }
      case 18: {
        const op = this.pick(['starts_with', 'ends_with']);
        const args = [this.chance(0.7) ? this.variable(['email', 'name', 'targetingKey', 'tier']) : this.scalar(),
          this.pick(['', 'a', '@example.com', 'user', 'x', '😀', 1])];
        return { [op]: this.chance(0.9) ? args : args.slice(0, 1) };
      }
      case 19: return { '??': this.args(this.int(3), d, itemScope) };
      case 20: return { '>': [{ var: '$flagd.timestamp' }, this.pick([0, 1000000000, 4000000000, '1'])] };
      case 21: return { '==': [{ var: '$flagd.flagKey' }, this.pick(this.flagKeys.concat(['nope']))] };
      default: return this.leaf(itemScope);
    }
  }

  // json-logic-engine's own operators, and the inherited names its method table answers to
  engineOperator(d, itemScope) {
    const key = () => this.pick(VAL_KEYS);
    const sub = () => this.expression(d - 1, itemScope);
    switch (this.int(13)) {
      case 0:
      case 1: {
        const r = this.random();
        if (r < 0.2) return { val: key() };
        if (r < 0.45) return { val: Array.from({ length: 1 + this.int(3) }, key) };
        if (r < 0.65) return { val: [[this.pick([0, 1, 2, 3, 4, 5, -1, '1', null])], ...Array.from({ length: this.int(3) }, key)] };
        if (r < 0.8) return { val: [sub(), ...Array.from({ length: this.int(2) }, key)] };
        if (r < 0.9) return { val: this.chance(0.5) ? [] : [[1]] };
        return { val: sub() };
      }
      case 2: {
        const r = this.random();
        const k = () => (this.chance(0.15) ? this.pick(INHERITED_KEYS) : key());
        if (r < 0.35) return { exists: k() };
        if (r < 0.7) return { exists: Array.from({ length: this.int(4) }, k) };
        if (r < 0.85) return { exists: [[this.pick([1, 2, 3])], k()] };
        return { exists: sub() };
      }
      case 3: {
        const r = this.random();
        if (r < 0.5) return { length: sub() };
        if (r < 0.8) return { length: this.args(1 + this.int(2), d, itemScope) };
        return { length: this.pick(['', 'abc', '😀x', 0, 5, [], null, true]) };
      }
      case 4: return { keys: this.chance(0.6) ? sub() : this.args(this.int(3), d, itemScope) };
      case 5: {
        const args = [this.chance(0.7) ? this.list(d, itemScope) : sub(), this.pick(['a', 'id', 'plan', 'user.plan', '0', 'length', '', 1, null, 'meta.level'])];
        if (this.chance(0.5)) args.push(this.scalar());
        return { get: this.chance(0.9) ? args : args.slice(0, this.int(2)) };
      }
      case 6: {
        if (this.chance(0.1)) return { pipe: sub() };
        const stages = [this.chance(0.5) ? this.list(d, itemScope) : sub()];
        for (let i = this.int(3); i > 0; i--) stages.push(this.expression(d - 1, true));
        return { pipe: stages };
      }
      case 7: {
        const r = this.random();
        if (r < 0.1) return { eachKey: this.scalar() };
        if (r < 0.25) return { eachKey: this.args(this.int(3), d, itemScope) };
        const object = { [this.pick(['var', 'if', 'cat', 'and', '+', 'val'])]: sub() };
        for (let i = this.int(3); i > 0; i--) object[this.pick(['a', 'b', 'type', '1', '0'])] = sub();
        return { eachKey: r < 0.3 ? {} : object };
      }
      case 8:
      case 9: {
        if (this.chance(0.1)) return { try: this.chance(0.5) ? sub() : [] };
        const attempts = [sub()];
        for (let i = 1 + this.int(2); i > 0; i--) {
          attempts.push(this.pick([{ var: 'type' }, { val: 'type' }, { cat: ['caught: ', { var: 'type' }] }, { exists: 'type' },
            { var: '' }, { val: [[2], 'email'] }, { throw: { var: 'type' } }, this.expression(d - 1, true), this.scalar()]));
        }
        return { try: attempts };
      }
      case 10: {
        const r = this.random();
        if (r < 0.4) return { throw: this.scalar() };
        if (r < 0.6) return { throw: sub() };
        if (r < 0.75) return { throw: this.args(this.int(3), d, itemScope) };
        // objects are built with eachKey: a written one would have to start with an operator name
        return { throw: this.pick([null, [], [[1]], { eachKey: { var: 1, type: 'custom' } }, { eachKey: { var: 0, error: 'e', message: 'm' } },
          { eachKey: { var: 0, message: 'm' } }, { eachKey: { var: 0, constructor: { preserve: { var: 'named' } } } },
          { eachKey: { var: 0, constructor: null } }, { eachKey: { var: 0, constructor: 'x' } }, { preserve: { var: 'x' } },
          { var: 'user' }, { var: 'tags' }, { eachKey: {} }]) };
      }
      case 11: return { preserve: this.pick([[1, 'a', null], { var: 'email' }, { cat: [1, { var: 'x' }] }, 5, 'text', [], [{ if: [1, 2] }]]) };
      default: {
        const op = this.pick(INHERITED_OPERATORS);
        return { [op]: this.chance(0.7) ? this.args(this.int(3), d, itemScope) : sub() };
      }
    }
  }

  fractional(depth, itemScope) {
    const args = [];
    const r = this.random();
    if (r < 0.35) args.push(this.chance(0.7) ? { cat: [{ var: '$flagd.flagKey' }, { var: 'email' }] } : this.pick(STRINGS));
    else if (r < 0.45) args.push(this.variable(['email', 'targetingKey', 'age']));
    for (let i = 1 + this.int(4); i > 0; i--) {
      const variant = this.chance(0.9) ? this.pick(VARIANT_NAMES) : this.pick([1, true, null, ['x']]);
      const entry = [variant];
      const w = this.random();
      if (w < 0.75) entry.push(this.pick([0, 1, 10, 25, 50, 100, -5, 33, 2147483647]));
      else if (w < 0.8) entry.push(this.pick([1.5, '50', null]));
      else if (w < 0.85) entry.push({ '-': [100, { var: 'score' }] });
      else if (w < 0.87) entry.push(1, 2);
      args.push(entry);
    }
    if (this.chance(0.05)) args.push('stray');
    return { fractional: args };
  }

  targeting(variantNames) {
    const r = this.random();
    if (r < 0.45) {
      const args = [];
      for (let i = 1 + this.int(3); i > 0; i--) args.push(this.expression(3), this.pick(variantNames.concat([null, 'missing-variant'])));
      if (this.chance(0.7)) args.push(this.pick(variantNames.concat([null])));
      return { if: args };
    }
    if (r < 0.65) return this.fractional(2, false);
    if (r < 0.7) return {};
    const rule = this.expression(4);
    // targeting must be an object; a one-argument if answers its argument
    return rule && typeof rule === 'object' && !Array.isArray(rule) && Object.keys(rule).length ? rule : { if: [rule] };
  }

  variantValue() {
    const r = this.random();
    if (r < 0.3) return this.chance(0.5);
    if (r < 0.55) return this.pick(STRINGS);
    if (r < 0.75) return this.pick([0, 1, -1, 42, 0.5, 1e21, 3.25, 100, 2147483647]);
    if (r < 0.8) return `#num:${this.pick(SPELLINGS)}`;
    if (r < 0.9) return this.objectValue(0);
    if (r < 0.93) return this.plainValue(1) ?? {};
    return this.chance(0.5) ? null : [1, 2];
  }

  // An object whose members come in no sorted order, with numbers spelled as people do.
  objectValue(depth) {
    const object = {};
    for (let i = 1 + this.int(4); i > 0; i--) {
      const r = this.random();
      object[this.pick(OBJECT_KEYS)] = depth < 2 && r < 0.25 ? this.objectValue(depth + 1)
        : r < 0.4 ? `#num:${this.pick(SPELLINGS)}` : this.scalar();
    }
    return object;
  }

  metadata() {
    const metadata = {};
    for (let i = this.int(4); i > 0; i--) {
      metadata[this.pick(['owner', 'team', 'version', 'flagSetId', 'zeta', 'alpha', '#2', '#10'])] =
        this.pick(['core', 'web', 1, 2.5, true, `#num:${this.pick(SPELLINGS)}`]);
    }
    return metadata;
  }

  // A flag set's JSON text; now and then deliberately broken (both loaders must refuse it).
  flagSet() {
    const flagCount = 1 + this.int(4);
    this.flagKeys = Array.from({ length: flagCount }, (_, i) => `flag-${i}${this.chance(0.1) ? '/ñ~' : ''}`);
    const set = { flags: {} };
    const evaluators = {};
    if (this.chance(0.25)) {
      const names = ['isPro', 'isAdult', 'bucket'];
      for (let i = 0; i < names.length; i++) {
        if (!this.chance(0.7)) continue;
        // an evaluator may use one declared after it (flagd-core expands them in order)
        const later = names.slice(i + 1).filter(() => this.chance(0.3));
        evaluators[names[i]] = later.length ? { and: [{ $ref: later[0] }, this.expression(2)] } : this.expression(2);
      }
    }
    const evaluatorNames = Object.keys(evaluators);
    for (const key of this.flagKeys) {
      const variants = {};
      const names = [...new Set(Array.from({ length: 1 + this.int(4) }, () => this.pick(VARIANT_NAMES)))];
      for (const name of names) variants[name] = this.variantValue();
      const flag = { state: this.chance(0.9) ? 'ENABLED' : 'DISABLED', variants };
      const d = this.random();
      if (d < 0.8) flag.defaultVariant = this.pick(names);
      else if (d < 0.87) flag.defaultVariant = null;
      else if (d < 0.92) flag.defaultVariant = '';
      if (this.chance(0.85)) {
        let targeting = this.targeting(names);
        if (evaluatorNames.length && this.chance(0.6)) {
          targeting = { if: [{ $ref: this.pick(evaluatorNames) }, this.pick(names), targeting] };
        }
        flag.targeting = targeting;
      }
      if (this.chance(0.3)) flag.metadata = this.metadata();
      set.flags[key] = flag;
    }
    if (evaluatorNames.length) set.$evaluators = evaluators;
    if (this.chance(0.3)) set.metadata = this.metadata();

    if (this.chance(0.04)) {
      const flag = set.flags[this.pick(this.flagKeys)];
      switch (this.int(4)) {
        case 0: flag.state = 'ON'; break;
        case 1: flag.defaultVariant = 'not-a-variant'; break;
        case 2: flag.targeting = { if: [{ log: [1] }, 'x', null] }; break;
        default: flag.targeting = { and: [{ $ref: 'undefinedEvaluator' }] };
      }
    }
    return respell(JSON.stringify(set));
  }
}
