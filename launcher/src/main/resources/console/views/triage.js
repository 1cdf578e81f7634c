// Messages to read: SMS that Bourtol did not understand (triage topic and SMS rejections). An officer
// turns one into a community report of a chosen type and place, or dismisses it with a reason; both
// are recorded (audit topic), so nothing leaves the list without one of the two.
import {h, clear, field} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {can} from '../lib/session.js';
import {when} from '../lib/time.js';
import {toast, getOrShow, masked} from '../lib/ui.js';

const TYPES = ['CLASH', 'TENSION', 'DAMAGE', 'THEFT', 'FLOOD', 'WATER', 'DISEASE', 'FIRE'];

function decide(m, zones, refresh) {
  const type = h('select', {name: 'type'}, TYPES.map(x => h('option', {value: x, selected: x === m.type}, t('report.' + x))));
  const zone = h('select', {name: 'zone'}, h('option', {value: ''}, t('triage.choosePlace')),
    zones.map(z => h('option', {value: z.id, selected: z.id === m.zoneId}, z.properties.name + ' (' + t('kind.' + z.properties.kind) + ')')));
  const zoneField = field(t('triage.place'), zone);
  const report = h('form', {class: 'row report', on: {submit: async ev => {
    ev.preventDefault();
    zoneField.setError('');
    try {
      await post('/api/v1/triage/' + encodeURIComponent(m.id) + '/report', {type: type.value, zone: zone.value});
      toast(t('triage.reported'));
      refresh();
    } catch (e) {
      if (e.status === 400) zoneField.setError(e.details.join(' · '));
      else if (e.status !== 401) toast(e.message, 'bad');
    }
  }}}, field(t('triage.type'), type), zoneField, h('button', {type: 'submit', class: 'primary'}, t('triage.report')));
  const reason = h('input', {type: 'text', name: 'reason', size: 30, maxlength: 500});
  const reasonField = field(t('triage.reason'), reason);
  const dismiss = h('form', {class: 'row dismiss', on: {submit: async ev => {
    ev.preventDefault();
    reasonField.setError('');
    try {
      await post('/api/v1/triage/' + encodeURIComponent(m.id) + '/dismiss', {reason: reason.value});
      toast(t('triage.dismissed'));
      refresh();
    } catch (e) {
      if (e.status === 400) reasonField.setError(t('triage.reasonRequired'));
      else if (e.status !== 401) toast(e.message, 'bad');
    }
  }}}, reasonField, h('button', {type: 'submit', class: 'danger'}, t('triage.dismiss')));
  return [report, dismiss];
}

export default {
  id: 'triage',
  nav: 'nav.triage',
  role: 'viewer',
  async render(main, ctx) {
    const all = ctx.query.get('all') === 'true';
    const box = h('div', {});
    main.append(h('h1', {}, t('triage.title')), h('p', {}, t('triage.intro')),
      h('p', {}, h('a', {href: all ? '#/triage' : '#/triage?all=true'}, all ? t('triage.showOpen') : t('triage.showAll'))), box);
    let zones = [];
    try {
      zones = (await get('/api/v1/zones')).features.filter(z => z.properties.kind !== 'region');
      zones.forEach(z => { z.id = z.id || z.properties.id; });
    } catch (e) {
      if (e.status === 401) return;
    }
    let shownIds = '';
    async function refresh(force) {
      const items = await getOrShow('/api/v1/triage' + (all ? '?all=true' : ''), box);
      if (items === null) return;
      const ids = items.map(m => m.id + (m.decision ? '+' : '')).join(',');
      if (ids === shownIds && !force) return; // keep what the officer is typing
      shownIds = ids;
      clear(box, h('p', {class: 'count'}, t('triage.count', {n: items.length})), items.map(m => h('article', {class: 'card', 'data-message': m.id},
        h('h3', {}, '« ' + m.text + ' »'),
        h('p', {class: 'muted'}, when(m.receivedAt), ' · ', t('triage.from', {who: masked(m.reporterId)}),
          m.verified ? ' · ✓ ' + t('triage.verified') : '', ' · ', m.kind === 'triage' ? t('triage.kindTriage') : t('triage.kindRejected')),
        h('p', {}, h('strong', {}, t('triage.why') + ' '), m.reason),
        m.placeName || m.zoneId || m.type ? h('p', {}, h('strong', {}, t('triage.guess') + ' '),
          [m.placeName || m.zoneId, m.type ? t('report.' + m.type) : null].filter(Boolean).join(' · ')) : null,
        m.decision ? h('p', {class: 'decision'}, '→ ' + t('triage.decision.' + m.decision.action, {by: m.decision.by}) + ' · ' + when(m.decision.at) + ' · ' + (m.decision.summary || ''))
          : can('officer') ? decide(m, zones, () => refresh(true)) : null)));
    }
    await refresh(true);
    const timer = setInterval(() => refresh(false), 5000);
    return () => clearInterval(timer);
  }
};
