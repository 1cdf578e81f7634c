// The printable report page (GET /api/v1/reports/monthly?format=html): draws its charts from the
// JSON block the server wrote; the tables are already in the page.
import {drawReportCharts} from './charts.js';

const data = JSON.parse(document.getElementById('report-data').textContent);
drawReportCharts(window.uPlot, document.getElementById('chart-weeks'), document.getElementById('chart-ack'), data, data.hazards || {});
document.body.dataset.charts = 'drawn';
