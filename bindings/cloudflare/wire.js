// The byte format of the wasm boundary (wasm/wire.hpp): little-endian u8, u32, i64,
// and byte strings as a u32 length followed by the bytes.

const utf8 = new TextEncoder();
const text = new TextDecoder();

export class Writer {
  #bytes = new Uint8Array(256);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  u8(value) {
    this.#reserve(1);
    this.#view.setUint8(this.#length, value);
    this.#length += 1;
  }

  u32(value) {
    this.#reserve(4);
    this.#view.setUint32(this.#length, value, true);
    this.#length += 4;
  }

  i64(value) {
    this.#reserve(8);
    this.#view.setBigInt64(this.#length, BigInt(value), true);
    this.#length += 8;
  }

  // A string is written as UTF-8; bytes (Uint8Array, ArrayBuffer) as they are.
  bytes(value) {
    if (typeof value === 'string') return this.#utf8(value);
    const raw = new Uint8Array(value);
    this.u32(raw.length);
    this.#reserve(raw.length);
    this.#bytes.set(raw, this.#length);
    this.#length += raw.length;
  }

  finish() {
    return this.#bytes.subarray(0, this.#length);
  }

  // Encoded in place: at most 3 bytes per UTF-16 unit, the length patched in after.
  #utf8(value) {
    this.#reserve(4 + value.length * 3);
    const { written } = utf8.encodeInto(value, this.#bytes.subarray(this.#length + 4));
    this.#view.setUint32(this.#length, written, true);
    this.#length += 4 + written;
  }

  #reserve(n) {
    if (this.#length + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + n));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }
}

export class Reader {
  #bytes;
  #view;
  #offset = 0;

  constructor(bytes) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8() {
    return this.#view.getUint8(this.#advance(1));
  }

  u32() {
    return this.#view.getUint32(this.#advance(4), true);
  }

  i64() {
    return Number(this.#view.getBigInt64(this.#advance(8), true));
  }

  // A copy, so it outlives the module memory it was read from.
  bytes() {
    const length = this.u32();
    const start = this.#advance(length);
    return this.#bytes.slice(start, start + length);
  }

  string() {
    const length = this.u32();
    const start = this.#advance(length);
    return length <= 64 ? shortString(this.#bytes, start, start + length) : text.decode(this.#bytes.subarray(start, start + length));
  }

  #advance(n) {
    const start = this.#offset;
    if (start + n > this.#bytes.length) throw new RangeError('wasm message ends early');
    this.#offset += n;
    return start;
  }
}

// Header names, keys and ids are short and mostly ASCII, where a TextDecoder call costs
// more than the decoding itself.
function shortString(bytes, start, end) {
  let out = '';
  for (let i = start; i < end; i++) {
    if (bytes[i] > 0x7f) return text.decode(bytes.subarray(start, end));
    out += String.fromCharCode(bytes[i]);
  }
  return out;
}
