// @vercel/fun instrumented from inside the bench's process: every runtime process it starts
// gets a probe, and its Runtime API server stamps the probe when it hands out an event
// (the answer to GET .../invocation/next), when the runtime's POST .../response arrives, and
// when the runtime asks for the next event again. So per invocation:
//   duration  handed out -> response posted (the runtime's own time for the answer)
//   lastAfter response posted -> next GET .../next of the invocation before (the work after
//             its answer, which Lambda bills too), known once the runtime asks for the next one
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RuntimeServer } = require('@vercel/fun/dist/src/runtime-server');
const NativeProvider = require('@vercel/fun/dist/src/providers/native').default;

const now = () => performance.now();
const probes = new WeakMap(); // RuntimeServer -> probe

const createProcess = NativeProvider.prototype.createProcess;
NativeProvider.prototype.createProcess = async function createProcessProbed() {
  const probe = {
    spawnedAt: now(), firstNextAt: null, firstResponseAt: null, handedOutAt: null, respondedAt: null,
    duration: null, lastAfter: null,
  };
  const proc = await createProcess.call(this);
  probe.pid = proc.pid;
  probes.set(this.runtimeApis.get(proc), probe);
  this.probe = probe;
  return proc;
};
const handleNext = RuntimeServer.prototype.handleNextInvocation;
RuntimeServer.prototype.handleNextInvocation = function handleNextProbed(req, res) {
  const probe = probes.get(this);
  const at = now();
  probe.firstNextAt ??= at;
  if (probe.respondedAt !== null) probe.lastAfter = at - probe.respondedAt;
  const end = res.end;
  res.end = function endProbed(...args) {
    probe.handedOutAt = now();
    return end.apply(this, args);
  };
  return handleNext.call(this, req, res);
};
const handleResponse = RuntimeServer.prototype.handleInvocationResponse;
RuntimeServer.prototype.handleInvocationResponse = function handleResponseProbed(req, res, requestId) {
  const probe = probes.get(this);
  const at = now();
  probe.firstResponseAt ??= at;
  probe.respondedAt = at;
  probe.duration = at - probe.handedOutAt;
  return handleResponse.call(this, req, res, requestId);
};
