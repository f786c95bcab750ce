// One check batch: its students (missing doses at a glance), the class roster still to check, roster import.
import * as api from '../lib/api.js';
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import * as users from '../lib/users.js';
import { h, mount, toast } from '../ui/dom.js';
import { readRosterFile } from './school-model.js';
import { schoolOf, studentsOf, syncLabel, termLabel } from './school-common.js';

const rosterKey = (batchId) => `school-roster:${batchId}`;
const keyOf = (s) => `${s.name}|${s.birth_date}`;

/** Roster students saved on this phone for a batch (imported CSV, or fetched from the server). */
export async function rosterOf(batchId) {
  return (await local.draft(rosterKey(batchId)))?.rows || [];
}

async function addToRoster(batchId, rows) {
  const known = await rosterOf(batchId);
  const seen = new Set(known.map(keyOf));
  const merged = [...known, ...rows.filter((r) => !seen.has(keyOf(r)))];
  await local.saveDraft(rosterKey(batchId), { rows: merged });
  return merged.length - known.length;
}

function statusPill(s) {
  const missing = s.evaluation?.missing?.length || 0;
  if (!missing) return h('span', { class: 'pill ok-pill' }, t('school.complete'));
  const status = s.catch_up_status || 'pending';
  return h('span', { class: status === 'complete' ? 'pill ok-pill' : 'pill pill-bad' },
    t('school.missing_n', { n: missing }), ' · ', t(`school.status.${status}`));
}

function studentRow(s, batchId) {
  return h('li', { class: 'card student-row', 'data-student': s.id },
    h('a', { href: `#/school-student?batch=${batchId}&student=${s.id}` },
      h('strong', {}, s.name), ` · ${s.class_name} · ${s.birth_date}`),
    ' ', statusPill(s), ' ', syncLabel(s),
    s.evaluation?.missing?.length
      ? h('a', { class: 'notice-link', href: `#/school-referral?student=${s.id}` }, t('school.referral.open')) : null);
}

function rejectedTable(rejected) {
  return h('div', { class: 'card', role: 'alert', id: 'roster-rejected' },
    h('p', { class: 'error' }, t('school.roster.rejected', { n: rejected.length })),
    h('ul', {}, rejected.map((r) => h('li', {}, t('school.roster.row', { row: r.row }), ' ',
      Object.entries(r.errors).map(([f, code]) => `${t(`field.${f}`)}：${t(`school.roster.err.${code}`)}`).join('；')))));
}

async function fetchServerRoster(batchId, user) {
  const res = await api.request(`/schools/rosters/${batchId}`, { token: await users.tokenFor(user.username) });
  if (res.status !== 200) throw new Error(String(res.status));
  return res.body?.students || [];
}

registerPage({
  id: 'school-batch',
  title: 'school.batch.title',
  roles: ['school'],
  async render(root, ctx) {
    const batchId = ctx.params.batch;
    const batch = await local.record(batchId);
    if (!batch) { mount(root, h('p', { class: 'error' }, t('school.not_found'))); return; }
    const school = await schoolOf(batch.school_code);
    const students = await studentsOf(batchId);
    const checked = new Set(students.map(keyOf));
    const roster = (await rosterOf(batchId)).map((r, i) => ({ ...r, i })).filter((r) => !checked.has(keyOf(r)));
    const missing = students.filter((s) => s.evaluation?.missing?.length).length;
    const result = h('div', { id: 'roster-result' });
    const file = h('input', { type: 'file', id: 'roster-file',
      accept: '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    file.addEventListener('change', async () => {
      let out;
      try {
        out = await readRosterFile(file.files[0], localDate(), students);
      } catch {
        out = { error: 'unreadable' }; // not a spreadsheet read-excel-file understands (a renamed .xls, ...)
      }
      if (out.error) {
        mount(result, h('p', { class: 'error', role: 'alert' }, out.error === 'missing_columns'
          ? t('school.roster.missing_columns', { cols: out.missing.map((f) => t(`field.${f}`)).join('、') })
          : t(`school.roster.${out.error}`)));
      } else if (out.rejected.length) mount(result, rejectedTable(out.rejected));
      else { toast(t('school.roster.added', { n: await addToRoster(batchId, out.rows) })); ctx.refresh(); }
    });
    const fetchBtn = h('button', { type: 'button', id: 'roster-fetch', onclick: async () => {
      try { toast(t('school.roster.added', { n: await addToRoster(batchId, await fetchServerRoster(batchId, ctx.user)) }));
        ctx.refresh(); } catch { toast(t('school.roster.fetch_failed'), 'error'); }
    } }, t('school.roster.fetch'));
    mount(root,
      h('h1', {}, `${school.name || school.code} · ${termLabel(batch.term)}`),
      h('p', { id: 'batch-summary' }, t('school.batch.summary', { n: students.length, missing, waiting: roster.length })),
      h('p', {}, h('a', { class: 'button primary big', id: 'add-student',
        href: `#/school-student?batch=${batchId}` }, t('school.batch.add'))),
      h('h2', {}, t('school.batch.checked')),
      h('ul', { class: 'plain', id: 'students' }, students.map((s) => studentRow(s, batchId))),
      h('h2', {}, t('school.batch.waiting')),
      h('ul', { class: 'plain', id: 'waiting' }, roster.map((r) => h('li', { class: 'card' },
        h('a', { href: `#/school-student?batch=${batchId}&roster=${r.i}` }, `${r.name} · ${r.class_name} · ${r.birth_date}`)))),
      h('section', { class: 'card' }, h('h2', {}, t('school.roster.title')),
        h('p', { class: 'hint' }, t('school.roster.hint')),
        h('label', { for: 'roster-file' }, t('school.roster.file')), file, result, fetchBtn));
  },
});
