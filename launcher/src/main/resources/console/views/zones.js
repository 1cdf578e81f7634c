// Zones: #/zones (list, upload of a GeoJSON FeatureCollection) and #/zones/<id> (edit the zone's
// properties: protected season (from, field release), capacity, buffer, passage dates, station levels,
// or any property as JSON; dates "MM-DD" checked as typed, the API has the last word).
// Errors come from the zones API and name the feature and the property.
import {h, clear, field, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post, put} from '../lib/api.js';
import {can} from '../lib/session.js';
import {toast, errorBox, showError} from '../lib/ui.js';

// The properties an officer edits most, by zone kind (path in properties, input type).
const KNOWN = {
  farmland: [['protectedFrom', 'text'], ['fieldRelease', 'text']],
  pasture: [['protectedFrom', 'text'], ['fieldRelease', 'text'], ['capacity', 'number']],
  'water-point': [['capacity', 'number']],
  market: [['capacity', 'number']],
  corridor: [['bufferM', 'number'], ['passage.from', 'text'], ['passage.to', 'text']],
  station: [['levels.warning', 'number'], ['levels.alert', 'number'], ['levels.danger', 'number']]
};

const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const DEFAULT_PROTECTED_FROM = '06-01';

// "Protégée du 06-01 au 11-14" for farmland and pasture: the season the protected-zone rule applies.
function seasonLine(kind, from, release) {
  if (kind !== 'farmland' && kind !== 'pasture') return null;
  if (!MMDD.test(release || '')) return t('zones.noSeason');
  return t('zones.season', {from: MMDD.test(from || '') ? from : DEFAULT_PROTECTED_FROM, release});
}

function at(obj, path) {
  return path.split('.').reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), obj);
}

function setAt(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  keys.slice(0, -1).forEach(k => { if (typeof o[k] !== 'object' || o[k] === null) o[k] = {}; o = o[k]; });
  if (value === undefined) delete o[keys[keys.length - 1]]; else o[keys[keys.length - 1]] = value;
}

async function list(main) {
  const officer = can('officer');
  const result = h('div', {'aria-live': 'polite'});
  const file = h('input', {type: 'file', name: 'file', accept: '.geojson,.json,application/geo+json,application/json'});
  main.append(h('h1', {}, t('zones.title')), h('p', {}, h('a', {href: '#/map'}, t('zones.seeMap'))));
  if (officer) {
    main.appendChild(h('form', {class: 'row upload', on: {submit: async ev => {
      ev.preventDefault();
      clear(result);
      if (!file.files.length) { clear(result, h('p', {class: 'error'}, t('zones.chooseFile'))); return; }
      let body;
      try {
        body = JSON.parse(await file.files[0].text());
      } catch (e) {
        clear(result, h('p', {class: 'error'}, t('zones.notJson')));
        return;
      }
      try {
        const r = await post('/api/v1/zones', body);
        toast(t('zones.imported', {n: r.imported}));
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      } catch (e) {
        showError(result, e);
      }
    }}}, field(t('zones.upload'), file, t('zones.uploadHelp')), h('button', {type: 'submit', class: 'primary'}, t('zones.import'))), result);
  }
  try {
    const zones = await get('/api/v1/zones');
    main.appendChild(table([t('zones.id'), t('zones.name'), t('zones.kind'), t('zones.parent'), t('zones.props')],
      zones.features.map(f => h('tr', {},
        h('td', {}, h('a', {href: '#/zones/' + encodeURIComponent(f.id)}, f.id)),
        h('td', {}, f.properties.name), h('td', {}, t('kind.' + f.properties.kind)), h('td', {}, f.properties.parent || ''),
        h('td', {}, (KNOWN[f.properties.kind] || []).map(([p]) => at(f.properties, p) !== undefined ? p + ' = ' + at(f.properties, p) : null)
          .filter(Boolean).join(' · '))))));
  } catch (e) {
    if (e.status !== 401) main.appendChild(errorBox(e));
  }
}

