#!/usr/bin/env python3
"""One-off generator of the default Sahel dataset (contracts/src/main/resources/org/bourtol/dataset/).

Regions come from a Natural Earth 10m admin-1 directory (ne_10m_admin_1_states_provinces, simplified with Douglas-Peucker,
~0.03 deg); stations are GeoNames town centres (NOT surveyed gauge positions); communes, farmland,
water points and corridors are ILLUSTRATIVE shapes around the real towns (properties.illustrative=true).
Run: python3 rules/src/dataset/gen_sahel.py <natural-earth-dir> contracts/src/main/resources/org/bourtol/dataset
"""
import json, math, sys, unicodedata

src, out = sys.argv[1], sys.argv[2]
TOL = 0.03

def rdp(pts, eps):
    if len(pts) < 3:
        return pts
    a, b = pts[0], pts[-1]
    dmax, idx = 0.0, 0
    for i in range(1, len(pts) - 1):
        p = pts[i]
        if a == b:
            d = math.dist(p, a)
        else:
            d = abs((b[0]-a[0])*(a[1]-p[1]) - (a[0]-p[0])*(b[1]-a[1])) / math.dist(a, b)
        if d > dmax:
            dmax, idx = d, i
    if dmax > eps:
        return rdp(pts[:idx+1], eps)[:-1] + rdp(pts[idx:], eps)
    return [a, b]

def ring(r):
    # split closed ring in two halves so RDP keeps its shape
    half = len(r) // 2
    s = rdp(r[:half+1], TOL)[:-1] + rdp(r[half:], TOL)
    s = [[round(x, 3), round(y, 3)] for x, y in s]
    if s[0] != s[-1]:
        s.append(s[0])
    return s

def simplify(g):
    if g['type'] == 'Polygon':
        return {'type': 'Polygon', 'coordinates': [ring(g['coordinates'][0])]}
    polys = sorted(g['coordinates'], key=lambda p: -len(p[0]))
    return {'type': 'Polygon', 'coordinates': [ring(polys[0][0])]}

def slug(s):
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    return ''.join(c if c.isalnum() else '-' for c in s).strip('-')

def box(lon, lat, dlon, dlat):
    return {'type': 'Polygon', 'coordinates': [[[round(lon-dlon, 4), round(lat-dlat, 4)], [round(lon+dlon, 4), round(lat-dlat, 4)],
            [round(lon+dlon, 4), round(lat+dlat, 4)], [round(lon-dlon, 4), round(lat+dlat, 4)], [round(lon-dlon, 4), round(lat-dlat, 4)]]]}

def feature(id, kind, name, geometry, parent=None, aliases=(), **props):
    p = {'kind': kind, 'name': name, 'aliases': list(aliases)}
    if parent:
        p['parent'] = parent
    p.update(props)
    return {'type': 'Feature', 'id': id, 'properties': p, 'geometry': geometry}

features = []
regions = {}
for f in json.load(open(src + '/mali_admin1_ne10m.geojson'))['features']:
    name = f['properties']['name']
    rid = 'region-' + slug(name)
    regions[f['properties']['iso_3166_2']] = rid
    features.append(feature(rid, 'region', name, simplify(f['geometry']), aliases=[f['properties']['iso_3166_2']],
                            country='ML', source='Natural Earth 10m admin-1 (pre-2016 division), simplified'))
for f in json.load(open(src + '/ner_bfa_mrt_admin1_ne10m.geojson'))['features']:
    iso = f['properties'].get('iso_3166_2', '')
    if iso in ('NE-6', 'NE-8'):
        name = f['properties']['name']
        rid = 'region-' + slug(name)
        regions[iso] = rid
        features.append(feature(rid, 'region', name, simplify(f['geometry']), aliases=[iso],
                                country='NE', source='Natural Earth 10m admin-1, simplified'))

def point(lon, lat):
    return {'type': 'Point', 'coordinates': [lon, lat]}

towns = {slug(f['properties']['name'].split(' ')[0]): f['geometry']['coordinates']
         for f in json.load(open(src + '/niger_gauge_towns_geonames.geojson'))['features']}
NOTE = 'town-centre coordinate (GeoNames), not the surveyed gauge position'
stations = [
    ('koulikoro', 'Koulikoro', towns['koulikoro'], 'ML-2', None, []),
    ('segou', 'Ségou', towns['segou'], 'ML-4', None, ['segou']),
    ('mopti', 'Mopti', towns['mopti'], 'ML-5', {'alert': 650}, []),
    ('dire', 'Diré', towns['dire'], 'ML-6', None, ['dire']),
    ('kabara', 'Kabara (Tombouctou)', [-3.02, 16.71], 'ML-6', None, ['tombouctou', 'timbuktu']),
    ('gao', 'Gao', towns['gao'], 'ML-7', None, []),
    ('ansongo', 'Ansongo', towns['ansongo'], 'ML-7', None, []),
    ('niamey', 'Niamey', towns['niamey'], 'NE-8', {'warning': 530, 'alert': 580, 'danger': 620}, []),
]
for sid, name, (lon, lat), iso, levels, aliases in stations:
    props = {'river': 'Niger', 'note': NOTE if sid != 'kabara' else 'approximate position (~16.71,-3.02), unsourced'}
    if levels:
        props['levels'] = levels
        props['levelsSource'] = ('ABN/DRE Niger: yellow 530, orange 580, red 620 cm' if sid == 'niamey'
                                 else 'DNH Mali communique 20 Aug 2024: alert 6.50 m at Mopti and Sofara')
    else:
        props['levelsNote'] = 'no published alert levels found (ref/geo/FACTS.md section 3)'
    features.append(feature(sid, 'station', name, point(lon, lat), parent=regions[iso], aliases=aliases, **props))

