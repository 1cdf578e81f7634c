// Rules: #/rules (list) and #/rules/<id> (form generated from the type's JSON Schema served by
// GET /api/v1/rule-types, inline validation by POST /api/v1/rules/<id>/validate — the API's own
// validator —, save, enable/disable, history from the audit topic with diff and restore).
import {h, clear, field, table} from '../lib/dom.js';
import {t, pick} from '../lib/i18n.js';
import {get, post, put} from '../lib/api.js';
import {can} from '../lib/session.js';
import {when} from '../lib/time.js';
import {toast, errorBox} from '../lib/ui.js';
import {fieldOf, say} from '../lib/rulemessages.js';
import {backtestPanel} from './backtest.js';

const SEVERITIES = ['Minor', 'Moderate', 'Severe', 'Extreme'];
const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
let typesCache = null;

async function ruleTypes() {
  if (!typesCache) typesCache = await get('/api/v1/rule-types');
  return typesCache;
}

async function list(main) {
  main.appendChild(h('h1', {}, t('rules.title')));
  try {
    const [rules, types] = await Promise.all([get('/api/v1/rules'), ruleTypes()]);
    const title = type => pick((types.find(x => x.type === type) || {}).title) || type;
    main.appendChild(table([t('rules.id'), t('rules.type'), t('rules.zones'), t('rules.enabled'), t('rules.version'), t('rules.updated')],
      rules.map(r => h('tr', {},
        h('td', {}, h('a', {href: '#/rules/' + encodeURIComponent(r.id)}, r.id)),
        h('td', {}, title(r.type)),
        h('td', {}, (r.zones || []).join(', ')),
        h('td', {}, r.enabled ? '✓ ' + t('rules.on') : '✗ ' + t('rules.off')),
        h('td', {}, String(r.version)),
        h('td', {}, (r.updatedBy || '') + (r.updatedAt ? ' · ' + when(r.updatedAt) : ''))))));
  } catch (e) {
    if (e.status !== 401) main.appendChild(errorBox(e));
  }
}

// One input for a parameter of the schema; returns {wrap, read(), set(v)}.
function paramInput(name, spec, value, readOnly) {
  const unit = spec['x-unit'] ? ' (' + spec['x-unit'] + ')' : '';
  const label = (pick(spec['x-title']) || name) + unit;
  const range = spec.minimum !== undefined ? ' ' + t('rules.range', {min: spec.minimum, max: spec.maximum}) : '';
  const def = spec.default !== undefined ? ' ' + t('rules.default', {value: JSON.stringify(spec.default)}) : '';
  const help = (pick(spec['x-description']) || '') + range + def;
  let input;
  let read;
  if (spec.type === 'integer' || spec.type === 'number') {
    input = h('input', {type: 'number', name, min: spec.minimum, max: spec.maximum, step: spec.type === 'integer' ? 1 : 'any',
      value: value === undefined || value === null ? '' : String(value), placeholder: spec.default !== undefined ? String(spec.default) : null});
    read = () => input.value.trim() === '' ? undefined : Number(input.value);
  } else if (spec.type === 'boolean') {
    input = h('select', {name}, h('option', {value: ''}, t('rules.useDefault')), h('option', {value: 'true', selected: value === true}, t('common.yes')),
      h('option', {value: 'false', selected: value === false}, t('common.no')));
    read = () => input.value === '' ? undefined : input.value === 'true';
  } else if (spec.type === 'string' && spec.enum) {
    input = h('select', {name}, h('option', {value: ''}, t('rules.useDefault')), spec.enum.map(v => h('option', {value: v, selected: v === value}, v)));
    read = () => input.value || undefined;
  } else if (spec.type === 'array' && spec.items && spec.items.enum) {
    input = h('input', {type: 'text', name, value: Array.isArray(value) ? value.join(', ') : '', placeholder: spec.items.enum.join(', ')});
    read = () => input.value.trim() === '' ? undefined : input.value.split(',').map(s => s.trim().toUpperCase()).filter(Boolean);
  } else if (spec.type === 'object') {
    input = h('textarea', {name, rows: 4}, value ? JSON.stringify(value, null, 1) : '');
    read = () => {
      if (input.value.trim() === '') return undefined;
      try { return JSON.parse(input.value); } catch (e) { return input.value; }
    };
  } else {
    input = h('input', {type: 'text', name, value: value === undefined || value === null ? '' : String(value)});
    read = () => input.value.trim() === '' ? undefined : input.value.trim();
  }
  if (readOnly) input.disabled = true;
  input.dataset.param = name;
  const wrap = field(label, input, help);
  return {wrap, read, input, spec};
}

