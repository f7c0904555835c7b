// The local SQS of the Lambda build: fauxqs, an SQS-compatible server that speaks the JSON
// protocol, started through its buildApp export so that it listens on 127.0.0.1 only (its own
// start function binds every interface), on a free port. It holds the queues of
// deploy/lambda-template.yaml: flagport-insights, whose messages move to flagport-insights-dlq
// once received MAX_RECEIVE_COUNT times without being deleted (the server's redrive, as SQS's).
// Queue URLs are used exactly as the server answers them.
import { buildApp } from 'fauxqs';

import { sqsCall } from './sqs-api.mjs';

export const INSIGHTS_QUEUE = 'flagport-insights';
export const INSIGHTS_DLQ = 'flagport-insights-dlq';
// The template's RedrivePolicy.maxReceiveCount (tests/deploy holds them equal).
export const MAX_RECEIVE_COUNT = 5;
// Short, so that a message answered Retry comes back within seconds (the template's is six
// times the function's timeout, as AWS advises).
export const VISIBILITY_TIMEOUT_SECONDS = 2;
const FOURTEEN_DAYS = 14 * 24 * 3600;

// { endpoint, insights, dlq, close }; each queue { name, url, arn }.
export async function startSqs({ visibilityTimeoutSeconds = VISIBILITY_TIMEOUT_SECONDS } = {}) {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${app.server.address().port}`;
  try {
    const dlq = await createQueue(endpoint, INSIGHTS_DLQ, { MessageRetentionPeriod: String(FOURTEEN_DAYS) });
    const insights = await createQueue(endpoint, INSIGHTS_QUEUE, {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVE_COUNT }),
    });
    return { endpoint, insights, dlq, close: () => app.close() };
  } catch (err) {
    await app.close();
    throw err;
  }
}

async function createQueue(endpoint, name, attributes) {
  const { QueueUrl } = await sqsCall(endpoint, 'CreateQueue', { QueueName: name, Attributes: attributes });
  const { Attributes } = await sqsCall(endpoint, 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
  return { name, url: QueueUrl, arn: Attributes.QueueArn };
}
