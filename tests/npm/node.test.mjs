// The built package in Node, imported as a user would (`@tc-wasm/threatconnect`
// is a file: dependency on target/npm), against a sandbox server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';

import {
  ApiError,
  ConfigError,
  Listing,
  ThreatConnect,
  ThreatConnectError,
  TransportError,
  defang,
  extractIndicators,
  operations,
  refang,
  signRequest,
} from '@tc-wasm/threatconnect';

import { ACCESS_ID, SECRET_KEY, TOKEN, startSandbox, unique } from './helpers.mjs';

let sandbox;
let tc;

before(async () => {
  sandbox = await startSandbox();
  tc = new ThreatConnect({ baseUrl: sandbox.url, accessId: ACCESS_ID, secretKey: SECRET_KEY });
});

after(async () => {
  await sandbox?.stop();
});

const host = () => tc.indicator('hosts', 'evil.example');

describe('lookups', () => {
  test('whoami', async () => {
    const user = await tc.whoami();
    assert.equal(user.userName, ACCESS_ID);
  });

  test('an indicator in the service shape', async () => {
    const indicator = await host().get({ includeTags: true });
    assert.equal(indicator.hostName, 'evil.example');
    assert.equal(indicator.owner.name, 'Demo Organization');
    assert.equal(indicator.dnsActive, 'true', 'the service writes this flag as a string');
    assert.equal(typeof indicator.rating, 'number');
    assert.ok(indicator.tag.some((t) => t.name === 'APT-Sandbox'));
    assert.equal('summary' in indicator, false, 'absent fields are left out');
  });

  test('a token function is called for each request', async () => {
    let calls = 0;
    const viaToken = new ThreatConnect({
      baseUrl: sandbox.url,
      token: async () => {
        calls += 1;
        return TOKEN;
      },
    });
    await viaToken.whoami();
    await viaToken.owners.list().toArray();
    assert.equal(calls, 2);
  });
});

describe('lists', () => {
  test('for await over every page', async () => {
    const first = await tc.indicators.page({ limit: 3 });
    assert.equal(first.items.length, 3);
    assert.equal(first.next, 3);
    assert.ok(first.resultCount > 3);

    const listing = tc.indicators.list({ pageSize: 3 });
    assert.ok(listing instanceof Listing);
    assert.equal(typeof listing.then, 'undefined', 'a listing is not a promise');
    const seen = [];
    for await (const indicator of listing) seen.push(indicator.id);
    assert.equal(seen.length, first.resultCount);
    assert.equal(new Set(seen).size, seen.length, 'no item twice');
  });

  test('the explicit page API walks with next', async () => {
    const ids = [];
    let page = await tc.indicators.page({ type: 'hosts', start: 0, limit: 1 });
    const total = page.resultCount;
    while (true) {
      ids.push(...page.items.map((i) => i.hostName));
      if (page.next === null || page.next >= total) break;
      page = await tc.indicators.page({ type: 'hosts', start: page.next, limit: 1 });
      assert.equal(page.resultCount, undefined, 'only the first page counts');
    }
    assert.equal(ids.length, total);
    assert.ok(ids.includes('evil.example'));
  });

  test('pages() and filters', async () => {
    const pages = [];
    for await (const page of tc.indicators.list({ type: 'hosts', pageSize: 1 }).pages()) {
      pages.push(page.items.length);
    }
    assert.ok(pages.length >= 2);
    const filtered = await tc.indicators
      .list({ type: 'hosts', filters: [{ field: 'summary', op: '=', value: 'evil.example' }] })
      .toArray();
    assert.deepEqual(filtered.map((i) => i.hostName), ['evil.example']);
  });
});

