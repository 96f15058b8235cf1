// A worker using the package in workerd: the shared scenario
// (../scenario.mjs) against the sandbox, answered as JSON.
import * as pkg from '@tc-wasm/threatconnect';
import { scenario } from './scenario.mjs';

function run(env, tag) {
  const tc = new pkg.ThreatConnect({ baseUrl: env.TC_BASE_URL, token: env.TC_TOKEN });
  return scenario(pkg, tc, { tag, text: 'hxxp://evil[.]example/worker' });
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
