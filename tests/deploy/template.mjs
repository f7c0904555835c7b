// Checks of deploy/lambda-template.yaml (AWS SAM) that no CloudFormation linter makes:
// the template against the code that will run under it.
//
// Two layers, both run by deploy.test.mjs:
// * cfn-lint, AWS's own CloudFormation linter (the Python `cfn-lint`, which runs the real
//   SAM translator, `aws-sam-translator`, before linting): schema, required properties,
//   dangling Ref / GetAtt / Sub after the SAM transform, runtimes, stateful-resource
//   policies (informational checks included). It is on this machine image; the npm package
//   of the same name is a different, unmaintained linter whose SAM specification predates
//   Function URLs and `Architectures`, so it rejects this valid template.
// * this file, on the template parsed with `yaml` and CloudFormation's short-form tags:
//   every !Ref / !GetAtt / ${...} in !Sub names a parameter, a resource, a pseudo parameter
//   or a resource SAM generates; the function's IAM statements allow exactly the DynamoDB
//   actions the Lambda host calls on each table and each global secondary index (read from
//   bindings/lambda), on that table or index only, and exactly the SQS actions it calls on
//   each queue it sends to, plus those its SQS events' mappings need on the queues they poll;
//   the tables' keys, indexes and TTL attribute are the ones the code reads and writes; a
//   polled queue asks for partial batch responses (the host answers batchItemFailures), hides
//   a delivery long enough and redrives as the local queue does; the environment names only
//   settings the code reads; runtime, handler and code location are those of
//   scripts/package-lambda's zip.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import YAML from 'yaml';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const templatePath = path.join(root, 'deploy/lambda-template.yaml');

// ---------------------------------------------------------------------------------------
// CloudFormation YAML: short-form tags become the long (JSON) form.

const INTRINSICS = {
  Ref: 'Ref', Condition: 'Condition', GetAtt: 'Fn::GetAtt', Sub: 'Fn::Sub', Join: 'Fn::Join',
  If: 'Fn::If', Select: 'Fn::Select', Split: 'Fn::Split', FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64', Cidr: 'Fn::Cidr', Equals: 'Fn::Equals', And: 'Fn::And', Or: 'Fn::Or',
  Not: 'Fn::Not', ImportValue: 'Fn::ImportValue', GetAZs: 'Fn::GetAZs', Transform: 'Fn::Transform',
  Length: 'Fn::Length', ToJsonString: 'Fn::ToJsonString',
};

const cfnTags = Object.entries(INTRINSICS).flatMap(([short, long]) => [
  { tag: `!${short}`, resolve: (s) => ({ [long]: short === 'GetAtt' ? s.split('.') : s }) },
  { tag: `!${short}`, collection: 'seq', resolve: (seq) => ({ [long]: seq.toJSON() }) },
  { tag: `!${short}`, collection: 'map', resolve: (map) => ({ [long]: map.toJSON() }) },
]);

