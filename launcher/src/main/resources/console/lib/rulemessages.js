import {t} from './i18n.js';

// The validator's messages (English, from the API) placed next to the field they are about and, for
// the common ones, said in the console's language. Unknown messages are shown as they are.
const LEVEL_FIELDS = {warning: 'warningCm', alert: 'alertCm', danger: 'dangerCm', yellow: 'yellow', orange: 'orange', red: 'red'};

export function fieldOf(problem) {
  const quoted = problem.match(/'([A-Za-z]+)'/);
  if (quoted) return quoted[1];
  const level = problem.match(/^(warning|alert|danger) level|^(yellow|orange|red) threshold/);
  if (level) return LEVEL_FIELDS[level[1] || level[2]];
  const lead = problem.match(/^([a-z][A-Za-z]+) \(/);
  return lead ? lead[1] : null;
}

const PATTERNS = [
  [/^parameter '(\w+)' \(([^)]+)\) must be between (\S+) and (\S+)$/, m => t('problem.range', {value: m[2], min: m[3], max: m[4]})],
  [/^parameter '(\w+)' is required$/, () => t('problem.required')],
  [/^parameter '(\w+)' must be a whole number/, () => t('problem.integer')],
  [/^parameter '(\w+)' must be a number/, () => t('problem.number')],
  [/^(warning|alert|danger) level \((\S+)\) must be above (warning|alert|danger) level \((\S+)\)$/,
    m => t('problem.levelOrder', {level: t('level.' + m[1]), value: m[2], other: t('level.' + m[3]), otherValue: m[4]})],
  [/^zone '([^']+)' does not exist$/, m => t('problem.noZone', {zone: m[1]})],
  [/^the rule must name at least one zone/, () => t('problem.noZones')],
  [/^season (\S+) to (\S+) is not a valid pair of "MM-DD" dates$/, m => t('problem.season', {from: m[1], to: m[2]})]
];

export function say(problem) {
  for (const [re, fn] of PATTERNS) {
    const m = problem.match(re);
    if (m) return fn(m);
  }
  return problem;
}
