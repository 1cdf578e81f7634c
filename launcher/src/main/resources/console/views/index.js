// The console's views, in navigation order. To add a view: write views/<name>.js exporting
// {id, nav, role, render} (see app.js) and add it here.
import alerts from './alerts.js';
import health from './health.js';

export default [alerts, health];
