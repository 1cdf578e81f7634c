// Gauges: #/gauges/<station>?days=7 — the level curve of a station over the last days (from InfluxDB
// when configured, and the observations topic; it survives a restart) with its yellow, orange and red levels (the gauge-level rule's when it gives
// them, else the station's published ones), drawn by uPlot from its WebJar.
import {h, clear, field, table} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import {get} from '../lib/api.js';
import {absolute, when} from '../lib/time.js';
import {uplot} from '../lib/vendor.js';
import {errorBox} from '../lib/ui.js';

const PERIODS = [1, 7, 30, 90];
const LEVELS = [['warning', '#c9a400', [8, 4]], ['alert', '#e2620c', [4, 4]], ['danger', '#a4000f', [2, 3]]];

export default {
  id: 'gauges',
  nav: 'nav.gauges',
  role: 'viewer',
  async render(main, ctx) {
    main.appendChild(h('h1', {}, t('gauges.title')));
    let stations;
    let rules;
    try {
      [stations, rules] = await Promise.all([get('/api/v1/zones?kind=station'), get('/api/v1/rules?type=gauge-level')]);
    } catch (e) {
      if (e.status !== 401) main.appendChild(errorBox(e));
      return;
    }
    const list = stations.features;
    const id = ctx.args[0] || (list.find(s => s.id === 'niamey') || list[0] || {}).id;
    const days = PERIODS.includes(Number(ctx.query.get('days'))) ? Number(ctx.query.get('days')) : 7;
    const go = (station, d) => { window.location.hash = '#/gauges/' + encodeURIComponent(station) + '?days=' + d; };
    const select = h('select', {name: 'station', on: {change: ev => go(ev.target.value, days)}},
      list.map(s => h('option', {value: s.id, selected: s.id === id}, s.properties.name)));
    const period = h('select', {name: 'days', on: {change: ev => go(id, ev.target.value)}},
      PERIODS.map(d => h('option', {value: String(d), selected: d === days}, t('gauges.days', {n: d}))));
    const chartBox = h('div', {class: 'chart', role: 'img'});
    const summary = h('div', {});
    main.append(h('div', {class: 'filters'}, field(t('gauges.station'), select), field(t('gauges.period'), period)), chartBox, summary);
    if (!id) return;
    const station = list.find(s => s.id === id);
    const rule = rules.find(r => r.enabled && (r.zones || []).includes(id) && ['warningCm', 'alertCm', 'dangerCm'].some(k => r.params[k] !== undefined));
    const published = (station && station.properties.levels) || {};
    const levels = LEVELS.map(([name, color, dash]) => ({name, color, dash,
      cm: rule ? rule.params[name + 'Cm'] : published[name]})).filter(l => typeof l.cm === 'number');
    let readings;
    try {
      readings = await get('/api/v1/stations/' + encodeURIComponent(id) + '/readings?days=' + days);
    } catch (e) {
      if (e.status !== 401) summary.appendChild(errorBox(e));
      return;
    }
    const source = rule ? t('gauges.fromRule', {rule: rule.id}) : t('gauges.fromStation');
    chartBox.setAttribute('aria-label', t('gauges.aria', {station: station ? station.properties.name : id, n: readings.length}));
    clear(summary,
      h('h2', {}, t('gauges.levels')),
      levels.length === 0 ? h('p', {}, t('gauges.noLevels')) : h('ul', {}, levels.map(l => h('li', {}, t('level.' + l.name) + ' : ' + l.cm + ' cm'))),
      h('p', {class: 'muted'}, source),
      h('h2', {}, t('gauges.last')),
      readings.length === 0 ? h('p', {}, t('gauges.none')) : table([t('gauges.at'), t('gauges.cm')],
        readings.slice(-10).reverse().map(r => h('tr', {}, h('td', {}, when(r.at)), h('td', {}, r.cm + ' cm')))));
    if (readings.length === 0) {
      chartBox.appendChild(h('p', {}, t('gauges.none')));
      return;
    }
    const U = await uplot();
    // the period's two ends carry no reading, so the level lines cross the whole chart even for one reading
    const times = readings.map(r => new Date(r.at).getTime() / 1000);
    const end = Math.max(Date.now() / 1000, ...times);
    const start = Math.min(end - days * 86400, ...times);
    const xs = [start, ...times, end];
    const data = [xs, [null, ...readings.map(r => r.cm), null], ...levels.map(l => xs.map(() => l.cm))];
    const width = Math.max(320, Math.min(1100, main.clientWidth - 20));
    // the whole period on the x axis (even for a single reading), ticks far enough apart to be read:
    // "dd/MM" over several days, "HH:mm" within one day
    const tick = v => {
      const s = absolute(new Date(v * 1000).toISOString());
      return days > 1 ? s.slice(0, 5) : s.slice(11, 16);
    };
    const cms = [...readings.map(r => r.cm), ...levels.map(l => l.cm)];
    const chart = new U({
      width, height: 320,
      scales: {x: {time: true, range: () => [start, end]},
        y: {range: () => [Math.min(...cms) - 20, Math.max(...cms) + 20]}},
      axes: [{space: 90, values: (u, vals) => vals.map(tick)}, {label: 'cm'}],
      series: [{label: t('gauges.at'), value: (u, v) => v == null ? '' : absolute(new Date(v * 1000).toISOString())},
        {label: t('gauges.cm'), stroke: '#0b3d91', width: 2, points: {show: true, size: 5}},
        ...levels.map(l => ({label: t('level.' + l.name) + ' ' + l.cm + ' cm', stroke: l.color, dash: l.dash, width: 2, points: {show: false}}))]
    }, data, chartBox);
    return () => chart.destroy();
  }
};
