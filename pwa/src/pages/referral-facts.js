// What a catch-up task needs to act on: the school and class, the parent's phone to call, and the deadline with the
// rule it comes from (lib/referral.js). The school is named from the pulled batch and the schools reference data.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { CLOSE_WITHIN_DAYS, catchUpDeadline, daysLeft, recheckBy } from '../lib/referral.js';
import { localDate } from '../lib/time.js';
import { h } from '../ui/dom.js';

export const phoneLink = (phone) => (phone ? h('a', { href: `tel:${phone}`, class: 'tel' }, `☎ ${phone}`) : null);

async function schoolName(batch) {
  const code = batch?.school_code;
  if (!code) return t('tasks.school_unknown');
  return (await local.reference('school')).find((s) => (s.code || s.id) === code)?.name || code;
}

/** The lines of a catch-up task (`task`: the task row pulled for a referred student). */
export async function referralFacts(task, today = localDate()) {
  const batch = task.school_check_id ? await local.record(task.school_check_id) : null;
  const due = catchUpDeadline(task.notified_on);
  const left = due ? daysLeft(due, today) : 0;
  const recheck = recheckBy(batch?.term);
  return [
    h('p', { class: 'task-school' }, [await schoolName(batch), task.class_name].filter(Boolean).join(' · ')),
    h('p', { class: 'task-phone' }, t('tasks.parent'), phoneLink(task.guardian_phone) || '—'),
    due ? h('p', { class: `task-deadline${left < 0 ? ' warn-text' : ''}` }, t('tasks.deadline', { day: due }),
      t(left < 0 ? 'tasks.overdue' : 'tasks.days_left', { n: Math.abs(left) }))
      : h('p', { class: 'task-deadline muted' }, t('tasks.no_deadline')),
    due ? h('p', { class: 'hint task-rule' }, t('tasks.deadline_rule', { day: task.notified_on, n: CLOSE_WITHIN_DAYS }))
      : null,
    recheck ? h('p', { class: 'hint task-recheck' }, t('tasks.recheck', { day: recheck })) : null,
  ];
}