export function parseTemplate(text) {
  const doc = YAML.parseDocument(text, { customTags: cfnTags, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) throw new Error(`template is not valid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS();
}

// ---------------------------------------------------------------------------------------
// What the Lambda host does, read from its sources.

// DynamoDB's API operations (X-Amz-Target suffixes), from the DynamoDB API reference.
const DYNAMODB_OPERATIONS = new Set(`BatchExecuteStatement BatchGetItem BatchWriteItem CreateBackup
  CreateGlobalTable CreateTable DeleteBackup DeleteItem DeleteResourcePolicy DeleteTable DescribeBackup
  DescribeContinuousBackups DescribeContributorInsights DescribeEndpoints DescribeExport DescribeGlobalTable
  DescribeGlobalTableSettings DescribeImport DescribeKinesisStreamingDestination DescribeLimits DescribeTable
  DescribeTableReplicaAutoScaling DescribeTimeToLive DisableKinesisStreamingDestination
  EnableKinesisStreamingDestination ExecuteStatement ExecuteTransaction ExportTableToPointInTime GetItem
  GetResourcePolicy ImportTable ListBackups ListContributorInsights ListExports ListGlobalTables ListImports
  ListTables ListTagsOfResource PutItem PutResourcePolicy Query RestoreTableFromBackup
  RestoreTableToPointInTime Scan TagResource TransactGetItems TransactWriteItems UntagResource
  UpdateContinuousBackups UpdateContributorInsights UpdateGlobalTable UpdateGlobalTableSettings UpdateItem
  UpdateKinesisStreamingDestination UpdateTable UpdateTableReplicaAutoScaling UpdateTimeToLive`.split(/\s+/));

// Operations whose IAM action is not the operation's own name: which actions they need
// depends on their content (TransactWriteItems: PutItem/UpdateItem/DeleteItem/
// ConditionCheckItem per item; PartiQL: PartiQLSelect/Insert/...). The checker cannot tell
// from a name, so a caller of one of these has to be taught to it.
const NOT_ONE_TO_ONE = new Set(['TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);
const iamActionsOf = (operation) => (operation === 'TransactGetItems' ? ['GetItem'] : [operation]);

// Which table each file that names a DynamoDB operation sends it to, by the environment
// variable that names the table (bindings/lambda/host/tables.cpp). null: not the deployed
// function's calls (table_setup.cpp is `bootstrap --create-tables`, run by an operator
// with their own credentials through scripts/create-tables). { table, index }: the file
// defines one global secondary index of that table, and its operations go to the index
// (IAM grants them on the index's ARN); `index` is the header naming it (indexFacts).
const DYNAMODB_CALLERS = {
  'bindings/lambda/host/kv_table.cpp': 'FLAGPORT_KV_TABLE',
  'bindings/lambda/host/object_table.cpp': 'FLAGPORT_OBJECTS_TABLE',
  'bindings/lambda/host/due_index.cpp': { table: 'FLAGPORT_OBJECTS_TABLE', index: 'bindings/lambda/host/due_index.hpp' },
  'bindings/lambda/host/table_setup.cpp': null,
};

// The index a DYNAMODB_CALLERS file defines, in the shape due_index.cpp writes it: the
// header's `inline constexpr char kX[] = "..."` names, `"IndexName", kX`, its keys as
// key(kX, "HASH"|"RANGE"), their types as attribute(kX, "S"|"N"|"B"), "ProjectionType".
function indexFacts(source, header, file, problems) {
  const names = Object.fromEntries([...withoutComments(header).matchAll(/constexpr\s+char\s+(\w+)\[\]\s*=\s*"([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const code = withoutComments(source);
  const value = (token) => (token.startsWith('"') ? token.slice(1, -1) : names[token]);
  const indexNames = new Set([...code.matchAll(/"IndexName",\s*(\w+|"[^"]*")/g)].map((m) => value(m[1])));
  const keys = [...code.matchAll(/\bkey\((\w+|"[^"]*"),\s*"(HASH|RANGE)"\)/g)].map((m) => ({ name: value(m[1]), role: m[2] }));
  const types = Object.fromEntries([...code.matchAll(/\battribute\((\w+|"[^"]*"),\s*"([SNB])"\)/g)].map((m) => [value(m[1]), m[2]]));
  const projection = /"ProjectionType",\s*"(\w+)"/.exec(code)?.[1];
  const [name] = indexNames;
  if (indexNames.size !== 1 || !name) problems.push(`${file}: expected the name of one index ("IndexName", kX), found ${JSON.stringify([...indexNames])}`);
  if (!keys.length || keys.some((k) => !k.name || !types[k.name])) problems.push(`${file}: cannot read the index's keys and their types`);
  if (!projection) problems.push(`${file}: cannot read the index's ProjectionType`);
  return { name, keys, types, projection };
}

// SQS calls are X-Amz-Target literals ("X-Amz-Target: AmazonSQS.SendMessageBatch"). IAM
// authorises a batch call as its single action (SendMessageBatch as sqs:SendMessage).
const SQS_BATCHES = { SendMessageBatch: 'SendMessage', DeleteMessageBatch: 'DeleteMessage', ChangeMessageVisibilityBatch: 'ChangeMessageVisibility' };
// The queues the host sends to: the URL variables host/queues.cpp reads. Every SQS call may
// go to any of them (the client takes a URL), so each needs every SQS action the host calls.
const QUEUES_FILE = 'bindings/lambda/host/queues.cpp';
// The local queues' redrive (scripts/serve-lambda), which the template's must match.
const LOCAL_SQS_FILE = 'bindings/lambda/local/sqs-server.mjs';

// C++ comments and string literals in one pass, so that neither hides in the other
// ("https://..." is no comment, // "Query" is no call; 10'000 is no character literal).
// Raw strings are read as plain ones.
const TOKENS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"((?:[^"\\\n]|\\.)*)"|(?<![\w'])'(?:[^'\\\n]|\\.)*'/g;
const withoutComments = (source) => source.replace(TOKENS, (t) => (t.startsWith('/') ? ' ' : t));
const stringLiterals = (source) => [...source.matchAll(TOKENS)].filter((m) => m[1] !== undefined).map((m) => m[1]);

