// The lookup widget: extracts indicators from the text box with the
// package, looks each one up either through the edge worker
// (GET {url}/lookup?type=&value=, no credentials in the browser) or
// directly against the API with a token, and renders rows with textContent
// only (values and tags are untrusted).
import { ThreatConnect, extractIndicators, init } from './vendor/threatconnect/index.js';

const $ = (id) => document.getElementById(id);
const MAX = 25;

// Settings come from the form only, never from the query string: a crafted
// link must not be able to point the page (and its token) at another host.
function settings() {
  return {
    mode: localStorage.getItem('tc-mode') ?? 'edge',
    url: localStorage.getItem('tc-url') ?? '',
    token: sessionStorage.getItem('tc-token') ?? '',
  };
}

function showSettings() {
  const s = settings();
  $('mode').value = s.mode;
  $('url').value = s.url;
  $('token').value = s.token;
  $('token-row').hidden = s.mode !== 'direct';
  if (!s.url) $('settings-box').open = true;
}

$('mode').addEventListener('change', () => {
  $('token-row').hidden = $('mode').value !== 'direct';
});
$('settings').addEventListener('submit', (event) => {
  event.preventDefault();
  localStorage.setItem('tc-mode', $('mode').value);
  localStorage.setItem('tc-url', $('url').value.trim());
  if ($('mode').value === 'direct') sessionStorage.setItem('tc-token', $('token').value.trim());
  else sessionStorage.removeItem('tc-token');
  showSettings();
  $('status').textContent = 'Settings saved.';
});

/** A lookup function for the current settings: (type, value) -> row. */
function lookupWith(s) {
  if (s.mode === 'direct') {
    const tc = new ThreatConnect({ baseUrl: s.url, token: async () => sessionStorage.getItem('tc-token') ?? '' });
    return async (type, value) => {
      try {
        const found = await tc.indicator(type, value).get({ includeTags: true });
        return { type, value, found: true, rating: found.rating ?? null, tags: (found.tag ?? []).map((t) => t.name) };
      } catch (e) {
        if (e?.code === 'not_found') return { type, value, found: false, tags: [] };
        return { type, value, found: false, error: e?.code ?? 'error', tags: [] };
      }
    };
  }
  const base = s.url.replace(/\/+$/, '');
  return async (type, value) => {
    const query = new URLSearchParams({ type, value });
    try {
      const response = await fetch(`${base}/lookup?${query}`, { headers: { accept: 'application/json' } });
      const body = await response.json();
      if (response.status === 404 && body.found === false) return { type, value, found: false, tags: [] };
      if (!response.ok) return { type, value, found: false, error: body.error ?? `http_${response.status}`, tags: [] };
      return { type, value, found: true, rating: body.rating ?? null, tags: body.tags ?? [] };
    } catch {
      return { type, value, found: false, error: 'network', tags: [] };
    }
  };
}

function cell(row, className, text) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  row.append(td);
}

function render(rows) {
  const body = $('results').querySelector('tbody');
  body.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.value = r.value;
    if ((r.rating ?? 0) >= 3) tr.className = 'malicious';
    cell(tr, 'type', r.type);
    cell(tr, 'value', r.value);
    cell(tr, 'rating', r.found ? `${r.rating ?? '-'} / 5` : r.error ? `error: ${r.error}` : 'not found');
    cell(tr, 'tags', r.tags.join(', '));
    body.append(tr);
  }
  $('results').hidden = rows.length === 0;
}

$('lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const s = settings();
  if (!s.url || (s.mode === 'direct' && !s.token)) {
    $('status').textContent = 'Configure the URL (and the token in direct mode) under Settings first.';
    $('settings-box').open = true;
    return;
  }
  $('go').disabled = true;
  $('status').textContent = 'Looking up…';
  try {
    await init(); // extractIndicators is synchronous once the module is loaded
    const hits = extractIndicators($('text').value.slice(0, 20_000));
    const unique = [...new Map(hits.map((h) => [`${h.type}\n${h.value}`, h])).values()].slice(0, MAX);
    const lookup = lookupWith(s);
    const rows = await Promise.all(unique.map((h) => lookup(h.type, h.value)));
    render(rows);
    $('status').textContent = rows.length ? `${rows.length} indicator(s) looked up.` : 'No indicators found.';
  } catch (e) {
    $('status').textContent = `Lookup failed (${e?.code ?? 'error'}).`;
  } finally {
    $('go').disabled = false;
  }
});

showSettings();
