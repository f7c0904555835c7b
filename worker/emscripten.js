// Entry module with the Emscripten build of the core (build/wasm-emscripten, preset
// `wasm-emscripten`): `wrangler dev worker/emscripten.js`. Otherwise as worker/index.js.
import flagportModule from '../build/wasm-emscripten/flagport.wasm';
import flagportObjectModule from '../build/wasm-emscripten/flagport-object.wasm';
import { installCore } from './core.js';
import { worker } from './worker.js';

installCore(flagportModule, flagportObjectModule);

export { ProjectObject } from './project-object.js';
export default worker;
