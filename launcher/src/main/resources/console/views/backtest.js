// "Test on past data" on the rule form: the form's current rule is replayed over a past period by
// POST /api/v1/backtests (the production topology in an isolated run, nothing sent), polled until done,
// and the comparison with what the current rules raised is shown: changed alerts and SMS per recipient, and
// for a gauge-level rule the station's level curve with the old and new levels and when each side's alert was active
// (uPlot from its WebJar, as the gauges view).
import {h, clear, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get, post} from '../lib/api.js';
import {absolute, when} from '../lib/time.js';
import {uplot} from '../lib/vendor.js';
import {showError} from '../lib/ui.js';

const LEVELS = [['warning', '#c9a400'], ['alert', '#e2620c'], ['danger', '#a4000f']];

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
      await drawCurves(out, job.result);
    } catch (e) {
      showError(out, e);
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
  const o = r.outcomes;
  if (o) {
    parts.push(h('p', {class: 'outcomes'}, t('backtest.outcomes', {hits: o.current.hits, falseAlarms: o.current.falseAlarms,
      candidateHits: o.candidate.hits, misses: o.candidate.misses, candidateFalseAlarms: o.candidate.falseAlarms})));
    if (o.events.length > 0) {
      parts.push(table([t('backtest.verdict'), t('backtest.rule'), t('backtest.zone'), t('backtest.currentOnset'),
        t('backtest.candidateOnset'), t('backtest.leadGain')],
      o.events.map(e => h('tr', {class: 'outcome'}, h('td', {}, t('backtest.verdict.' + e.verdict)), h('td', {}, e.rule), h('td', {}, e.zone),
        h('td', {}, when(e.currentRaisedAt)), h('td', {}, e.candidateRaisedAt ? when(e.candidateRaisedAt) : t('backtest.missed')),
        h('td', {}, e.leadGainMinutes == null ? '—' : String(e.leadGainMinutes)))),
      t('backtest.outcomesTitle')));
    }
  }
  const g = r.groundTruth;
  if (g) {
    parts.push(h('p', {class: 'ground-truth'}, t('backtest.truth', {events: g.events.length, hits: g.current.hits, misses: g.current.misses,
      falseAlarms: g.current.falseAlarms, candidateHits: g.candidate.hits, candidateMisses: g.candidate.misses,
      candidateFalseAlarms: g.candidate.falseAlarms})));
    const minutes = (id, m) => id == null ? t('backtest.missed') : String(m);
    parts.push(table([t('backtest.truthEvent'), t('backtest.zone'), t('backtest.truthStart'), t('backtest.truthCurrent'),
      t('backtest.truthCandidate'), t('backtest.leadGain')],
    g.events.map(e => h('tr', {class: 'truth'}, h('td', {}, e.description || e.id), h('td', {}, e.zone || '—'), h('td', {}, when(e.start)),
      h('td', {}, minutes(e.currentAlertId, e.currentDelayMinutes)), h('td', {}, minutes(e.candidateAlertId, e.candidateDelayMinutes)),
      h('td', {}, e.leadGainMinutes == null ? '—' : String(e.leadGainMinutes)))),
    t('backtest.truthTitle')));
  }
  if (r.sms) {
    parts.push(table([t('backtest.recipient'), t('backtest.current'), t('backtest.candidate'), t('backtest.delta'),
      t('backtest.firstNow'), t('backtest.firstThen'), t('backtest.sentEarlier')],
      r.sms.map(l => h('tr', {class: 'sms'}, h('td', {}, l.name || l.recipient), h('td', {}, String(l.current)),
        h('td', {}, String(l.candidate)), h('td', {}, (l.delta > 0 ? '+' : '') + l.delta),
        h('td', {}, l.currentFirst ? when(l.currentFirst) : '—'), h('td', {}, l.candidateFirst ? when(l.candidateFirst) : '—'),
        h('td', {class: 'sent-earlier'}, l.candidateBeforeCurrent > 0 ? '+' + l.candidateBeforeCurrent : '0'))),
      t('backtest.sms')));
  }
  return h('div', {}, parts);
}

// One chart per station of a changed gauge-level rule: readings, old levels dashed, new levels solid, and the
// readings during the current rules' alerts (wide, pale) and during the candidate's (narrow, dark).
async function drawCurves(out, r) {
  const curves = (r.gauges || []).filter(g => g.readings.length > 0);
  if (curves.length === 0) return;
  const U = await uplot();
  for (const g of curves) {
    const box = h('div', {class: 'chart backtest-curve', role: 'img', 'data-station': g.station,
      'aria-label': t('backtest.curveAria', {station: g.station, n: g.readings.length})});
    out.append(h('h3', {}, t('backtest.curve', {rule: g.rule, station: g.station})), box);
    const xs = g.readings.map(p => new Date(p.at).getTime() / 1000);
    const cms = g.readings.map(p => p.cm);
    const during = alerts => {
      const spans = alerts.filter(a => a.rule === g.rule && a.zone === g.station)
        .map(a => [new Date(a.raisedAt).getTime() / 1000, a.resolvedAt ? new Date(a.resolvedAt).getTime() / 1000 : Infinity]);
      return xs.map((x, i) => spans.some(([from, to]) => x >= from && x <= to) ? cms[i] : null);
    };
    const lines = [];
    for (const [name, color] of LEVELS) {
      const before = g.currentLevels[name + 'Cm'];
      const after = g.candidateLevels[name + 'Cm'];
      if (typeof before === 'number') lines.push({label: t('backtest.levelNow', {level: t('level.' + name), cm: before}), color, dash: [6, 4], cm: before});
      if (typeof after === 'number') lines.push({label: t('backtest.levelThen', {level: t('level.' + name), cm: after}), color, cm: after});
    }
    const width = Math.max(320, Math.min(1100, out.clientWidth - 20));
    new U({
      width, height: 320,
      scales: {x: {time: true}},
      axes: [{values: (u, vals) => vals.map(v => absolute(new Date(v * 1000).toISOString()).slice(0, 10))}, {label: 'cm'}],
      series: [{label: t('gauges.at'), value: (u, v) => v == null ? '' : absolute(new Date(v * 1000).toISOString())},
        {label: t('gauges.cm'), stroke: '#0b3d91', width: 1.5},
        {label: t('backtest.alertNow'), stroke: 'rgba(226, 98, 12, 0.45)', width: 9, spanGaps: false},
        {label: t('backtest.alertThen'), stroke: '#6a0dad', width: 3, spanGaps: false},
        ...lines.map(l => ({label: l.label, stroke: l.color, dash: l.dash, width: 2, points: {show: false}}))]
    }, [xs, cms, during(r.currentAlerts), during(r.candidateAlerts), ...lines.map(l => xs.map(() => l.cm))], box);
  }
}
