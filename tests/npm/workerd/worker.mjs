// A worker using the package in workerd: lookup, paged list, tag add/remove
// and a typed error against the sandbox, answered as JSON.
import { ApiError, ThreatConnect, extractIndicators } from '@tc-wasm/threatconnect';

async function run(env, tag) {
  const tc = new ThreatConnect({ baseUrl: env.TC_BASE_URL, token: env.TC_TOKEN });
  const out = { hasWindow: typeof window !== 'undefined' };
  const host = await tc.indicator('hosts', 'evil.example').get({ includeTags: true });
  out.hostName = host.hostName;
  out.tags = host.tag.map((t) => t.name);
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
  const [hit] = extractIndicators('hxxp://evil[.]example/worker');
  out.hit = hit.value;
  return out;
}

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === '/health') return new Response('ok');
    const tag = new URL(request.url).searchParams.get('tag') ?? 'workerd a/b c';
    try {
      return Response.json(await run(env, tag));
    } catch (e) {
      return Response.json({ failed: String(e), code: e?.code, stack: e?.stack }, { status: 500 });
    }
  },
};
