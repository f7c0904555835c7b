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
//   bindings/lambda), on that table or index only; the tables' keys, indexes and TTL attribute
//   are the ones the code reads and writes; the environment names only settings the code
//   reads; runtime, handler and code location are those of scripts/package-lambda's zip.
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

  // The host must speak to DynamoDB only, or the IAM check below is incomplete.
  const literals = sourceFiles('bindings/lambda').flatMap((f) => stringLiterals(read(f)));
  for (const s of literals) {
    const target = /^X-Amz-Target:\s*(\S*?)\.?$/.exec(s);
    if (target && target[1] !== 'DynamoDB_20120810') problems.push(`the Lambda host sends X-Amz-Target ${target[1]}: the checker only knows DynamoDB's actions`);
    const host = /^https:\/\/([a-z0-9-]+)\./.exec(s);  // "https://dynamodb." + region + ".amazonaws.com"
    if (host && host[1] !== 'dynamodb') problems.push(`the Lambda host calls ${s}...: the checker only knows DynamoDB's actions`);
  }

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

  return { operations, tables, envNames, zip, problems };
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

// The DynamoDB table, or TABLE/index/NAME, a policy Resource designates, or why it is not one.
function tableOf(resource, tables) {
  if (resource && typeof resource === 'object') {
    const getAtt = resource['Fn::GetAtt'];
    if (getAtt && tables.has(getAtt[0]) && getAtt[1] === 'Arn') return { table: getAtt[0] };
    const sub = resource['Fn::Sub'];
    if (typeof sub === 'string') {
      const m = /^\$\{(\w+)\.Arn\}(\/index\/[\w.-]+)?$/.exec(sub) ?? /^arn:\$\{AWS::Partition\}:dynamodb:\$\{AWS::Region\}:\$\{AWS::AccountId\}:table\/\$\{(\w+)\}(\/index\/[\w.-]+)?$/.exec(sub);
      if (m && tables.has(m[1])) return { table: `${m[1]}${m[2] ?? ''}` };
    }
  }
  return { error: `${JSON.stringify(resource)} is not one of the stack's tables or indexes (use !GetAtt TABLE.Arn or !Sub '\${TABLE.Arn}/index/NAME')` };
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

  const tables = new Set(Object.entries(resources).filter(([, r]) => r?.Type === 'AWS::DynamoDB::Table').map(([id]) => id));
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
    if (p.Role) problems.push(`${at}.Role: an outside role cannot be checked against the code; use Policies`);

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

    // IAM: inline statements only, DynamoDB actions only, on the stack's tables only, and
    // per table exactly the actions the code calls.
    const granted = {};
    asList(p.Policies).forEach((policy, i) => {
      const where = `${at}.Policies[${i}]`;
      if (!policy || typeof policy !== 'object' || !('Statement' in policy)) {
        problems.push(`${where}: ${JSON.stringify(policy)} is not an inline policy (managed policies and SAM policy templates grant what the code does not call)`);
        return;
      }
      asList(policy.Statement).forEach((st, j) => {
        const sw = `${where}.Statement[${j}]`;
        if (st.Effect !== 'Allow') return;
        if ('NotAction' in st || 'NotResource' in st) { problems.push(`${sw}: NotAction / NotResource allow too much`); return; }
        const actions = asList(st.Action);
        const targets = asList(st.Resource).map((r) => tableOf(r, tables));
        for (const t of targets) if (t.error) problems.push(`${sw}.Resource: ${t.error}`);
        for (const action of actions) {
          const m = /^dynamodb:([A-Za-z]+)$/.exec(action);
          if (!m) { problems.push(`${sw}.Action: ${action} is not a single DynamoDB action (the function calls DynamoDB only, and no wildcards)`); continue; }
          // IAM matches action names case-insensitively.
          for (const t of targets) if (t.table) (granted[t.table] ??= new Map()).set(m[1].toLowerCase(), m[1]);
        }
      });
    });
    // A resource of the code (VARIABLE or VARIABLE/index/NAME) as the template names it.
    const inTemplate = (resource) => {
      const [variable, ...index] = resource.split('/');
      return tableOfVariable[variable] && [tableOfVariable[variable], ...index].join('/');
    };
    const needs = {};
    for (const [resource, actions] of Object.entries(facts.operations)) if (inTemplate(resource)) needs[inTemplate(resource)] = { resource, actions };
    for (const table of new Set([...Object.keys(granted), ...Object.values(tableOfVariable), ...Object.keys(needs)])) {
      const needed = new Map([...(needs[table]?.actions ?? [])].map((a) => [a.toLowerCase(), a]));
      const allowed = granted[table] ?? new Map();
      for (const [k, a] of needed) if (!allowed.has(k)) problems.push(`IAM: the code calls dynamodb:${a} on ${table} (${needs[table].resource}), the template does not allow it`);
      for (const [k, a] of allowed) if (!needed.has(k)) problems.push(`IAM: the template allows dynamodb:${a} on ${table}, the code never calls it there`);
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

export function checkTemplateText(text, facts) {
  return templateProblems(parseTemplate(text), facts);
}
