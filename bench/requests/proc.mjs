// What the request benchmarks read from /proc about the processes they measure.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 on Linux

function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
}

// CPU time (user + system) of the whole process, all its threads, in µs.
export function cpuUs(pid) {
  const fields = stat(pid);
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
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
