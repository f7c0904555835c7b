// One instance of the module: its App, its memory, the runs in flight in it.
// Any exception out of a call into it (a trap, a stack overflow, proc_exit) leaves
// its memory in an unknown state, so the instance is marked dead and never used
// again; every run still in it fails with InstanceDead.
import { decodePoll, encodeResults } from './messages.js';
import { wasiImports } from './wasi.js';

export class InstanceDead extends Error {
  constructor(cause) {
    super('the wasm instance trapped and was discarded', { cause });
  }
}

export class CoreInstance {
  #exports;
  #dead = null;

  // Synchronous: a compiled module instantiates synchronously in Workers.
  constructor(module, settings) {
    let memory = null;
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasiImports(() => memory) });
    this.#exports = instance.exports;
    memory = this.#exports.memory;
    this.#guard(() => {
      this.#exports._initialize();
      const status = this.#withBytes(settings, (ptr, len) => this.#exports.flagport_init(ptr, len));
      if (status !== 0) throw new Error(`flagport_init refused the settings (${status})`);
    });
  }

  get dead() {
    return this.#dead !== null;
  }

  // entry: 'flagport_http' | 'flagport_object' | 'flagport_alarm' | 'flagport_internal_error'
  start(entry, payload) {
    return this.#guard(() => {
      const run = this.#withBytes(payload, (ptr, len) => this.#exports[entry](ptr, len));
      if (run === 0) throw new Error(`${entry} refused its input`);
      return run;
    });
  }

  poll(run, readResult) {
    return this.#guard(() => {
      const at = this.#exports.flagport_poll(run);
      const length = new DataView(this.#exports.memory.buffer).getUint32(at, true);
      return decodePoll(new Uint8Array(this.#exports.memory.buffer, at + 4, length), readResult);
    });
  }

  resume(run, results) {
    this.#guard(() => {
      const status = this.#withBytes(encodeResults(results), (ptr, len) => this.#exports.flagport_resume(run, ptr, len));
      if (status !== 0) throw new Error('flagport_resume refused the results');
    });
  }

  free(run) {
    if (!this.dead) this.#guard(() => this.#exports.flagport_run_free(run));
  }

  #withBytes(bytes, call) {
    const ptr = this.#exports.flagport_alloc(bytes.length);
    new Uint8Array(this.#exports.memory.buffer, ptr, bytes.length).set(bytes);
    const result = call(ptr, bytes.length);
    this.#exports.flagport_free(ptr);
    return result;
  }

  // Conservative on purpose: whatever is thrown, the instance is not trusted again.
  #guard(call) {
    if (this.#dead) throw new InstanceDead(this.#dead);
    try {
      return call();
    } catch (error) {
      this.#dead = error;
      throw new InstanceDead(error);
    }
  }
}
