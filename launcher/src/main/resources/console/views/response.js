// The "actions and outcome" part of an alert's page: what was done about the alert and what came of it
// (GET /api/v1/alerts/{id}/responses: SMS FAIT/FAUX and officers' entries), a form for officers
// (POST …/responses: an action and/or an outcome, violence for conflicts, people moved for floods), and
// a link to the report of the month the alert was raised in.
import {h, field} from '../lib/dom.js';
import {get, post} from '../lib/api.js';
import {can} from '../lib/session.js';
import {toast, masked} from '../lib/ui.js';
import {absolute} from '../lib/time.js';
import {reportLabels} from '../report/labels.js';

// The officer's form survives the alert page's refresh every few seconds: the same node is put back.
let kept = {id: null, form: null};

function options(L, prefix, values) {
  return values.map(v => h('option', {value: v}, L(prefix + (v || 'none'))));
}

export async function responseSection(alert, refresh) {
  const L = await reportLabels();
  const id = encodeURIComponent(alert.id);
  let list = [];
  try {
    list = await get('/api/v1/alerts/' + id + '/responses');
  } catch (e) {
    list = [];
  }
  const describe = r => {
    const parts = [absolute(r.at), ' · '];
    if (r.kind === 'action') parts.push(h('strong', {}, L('resp.action')), ': ', r.text);
    else {
      parts.push(h('strong', {}, L('resp.outcome')), ': ', L('resp.outcome.' + r.verdict));
      if (r.violence) parts.push(' · ', L('resp.violence'), ': ', L('resp.violence.' + r.violence));
      if (r.peopleMoved !== undefined && r.peopleMoved !== null) parts.push(' · ', L('resp.peopleMoved'), ': ', L(r.peopleMoved ? 'resp.yes' : 'resp.no'));
      if (r.text) parts.push(' · ', r.text);
    }
    if (r.by) parts.push(' · ', L('resp.by'), ' ', r.source === 'SMS' ? masked(r.by) : r.by);
    if (r.source === 'SMS') parts.push(' (', L('resp.sms'), r.verified ? '' : ', ' + L('resp.unverified'), ')');
    return h('li', {}, parts);
  };
  const month = (alert.raisedAt || '').slice(0, 7);
  const section = h('section', {id: 'responses'},
    h('h2', {}, L('resp.title')),
    list.length ? h('ul', {class: 'responses'}, list.map(describe)) : h('p', {}, L('resp.none')),
    month ? h('p', {}, h('a', {href: '#/reports?month=' + month, id: 'report-link'}, L('resp.report') + ' (' + month + ')')) : null);
  if (!can('officer')) return section;
  if (kept.id === alert.id && kept.form) {
    section.appendChild(kept.form);
    return section;
  }
  const action = h('input', {type: 'text', name: 'action', maxlength: 500, size: 40});
  const verdict = h('select', {name: 'verdict'}, options(L, 'resp.outcome.', ['', 'confirmed', 'false-alarm', 'unknown']));
  const comment = h('input', {type: 'text', name: 'comment', maxlength: 500, size: 30});
  const violence = alert.hazard === 'conflict'
    ? h('select', {name: 'violence'}, [h('option', {value: ''}, '—')].concat(options(L, 'resp.violence.', ['none', 'injuries', 'deaths']))) : null;
  const moved = alert.hazard === 'flood'
    ? h('select', {name: 'peopleMoved'}, h('option', {value: ''}, '—'), h('option', {value: 'true'}, L('resp.yes')),
      h('option', {value: 'false'}, L('resp.no'))) : null;
  const form = h('form', {class: 'inline', id: 'response-form', on: {submit: async ev => {
    ev.preventDefault();
    const body = {};
    if (action.value.trim()) body.action = action.value.trim();
    if (verdict.value) {
      body.outcome = verdict.value;
      if (comment.value.trim()) body.comment = comment.value.trim();
      if (violence && violence.value) body.violence = violence.value;
      if (moved && moved.value) body.peopleMoved = moved.value === 'true';
    }
    try {
      await post('/api/v1/alerts/' + id + '/responses', body);
      toast(L('resp.saved'));
      form.reset();
      setTimeout(refresh, 300);
    } catch (e) {
      toast(e.message + (e.details && e.details.length ? ': ' + e.details.join('; ') : ''), 'bad');
    }
  }}},
  field(L('resp.action'), action), field(L('resp.outcome'), verdict),
  violence ? field(L('resp.violence'), violence) : null, moved ? field(L('resp.peopleMoved'), moved) : null,
  field(L('resp.comment'), comment), h('button', {type: 'submit'}, L('resp.save')));
  kept = {id: alert.id, form};
  section.appendChild(form);
  return section;
}
