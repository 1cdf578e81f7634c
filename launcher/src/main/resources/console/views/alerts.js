// Alerts: #/alerts (list with filters, refreshed every 5 s) and #/alerts/<id> (detail: timeline,
// evidence, deliveries per recipient, acknowledgements, escalations; acknowledge or resolve as officer).
import {h, clear, field, table} from '../lib/dom.js';
import {t, pick} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {can} from '../lib/session.js';
import {when, absolute} from '../lib/time.js';
import {severityBadge, stateBadge, toast, errorBox, showError, masked} from '../lib/ui.js';
import {responseSection} from './response.js';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'];
const PERIODS = {'24h': 24, '7d': 24 * 7, '30d': 24 * 30, all: 0};
const REFRESH_MS = 5000;

function select(name, options, value, label) {
  const s = h('select', {name}, options.map(([v, text]) => h('option', {value: v, selected: v === value}, text)));
  return field(label, s);
}

function filters(query, onChange) {
  const state = select('state', [['active', t('state.active')], ['resolved', t('state.resolved')], ['', t('filter.all')]],
    query.has('state') ? query.get('state') : 'active', t('filter.state'));
  const hazard = select('hazard', [['', t('filter.all')], ['flood', t('hazard.flood')], ['conflict', t('hazard.conflict')]],
    query.get('hazard') || '', t('filter.hazard'));
  const severity = select('severity', [['', t('filter.all')], ...SEVERITIES.map(s => [s, t('severity.' + s)])],
    query.get('severity') || '', t('filter.severity'));
  const period = select('period', Object.keys(PERIODS).map(p => [p, t('period.' + p)]), query.get('period') || 'all', t('filter.period'));
  const zoneInput = h('input', {type: 'text', name: 'zone', value: query.get('zone') || '', size: 12});
  const zone = field(t('filter.zone'), zoneInput);
  const form = h('form', {class: 'filters', on: {change: () => onChange(new FormData(form)), submit: ev => { ev.preventDefault(); onChange(new FormData(form)); }}},
    state, hazard, severity, zone, period);
  return form;
}

function matches(a, q) {
  if (q.get('severity') && a.severity !== q.get('severity')) return false;
  const hours = PERIODS[q.get('period') || 'all'];
  if (hours && Date.now() - new Date(a.updatedAt || a.raisedAt).getTime() > hours * 3600000) return false;
  return true;
}

