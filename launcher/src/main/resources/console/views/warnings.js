// Warnings an officer issues by hand (docs/warnings.md): a draft form (hazard, severity, communes,
// headline and instruction in French and English, expiry, test), then the list of drafts and sent
// warnings with approve and cancel. The two-person rule is the server's: a Severe or Extreme draft's
// author gets its refusal as a message.
import {h, clear, field} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {can, user} from '../lib/session.js';
import {when} from '../lib/time.js';
import {toast, errorBox, severityBadge} from '../lib/ui.js';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'];

function inSixHours() {
  const d = new Date(Date.now() + 6 * 3600 * 1000);
  d.setSeconds(0, 0);
  return d.toISOString().slice(0, 16);
}

function draftForm(zones, done) {
  const hazard = h('select', {name: 'hazard'}, ['conflict', 'flood'].map(x => h('option', {value: x}, t('hazard.' + x))));
  const severity = h('select', {name: 'severity'}, SEVERITIES.map(x => h('option', {value: x}, t('severity.' + x))));
  const zoneSelect = h('select', {name: 'zones', multiple: true, size: 6},
    zones.map(z => h('option', {value: z.id}, z.properties.name)));
  const text = (name, size) => h('input', {type: 'text', name, size, maxlength: 480});
  const headlineFr = text('headlineFr', 60);
  const headlineEn = text('headlineEn', 60);
  const instructionFr = text('instructionFr', 60);
  const instructionEn = text('instructionEn', 60);
  const expires = h('input', {type: 'datetime-local', name: 'expiresAt', value: inSixHours()});
  const test = h('input', {type: 'checkbox', name: 'test'});
  const errors = h('div', {class: 'errors'});
  return h('form', {class: 'warning-draft card', on: {submit: async ev => {
    ev.preventDefault();
    clear(errors);
    const body = {
      hazard: hazard.value, severity: severity.value,
      zones: Array.from(zoneSelect.selectedOptions).map(o => o.value),
      headline: {fr: headlineFr.value, en: headlineEn.value},
      instruction: {fr: instructionFr.value, en: instructionEn.value},
      expiresAt: expires.value ? new Date(expires.value).toISOString() : null,
      test: test.checked
    };
    try {
      await post('/api/v1/alerts', body);
      toast(t('warnings.drafted'));
      ev.target.reset();
      expires.value = inSixHours();
      done();
    } catch (e) {
      if (e.status !== 401) clear(errors, errorBox(e));
    }
  }}},
  h('h2', {}, t('warnings.new')),
  h('div', {class: 'row'}, field(t('warnings.hazard'), hazard), field(t('warnings.severity'), severity)),
  field(t('warnings.zones'), zoneSelect, t('warnings.zonesHelp')),
  field(t('warnings.headlineFr'), headlineFr), field(t('warnings.headlineEn'), headlineEn),
  field(t('warnings.instructionFr'), instructionFr), field(t('warnings.instructionEn'), instructionEn),
  h('div', {class: 'row'}, field(t('warnings.expiresAt'), expires), field(t('warnings.test'), test, t('warnings.testHelp'))),
  errors,
  h('button', {type: 'submit', class: 'primary', id: 'draft'}, t('warnings.saveDraft')));
}

async function act(path, okMessage, refresh) {
  try {
    await post(path);
    toast(okMessage);
    refresh();
  } catch (e) {
    if (e.status !== 401) toast(e.message + (e.details.length ? ' — ' + e.details.join(' · ') : ''), 'bad');
  }
}

function card(w, refresh) {
  const id = encodeURIComponent(w.id);
  const buttons = [];
  if (can('officer') && w.state === 'draft') {
    buttons.push(h('button', {type: 'button', class: 'primary approve',
      on: {click: () => act('/api/v1/alerts/' + id + '/approve', t('warnings.approved'), refresh)}}, t('warnings.approve')));
  }
  if (can('officer') && w.state !== 'cancelled') {
    buttons.push(h('button', {type: 'button', class: 'danger cancel',
      on: {click: () => act('/api/v1/alerts/' + id + '/cancel', t('warnings.cancelled'), refresh)}},
    w.state === 'draft' ? t('warnings.discard') : t('warnings.cancel')));
  }
  return h('article', {class: 'card', 'data-warning': w.id, 'data-state': w.state},
    h('h3', {}, severityBadge(w.severity), ' ', t('hazard.' + w.hazard), ' · ', w.place || w.zones.join(', '),
      w.test ? ' · ' + t('warnings.testBadge') : ''),
    h('p', {}, w.headline.fr || w.headline.en),
    h('p', {class: 'muted'}, h('span', {class: 'wstate'}, t('warnings.state.' + w.state)), ' · ',
      t('warnings.by', {who: w.author}), w.approvedBy ? ' · ' + t('warnings.approvedBy', {who: w.approvedBy}) : '',
      w.cancelledBy ? ' · ' + t('warnings.cancelledBy', {who: w.cancelledBy}) : '',
      ' · ', t('warnings.expires', {at: when(w.expiresAt)})),
    w.state === 'approved' ? h('p', {}, h('a', {href: '#/alerts/' + id}, t('warnings.seeAlert'))) : null,
    buttons.length ? h('p', {class: 'row'}, buttons) : null);
}

export default {
  id: 'warnings',
  nav: 'nav.warnings',
  role: 'viewer',
  async render(main) {
    const list = h('div', {class: 'warnings'});
    main.append(h('h1', {}, t('warnings.title')), h('p', {}, t('warnings.intro')));
    let shown = '';
    async function refresh(force) {
      let items;
      try {
        items = await get('/api/v1/warnings');
      } catch (e) {
        if (e.status !== 401) clear(list, errorBox(e));
        return;
      }
      const sig = items.map(w => w.id + ':' + w.version).join(',');
      if (sig === shown && !force) return;
      shown = sig;
      clear(list, items.length ? items.map(w => card(w, () => refresh(true))) : h('p', {}, t('warnings.none')));
    }
    if (can('officer')) {
      let zones = [];
      try {
        zones = (await get('/api/v1/zones')).features.filter(z => z.properties.kind === 'commune');
        zones.forEach(z => { z.id = z.id || z.properties.id; });
        zones.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
      } catch (e) {
        if (e.status === 401) return;
      }
      main.append(draftForm(zones, () => refresh(true)), h('p', {class: 'muted'}, t('warnings.signedAs', {who: user().name})));
    }
    main.append(list);
    await refresh(true);
    const timer = setInterval(() => refresh(false), 5000);
    return () => clearInterval(timer);
  }
};
