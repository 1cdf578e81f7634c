// Map: the bundled basemap (regions, Mali's border, the Niger), the zones from the zones API and the
// active alerts by severity (word and mark on each marker, colour besides). Clicking an alert, or
// pressing Enter on its focused marker, opens it; the list beside the map gives the same links.
import {h, clear} from '../lib/dom.js';
import {t, pick} from '../lib/i18n.js';
import {get} from '../lib/api.js';
import {when} from '../lib/time.js';
import {leaflet} from '../lib/vendor.js';
import {addBasemap} from '../lib/basemap.js';
import {severityBadge, errorBox, getOrShow} from '../lib/ui.js';

const KIND_STYLE = {
  region: {color: '#6b6b6b', weight: 1, fill: false, dashArray: '4 3'},
  commune: {color: '#5b3f8c', weight: 1.5, fillColor: '#b9a6dd', fillOpacity: 0.15},
  farmland: {color: '#3b7a1f', weight: 1.5, fillColor: '#8fd16a', fillOpacity: 0.35},
  pasture: {color: '#7a8a1f', weight: 1.5, fillColor: '#d6e38a', fillOpacity: 0.35},
  'water-point': {color: '#1f5f9c', weight: 1.5, fillColor: '#6fb2f0', fillOpacity: 0.5},
  market: {color: '#9c5f1f', weight: 1.5, fillColor: '#f0c16f', fillOpacity: 0.5},
  corridor: {color: '#8c4a12', weight: 3, dashArray: '8 5'},
  station: {color: '#0b3d91', fillColor: '#ffffff', fillOpacity: 1, radius: 6, weight: 3}
};
const SEV_COLOR = {Extreme: '#a4000f', Severe: '#e2620c', Moderate: '#f6d54a', Minor: '#9fb7dc'};
const MARKS = {Extreme: '!!!', Severe: '!!', Moderate: '!', Minor: '·'};

function metersPerPixel(map) {
  const lat = map.getCenter().lat * Math.PI / 180;
  return 40075016.686 * Math.cos(lat) / Math.pow(2, map.getZoom() + 8);
}

const LABEL_GAP = 14;

