// What the request benchmarks send, to Flagport and to the plain-JS baselines alike:
// one published flag set of 200 flags, a pool of ~10-attribute contexts (a different one
// per request), and three scenarios on OFREP's standard routes. A second workload,
// `objects` (WORKLOADS), holds 1,000 string- and object-valued flags and contexts of 30
// attributes, so that a figure does not rest on one flag set.
//   floor   GET /v1/health                   (no flag work: what every request costs)
//   single  POST /ofrep/v1/evaluate/flags/K  one flag: if / and / in / sem_ver / fractional
//   bulk    POST /ofrep/v1/evaluate/flags    all 200 flags
export const PROJECT = 'bench';
export const SINGLE_FLAG = 'checkout-experiment';
export const FLAG_COUNT = 200;

const COUNTRIES = ['us', 'ca', 'mx', 'br', 'gb', 'fr', 'de', 'es', 'it', 'nl', 'se', 'pl', 'jp', 'kr', 'au', 'in'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const DEVICES = ['ios', 'android', 'web', 'desktop'];

const boolean = (targeting) => ({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off', targeting });

// The single-flag scenario's flag; the bulk set holds it too.
const singleFlag = {
  state: 'ENABLED',
  variants: { control: 'control', 'treatment-a': 'treatment-a', 'treatment-b': 'treatment-b', off: 'off' },
  defaultVariant: 'off',
  targeting: {
    if: [
      { and: [
        { in: [{ var: 'country' }, COUNTRIES.slice(0, 12)] },
        { sem_ver: [{ var: 'appVersion' }, '>=', '1.5.0'] },
        { in: [{ var: 'plan' }, ['pro', 'team', 'enterprise']] },
      ] },
      { fractional: [['control', 50], ['treatment-a', 25], ['treatment-b', 25]] },
      'off',
    ],
  },
  metadata: { owner: 'checkout' },
};

// The other 199: a mix of what real flag sets hold.
const kinds = [
  () => ({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' }),
  (i) => boolean({ if: [{ '==': [{ var: 'email' }, `user-${i}@example.com`] }, 'on', 'off'] }),
  () => boolean({ if: [{ in: [{ var: 'country' }, COUNTRIES.slice(0, 8)] }, 'on', 'off'] }),
  () => ({ state: 'ENABLED', variants: { a: 'a', b: 'b', c: 'c' }, defaultVariant: 'a', targeting: { fractional: [['a', 34], ['b', 33], ['c', 33]] } }),
  (i) => boolean({ if: [{ sem_ver: [{ var: 'appVersion' }, '>=', `2.${i % 6}.0`] }, 'on', 'off'] }),
  () => boolean({ if: [{ and: [{ '>=': [{ var: 'seats' }, 10] }, { '!': [{ var: 'trial' }] }] }, 'on', 'off'] }),
  () => boolean({ if: [{ ends_with: [{ var: 'email' }, '@example.com'] }, 'on', 'off'] }),
  () => ({
    state: 'ENABLED',
    variants: { low: 1, mid: 5, high: 10 },
    defaultVariant: 'low',
    targeting: { if: [{ '>': [{ var: 'score' }, 80] }, 'high', { '>': [{ var: 'score' }, 40] }, 'mid', null] },
  }),
  () => boolean({ if: [{ or: [{ '==': [{ var: 'plan' }, 'enterprise'] }, { '<': [18, { var: 'age' }, 30] }] }, 'on', null] }),
  () => ({ state: 'DISABLED', variants: { on: true, off: false }, defaultVariant: 'off' }),
];

export function flagSet() {
  const flags = { [SINGLE_FLAG]: singleFlag };
  for (let i = 1; i < FLAG_COUNT; i++) flags[`flag-${String(i).padStart(3, '0')}`] = kinds[i % kinds.length](i);
  return { flags, metadata: { flagSetId: 'bench', version: '1' } };
}

// A fixed pseudo-random sequence, so every run sends the same contexts.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function contexts(count = 1024, seed = 7) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, i) => ({
    targetingKey: `user-${i}-${Math.floor(next() * 1e6)}`,
    email: `user-${Math.floor(next() * 400)}@${next() < 0.5 ? 'example.com' : 'mail.test'}`,
    country: pick(COUNTRIES),
    appVersion: `${1 + Math.floor(next() * 3)}.${Math.floor(next() * 8)}.${Math.floor(next() * 5)}`,
    plan: pick(PLANS),
    seats: Math.floor(next() * 60),
    trial: next() < 0.3,
    age: 16 + Math.floor(next() * 60),
    score: Math.round(next() * 1000) / 10,
    device: pick(DEVICES),
  }));
}

// The second workload: 1,000 flags (`count`: bench/scale's other sizes) with string or
// object variants (each with metadata), targeting on 30-attribute contexts.
function objectFlagSet(count = 1000) {
  const flags = { [SINGLE_FLAG]: singleFlag };
  for (let i = 1; i < count; i++) {
    const attr = `attr${String(i % 30).padStart(2, '0')}`;
    const variants = i % 2
      ? { a: `copy-${i}-a`, b: `copy-${i}-b`, c: `copy-${i}-c` }
      : { a: { color: '#00f', limits: { seats: i } }, b: { color: '#f00', limits: { seats: 2 * i } }, c: { color: '#0f0', limits: { seats: 0 } } };
    const targeting = [
      { if: [{ '==': [{ var: attr }, `v${i % 7}`] }, 'b', 'a'] },
      { if: [{ in: [{ var: attr }, ['v1', 'v2', 'v3']] }, 'c', null] },
      { if: [{ starts_with: [{ var: 'email' }, `user-${i % 50}`] }, 'b', 'a'] },
      { fractional: [['a', 50], ['b', 30], ['c', 20]] },
    ][i % 4];
    flags[`obj-${String(i).padStart(4, '0')}`] = { state: 'ENABLED', variants, defaultVariant: 'a', targeting, metadata: { owner: `team-${i % 9}` } };
  }
  return { flags, metadata: { flagSetId: 'bench-objects', version: '1' } };
}

function objectContexts(count = 1024, seed = 11) {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const context = { targetingKey: `user-${i}-${Math.floor(next() * 1e6)}`, email: `user-${Math.floor(next() * 400)}@example.com` };
    for (let a = 0; a < 28; a++) context[`attr${String(a).padStart(2, '0')}`] = `v${Math.floor(next() * 7)}`;
    return context;
  });
}