// `changed`: { path: text } to read instead of (or besides) the files, for the self-tests.
export function lambdaCodeFacts(changed = {}) {
  const problems = [];
  const read = (file) => changed[file] ?? readFileSync(path.join(root, file), 'utf8');
  const sourceFiles = (dir) => [...new Set([
    ...readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(cpp|hpp)$/.test(e.name))
      .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name))),
    ...Object.keys(changed).filter((f) => f.startsWith(`${dir}/`) && /\.(cpp|hpp)$/.test(f)),
  ])].sort();

  // DynamoDB operations per resource: a table variable, or VARIABLE/index/NAME.
  const operations = {};
  const indexes = {};  // table variable -> the indexes the code defines on it
  for (const file of sourceFiles('bindings/lambda')) {
    const ops = new Set(stringLiterals(read(file)).filter((s) => DYNAMODB_OPERATIONS.has(s)));
    if (!ops.size) continue;
    if (!(file in DYNAMODB_CALLERS)) {
      problems.push(`${file} names DynamoDB operations (${[...ops].join(', ')}) but the checker does not know which table it calls: add it to DYNAMODB_CALLERS in tests/deploy/template.mjs`);
      continue;
    }
    const caller = DYNAMODB_CALLERS[file];
    if (caller === null) continue;
    let resource = caller;
    if (typeof caller === 'object') {
      const index = indexFacts(read(file), read(caller.index), file, problems);
      (indexes[caller.table] ??= []).push(index);
      resource = `${caller.table}/index/${index.name}`;
    }
    for (const op of ops) {
      if (NOT_ONE_TO_ONE.has(op)) problems.push(`${file} calls ${op}, whose IAM actions depend on its content: teach tests/deploy/template.mjs which ones it needs`);
      for (const action of iamActionsOf(op)) (operations[resource] ??= new Set()).add(action);
    }
  }
  for (const file of Object.keys(DYNAMODB_CALLERS)) {
    try { read(file); } catch { problems.push(`DYNAMODB_CALLERS names ${file}, which does not exist any more`); }
  }

  // The host must speak to DynamoDB and SQS only, or the IAM check below is incomplete.
  const literals = sourceFiles('bindings/lambda').flatMap((f) => stringLiterals(read(f)));
  const sqsActions = new Set();
  for (const s of literals) {
    const target = /^X-Amz-Target:\s*(\S*?)\.?$/.exec(s);
    const sqs = target && /^AmazonSQS\.([A-Za-z]+)$/.exec(target[1]);
    if (sqs) sqsActions.add(SQS_BATCHES[sqs[1]] ?? sqs[1]);
    else if (target && target[1] !== 'DynamoDB_20120810') problems.push(`the Lambda host sends X-Amz-Target ${target[1]}: the checker only knows DynamoDB's and SQS's actions`);
    const host = /^https:\/\/([a-z0-9-]+)\./.exec(s);  // "https://dynamodb." + region + ".amazonaws.com"
    if (host && host[1] !== 'dynamodb') problems.push(`the Lambda host calls ${s}...: the checker only knows DynamoDB's actions (SQS is called at its queue URL)`);
  }
  let queueVariables = [];
  try {
    queueVariables = [...new Set(stringLiterals(read(QUEUES_FILE)).filter((s) => /^[A-Z][A-Z0-9_]*_QUEUE_URL$/.test(s)))];
  } catch {
    problems.push(`${QUEUES_FILE} does not exist any more: teach tests/deploy/template.mjs where the queue URLs come from`);
  }
  if (sqsActions.size && !queueVariables.length) problems.push(`the Lambda host calls SQS, and ${QUEUES_FILE} reads no *_QUEUE_URL variable`);
  const maxReceiveCount = Number(/^export const MAX_RECEIVE_COUNT = (\d+);/m.exec(read(LOCAL_SQS_FILE))?.[1]);
  if (!maxReceiveCount) problems.push(`${LOCAL_SQS_FILE}: no MAX_RECEIVE_COUNT`);

  // Table variables -> the Tables field they fill (tables.cpp), and the keys and TTL
  // attribute `bootstrap --create-tables` gives each table (table_setup.cpp).
  const fieldOf = {};
  for (const m of read('bindings/lambda/host/tables.cpp').matchAll(/env\.find\("(\w+)"\)[^\n]*?\bt\.(\w+)\s*=/g)) fieldOf[m[1]] = m[2];
  const setup = withoutComments(read('bindings/lambda/host/table_setup.cpp'));
  const keysByField = {};
  for (const m of setup.matchAll(/table_definition\(tables\.(\w+),\s*\{((?:\s*\{"\w+",\s*"(?:HASH|RANGE)"\},?)+)\s*\}\)/g)) {
    keysByField[m[1]] = [...m[2].matchAll(/\{"(\w+)",\s*"(HASH|RANGE)"\}/g)].map((k) => ({ name: k[1], role: k[2] }));
  }
  const attributeType = /"AttributeType",\s*"([SNB])"/.exec(setup)?.[1];
  const ttl = /"UpdateTimeToLive"[\s\S]*?tables\.(\w+)[\s\S]*?"AttributeName",\s*"(\w+)"/.exec(setup);
  const tables = {};
  for (const variable of new Set(Object.values(DYNAMODB_CALLERS).filter(Boolean).map((c) => c.table ?? c))) {
    const field = fieldOf[variable];
    if (!field) { problems.push(`bindings/lambda/host/tables.cpp does not read ${variable}`); continue; }
    if (!keysByField[field]) { problems.push(`table_setup.cpp gives no key schema for tables.${field}`); continue; }
    tables[variable] = { keys: keysByField[field], attributeType, ttl: ttl && ttl[1] === field ? ttl[2] : undefined,
      indexes: indexes[variable] ?? [] };
  }
  if (!attributeType) problems.push('table_setup.cpp: no AttributeType found');

  // Every environment variable name any native source reads (settings, tables, AWS).
  const envNames = new Set([...sourceFiles('core'), ...sourceFiles('bindings/lambda')]
    .flatMap((f) => stringLiterals(read(f)))
    .filter((s) => /^[A-Z][A-Z0-9_]{2,}$/.test(s)));

  // scripts/package-lambda: out=DIR ... (cd "$out/package" && zip ... ../NAME.zip ...)
  const packageScript = read('scripts/package-lambda');
  const outDir = /^out=(\S+)/m.exec(packageScript)?.[1];
  const zipName = /\bzip\b[^\n]*?\.\.\/([\w.-]+\.zip)/.exec(packageScript)?.[1];
  const zip = outDir && zipName ? `${outDir}/${zipName}` : undefined;
  if (!zip) problems.push('scripts/package-lambda: cannot tell which zip it writes');

  return { operations, tables, sqs: { actions: sqsActions, queueVariables, maxReceiveCount }, envNames, zip, problems };
}