async function detail(main, id) {
  let f;
  try {
    f = await get('/api/v1/zones/' + encodeURIComponent(id));
  } catch (e) {
    if (e.status !== 401) main.append(h('p', {}, h('a', {href: '#/zones'}, '← ' + t('zones.title'))), errorBox(e));
    return;
  }
  const officer = can('officer');
  const props = f.properties;
  const fixed = ['kind', 'name', 'aliases', 'parent'];
  const known = (KNOWN[props.kind] || []).map(([path, type]) => {
    const input = h('input', {type, name: path, value: at(props, path) === undefined ? '' : String(at(props, path)), disabled: !officer,
      placeholder: type === 'text' ? t('zones.mmdd') : null, size: type === 'text' ? 6 : null});
    return {path, type, input, wrap: field(t('zoneprop.' + path), input, t('zoneprop.' + path + '.help'))};
  });
  const value = path => (known.find(k => k.path === path) || {input: {value: ''}}).input.value.trim();
  const season = h('p', {class: 'season', 'aria-live': 'polite'}, seasonLine(props.kind, value('protectedFrom'), value('fieldRelease')));
  // dates checked as typed; the season line follows
  function onDates() {
    known.filter(k => k.type === 'text').forEach(k => {
      const v = k.input.value.trim();
      k.wrap.setError(v && !MMDD.test(v) ? t('zones.badDate', {value: v}) : '');
    });
    season.textContent = seasonLine(props.kind, value('protectedFrom'), value('fieldRelease')) || '';
  }
  const others = {};
  Object.keys(props).filter(k => !fixed.includes(k) && !known.some(x => x.path.split('.')[0] === k)).forEach(k => { others[k] = props[k]; });
  const name = h('input', {type: 'text', name: 'name', value: props.name, disabled: !officer, size: 40});
  const extra = h('textarea', {name: 'other', rows: 5, disabled: !officer}, JSON.stringify(others, null, 1));
  const extraField = field(t('zones.other'), extra);
  const problems = h('div', {'aria-live': 'polite'});
  main.append(h('p', {}, h('a', {href: '#/zones'}, '← ' + t('zones.title'))), h('h1', {}, props.name + ' (' + f.id + ')'),
    h('p', {}, t('kind.' + props.kind), props.parent ? ' · ' + t('zones.parent') + ' ' + props.parent : ''),
    h('form', {class: 'zone', on: {input: onDates, submit: async ev => {
      ev.preventDefault();
      clear(problems);
      onDates();
      if (known.some(k => k.type === 'text' && k.input.value.trim() && !MMDD.test(k.input.value.trim()))) return;
      const p = {kind: props.kind, name: name.value.trim(), aliases: props.aliases, parent: props.parent};
      try {
        Object.assign(p, extra.value.trim() ? JSON.parse(extra.value) : {});
        extraField.setError('');
      } catch (e) {
        extraField.setError(t('zones.notJson'));
        return;
      }
      known.forEach(k => setAt(p, k.path, k.input.value.trim() === '' ? undefined : k.type === 'number' ? Number(k.input.value) : k.input.value.trim()));
      try {
        await put('/api/v1/zones/' + encodeURIComponent(id), {type: 'Feature', id, properties: p, geometry: f.geometry});
        toast(t('zones.saved'));
      } catch (e) {
        showError(problems, e);
      }
    }}}, field(t('zones.name'), name), known.map(k => k.wrap), season, extraField, problems,
      officer ? h('button', {type: 'submit', class: 'primary', id: 'save-zone'}, t('zones.save')) : h('p', {class: 'muted'}, t('rules.readOnly'))));
}

export default {
  id: 'zones',
  nav: 'nav.zones',
  role: 'viewer',
  render(main, ctx) {
    return ctx.args.length ? detail(main, ctx.args[0]) : list(main);
  }
};