describe('writes', () => {
  test('adds and removes a tag with awkward characters', async () => {
    const name = unique('a/b c?#%');
    await host().tags.add(name);
    const tags = await host().tags.list().toArray();
    assert.ok(tags.some((t) => t.name === name), 'the tag is applied');
    const tagged = await tc.tag(name).indicators.list().toArray();
    assert.deepEqual(tagged.map((i) => i.summary ?? i.hostName), ['evil.example']);
    await host().tags.remove(name);
    const after = await host().tags.list().toArray();
    assert.ok(!after.some((t) => t.name === name), 'the tag is gone');
  });

  test('uploads and downloads a document with progress', async () => {
    const doc = await tc.groups.create('documents', { name: unique('Upload'), fileName: 'up.txt' });
    const text = 'hello from node';
    const up = [];
    await tc.group('documents', doc.id).document.upload(new TextEncoder().encode(text), {
      onProgress: (e) => up.push(e),
    });
    assert.deepEqual(up.at(0), { phase: 'upload', loaded: 0, total: text.length });
    assert.deepEqual(up.at(-1), { phase: 'upload', loaded: text.length, total: text.length });
    const down = [];
    const bytes = await tc.group('documents', doc.id).document.download({
      onProgress: (e) => down.push(e),
    });
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes), text);
    assert.ok(down.length >= 2);
    assert.equal(down.at(-1).loaded, text.length);
    await tc.group('documents', doc.id).delete();
  });

  test('associations, tasks and victims', async () => {
    const [incident] = await tc.groups.list({ type: 'incidents' }).toArray();
    const linked = await tc.group('incidents', incident.id).indicators.ofType('hosts').list().toArray();
    assert.ok(linked.some((i) => i.hostName === 'evil.example'));

    const [task] = await tc.tasks.list().toArray();
    await tc.task(task.id).assignees.add('lead@demo.invalid');
    const assignees = await tc.task(task.id).assignees.list().toArray();
    assert.ok(assignees.some((u) => u.userName === 'lead@demo.invalid'));
    await tc.task(task.id).assignees.remove('lead@demo.invalid');

    const [victim] = await tc.victims.list().toArray();
    const emails = await tc.victim(victim.id).assets('emailAddresses').list().toArray();
    assert.equal(emails[0].type, 'EmailAddress');
  });
});

describe('errors', () => {
  test('404 is an ApiError with code not_found', async () => {
    const err = await tc.indicator('hosts', 'missing.example').get().then(
      () => assert.fail('expected an error'),
      (e) => e,
    );
    assert.ok(err instanceof Error);
    assert.ok(err instanceof ThreatConnectError);
    assert.ok(err instanceof ApiError);
    assert.equal(err.name, 'ApiError');
    assert.equal(err.code, 'not_found');
    assert.equal(err.status, 404);
    assert.equal(typeof err.serviceMessage, 'string');
    assert.match(err.stack, /ApiError/);
  });

  test('an inaccessible owner is owner_forbidden', async () => {
    await assert.rejects(
      tc.indicators.list({ owner: 'Restricted Community' }).toArray(),
      (e) => e instanceof ApiError && e.code === 'owner_forbidden' && e.status === 403,
    );
  });

  test('the exclusion list, bad input and aborts', async () => {
    await assert.rejects(tc.indicators.create('hosts', { hostName: 'example.com' }), {
      code: 'exclusion_list',
    });
    await assert.rejects(host().tags.add('x'.repeat(129)), (e) => {
      return e instanceof ConfigError && e.code === 'invalid_input' && e.status === undefined;
    });
    await assert.rejects(tc.whoami({ signal: AbortSignal.abort() }), (e) => {
      return e instanceof TransportError && e.code === 'aborted';
    });
  });

  test('bad options throw at construction', () => {
    assert.throws(() => new ThreatConnect({ baseUrl: sandbox.url }), { code: 'config' });
    assert.throws(() => new ThreatConnect({ baseUrl: 'not a url', token: TOKEN }), ConfigError);
  });

  test('secrets never show', async () => {
    const secret = 'a-secret-that-must-not-leak';
    const client = new ThreatConnect({ baseUrl: sandbox.url, accessId: ACCESS_ID, secretKey: secret });
    const err = await client.whoami().catch((e) => e);
    assert.equal(err.code, 'unauthorized');
    for (const text of [String(client), inspect(client), JSON.stringify(client), err.message, inspect(err)]) {
      assert.ok(!text.includes(secret), text);
    }
    const withToken = new ThreatConnect({ baseUrl: sandbox.url, token: TOKEN });
    assert.ok(!inspect(withToken).includes(TOKEN));
  });
});

