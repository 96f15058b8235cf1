// The one scenario the runtime tests run (a page, an MV3 service worker,
// workerd): lookup, a page and iteration, a tag added and removed, a typed
// 404 and IOC extraction, against the sandbox. Plain ESM with no imports,
// so each runtime loads it next to the package; `pkg` is the package's
// module namespace, `tc` a client of it. Answers JSON-able facts for the
// test to assert.
export async function scenario(pkg, tc, { tag, text }) {
  const { ApiError, extractIndicators, init } = pkg;
  const out = {
    hasWindow: typeof window !== 'undefined',
    hasDocument: typeof document !== 'undefined',
  };
  const host = await tc.indicator('hosts', 'evil.example').get({ includeTags: true });
  out.hostName = host.hostName;
  out.dnsActive = host.dnsActive;
  out.tags = (host.tag ?? []).map((t) => t.name);
  const first = await tc.indicators.page({ limit: 2 });
  out.firstPage = { n: first.items.length, next: first.next, total: first.resultCount };
  let n = 0;
  for await (const _ of tc.indicators.list({ pageSize: 2 })) n += 1;
  out.iterated = n;
  const item = tc.indicator('hosts', 'evil.example');
  await item.tags.add(tag);
  out.afterAdd = (await item.tags.list().toArray()).some((t) => t.name === tag);
  await item.tags.remove(tag);
  out.afterRemove = (await item.tags.list().toArray()).some((t) => t.name === tag);
  try {
    await tc.indicator('hosts', 'missing.example').get();
  } catch (e) {
    out.error = { isError: e instanceof Error, api: e instanceof ApiError, code: e.code, status: e.status };
  }
  await init();
  const [hit] = extractIndicators(text);
  out.hit = hit && { value: hit.value, original: text.slice(hit.start, hit.end) };
  return out;
}
