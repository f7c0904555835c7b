// Objects' alarms on Lambda: a commit keeps the alarm on the object's state item, in the
// objects table's due index, and the EventBridge schedule (App::scheduled) wakes the objects
// whose alarm time has come, found by a Query of that index, never a scan. The real bootstrap
// under real @vercel/fun, on real dynalite, whose tables the test also reads and sets up.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import {
  devTaskRoot, dynaliteForTheFile, dynamo, flagSet, invoke, lambdaFunction, REGION, request, scheduledEvent,
} from './harness.mjs';

const OBJECTS = 'flagport-objects';
const RETRY_SECONDS = 1;  // PUBLISH_RETRY_SECONDS: every commit sets the alarm this far ahead

const db = dynaliteForTheFile();

const stateKey = (project) => ({ object: { S: project }, key: { S: 'state' } });

async function stateItem(project) {
  const { Item } = await dynamo(db.endpoint, 'GetItem', { TableName: OBJECTS, Key: stateKey(project), ConsistentRead: true });
  return Item;
}

// Waits until the clock has passed every given epoch-ms time (the test waits on the machine,
// it asserts nothing about its speed).
async function passed(...times) {
  const last = Math.max(...times);
  while (Date.now() <= last) await sleep(last - Date.now() + 1);
}

describe('the schedule wakes the objects whose alarm is due', () => {
  let fn;
  const due = {};  // project -> its alarm after the publish
  before(async () => {
    // kv-publish: the KV write after a commit fails for fault-* projects; ddb-conflict: the
    // first commit of each call into one is refused, the wake's alarm update included.
    fn = await lambdaFunction(devTaskRoot, {
      DYNAMODB_ENDPOINT: db.endpoint, FLAGPORT_FAULTS: 'kv-publish,ddb-conflict', PUBLISH_RETRY_SECONDS: String(RETRY_SECONDS),
    });
  });
  after(() => fn?.destroy());

  const sweep = async () => {
    const { error, payload } = await invoke(fn, scheduledEvent());
    assert.equal(error, undefined, JSON.stringify(payload));
    return payload;
  };

  test('a commit keeps the alarm it sets on the state item, as the due index\'s keys', async () => {
    for (const project of ['plain', 'fault-held', 'later']) {
      const start = Date.now();
      const put = await request(fn, 'PUT', `/v1/projects/${project}/flags`, { body: flagSet(1) });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const item = await stateItem(project);
      due[project] = Number(item.due?.N);
      assert.ok(due[project] >= start + RETRY_SECONDS * 1000 && due[project] <= Date.now() + RETRY_SECONDS * 1000,
        `${project}: due ${item.due?.N} is not the commit time + ${RETRY_SECONDS} s`);
      assert.deepEqual(item.dueShard, { S: 'due' });
      assert.equal(item.rev.N, '1');
    }
    assert.equal((await request(fn, 'GET', '/v1/projects/fault-held/published')).status, 404, 'kv-publish held the copy back');
  });

  test('only the due objects are woken; the one whose KV write failed converges', async () => {
    // An alarm an hour ahead (what a scheduled flag change will set): not due at this sweep.
    const inAnHour = Date.now() + 3_600_000;
    await dynamo(db.endpoint, 'UpdateItem', {
      TableName: OBJECTS, Key: stateKey('later'), UpdateExpression: 'SET due = :t', ExpressionAttributeValues: { ':t': { N: String(inAnHour) } },
    });
    await passed(due.plain, due['fault-held']);

    assert.deepEqual(await sweep(), { woken: 2, failed: 0, listed: true });
    const published = await request(fn, 'GET', '/v1/projects/fault-held/published');
    assert.equal(published.status, 200, JSON.stringify(published.json));
    assert.equal(published.json.data.version, 1);
    for (const project of ['plain', 'fault-held']) {
      const item = await stateItem(project);
      // A woken object whose KV holds its revision has no alarm left; the update is a revision
      // of its own (a refused first try under ddb-conflict wrote nothing).
      assert.equal(item.due, undefined, `${project} is still due at ${item.due?.N}`);
      assert.equal(item.dueShard, undefined);
      assert.equal(item.rev.N, '2', project);
    }
    const later = await stateItem('later');
    assert.deepEqual([later.due, later.rev], [{ N: String(inAnHour) }, { N: '1' }], 'the object not due was left alone');
  });

  test('a second sweep wakes nothing; the index holds only the object with an alarm', async () => {
    assert.deepEqual(await sweep(), { woken: 0, failed: 0, listed: true });
    const { Items } = await dynamo(db.endpoint, 'Query', {
      TableName: OBJECTS, IndexName: 'due-index', KeyConditionExpression: 'dueShard = :s', ExpressionAttributeValues: { ':s': { S: 'due' } },
    });
    assert.deepEqual(Items.map((item) => item.object.S), ['later']);
  });

  test('an object has one alarm, the last one set: a later commit replaces it', async () => {
    // Adding a client key commits the state and sets the publish-retry alarm, sooner than the
    // one an hour ahead, which it replaces (a woken object sets its next alarm itself).
    const before = Number((await stateItem('later')).due.N);
    const key = await request(fn, 'POST', '/v1/projects/later/keys', { body: { name: 'k' } });
    assert.equal(key.status, 200, JSON.stringify(key.json));
    assert.ok(Number((await stateItem('later')).due.N) < before);
  });
  test('a commit DynamoDB refused wrote no audit entry; the one that won wrote one', async () => {
    // Every commit into fault-held was refused once (ddb-conflict) and tried again; the wake's
    // alarm update changed nothing an admin did, so it has no entry either.
    const audit = await request(fn, 'GET', '/v1/projects/fault-held/audit');
    assert.equal(audit.status, 200, JSON.stringify(audit.json));
    assert.deepEqual(audit.json.data.entries.map((e) => [e.seq, e.action, e.versionBefore, e.versionAfter]),
      [[1, 'flags.publish', 0, 1]]);
    const later = await request(fn, 'GET', '/v1/projects/later/audit');
    assert.deepEqual(later.json.data.entries.map((e) => e.action), ['keys.create', 'flags.publish']);
  });
});

test('an objects table made before the due index is refused, with what to do', async () => {
  await dynamo(db.endpoint, 'CreateTable', {
    TableName: 'old-objects', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'object', AttributeType: 'S' }, { AttributeName: 'key', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'object', KeyType: 'HASH' }, { AttributeName: 'key', KeyType: 'RANGE' }],
  });
  const run = await promisify(execFile)(path.join(devTaskRoot, 'bootstrap'), ['--create-tables'], {
    env: { DYNAMODB_ENDPOINT: db.endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
      FLAGPORT_KV_TABLE: 'old-kv', FLAGPORT_OBJECTS_TABLE: 'old-objects' },
  }).catch((error) => error);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /old-objects exists without the index due-index/);
});
