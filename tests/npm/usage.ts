// Exercises the public types of @tc-wasm/threatconnect; checked with
// `tsc --strict --noEmit` (never run). Lines marked @ts-expect-error must
// stay errors: they guard the types against getting too loose.

import {
  ApiError,
  ThreatConnect,
  ThreatConnectError,
  extractIndicators,
  init,
  refang,
  signRequest,
  type ErrorCode,
  type FoundIndicator,
  type Group,
  type Indicator,
  type Listing,
  type Page,
  type ProgressEvent,
  type Tag,
  type ThreatConnectOptions,
} from '@tc-wasm/threatconnect';

const hmac: ThreatConnectOptions = {
  baseUrl: 'https://app.threatconnect.com/api',
  accessId: '12345678901234567890',
  secretKey: 'secret',
  defaultOwner: 'Demo Organization',
  timeoutMs: 30_000,
  maxRetries: 2,
};
const renewing: ThreatConnectOptions = {
  baseUrl: 'https://app.threatconnect.com/api',
  token: async () => 'token',
  fetch: (input, init) => fetch(input, init),
};
// @ts-expect-error: HMAC and a token together
const both: ThreatConnectOptions = { baseUrl: 'x', accessId: 'a', secretKey: 'b', token: 't' };

async function main(): Promise<void> {
  await init();
  const tc = new ThreatConnect(hmac);
  new ThreatConnect(renewing);

  const user = await tc.whoami();
  const name: string | undefined = user.userName;

  const host: Indicator = await tc.indicator('hosts', 'evil.example').get({ includeTags: true });
  const rating: number | undefined = host.rating;
  const dns: 'true' | 'false' | undefined = host.dnsActive;
  const tags: Tag[] | undefined = host.tag;
  const ownerName: string | undefined = host.owner?.name;

  const listing: Listing<Indicator> = tc.indicators.list({ type: 'hosts', owner: 'Demo Organization', pageSize: 500 });
  for await (const indicator of listing) {
    const id: number = indicator.id;
  }
  for await (const page of listing.pages()) {
    const items: Indicator[] = page.items;
  }
  const page: Page<Indicator> = await tc.indicators.page({ type: 'hosts', start: 0, limit: 100 });
  const next: number | null = page.next;
  const total: number | undefined = page.resultCount;
  const all: Group[] = await tc.groups.list({ type: 'incidents', filters: ['name^Finance'] }).toArray();

  const item = tc.indicator('hosts', 'evil.example');
  await item.tags.add('APT28');
  await item.tags.remove('APT28');
  await item.attributes.create({ type: 'Description', value: 'C2' });
  await item.groups.ofType('incidents').add(42);
  await item.securityLabels.add('TLP:AMBER');
  await item.attribute(7).securityLabels.list().toArray();
  await tc.group('incidents', 42).publish();
  await tc.group('adversaries', 3).adversaryAssets.ofType('handles').create('spider');

  const controller = new AbortController();
  const progress = (e: ProgressEvent): void => {
    const share = e.total === undefined ? undefined : e.loaded / e.total;
  };
  const bytes: Uint8Array = await tc.group('documents', 7).document.download({
    onProgress: progress,
    signal: controller.signal,
  });
  await tc.group('documents', 7).document.upload(new Uint8Array([1, 2, 3]), { onProgress: progress });
  await tc.tag('Nation State').indicators.list().toArray();
  await tc.task(1).assignees.add('analyst@demo.invalid');
  await tc.victim(3).assets('emailAddresses').list().toArray();
  await tc.victim(3).victimAssets.ofType('webSites').add(5);

  const batchId: number = await tc.batch.create({ owner: 'Demo Organization', action: 'Create' });
  const status = await tc.batch.upload(batchId, [{ type: 'Host', summary: 'evil.example' }]);
  const done: boolean = status.status === 'Completed';
  await tc.batch.errors(batchId);
  const outcome = await tc.batch.run([{ type: 'Host', summary: 'evil.example' }], { owner: 'Demo Organization', chunkItems: 1000 }, {
    onProgress: (e) => { const n: number = e.itemsSubmitted; void n; },
  });
  const imported: number = outcome.successCount + outcome.errorCount;
  void imported;

  // @ts-expect-error: a group id is a number
  tc.group('incidents', '42');
  // @ts-expect-error: listings are not promises
  const wrong: Indicator[] = await tc.indicators.list();

  try {
    await tc.indicator('hosts', 'missing.example').get();
  } catch (e) {
    if (e instanceof ApiError) {
      const status: number = e.status;
      const code: ErrorCode = e.code;
    } else if (e instanceof ThreatConnectError) {
      const status: number | undefined = e.status;
      const message: string | undefined = e.serviceMessage;
    }
  }

  const found: FoundIndicator[] = extractIndicators('hxxp://evil[.]example', { refang: true });
  const first = found[0];
  if (first) {
    const branch: 'hosts' | 'urls' | 'addresses' | 'emailAddresses' | 'files' | 'cidrBlocks' | 'asns' = first.type;
    const span: [number, number] = [first.start, first.end];
  }
  const plain: string = refang('evil[.]example');

  const signed = signRequest({ accessId: 'id', secretKey: 'key', path: '/api/v2/owners', method: 'POST' });
  const auth: string = signed.Authorization;
  await fetch('https://tc.example.org/api/v2/owners', { headers: { ...signed } });
  // @ts-expect-error lower-case methods are not signed
  signRequest({ accessId: 'id', secretKey: 'key', path: '/', method: 'get' });
}

void main;