// ---------------------------------------------------------------------------------------
// The template against those facts.

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

// Resources the SAM transform adds, which the template may reference by logical id.
function samGenerated(resources) {
  const names = new Set();
  for (const [id, r] of Object.entries(resources)) {
    if (r?.Type !== 'AWS::Serverless::Function') continue;
    const p = r.Properties ?? {};
    if (!p.Role) names.add(`${id}Role`);
    if (p.FunctionUrlConfig) names.add(`${id}Url`);
    if (p.AutoPublishAlias) { names.add(`${id}Alias${p.AutoPublishAlias}`); names.add(`${id}Version`); }
    for (const [event, e] of Object.entries(p.Events ?? {})) {
      if (e?.Type === 'HttpApi' && !e.Properties?.ApiId) names.add('ServerlessHttpApi');
      if (e?.Type === 'Api' && !e.Properties?.RestApiId) names.add('ServerlessRestApi');
      names.add(`${id}${event}`);
    }
  }
  return names;
}

// Every name a Ref, GetAtt or Sub refers to, with where it was found.
function references(node, where, out = []) {
  if (Array.isArray(node)) node.forEach((n, i) => references(n, `${where}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') out.push({ name: value, where, how: '!Ref' });
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(value) ? value[0] : String(value).split('.')[0];
        if (typeof target === 'string') out.push({ name: target, where, how: '!GetAtt' });
      } else if (key === 'Fn::Sub') {
        const [text, locals] = Array.isArray(value) ? value : [value, {}];
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
            const expr = m[1].trim();
            const name = expr.includes('::') ? expr : expr.split('.')[0];  // AWS::Region, Resource.Attribute
            if (!(name in (locals ?? {}))) out.push({ name, where, how: '${} in !Sub' });
          }
        }
        if (locals && typeof locals === 'object') references(locals, `${where}.Fn::Sub`, out);
        continue;
      }
      references(value, `${where}.${key}`, out);
    }
  }
  return out;
}

const asList = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

// The stack's table (or TABLE/index/NAME) or queue a policy Resource designates, or why it is
// none of them.
function resourceOf(resource, tables, queues) {
  if (resource && typeof resource === 'object') {
    const getAtt = resource['Fn::GetAtt'];
    if (getAtt && tables.has(getAtt[0]) && getAtt[1] === 'Arn') return { name: getAtt[0], service: 'dynamodb' };
    if (getAtt && queues.has(getAtt[0]) && getAtt[1] === 'Arn') return { name: getAtt[0], service: 'sqs' };
    const sub = resource['Fn::Sub'];
    if (typeof sub === 'string') {
      const m = /^\$\{(\w+)\.Arn\}(\/index\/[\w.-]+)?$/.exec(sub) ?? /^arn:\$\{AWS::Partition\}:dynamodb:\$\{AWS::Region\}:\$\{AWS::AccountId\}:table\/\$\{(\w+)\}(\/index\/[\w.-]+)?$/.exec(sub);
      if (m && tables.has(m[1])) return { name: `${m[1]}${m[2] ?? ''}`, service: 'dynamodb' };
    }
  }
  return { error: `${JSON.stringify(resource)} is not one of the stack's tables, indexes or queues (use !GetAtt NAME.Arn or !Sub '\${TABLE.Arn}/index/NAME')` };
}

// What an SQS event source mapping does with the function's role on the queue it polls.
const SQS_MAPPING_ACTIONS = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'];
const BASIC_EXECUTION = 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const SQS_DEFAULT_RETENTION = 345600;  // seconds: 4 days

// The function's policy statements: SAM's Policies, or those of a role of the stack the
// function names (checked here too); each { statement, where }.
function policyStatements(p, at, resources, problems) {
  let policies = [];
  if (p.Role) {
    const role = p.Role['Fn::GetAtt'];
    const r = role?.[1] === 'Arn' ? resources[role[0]] : undefined;
    if (r?.Type !== 'AWS::IAM::Role') {
      problems.push(`${at}.Role: ${JSON.stringify(p.Role)} is not !GetAtt ROLE.Arn of a role of the stack; an outside role cannot be checked against the code`);
      return [];
    }
    if (p.Policies !== undefined) problems.push(`${at}.Policies: SAM ignores them beside a Role; write them in ${role[0]}`);
    const rp = r.Properties ?? {};
    const rat = `Resources.${role[0]}.Properties`;
    const trust = asList(rp.AssumeRolePolicyDocument?.Statement);
    if (trust.length !== 1 || trust[0].Effect !== 'Allow' || JSON.stringify(trust[0].Principal) !== JSON.stringify({ Service: 'lambda.amazonaws.com' }) ||
        asList(trust[0].Action).join() !== 'sts:AssumeRole') problems.push(`${rat}.AssumeRolePolicyDocument: only lambda.amazonaws.com may assume the function's role`);
    const managed = asList(rp.ManagedPolicyArns);
    for (const arn of managed) {
      if (arn?.['Fn::Sub'] !== BASIC_EXECUTION) problems.push(`${rat}.ManagedPolicyArns: ${JSON.stringify(arn)}; only AWSLambdaBasicExecutionRole (the logs) is allowed, as !Sub '${BASIC_EXECUTION}'`);
    }
    if (!managed.some((arn) => arn?.['Fn::Sub'] === BASIC_EXECUTION)) problems.push(`${rat}.ManagedPolicyArns: without AWSLambdaBasicExecutionRole the function writes no logs`);
    for (const key of ['PermissionsBoundary', 'Path']) if (key in rp) problems.push(`${rat}.${key}: not checked here, leave it out`);
    policies = asList(rp.Policies).map((policy, i) => ({ policy: policy?.PolicyDocument ?? null, where: `${rat}.Policies[${i}]`, shown: policy }));
  } else {
    policies = asList(p.Policies).map((policy, i) => ({ policy: policy && typeof policy === 'object' && 'Statement' in policy ? policy : null, where: `${at}.Policies[${i}]`, shown: policy }));
    const polled = Object.entries(p.Events ?? {}).filter(([, e]) => e?.Type === 'SQS').map(([name]) => name);
    if (polled.length) problems.push(`${at}: the SQS event ${polled.join(', ')} needs a Role of the stack: the role SAM generates then carries AWSLambdaSQSQueueExecutionRole, which allows receiving and deleting in every queue`);
  }
  const out = [];
  for (const { policy, where, shown } of policies) {
    if (!policy) {
      problems.push(`${where}: ${JSON.stringify(shown)} is not an inline policy (managed policies and SAM policy templates grant what the code does not call)`);
      continue;
    }
    asList(policy.Statement).forEach((statement, j) => out.push({ statement, where: `${where}.Statement[${j}]` }));
  }
  return out;
}

export function templateProblems(template, facts) {
  const problems = [];
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  if (template.Transform !== 'AWS::Serverless-2016-10-31') problems.push('Transform is not AWS::Serverless-2016-10-31');

  // References.
  const known = new Set([...Object.keys(parameters), ...Object.keys(resources), ...PSEUDO, ...samGenerated(resources)]);
  for (const section of ['Conditions', 'Globals', 'Resources', 'Outputs']) {
    for (const ref of references(template[section] ?? {}, section)) {
      if (!known.has(ref.name)) problems.push(`${ref.where}: ${ref.how} ${ref.name} names no parameter, resource or pseudo parameter`);
    }
  }
  for (const [id, r] of Object.entries(resources)) {
    for (const dep of asList(r?.DependsOn)) if (!(dep in resources)) problems.push(`Resources.${id}.DependsOn: ${dep} is no resource`);
  }

  const ofType = (type) => new Set(Object.entries(resources).filter(([, r]) => r?.Type === type).map(([id]) => id));
  const tables = ofType('AWS::DynamoDB::Table');
  const queues = ofType('AWS::SQS::Queue');
  const functions = Object.entries(resources).filter(([, r]) => r?.Type === 'AWS::Serverless::Function');
  if (functions.length !== 1) problems.push(`expected one AWS::Serverless::Function, found ${functions.length}`);

  for (const [id, fn] of functions) {
    // SAM's Globals.Function supplies properties the function does not set itself.
    const globals = template.Globals?.Function ?? {};
    const p = { ...globals, ...(fn.Properties ?? {}) };
    p.Environment = { Variables: { ...globals.Environment?.Variables, ...fn.Properties?.Environment?.Variables } };
    const at = `Resources.${id}.Properties`;
    // The package scripts/package-lambda builds.
    if (p.PackageType && p.PackageType !== 'Zip') problems.push(`${at}.PackageType: scripts/package-lambda builds a zip`);
    if (p.Runtime !== 'provided.al2023') problems.push(`${at}.Runtime is ${p.Runtime}, the bootstrap is built for provided.al2023`);
    if (typeof p.Handler !== 'string' || !p.Handler) problems.push(`${at}.Handler is missing (provided runtimes still require one)`);
    const arch = asList(p.Architectures ?? ['x86_64']);
    if (arch.length !== 1 || arch[0] !== 'x86_64') problems.push(`${at}.Architectures is ${JSON.stringify(arch)}; scripts/package-lambda builds for the x86_64 build machine`);
    const codeUri = typeof p.CodeUri === 'string' ? path.relative(root, path.resolve(path.dirname(templatePath), p.CodeUri)) : undefined;
    if (codeUri !== facts.zip) problems.push(`${at}.CodeUri resolves to ${codeUri}, scripts/package-lambda writes ${facts.zip}`);

    // Environment: only names the code reads; every table variable is one of the tables.
    const env = p.Environment?.Variables ?? {};
    for (const name of Object.keys(env)) {
      if (!facts.envNames.has(name)) problems.push(`${at}.Environment.Variables.${name}: no source in core/ or bindings/lambda/ reads it`);
    }
    const tableOfVariable = {};
    for (const variable of new Set([...Object.keys(facts.operations).map((r) => r.split('/')[0]), ...Object.keys(facts.tables)])) {
      const ref = env[variable]?.Ref;
      if (!tables.has(ref)) problems.push(`${at}.Environment.Variables.${variable} must be !Ref to one of the stack's tables (it is ${JSON.stringify(env[variable])})`);
      else tableOfVariable[variable] = ref;
    }
    // ... and every queue URL variable one of the queues (a queue's Ref is its URL).
    const queueOfVariable = {};
    for (const variable of facts.sqs.queueVariables) {
      const ref = env[variable]?.Ref;
      if (!queues.has(ref)) problems.push(`${at}.Environment.Variables.${variable} must be !Ref to one of the stack's queues (it is ${JSON.stringify(env[variable])})`);
      else queueOfVariable[variable] = ref;
    }

    // IAM: inline statements only, single DynamoDB and SQS actions on the stack's tables and
    // queues only, and per table or queue exactly the actions the code calls there, plus those
    // the SQS events' mappings need on the queues they poll.
    const granted = {};  // resource -> Map(lower-case "service:Action" -> as written)
    for (const { statement: st, where: sw } of policyStatements(p, at, resources, problems)) {
      if (st.Effect !== 'Allow') continue;
      if ('NotAction' in st || 'NotResource' in st) { problems.push(`${sw}: NotAction / NotResource allow too much`); continue; }
      const targets = asList(st.Resource).map((r) => resourceOf(r, tables, queues));
      for (const t of targets) if (t.error) problems.push(`${sw}.Resource: ${t.error}`);
      for (const action of asList(st.Action)) {
        const m = /^(dynamodb|sqs):([A-Za-z]+)$/.exec(action);
        if (!m) { problems.push(`${sw}.Action: ${action} is not a single DynamoDB or SQS action (the function calls nothing else, and no wildcards)`); continue; }
        for (const t of targets) {
          if (!t.name) continue;
          if (t.service !== m[1]) { problems.push(`${sw}: ${action} on ${t.name}, which is not a ${m[1] === 'sqs' ? 'queue' : 'table'}`); continue; }
          // IAM matches action names case-insensitively.
          (granted[t.name] ??= new Map()).set(`${m[1]}:${m[2]}`.toLowerCase(), `${m[1]}:${m[2]}`);
        }
      }
    }
    const needs = {};  // resource -> Map(lower-case action -> who needs it, for the message)
    const need = (resource, action, who) => (needs[resource] ??= new Map()).set(action.toLowerCase(), who);
    // A resource of the code (VARIABLE or VARIABLE/index/NAME) as the template names it.
    const inTemplate = (resource) => {
      const [variable, ...index] = resource.split('/');
      return tableOfVariable[variable] && [tableOfVariable[variable], ...index].join('/');
    };
    for (const [resource, actions] of Object.entries(facts.operations)) {
      const named = inTemplate(resource);
      if (named) for (const a of actions) need(named, `dynamodb:${a}`, `the code calls dynamodb:${a} on ${named} (${resource})`);
    }
    for (const [variable, queue] of Object.entries(queueOfVariable)) {
      for (const a of facts.sqs.actions) need(queue, `sqs:${a}`, `the code calls sqs:${a} on ${queue} (${variable})`);
    }
    for (const [name, e] of Object.entries(p.Events ?? {})) {
      if (e?.Type !== 'SQS') continue;
      const ep = e.Properties ?? {};
      const eat = `${at}.Events.${name}.Properties`;
      const getAtt = ep.Queue?.['Fn::GetAtt'];
      const queue = getAtt?.[1] === 'Arn' && queues.has(getAtt[0]) ? getAtt[0] : undefined;
      if (!queue) { problems.push(`${eat}.Queue must be !GetAtt QUEUE.Arn of one of the stack's queues`); continue; }
      for (const a of SQS_MAPPING_ACTIONS) need(queue, `sqs:${a}`, `the SQS event ${name} needs sqs:${a} on ${queue}`);
      if (!asList(ep.FunctionResponseTypes).includes('ReportBatchItemFailures'))
        problems.push(`${eat}.FunctionResponseTypes must include ReportBatchItemFailures: the host answers batchItemFailures, which Lambda otherwise ignores (and deletes the failed messages)`);
      problems.push(...polledQueueProblems(resources, queue, Number(p.Timeout ?? 3), Number(ep.MaximumBatchingWindowInSeconds ?? 0), facts, queues));
    }
    for (const resource of new Set([...Object.keys(granted), ...Object.values(tableOfVariable), ...Object.values(queueOfVariable), ...Object.keys(needs)])) {
      const needed = needs[resource] ?? new Map();
      const allowed = granted[resource] ?? new Map();
      for (const [k, who] of needed) if (!allowed.has(k)) problems.push(`IAM: ${who}, the template does not allow it`);
      for (const [k, a] of allowed) if (!needed.has(k)) problems.push(`IAM: the template allows ${a} on ${resource}, the code never calls it there${a.startsWith('sqs:') ? ' and no SQS event needs it' : ''}`);
    }

    // The tables' keys and TTL attribute are those the code uses.
    for (const [variable, table] of Object.entries(tableOfVariable)) {
      const want = facts.tables[variable];
      if (!want) continue;
      const tp = resources[table].Properties ?? {};
      const schema = asList(tp.KeySchema).map((k) => ({ name: k.AttributeName, role: k.KeyType }));
      if (JSON.stringify(schema) !== JSON.stringify(want.keys)) problems.push(`Resources.${table}.Properties.KeySchema is ${JSON.stringify(schema)}, the code uses ${JSON.stringify(want.keys)}`);
      for (const k of want.keys) {
        const def = asList(tp.AttributeDefinitions).find((d) => d.AttributeName === k.name);
        if (def?.AttributeType !== want.attributeType) problems.push(`Resources.${table}.Properties.AttributeDefinitions: ${k.name} must be of type ${want.attributeType}`);
      }
      const ttl = tp.TimeToLiveSpecification;
      if (want.ttl && !(ttl?.Enabled === true && ttl.AttributeName === want.ttl)) problems.push(`Resources.${table}: the code expires items through ${want.ttl}, TimeToLiveSpecification must enable it`);
      if (!want.ttl && ttl?.Enabled) problems.push(`Resources.${table}: TTL on ${ttl.AttributeName}, which the code does not write`);

      // Global secondary indexes: exactly those the code defines, with their keys and projection.
      const present = asList(tp.GlobalSecondaryIndexes);
      for (const index of want.indexes) {
        const at = `Resources.${table}.Properties.GlobalSecondaryIndexes`;
        const found = present.find((g) => g?.IndexName === index.name);
        if (!found) { problems.push(`${at}: no ${index.name}, which the code queries`); continue; }
        const schema = asList(found.KeySchema).map((k) => ({ name: k.AttributeName, role: k.KeyType }));
        if (JSON.stringify(schema) !== JSON.stringify(index.keys)) problems.push(`${at}: ${index.name}'s KeySchema is ${JSON.stringify(schema)}, the code uses ${JSON.stringify(index.keys)}`);
        if (found.Projection?.ProjectionType !== index.projection) problems.push(`${at}: ${index.name}'s ProjectionType is ${found.Projection?.ProjectionType}, the code creates ${index.projection}`);
        for (const k of index.keys) {
          const def = asList(tp.AttributeDefinitions).find((d) => d.AttributeName === k.name);
          if (def?.AttributeType !== index.types[k.name]) problems.push(`Resources.${table}.Properties.AttributeDefinitions: ${k.name} must be of type ${index.types[k.name]}`);
        }
      }
      for (const g of present) if (!want.indexes.some((i) => i.name === g?.IndexName)) problems.push(`Resources.${table}.Properties.GlobalSecondaryIndexes: ${g?.IndexName}, which the code does not define`);
    }
  }
  return problems;
}

// A queue the function's SQS event polls: a delivery stays hidden at least six times the
// function's timeout (AWS's advice: room for retries of a throttled batch) plus the batching
// window, spent before the function starts; and it redrives to a dead-letter queue of
// the stack, as the local queue does, which keeps messages longer (a moved message keeps its
// first enqueue time).
function polledQueueProblems(resources, queue, timeout, window, facts, queues) {
  const problems = [];
  const qp = resources[queue].Properties ?? {};
  const at = `Resources.${queue}.Properties`;
  const visibility = Number(qp.VisibilityTimeout ?? 30);
  if (!(visibility >= 6 * timeout + window)) problems.push(`${at}.VisibilityTimeout ${visibility} is under 6 × the function's Timeout + the batching window = ${6 * timeout + window}`);
  const redrive = qp.RedrivePolicy;
  const getAtt = redrive?.deadLetterTargetArn?.['Fn::GetAtt'];
  const dlq = getAtt?.[1] === 'Arn' && queues.has(getAtt[0]) ? getAtt[0] : undefined;
  if (!dlq) {
    problems.push(`${at}.RedrivePolicy.deadLetterTargetArn must be !GetAtt QUEUE.Arn of one of the stack's queues: a message that always fails is otherwise delivered until it expires`);
    return problems;
  }
  if (Number(redrive.maxReceiveCount) !== facts.sqs.maxReceiveCount)
    problems.push(`${at}.RedrivePolicy.maxReceiveCount is ${redrive.maxReceiveCount}, the local queue (${LOCAL_SQS_FILE}) redrives after ${facts.sqs.maxReceiveCount}`);
  const kept = (q) => Number(resources[q].Properties?.MessageRetentionPeriod ?? SQS_DEFAULT_RETENTION);
  if (!(kept(dlq) > kept(queue))) problems.push(`Resources.${dlq}.Properties.MessageRetentionPeriod ${kept(dlq)}: the dead-letter queue must keep messages longer than ${queue} (${kept(queue)}), since a moved message keeps its first enqueue time`);
  return problems;
}

export function checkTemplateText(text, facts) {
  return templateProblems(parseTemplate(text), facts);
}
