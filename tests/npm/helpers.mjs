// Shared by the package tests: the sandbox server and other processes, each
// on 127.0.0.1, bounded in time and killed by pid when the test file ends
// (or the process exits, however it exits).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
export const PACKAGE_DIR = process.env.TC_NPM_DIR ?? join(ROOT, 'target/npm');

// Debian's Chromium and the flags every browser test launches it with.
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The platform binary of the `workerd` package (its bin may be a shim). */
export function workerdBinary() {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? '64' : process.arch}`;
  const direct = join(HERE, 'node_modules/@cloudflare', `workerd-${platform}`, 'bin/workerd');
  return existsSync(direct) ? direct : join(HERE, 'node_modules/.bin/workerd');
}

// The sandbox's demo credentials (tc-sandbox DEMO_ACCESS_ID, ...).
export const ACCESS_ID = '12345678901234567890';
export const SECRET_KEY = 'sandbox-secret-key-not-for-production';
export const TOKEN = 'APIV2:1:sandbox:4102444800:demo-token';

const children = new Set();

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Starts a process that is killed when this test process ends. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Kills a process by pid and waits (at most 5 s) for it to go. */
export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await Promise.race([gone, new Promise((done) => setTimeout(done, 5000))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Waits for a line matching `pattern` on the child's stdout. */
export function waitForLine(child, pattern, ms = 20000) {
  return new Promise((resolveLine, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      reject(new Error(`no line matching ${pattern} within ${ms} ms`));
    }, ms);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = buffer.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolveLine(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the process exited (${code}) before printing ${pattern}`));
    });
  });
}

/**
 * Starts `tc-sandbox --listen 127.0.0.1:0 --seed demo` (the binary from
 * `TC_SANDBOX_BIN`, or target/release/tc-sandbox) and answers its API base
 * URL and a `stop()`.
 */
export async function startSandbox() {
  const bin = process.env.TC_SANDBOX_BIN ?? join(ROOT, 'target/release/tc-sandbox');
  const child = start(bin, ['--listen', '127.0.0.1:0', '--seed', 'demo']);
  const [, url] = await waitForLine(child, /API base URL: (\S+)/);
  return { url, stop: () => stop(child) };
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh empty folder, removed by the returned function. */
export function freshDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A name no other run uses. */
export function unique(prefix) {
  return `${prefix} ${process.pid}-${Date.now() % 1e9}`;
}
