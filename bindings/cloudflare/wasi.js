// The few WASI preview1 functions the module imports (wasm/CMakeLists.txt keeps it at
// that): stdout/stderr lines go to the console, the clock and randomness come from
// the runtime. There is no file system, no environment, no arguments.

const errno = Object.freeze({ success: 0, badf: 8, spipe: 70 });

// Thrown by proc_exit (Emscripten's abort ends there): the instance is finished.
export class WasiExit extends Error {
  constructor(code) {
    super(`wasm module exited with code ${code}`);
    this.code = code;
  }
}

export function wasiImports(memory) {
  const stream = (print) => ({ print, decoder: new TextDecoder(), partial: '' });
  const streams = { 1: stream((line) => console.log(line)), 2: stream((line) => console.error(line)) };

  const bytes = () => new Uint8Array(memory().buffer);
  const view = () => new DataView(memory().buffer);

  return {
    fd_write(fd, iovs, iovsLength, writtenOut) {
      const out = streams[fd];
      if (!out) return errno.badf;
      const data = view();
      let written = 0;
      for (let i = 0; i < iovsLength; i++) {
        const start = data.getUint32(iovs + i * 8, true);
        const length = data.getUint32(iovs + i * 8 + 4, true);
        out.partial += out.decoder.decode(bytes().subarray(start, start + length), { stream: true });
        written += length;
      }
      const complete = out.partial.split('\n');
      out.partial = complete.pop();
      for (const line of complete) out.print(line);
      data.setUint32(writtenOut, written, true);
      return errno.success;
    },
    fd_close: () => errno.success,
    fd_seek: () => errno.spipe,
    clock_time_get(_clock, _precision, timeOut) {
      view().setBigUint64(timeOut, BigInt(Date.now()) * 1_000_000n, true);
      return errno.success;
    },
    random_get(buffer, length) {
      for (let offset = 0; offset < length; offset += 65536) {
        crypto.getRandomValues(bytes().subarray(buffer + offset, buffer + Math.min(length, offset + 65536)));
      }
      return errno.success;
    },
    proc_exit(code) {
      throw new WasiExit(code);
    },
  };
}
