// Where the messages to one module instance are written: a region of its memory,
// allocated once and moved to a larger allocation when a message does not fit (and
// back to the resting size after, so a large upload does not keep its space from the
// core). Every entry point copies what it reads before it returns, so the region is
// free again once the call is back; writing and calling happen with no await between
// them, so runs that interleave never share it.
const restingCapacity = 16 * 1024;

export class InputRegion {
  #exports;
  #pointer = 0;
  #capacity = 0;
  #bytes = null;

  constructor(exports) {
    this.#exports = exports;
    this.#move(restingCapacity, 0);
  }

  get pointer() {
    return this.#pointer;
  }

  // The Writer's space (wire.js); keptLength 0 begins a message.
  bytes(minLength, keptLength) {
    if (minLength > this.#capacity) this.#move(Math.max(minLength, this.#capacity * 2), keptLength);
    else if (keptLength === 0 && this.#capacity > restingCapacity) this.#move(restingCapacity, 0);
    // A grown memory detaches the buffer the old view was over.
    if (this.#bytes === null || this.#bytes.buffer !== this.#exports.memory.buffer) {
      this.#bytes = new Uint8Array(this.#exports.memory.buffer, this.#pointer, this.#capacity);
    }
    return this.#bytes;
  }

  #move(capacity, keptLength) {
    const pointer = this.#exports.flagport_alloc(capacity);
    if (pointer === 0) throw new RangeError(`the module could not allocate ${capacity} bytes for a message`);
    if (this.#pointer !== 0) {
      new Uint8Array(this.#exports.memory.buffer).copyWithin(pointer, this.#pointer, this.#pointer + keptLength);
      this.#exports.flagport_free(this.#pointer);
    }
    this.#pointer = pointer;
    this.#capacity = capacity;
    this.#bytes = null;
  }
}
