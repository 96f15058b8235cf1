// Settings in chrome.storage.local (this device only, never sync storage).
// Saving asks for the host permission of the configured instance (declared
// as optional_host_permissions in the manifest), so the extension only gets
// access to the one host it talks to.

const $ = (id) => document.getElementById(id);
const FIELDS = ['baseUrl', 'mode', 'token', 'accessId', 'secretKey'];

function showMode() {
  $('token-fields').hidden = $('mode').value !== 'token';
  $('hmac-fields').hidden = $('mode').value !== 'hmac';
}

chrome.storage.local.get('settings').then(({ settings = {} }) => {
  for (const f of FIELDS) if (settings[f] !== undefined) $(f).value = settings[f];
  showMode();
});
$('mode').addEventListener('change', showMode);

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const settings = Object.fromEntries(FIELDS.map((f) => [f, $(f).value.trim()]));
  // Keep only the credentials of the chosen mode.
  if (settings.mode === 'token') {
    settings.accessId = '';
    settings.secretKey = '';
  } else {
    settings.token = '';
  }
  let url;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    $('saved').textContent = 'Not a URL.';
    return;
  }
  const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (!loopback) {
    const granted = await chrome.permissions.request({ origins: [`${url.origin}/*`] });
    if (!granted) {
      $('saved').textContent = `Access to ${url.origin} was not granted; not saved.`;
      return;
    }
  }
  await chrome.storage.local.set({ settings });
  $('saved').textContent = 'Saved.';
});
