// The bundled basemap (regions, Mali's border, the Niger; console/geo/basemap.json) under a Leaflet
// map, not interactive. Used by the map view and the warning area drawing.
export async function addBasemap(L, map) {
  const basemap = await (await fetch('/console/geo/basemap.json')).json();
  return L.geoJSON(basemap, {interactive: false, style: f => f.properties.layer === 'river' ? {color: '#2f7fd1', weight: 3}
    : f.properties.layer === 'country' ? {color: '#444', weight: 2, fill: false}
    : {color: '#9a9a9a', weight: 1, fillColor: '#f3efe3', fillOpacity: 1}}).addTo(map);
}