// The rule's seasons ("MM-DD" to "MM-DD", end day excluded; none: all year), one row each, with add
// and remove; returns {wrap, read(), setError(msg)}.
function seasonsEditor(initial, readOnly, onEdit) {
  const rows = h('div', {class: 'seasons'});
  const error = h('p', {class: 'error', id: 'seasons-error', 'aria-live': 'polite'});
  let n = 0;
  function row(season) {
    const i = n++;
    const from = h('input', {type: 'text', name: 'season-from-' + i, value: season.from || '', placeholder: 'MM-JJ', size: 6,
      inputmode: 'numeric', disabled: readOnly, 'aria-describedby': 'seasons-help seasons-error'});
    const to = h('input', {type: 'text', name: 'season-to-' + i, value: season.to || '', placeholder: 'MM-JJ', size: 6,
      inputmode: 'numeric', disabled: readOnly, 'aria-describedby': 'seasons-help seasons-error'});
    const r = h('div', {class: 'row season', 'data-season': String(i)}, field(t('rules.seasonFrom'), from), field(t('rules.seasonTo'), to),
      readOnly ? null : h('button', {type: 'button', class: 'remove-season', on: {click: () => { r.remove(); onEdit(); }}},
        t('rules.seasonRemove')));
    r.read = () => ({from: from.value.trim(), to: to.value.trim()});
    return r;
  }
  (initial || []).forEach(s => rows.appendChild(row(s)));
  const add = readOnly ? null : h('button', {type: 'button', id: 'add-season', on: {click: () => {
    const r = row({});
    rows.appendChild(r);
    r.querySelector('input').focus();
  }}}, t('rules.seasonAdd'));
  const wrap = h('fieldset', {class: 'seasons'}, h('legend', {}, t('rules.seasonsTitle')),
    h('p', {class: 'help', id: 'seasons-help'}, t('rules.seasonsHelp')), rows, add, error);
  return {
    wrap,
    read: () => [...rows.children].map(r => r.read()).filter(s => s.from || s.to),
    local: () => [...rows.children].map(r => r.read()).filter(s => (s.from || s.to) && !(MMDD.test(s.from) && MMDD.test(s.to)))
      .map(s => t('problem.season', {from: s.from || '?', to: s.to || '?'})),
    setError: msg => { error.textContent = msg || ''; }
  };
}

// Immediate check against the schema's range (the server's validator has the last word).
function localProblem(p) {
  const v = p.read();
  if (typeof v !== 'number' || Number.isNaN(v)) return p.input.value.trim() !== '' && p.input.type === 'number' ? t('problem.number') : null;
  if (p.spec.minimum !== undefined && (v < p.spec.minimum || v > p.spec.maximum)) {
    return t('problem.range', {value: v, min: p.spec.minimum, max: p.spec.maximum});
  }
  if (p.spec.type === 'integer' && !Number.isInteger(v)) return t('problem.integer');
  return null;
}

