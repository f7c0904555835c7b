// The module instance of this isolate, shared by the Worker and the Durable Objects
// it hosts. The entry module hands over the compiled module at global scope, so it is
// instantiated once per isolate, before the first request, with the settings read
// once (`env` is importable at global scope).
import { env } from 'cloudflare:workers';
import { settingsFrom } from '../bindings/cloudflare/bindings.js';
import { Core } from '../bindings/cloudflare/core.js';

let current = null;

export function installCore(flagportModule) {
  current = new Core(flagportModule, settingsFrom(env));
}

export function core() {
  return current;
}