describe('resilience (sandbox faults)', () => {
  /** Queues faults for the sandbox's next requests (its loopback admin endpoint). */
  async function fault(...specs) {
    const origin = new URL(sandbox.url).origin;
    const response = await fetch(`${origin}/__sandbox/faults`, { method: 'POST', body: specs.join('\n') });
    assert.equal(response.status, 200, await response.text());
  }

  test('an AbortSignal ends a call in flight', async () => {
    await fault('latency:5000');
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(tc.whoami({ signal: controller.signal }), { code: 'aborted' });
    assert.ok(Date.now() - started < 2000, 'the abort does not wait for the answer');
  });

  test('timeoutMs ends a slow call', async () => {
    await fault('latency:5000');
    const started = Date.now();
    await assert.rejects(tc.whoami({ timeoutMs: 200 }), (e) => e instanceof TransportError && e.code === 'timeout');
    assert.ok(Date.now() - started < 2000);
  });

  test('502 and 429 are retried', async () => {
    await fault('502', '429:1');
    const started = Date.now();
    const user = await tc.whoami();
    assert.equal(user.userName, ACCESS_ID);
    assert.ok(Date.now() - started >= 900, 'Retry-After was honoured');
    const noRetry = new ThreatConnect({ baseUrl: sandbox.url, token: TOKEN, maxRetries: 0 });
    await fault('502');
    await assert.rejects(noRetry.whoami(), { code: 'server_error', status: 502 });
  });
});

describe('IOC toolkit', () => {
  test('extracts defanged indicators with UTF-16 offsets', () => {
    const text = '🙂 Beacon: hxxp://evil[.]example/x then 198.51.100[.]7 — mail bob[at]evil[.]example 🚀 done';
    const found = extractIndicators(text);
    const byType = Object.fromEntries(found.map((f) => [f.type, f]));
    assert.equal(byType.urls.value, 'http://evil.example/x');
    assert.equal(byType.addresses.value, '198.51.100.7');
    assert.equal(byType.emailAddresses.value, 'bob@evil.example');
    assert.equal(text.slice(byType.urls.start, byType.urls.end), 'hxxp://evil[.]example/x');
    assert.equal(text.slice(byType.addresses.start, byType.addresses.end), '198.51.100[.]7');
    assert.equal(
      text.slice(byType.emailAddresses.start, byType.emailAddresses.end),
      'bob[at]evil[.]example',
    );
    assert.equal(byType.urls.start, 11, 'the emoji is two UTF-16 units');
  });

  test('refang and defang', () => {
    assert.equal(refang('hxxps[://]evil[.]example'), 'https://evil.example');
    assert.equal(refang(defang('evil.example')), 'evil.example');
    assert.notEqual(defang('evil.example'), 'evil.example');
  });

  test('every operation is listed', () => {
    const ops = operations();
    for (const op of ['whoami', 'indicator.tags.add', 'group.document.download', 'batch.create']) {
      assert.ok(ops.includes(op), op);
    }
  });
});