async function list(main, ctx) {
  const q = ctx.query;
  const body = h('tbody', {});
  const count = h('p', {class: 'count', 'aria-live': 'polite'});
  const error = h('div', {});
  main.append(h('h1', {}, t('alerts.title')), filters(q, data => {
    const p = new URLSearchParams();
    for (const [k, v] of data.entries()) if (v) p.set(k, v);
    if (!data.get('state')) p.set('state', '');
    window.location.hash = '#/alerts?' + p.toString();
  }), count, error, h('table', {class: 'alerts'},
    h('thead', {}, h('tr', {}, [t('alerts.severity'), t('alerts.headline'), t('alerts.zone'), t('alerts.state'), t('alerts.ack'), t('alerts.updated')]
      .map(x => h('th', {scope: 'col'}, x)))), body));
  async function refresh() {
    const p = new URLSearchParams();
    const state = q.has('state') ? q.get('state') : 'active';
    if (state) p.set('state', state);
    if (q.get('hazard')) p.set('hazard', q.get('hazard'));
    if (q.get('zone')) p.set('zone', q.get('zone'));
    try {
      const alerts = (await get('/api/v1/alerts?' + p.toString())).filter(a => matches(a, q));
      clear(error);
      count.textContent = t('alerts.count', {n: alerts.length});
      clear(body, alerts.length === 0 ? h('tr', {}, h('td', {colspan: 6}, t('alerts.none'))) : alerts.map(a => h('tr', {'data-alert': a.id},
        h('td', {}, severityBadge(a.severity)),
        h('td', {}, h('a', {href: '#/alerts/' + encodeURIComponent(a.id)}, pick(a.headline) || a.id), ' ', h('span', {class: 'code'}, a.code)),
        h('td', {}, a.zoneName || a.zone),
        h('td', {}, stateBadge(a.state)),
        h('td', {}, a.acknowledged ? t('alerts.ackBy', {by: a.acknowledgedBy || '?'}) : t('alerts.notAcked')),
        h('td', {}, when(a.updatedAt || a.raisedAt)))));
    } catch (e) {
      showError(error, e);
    }
  }
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

const EVENT_ICON = {RAISED: '▲', UPDATED: '↻', ESCALATED: '⇡', ACKNOWLEDGED: '✓', RESOLVED: '■', OUTCOME: '✎'};

async function detail(main, id) {
  const box = h('div', {});
  main.appendChild(box);
  async function refresh() {
    let alert;
    let tl;
    try {
      [alert, tl] = await Promise.all([get('/api/v1/alerts/' + encodeURIComponent(id)),
        get('/api/v1/alerts/' + encodeURIComponent(id) + '/timeline').catch(() => ({events: [], deliveries: [], acks: []}))]);
    } catch (e) {
      if (e.status !== 401) clear(box, h('p', {}, h('a', {href: '#/alerts'}, '← ' + t('alerts.title'))), errorBox(e));
      return;
    }
    const actions = h('div', {class: 'actions'});
    if (can('officer') && alert.state === 'active' && !alert.acknowledged) {
      actions.appendChild(h('button', {type: 'button', class: 'primary', id: 'ack', on: {click: async ev => {
        ev.target.disabled = true;
        try {
          await post('/api/v1/alerts/' + encodeURIComponent(id) + '/ack');
          toast(t('alert.ackSent'));
          setTimeout(refresh, 800);
        } catch (e) {
          ev.target.disabled = false;
          toast(e.message, 'bad');
        }
      }}}, t('alert.ack')));
    }
    if (can('officer')) {
      const outcome = h('input', {type: 'text', name: 'outcome', maxlength: 2000, size: 40});
      actions.appendChild(h('form', {class: 'inline', on: {submit: async ev => {
        ev.preventDefault();
        try {
          await post('/api/v1/alerts/' + encodeURIComponent(id) + '/outcome', {outcome: outcome.value});
          toast(t('alert.outcomeSaved'));
          setTimeout(refresh, 800);
        } catch (e) {
          toast(e.message + (e.details.length ? ': ' + e.details.join('; ') : ''), 'bad');
        }
      }}}, field(t('alert.outcome'), outcome), h('button', {type: 'submit'}, t('alert.outcomeSave'))));
    }
    if (can('officer') && alert.state === 'active' && !alert.issued) {
      actions.appendChild(resolveForm(id, refresh));
    }
    const escalations = tl.events.filter(e => e.type === 'ESCALATED');
    const resolution = tl.resolution && alert.state === 'resolved' ? tl.resolution : null;
    const responses = await responseSection(alert, refresh);
    clear(box,
      h('p', {}, h('a', {href: '#/alerts'}, '← ' + t('alerts.title'))),
      h('h1', {}, pick(alert.headline) || alert.id),
      h('p', {class: 'badges'}, severityBadge(alert.severity), ' ', stateBadge(alert.state), ' ',
        h('span', {class: 'code'}, t('alert.code') + ' ' + alert.code), ' ',
        alert.acknowledged ? h('span', {class: 'acked'}, '✓ ' + t('alerts.ackBy', {by: alert.acknowledgedBy || '?'}) + ' · ' + when(alert.acknowledgedAt))
          : h('span', {class: 'notacked'}, t('alerts.notAcked'))),
      h('dl', {class: 'facts'},
        h('dt', {}, t('alerts.zone')), h('dd', {}, (alert.zoneName || alert.zone) + ' (' + alert.zone + ')'),
        h('dt', {}, t('alert.rule')), h('dd', {}, h('a', {href: '#/rules/' + encodeURIComponent(alert.rule)}, alert.rule), ' · ' + alert.ruleType),
        h('dt', {}, t('alert.level')), h('dd', {}, alert.level || '—'),
        h('dt', {}, t('alert.raised')), h('dd', {}, when(alert.raisedAt)),
        alert.resolvedAt ? [h('dt', {}, t('alert.resolved')), h('dd', {'data-resolution': resolution ? 'officer' : 'rule'}, when(alert.resolvedAt),
          resolution ? ' · ' + t('alert.resolvedBy', {by: resolution.by, reason: resolution.reason}) : '')] : null,
        h('dt', {}, t('alert.instruction')), h('dd', {}, pick(alert.instruction) || '—'),
        alert.outcome ? [h('dt', {}, t('alert.outcome')), h('dd', {}, alert.outcome)] : null),
      actions,
      responses,
      h('h2', {}, t('alert.timeline')),
      h('ol', {class: 'timeline'}, tl.events.map(e => h('li', {},
        h('span', {'aria-hidden': 'true', class: 'icon'}, EVENT_ICON[e.type] || '•'), ' ',
        h('strong', {}, t('event.' + e.type)), ' ', absolute(e.at), ' · ', severityBadge(e.severity),
        e.level ? ' · ' + e.level : '', noteOf(e, resolution)))),
      h('h2', {}, t('alert.evidence')),
      alert.evidence.length === 0 ? h('p', {}, '—') : table([t('evidence.kind'), t('evidence.value'), t('evidence.at'), t('evidence.reporter')],
        alert.evidence.map(e => h('tr', {}, h('td', {}, e.kind), h('td', {}, e.value || ''), h('td', {}, absolute(e.observedAt)),
          h('td', {}, masked(e.reporterId))))),
      h('h2', {}, t('alert.deliveries')),
      tl.deliveries.length === 0 ? h('p', {}, t('alert.noDeliveries')) : table(
        [t('delivery.recipient'), t('delivery.channel'), t('delivery.to'), t('delivery.status'), t('delivery.step'), t('delivery.attempt'), t('delivery.at')],
        tl.deliveries.map(d => h('tr', {'data-recipient': d.recipientId},
          h('td', {}, d.recipientId), h('td', {}, d.channel), h('td', {}, d.to || '—'),
          h('td', {class: 'status-' + d.status}, t('status.' + d.status), d.errorCode ? ' (' + d.errorCode + ' ' + (d.errorMessage || '') + ')' : ''),
          h('td', {}, d.step || ''), h('td', {}, String(d.attempt)), h('td', {}, when(d.at))))),
      h('h2', {}, t('alert.acks')),
      tl.acks.length === 0 ? h('p', {}, t('alert.noAcks')) : table([t('ack.by'), t('ack.source'), t('ack.at')],
        tl.acks.map(a => h('tr', {}, h('td', {}, masked(a.by)), h('td', {}, t('source.' + a.source) + (a.verified === false ? ' (' + t('ack.unverified') + ')' : '')), h('td', {}, when(a.at))))),
      h('h2', {}, t('alert.escalations')),
      escalations.length === 0 ? h('p', {}, t('alert.noEscalations')) : h('ul', {}, escalations.map(e => h('li', {}, absolute(e.at) + ' · ' + (e.note || '')))));
  }
  await refresh();
  // the periodic refresh redraws the page: not while the officer is typing in one of its forms
  const typing = () => [...box.querySelectorAll('input, textarea')].some(i => i === document.activeElement || (i.type === 'text' && i.value));
  const timer = setInterval(() => typing() || refresh(), REFRESH_MS);
  return () => clearInterval(timer);
}

// The officer's manual resolve: a reason is required; the lifecycle resolves the alert and the
// all-clear goes to those who were warned.
function resolveForm(id, refresh) {
  const reason = h('input', {type: 'text', name: 'reason', required: true, maxlength: 500, size: 40});
  const reasonField = field(t('alert.resolveReason'), reason, t('alert.resolveHelp'));
  const submit = h('button', {type: 'submit', id: 'resolve'}, t('alert.resolve'));
  const form = h('form', {class: 'inline', id: 'resolve-form', on: {input: () => reasonField.setError(''), submit: async ev => {
    ev.preventDefault();
    if (!reason.value.trim()) {
      reasonField.setError(t('alert.resolveReasonMissing'));
      reason.focus();
      return;
    }
    submit.disabled = true;
    try {
      await post('/api/v1/alerts/' + encodeURIComponent(id) + '/resolve', {reason: reason.value.trim()});
      toast(t('alert.resolveSent'));
      reason.value = '';
      reason.blur();
      setTimeout(refresh, 800);
    } catch (e) {
      submit.disabled = false;
      reasonField.setError(e.message + (e.details.length ? ': ' + e.details.join('; ') : ''));
    }
  }}}, reasonField, submit);
  return h('details', {class: 'resolve'}, h('summary', {}, t('alert.resolveOpen')), form);
}

function noteOf(e, resolution) {
  if (e.type === 'RESOLVED' && resolution && e.note && e.note.startsWith('resolved by ')) {
    return ' · ' + t('alert.resolvedBy', {by: resolution.by, reason: resolution.reason});
  }
  return e.note ? ' · ' + e.note : '';
}

export default {
  id: 'alerts',
  nav: 'nav.alerts',
  role: 'viewer',
  render(main, ctx) {
    return ctx.args.length ? detail(main, ctx.args[0]) : list(main, ctx);
  }
};
