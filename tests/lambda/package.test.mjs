// The deployment zip, built by scripts/package-lambda from the current code, for provided.al2023: `bootstrap` is the
// executable itself, it needs nothing newer than glibc 2.34 and nothing but glibc, and it
// serves when unpacked in a root that holds only its own files and the system's C
// library (a chroot), against fun's real Runtime API server and dynalite outside, over
// TLS verified with the CA bundle where Amazon Linux 2023 keeps it.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { ADMIN_TOKEN, RuntimeServer, flagSet, httpEvent, root, startDynalite } from './harness.mjs';

// A throwaway certificate for 127.0.0.1, so that dynalite serves HTTPS the bootstrap can verify.
function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'flagport-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
  { stdio: 'ignore' });
  return { dir, key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
}

const zip = path.join(root, 'build/lambda/flagport-lambda.zip');
const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' });

// Every shared object and loader that Debian's libc6 package installs, and nothing else.
function glibcFiles() {
  return sh('dpkg', ['-L', 'libc6'])
    .split('\n')
    .filter((f) => /\.so(\.|$)|\/ld-linux[^/]*$/.test(f) && existsSync(f) && statSync(f).isFile());
}

function buildRoot(unpacked) {
  const dir = mkdtempSync(path.join(tmpdir(), 'flagport-lambda-root-'));
  for (const file of glibcFiles()) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    copyFileSync(file, path.join(dir, file));
  }
  mkdirSync(path.join(dir, 'var/task'), { recursive: true });
  sh('cp', ['-a', `${unpacked}/.`, path.join(dir, 'var/task')]);
  return dir;
}

let unpacked;
before(async () => {
  // Always packaged here (an incremental build): a zip left by an earlier build would test old code.
  await promisify(execFile)(path.join(root, 'scripts/package-lambda'), { cwd: root });
  unpacked = mkdtempSync(path.join(tmpdir(), 'flagport-lambda-zip-'));
  sh('unzip', ['-q', zip, '-d', unpacked]);
});
after(() => unpacked && rmSync(unpacked, { recursive: true, force: true }));

describe('the deployment zip', () => {
  test('holds the bootstrap executable itself: an ELF file, no wrapper, no bundled loader', () => {
    const listing = sh('unzip', ['-Z1', zip]).trim().split('\n');
    assert.deepEqual(listing, ['bootstrap']);
    const bootstrap = path.join(unpacked, 'bootstrap');
    assert.equal(statSync(bootstrap).mode & 0o755, 0o755);
    const head = Buffer.alloc(4);
    const fd = openSync(bootstrap, 'r');
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    assert.deepEqual([...head], [0x7f, 0x45, 0x4c, 0x46]);
    assert.match(sh('readelf', ['-l', bootstrap]), /Requesting program interpreter: \/lib64\/ld-linux-x86-64\.so\.2/);
  });

  test('needs glibc 2.34 at most, and no library but glibc', () => {
    const report = sh(path.join(root, 'bindings/lambda/packaging/check-glibc.sh'), ['2.34', path.join(unpacked, 'bootstrap')]);
    assert.match(report, /glibc 2\.(\d|[12]\d|3[0-4]);/);
    const needed = [...sh('readelf', ['-d', path.join(unpacked, 'bootstrap')]).matchAll(/\(NEEDED\).*\[(.*)\]/g)].map((m) => m[1]);
    assert.deepEqual(needed.filter((lib) => !/^(libc|libm|ld-linux-x86-64)\.so/.test(lib)), []);
  });
});

describe('the unpacked zip in a root with only glibc (and a CA bundle)', () => {
  let db;
  let server;
  let child;
  let chroot;
  let exited;
  let tls;
  before(async () => {
    tls = selfSignedCertificate();
    db = await startDynalite({ ssl: true, key: tls.key, cert: tls.cert, ca: tls.cert });
    chroot = buildRoot(unpacked);
    mkdirSync(path.join(chroot, 'etc/pki/tls/certs'), { recursive: true });
    writeFileSync(path.join(chroot, 'etc/pki/tls/certs/ca-bundle.crt'), tls.cert);
    const env = {
      AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: db.endpoint, ADMIN_TOKEN, FLAGPORT_FAULTS: 'crash',
    };
    const run = (args, extra = {}) => {
      const wrap = process.getuid() === 0 ? ['chroot', chroot] : ['unshare', '--map-root-user', 'chroot', chroot];
      // PATH only finds chroot(8); inside the root there is nothing to find.
      const proc = spawn(wrap[0], [...wrap.slice(1), '/var/task/bootstrap', ...args], {
        env: { PATH: process.env.PATH, ...env, ...extra },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      proc.once('error', (err) => proc.emit('exit', `spawn failed: ${err.message}`));
      return proc;
    };
    const tables = run(['--create-tables']);
    assert.equal(await new Promise((ok) => tables.once('exit', ok)), 0, 'bootstrap --create-tables in the root');

    server = new RuntimeServer({});
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    child = run([], { AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}` });
    exited = new Promise((ok) => child.once('exit', ok));
  });
  after(async () => {
    child?.kill('SIGKILL');
    await exited;
    server?.close();
    await db?.close();
    if (chroot) rmSync(chroot, { recursive: true, force: true });
    if (tls) rmSync(tls.dir, { recursive: true, force: true });
  });

  const call = async (event) => {
    const result = await server.invoke({ InvocationType: 'RequestResponse', Payload: JSON.stringify(event) });
    return { error: result.FunctionError, payload: JSON.parse(String(result.Payload)) };
  };

  test('serves the store against DynamoDB over verified TLS', async () => {
    const put = await call(httpEvent('PUT', '/v1/projects/zip/flags', { body: flagSet(2) }));
    assert.equal(put.error, undefined);
    assert.equal(put.payload.statusCode, 200, put.payload.body);
    const got = await call(httpEvent('GET', '/v1/projects/zip/flags'));
    assert.equal(JSON.parse(got.payload.body).data.version, 1);
  });

  test('turns an exception into an invocation error and goes on (the static unwinder works)', async () => {
    const crash = await call(httpEvent('POST', '/v1/_crash/throw'));
    assert.equal(crash.error, 'Handled');
    assert.equal(crash.payload.errorType, 'Runtime.HandlerFailed');
    const health = await call(httpEvent('GET', '/v1/health'));
    assert.equal(health.payload.statusCode, 200);
    assert.equal(child.exitCode, null);
  });
});
