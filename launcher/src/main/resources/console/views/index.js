// The console's views, in navigation order. To add a view: write views/<name>.js exporting
// {id, nav, role, render} (see app.js) and add it here.
import map from './map.js';
import alerts from './alerts.js';
import warnings from './warnings.js';
import gauges from './gauges.js';
import rules from './rules.js';
import zones from './zones.js';
import triage from './triage.js';
import reports from './reports.js';
import directory from './directory.js';
import health from './health.js';

export default [map, alerts, warnings, gauges, rules, zones, triage, reports, directory, health];
