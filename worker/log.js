// The worker's own log lines, in the core's shape (core/ports/log.hpp): one JSON object per line.
export function logError(event, fields) {
  console.error(JSON.stringify({ ...fields, level: 'error', event }));
}
