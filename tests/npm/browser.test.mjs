// The built package in a page in headless Chromium (Debian's, driven by
// playwright-core): a small static server on 127.0.0.1 serves target/npm
// under /pkg/ and a test page; the page imports the package's browser entry
// (which fetches the .wasm next to it) and calls the sandbox cross-origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import {
  ACCESS_ID,
  CHROMIUM,
  CHROMIUM_FLAGS,
  HERE,
  PACKAGE_DIR,
  SECRET_KEY,
  freshDir,
  startSandbox,
  unique,
} from './helpers.mjs';

const SCENARIO = join(HERE, 'scenario.mjs');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
const PAGE = '<!doctype html><meta charset="utf-8"><title>tc-wasm</title><p>package test page</p>';

let sandbox;
let server;
let origin;
let profile;
let context;

function serve(request, response) {
  const path = new URL(request.url, 'http://x').pathname;
  if (path === '/') {
    response.writeHead(200, { 'content-type': TYPES['.html'] });
    response.end(PAGE);
    return;
  }
  if (path === '/scenario.mjs') {
    readFile(SCENARIO).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES['.js'] });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
    return;
  }
  const file = normalize(path.replace(/^\/pkg\//, '/'));
  if (!path.startsWith('/pkg/') || file.includes('..')) {
    response.writeHead(404).end();
    return;
  }
  readFile(join(PACKAGE_DIR, file)).then(
    (body) => {
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    },
    () => response.writeHead(404).end(),
  );
}

before(async () => {
  sandbox = await startSandbox();
  server = createServer(serve);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = freshDir('tc-chromium-');
  context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60000,
  });
});

after(async () => {
  await context?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  await sandbox?.stop();
  profile?.remove();
});

test('lookup, paged list and tag add/remove from a page', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/`);
  const result = await page.evaluate(
    async ({ baseUrl, accessId, secretKey, tag }) => {
      const pkg = await import('/pkg/index.js');
      const { scenario } = await import('/scenario.mjs');
      const tc = new pkg.ThreatConnect({ baseUrl, accessId, secretKey });
      return scenario(pkg, tc, { tag, text: '👀 hxxps://evil[.]example/a' });
    },
    { baseUrl: sandbox.url, accessId: ACCESS_ID, secretKey: SECRET_KEY, tag: unique('a/b c') },
  );
  assert.deepEqual(errors, []);
  assert.equal(result.hostName, 'evil.example');
  assert.equal(result.dnsActive, 'true');
  assert.equal(result.firstPage.n, 2);
  assert.equal(result.firstPage.next, 2);
  assert.equal(result.iterated, result.firstPage.total);
  assert.equal(result.afterAdd, true);
  assert.equal(result.afterRemove, false);
  assert.deepEqual(result.error, { isError: true, api: true, code: 'not_found', status: 404 });
  assert.deepEqual(result.hit, { value: 'https://evil.example/a', original: 'hxxps://evil[.]example/a' });
  await page.close();
});
