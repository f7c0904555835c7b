// One instance of the module: its App, its memory, the runs in flight in it.
// Any exception out of a call into it (a trap, a stack overflow, proc_exit) leaves
// its memory in an unknown state, so the instance is marked dead and never used
// again; every run still in it fails with InstanceDead.
import { InputRegion } from './input-region.js';
import { decodePoll, decodeRequestHeaders, encodeResults, encodeSettings } from './messages.js';
import { wasiImports } from './wasi.js';
import { Reader, Writer, u32At } from './wire.js';

export class InstanceDead extends Error {
  constructor(cause) {
    super('the wasm instance trapped and was discarded', { cause });
  }
}

export class CoreInstance {
  #exports;
  #input;
  #writer;
  #requestHeaders;
  #maxBodyBytes;
  #memory = null;
  #dead = null;

  // Synchronous: a compiled module instantiates synchronously in Workers.
  constructor(module, settings) {
    let memory = null;
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasiImports(() => memory) });
    this.#exports = instance.exports;
    memory = this.#exports.memory;
    this.#guard(() => {
      this.#exports._initialize();
      this.#input = new InputRegion(this.#exports);
      this.#writer = new Writer(this.#input);
      const status = this.#withMessage((out) => encodeSettings(out, settings), (ptr, len) => this.#exports.flagport_init(ptr, len));
      if (status !== 0) throw new Error(`flagport_init refused the settings (${status})`);
      this.#requestHeaders = decodeRequestHeaders(this.#framed(this.#exports.flagport_request_headers()));
      this.#maxBodyBytes = this.#exports.flagport_max_body_bytes() >>> 0;
    });
  }

  // The names of the only request headers an HTTP call needs to carry.
  get requestHeaders() {
    return this.#requestHeaders;
  }

  // The longest request body the core reads (core/http/limits.hpp).
  get maxBodyBytes() {
    return this.#maxBodyBytes;
  }

  get dead() {
    return this.#dead !== null;
  }

  // Whether the core left work for after a response (flagport_has_pending_work).
  hasPendingWork() {
    return !this.dead && this.#guard(() => this.#exports.flagport_has_pending_work() !== 0);
  }

  // entry: 'flagport_http' | 'flagport_object' | 'flagport_alarm' | 'flagport_scheduled' |
  // 'flagport_queue' | 'flagport_after' | 'flagport_internal_error';
  // encode(out) writes its input message.
  start(entry, encode) {
    return this.#guard(() => {
      const run = this.#withMessage(encode, (ptr, len) => this.#exports[entry](ptr, len));
      if (run === 0) throw new Error(`${entry} refused its input`);
      return run;
    });
  }

  poll(run, readResult) {
    return this.#guard(() => {
      return decodePoll(this.#framed(this.#exports.flagport_poll(run)), readResult);
    });
  }

  resume(run, results) {
    this.#guard(() => {
      const status = this.#withMessage((out) => encodeResults(out, results), (ptr, len) => this.#exports.flagport_resume(run, ptr, len));
      if (status !== 0) throw new Error('flagport_resume refused the results');
    });
  }

  free(run) {
    if (!this.dead) this.#guard(() => this.#exports.flagport_run_free(run));
  }

  // A Reader of the message at `at`, [u32 length][message], in the module's memory. The
  // view of the memory is made again only when the memory grew (which detaches the old
  // buffer): every object made per request is garbage the Worker's isolate pays for.
  #framed(at) {
    const buffer = this.#exports.memory.buffer;
    if (this.#memory?.buffer !== buffer) this.#memory = new Uint8Array(buffer);
    return new Reader(this.#memory, at + 4, at + 4 + u32At(this.#memory, at));
  }

  // Encoded straight into the input region and handed over at once: nothing may run
  // in between that could write another message there.
  #withMessage(encode, call) {
    const out = this.#writer.start();
    encode(out);
    return call(this.#input.pointer, out.length);
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
