// Entry module with the wasi-sdk / clang-16 build of the core (build/wasm, preset `wasm`).
// worker/emscripten.js is the same with the Emscripten build; the ABI is one.
import flagportModule from '../build/wasm/flagport.wasm';
import flagportObjectModule from '../build/wasm/flagport-object.wasm';
import { installCore } from './core.js';
import { worker } from './worker.js';

installCore(flagportModule, flagportObjectModule);

export { ProjectObject } from './project-object.js';
export default worker;
