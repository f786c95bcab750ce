// The 补种通知单 of one student: printable, and shareable as text (message apps) where the phone can share.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { h, mount, toast } from '../ui/dom.js';
import { schoolOf, units, vaccineNames } from './school-common.js';
import { missingLines, referralText } from './school-model.js';

async function share(text) {
  if (navigator.share) {
    try { await navigator.share({ title: t('school.notice.title'), text }); return; } catch { /* cancelled */ }
  }
  try { await navigator.clipboard.writeText(text); toast(t('school.referral.copied')); } catch {
    toast(t('school.referral.copy_failed'), 'error');
  }
}

registerPage({
  id: 'school-referral',
  title: 'school.notice.title',
  roles: ['school'],
  async render(root, ctx) {
    const s = await local.record(ctx.params.student);
    if (!s) { mount(root, h('p', { class: 'error' }, t('school.not_found'))); return; }
    const batch = await local.record(s.school_check_id);
    const school = await schoolOf(batch?.school_code);
    const unit = (await units()).find((u) => u.code === s.referral?.unit_code);
    const names = await vaccineNames();
    const params = { student: s, schoolName: school.name, unitName: unit?.name || s.referral?.unit_code,
      unitAddress: unit?.address, unitHours: unit?.hours, notifiedOn: s.referral?.notified_on, evaluation: s.evaluation };
    const text = referralText(params, names, t);
    mount(root, h('article', { class: 'card notice-sheet', id: 'notice' },
      h('h1', {}, t('school.notice.title')),
      h('p', {}, t('school.notice.dear', { name: s.name })),
      h('p', {}, t('school.notice.body', { class_name: s.class_name, birth_date: s.birth_date })),
      h('ol', { id: 'notice-doses' }, missingLines(s.evaluation, names, t).map((l) => h('li', {}, l))),
      s.certificate === 'absent' ? h('p', {}, t('school.notice.absent')) : null,
      h('section', { id: 'notice-unit', class: 'notice-unit' },
        h('p', {}, h('strong', {}, t('school.notice.unit', { unit: params.unitName || '' }))),
        h('p', { id: 'notice-address' }, t('school.notice.address', { address: unit?.address || t('school.notice.ask') })),
        h('p', { id: 'notice-hours' }, t('school.notice.hours', { hours: unit?.hours || t('school.notice.ask') }))),
      h('footer', { class: 'notice-foot', id: 'notice-foot' }, h('p', {}, school.name || ''),
        h('p', { class: 'nowrap' }, t('school.notice.date', { date: params.notifiedOn || '' })))),
    h('div', { class: 'no-print actions' },
      h('button', { type: 'button', class: 'primary', id: 'notice-print', onclick: () => window.print() },
        t('school.referral.print')),
      h('button', { type: 'button', id: 'notice-share', onclick: () => share(text) }, t('school.referral.share')),
      h('a', { href: `#/school-batch?batch=${s.school_check_id}` }, t('school.referral.back'))));
  },
});
