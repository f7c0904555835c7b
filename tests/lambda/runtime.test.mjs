// The bootstrap under real @vercel/fun 1.3.6 and real dynalite: the Runtime API
// contract (init error, invocation error, serving on), every event format, optimistic
// concurrency on the objects table, the size limit. (The schedule: alarms.test.mjs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  childPids, devTaskRoot, dynaliteForTheFile, flagSet, invoke, lambdaFunction, request, root, RuntimeServer,
} from './harness.mjs';

const fixture = (name) => JSON.parse(readFileSync(path.join(root, 'tests/unit/lambda/fixtures', name), 'utf8'));

const db = dynaliteForTheFile();

describe('start-up failure', () => {
  test('goes to the init-error call', async () => {
    const fn = await lambdaFunction(devTaskRoot, { DYNAMODB_ENDPOINT: db.endpoint, FLAGPORT_FAULTS: 'init' });
    try {
      const { error, payload } = await invoke(fn, { rawPath: '/' });
      assert.equal(error, 'Unhandled');
      assert.equal(payload.errorType, 'Runtime.InitError');
      assert.match(payload.errorMessage, /FLAGPORT_FAULTS=init/);
    } finally {
      await fn.destroy();
    }
  });
});

describe('the Runtime API connection', () => {
  test('one connection serves event after event; one the Runtime API dropped while the process was frozen is replaced', { timeout: 30_000 }, async () => {
    // fun's Runtime API is a Node http.Server per process: it is caught on its first answer.
    const servers = new Set();
    const handleResponse = RuntimeServer.prototype.handleInvocationResponse;
    RuntimeServer.prototype.handleInvocationResponse = function caught(...args) {
      servers.add(this);
      return handleResponse.apply(this, args);
    };
    const fn = await lambdaFunction(devTaskRoot, { DYNAMODB_ENDPOINT: db.endpoint });
    try {
      assert.equal((await request(fn, 'GET', '/v1/health')).status, 200);
      assert.equal(servers.size, 1);
      const [server] = servers;
      let connections = 0;
      server.on('connection', () => connections++);
      for (let i = 0; i < 5; i++) assert.equal((await request(fn, 'GET', '/v1/health')).status, 200);
      assert.equal(connections, 0, 'the first connection was kept alive');
      // fun froze the process after its answer: its connection is idle, and is closed now.
      server.closeIdleConnections();
      const health = await request(fn, 'GET', '/v1/health');
      assert.equal(health.status, 200);
      assert.equal(health.json.status, 'success');
      assert.equal(connections, 1, 'one fresh connection');
      assert.equal((await request(fn, 'GET', '/v1/health')).status, 200);
      assert.equal(connections, 1);
    } finally {
      RuntimeServer.prototype.handleInvocationResponse = handleResponse;
      await fn.destroy();
    }
  });
});

describe('serving', () => {
  let fn;
  before(async () => {
    fn = await lambdaFunction(devTaskRoot, { DYNAMODB_ENDPOINT: db.endpoint, FLAGPORT_FAULTS: 'crash' });
  });
  after(() => fn?.destroy());

  test('a handler failure is an invocation error and the same process goes on serving', async () => {
    const health = await request(fn, 'GET', '/v1/health');
    assert.equal(health.status, 200);
    assert.equal(health.headers['x-flagport-provider'], 'aws-lambda');
    const before = childPids();
    const crash = await invoke(fn, { ...fixture('http-api-v2.json'), rawPath: '/v1/_crash/throw', body: '', isBase64Encoded: false,
      requestContext: { ...fixture('http-api-v2.json').requestContext, http: { method: 'POST', path: '/v1/_crash/throw' } } });
    assert.equal(crash.error, 'Handled');
    assert.equal(crash.payload.errorType, 'Runtime.HandlerFailed');
    assert.equal((await request(fn, 'GET', '/v1/health')).status, 200);
    assert.deepEqual(childPids(), before, 'no process was replaced');
  });

  test('an unrecognised event is an invocation error', async () => {
    const { error, payload } = await invoke(fn, { hello: 'world' });
    assert.equal(error, 'Handled');
    assert.match(payload.errorMessage, /unrecognised event/);
  });

  test('REST API 1.0 events answer in the 1.0 format', async () => {
    const event = { ...fixture('rest-api-v1.json'), httpMethod: 'GET', path: '/v1/health', body: null };
    const { error, payload } = await invoke(fn, event);
    assert.equal(error, undefined);
    assert.equal(payload.statusCode, 200);
    assert.deepEqual(payload.multiValueHeaders['x-request-id'], ['id=']);
    assert.equal(JSON.parse(payload.body).status, 'success');
  });

  test('Function URL events are served', async () => {
    const { payload } = await invoke(fn, fixture('function-url.json'));
    assert.equal(payload.statusCode, 200);
    assert.equal(payload.headers['x-request-id'], 'c1d2e3f4-5a6b-7c8d-9e0f-a1b2c3d4e5f6');
  });

  test('a flag set at the 4 MiB limit is stored and published in parts of DynamoDB items', async () => {
    const body = flagSet(3);
    body.metadata = { padding: '' };
    body.metadata.padding = 'x'.repeat(4 * 1024 * 1024 - JSON.stringify(body).length);
    assert.equal(JSON.stringify(body).length, 4 * 1024 * 1024);
    const put = await request(fn, 'PUT', '/v1/projects/big/flags', { body });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const got = await request(fn, 'GET', '/v1/projects/big/flags');
    assert.equal(got.json.data.definition.metadata.padding.length, body.metadata.padding.length);
    const published = await request(fn, 'GET', '/v1/projects/big/published');
    assert.equal(published.json.data.version, 1, JSON.stringify(published.json));
  });

  test('concurrent publishes to one project all land, each as its own version', async () => {
    const writers = 8;  // fun runs up to 10 bootstraps side by side, each its own Lambda instance
    const answers = await Promise.all(
      Array.from({ length: writers }, (_, i) => request(fn, 'PUT', '/v1/projects/race/flags', { body: flagSet(i + 1) })),
    );
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.json));
    const versions = answers.map((a) => a.json.data.version).sort((x, y) => x - y);
    assert.deepEqual(versions, Array.from({ length: writers }, (_, i) => i + 1));
    const history = await request(fn, 'GET', '/v1/projects/race/versions');
    assert.equal(history.json.data.version, writers);
  });
});
