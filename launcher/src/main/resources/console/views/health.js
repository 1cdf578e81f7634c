// Health of every component (GET /health), refreshed every 5 s.
import {h, clear, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {authHeader} from '../lib/session.js';

export default {
  id: 'health',
  nav: 'nav.health',
  role: 'viewer',
  async render(main) {
    const box = h('div', {});
    main.append(h('h1', {}, t('health.title')), box);
    async function refresh() {
      try {
        const res = await fetch('/health', {headers: authHeader()});
        const body = await res.json();
        const comps = body.components || {};
        clear(box, h('p', {class: 'status-' + body.status}, t('health.overall') + ' ' + (body.status || res.status)),
          table([t('health.component'), t('health.status'), t('health.detail')], Object.keys(comps).sort().map(name => {
            const c = comps[name];
            const keys = Object.keys(c).filter(k => k !== 'status');
            const detail = keys.map(k => (k === 'detail' ? '' : k + ': ') + (typeof c[k] === 'string' ? c[k] : JSON.stringify(c[k]))).join(', ');
            return h('tr', {}, h('td', {}, name), h('td', {class: 'status-' + c.status}, (c.status === 'UP' ? '✓ ' : c.status === 'DOWN' ? '✗ ' : '') + c.status), h('td', {}, detail));
          })));
      } catch (e) {
        clear(box, h('p', {class: 'error'}, t('health.unreachable')));
      }
    }
    await refresh();
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }
};
