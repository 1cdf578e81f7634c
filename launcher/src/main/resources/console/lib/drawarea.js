// Drawing a warning's area on a Leaflet map (docs/console.md): a polygon (click the map to add its
// corners, then "Finish" or click the first corner again) or a circle (click its centre, then a second
// point or the radius field sets the radius). The communes are shown with their names underneath.
// value() is what the warnings API takes as `area`: a GeoJSON Polygon, or a circle as a Feature with a
// Point geometry and properties.radius in metres (Leaflet's circle); null when nothing is drawn.
import {h, clear} from './dom.js';
import {t} from './i18n.js';
import {leaflet} from './vendor.js';
import {addBasemap} from './basemap.js';

const SHAPE = {color: '#a4000f', weight: 3, fillColor: '#e2620c', fillOpacity: 0.25};
const DEFAULT_RADIUS_M = 5000;
const km = m => (Math.round(m / 100) / 10).toLocaleString(document.documentElement.lang || 'fr');

export function drawArea(communes) {
  let L = null;
  let map = null;
  let mode = null;            // 'polygon' | 'circle' | null
  let corners = [];           // polygon corners (LatLng), closed once done
  let done = false;
  let centre = null;
  let radius = DEFAULT_RADIUS_M;
  let radiusSet = false;      // the second click of a circle was made
  let layer = null;
  let pending = null;         // an area set before the map was ready

  const status = h('p', {class: 'draw-status', 'aria-live': 'polite'});
  const radiusInput = h('input', {type: 'number', name: 'radiusKm', min: 0.1, max: 200, step: 0.1, size: 6,
    on: {input: () => { const v = parseFloat(radiusInput.value); if (v > 0) { radius = v * 1000; show(); } }}});
  const radiusField = h('label', {class: 'draw-radius', hidden: true}, t('draw.radiusKm'), ' ', radiusInput);
  const tool = (name, label, fn) => h('button', {type: 'button', class: 'draw-' + name, on: {click: fn}}, label);
  const polygonButton = tool('polygon', t('draw.polygon'), () => start('polygon'));
  const circleButton = tool('circle', t('draw.circle'), () => start('circle'));
  const finishButton = tool('finish', t('draw.finish'), () => finish());
  const clearButton = tool('clear', t('draw.clear'), () => start(null));
  const mapEl = h('div', {class: 'draw-map', role: 'application', 'aria-label': t('draw.mapLabel')});
  const el = h('div', {class: 'draw-area'},
    h('div', {class: 'draw-tools row'}, polygonButton, circleButton, finishButton, clearButton, radiusField),
    status, mapEl);

  function start(m) {
    mode = m;
    corners = [];
    done = false;
    centre = null;
    radius = DEFAULT_RADIUS_M;
    radiusSet = false;
    show();
  }

  function finish() {
    if (mode === 'polygon' && corners.length >= 3) {
      done = true;
      show();
    }
  }

  function click(ev) {
    if (mode === 'polygon' && !done) {
      corners.push(ev.latlng);
    } else if (mode === 'circle') {
      if (!centre || radiusSet) {
        centre = ev.latlng;
        radiusSet = false;
      } else {
        radius = Math.max(100, Math.round(centre.distanceTo(ev.latlng)));
        radiusSet = true;
      }
    }
    show();
  }

  function show() {
    polygonButton.setAttribute('aria-pressed', String(mode === 'polygon'));
    circleButton.setAttribute('aria-pressed', String(mode === 'circle'));
    finishButton.hidden = mode !== 'polygon' || done;
    finishButton.disabled = corners.length < 3;
    radiusField.hidden = mode !== 'circle' || !centre;
    if (document.activeElement !== radiusInput) radiusInput.value = String(Math.round(radius / 100) / 10);
    status.textContent = mode === 'polygon'
      ? (done ? t('draw.polygonDone', {n: corners.length}) : t('draw.polygonHelp', {n: corners.length}))
      : mode === 'circle'
        ? (!centre ? t('draw.circleHelp') : t(radiusSet ? 'draw.circleDone' : 'draw.circleCentre', {km: km(radius)}))
        : t('draw.none');
    if (!map) return;
    if (layer) layer.remove();
    layer = L.featureGroup().addTo(map);
    if (mode === 'polygon' && corners.length) {
      (done || corners.length > 2 ? L.polygon(corners, SHAPE) : L.polyline(corners, SHAPE)).addTo(layer);
      if (!done) {
        corners.forEach((c, i) => {
          const dot = L.circleMarker(c, {radius: i === 0 ? 7 : 5, color: '#222', weight: 2, fillColor: '#fff', fillOpacity: 1});
          if (i === 0) dot.on('click', e => { L.DomEvent.stop(e); finish(); });
          dot.addTo(layer);
        });
      }
    } else if (mode === 'circle' && centre) {
      L.circle(centre, Object.assign({radius}, SHAPE)).addTo(layer);
      L.circleMarker(centre, {radius: 4, color: '#222', weight: 2, fillOpacity: 1, interactive: false}).addTo(layer);
    }
  }

  function value() {
    if (mode === 'polygon' && done) {
      const ring = corners.map(c => [round(c.lng), round(c.lat)]);
      ring.push(ring[0]);
      return {type: 'Polygon', coordinates: [ring]};
    }
    if (mode === 'circle' && centre) {
      return {type: 'Feature', geometry: {type: 'Point', coordinates: [round(centre.lng), round(centre.lat)]},
        properties: {radius: Math.round(radius)}};
    }
    return null;
  }

  // Shows a stored area (a Polygon, the first part of a MultiPolygon, or a circle Feature).
  function set(area) {
    if (!L) { pending = area; return; }
    const g = area && area.type === 'Feature' ? area.geometry : area;
    start(null);
    if (g && g.type === 'Point') {
      mode = 'circle';
      centre = L.latLng(g.coordinates[1], g.coordinates[0]);
      radius = (area.properties && area.properties.radius) || area.radius || DEFAULT_RADIUS_M;
      radiusSet = true;
    } else if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      mode = 'polygon';
      corners = ring.slice(0, -1).map(p => L.latLng(p[1], p[0]));
      done = true;
    }
    show();
  }

  // Call once the element is in the page (Leaflet measures its container).
  async function attach() {
    L = await leaflet();
    map = L.map(mapEl, {zoomSnap: 0.5, doubleClickZoom: false});
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Natural Earth');
    await addBasemap(L, map);
    const zones = L.geoJSON({type: 'FeatureCollection', features: communes}, {interactive: false,
      style: {color: '#5b3f8c', weight: 1.5, fillColor: '#b9a6dd', fillOpacity: 0.15}}).addTo(map);
    zones.eachLayer(l => l.bindTooltip(h('span', {}, l.feature.properties.name),
      {permanent: true, direction: 'center', className: 'commune-label'}));
    if (zones.getLayers().length) map.fitBounds(zones.getBounds(), {padding: [10, 10]});
    else map.fitBounds([[11.5, -9.5], [17.5, 4]]);
    map.on('click', click);
    if (pending) set(pending); else show();
    pending = null;
  }

  clear(status, t('draw.none'));
  return {el, attach, value, set, reset: () => start(null), destroy: () => { if (map) map.remove(); }};
}

function round(x) {
  return Math.round(x * 1e5) / 1e5;
}
