// The byte format of the wasm boundary (wasm/wire.hpp): little-endian u8, u32, i64,
// and byte strings as a u32 length followed by the bytes.

const utf8 = new TextEncoder();
const text = new TextDecoder();
const twoTo32 = 2 ** 32;

// Writes into the bytes its space hands out (space.bytes(minLength, keptLength): at
// least minLength bytes, the first keptLength of the previous ones carried over), so a
// message can be encoded straight into the module's memory (input-region.js). One
// Writer is reused for every message: start() begins the next one.
export class Writer {
  #space;
  #bytes = null;
  #view = null;
  #length = 0;

  constructor(space) {
    this.#space = space;
  }

  start() {
    this.#length = 0;
    this.#use(this.#space.bytes(0, 0));
    return this;
  }

  get length() {
    return this.#length;
  }

  u8(value) {
    this.#reserve(1);
    this.#bytes[this.#length] = value;
    this.#length += 1;
  }

  u32(value) {
    this.#reserve(4);
    this.#view.setUint32(this.#length, value, true);
    this.#length += 4;
  }

  // A safe integer, split into its two 32-bit halves (no BigInt needed).
  i64(value) {
    this.#reserve(8);
    const high = Math.floor(value / twoTo32);
    this.#view.setUint32(this.#length, value - high * twoTo32, true);
    this.#view.setInt32(this.#length + 4, high, true);
    this.#length += 8;
  }

  // A string is written as UTF-8; bytes (Uint8Array, ArrayBuffer) as they are.
  bytes(value) {
    if (typeof value === 'string') return this.#utf8(value);
    const raw = value instanceof Uint8Array ? value : new Uint8Array(value);
    this.u32(raw.length);
    this.#reserve(raw.length);
    this.#bytes.set(raw, this.#length);
    this.#length += raw.length;
  }

  // Encoded in place: at most 3 bytes per UTF-16 unit, the length patched in after.
  #utf8(value) {
    this.#reserve(4 + value.length * 3);
    const start = this.#length + 4;
    const written = value.length <= 64 ? shortUtf8(value, this.#bytes, start) : -1;
    const length = written >= 0 ? written : utf8.encodeInto(value, this.#bytes.subarray(start)).written;
    this.#view.setUint32(this.#length, length, true);
    this.#length = start + length;
  }

  #reserve(n) {
    if (this.#length + n > this.#bytes.length) this.#use(this.#space.bytes(this.#length + n, this.#length));
  }

  #use(bytes) {
    if (bytes === this.#bytes) return;
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

export function u32At(bytes, at) {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

// Reads bytes[start, end) of a byte array, e.g. a message in the module's memory read
// in place: no view or copy is made until a value needs one.
export class Reader {
  #bytes;
  #offset;
  #end;

  constructor(bytes, start = 0, end = bytes.length) {
    this.#bytes = bytes;
    this.#offset = start;
    this.#end = end;
  }

  u8() {
    return this.#bytes[this.#advance(1)];
  }

  u32() {
    return u32At(this.#bytes, this.#advance(4));
  }

  i64() {
    const low = this.u32();
    const high = this.u32() | 0;
    return high * twoTo32 + low;
  }

  // A copy, so it outlives the module memory it was read from.
  bytes() {
    const length = this.u32();
    const start = this.#advance(length);
    return this.#bytes.slice(start, start + length);
  }

  // The UTF-8 text of bytes[at, at + length) of the whole array the message is in (a body
  // the message points at rather than carries): a string, not a copy of the bytes, since
  // every ArrayBuffer is off-heap memory a Worker's isolate pays to track and collect.
  textAt(at, length) {
    if (at + length > this.#bytes.length) throw new RangeError('wasm message points past the memory');
    return text.decode(this.#bytes.subarray(at, at + length));
  }

  string() {
    const length = this.u32();
    const start = this.#advance(length);
    return length <= 64 ? shortString(this.#bytes, start, start + length) : text.decode(this.#bytes.subarray(start, start + length));
  }

  #advance(n) {
    const start = this.#offset;
    if (start + n > this.#end) throw new RangeError('wasm message ends early');
    this.#offset += n;
    return start;
  }
}

// Header names, keys and ids are short and mostly ASCII, where a TextEncoder or
// TextDecoder call costs more than the coding itself. -> bytes written, or -1 when the
// string is not ASCII (left to the TextEncoder).
function shortUtf8(value, bytes, start) {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit > 0x7f) return -1;
    bytes[start + i] = unit;
  }
  return value.length;
}

// The short strings of messages repeat (header names, content types, effect targets):
// each is decoded once and then recognised by its bytes, so reading it again makes no
// string at all, garbage a Worker's isolate would pay to collect. Slots by a hash of the
// bytes; a new string takes its slot over.
const recentStrings = new Array(256).fill('');

// Makes an ASCII string the host is about to see come back (a request's id) known, as if
// it had been read already.
export function expectString(value) {
  if (value.length > 64) return;
  let hash = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit > 0x7f) return;
    hash = (Math.imul(hash, 31) + unit) | 0;
  }
  recentStrings[hash & 255] = value;
}

function shortString(bytes, start, end) {
  let hash = end - start;
  for (let i = start; i < end; i++) {
    if (bytes[i] > 0x7f) return text.decode(bytes.subarray(start, end));
    hash = (Math.imul(hash, 31) + bytes[i]) | 0;
  }
  const slot = hash & 255;
  const recent = recentStrings[slot];
  if (recent.length === end - start && sameAscii(recent, bytes, start)) return recent;
  const decoded = end - start <= 12 ? asciiString(bytes, start, end) : text.decode(bytes.subarray(start, end));
  recentStrings[slot] = decoded;
  return decoded;
}

function sameAscii(string, bytes, start) {
  for (let i = 0; i < string.length; i++) {
    if (string.charCodeAt(i) !== bytes[start + i]) return false;
  }
  return true;
}

// Up to 12 characters V8 makes each step a flat string (no rope to flatten later).
function asciiString(bytes, start, end) {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
  return out;
}
