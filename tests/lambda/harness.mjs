// What the Lambda tests share: real dynalite, the real bootstrap, real @vercel/fun.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
export const { createFunction } = require('@vercel/fun');
export const { RuntimeServer } = require('@vercel/fun/dist/src/runtime-server');

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const devTaskRoot = path.join(root, 'build/native/bindings/lambda');
export const ADMIN_TOKEN = 'lambda-test-token-for-the-runtime-tests'; // 32 bytes at least
export const CREDENTIALS = { AccessKeyId: 'local', SecretAccessKey: 'local' };
export const REGION = 'us-east-1';

// `targets`: the CMake targets to build (sqs.test.mjs also needs flagport_sqs_send).
export async function buildDevBootstrap(targets = ['bootstrap']) {
  await promisify(execFile)('bash', ['-c', `[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null; cmake --build --preset native -j "$(nproc)" --target ${targets.join(' ')} >/dev/null`], { cwd: root });
}

// `tls`: dynalite's own options for HTTPS ({ ssl: true, key, cert, ca }).
export async function startDynalite(tls = {}) {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...tls });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const scheme = tls.ssl ? 'https' : 'http';
  return { endpoint: `${scheme}://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

// For a test file that runs the development bootstrap against one dynalite with Flagport's
// tables: built and started before its tests, closed after. `endpoint` is set once it is up.
export function dynaliteForTheFile() {
  const db = { endpoint: null };
  let server;
  before(async () => {
    await buildDevBootstrap();
    server = await startDynalite();
    db.endpoint = server.endpoint;
    await createTables(devTaskRoot, db.endpoint);
  });
  after(() => server?.close());
  return db;
}

export async function createTables(taskRoot, endpoint) {
  await promisify(execFile)(path.join(taskRoot, 'bootstrap'), ['--create-tables'], {
    env: { DYNAMODB_ENDPOINT: endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });
}

export function lambdaFunction(taskRoot, variables) {
  return createFunction({
    FunctionName: 'flagport-test',
    Code: { Directory: taskRoot },
    Handler: 'bootstrap',
    Runtime: 'provided',
    Region: REGION,
    ...CREDENTIALS,
    Environment: { Variables: { ADMIN_TOKEN, ...variables } },
  });
}

// An API Gateway HTTP API (payload 2.0) event.
export function httpEvent(method, rawPath, { body, headers = {} } = {}) {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
    requestContext: {
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
  if (body !== undefined) event.body = typeof body === 'string' ? body : JSON.stringify(body);
  return event;
}

export async function invoke(fn, event) {
  const result = await fn.invoke({ InvocationType: 'RequestResponse', Payload: JSON.stringify(event) });
  return { error: result.FunctionError, payload: JSON.parse(String(result.Payload)) };
}

// Invokes and reads the payload 2.0 answer: { status, headers, json }.
export async function request(fn, method, rawPath, options) {
  const { error, payload } = await invoke(fn, httpEvent(method, rawPath, options));
  if (error) throw new Error(`invocation failed: ${JSON.stringify(payload)}`);
  return { status: payload.statusCode, headers: payload.headers, json: JSON.parse(payload.body) };
}

export function flagSet(flags = 1, padding = 0) {
  const out = { flags: {} };
  for (let i = 0; i < flags; i++) {
    out.flags[`flag-${i}`] = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' };
  }
  if (padding > 0) out.metadata = { padding: 'x'.repeat(padding) };
  return out;
}

// A DynamoDB call straight to dynalite, which checks a signature's form, not its value: what a
// test reads or sets up in the tables the bootstrap uses.
export async function dynamo(endpoint, operation, body) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(`${operation}: ${JSON.stringify(answer)}`);
  return answer;
}

export { childPids } from '../../bindings/lambda/local/child-processes.mjs';

export const scheduledEvent = () => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: new Date().toISOString(),
  region: REGION,
  resources: ['arn:aws:events:us-east-1:123456789012:rule/flagport-sweep'],
  detail: {},
});