async function detail(main, id) {
  let rule;
  let type;
  try {
    rule = await get('/api/v1/rules/' + encodeURIComponent(id));
    type = (await ruleTypes()).find(x => x.type === rule.type);
  } catch (e) {
    if (e.status !== 401) main.append(h('p', {}, h('a', {href: '#/rules'}, '← ' + t('rules.title'))), errorBox(e));
    return;
  }
  const officer = can('officer');
  const schema = type.schema;
  const paramSpecs = schema.properties.params.properties;
  const params = Object.entries(paramSpecs).map(([name, spec]) => paramInput(name, spec, rule.params[name], !officer));
  const enabled = h('input', {type: 'checkbox', name: 'enabled', checked: rule.enabled, disabled: !officer});
  const description = h('input', {type: 'text', name: 'description', value: rule.description || '', size: 60, disabled: !officer});
  const zones = h('input', {type: 'text', name: 'zones', value: (rule.zones || []).join(', '), size: 40, disabled: !officer});
  const severities = type.levels.map(l => {
    const current = rule.severity && rule.severity[l.name] ? rule.severity[l.name] : l.severity;
    const s = h('select', {name: 'severity-' + l.name, disabled: !officer}, SEVERITIES.map(v => h('option', {value: v, selected: v === current}, t('severity.' + v))));
    return {level: l.name, select: s, wrap: field(t('rules.levelSeverity', {level: t('level.' + l.name) === 'level.' + l.name ? l.name : t('level.' + l.name)}), s)};
  });
  const seasons = seasonsEditor(rule.seasons, !officer, () => onEdit());
  const general = h('div', {class: 'errorbox', role: 'alert', hidden: true});
  const valid = h('p', {class: 'muted', 'aria-live': 'polite'});

  function doc() {
    const p = {};
    params.forEach(x => { const v = x.read(); if (v !== undefined) p[x.input.name] = v; });
    const sev = {};
    severities.forEach(s => { sev[s.level] = s.select.value; });
    return {type: rule.type, enabled: enabled.checked, description: description.value.trim() || undefined,
      zones: zones.value.split(',').map(s => s.trim()).filter(Boolean), params: p, seasons: seasons.read(), severity: sev};
  }

  function show(problems) {
    const byField = {};
    const rest = [];
    problems.forEach(pr => {
      const f = fieldOf(pr);
      if (/^season /.test(pr)) (byField.seasons = byField.seasons || []).push(say(pr));
      else if (f && paramSpecs[f]) (byField[f] = byField[f] || []).push(say(pr));
      else if (f === 'zones' || /zone/.test(pr)) (byField.zones = byField.zones || []).push(say(pr));
      else rest.push(say(pr));
    });
    params.forEach(x => {
      const local = localProblem(x);
      const msgs = byField[x.input.name] || [];
      x.wrap.setError([local, ...msgs.filter(m => m !== local)].filter(Boolean).join(' · '));
    });
    zonesField.setError((byField.zones || []).join(' · '));
    const seasonMsgs = byField.seasons || [];
    seasons.setError([...seasons.local(), ...seasonMsgs].filter((m, i, all) => all.indexOf(m) === i).join(' · '));
    general.hidden = rest.length === 0;
    clear(general, rest.length ? h('ul', {}, rest.map(r => h('li', {}, r))) : null);
    valid.textContent = problems.length === 0 ? '✓ ' + t('rules.valid') : t('rules.invalid', {n: problems.length});
    if (saveButton) saveButton.disabled = problems.length > 0;
  }

  let timer = null;
  let checkSeq = 0;
  async function check() {
    const seq = ++checkSeq;
    try {
      const r = await post('/api/v1/rules/' + encodeURIComponent(id) + '/validate', doc());
      if (seq === checkSeq) show(r.problems);
    } catch (e) {
      if (e.status !== 401) toast(e.message, 'bad');
    }
  }
  function onEdit() {
    params.forEach(x => x.wrap.setError(localProblem(x)));
    seasons.setError(seasons.local().join(' · '));
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  let saveButton = null;
  const zonesField = field(t('rules.zones'), zones, t('rules.zonesHelp', {kinds: type.zoneKinds.join(', ') || t('rules.anyKind')}));
  const form = h('form', {class: 'rule', novalidate: true, on: {input: onEdit, change: onEdit, submit: async ev => {
    ev.preventDefault();
    if (!officer) return;
    try {
      await put('/api/v1/rules/' + encodeURIComponent(id), doc());
      toast(t('rules.saved'));
      typesCache = null;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      if (e.status === 400) show(e.details);
      else if (e.status !== 401) toast(e.message, 'bad');
    }
  }}},
    h('fieldset', {}, h('legend', {}, t('rules.general')),
      h('div', {class: 'field'}, h('label', {}, enabled, ' ', t('rules.enabledLabel'))),
      field(t('rules.description'), description), zonesField),
    h('fieldset', {}, h('legend', {}, t('rules.params')), params.map(x => x.wrap)),
    h('fieldset', {}, h('legend', {}, t('rules.severity')), h('div', {class: 'row'}, severities.map(s => s.wrap))),
    seasons.wrap,
    general, valid,
    officer ? (saveButton = h('button', {type: 'submit', class: 'primary', id: 'save'}, t('rules.save'))) : h('p', {class: 'muted'}, t('rules.readOnly')));

  const toggle = officer ? h('button', {type: 'button', id: 'toggle', on: {click: async () => {
    try {
      await put('/api/v1/rules/' + encodeURIComponent(id), Object.assign({}, rule, {enabled: !rule.enabled, version: undefined, updatedAt: undefined, updatedBy: undefined}));
      toast(rule.enabled ? t('rules.disabled') : t('rules.enabledDone'));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      if (e.status !== 401) toast(e.message + (e.details.length ? ': ' + e.details.map(say).join('; ') : ''), 'bad');
    }
  }}}, rule.enabled ? t('rules.disable') : t('rules.enable')) : null;

  main.append(h('p', {}, h('a', {href: '#/rules'}, '← ' + t('rules.title'))),
    h('h1', {}, rule.id),
    h('p', {}, pick(type.title), ' · ', t('hazard.' + type.hazard), ' · ', t('rules.versionBy', {version: rule.version, by: rule.updatedBy || '?'}),
      rule.updatedAt ? ' · ' + when(rule.updatedAt) : '', ' · ', rule.enabled ? '✓ ' + t('rules.on') : '✗ ' + t('rules.off'), ' ', toggle),
    form, officer ? backtestPanel(id, doc) : null, h('h2', {}, t('rules.history')), await history(id, rule));
}

// Flat "a.b" → value view of a rule for the diff.
function flat(obj, prefix, out) {
  out = out || {};
  for (const [k, v] of Object.entries(obj || {})) {
    if (['version', 'updatedAt', 'updatedBy', 'id'].includes(k) && !prefix) continue;
    const key = prefix ? prefix + '.' + k : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flat(v, key, out);
    else out[key] = JSON.stringify(v);
  }
  return out;
}

function diff(before, after) {
  const a = flat(before);
  const b = flat(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter(k => a[k] !== b[k]);
  if (keys.length === 0) return h('p', {}, t('rules.noDiff'));
  return table([t('rules.field'), t('rules.before'), t('rules.after')], keys.map(k => h('tr', {},
    h('td', {}, k), h('td', {class: a[k] === undefined ? '' : 'diff-del'}, a[k] === undefined ? '—' : a[k]),
    h('td', {class: b[k] === undefined ? '' : 'diff-add'}, b[k] === undefined ? '—' : b[k]))));
}

async function history(id, current) {
  const box = h('div', {class: 'history'});
  let entries = [];
  try {
    entries = await get('/api/v1/rules/' + encodeURIComponent(id) + '/history');
  } catch (e) {
    if (e.status !== 401) box.appendChild(errorBox(e));
    return box;
  }
  const shown = h('div', {'aria-live': 'polite'});
  const rows = entries.slice().reverse().map((e, i, arr) => {
    const previous = arr[i + 1];
    const buttons = [h('button', {type: 'button', on: {click: () => clear(shown, h('h3', {}, t('rules.diffTitle', {from: previous ? previous.version : 0, to: e.version})),
      diff(previous ? previous.rule : {}, e.rule))}}, t('rules.showDiff'))];
    if (can('officer') && e.rule && e.version !== current.version) {
      buttons.push(' ', h('button', {type: 'button', class: 'restore', on: {click: async () => {
        try {
          const body = Object.assign({}, e.rule);
          delete body.version; delete body.updatedAt; delete body.updatedBy;
          await put('/api/v1/rules/' + encodeURIComponent(id), body);
          toast(t('rules.restored', {version: e.version}));
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (err) {
          if (err.status !== 401) toast(err.message + (err.details.length ? ': ' + err.details.map(say).join('; ') : ''), 'bad');
        }
      }}}, t('rules.restore', {version: e.version})));
    }
    return h('tr', {}, h('td', {}, String(e.version)), h('td', {}, e.action), h('td', {}, e.by), h('td', {}, when(e.at)),
      h('td', {}, e.changes || ''), h('td', {}, buttons));
  });
  box.append(entries.length === 0 ? h('p', {}, t('rules.noHistory')) :
    table([t('rules.version'), t('rules.action'), t('rules.by'), t('rules.at'), t('rules.changes'), ''], rows), shown);
  return box;
}

export default {
  id: 'rules',
  nav: 'nav.rules',
  role: 'viewer',
  render(main, ctx) {
    return ctx.args.length ? detail(main, ctx.args[0]) : list(main);
  }
};
