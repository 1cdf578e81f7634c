// Texts come from /console/i18n/{fr,en}.json; French is the default. The choice of language (not the
// token) is remembered in localStorage.
let lang = 'fr';
let messages = {};
const KEY = 'bourtol.lang';

export async function init() {
  const saved = window.localStorage.getItem(KEY);
  await use(saved === 'en' ? 'en' : 'fr');
}

export async function use(l) {
  const res = await fetch('/console/i18n/' + l + '.json');
  messages = await res.json();
  lang = l;
  document.documentElement.lang = l;
  window.localStorage.setItem(KEY, l);
}

export function current() {
  return lang;
}

// t('alerts.count', {n: 3}) → "3 alertes"
export function t(key, params) {
  let s = messages[key];
  if (s === undefined) return key;
  for (const [k, v] of Object.entries(params || {})) s = s.split('{' + k + '}').join(String(v));
  return s;
}

// A {fr, en} object (headlines, schema titles) in the current language.
export function pick(obj) {
  if (!obj) return '';
  return obj[lang] || obj.fr || obj.en || Object.values(obj)[0] || '';
}