describe('signRequest', () => {
  const vectorKey = 'aSecretKeyForTestingOnly+/=';
  const vectorId = '12345678901234567890';

  test('matches the signing vectors', () => {
    const cases = [
      ['GET', 1513703787, '/api/v2/owners', '/pMd4DltEMiJNMvPu8yWsCNL2+IFBLp/45JV3/0d2MM='],
      ['GET', 1513703787, '/api/v2/indicators/hosts/example.com?Owner=Common%20Community', '1Xy3iLacGM9ofdnpJFMVcyzWNpoL5gd05ikFeSGB+Xo='],
      ['DELETE', 1700000000, '/api/v2/groups/threats/12345/tags/Nation%20State', 'HbGCOR/xIW4r5bj3hK4sb+rvD5P/kEpASRlHmmqMaKA='],
      ['POST', 1700000000, '/api/v2/batch/12345', 'JdjmfyvttsYvyxxxeKQ3J4a04JE7UohBGjsFCC64oiY='],
    ];
    for (const [method, timestamp, path, signature] of cases) {
      const headers = signRequest({ accessId: vectorId, secretKey: vectorKey, path, method, timestamp });
      assert.deepEqual(headers, { Timestamp: String(timestamp), Authorization: `TC ${vectorId}:${signature}` });
    }
  });

  test('headers it makes are accepted by the sandbox', async () => {
    const path = `${new URL(sandbox.url).pathname.replace(/\/$/, '')}/v2/owners`;
    const headers = signRequest({ accessId: ACCESS_ID, secretKey: SECRET_KEY, path });
    const res = await fetch(new URL(path, sandbox.url), { headers });
    assert.equal(res.status, 200, await res.text());
  });

  test('refuses unusable input without echoing the key', () => {
    const secretKey = 'a-key-that-must-not-leak';
    const bad = [
      { accessId: '', secretKey, path: '/v2/owners' },
      { accessId: 'a:b', secretKey, path: '/v2/owners' },
      { accessId: 'id', secretKey: '', path: '/v2/owners' },
      { accessId: 'id', secretKey, path: 'v2/owners' },
      { accessId: 'id', secretKey, path: '/v2/owners', method: 'get' },
      { accessId: 'id', secretKey, path: '/v2/owners', timestamp: -1 },
      { accessId: 'id', secretKey, path: '/v2/owners', timestamp: 1.5 },
    ];
    for (const input of bad) {
      const err = (() => {
        try {
          signRequest(input);
        } catch (e) {
          return e;
        }
        return null;
      })();
      assert.ok(err instanceof ConfigError, `${JSON.stringify({ ...input, secretKey: '…' })}: ${err}`);
      assert.equal(err.code, 'invalid_input');
      assert.ok(!inspect(err).includes(secretKey));
    }
  });
});

describe('batch', () => {
  test('run imports in chunks with progress and readable errors', async () => {
    const tag = unique('batch');
    const items = [];
    for (let i = 0; i < 250; i++) {
      items.push(i % 50 === 7
        ? { summary: `999.1.1.${i}`, type: 'Address' }
        : { summary: `${tag.replace(/[^a-z0-9]+/gi, '-')}-${i}.example`.toLowerCase(), type: 'Host', tag: [{ name: tag }] });
    }
    const events = [];
    const outcome = await tc.batch.run(
      items,
      { owner: 'Demo Organization', chunkItems: 100, firstPollMs: 10, pollStepMs: 10, maxPollMs: 50 },
      { onProgress: (e) => events.push(e) },
    );
    assert.equal(outcome.jobs.length, 3);
    assert.equal(outcome.errorCount, 5);
    assert.equal(outcome.successCount, 245);
    const reasons = outcome.jobs.flatMap((j) => j.errors.map((e) => e.errorReason));
    assert.equal(reasons.length, 5);
    assert.ok(reasons.every((r) => r.startsWith('0x1005')));
    assert.ok(events.every((e) => e.phase === 'batch'));
    const last = events.at(-1);
    assert.deepEqual([last.itemsSubmitted, last.jobsDone, last.succeeded, last.failed], [250, 3, 245, 5]);
    const tagged = await tc.tag(tag).indicators.list().page({ start: 0, limit: 1 });
    assert.equal(tagged.resultCount, 245);
  });

  test('run refuses bad input with typed errors', async () => {
    await assert.rejects(tc.batch.run('nope', { owner: 'Demo Organization' }), (e) => e instanceof ConfigError && e.code === 'invalid_input');
    await assert.rejects(tc.batch.run([], {}), (e) => e.code === 'invalid_input');
  });
});
