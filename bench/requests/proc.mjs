// What the request benchmarks read from /proc about the processes they measure.
import { readdirSync, readFileSync } from 'node:fs';

function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
}

// CPU time of the whole process, all its live threads, in µs, from each thread's
// schedstat (nanoseconds on CPU; /proc/PID/stat counts 10 ms ticks, too coarse for rounds
// of a few seconds). A thread that ends takes its time with it: workerd's threads live as
// long as the process.
export function cpuUs(pid) {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended while we looked
    }
  }
  return ns / 1000;
}

export const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

export const commandLine = (pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

// The live descendants of `ancestor` (default: this process).
export function descendants(ancestor = process.pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [state, ppid] = stat(entry);
      if (state !== 'Z') parents.set(Number(entry), Number(ppid));
    } catch {
      // gone while we looked
    }
  }
  const out = [];
  const walk = (pid) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(ancestor);
  return out;
}
