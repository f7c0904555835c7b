// Checked deploys: what `wrangler deploy` and `sam deploy` would be given, checked without
// an account and without the network.
// * Worker: `wrangler deploy --dry-run --outdir` for both entry modules (worker/index.js,
//   wasi-sdk / clang-16; worker/emscripten.js, Emscripten): sizes and their margins against
//   the Workers limits, the wasm module, exports, bindings, migrations and queues (worker.mjs).
// * Lambda: deploy/lambda-template.yaml through cfn-lint (AWS's linter, with the real SAM
//   translator) and through template.mjs, which holds it against bindings/lambda: IAM actions
//   per table and queue, references, keys, TTL, queues, environment, package (see template.mjs
//   for why both).
// Each check also runs on a broken input, so that it is known to be able to fail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { checkTemplateText, lambdaCodeFacts, root, templatePath } from './template.mjs';
import {
  ENTRIES, bindingProblems, bundleFacts, coreQueues, dryRun, expectedBindings, isolated, migrationProblems, offline,
  parseDryRun, queueProblems, readWranglerToml, sizeReport,
} from './worker.mjs';

const scratch = mkdtempSync(path.join(tmpdir(), 'flagport-deploy-check-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// A template small enough to read at a glance, with one dangling !Ref and one IAM action the
// code never calls (dynamodb:Scan), on top of a correct function.
const BROKEN_TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Kv:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: key, AttributeType: S }]
      KeySchema: [{ AttributeName: key, KeyType: HASH }]
      TimeToLiveSpecification: { AttributeName: expires, Enabled: true }
  Objects:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: object, AttributeType: S }, { AttributeName: key, AttributeType: S },
        { AttributeName: dueShard, AttributeType: S }, { AttributeName: due, AttributeType: N }]
      KeySchema: [{ AttributeName: object, KeyType: HASH }, { AttributeName: key, KeyType: RANGE }]
      GlobalSecondaryIndexes:
        - IndexName: due-index
          KeySchema: [{ AttributeName: dueShard, KeyType: HASH }, { AttributeName: due, KeyType: RANGE }]
          Projection: { ProjectionType: KEYS_ONLY }
  Insights:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 18
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 5 }
  Dead:
    Type: AWS::SQS::Queue
    Properties: { MessageRetentionPeriod: 1209600 }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']
      Policies:
        - PolicyName: data
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:DeleteItem]
                Resource: !GetAtt Kv.Arn
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:Scan]
                Resource: !GetAtt Objects.Arn
              - Effect: Allow
                Action: [dynamodb:Query]
                Resource: !Sub '\${Objects.Arn}/index/due-index'
              - Effect: Allow
                Action: [sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
                Resource: !GetAtt Insights.Arn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../build/lambda/flagport-lambda.zip
      Handler: bootstrap
      Runtime: provided.al2023
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          FLAGPORT_KV_TABLE: !Ref Kv
          FLAGPORT_OBJECTS_TABLE: !Ref Objects
          FLAGPORT_INSIGHTS_QUEUE_URL: !Ref Insights
          ADMIN_TOKEN: !Ref AdminTokn
      Events:
        Counts:
          Type: SQS
          Properties: { Queue: !GetAtt Insights.Arn, FunctionResponseTypes: [ReportBatchItemFailures] }
`;

// The slow parts (cfn-lint, two wrangler runs) start at once and run side by side; each is
// mostly waiting on an interpreter's start-up.
const cfnLint = (async () => {
  const broken = path.join(scratch, 'broken.yaml');
  writeFileSync(broken, BROKEN_TEMPLATE);
  // `--`: --include-checks takes several values and would swallow the file names.
  const [command, args] = offline('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', templatePath, broken]);
  const [version, run] = await Promise.all([
    promisify(execFile)('cfn-lint', ['--version']).catch(() => undefined),
    promisify(execFile)(command, args, { timeout: 120_000, maxBuffer: 16 << 20 }).catch((e) => e),
  ]);
  return { version: version?.stdout.trim(), broken, stdout: run.stdout ?? '', stderr: run.stderr ?? String(run) };
})();
const dryRuns = Promise.all(ENTRIES.filter(({ wasm }) => wasm.every((w) => existsSync(path.join(root, w)))).map(async ({ entry }) => {
  const outdir = path.join(scratch, path.basename(entry, '.js'));
  return [entry, { outdir, ...(await dryRun(entry, outdir, scratch)) }];
}));

// The real template with one thing changed; the change must apply.
function mutate(text, from, to) {
  assert.ok(text.includes(from), `the template no longer contains ${JSON.stringify(from)}: update this test`);
  return text.replace(from, to);
}

describe('SAM template (deploy/lambda-template.yaml)', () => {
  const text = readFileSync(templatePath, 'utf8');
  const facts = lambdaCodeFacts();

  test('the Lambda host is readable: DynamoDB calls per table, SQS calls and queues, keys, TTL, package', () => {
    assert.deepEqual(facts.problems, []);
    assert.ok(Object.keys(facts.operations).length >= 2, 'found the DynamoDB calls of both tables');
    assert.ok(facts.operations.FLAGPORT_KV_TABLE?.has('GetItem'), 'evaluation reads the KV table');
    assert.deepEqual([...facts.sqs.actions], ['SendMessage'], 'SendMessageBatch, authorised as SendMessage');
    assert.deepEqual(facts.sqs.queueVariables, ['FLAGPORT_INSIGHTS_QUEUE_URL']);
    assert.equal(facts.sqs.maxReceiveCount, 5);
  });

  test('cfn-lint (SAM transform, every rule level) finds nothing; it does fail a dangling !Ref', async (t) => {
    const run = await cfnLint;
    assert.ok(run.version, 'cfn-lint is not installed: `pip install cfn-lint` (it brings aws-sam-translator)');
    t.diagnostic(`linter: ${run.version} (Python, with aws-sam-translator)`);
    let matches;
    try { matches = JSON.parse(run.stdout); } catch { assert.fail(`cfn-lint gave no JSON: ${run.stdout}\n${run.stderr}`); }
    const of = (file) => matches.filter((m) => path.resolve(m.Filename) === path.resolve(file));
    assert.deepEqual(of(templatePath).map((m) => `${m.Rule.Id} ${m.Location.Path?.join('.')}: ${m.Message}`), []);
    const errors = of(run.broken).filter((m) => m.Level === 'Error');
    assert.ok(errors.some((m) => m.Message.includes('AdminTokn')), `cfn-lint missed the dangling !Ref: ${JSON.stringify(of(run.broken).map((m) => m.Message))}`);
  });

  test('references, IAM actions and resources, tables, environment and package match the code', () => {
    assert.deepEqual(checkTemplateText(text, facts), []);
  });

  test('an inline template with a dangling !Ref and an extra IAM action fails', () => {
    const problems = checkTemplateText(BROKEN_TEMPLATE, facts);
    assert.ok(problems.some((p) => p.includes('!Ref AdminTokn')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('allows dynamodb:Scan on Objects')), problems.join('\n'));
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  test('code that calls more than the template allows fails it', () => {
    const file = 'bindings/lambda/host/object_table.cpp';
    const source = readFileSync(path.join(root, file), 'utf8');
    const query = `${source}\nDynamoRequest ObjectTable::query() const { return {"Query", {{"TableName", table_}}}; }\n`;
    const queried = lambdaCodeFacts({ [file]: query });
    assert.deepEqual(queried.problems, []);
    assert.ok(checkTemplateText(text, queried).some((p) => /calls dynamodb:Query on ObjectsTable \(FLAGPORT_OBJECTS_TABLE\)/.test(p)));
    const indexFile = 'bindings/lambda/host/due_index.cpp';
    const indexSource = readFileSync(path.join(root, indexFile), 'utf8');
    const scanned = lambdaCodeFacts({ [indexFile]: `${indexSource}\nauto scan = DynamoRequest{"Scan", {}};\n` });
    assert.deepEqual(scanned.problems, []);
    assert.ok(checkTemplateText(text, scanned).some((p) => /calls dynamodb:Scan on ObjectsTable\/index\/due-index/.test(p)));
    const projected = lambdaCodeFacts({ [indexFile]: indexSource.replace('"KEYS_ONLY"', '"ALL"') });
    assert.ok(checkTemplateText(text, projected).some((p) => /due-index's ProjectionType is KEYS_ONLY, the code creates ALL/.test(p)));

    const stranger = lambdaCodeFacts({ 'bindings/lambda/host/audit.cpp': 'auto r = DynamoRequest{"PutItem", {}};' });
    assert.ok(stranger.problems.some((p) => /audit.cpp names DynamoDB operations \(PutItem\)/.test(p)), stranger.problems.join('\n'));
    const sns = lambdaCodeFacts({ 'bindings/lambda/aws/sns.cpp': 'h = "X-Amz-Target: AmazonSNS.Publish"; u = "https://sns." + region;' });
    assert.ok(sns.problems.some((p) => /X-Amz-Target AmazonSNS.Publish/.test(p)), sns.problems.join('\n'));
    assert.ok(sns.problems.some((p) => /calls https:\/\/sns\./.test(p)), sns.problems.join('\n'));
    const sqsFile = 'bindings/lambda/aws/sqs_client.cpp';
    const purged = lambdaCodeFacts({ [sqsFile]: `${readFileSync(path.join(root, sqsFile), 'utf8')}\nauto purge = "X-Amz-Target: AmazonSQS.PurgeQueue";\n` });
    assert.deepEqual(purged.problems, []);
    assert.ok(checkTemplateText(text, purged).some((p) => /the code calls sqs:PurgeQueue on InsightsQueue \(FLAGPORT_INSIGHTS_QUEUE_URL\)/.test(p)));
    const queuesFile = 'bindings/lambda/host/queues.cpp';
    const audit = lambdaCodeFacts({ [queuesFile]: `${readFileSync(path.join(root, queuesFile), 'utf8')}\nauto audit = "FLAGPORT_AUDIT_QUEUE_URL";\n` });
    assert.ok(checkTemplateText(text, audit).some((p) => /FLAGPORT_AUDIT_QUEUE_URL must be !Ref to one of the stack's queues/.test(p)));
    const comment = lambdaCodeFacts({ 'bindings/lambda/host/notes.cpp': '// "Query" would be faster\n' });
    assert.deepEqual(comment.problems, [], 'names in comments are not calls');
  });

  test('the real template, broken one way at a time, fails', () => {
    const objectActions = 'dynamodb:UpdateItem, dynamodb:DeleteItem]';
    const cases = [
      ['an extra action', objectActions, 'dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:Scan]', /allows dynamodb:Scan on ObjectsTable/],
      ['a missing action', objectActions, 'dynamodb:DeleteItem]', /calls dynamodb:UpdateItem on ObjectsTable/],
      ['a wildcard action', objectActions, 'dynamodb:*]', /dynamodb:\* is not a single DynamoDB or SQS action/],
      ['the index query on the table', "Resource: !Sub '${ObjectsTable.Arn}/index/due-index'", 'Resource: !GetAtt ObjectsTable.Arn', /calls dynamodb:Query on ObjectsTable\/index\/due-index/],
      ['the index query on every index', "Resource: !Sub '${ObjectsTable.Arn}/index/due-index'", "Resource: !Sub '${ObjectsTable.Arn}/index/*'", /is not one of the stack's tables, indexes or queues/],
      ['another index name', '- IndexName: due-index', '- IndexName: due', /GlobalSecondaryIndexes: no due-index, which the code queries/],
      ['another index projection', 'Projection: { ProjectionType: KEYS_ONLY }', 'Projection: { ProjectionType: ALL }', /due-index's ProjectionType is ALL/],
      ['a due time of type S', '{ AttributeName: due, AttributeType: N }', '{ AttributeName: due, AttributeType: S }', /due must be of type N/],
      ['an unscoped resource', 'Resource: !GetAtt KvTable.Arn', 'Resource: "*"', /"\*" is not one of the stack's tables/],
      ['a dangling !GetAtt', 'Resource: !GetAtt KvTable.Arn', 'Resource: !GetAtt KvTabel.Arn', /!GetAtt KvTabel names no/],
      ['a dangling ${} in !Sub', '${ServerlessHttpApi}', '${ServerlessHttpAPI}', /\$\{\} in !Sub ServerlessHttpAPI/],
      ['a table variable typo', 'FLAGPORT_KV_TABLE: !Ref KvTable', 'FLAGPORT_KV_TABEL: !Ref KvTable', /FLAGPORT_KV_TABEL: no source/],
      ['another key attribute', '{ AttributeName: key, KeyType: HASH }', '{ AttributeName: id, KeyType: HASH }', /KvTable.Properties.KeySchema/],
      ['no TTL', 'TimeToLiveSpecification: { AttributeName: expires, Enabled: true }', 'TimeToLiveSpecification: { AttributeName: ttl, Enabled: true }', /expires items through expires/],
      ['another runtime', 'Runtime: provided.al2023', 'Runtime: provided.al2', /Runtime is provided.al2,/],
      ['another package', 'CodeUri: ../build/lambda/flagport-lambda.zip', 'CodeUri: build/lambda/flagport-lambda.zip', /CodeUri resolves to deploy\/build/],
      ['a SAM policy template', '      Policies:\n', '      Policies:\n        - DynamoDBCrudPolicy: { TableName: !Ref KvTable }\n', /not an inline policy/],
      ['the queue\'s send right missing', 'Action: [sqs:SendMessage]', 'Action: [sqs:SendMessageBatch]', /the code calls sqs:SendMessage on InsightsQueue \(FLAGPORT_INSIGHTS_QUEUE_URL\)/],
      ['a mapping right missing', 'sqs:DeleteMessage, sqs:GetQueueAttributes]', 'sqs:DeleteMessage]', /the SQS event Insights needs sqs:GetQueueAttributes on InsightsQueue, the template does not allow it/],
      ['the mapping\'s rights on every queue', 'sqs:GetQueueAttributes]\n                Resource: !GetAtt InsightsQueue.Arn', 'sqs:GetQueueAttributes]\n                Resource: "*"', /the SQS event Insights needs sqs:ReceiveMessage/],
      ['a queue action on a table', 'Action: [sqs:SendMessage]\n                Resource: !GetAtt InsightsQueue.Arn', 'Action: [sqs:SendMessage]\n                Resource: !GetAtt KvTable.Arn', /sqs:SendMessage on KvTable, which is not a queue/],
      ['SAM\'s own role', '      Role: !GetAtt FlagportFunctionRole.Arn\n', '', /needs a Role of the stack: the role SAM generates then carries AWSLambdaSQSQueueExecutionRole/],
      ['another managed policy', 'service-role/AWSLambdaBasicExecutionRole', 'AmazonSQSFullAccess', /only AWSLambdaBasicExecutionRole/],
      ['a role anyone may assume', 'Principal: { Service: lambda.amazonaws.com }', 'Principal: "*"', /only lambda.amazonaws.com may assume/],
      ['no partial batch responses', 'FunctionResponseTypes: [ReportBatchItemFailures]', 'FunctionResponseTypes: []', /must include ReportBatchItemFailures/],
      ['a short visibility timeout', 'VisibilityTimeout: 65', 'VisibilityTimeout: 60', /VisibilityTimeout 60 is under 6 × the function's Timeout \+ the batching window = 65/],
      ['another redrive count', 'maxReceiveCount: 5', 'maxReceiveCount: 3', /maxReceiveCount is 3, the local queue \(bindings\/lambda\/local\/sqs-server.mjs\) redrives after 5/],
      ['no dead-letter queue', 'deadLetterTargetArn: !GetAtt InsightsDeadLetterQueue.Arn', 'deadLetterTargetArn: arn:aws:sqs:us-east-1:1:elsewhere', /deadLetterTargetArn must be !GetAtt QUEUE.Arn/],
      ['a dead-letter queue kept no longer', 'MessageRetentionPeriod: 1209600', 'MessageRetentionPeriod: 345600', /the dead-letter queue must keep messages longer than InsightsQueue/],
      ['the queue URL from a table', 'FLAGPORT_INSIGHTS_QUEUE_URL: !Ref InsightsQueue', 'FLAGPORT_INSIGHTS_QUEUE_URL: !Ref KvTable', /FLAGPORT_INSIGHTS_QUEUE_URL must be !Ref to one of the stack's queues/],
      ['a queue variable typo', 'FLAGPORT_INSIGHTS_QUEUE_URL: !Ref InsightsQueue', 'FLAGPORT_INSIGHTS_QUEUE: !Ref InsightsQueue', /FLAGPORT_INSIGHTS_QUEUE: no source/],
    ];
    for (const [what, from, to, expected] of cases) {
      const problems = checkTemplateText(mutate(text, from, to), facts);
      assert.ok(problems.some((p) => expected.test(p)), `${what}: expected ${expected}, got:\n${problems.join('\n')}`);
    }
  });
});

describe('Worker bundle (wrangler deploy --dry-run)', () => {
  const config = readWranglerToml();
  const runs = new Map();

  before(async () => {
    for (const { wasm, build } of ENTRIES) {
      for (const w of wasm) assert.ok(existsSync(path.join(root, w)), `${w} is missing: run \`${build}\` first (scripts/test does)`);
    }
    for (const [entry, run] of await dryRuns) runs.set(entry, run);
  });

  test('wrangler.toml names worker/index.js as main', () => {
    assert.equal(config.main, ENTRIES[0].entry);
  });

  for (const { entry, wasm } of ENTRIES) {
    describe(entry, () => {
      test('the dry run succeeds offline, without warnings', (t) => {
        const run = runs.get(entry);
        assert.ok(run.ok, run.output);
        const printed = parseDryRun(run.output);
        assert.ok(printed.dryRunDone, run.output);
        assert.deepEqual(printed.warnings, []);
        t.diagnostic(isolated() ? 'ran in a network namespace of its own (unshare -rn)' : 'unshare unavailable: ran without network isolation');
      });

      test('the upload is within the Workers size limits (margins printed)', (t) => {
        const run = runs.get(entry);
        const printed = parseDryRun(run.output);
        const bundle = bundleFacts(run.outdir, entry, wasm);
        assert.deepEqual(bundle.problems, []);
        // wrangler's own figures are of the same files: the main module and what it imports.
        assert.ok(Math.abs(printed.rawKiB - bundle.raw / 1024) < 0.01, `wrangler says ${printed.rawKiB} KiB, the output holds ${bundle.raw / 1024}`);
        assert.ok(Math.abs(printed.gzipKiB - bundle.gzip / 1024) < 0.01, `wrangler says ${printed.gzipKiB} KiB gzip, the output ${bundle.gzip / 1024}`);
        const report = sizeReport(entry, bundle.raw, bundle.gzip);
        for (const line of report.lines) t.diagnostic(line);
        assert.deepEqual(report.problems, []);
      });

      test('the wasm modules are in the upload, the bundle imports them and exports the classes', () => {
        const run = runs.get(entry);
        const bundle = bundleFacts(run.outdir, entry, wasm);
        assert.deepEqual(bundle.problems, []);
        assert.equal(bundle.modules.filter((m) => m.endsWith('-flagport.wasm')).length, 1);
        assert.equal(bundle.modules.filter((m) => m.endsWith('-flagport-object.wasm')).length, 1);
        assert.deepEqual(migrationProblems(config, bundle.exported), []);
      });

      test('the bindings wrangler prints are those wrangler.toml declares', () => {
        const printed = parseDryRun(runs.get(entry).output);
        assert.ok(printed.hasBindingTable, 'wrangler printed no bindings table');
        assert.deepEqual(bindingProblems(expectedBindings(config), printed.bindings), []);
      });
    });
  }

  test('queues: the core\'s have their producer bindings, each sent-to and dead-letter queue is consumed', () => {
    assert.deepEqual(coreQueues(), ['insights']);
    assert.deepEqual(queueProblems(config), []);
    assert.ok(config.queues.consumers.some((c) => c.dead_letter_queue), 'the insights consumer has a dead-letter queue');
  });

  test('the queue checks fail on a renamed binding, an unconsumed or misnamed dead-letter queue, a batch too large', () => {
    const [producer] = config.queues.producers;
    const [consumer, ...others] = config.queues.consumers;
    const withQueues = (producers, consumers) => ({ ...config, queues: { producers, consumers } });
    const problems = (producers, consumers) => queueProblems(withQueues(producers, consumers));
    assert.match(problems([{ ...producer, binding: 'QUEUE' }], config.queues.consumers)[0], /queue binding INSIGHTS_QUEUE is not configured/);
    assert.match(queueProblems(config, ['insights', 'audit'])[0], /the core's queue audit: no producer binding/);
    assert.match(problems(config.queues.producers, others)[0], /is sent to and never consumed/);
    assert.match(problems(config.queues.producers, [consumer])[0], /has no consumer, its messages are never logged/);
    const renamed = others.map((c) => ({ ...c, queue: 'flagport-insights-dead' }));
    assert.match(problems(config.queues.producers, [{ ...consumer, dead_letter_queue: 'flagport-insights-dead' }, ...renamed])[0], /does not end in -dlq/);
    assert.match(problems(config.queues.producers, [{ ...consumer, max_batch_size: 101 }, ...others])[0], /max_batch_size 101/);
    assert.match(problems(config.queues.producers, [consumer, ...others.map((c) => ({ ...c, dead_letter_queue: 'more-dlq' }))]).join('\n'), /has a dead-letter queue of its own/);
  });

  test('the bundle checks fail on a wrong binding, a missing class, an oversized upload', () => {
    const expected = expectedBindings(config);
    const printed = parseDryRun(runs.get(ENTRIES[0].entry).output).bindings;
    const kv = printed.find((b) => b.type === 'KV Namespace');
    assert.ok(kv, 'a KV binding is printed');
    const wrongId = printed.map((b) => (b === kv ? { ...b, value: 'another-namespace' } : b));
    assert.equal(bindingProblems(expected, wrongId).length, 2);
    assert.equal(bindingProblems(expected, printed.filter((b) => b.type !== 'Durable Object')).length, 1);
    assert.match(bindingProblems([...expected, { name: 'EXTRA', value: '"x"', type: 'Environment Variable' }], printed)[0], /EXTRA/);

    const bound = config.durable_objects.bindings[0].class_name;
    assert.match(migrationProblems(config, new Set(['default']))[0], new RegExp(`create class ${bound}, the bundle does not export it`));
    assert.match(migrationProblems({ ...config, migrations: [] }, new Set([bound]))[0], /no migration creates/);
    assert.match(migrationProblems({ ...config, migrations: [{ tag: 'v1', new_classes: [bound] }] }, new Set([bound]))[0], /not SQLite-backed/);

    assert.equal(sizeReport('x', 64 * 1024 * 1024 + 1, 1).problems.length, 1);
    assert.equal(sizeReport('x', 1, 3 * 1024 * 1024 + 1).problems.length, 1);
    assert.deepEqual(sizeReport('x', 1, 1).problems, []);
  });
});
