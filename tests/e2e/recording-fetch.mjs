// The fetch the OpenFeature providers are given: it passes every request to the real server
// unchanged and keeps a copy of the exchange, so the tests can see what went over the wire
// (If-None-Match, 304s) and check and compare the server's answers.
export function recordingFetch() {
  let exchanges = [];

  async function fetchAndRecord(input, init) {
    const request = new Request(input, init);
    const requestBody = await request.clone().text();
    const response = await fetch(request);
    const text = await response.text();
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      ifNoneMatch: request.headers.get("if-none-match"),
      requestBody,
      status: response.status,
      headers: response.headers,
      text,
    });
    // The body was read here; the provider gets the same answer, freshly readable.
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  return {
    fetch: fetchAndRecord,
    // What was recorded since the last take, oldest first.
    take() {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
    seen: () => exchanges.slice(),
  };
}

// Waits until check() returns something truthy, polling; fails with `what` after timeoutMs.
export async function eventually(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
