// The extension's MV3 service worker (a module; no `window`, no `document`).
// "Look up in ThreatConnect" on selected text: extract the indicators with
// the package, look each one up, store the verdict in chrome.storage.session
// for the popup. Settings (instance URL, credentials) live in
// chrome.storage.local, written by the options page; never in sync storage.
import { ThreatConnect, extractIndicators, init } from './vendor/threatconnect/index.js';

const MENU_ID = 'tc-lookup';
const MAX_INDICATORS = 20;

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU_ID,
    title: 'Look up in ThreatConnect',
    contexts: ['selection'],
  });
});

chrome.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === MENU_ID) lookupSelection(info.selectionText ?? '');
});

/** The client for the stored settings, or null when they are incomplete. */
async function client() {
  const { settings } = await chrome.storage.local.get('settings');
  if (!settings?.baseUrl) return null;
  const common = { baseUrl: settings.baseUrl, timeoutMs: 20_000 };
  if (settings.mode === 'hmac') {
    if (!settings.accessId || !settings.secretKey) return null;
    return new ThreatConnect({ ...common, accessId: settings.accessId, secretKey: settings.secretKey });
  }
  if (!settings.token) return null;
  // A function, so a token changed in the options page is used at once.
  return new ThreatConnect({
    ...common,
    token: async () => (await chrome.storage.local.get('settings')).settings?.token ?? '',
  });
}

/** A one-word verdict from the indicator's rating (0-5 skulls). */
function verdict(indicator) {
  const rating = indicator.rating ?? 0;
  if (rating >= 3) return 'malicious';
  if (rating > 0) return 'suspicious';
  return 'known';
}

async function lookupOne(tc, hit) {
  const base = { type: hit.type, value: hit.value };
  try {
    const found = await tc.indicator(hit.type, hit.value).get({ includeTags: true });
    return {
      ...base,
      found: true,
      verdict: verdict(found),
      rating: found.rating ?? null,
      confidence: found.confidence ?? null,
      tags: (found.tag ?? []).map((t) => t.name),
      webLink: found.webLink ?? null,
    };
  } catch (e) {
    if (e?.code === 'not_found') return { ...base, found: false, verdict: 'unknown', tags: [] };
    // Error messages never contain the secret key or the token.
    return { ...base, found: false, verdict: 'error', error: e?.code ?? 'error', tags: [] };
  }
}

/** The context-menu handler; also a global so that tests can call it. */
async function lookupSelection(text) {
  const started = new Date().toISOString();
  let result;
  try {
    await init(); // extractIndicators is synchronous and needs the module loaded
    const tc = await client();
    const hits = extractIndicators(String(text).slice(0, 20_000));
    const unique = [...new Map(hits.map((h) => [`${h.type}\n${h.value}`, h])).values()].slice(0, MAX_INDICATORS);
    if (!tc) {
      result = { at: started, status: 'not_configured', items: [] };
    } else if (unique.length === 0) {
      result = { at: started, status: 'no_indicators', items: [] };
    } else {
      const items = await Promise.all(unique.map((hit) => lookupOne(tc, hit)));
      result = { at: started, status: 'done', items };
    }
  } catch (e) {
    result = { at: started, status: 'error', error: e?.code ?? 'error', items: [] };
  }
  await chrome.storage.session.set({ lastResult: result });
  const bad = result.items.some((i) => i.verdict === 'malicious');
  await chrome.action.setBadgeText({ text: result.items.length ? (bad ? '!' : String(result.items.length)) : '' });
  await chrome.action.setBadgeBackgroundColor({ color: bad ? '#b00020' : '#555555' });
  return result;
}

self.lookupSelection = lookupSelection;
