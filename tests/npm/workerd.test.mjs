// The built package in workerd (from npm): workerd/worker.mjs uses it
// against the sandbox and answers JSON; the test fetches and checks it.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { HERE, TOKEN, freePort, start, startSandbox, stop, unique, workerdBinary } from './helpers.mjs';

let sandbox;
let workerd;
let origin;

async function waitForServer(url, ms = 30000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000), method: 'HEAD' });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  throw new Error(`workerd did not answer at ${url} within ${ms} ms`);
}

before(async () => {
  sandbox = await startSandbox();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  workerd = start(
    workerdBinary(),
    ['serve', join(HERE, 'workerd/config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`],
    { env: { ...process.env, TC_BASE_URL: sandbox.url, TC_TOKEN: TOKEN } },
  );
  workerd.stdout.pipe(process.stderr);
  await waitForServer(`${origin}/health`);
});

after(async () => {
  await stop(workerd);
  await sandbox?.stop();
});

test('lookup, paged list and tag add/remove in a worker', async () => {
  const tag = unique('workerd a/b c');
  const response = await fetch(`${origin}/?tag=${encodeURIComponent(tag)}`, {
    signal: AbortSignal.timeout(60000),
  });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.hasWindow, false);
  assert.equal(body.hostName, 'evil.example');
  assert.ok(body.tags.includes('APT-Sandbox'));
  assert.equal(body.firstPage.n, 2);
  assert.equal(body.firstPage.next, 2);
  assert.equal(body.iterated, body.firstPage.total);
  assert.equal(body.afterAdd, true);
  assert.equal(body.afterRemove, false);
  assert.deepEqual(body.error, { isError: true, api: true, code: 'not_found', status: 404 });
  assert.equal(body.hit.value, 'http://evil.example/worker');
});
