// "Test on past data" on the rule form: the form's current rule is replayed over a past period by
// POST /api/v1/backtests (the production topology in an isolated run, nothing sent), polled until done,
// and the comparison with what the current rules raised is shown: changed alerts and SMS per recipient.
import {h, clear, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {when} from '../lib/time.js';
import {errorBox} from '../lib/ui.js';

const DAY = 24 * 3600 * 1000;
const iso = d => new Date(d).toISOString().slice(0, 10);
const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

// The panel for rule `id`; `candidate()` gives the form's current document.
export function backtestPanel(id, candidate) {
  const now = Date.now();
  const from = h('input', {type: 'date', id: 'backtest-from', value: iso(now - 365 * DAY)});
  const to = h('input', {type: 'date', id: 'backtest-to', value: iso(now)});
  const out = h('div', {id: 'backtest-result', 'aria-live': 'polite'});
  const button = h('button', {type: 'button', id: 'backtest', on: {click: run}}, t('backtest.run'));

  async function run() {
    button.disabled = true;
    clear(out, h('p', {class: 'muted'}, t('backtest.queued')));
    try {
      let job = await post('/api/v1/backtests', {rules: [Object.assign({id}, candidate())], from: from.value, to: to.value});
      while (job.status === 'QUEUED' || job.status === 'RUNNING') {
        await wait(1000);
        job = await get('/api/v1/backtests/' + encodeURIComponent(job.id));
        clear(out, h('p', {class: 'muted'}, t('backtest.progress', {n: job.recordsReplayed})));
      }
      if (job.status !== 'DONE') {
        clear(out, h('div', {class: 'errorbox', role: 'alert'}, h('p', {}, job.error || job.status)));
        return;
      }
      clear(out, render(job.result));
    } catch (e) {
      if (e.status !== 401) clear(out, errorBox(e));
    } finally {
      button.disabled = false;
    }
  }

  return h('section', {class: 'backtest'}, h('h2', {}, t('backtest.title')), h('p', {class: 'help'}, t('backtest.help')),
    h('div', {class: 'row'}, h('label', {for: from.id}, t('backtest.from')), from, h('label', {for: to.id}, t('backtest.to')), to, button),
    out);
}

function render(r) {
  const c = r.comparison;
  const count = kind => c.differences.filter(d => d.kinds.includes(kind)).length;
  const parts = [h('p', {}, t('backtest.summary', {observations: r.observations, ms: r.replayMillis, current: r.currentAlerts.length,
    candidate: r.candidateAlerts.length, added: count('NEW'), gone: count('GONE'), earlier: count('EARLIER'), later: count('LATER'),
    severity: count('SEVERITY_CHANGED')}))];
  r.warnings.forEach(w => parts.push(h('p', {class: 'errorbox'}, w)));
  const changed = c.differences.filter(d => !d.kinds.includes('UNCHANGED'));
  parts.push(changed.length === 0 ? h('p', {}, t('backtest.noChange')) : table(
    [t('backtest.change'), t('backtest.rule'), t('backtest.zone'), t('backtest.currentOnset'), t('backtest.candidateOnset'),
      t('backtest.shift'), t('backtest.severity')],
    changed.map(d => h('tr', {class: 'difference'},
      h('td', {}, d.kinds.map(k => t('backtest.kind.' + k)).join(', ')), h('td', {}, d.rule), h('td', {}, d.zone),
      h('td', {}, d.currentRaisedAt ? when(d.currentRaisedAt) : '—'), h('td', {}, d.candidateRaisedAt ? when(d.candidateRaisedAt) : '—'),
      h('td', {}, d.onsetShiftMinutes == null ? '—' : String(d.onsetShiftMinutes)),
      h('td', {}, (d.currentSeverity || '—') + ' → ' + (d.candidateSeverity || '—')))),
    t('backtest.differences')));
  if (r.sms) {
    parts.push(table([t('backtest.recipient'), t('backtest.current'), t('backtest.candidate'), t('backtest.delta')],
      r.sms.map(l => h('tr', {class: 'sms'}, h('td', {}, l.name || l.recipient), h('td', {}, String(l.current)),
        h('td', {}, String(l.candidate)), h('td', {}, (l.delta > 0 ? '+' : '') + l.delta))),
      t('backtest.sms')));
  }
  return h('div', {}, parts);
}