export const WORKLOADS = {
  flags200: { flagSet, contexts },
  objects: { flagSet: objectFlagSet, contexts: objectContexts },
};

// Each scenario as a request template; `bodies` are cycled, one per request.
export function scenarios(clientKey, count, workload = 'flags200') {
  const bodies = WORKLOADS[workload].contexts(count).map((context) => JSON.stringify({ context }));
  const headers = { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' };
  return [
    { name: 'floor', method: 'GET', path: '/v1/health', headers: {}, bodies: [''] },
    { name: 'single', method: 'POST', path: `/ofrep/v1/evaluate/flags/${SINGLE_FLAG}`, headers, bodies },
    { name: 'bulk', method: 'POST', path: '/ofrep/v1/evaluate/flags', headers, bodies },
  ];
}

// Publishes the flag set through Flagport's admin API and creates a client key, which
// the baselines then accept too (they read the same published record). `send(method,
// path, headers, body)` -> { status, text }.
export async function publish(send, adminToken, workload = 'flags200') {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const put = await send('PUT', `/v1/projects/${PROJECT}/flags`, admin, JSON.stringify(WORKLOADS[workload].flagSet()));
  if (put.status !== 200) throw new Error(`publish failed: ${put.status} ${put.text}`);
  const key = await send('POST', `/v1/projects/${PROJECT}/keys`, admin, JSON.stringify({ name: 'bench' }));
  if (key.status !== 200) throw new Error(`client key failed: ${key.status} ${key.text}`);
  return JSON.parse(key.text).data.key;
}
