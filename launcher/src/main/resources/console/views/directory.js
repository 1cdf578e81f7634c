// Recipients and focal points (admin): lists with masked numbers, add, edit; a recipient is deactivated
// (kept, shown as such, sent nothing) and can be reactivated; a focal point removed; a focal point's
// verified flag. A number is typed only when it is new or changes (the API keeps the current one of a
// recipient when the field is left empty) and is never shown back unmasked.
import {h, clear, field, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, put, api} from '../lib/api.js';
import {toast, showError} from '../lib/ui.js';

const SEVERITIES = ['Minor', 'Moderate', 'Severe', 'Extreme'];
const list = s => s.split(',').map(x => x.trim()).filter(Boolean);

// Saves a directory entry; the number typed is cleared once saved (never kept in the page), a refusal shown in problems.
async function save(path, body, phone, problems, done) {
  try {
    await put(path, body);
    phone.value = '';
    toast(t('dir.saved'));
    done();
  } catch (e) {
    showError(problems, e);
  }
}

function recipientForm(r, done) {
  const id = h('input', {type: 'text', name: 'id', value: r ? r.id : '', disabled: !!r, required: true});
  const name = h('input', {type: 'text', name: 'name', value: r ? r.name : '', required: true, size: 30});
  const role = h('input', {type: 'text', name: 'role', value: r ? r.role || '' : '', placeholder: 'peace-committee, authority…'});
  const phone = h('input', {type: 'tel', name: 'phone', autocomplete: 'off', placeholder: r ? r.phone : '+223…'});
  const language = h('select', {name: 'language'}, ['fr', 'en'].map(l => h('option', {value: l, selected: r && r.language === l}, l)));
  const zones = h('input', {type: 'text', name: 'zones', value: r ? (r.zones || []).join(', ') : '', size: 30});
  const hazards = h('input', {type: 'text', name: 'hazards', value: r ? (r.hazards || []).join(', ') : 'flood, conflict'});
  const min = h('select', {name: 'minSeverity'}, SEVERITIES.map(s => h('option', {value: s, selected: r ? r.minSeverity === s : s === 'Moderate'}, t('severity.' + s))));
  const problems = h('div', {'aria-live': 'polite'});
  return h('form', {class: 'card', id: 'recipient-form', on: {submit: async ev => {
    ev.preventDefault();
    const body = {name: name.value.trim(), role: role.value.trim() || undefined, language: language.value, zones: list(zones.value),
      hazards: list(hazards.value), minSeverity: min.value, channels: r ? r.channels : ['sms']};
    if (phone.value.trim()) body.phone = phone.value.trim();
    await save('/api/v1/recipients/' + encodeURIComponent(r ? r.id : id.value.trim()), body, phone, problems, done);
  }}}, h('h3', {}, r ? t('dir.editRecipient', {id: r.id}) : t('dir.newRecipient')),
    h('div', {class: 'row'}, field(t('dir.id'), id), field(t('dir.name'), name), field(t('dir.role'), role),
      field(t('dir.phone'), phone, r ? t('dir.phoneKeep') : t('dir.phoneNew')), field(t('dir.language'), language)),
    h('div', {class: 'row'}, field(t('dir.zones'), zones), field(t('dir.hazards'), hazards), field(t('dir.minSeverity'), min)),
    problems, h('button', {type: 'submit', class: 'primary', id: 'save-recipient'}, t('dir.save')));
}

// Deactivate (DELETE: kept in the directory, sent nothing) or reactivate (PUT with active: true; the
// number is kept by the API).
function activeButton(r, refresh) {
  const on = r.active !== false;
  return h('button', {type: 'button', class: on ? 'danger deactivate' : 'reactivate', on: {click: async () => {
    if (on && !window.confirm(t('dir.confirmDeactivate', {id: r.id}))) return;
    try {
      if (on) {
        await api('DELETE', '/api/v1/recipients/' + encodeURIComponent(r.id));
      } else {
        const body = Object.assign({}, r, {active: true});
        delete body.id; delete body.phone;
        await put('/api/v1/recipients/' + encodeURIComponent(r.id), body);
      }
      toast(on ? t('dir.deactivated') : t('dir.reactivated'));
      refresh();
    } catch (e) {
      if (e.status !== 401) toast(e.message, 'bad');
    }
  }}}, on ? t('dir.deactivate') : t('dir.reactivate'));
}

