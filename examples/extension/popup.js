// Renders the last lookup (chrome.storage.session) with textContent only:
// indicator values and tags come from pages and from the service, so they
// are never parsed as HTML.

const STATUS = {
  not_configured: 'Not configured: open Settings and enter the instance URL and credentials.',
  no_indicators: 'No indicators found in the selected text.',
  error: 'The lookup failed.',
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(result) {
  const status = document.getElementById('status');
  const list = document.getElementById('results');
  list.replaceChildren();
  if (!result) return;
  const n = result.items.length;
  status.textContent =
    STATUS[result.status] ?? `${n} indicator${n === 1 ? '' : 's'} looked up at ${result.at}`;
  if (result.error) status.textContent += ` (${result.error})`;
  for (const item of result.items) {
    const li = el('li');
    li.dataset.verdict = item.verdict;
    li.append(el('span', item.verdict, `${item.verdict.toUpperCase()} `));
    li.append(el('span', 'type', `${item.type} `));
    li.append(el('span', 'value', item.value));
    if (item.found) {
      li.append(el('div', 'rating', `rating ${item.rating ?? '-'} / 5, confidence ${item.confidence ?? '-'}`));
      if (item.tags.length) li.append(el('div', 'tags', `tags: ${item.tags.join(', ')}`));
    } else if (item.error) {
      li.append(el('div', 'error', `error: ${item.error}`));
    } else {
      li.append(el('div', 'rating', 'not in ThreatConnect'));
    }
    list.append(li);
  }
}

chrome.storage.session.get('lastResult').then(({ lastResult }) => render(lastResult));
chrome.storage.session.onChanged.addListener((changes) => {
  if (changes.lastResult) render(changes.lastResult.newValue);
});
