// examples/portal in headless Chromium: a temp folder with the page and the
// package (vendor/threatconnect/) is served by the sandbox itself
// (`tc-sandbox --dist DIR` on 127.0.0.1), so in direct mode the API is
// same-origin; in edge mode the page calls examples/edge-worker in workerd,
// whose allowed CORS origin is the page's origin. The test fills in the
// settings form, runs a lookup and reads the rendered table.

import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { copyPackage } from '../extension/build.mjs';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  EXAMPLES,
  PACKAGE_DIR,
  SECRET_KEY,
  TOKEN,
  chromium,
  freshDir,
  start,
  startEdgeWorker,
  stop,
  waitForLine,
} from './lib.mjs';

let site;
let sandbox;
let sandboxUrl;
let pageOrigin;
let edge;
let profile;
let context;

before(async () => {
  site = freshDir('tc-example-portal-');
  for (const f of ['index.html', 'portal.js', 'portal.css']) cpSync(join(EXAMPLES, 'portal', f), join(site.dir, f));
  copyPackage(join(site.dir, 'vendor/threatconnect'), PACKAGE_DIR);
  const bin = process.env.TC_SANDBOX_BIN ?? join(EXAMPLES, '../target/release/tc-sandbox');
  sandbox = start(bin, ['--listen', '127.0.0.1:0', '--seed', 'demo', '--dist', site.dir]);
  [, sandboxUrl] = await waitForLine(sandbox, /API base URL: (\S+)/);
  pageOrigin = new URL(sandboxUrl).origin;
  edge = await startEdgeWorker({ sandboxUrl, allowedOrigin: pageOrigin });
  profile = freshDir('tc-example-chromium-');
  context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60000,
    args: CHROMIUM_FLAGS,
  });
});

after(async () => {
  await context?.close();
  await edge?.stop();
  await stop(sandbox);
  profile?.remove();
  site?.remove();
});

async function lookUp({ mode, url, token }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${pageOrigin}/index.html`);
  await page.evaluate(() => {
    document.getElementById('settings-box').open = true;
  });
  await page.locator('#mode').selectOption(mode);
  await page.locator('#url').fill(url);
  if (token) await page.locator('#token').fill(token);
  await page.locator('#settings button[type=submit]').click();
  await page.locator('#text').fill('Phish from hxxp://evil[.]example/login (host evil[.]example); also nothing-here.example and <b>x</b>');
  await page.locator('#go').click();
  await page.locator('#status').filter({ hasText: /looked up|failed|No indicators/ }).waitFor({ timeout: 30000 });
  const status = await page.locator('#status').textContent();
  const rows = await page.locator('#results tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Object.fromEntries([...tr.children].map((td) => [td.className, td.textContent]))),
  );
  const html = await page.content();
  await page.close();
  return { status, rows, errors, html };
}

function assertVerdict({ status, rows, errors }) {
  assert.match(status, /looked up/, status);
  const host = rows.find((r) => r.type === 'hosts' && r.value === 'evil.example');
  assert.ok(host, JSON.stringify(rows));
  assert.equal(host.rating, '4 / 5');
  for (const tag of ['APT-Sandbox', 'Phishing', 'C2/Infrastructure']) assert.ok(host.tags.includes(tag), tag);
  assert.equal(rows.find((r) => r.value === 'nothing-here.example')?.rating, 'not found');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
}

test('direct mode: the page looks up against the sandbox with a token', async () => {
  const result = await lookUp({ mode: 'direct', url: sandboxUrl, token: TOKEN });
  assertVerdict(result);
});

test('edge mode: the page looks up through the edge worker, holding no secret', async () => {
  const result = await lookUp({ mode: 'edge', url: edge.origin });
  assertVerdict(result);
  assert.ok(!result.html.includes(SECRET_KEY));
});