ILL = {'illustrative': True}
mopti = towns['mopti']; djenne = towns['djenne']
konna = [-3.8889, 14.9436]; diafarabe = [-5.01, 14.16]
communes = [
    ('mopti-ville', 'Mopti (commune)', mopti, ['mopti commune', 'sevare']),
    ('konna', 'Konna', konna, []),
    ('djenne', 'Djenné', djenne, ['djenne', 'djene']),
    ('diafarabe', 'Diafarabé', diafarabe, ['diafarabe', 'diafarabé']),
]
for cid, name, (lon, lat), aliases in communes:
    features.append(feature(cid, 'commune', name, box(lon, lat, 0.12, 0.10), parent='region-mopti', aliases=aliases, **ILL))

# farmland: rice and millet fields protected from sowing (protectedFrom) until fieldRelease
farms = [
    ('farm-konna-rice', 'Rizieres de Konna', 'konna', konna, 0.03, -0.04, '06-01', '01-15', 'rice'),
    ('farm-djenne-rice', 'Rizieres de Djenne', 'djenne', djenne, -0.03, 0.03, '06-01', '01-10', 'rice'),
    ('farm-mopti-millet', 'Champs de mil de Mopti', 'mopti-ville', mopti, 0.04, -0.03, '06-15', '11-30', 'millet'),
    ('farm-diafarabe-bourgou', 'Bourgoutieres de Diafarabe', 'diafarabe', diafarabe, 0.03, 0.03, '07-01', '12-15', 'bourgou'),
]
for fid, name, parent, (lon, lat), dx, dy, pfrom, release, crop in farms:
    features.append(feature(fid, 'farmland', name, box(lon + dx, lat + dy, 0.02, 0.015), parent=parent,
                            protectedFrom=pfrom, fieldRelease=release, crop=crop, **ILL))

water = [
    ('wp-konna-mare', 'Mare de Konna', 'konna', konna, -0.05, 0.04, 800),
    ('wp-djenne-puits', 'Puits pastoral de Djenne', 'djenne', djenne, 0.05, -0.04, 400),
    ('wp-diafarabe-berge', 'Abreuvoir de Diafarabe', 'diafarabe', diafarabe, -0.04, -0.03, 1500),
]
for wid, name, parent, (lon, lat), dx, dy, cap in water:
    features.append(feature(wid, 'water-point', name, box(lon + dx, lat + dy, 0.01, 0.01), parent=parent, capacity=cap, **ILL))

features.append(feature('market-konna', 'market', 'Marche a betail de Konna', box(konna[0] + 0.01, konna[1] + 0.01, 0.005, 0.005),
                        parent='konna', capacity=1200, **ILL))

def line(*pts):
    return {'type': 'LineString', 'coordinates': [[round(x, 4), round(y, 4)] for x, y in pts]}

features.append(feature('corridor-diafarabe-crossing', 'corridor', 'Piste de traversee de Diafarabe (Yaaral)',
                        line((-5.05, 14.40), (-5.02, 14.25), (-5.01, 14.16), (-4.98, 14.05)), parent='diafarabe',
                        bufferM=2000, passage={'from': '11-15', 'to': '12-31'}, **ILL))
features.append(feature('corridor-konna-mopti', 'corridor', 'Piste pastorale Konna - Mopti',
                        line((konna[0], konna[1] + 0.05), (-3.95, 14.80), (-4.05, 14.65), (mopti[0] + 0.05, mopti[1] + 0.05)),
                        parent='region-mopti', bufferM=1500, passage={'from': '12-01', 'to': '04-30'}, **ILL))

fc = {'type': 'FeatureCollection',
      'name': 'bourtol-sahel-default',
      'note': ('Regions: Natural Earth 10m (simplified). Stations: GeoNames town centres. Alert levels: Niamey 530/580/620 cm '
               '(ABN/DRE Niger), Mopti 650 cm (DNH Mali); no published levels found for Koulikoro, Segou, Dire, Kabara, Gao, '
               'Ansongo. Communes, farmland, water points, market and corridors are illustrative (properties.illustrative=true).'),
      'features': features}
with open(out + '/sahel-zones.geojson', 'w') as fh:
    json.dump(fc, fh, ensure_ascii=False, separators=(',', ':'))
print(len(features), 'features')
