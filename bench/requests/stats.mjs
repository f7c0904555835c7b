// Small figures helpers the request benchmarks share.
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
export const median = (values) => percentile(values, 50);
export const round = (x, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

// One target checked against figures from this run: printed, never asserted.
export function target(name, ours, baseline, ratio, limit, comparison = '<=') {
  const met = comparison === '<=' ? ratio <= limit : ratio >= limit;
  return { target: name, ours: round(ours), baseline: round(baseline), ratio: round(ratio, 2), limit: `${comparison} ${round(limit, 2)}`, met: met ? 'met' : 'MISSED' };
}

export function machine(os) {
  return { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadAverage: os.loadavg().map((x) => round(x, 2)), node: process.version, kernel: os.release() };
}

export const jsonPath = (argv) => (argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null);
export const listArg = (argv, name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1].split(',') : fallback);
export const numberArg = (argv, name, fallback) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
