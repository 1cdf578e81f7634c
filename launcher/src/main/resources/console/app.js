// Console shell: sign-in, navigation, hash routing (#/view/arg?query) and language switch.
// Views are modules listed in views/index.js; each exports
//   {id, nav (i18n key, optional), role ('viewer'|'officer'|'admin'), render(main, ctx) → cleanup?}
// with ctx = {args: [...], query: URLSearchParams}. A view renders into `main` and returns an optional
// cleanup function (timers), called when the route changes.
import {h, clear} from './lib/dom.js';
import * as i18n from './lib/i18n.js';
import {t} from './lib/i18n.js';
import * as session from './lib/session.js';
import views from './views/index.js';
import signin from './views/signin.js';

let cleanup = null;
let renderSeq = 0;

function parse() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {id: parts[0] || '', args: parts.slice(1), query: new URLSearchParams(qs || '')};
}

function nav(active) {
  const navEl = document.getElementById('nav');
  const who = document.getElementById('who');
  const langSwitch = h('button', {type: 'button', class: 'link', lang: i18n.current() === 'fr' ? 'en' : 'fr',
    on: {click: async () => { await i18n.use(i18n.current() === 'fr' ? 'en' : 'fr'); route(); }}},
    i18n.current() === 'fr' ? 'English' : 'Français');
  document.getElementById('skip').textContent = t('nav.skip');
  if (!session.signedIn()) {
    clear(navEl);
    clear(who, langSwitch);
    return;
  }
  clear(navEl, h('ul', {}, views.filter(v => v.nav && session.can(v.role || 'viewer')).map(v =>
    h('li', {}, h('a', {href: '#/' + v.id, 'aria-current': v.id === active ? 'page' : null}, t(v.nav))))));
  const me = session.user();
  clear(who, h('span', {class: 'me'}, me.name + ' (' + t('role.' + me.role) + ')'), ' ', langSwitch, ' ',
    h('button', {type: 'button', class: 'link', id: 'signout', on: {click: () => { session.signOut(); window.location.hash = '#/signin'; }}},
      t('nav.signout')));
}

async function route() {
  const seq = ++renderSeq;
  if (cleanup) { try { cleanup(); } catch (e) { /* view already gone */ } cleanup = null; }
  const r = parse();
  const main = document.getElementById('main');
  if (!session.signedIn() && r.id !== 'signin') {
    const next = window.location.hash.replace(/^#\/?/, '');
    window.location.replace('#/signin' + (next ? '?next=' + encodeURIComponent(next) : ''));
    return;
  }
  if (r.id === '' || (r.id === 'signin' && session.signedIn())) {
    window.location.replace('#/' + (r.query.get('next') || 'alerts'));
    return;
  }
  const view = r.id === 'signin' ? signin : views.find(v => v.id === r.id);
  nav(view ? view.id : null);
  if (!view) {
    clear(main, h('h1', {}, t('notfound.title')), h('p', {}, h('a', {href: '#/alerts'}, t('nav.alerts'))));
    return;
  }
  if (view !== signin && !session.can(view.role || 'viewer')) {
    clear(main, h('h1', {}, t('forbidden.title')), h('p', {}, t('forbidden.text')));
    return;
  }
  document.title = t(view.nav || 'signin.title') + ' · Bourtol';
  clear(main);
  const c = await view.render(main, {args: r.args, query: r.query});
  if (seq !== renderSeq) { if (typeof c === 'function') c(); return; }
  cleanup = typeof c === 'function' ? c : null;
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', async () => {
  await i18n.init();
  route();
});