function reporterForm(r, done) {
  const id = h('input', {type: 'text', name: 'id', value: r ? r.id : '', disabled: !!r, required: true});
  const name = h('input', {type: 'text', name: 'name', value: r ? r.name || '' : '', size: 30});
  const phone = h('input', {type: 'tel', name: 'phone', autocomplete: 'off', required: true, placeholder: r ? r.phone : '+223…'});
  const language = h('select', {name: 'language'}, ['fr', 'en'].map(l => h('option', {value: l, selected: r && r.language === l}, l)));
  const home = h('input', {type: 'text', name: 'homeZone', value: r ? r.homeZone || '' : ''});
  const verified = h('input', {type: 'checkbox', name: 'verified', checked: r ? r.verified : true});
  const problems = h('div', {'aria-live': 'polite'});
  return h('form', {class: 'card', on: {submit: async ev => {
    ev.preventDefault();
    await save('/api/v1/reporters/' + encodeURIComponent(r ? r.id : id.value.trim()), {name: name.value.trim(), phone: phone.value.trim(),
      language: language.value, homeZone: home.value.trim() || undefined, verified: verified.checked}, phone, problems, done);
  }}}, h('h3', {}, r ? t('dir.editReporter', {id: r.id}) : t('dir.newReporter')),
    h('div', {class: 'row'}, field(t('dir.id'), id), field(t('dir.name'), name), field(t('dir.phone'), phone, t('dir.phoneRetype')),
      field(t('dir.language'), language), field(t('dir.home'), home), h('div', {class: 'field'}, h('label', {}, verified, ' ', t('dir.verified')))),
    problems, h('button', {type: 'submit', class: 'primary'}, t('dir.save')));
}

export default {
  id: 'directory',
  nav: 'nav.directory',
  role: 'admin',
  async render(main) {
    const recipients = h('div', {});
    const reporters = h('div', {});
    const editor = h('div', {});
    main.append(h('h1', {}, t('dir.title')), editor, h('h2', {}, t('dir.recipients')), recipients, h('h2', {}, t('dir.reporters')), reporters);
    async function refresh() {
      clear(editor);
      try {
        const [rs, fps] = await Promise.all([get('/api/v1/recipients'), get('/api/v1/reporters')]);
        const edit = form => () => { clear(editor, form); editor.querySelector('input:not([disabled])').focus(); };
        clear(recipients, h('button', {type: 'button', on: {click: edit(recipientForm(null, refresh))}}, t('dir.addRecipient')),
          table([t('dir.id'), t('dir.name'), t('dir.role'), t('dir.phone'), t('dir.zones'), t('dir.hazards'), t('dir.minSeverity'), t('dir.status'), ''],
            rs.map(r => h('tr', {'data-recipient': r.id, class: r.active === false ? 'inactive' : null},
              h('td', {}, r.id), h('td', {}, r.name), h('td', {}, r.role || ''), h('td', {}, r.phone),
              h('td', {}, (r.zones || []).join(', ')), h('td', {}, (r.hazards || []).join(', ')), h('td', {}, t('severity.' + r.minSeverity)),
              h('td', {class: 'status'}, r.active === false ? '✗ ' + t('dir.inactive') : '✓ ' + t('dir.active')),
              h('td', {}, h('button', {type: 'button', class: 'edit', on: {click: edit(recipientForm(r, refresh))}}, t('dir.edit')), ' ',
                activeButton(r, refresh))))));
        clear(reporters, h('button', {type: 'button', on: {click: edit(reporterForm(null, refresh))}}, t('dir.addReporter')),
          table([t('dir.id'), t('dir.name'), t('dir.phone'), t('dir.pseudonym'), t('dir.home'), t('dir.verified'), ''],
            fps.map(r => h('tr', {}, h('td', {}, r.id), h('td', {}, r.name || ''), h('td', {}, r.phone), h('td', {}, r.pseudonym || ''),
              h('td', {}, r.homeZone || ''), h('td', {}, r.verified ? '✓ ' + t('common.yes') : '✗ ' + t('common.no')),
              h('td', {}, h('button', {type: 'button', on: {click: edit(reporterForm(r, refresh))}}, t('dir.edit')), ' ',
                h('button', {type: 'button', class: 'danger', on: {click: async () => {
                  if (!window.confirm(t('dir.confirmRemove', {id: r.id}))) return;
                  try { await api('DELETE', '/api/v1/reporters/' + encodeURIComponent(r.id)); toast(t('dir.removed')); refresh(); } catch (e) { toast(e.message, 'bad'); }
                }}}, t('dir.remove')))))));
      } catch (e) {
        showError(recipients, e);
      }
    }
    await refresh();
  }
};
