// The likely matches of a child about to be registered, side by side with it: the nurse picks the child already
// in the registry (no second record) or confirms that this one is new. Used by child-new.js.
import { label, t } from '../lib/i18n.js';
import { h } from '../ui/dom.js';

const ROWS = ['name', 'sex', 'birth_date', 'guardian_name', 'guardian_phone', 'certificate_no', 'village_code'];
const shown = (key, value) => (key === 'sex' ? label('sex', value) : value) || '—';

function table(candidate, child) {
  return h('table', { class: 'side-by-side' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('match.new')), h('th', {}, t('match.registered')))),
    h('tbody', {}, ROWS.map((key) => h('tr', { class: candidate[key] === child[key] ? 'same' : 'differs' },
      h('th', {}, t(`field.${key}`)), h('td', {}, shown(key, candidate[key])), h('td', {}, shown(key, child[key]))))));
}

/** The panel: one card per match ({child, reasons}), then "it is new" and "back to the form". */
export function matchPanel({ candidate, matches, onPick, onNew, onBack }) {
  return h('section', { id: 'child-matches', 'aria-live': 'polite' },
    h('h2', {}, t('match.title')),
    h('p', { class: 'warn', role: 'alert' }, t('match.hint', { n: matches.length })),
    matches.map((m, i) => h('div', { class: 'card match' },
      h('p', {}, h('strong', {}, m.reasons.map((r) => t(`match.reason.${r}`)).join(' · '))),
      table(candidate, m.child),
      h('button', { type: 'button', class: 'primary', id: `match-use-${i}`, onclick: () => onPick(m.child) },
        t('match.use')))),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'big', id: 'match-new', onclick: onNew }, t('match.confirm_new')),
      h('button', { type: 'button', id: 'match-back', onclick: onBack }, t('match.back'))));
}
