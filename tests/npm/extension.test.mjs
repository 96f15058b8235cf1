// The built package in an MV3 extension's service worker (no `window`):
// the package folder is copied into a temporary extension whose module
// service worker imports it; headless Chromium loads the extension and the
// test calls into the worker against the sandbox.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_FLAGS, HERE, PACKAGE_DIR, TOKEN, freshDir, startSandbox, unique } from './helpers.mjs';

// MV3's default policy refuses to compile WebAssembly: extensions must allow it.
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

const BACKGROUND = `
import * as pkg from './pkg/index.js';
import { scenario } from './scenario.mjs';

self.runTest = ({ baseUrl, token, tag }) =>
  scenario(pkg, new pkg.ThreatConnect({ baseUrl, token: async () => token }), { tag, text: 'evil[.]example' });
`;

let sandbox;
let profile;
let extension;
let context;

before(async () => {
  sandbox = await startSandbox();
  extension = freshDir('tc-extension-');
  mkdirSync(join(extension.dir, 'pkg'));
  cpSync(PACKAGE_DIR, join(extension.dir, 'pkg'), { recursive: true, dereference: true });
  writeFileSync(join(extension.dir, 'background.js'), BACKGROUND);
  cpSync(join(HERE, 'scenario.mjs'), join(extension.dir, 'scenario.mjs'));
  writeFileSync(
    join(extension.dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'tc-wasm package test',
      version: '1.0',
      background: { service_worker: 'background.js', type: 'module' },
      host_permissions: ['http://127.0.0.1/*'],
      content_security_policy: { extension_pages: CSP },
    }),
  );
  profile = freshDir('tc-chromium-');
  context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60000,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extension.dir}`,
      `--load-extension=${extension.dir}`,
    ],
  });
});

after(async () => {
  await context?.close();
  await sandbox?.stop();
  profile?.remove();
  extension?.remove();
});

test('lookup, paged list and tag add/remove in an MV3 service worker', async () => {
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30000 }));
  const result = await worker.evaluate((args) => self.runTest(args), {
    baseUrl: sandbox.url,
    token: TOKEN,
    tag: unique('extension a/b c'),
  });
  assert.equal(result.hasWindow, false);
  assert.equal(result.hasDocument, false);
  assert.equal(result.hostName, 'evil.example');
  assert.equal(result.firstPage.n, 2);
  assert.equal(result.firstPage.next, 2);
  assert.equal(result.iterated, result.firstPage.total);
  assert.equal(result.afterAdd, true);
  assert.equal(result.afterRemove, false);
  assert.deepEqual(result.error, { isError: true, api: true, code: 'not_found', status: 404 });
  assert.equal(result.hit.value, 'evil.example');
});
