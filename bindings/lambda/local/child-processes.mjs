// The live (not zombie) child processes of this process, read from /proc: fun's
// bootstraps, which a clean stop must see gone.
import { readdirSync, readFileSync } from 'node:fs';

export function childPids() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === process.pid && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return pids.sort();
}