export default {
  id: 'map',
  nav: 'nav.map',
  role: 'viewer',
  async render(main) {
    const mapEl = h('div', {id: 'map', role: 'region', 'aria-label': t('map.label')});
    const side = h('div', {class: 'side'});
    const legend = h('ul', {class: 'legend'},
      Object.keys(SEV_COLOR).map(s => h('li', {}, h('span', {class: 'swatch', 'data-color': s}), severityBadge(s))),
      ['commune', 'farmland', 'pasture', 'water-point', 'market', 'corridor', 'station'].map(k => h('li', {}, h('span', {class: 'swatch kind-' + k}), t('kind.' + k))),
      h('li', {}, h('span', {class: 'swatch river'}), t('map.river')));
    main.append(h('h1', {}, t('map.title')), h('div', {class: 'grid2'}, mapEl, h('div', {}, h('h2', {}, t('map.active')), side,
      h('h2', {}, t('map.legend')), legend)));
    let L;
    try {
      L = await leaflet();
    } catch (e) {
      main.appendChild(errorBox(e));
      return;
    }
    const map = L.map(mapEl, {zoomSnap: 0.5, attributionControl: true}).fitBounds([[11.5, -9.5], [17.5, 4]]);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Natural Earth');
    await addBasemap(L, map);
    const buffers = [];
    try {
      const zones = await get('/api/v1/zones');
      const zoneLayer = L.geoJSON(zones, {
        style: f => KIND_STYLE[f.properties.kind] || {color: '#555', weight: 1},
        pointToLayer: (f, latlng) => L.circleMarker(latlng, KIND_STYLE[f.properties.kind] || KIND_STYLE.station),
        onEachFeature: (f, layer) => {
          layer.bindTooltip(h('span', {}, f.properties.name + ' (' + t('kind.' + f.properties.kind) + ')'));
          if (f.properties.kind === 'corridor' && f.properties.bufferM) {
            buffers.push({feature: f, bufferM: f.properties.bufferM});
          }
        }
      }).addTo(map);
      const local = L.geoJSON({type: 'FeatureCollection', features: zones.features.filter(f => f.properties.kind !== 'region')});
      if (local.getLayers().length) map.fitBounds(local.getBounds(), {padding: [20, 20]});
      zoneLayer.bringToFront();
    } catch (e) {
      if (e.status === 401) return;
      side.appendChild(errorBox(e));
    }
    // corridors drawn with their buffer: a translucent band 2 × bufferM wide at the current zoom
    const bands = buffers.map(b => L.geoJSON(b.feature, {interactive: false, style: {color: '#c98a4b', opacity: 0.3, lineCap: 'round'}}).addTo(map));
    function resize() {
      const mpp = metersPerPixel(map);
      bands.forEach((band, i) => band.setStyle({weight: Math.max(2, 2 * buffers[i].bufferM / mpp)}));
    }
    map.on('zoomend', resize);
    resize();
    const alertLayer = L.layerGroup().addTo(map);
    // Alert labels never cover each other: from north to south, a label that would overlap one already
    // placed moves down below it (alerts on the same or nearby zones stack), at every zoom; a label that
    // would leave the map on the right is drawn to the left of its point.
    function declutter() {
      const placed = [];
      const bounds = mapEl.getBoundingClientRect();
      alertLayer.getLayers().filter(l => l.getElement && l.getElement() && l.getElement().classList.contains('alert-marker'))
        .sort((x, y) => y.getLatLng().lat - x.getLatLng().lat || x.getLatLng().lng - y.getLatLng().lng)
        .forEach(m => {
          const el = m.getElement();
          el.style.marginTop = LABEL_GAP + 'px';
          el.style.marginLeft = '0px';
          let r = el.getBoundingClientRect();
          if (r.right > bounds.right - 2) { // near the right edge: the label goes to the left of its point
            el.style.marginLeft = (-r.width) + 'px';
            r = el.getBoundingClientRect();
          }
          let shift = 0;
          for (let guard = 0; guard < 50; guard++) {
            const hit = placed.find(p => r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom);
            if (!hit) break;
            shift += hit.bottom - r.top + 2;
            el.style.marginTop = (LABEL_GAP + shift) + 'px';
            r = el.getBoundingClientRect();
          }
          el.classList.toggle('moved', shift > 0);
          placed.push(r);
        });
    }
    map.on('zoomend', () => declutter());
    // the map's box can change without a window resize (the page gains a scrollbar when the list beside it
    // grows): Leaflet is told, and the labels are placed again against the new edges
    const resized = new ResizeObserver(() => {
      map.invalidateSize({pan: false});
      declutter();
    });
    resized.observe(mapEl);
    async function refresh() {
      const alerts = await getOrShow('/api/v1/alerts?state=active', side);
      if (alerts === null) return;
      alertLayer.clearLayers();
      alerts.forEach(a => {
        if (!a.geometry) return;
        const open = () => { window.location.hash = '#/alerts/' + encodeURIComponent(a.id); };
        const shape = L.geoJSON(a.geometry, {style: {color: SEV_COLOR[a.severity], weight: 4, fillOpacity: 0.35, fillColor: SEV_COLOR[a.severity]},
          pointToLayer: (f, latlng) => L.circleMarker(latlng, {radius: 14, color: '#222', weight: 2, fillColor: SEV_COLOR[a.severity], fillOpacity: 0.9})});
        shape.on('click', open).addTo(alertLayer);
        const label = h('span', {class: 'sev sev-' + a.severity}, MARKS[a.severity] + ' ' + t('severity.' + a.severity) + ' · ' + (a.zoneName || a.zone));
        const marker = L.marker(shape.getBounds().getCenter(), {
          icon: L.divIcon({html: label, className: 'alert-marker', iconSize: null, iconAnchor: [0, -LABEL_GAP]}),
          title: pick(a.headline), alt: pick(a.headline), keyboard: true, riseOnHover: true});
        marker.on('click', open).on('keypress', ev => { if (ev.originalEvent.key === 'Enter') open(); });
        marker.addTo(alertLayer);
        marker.getElement().setAttribute('data-alert', a.id);
      });
      declutter();
      clear(side, alerts.length === 0 ? h('p', {}, t('alerts.none')) : h('ul', {class: 'alert-list'}, alerts.map(a => h('li', {},
        severityBadge(a.severity), ' ', h('a', {href: '#/alerts/' + encodeURIComponent(a.id)}, pick(a.headline) || a.id),
        h('br', {}), h('span', {class: 'muted'}, (a.zoneName || a.zone) + ' · ' + when(a.updatedAt || a.raisedAt))))));
    }
    await refresh();
    const timer = setInterval(refresh, 5000);
    return () => { clearInterval(timer); resized.disconnect(); map.remove(); };
  }
};
