// The baseline Lambda's runtime (bench only): the Runtime API loop (next -> handle ->
// response) over node:http with a keep-alive agent, API Gateway v2 events in and out,
// bench/baseline/service.mjs on DynamoDB (the same KV table Flagport publishes to).
// DynamoDB requests are unsigned (dynalite checks only that an Authorization header and a
// date are there); a real deployment would sign them, which costs little next to one read
// every CACHE_TTL_MS.
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { BaselineService } from '../service.mjs';

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const runtimeApi = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation`;
const dynamodb = process.env.DYNAMODB_ENDPOINT;
const kvTable = process.env.FLAGPORT_KV_TABLE || 'flagport-kv';

// A keep-alive socket may have been closed by the server while fun kept this process
// frozen: a request that fails on a reused socket is sent once more on a fresh one.
function send(url, options = {}, retried = false) {
  const { method = 'GET', headers = {}, body } = options;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => (req.reusedSocket && !retried ? resolve(send(url, options, true)) : reject(error)));
    req.end(body);
  });
}

async function readRecord(key) {
  const res = await send(dynamodb, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d+/g, ''),
      authorization: 'AWS4-HMAC-SHA256 Credential=unsigned/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify({ TableName: kvTable, Key: { key: { S: key } } }),
  });
  if (res.status !== 200) throw new Error(`dynamodb GetItem ${res.status}: ${res.body}`);
  const value = JSON.parse(res.body).Item?.value?.B;
  return value === undefined ? null : Buffer.from(value, 'base64').toString('utf8');
}

const service = new BaselineService({ readRecord, sha256Hex: async (text) => createHash('sha256').update(text).digest('hex') });

// Flagport's response contract (DESIGN §2): the provider and the invocation's request id in headers.
async function handle(event, requestId) {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  const method = event.requestContext?.http?.method ?? 'GET';
  const answer = await service.handle(method, event.rawPath, (name) => headers[name] ?? null, body);
  const contract = { ...answer.headers, 'x-flagport-provider': 'aws-lambda', 'x-request-id': requestId };
  return { statusCode: answer.status, headers: contract, body: answer.body, isBase64Encoded: false };
}

for (;;) {
  const next = await send(`${runtimeApi}/next`);
  const id = next.headers['lambda-runtime-aws-request-id'];
  let result;
  try {
    result = JSON.stringify(await handle(JSON.parse(next.body), id));
  } catch (error) {
    await send(`${runtimeApi}/${id}/error`, { method: 'POST', body: JSON.stringify({ errorMessage: String(error), errorType: 'Error' }) });
    continue;
  }
  await send(`${runtimeApi}/${id}/response`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: result });
}
