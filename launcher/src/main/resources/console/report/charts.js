// The monthly report's two charts, drawn with uPlot (the console's chart library): alerts raised per
// ISO week by hazard (bars side by side) and time to acknowledge (share of the month's acknowledged
// alerts acknowledged within x minutes, one step line per hazard). Used by the printable page
// (page.js) and by the console's report view.
const HAZARDS = ['conflict', 'flood'];
const COLOURS = {conflict: '#b3261e', flood: '#1f5fa8'};

function size(el) {
  return {width: Math.max(320, Math.min(el.clientWidth || 640, 720)), height: 220};
}

function empty(el) {
  el.textContent = '—';
}

export function drawReportCharts(U, weeksEl, ackEl, data, names) {
  const weeks = data.weeks || [];
  if (weeks.length) {
    const x = weeks.map((w, i) => i);
    const series = HAZARDS.map(h => weeks.map(w => (w.alerts && w.alerts[h]) || 0));
    new U({
      ...size(weeksEl),
      scales: {x: {time: false, range: [-0.5, weeks.length - 0.5]}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
      axes: [{splits: () => x, values: (u, splits) => splits.map(i => Number.isInteger(i) && weeks[i] ? weeks[i].week.slice(5) : '')},
        {values: (u, splits) => splits.map(v => Number.isInteger(v) ? String(v) : '')}],
      series: [{label: names.week || 'week', value: (u, i) => (i === null || !weeks[i] ? '--' : weeks[i].week)}].concat(HAZARDS.map((h, k) => ({
        label: names[h] || h, stroke: COLOURS[h], fill: COLOURS[h], width: 0,
        paths: U.paths.bars({size: [0.35, 40], align: k === 0 ? -1 : 1}), points: {show: false},
      }))),
    }, [x].concat(series), weeksEl);
  } else {
    empty(weeksEl);
  }
  const ack = data.ackMinutes || {};
  const xs = [...new Set(HAZARDS.flatMap(h => ack[h] || []))].sort((a, b) => a - b);
  if (!xs.length) {
    empty(ackEl);
    return;
  }
  const share = h => {
    const values = ack[h] || [];
    return xs.map(x => values.length ? Math.round(100 * values.filter(v => v <= x).length / values.length) : null);
  };
  new U({
    ...size(ackEl),
    scales: {x: {time: false}, y: {range: [0, 100]}},
    axes: [{}, {values: (u, splits) => splits.map(v => v + ' %')}],
    series: [{label: 'min'}].concat(HAZARDS.map(h => ({
      label: names[h] || h, stroke: COLOURS[h], width: 2, paths: U.paths.stepped({align: 1}), spanGaps: true,
    }))),
  }, [xs].concat(HAZARDS.map(share)), ackEl);
}
