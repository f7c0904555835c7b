// A local SQS (fauxqs, bindings/lambda/local/sqs-server.mjs) in a process of its own, for the
// benches whose bootstrap flushes insights: in the bench's process it would share the event
// loop with fun's Runtime API server, and every message it takes would delay the answers
// being timed. -> { url (the insights queue), close() }
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { root } from '../../tests/lambda/harness.mjs';

export async function startSqsProcess() {
  const server = path.join(root, 'bindings/lambda/local/sqs-server.mjs');
  const child = spawn(process.execPath, ['--input-type=module', '-e',
    `const { startSqs } = await import(${JSON.stringify(server)}); const q = await startSqs(); console.log(JSON.stringify({ url: q.insights.url }));`],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout, 'data');
  return { url: JSON.parse(String(line)).url, close: () => child.kill('SIGKILL') };
}
