// The fixed benchmark corpus: one flag per row, a 200-flag set for bulk evaluation and
// load time (larger ones of the same shape for bench/scale), and a ~2 KB context for decoding.
const COUNTRIES = ['us', 'ca', 'mx', 'br', 'ar', 'gb', 'fr', 'de', 'es', 'it', 'nl', 'be', 'se', 'no', 'dk', 'fi', 'pl',
  'jp', 'kr', 'au'];

const boolean = (targeting) => ({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off', targeting });

const deep = {
  if: [
    { and: [
      { or: [{ '==': [{ var: 'plan' }, 'enterprise'] }, { and: [{ '>=': [{ var: 'seats' }, 50] }, { '!': [{ var: 'trial' }] }] }] },
      { if: [{ in: [{ var: 'country' }, ['us', 'ca', 'gb']] }, { '<': [18, { var: 'age' }, 120] }, { starts_with: [{ var: 'email' }, 'admin@'] }] },
      { '!=': [{ var: 'user.meta.level' }, 0] },
    ] },
    'on',
    { or: [{ ends_with: [{ var: 'email' }, '@example.com'] }, { '>': [{ '+': [{ var: 'score' }, 10] }, 90] }] },
    'on',
    'off',
  ],
};

export const rowFlags = {
  static: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
  'if ==': boolean({ if: [{ '==': [{ var: 'email' }, 'jane@example.com'] }, 'on', 'off'] }),
  'in list': boolean({ if: [{ in: [{ var: 'country' }, COUNTRIES] }, 'on', 'off'] }),
  fractional: { state: 'ENABLED', variants: { a: 'a', b: 'b', c: 'c' }, defaultVariant: 'a', targeting: { fractional: [['a', 25], ['b', 25], ['c', 50]] } },
  sem_ver: boolean({ if: [{ sem_ver: [{ var: 'version' }, '>=', '1.2.3'] }, 'on', 'off'] }),
  'deep nested': boolean(deep),
};

// The type each row's flag is resolved as, on every side: its variants' type.
export const rowTypes = {
  static: 'boolean', 'if ==': 'boolean', 'in list': 'boolean', fractional: 'string', sem_ver: 'boolean', 'deep nested': 'boolean',
};

export const rowContext = {
  targetingKey: 'user-42', email: 'jane@example.com', country: 'au', version: '1.4.0', plan: 'pro', seats: 60,
  trial: false, age: 34, score: 85, user: { meta: { level: 2 } },
};

export function flagSet() {
  return JSON.stringify({ flags: Object.fromEntries(Object.entries(rowFlags).map(([name, flag]) => [name.replace(/ /g, '-'), flag])) });
}

export function bulkSet(count = 200) {
  const kinds = Object.values(rowFlags);
  const flags = {};
  for (let i = 0; i < count; i++) flags[`flag-${i}`] = kinds[i % kinds.length];
  return JSON.stringify({ flags, metadata: { flagSetId: 'bench' } });
}

export function decodeContext() {
  const context = { ...rowContext, attributes: {} };
  for (let i = 0; context.attributes && JSON.stringify(context).length < 2048; i++) {
    context.attributes[`attr${i}`] = i % 3 === 0 ? `value-${i}-ñ` : i % 3 === 1 ? i * 1.5 : [i, `x${i}`, true];
  }
  return JSON.stringify(context);
}
