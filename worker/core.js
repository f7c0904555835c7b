// The module instances of this isolate, shared by the Worker and the Durable Objects it
// hosts. The entry module hands over the compiled modules at global scope: the Worker's
// (HTTP, cron) is instantiated once per isolate before the first request, with the settings
// read once (`env` is importable at global scope); the Durable Objects' (also the queue
// consumer's) at their first call, so an isolate that only serves requests never
// instantiates it.
import { env } from 'cloudflare:workers';
import { settingsFrom } from '../bindings/cloudflare/bindings.js';
import { Core } from '../bindings/cloudflare/core.js';

let requests = null;
let objects = null;
let objectModule = null;

export function installCore(flagportModule, flagportObjectModule) {
  requests = new Core(flagportModule, settingsFrom(env));
  objectModule = flagportObjectModule;
}

// The Worker's core: App::http, App::scheduled.
export function core() {
  return requests;
}

// The Durable Objects' core: App::object, App::alarm; and App::queue for the Worker's queue().
export function objectCore() {
  objects ??= new Core(objectModule, settingsFrom(env));
  return objects;
}
