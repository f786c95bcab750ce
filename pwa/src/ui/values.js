// Stored values as people read them: codes become their labels (route, site, strategy, decision, outcome, sex,
// status, vaccine names from the schedule data), planned doses "乙肝疫苗 第2剂", booleans 是/否 — never a code.
import { vaccineName } from '../lib/due.js';
import { getLang, label, t } from '../lib/i18n.js';

const GROUPS = { route: 'route', site: 'site', strategy: 'strategy', decision: 'decision', outcome: 'outcome',
  preliminary_class: 'prelim', method: 'method' };
const CODE_GROUPS = { sex: 'sex', residence: 'residence', mother_hbsag: 'hbsag', status: 'status' };

function translated(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

/** One value of field `key` for display; `schedule` gives the vaccine names. */
export function showValue(key, value, schedule = []) {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
  if (Array.isArray(value)) return value.map((v) => showValue(key, v, schedule)).join('、');
  if (typeof value === 'object') {
    if (value.vaccine) {
      const name = vaccineName(schedule, value.vaccine, getLang());
      return value.dose ? t('enc.vaccine_dose', { vaccine: name, dose: value.dose }) : name;
    }
    return Object.entries(value).map(([k, v]) => `${translated(`field.${k}`, translated(`q.${k}`, k))}：${showValue(k, v,
      schedule)}`).join('；');
  }
  if (key === 'vaccine') return vaccineName(schedule, value, getLang());
  if (GROUPS[key]) return translated(`${GROUPS[key]}.${value}`, String(value));
  if (CODE_GROUPS[key]) return label(CODE_GROUPS[key], value);
  if (value === 'yes' || value === 'no') return t(value === 'yes' ? 'form.yes' : 'form.no');
  return String(value);
}
