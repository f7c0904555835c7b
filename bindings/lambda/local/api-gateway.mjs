// The local stand-in for API Gateway's HTTP API: an HTTP request becomes a payload 2.0
// event, the function's answer becomes the HTTP response. It only moves bytes.
import { randomUUID } from 'node:crypto';

const MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit

// A body over Lambda's limit is refused with 413 once it has been received (kept no
// further than the limit), so that the client reads the answer instead of a reset.
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(Object.assign(new Error('request body exceeds 6 MB'), { statusCode: 413 }));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function toEvent(req, body) {
  const url = new URL(req.url, 'http://gateway');
  const headers = {};
  let cookies;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    const value = req.rawHeaders[i + 1];
    if (name === 'cookie') {
      cookies = (cookies ?? []).concat(value.split(/;\s*/).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: body.length > 0,
  };
  if (cookies) event.cookies = cookies;
  if (body.length > 0) event.body = body.toString('base64');
  return event;
}

// What API Gateway answers for a function error: the function's own reply is not shown.
const FUNCTION_ERROR = { statusCode: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}' };

export function writeResult(res, result) {
  let answer;
  if (result.FunctionError) {
    answer = FUNCTION_ERROR;
    res.setHeader('x-amz-function-error', result.FunctionError);
  } else {
    try {
      answer = JSON.parse(String(result.Payload));
    } catch {
      answer = FUNCTION_ERROR;
    }
  }
  if (typeof answer?.statusCode !== 'number') answer = FUNCTION_ERROR;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, String(value));
  if (Array.isArray(answer.cookies) && answer.cookies.length > 0) res.setHeader('set-cookie', answer.cookies);
  res.statusCode = answer.statusCode;
  const body = answer.body ?? '';
  res.end(answer.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export function scheduledEvent() {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/flagport-sweep'],
    detail: {},
  };
}
