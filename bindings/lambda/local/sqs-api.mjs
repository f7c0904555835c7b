// SQS's JSON protocol (x-amz-json-1.0, X-Amz-Target: AmazonSQS.ACTION), as the local tools
// speak it to the local server: the requests the AWS SDKs send, unsigned (fauxqs needs no
// signature).
export async function sqsCall(endpoint, action, body, { signal } = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  let answer = {};
  try {
    if (text) answer = JSON.parse(text);
  } catch {
    throw new Error(`${action}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) throw new Error(`${action}: HTTP ${res.status} ${answer.__type ?? ''} ${answer.message ?? ''}`.trim());
  return answer;
}
