import {current, t} from './i18n.js';
import {user} from './session.js';

// "04/12/2026 14:05 · il y a 12 min" in the console's time zone (notifier.timezone), to the minute.
export function when(iso) {
  if (!iso) return '';
  return absolute(iso) + ' · ' + ago(iso);
}

export function absolute(iso) {
  const d = new Date(iso);
  const tz = (user() && user().timezone) || 'UTC';
  return new Intl.DateTimeFormat(current() === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
  }).format(d).replace(',', '');
}

export function ago(iso) {
  const minutes = Math.round((Date.now() - new Date(iso).getTime()) / 60000);
  const rtf = new Intl.RelativeTimeFormat(current(), {numeric: 'auto'});
  const abs = Math.abs(minutes);
  if (abs < 1) return t('time.now');
  if (abs < 60) return rtf.format(-minutes, 'minute');
  if (abs < 48 * 60) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

export function timezone() {
  return (user() && user().timezone) || 'UTC';
}
