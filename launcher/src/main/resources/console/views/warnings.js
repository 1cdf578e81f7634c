// Warnings an officer issues by hand (docs/warnings.md): a draft form (lib/warningform.js: hazard,
// severity, communes or an area drawn on the map, headline and instruction in French and English,
// expiry, test), then the list of drafts and sent warnings with approve, change/update and cancel.
// The two-person rule is the server's: a Severe or Extreme draft's author gets its refusal as a message.
import {h, clear} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {warningForm} from '../lib/warningform.js';
import {can, user} from '../lib/session.js';
import {when} from '../lib/time.js';
import {toast, getOrShow, severityBadge} from '../lib/ui.js';

async function act(path, okMessage, refresh) {
  try {
    await post(path);
    toast(okMessage);
    refresh();
  } catch (e) {
    if (e.status === 403) toast(t('warnings.ownApproval'), 'bad');
    else if (e.status !== 401) toast(e.message + (e.details.length ? ' — ' + e.details.join(' · ') : ''), 'bad');
  }
}

function card(w, communes, refresh) {
  const id = encodeURIComponent(w.id);
  const buttons = [];
  const editor = h('div', {class: 'editor'});
  const open = w.state !== 'cancelled' && new Date(w.expiresAt) > new Date();
  if (can('officer') && w.state === 'draft') {
    buttons.push(h('button', {type: 'button', class: 'primary approve',
      on: {click: () => act('/api/v1/alerts/' + id + '/approve', t('warnings.approved'), refresh)}}, t('warnings.approve')));
  }
  if (can('officer') && open) {
    const edit = h('button', {type: 'button', class: 'edit', 'aria-expanded': 'false', on: {click: () => {
      edit.setAttribute('aria-expanded', 'true');
      clear(editor, warningForm({communes, warning: w, onDone: refresh, onClose: () => {
        clear(editor);
        edit.setAttribute('aria-expanded', 'false');
      }}));
    }}}, w.state === 'draft' ? t('warnings.change') : t('warnings.update'));
    buttons.push(edit, h('button', {type: 'button', class: 'danger cancel',
      on: {click: () => act('/api/v1/alerts/' + id + '/cancel', t('warnings.cancelled'), refresh)}},
    w.state === 'draft' ? t('warnings.discard') : t('warnings.cancel')));
  }
  return h('article', {class: 'card', 'data-warning': w.id, 'data-state': w.state, 'data-version': w.version},
    h('h3', {}, severityBadge(w.severity), ' ', t('hazard.' + w.hazard), ' · ', w.place || w.zones.join(', '),
      w.area ? ' · ' + t('warnings.drawn') : '', w.test ? ' · ' + t('warnings.testBadge') : ''),
    h('p', {}, w.headline.fr || w.headline.en),
    h('p', {class: 'muted'}, h('span', {class: 'wstate'}, t('warnings.state.' + w.state)), ' · ',
      t('warnings.by', {who: w.author}), w.approvedBy ? ' · ' + t('warnings.approvedBy', {who: w.approvedBy}) : '',
      w.cancelledBy ? ' · ' + t('warnings.cancelledBy', {who: w.cancelledBy}) : '',
      w.version > 1 ? ' · ' + t('warnings.version', {n: w.version}) : '',
      ' · ', t('warnings.expires', {at: when(w.expiresAt)})),
    w.state === 'approved' ? h('p', {}, h('a', {href: '#/alerts/' + id}, t('warnings.seeAlert'))) : null,
    buttons.length ? h('p', {class: 'row'}, buttons) : null,
    editor);
}

export default {
  id: 'warnings',
  nav: 'nav.warnings',
  role: 'viewer',
  async render(main) {
    const list = h('div', {class: 'warnings'});
    main.append(h('h1', {}, t('warnings.title')), h('p', {}, t('warnings.intro')));
    let communes = [];
    if (can('officer')) {
      try {
        communes = (await get('/api/v1/zones')).features.filter(z => z.properties.kind === 'commune');
        communes.forEach(z => { z.id = z.id || z.properties.id; });
        communes.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
      } catch (e) {
        if (e.status === 401) return;
      }
      main.append(h('p', {class: 'muted'}, t('warnings.signedAs', {who: user().name})));
    }
    let shown = '';
    async function refresh(force) {
      const items = await getOrShow('/api/v1/warnings', list);
      if (items === null) return;
      const sig = items.map(w => w.id + ':' + w.version).join(',');
      if (sig === shown && !force) return;
      shown = sig;
      clear(list, items.length ? items.map(w => card(w, communes, () => refresh(true))) : h('p', {}, t('warnings.none')));
    }
    main.append(h('h2', {}, t('warnings.list')), list);
    if (can('officer')) main.append(warningForm({communes, warning: null, onDone: () => refresh(true), onClose: null}));
    await refresh(true);
    const timer = setInterval(() => refresh(false), 5000);
    return () => clearInterval(timer);
  }
};
