// Monthly report (viewer): the indicators per region and hazard of a month, computed by the server from
// the topics (GET /api/v1/reports/monthly), with the two charts of the printable page; CSV download and
// printing. #/reports?month=2026-08&region=mopti opens a month directly.
import {h, clear, field, table} from '../lib/dom.js';
import {get} from '../lib/api.js';
import {authHeader} from '../lib/session.js';
import {errorBox} from '../lib/ui.js';
import {uplot} from '../lib/vendor.js';
import {reportLabels} from '../report/labels.js';
import {drawReportCharts} from '../report/charts.js';

function thisMonth() {
  return new Date().toISOString().slice(0, 7);
}

function number(v) {
  return v === null || v === undefined ? '—' : String(v);
}

async function downloadCsv(month, region) {
  const q = 'month=' + encodeURIComponent(month) + (region ? '&region=' + encodeURIComponent(region) : '') + '&format=csv';
  const res = await fetch('/api/v1/reports/monthly?' + q, {headers: authHeader(), credentials: 'omit'});
  if (!res.ok) throw new Error('HTTP ' + res.status);
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', {href: url, download: 'bourtol-report-' + month + (region ? '-' + region : '') + '.csv'});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function stylesheet() {
  const href = '/console/report/console-report.css';
  if (!document.querySelector('link[href="' + href + '"]')) {
    document.head.appendChild(h('link', {rel: 'stylesheet', href}));
  }
}

export default {
  id: 'reports',
  nav: 'nav.reports',
  role: 'viewer',
  async render(main, ctx) {
    stylesheet();
    const L = await reportLabels();
    const month = h('input', {type: 'month', name: 'month', required: true, value: ctx.query.get('month') || thisMonth()});
    const region = h('input', {type: 'text', name: 'region', size: 16, value: ctx.query.get('region') || ''});
    const out = h('div', {id: 'report-view'});
    const show = async () => {
      const q = 'month=' + encodeURIComponent(month.value) + (region.value.trim() ? '&region=' + encodeURIComponent(region.value.trim()) : '');
      clear(out, h('p', {}, L('view.loading')));
      let r;
      try {
        r = await get('/api/v1/reports/monthly?' + q);
      } catch (e) {
        clear(out, errorBox(e));
        return;
      }
      const columns = r.rows.concat([r.total]);
      const head = [L('indicator')].concat(columns.map(c => (c === r.total ? L('total')
        : c.regionName || (c.region === 'unknown' ? L('unknownRegion') : c.region)) + ' · ' + L('hazard.' + c.hazard)));
      const rows = Object.keys(r.total.indicators).map(k => h('tr', {'data-indicator': k},
        h('th', {scope: 'row'}, L('col.' + k).trim()), columns.map(c => h('td', {}, number(c.indicators[k])))));
      const weeks = h('div', {id: 'chart-weeks'});
      const ack = h('div', {id: 'chart-ack'});
      clear(out,
        h('dl', {class: 'facts'}, h('dt', {}, L('period')), h('dd', {}, r.from + ' — ' + r.to),
          h('dt', {}, L('timezone')), h('dd', {}, r.timezone),
          h('dt', {}, L('asOf')), h('dd', {}, r.asOf),
          h('dt', {}, L('region')), h('dd', {}, r.region || L('allRegions'))),
        h('p', {class: 'help', 'data-status': r.status}, L(r.closed ? 'closed' : 'open').replace('{settledAt}', r.settledAt)),
        h('div', {class: 'report-charts'},
          h('figure', {}, h('figcaption', {}, L('chart.weeks')), weeks),
          h('figure', {}, h('figcaption', {}, L('chart.ack')), ack)),
        h('h2', {}, L('byRow')),
        h('div', {class: 'report-scroll'}, table(head, rows)),
        h('p', {class: 'help'}, L('method')));
      const U = await uplot();
      drawReportCharts(U, weeks, ack, r, {conflict: L('hazard.conflict'), flood: L('hazard.flood')});
      out.dataset.month = r.month;
    };
    clear(main,
      h('h1', {}, L('title')),
      h('form', {class: 'inline report-form', on: {submit: ev => {
        ev.preventDefault();
        window.location.hash = '#/reports?month=' + encodeURIComponent(month.value)
          + (region.value.trim() ? '&region=' + encodeURIComponent(region.value.trim()) : '');
      }}}, field(L('view.month'), month), field(L('view.region'), region), h('button', {type: 'submit', class: 'primary'}, L('view.show')),
      h('button', {type: 'button', id: 'report-csv', on: {click: () => downloadCsv(month.value, region.value.trim()).catch(e => clear(out, errorBox(e)))}},
        L('view.csv')),
      h('button', {type: 'button', on: {click: () => window.print()}}, L('view.print'))),
      out);
    await show();
  },
};
