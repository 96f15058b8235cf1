// examples/edge-worker in workerd (from tests/npm/node_modules): a config
// written to a temp folder embeds src/worker.mjs and the package (the .wasm
// as a wasm module), binds TC_API/TC_ID/TC_SECRET as text pointing at the
// sandbox, and lets the worker reach loopback. The test calls the worker's
// narrow API and checks the allow-list, CORS and that the secret never leaks.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ACCESS_ID, SECRET_KEY, startEdgeWorker, startSandbox, unique } from './lib.mjs';

const PORTAL_ORIGIN = 'http://127.0.0.1:9';

let sandbox;
let edge;
let origin;

/** fetch against the worker, answering status, headers and raw text. */
async function call(path, init = {}) {
  const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(30000), ...init });
  const body = await response.text();
  assert.ok(!body.includes(SECRET_KEY), `the secret leaked from ${path}`);
  for (const [, v] of response.headers) assert.ok(!v.includes(SECRET_KEY), `the secret leaked in a header of ${path}`);
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body) };
}

before(async () => {
  sandbox = await startSandbox();
  edge = await startEdgeWorker({ sandboxUrl: sandbox.url, allowedOrigin: PORTAL_ORIGIN });
  origin = edge.origin;
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
});

test('GET /lookup answers the verdict of a known host', async () => {
  const r = await call('/lookup?type=hosts&value=evil.example', { headers: { origin: PORTAL_ORIGIN } });
  assert.equal(r.status, 200, r.body);
  const body = r.json();
  assert.equal(body.found, true);
  assert.equal(body.rating, 4);
  for (const tag of ['APT-Sandbox', 'Phishing', 'C2/Infrastructure']) assert.ok(body.tags.includes(tag), tag);
  assert.equal(r.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
  assert.ok(!r.body.includes(ACCESS_ID));
});

test('GET /lookup of an unknown host is 404 found:false', async () => {
  const r = await call('/lookup?type=hosts&value=missing.example');
  assert.equal(r.status, 404, r.body);
  assert.equal(r.json().found, false);
});

test('POST /tags adds and removes a tag', async () => {
  const tag = unique('edge a/b c');
  const post = (action) =>
    call('/tags', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PORTAL_ORIGIN },
      body: JSON.stringify({ type: 'hosts', value: 'evil.example', tag, action }),
    });
  const tagsNow = async () => (await call('/lookup?type=hosts&value=evil.example')).json().tags;
  const added = await post('add');
  assert.equal(added.status, 200, added.body);
  assert.ok((await tagsNow()).includes(tag));
  const removed = await post('remove');
  assert.equal(removed.status, 200, removed.body);
  assert.ok(!(await tagsNow()).includes(tag));
});

test('CORS preflight: the configured origin only', async () => {
  const ok = await call('/tags', {
    method: 'OPTIONS',
    headers: { origin: PORTAL_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
  assert.match(ok.headers.get('access-control-allow-methods'), /POST/);
  const other = await call('/lookup?type=hosts&value=evil.example', { headers: { origin: 'https://evil.example' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

test('everything outside the allow-list is refused', async () => {
  for (const path of ['/', '/v2/indicators', '/api/v2/indicators/hosts/evil.example', '/lookup/extra', '/env']) {
    assert.equal((await call(path)).status, 404, path);
  }
  assert.equal((await call('/tags')).status, 405);
  assert.equal((await call('/lookup?type=hosts&value=evil.example', { method: 'DELETE' })).status, 405);
  assert.equal((await call('/lookup?type=groups&value=1')).status, 400);
  const badAction = await call('/tags', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'hosts', value: 'evil.example', tag: 'x', action: 'delete' }),
  });
  assert.equal(badAction.status, 400);
});
