// An edge function (Cloudflare Workers / workerd) in front of ThreatConnect:
// it holds the HMAC secret (env.TC_SECRET, a wrangler secret) and exposes a
// narrow, allow-listed API to browsers:
//
//   GET  /lookup?type=hosts&value=evil.example   -> the indicator's verdict
//   POST /tags  {type, value, tag, action: 'add'|'remove'}
//
// Everything else is 404 (unknown path) or 405 (wrong method). CORS allows
// one configured origin (env.ALLOWED_ORIGIN; '*' only if you mean it) and
// answers preflights. Neither the secret nor the access id is ever sent back.
import { ThreatConnect } from '@tc-wasm/threatconnect';

const TYPES = new Set(['hosts', 'addresses', 'urls', 'emailAddresses', 'files', 'cidrBlocks', 'asns']);
const ROUTES = { '/lookup': ['GET'], '/tags': ['POST'] };
const MAX_VALUE = 2048;
const MAX_TAG = 128;
const MAX_BODY = 4096;

function cors(env, request) {
  const allowed = env.ALLOWED_ORIGIN ?? '';
  const origin = request.headers.get('origin');
  const headers = { vary: 'Origin' };
  if (allowed === '*' || (origin && origin === allowed)) {
    headers['access-control-allow-origin'] = allowed === '*' ? '*' : origin;
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
    headers['access-control-allow-headers'] = 'content-type';
    headers['access-control-max-age'] = '600';
  }
  return headers;
}

function json(body, status, headers) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function client(env) {
  return new ThreatConnect({
    baseUrl: env.TC_API,
    accessId: env.TC_ID,
    secretKey: env.TC_SECRET,
    timeoutMs: 15_000,
  });
}

/** Checks {type, value}: an allow-listed type and a bounded string. */
function indicatorArgs(type, value) {
  if (!TYPES.has(type)) return 'type must be one of ' + [...TYPES].join(', ');
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE) return 'bad value';
  return null;
}

/** A service error as a status and a stable code; never the message. */
function failure(e, headers) {
  const code = typeof e?.code === 'string' ? e.code : 'error';
  if (code === 'not_found') return json({ error: code }, 404, headers);
  if (code === 'invalid_input' || code === 'bad_request') return json({ error: code }, 400, headers);
  return json({ error: code }, 502, headers);
}

async function lookup(url, env, headers) {
  const type = url.searchParams.get('type') ?? '';
  const value = url.searchParams.get('value') ?? '';
  const bad = indicatorArgs(type, value);
  if (bad) return json({ error: 'bad_request', detail: bad }, 400, headers);
  try {
    const found = await client(env).indicator(type, value).get({ includeTags: true });
    return json(
      {
        type,
        value,
        found: true,
        rating: found.rating ?? null,
        confidence: found.confidence ?? null,
        threatAssessRating: found.threatAssessRating ?? null,
        tags: (found.tag ?? []).map((t) => t.name),
        lastModified: found.lastModified ?? null,
      },
      200,
      headers,
    );
  } catch (e) {
    if (e?.code === 'not_found') return json({ type, value, found: false, tags: [] }, 404, headers);
    return failure(e, headers);
  }
}

async function tags(request, env, headers) {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    return json({ error: 'bad_request', detail: 'content-type must be application/json' }, 415, headers);
  }
  const text = await request.text();
  if (text.length > MAX_BODY) return json({ error: 'bad_request', detail: 'body too large' }, 413, headers);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ error: 'bad_request', detail: 'body is not JSON' }, 400, headers);
  }
  const { type, value, tag, action } = body ?? {};
  const bad =
    indicatorArgs(type, value) ??
    (typeof tag !== 'string' || !tag.trim() || tag.length > MAX_TAG ? 'bad tag' : null) ??
    (action !== 'add' && action !== 'remove' ? "action must be 'add' or 'remove'" : null);
  if (bad) return json({ error: 'bad_request', detail: bad }, 400, headers);
  try {
    const item = client(env).indicator(type, value);
    if (action === 'add') await item.tags.add(tag);
    else await item.tags.remove(tag);
    return json({ ok: true, type, value, tag, action }, 200, headers);
  } catch (e) {
    return failure(e, headers);
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const headers = cors(env, request);
    const methods = ROUTES[url.pathname];
    if (!methods) return json({ error: 'not_found' }, 404, headers);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers });
    if (!methods.includes(request.method)) {
      return json({ error: 'method_not_allowed' }, 405, { ...headers, allow: [...methods, 'OPTIONS'].join(', ') });
    }
    if (!env.TC_API || !env.TC_ID || !env.TC_SECRET) return json({ error: 'not_configured' }, 500, headers);
    return url.pathname === '/lookup' ? lookup(url, env, headers) : tags(request, env, headers);
  },
};
