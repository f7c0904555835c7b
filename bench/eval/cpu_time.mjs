// Operations per second of this process's CPU time, what the evaluation benchmarks count.

// The machine is shared: this process's CPU time (user + system, as Workers bill CPU), not
// wall time, which other processes' load inflates.
export const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// Runs `run(n)`, which performs n operations, in growing batches for about `seconds` of CPU.
// Batches start at one: loading 5,000 flags into flagd-core takes longer than a second.
export function perSecondBatched(run, seconds = 0.4) {
  let batch = 1;
  let done = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  while (elapsed < seconds) {
    run(batch);
    done += batch;
    batch *= 2;
    elapsed = cpuSeconds() - start;
  }
  return done / elapsed;
}

export const perSecond = (body, seconds) => perSecondBatched((n) => { for (let i = 0; i < n; i++) body(); }, seconds);
