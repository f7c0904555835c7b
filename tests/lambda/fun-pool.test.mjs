// serve-lambda's fix for @vercel/fun's process pool (bindings/lambda/local/fun-pool.mjs), on
// real fun, the real bootstrap and real dynalite: bootstraps killed while frozen between
// invocations are replaced. Unmended, fun 1.3.6 loses a pool place to each such death and,
// from the 11th on, fails every invocation with "ResourceRequest timed out".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { mendProcessPool } from '../../bindings/lambda/local/fun-pool.mjs';
import { childPids, devTaskRoot, dynaliteForTheFile, lambdaFunction, request } from './harness.mjs';

// fun's bootstraps among this process's children (tree-kill runs `ps` as one too).
const bootstraps = () => childPids().filter((pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'bootstrap';
  } catch {
    return false;
  }
});
const state = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
};

const db = dynaliteForTheFile();

test('bootstraps killed while frozen are replaced, past the size of the pool', { timeout: 120_000 }, async () => {
  const fn = await lambdaFunction(devTaskRoot, { DYNAMODB_ENDPOINT: db.endpoint });
  mendProcessPool(fn);
  try {
    for (let i = 0; i < 12; i++) {
      const health = await request(fn, 'GET', '/v1/health');
      assert.equal(health.status, 200, `answer ${i}`);
      const [pid, ...others] = bootstraps();
      assert.deepEqual(others, [], 'one process serves one caller at a time');
      // fun sent it SIGSTOP after its answer: frozen, between invocations, when it is killed.
      while (state(pid) !== 'T') await new Promise((resolve) => setTimeout(resolve, 5));
      process.kill(pid, 'SIGKILL');
      // Dead before the next invocation (one that races the kill fails with it, as on Lambda).
      while (bootstraps().includes(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal((await request(fn, 'GET', '/v1/health')).status, 200);
  } finally {
    await fn.destroy();
  }
});
