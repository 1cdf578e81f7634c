import {h, clear} from './dom.js';
import {get} from './api.js';
import {t} from './i18n.js';

// Severity is shown by a word and a mark, colour only adds to them.
const MARKS = {Extreme: '!!!', Severe: '!!', Moderate: '!', Minor: '·', Unknown: '?'};

export function severityBadge(sev) {
  return h('span', {class: 'sev sev-' + sev}, h('span', {'aria-hidden': 'true', class: 'mark'}, MARKS[sev] || '?'), ' ', t('severity.' + sev));
}

export function stateBadge(state) {
  return h('span', {class: 'state state-' + state}, t('state.' + state));
}

let toastTimer = null;
export function toast(message, kind) {
  const el = document.getElementById('toast');
  el.className = 'toast ' + (kind || 'ok');
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.textContent = ''; el.className = 'toast'; }, 6000);
}

// An API failure as a readable block: message and details.
export function errorBox(err) {
  return h('div', {class: 'errorbox', role: 'alert'}, h('p', {}, t('error.prefix') + ' ' + err.message),
    err.details && err.details.length ? h('ul', {}, err.details.map(d => h('li', {}, d))) : null);
}

// An API failure shown in box (replacing what it held). A 401 shows nothing: api() has signed out and opened the
// sign-in view.
export function showError(box, err) {
  if (err.status !== 401) clear(box, errorBox(err));
}

// The JSON of GET path, or null once the failure is shown in box (showError).
export async function getOrShow(path, box) {
  try {
    return await get(path);
  } catch (e) {
    showError(box, e);
    return null;
  }
}

// Masked pseudonym or number for display ("r-3f9a…").
export function masked(id) {
  if (!id) return '—';
  if (id.startsWith('+')) return id;
  return id.length > 8 ? id.slice(0, 6) + '…' : id;
}
