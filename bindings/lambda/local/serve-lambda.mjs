// node bindings/lambda/local/serve-lambda.mjs PORT (through scripts/serve-lambda, which
// builds first): dynalite for DynamoDB, fauxqs for SQS (the insights queue and its
// dead-letter queue, consumed by the poller that plays the event source mapping), the real
// bootstrap under @vercel/fun, and a local API Gateway on 127.0.0.1:PORT. GET|POST
// /__scheduled fires the EventBridge schedule (App::scheduled, which wakes the objects whose
// alarm is due), as `wrangler dev --test-scheduled` does for the Worker.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { readBody, scheduledEvent, toEvent, writeResult } from './api-gateway.mjs';
import { childPids } from './child-processes.mjs';
import { mendProcessPool } from './fun-pool.mjs';
import { startSqsPoller } from './sqs-poller.mjs';
import { startSqs } from './sqs-server.mjs';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const { createFunction } = require('@vercel/fun');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: serve-lambda PORT');
  process.exit(2);
}
// The directory that holds `bootstrap` (an unpacked deployment zip works too).
const taskRoot = resolve(process.env.FLAGPORT_LAMBDA_TASK_ROOT ?? `${root}/build/native/bindings/lambda`);
// The local values the Worker gets from .dev.vars under wrangler dev (scripts/dev-vars
// writes the file): NAME=value lines, `#` comments.
function devVars() {
  let text = '';
  try {
    text = readFileSync(`${root}/.dev.vars`, 'utf8');
  } catch {
    return {};  // started without scripts/serve-lambda: the environment alone
  }
  const vars = {};
  for (const line of text.split('\n')) {
    const pair = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (pair) vars[pair[1]] = pair[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return vars;
}
const REGION = 'us-east-1';
const CREDENTIALS = { AccessKeyId: 'local', SecretAccessKey: 'local' };

const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
await new Promise((ok) => db.listen(0, '127.0.0.1', ok));
const endpoint = `http://127.0.0.1:${db.address().port}`;

const sqs = await startSqs();

const local = devVars();
const variables = { DYNAMODB_ENDPOINT: endpoint, FLAGPORT_INSIGHTS_QUEUE_URL: sqs.insights.url };
for (const name of ['ADMIN_TOKEN', 'FLAGPORT_LOCAL_RUN']) {
  const value = process.env[name] ?? local[name];
  if (value !== undefined) variables[name] = value;
}
for (const name of ['FLAGPORT_FAULTS', 'PUBLISH_RETRY_SECONDS', 'CACHE_TTL_SECONDS', 'CACHE_BUDGET_BYTES', 'MAX_STALENESS_SECONDS', 'INSIGHTS', 'INSIGHTS_FLUSH_SECONDS', 'INSIGHTS_FLUSH_EVALUATIONS', 'INSIGHTS_RETENTION_DAYS', 'FLAGPORT_TEST_CLOCK_MS', 'FLAGPORT_KV_TABLE', 'FLAGPORT_OBJECTS_TABLE']) {
  if (process.env[name] !== undefined) variables[name] = process.env[name];
}

await promisify(execFile)(`${taskRoot}/bootstrap`, ['--create-tables'], {
  env: {
    ...variables,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.SecretAccessKey,
  },
});

const fn = await createFunction({
  FunctionName: 'flagport',
  Code: { Directory: taskRoot },
  Handler: 'bootstrap',
  Runtime: 'provided',
  Region: REGION,
  MemorySize: 128,
  Timeout: 10,
  ...CREDENTIALS,
  Environment: { Variables: variables },
});
// fun loses a place in its pool for every process that dies outside an invocation, and
// stops answering after 10 (fun-pool.mjs): replace dead processes as Lambda does.
mendProcessPool(fn);

const invoke = (event) => fn.invoke({ InvocationType: 'RequestResponse', Payload: JSON.stringify(event) });
const poller = startSqsPoller({ endpoint: sqs.endpoint, queue: sqs.insights, invoke });

const server = createServer(async (req, res) => {
  try {
    const path = new URL(req.url, 'http://gateway').pathname;
    if (path === '/__scheduled') {
      await readBody(req);
      const result = await invoke(scheduledEvent());
      res.statusCode = result.FunctionError ? 500 : 200;
      if (result.FunctionError) res.setHeader('x-amz-function-error', result.FunctionError);
      res.setHeader('content-type', 'application/json');
      res.end(String(result.Payload));
      return;
    }
    const body = await readBody(req);
    writeResult(res, await invoke(toEvent(req, body)));
  } catch (err) {
    if (!res.headersSent) {
      res.statusCode = err.statusCode ?? 502;
      res.setHeader('content-type', 'application/json');
    }
    res.end(JSON.stringify({ message: err.statusCode === 413 ? 'Request Entity Too Large' : 'Bad Gateway' }));
    if (!err.statusCode) console.error('serve-lambda: invoke failed:', err);
  }
});
server.keepAliveTimeout = 60_000;


// fun's destroy() does not wait for its tree-kill: wait here, then make sure.
async function reapChildren() {
  const deadline = Date.now() + 3000;
  while (childPids().length > 0 && Date.now() < deadline) await sleep(50);
  for (const pid of childPids()) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections?.();
  // The poller first: a batch in flight is answered before the function goes.
  await Promise.race([poller.stop(), sleep(2000)]);
  // fun unfreezes and tree-kills every bootstrap it started; its pool drain can wait on
  // an invocation in flight, so it gets a bounded time before the children are reaped.
  await Promise.race([fn.destroy().catch((err) => console.error('serve-lambda: stopping the function:', err)), sleep(2000)]);
  await reapChildren();
  await Promise.race([new Promise((ok) => db.close(ok)), sleep(1000)]);
  await Promise.race([sqs.close(), sleep(1000)]);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

await new Promise((ok, fail) => server.listen(port, '127.0.0.1', ok).on('error', fail));
// Ready once the function has really answered one request.
const probe = await fetch(`http://127.0.0.1:${port}/v1/health`).catch((err) => err);
if (probe instanceof Error) {
  console.error('serve-lambda: the function does not answer:', probe.message);
  await stop(1);
}
await probe.arrayBuffer();
console.log(`READY http://127.0.0.1:${port}`);
console.log(`SQS (JSON protocol): ${sqs.endpoint}, insights queue ${sqs.insights.url}, dead letters ${sqs.dlq.url}`);
if (process.env.ADMIN_TOKEN !== undefined) {
  console.log('admin API: Authorization: Bearer $ADMIN_TOKEN (the token in your environment)');
} else {
  console.log(`admin API: Authorization: Bearer ${variables.ADMIN_TOKEN} (ADMIN_TOKEN in .dev.vars)`);
  console.log(`  e.g. curl -H 'authorization: Bearer ${variables.ADMIN_TOKEN}' http://127.0.0.1:${port}/v1/projects/demo/flags`);
}
