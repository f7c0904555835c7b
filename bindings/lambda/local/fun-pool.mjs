// A fix for @vercel/fun's process pool (1.3.6, providers/native), applied to one function.
//
// fun keeps idle bootstraps in a generic-pool (at most 10), frozen with SIGSTOP. It learns that
// one died only through the invocation running in it, so a process that dies while it is not
// inside an invocation stays in the pool, and the next invocation that draws it never gives it
// back: `unfreezeProcess` (SIGCONT) throws ESRCH before anything can release or destroy it, or,
// when the process died before it asked for its next event, the invocation waits forever for
// that request. Either way one of the 10 places is lost for good; after 10 such deaths every
// invocation fails with "ResourceRequest timed out". The same happens when the process dies
// between its answer and fun's SIGSTOP (`freezeProcess` throws). AWS Lambda itself replaces an
// execution environment whose process died; this makes fun do the same:
//   * a process drawn from the pool dead (or dying) is destroyed, and another one drawn;
//   * an invocation ends when its process exits, with fun's own "Unhandled" answer;
//   * a process that cannot be frozen after its answer is destroyed, not put back.
import { readFileSync } from 'node:fs';

// fun's pool holds at most this many bootstraps (1.3.6); tests that must reach every process
// of it size their load by it.
export const FUN_POOL_SIZE = 10;
const DRAWS = 2 * FUN_POOL_SIZE;  // a pool cannot hold more dead processes than that

function dead(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return true;
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;  // reaped
  }
}

// `work` (a promise), or fun's answer for a process that died, whichever comes first.
async function untilExit(proc, server, work) {
  let onExit;
  const exit = new Promise((resolve) => {
    onExit = () => resolve(processExited(server));
    if (proc.exitCode !== null || proc.signalCode !== null) onExit();
    else proc.once('exit', onExit);
  });
  try {
    return await Promise.race([work, exit]);
  } finally {
    proc.removeListener('exit', onExit);
  }
}

const processExited = (server) => ({
  StatusCode: 200,
  FunctionError: 'Unhandled',
  ExecutedVersion: '$LATEST',
  Payload: JSON.stringify({ errorMessage: `RequestId: ${server.currentRequestId} Process exited before completing request` }),
});

// fn: what createFunction returned. Refuses a fun whose provider is not the one this fixes.
export function mendProcessPool(fn) {
  const provider = fn.provider;
  for (const name of ['pool', 'runtimeApis', 'freezeProcess', 'unfreezeProcess']) {
    if (!provider?.[name]) throw new Error(`mendProcessPool: @vercel/fun's native provider has no ${name}; is it still 1.3.6?`);
  }
  const { pool, runtimeApis } = provider;

  // A live, unfrozen process with its Runtime API server, ready for an invocation.
  async function draw() {
    for (let i = 0; i < DRAWS; i++) {
      const proc = await pool.acquire();
      const server = runtimeApis.get(proc);
      if (!server || dead(proc)) {
        await pool.destroy(proc);
        continue;
      }
      if (server.initDeferred) {
        // Just started: wait for its first request for an event (or its init error).
        const initError = await untilExit(proc, server, server.initDeferred.promise);
        if (initError) {
          await pool.destroy(proc);
          return { initError };
        }
        return { proc, server };
      }
      try {
        provider.unfreezeProcess(proc);
      } catch {
        await pool.destroy(proc);  // it died frozen
        continue;
      }
      return { proc, server };
    }
    throw new Error(`no live process after ${DRAWS} draws from the pool`);
  }

  provider.invoke = async function invoke(params) {
    const { proc, server, initError } = await draw();
    if (initError) return initError;
    let result;
    try {
      result = await untilExit(proc, server, server.invoke(params));
    } catch (err) {
      result = { StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST', Payload: JSON.stringify({ errorMessage: err.message }) };
    }
    if (result.FunctionError === 'Unhandled' || dead(proc)) {
      await pool.destroy(proc);
      return result;
    }
    try {
      provider.freezeProcess(proc);
    } catch {
      await pool.destroy(proc);  // it died after its answer
      return result;
    }
    await pool.release(proc);
    return result;
  };
}
