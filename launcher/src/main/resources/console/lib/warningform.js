// The form of an officer-issued warning (views/warnings.js, docs/warnings.md): a new draft
// (POST /api/v1/alerts), or a change to a draft or an update of a sent warning
// (PATCH /api/v1/alerts/{id}: severity, area, texts, expiry). The area is either communes picked from
// the list or a polygon or circle drawn on the map (lib/drawarea.js). The API's refusals are shown in a
// box and, each under the field it names.
import {h, clear, field} from './dom.js';
import {t} from './i18n.js';
import {api} from './api.js';
import {toast, errorBox} from './ui.js';
import {drawArea} from './drawarea.js';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'];
let seq = 0;

// A datetime-local value (the browser's local time) for an instant.
function localValue(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

function inSixHours() {
  const d = new Date(Date.now() + 6 * 3600 * 1000);
  d.setSeconds(0, 0);
  return localValue(d);
}

/**
 * communes: zone Features of kind commune; warning: the stored warning to change (null for a new draft);
 * onDone(): after a successful save; onClose(): the update form's close button (null: no button).
 */
export function warningForm({communes, warning, onDone, onClose}) {
  const update = !!warning;
  const n = ++seq;
  const select = (name, values, label, chosen) => h('select', {name},
    values.map(x => h('option', {value: x, selected: x === chosen}, label(x))));
  const hazard = update ? null : select('hazard', ['conflict', 'flood'], x => t('hazard.' + x));
  const severity = select('severity', SEVERITIES, x => t('severity.' + x), warning && warning.severity);
  // CAP urgency and certainty of a new draft (the API's defaults preselected)
  const urgency = update ? null : select('urgency', ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
    x => t('urgency.' + x), 'Immediate');
  const certainty = update ? null : select('certainty', ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
    x => t('certainty.' + x), 'Likely');
  const picked = new Set(warning && !warning.area ? warning.zones : []);
  const zoneSelect = h('select', {name: 'zones', multiple: true, size: 6},
    communes.map(z => h('option', {value: z.id, selected: picked.has(z.id)}, z.properties.name)));
  const drawing = drawArea(communes);
  const radio = (value, label) => h('label', {class: 'choice'},
    h('input', {type: 'radio', name: 'areaMode' + n, value, on: {change: () => mode(value)}}), ' ', label);
  const byZones = radio('zones', t('warnings.areaByZones'));
  const byDrawing = radio('draw', t('warnings.areaByDrawing'));
  const zonesBox = h('div', {class: 'area-zones'}, field(t('warnings.zones'), zoneSelect, t('warnings.zonesHelp')));
  const drawBox = h('div', {class: 'area-draw', hidden: true}, drawing.el);
  const areaError = h('p', {class: 'error area-error', 'aria-live': 'polite'});
  let attached = null;
  function mode(m) {
    byZones.firstChild.checked = m === 'zones';
    byDrawing.firstChild.checked = m === 'draw';
    zonesBox.hidden = m !== 'zones';
    drawBox.hidden = m !== 'draw';
    if (m === 'draw' && !attached) attached = drawing.attach();
  }
  const text = (name, value) => h('input', {type: 'text', name, size: 60, maxlength: 480, value: value || ''});
  const tx = (obj, lang) => (obj && obj[lang]) || '';
  const inputs = {
    headlineFr: text('headlineFr', tx(warning && warning.headline, 'fr')),
    headlineEn: text('headlineEn', tx(warning && warning.headline, 'en')),
    instructionFr: text('instructionFr', tx(warning && warning.instruction, 'fr')),
    instructionEn: text('instructionEn', tx(warning && warning.instruction, 'en'))
  };
  const expires = h('input', {type: 'datetime-local', name: 'expiresAt',
    value: warning ? localValue(new Date(warning.expiresAt)) : inSixHours()});
  const test = update ? null : h('input', {type: 'checkbox', name: 'test'});
  const wraps = {
    hazard: hazard && field(t('warnings.hazard'), hazard), severity: field(t('warnings.severity'), severity),
    urgency: urgency && field(t('warnings.urgency'), urgency), certainty: certainty && field(t('warnings.certainty'), certainty),
    headlineFr: field(t('warnings.headlineFr'), inputs.headlineFr), headlineEn: field(t('warnings.headlineEn'), inputs.headlineEn),
    instructionFr: field(t('warnings.instructionFr'), inputs.instructionFr),
    instructionEn: field(t('warnings.instructionEn'), inputs.instructionEn),
    expiresAt: field(t('warnings.expiresAt'), expires), test: test && field(t('warnings.test'), test, t('warnings.testHelp'))
  };
  const area = {setError: msg => { areaError.textContent = msg || ''; }};
  // the API names fields as "headline.fr: …"; each detail goes under its field
  const target = {hazard: wraps.hazard, severity: wraps.severity, urgency: wraps.urgency, certainty: wraps.certainty, zones: area, area, headline: wraps.headlineFr,
    'headline.fr': wraps.headlineFr, 'headline.en': wraps.headlineEn, instruction: wraps.instructionFr,
    'instruction.fr': wraps.instructionFr, 'instruction.en': wraps.instructionEn, expiresAt: wraps.expiresAt, test: wraps.test};
  const errors = h('div', {class: 'errors'});

  function showErrors(details) {
    const byField = new Map();
    for (const d of details) {
      const i = d.indexOf(': ');
      const w = i > 0 && target[d.slice(0, i)];
      if (!w) continue;
      const msg = d.slice(i + 2);
      const known = t('apierr.' + msg);
      byField.set(w, (byField.has(w) ? byField.get(w) + ' · ' : '') + (known === 'apierr.' + msg ? msg : known));
    }
    byField.forEach((msg, w) => w.setError(msg));
  }

  function body() {
    const b = {severity: severity.value,
      headline: {fr: inputs.headlineFr.value.trim(), en: inputs.headlineEn.value.trim()},
      expiresAt: expires.value ? new Date(expires.value).toISOString() : null};
    const fr = inputs.instructionFr.value.trim();
    const en = inputs.instructionEn.value.trim();
    b.instruction = fr || en ? {fr, en} : null;
    if (byDrawing.firstChild.checked) {
      b.area = drawing.value();
      b.zones = [];
    } else {
      b.zones = Array.from(zoneSelect.selectedOptions).map(o => o.value);
      b.area = null;
    }
    if (!update) {
      b.hazard = hazard.value;
      b.urgency = urgency.value;
      b.certainty = certainty.value;
      b.test = test.checked;
    }
    return b;
  }

  const form = h('form', {class: update ? 'warning-update' : 'warning-draft card', novalidate: true, on: {submit: async ev => {
    ev.preventDefault();
    clear(errors);
    Object.values(target).forEach(w => w && w.setError(''));
    try {
      if (update) {
        await api('PATCH', '/api/v1/alerts/' + encodeURIComponent(warning.id), body());
        toast(t(warning.state === 'draft' ? 'warnings.changed' : 'warnings.updated'));
      } else {
        await api('POST', '/api/v1/alerts', body());
        toast(t('warnings.drafted'));
        form.reset();
        expires.value = inSixHours();
        drawing.reset();
        mode('zones');
      }
      onDone();
    } catch (e) {
      if (e.status === 401) return;
      clear(errors, errorBox(e));
      showErrors(e.details);
    }
  }}},
  update ? h('h3', {}, t(warning.state === 'draft' ? 'warnings.changeTitle' : 'warnings.updateTitle')) : h('h2', {}, t('warnings.new')),
  h('div', {class: 'row'}, wraps.hazard, wraps.severity, wraps.urgency, wraps.certainty),
  h('fieldset', {class: 'area'}, h('legend', {}, t('warnings.area')), h('p', {class: 'row choices'}, byZones, byDrawing),
    zonesBox, drawBox, areaError),
  wraps.headlineFr, wraps.headlineEn, wraps.instructionFr, wraps.instructionEn,
  h('div', {class: 'row'}, wraps.expiresAt, wraps.test),
  errors,
  h('p', {class: 'row'},
    h('button', {type: 'submit', class: 'primary save', id: update ? null : 'draft'},
      t(update ? (warning.state === 'draft' ? 'warnings.saveChange' : 'warnings.sendUpdate') : 'warnings.saveDraft')),
    onClose ? h('button', {type: 'button', class: 'close', on: {click: () => { drawing.destroy(); onClose(); }}}, t('warnings.close')) : null));
  mode(warning && warning.area ? 'draw' : 'zones');
  if (warning && warning.area) drawing.set(warning.area);
  return form;
}
