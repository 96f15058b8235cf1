// examples/extension in headless Chromium: the package is copied into its
// vendor folder (build.mjs), the extension is loaded unpacked, configured
// against the sandbox through chrome.storage.local from its service worker,
// the context-menu handler is called directly (a real right-click is not
// scriptable) and the popup page is opened in a tab to read the verdict.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { build } from '../extension/build.mjs';
import { CHROMIUM, CHROMIUM_FLAGS, EXAMPLES, PACKAGE_DIR, TOKEN, chromium, freshDir, startSandbox } from './lib.mjs';

const EXTENSION = join(EXAMPLES, 'extension');

let sandbox;
let profile;
let context;
let worker;

before(async () => {
  build(PACKAGE_DIR);
  sandbox = await startSandbox();
  profile = freshDir('tc-example-chromium-');
  context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60000,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30000 }));
});

after(async () => {
  await context?.close();
  await sandbox?.stop();
  profile?.remove();
});

test('not configured: the verdict says so', async () => {
  const result = await worker.evaluate(() => self.lookupSelection('evil.example'));
  assert.equal(result.status, 'not_configured');
});

test('selected text is looked up and the popup shows the verdict', async () => {
  assert.equal(await worker.evaluate(() => typeof window), 'undefined');
  await worker.evaluate(
    (settings) => chrome.storage.local.set({ settings }),
    { baseUrl: sandbox.url, mode: 'token', token: TOKEN },
  );
  const selection = 'Seen today: hxxp://evil[.]example/login and evil[.]example, also nothing-here.example';
  const result = await worker.evaluate((text) => self.lookupSelection(text), selection);
  assert.equal(result.status, 'done', JSON.stringify(result));
  const host = result.items.find((i) => i.type === 'hosts' && i.value === 'evil.example');
  assert.ok(host, JSON.stringify(result.items));
  assert.equal(host.found, true);
  assert.equal(host.rating, 4);
  assert.equal(host.verdict, 'malicious');
  for (const tag of ['APT-Sandbox', 'Phishing', 'C2/Infrastructure']) assert.ok(host.tags.includes(tag), tag);
  const missing = result.items.find((i) => i.value === 'nothing-here.example');
  assert.equal(missing?.verdict, 'unknown');

  // Stored for the popup in session storage; settings stay in local storage.
  const stored = await worker.evaluate(() => chrome.storage.session.get('lastResult'));
  assert.deepEqual(stored.lastResult, result);
  const synced = await worker.evaluate(() => chrome.storage.sync.get(null));
  assert.deepEqual(synced, {});

  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`chrome-extension://${id}/popup.html`);
  const item = page.locator('li[data-verdict="malicious"]');
  await item.first().waitFor({ timeout: 10000 });
  const text = await item.first().textContent();
  assert.match(text, /MALICIOUS/);
  assert.match(text, /evil\.example/);
  assert.match(text, /rating 4 \/ 5/);
  assert.match(text, /APT-Sandbox/);
  assert.match(await page.locator('#status').textContent(), /looked up at/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile text is rendered as text, not markup', async () => {
  const result = await worker.evaluate(async () => {
    const lastResult = {
      at: 'now',
      status: 'done',
      items: [{ type: 'hosts', value: '<img src=x onerror=alert(1)>', found: false, verdict: 'unknown', tags: [] }],
    };
    await chrome.storage.session.set({ lastResult });
    return lastResult;
  });
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.locator('li').first().waitFor({ timeout: 10000 });
  assert.equal(await page.locator('li img').count(), 0);
  assert.match(await page.locator('li .value').textContent(), /<img src=x/);
  assert.equal(result.items.length, 1);
  await page.close();
});
