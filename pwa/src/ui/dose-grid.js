// The certificate's vaccine × dose grid (one row per product, one date per dose), shared by the school-entry check
// and the assessor's village survey: both copy a 接种证 into it. The rows and the cell rules are school-model.js's.
import { t } from '../lib/i18n.js';
import { GRID, proposedDate } from '../pages/school-model.js';
import { h } from './dom.js';

function gridRow(row, dates, names, birthInput, onDate) {
  const cells = row.ages.map((_, i) => h('input', { type: 'date', class: 'dose', 'data-vaccine': row.vaccine,
    'data-index': String(i), value: dates?.[i] || '', 'aria-label': t('school.grid.cell',
      { vaccine: names[row.vaccine] || row.vaccine, n: i + 1 }) }));
  const fill = h('button', { type: 'button', class: 'fill', title: t('school.grid.fill_row'), onclick: () => {
    cells.forEach((c, i) => {  // only doses already due on the check day
      const day = proposedDate(birthInput.value, row.vaccine, i);
      if (!c.value && day && day <= onDate) c.value = day;
    });
    cells[0].dispatchEvent(new Event('input', { bubbles: true }));
  } }, '✓');
  return h('div', { class: 'grid-row', 'data-path': `doses.${row.vaccine}` },
    h('span', { class: 'grid-name' }, names[row.vaccine] || row.vaccine), fill, h('span', { class: 'grid-cells' }, cells));
}

/**
 * The grid card: `grid` {vaccine: [dates]} to show, `names` the vaccines' names, `birthInput` the form's birth-date
 * input (a ✓ proposes on-time dates from it), `onDate` the check or survey day (no proposal after it).
 */
export function doseGrid({ grid, names, birthInput, onDate }) {
  const more = GRID.filter((r) => r.more);
  const row = (r) => gridRow(r, grid[r.vaccine], names, birthInput, onDate);
  const card = h('div', { class: 'card grid', 'data-path': 'doses' },
    h('h2', {}, t('school.grid.title')), h('p', { class: 'hint' }, t('school.grid.hint')),
    h('button', { type: 'button', id: 'fill-all', onclick: () => {
      for (const b of card.querySelectorAll('.grid-main .fill')) b.click();
    } }, t('school.grid.fill_all')),
    h('div', { class: 'grid-main' }, GRID.filter((r) => !r.more).map(row)),
    h('details', { open: more.some((r) => grid[r.vaccine]?.length) },
      h('summary', {}, t('school.grid.more')), more.map(row)));
  return card;
}

/** The grid's cells in a form as {vaccine: [dates]} (empty cells as ''). */
export function readGrid(form) {
  const grid = {};
  for (const input of form.querySelectorAll('input.dose')) {
    (grid[input.dataset.vaccine] ||= [])[Number(input.dataset.index)] = input.value;
  }
  return grid;
}
