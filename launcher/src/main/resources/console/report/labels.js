// The monthly report's texts (GET /api/v1/reports/labels, from the same translator-edited files as the
// printable page), fetched once per language.
import {get} from '../lib/api.js';
import {current} from '../lib/i18n.js';

const cache = {};

export async function reportLabels() {
  const lang = current();
  if (!cache[lang]) cache[lang] = get('/api/v1/reports/labels?lang=' + lang);
  const labels = await cache[lang];
  return key => (labels[key] !== undefined ? labels[key] : key);
}
