// Step 2: informed notice — the versioned notice text for the chosen vaccines, the five informed items,
// written or oral, the guardian's decision and signature (PNG) with the sha256 of the exact text shown.
import { INFORMED, groupByNotice, sha256 } from '../../lib/encounter.js';
import { t } from '../../lib/i18n.js';
import * as local from '../../lib/local.js';
import { isoLocal, localDate } from '../../lib/time.js';
import { h } from '../../ui/dom.js';
import { checks, choice, field, readForm, showErrors } from '../../ui/fields.js';
import { autosave } from '../../ui/form-draft.js';
import { fieldLabel } from '../../ui/labels.js';
import { saveRecord } from '../../ui/save.js';
import { signaturePad } from '../../ui/signature.js';

function noticeBlock(group) {
  return h('section', { class: 'card' }, h('h2', {}, group.notice.title || group.notice.template),
    h('p', { class: 'muted' }, t('enc.notice_version', { version: group.notice.version })),
    h('div', { class: 'notice', tabindex: '0' }, group.notice.text));
}

/** One consent record per notice group. */
export async function consentRecords(groups, v, signature, { ctx, child, state }, catalogue) {
  const signedAt = isoLocal();
  const out = [];
  for (const g of groups) {
    const data = { unit_code: ctx.user.scope, child_id: child.id, precheck_id: state.precheck_id,
      vaccines: g.vaccines.map((p) => ({ vaccine: p.vaccine, dose: p.dose, category: catalogue.get(p.vaccine)?.category || 'nip' })),
      notice_template: g.notice.template, notice_version: g.notice.version, notice_sha256: await sha256(g.notice.text),
      informed: [].concat(v.informed || []), method: v.method, guardian_name: v.guardian_name, decision: v.decision,
      signed_at: signedAt };
    if (v.relation) data.relation = v.relation;
    if (signature) data.signature = signature;
    out.push(data);
  }
  return out;
}

export async function consentStep(root, env) {
  const { ctx, child, state, go, draftId } = env;
  const templates = await local.reference('consent_template');
  const { groups, missing } = groupByNotice(templates, state.planned || [], localDate());
  if (missing.length) root.append(h('p', { class: 'warn', role: 'alert' }, t('enc.notice_missing', { list: missing.join('、') })));
  const pad = await signaturePad();
  const form = h('form', { id: 'consent-form', novalidate: true }, groups.map(noticeBlock),
    checks({ name: 'informed', label: t('field.informed'), options: INFORMED.map((i) => [i, t(`informed.${i}`)]) }),
    choice({ name: 'method', label: t('field.method'), required: true, value: 'written',
      options: [['written', t('method.written')], ['oral', t('method.oral')]] }),
    field({ name: 'guardian_name', label: t('field.guardian_name'), value: child.guardian_name || '', required: true }),
    field({ name: 'relation', label: t('field.relation') }),
    choice({ name: 'decision', label: t('enc.consent_decision'), required: true,
      options: [['agree', t('consent.agree')], ['refuse', t('consent.refuse')]] }),
    pad.el,
    h('button', { type: 'submit', class: 'primary big', id: 'save-consent', disabled: !groups.length }, t('enc.save_consent')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, pad, groups, env); });
  root.append(form);
  await autosave(form, draftId('consent'));
}

async function submit(form, pad, groups, env) {
  const v = readForm(form);
  const signature = pad.value();
  const extra = v.method === 'written' && !signature ? { signature: ['signature'] } : {};
  const catalogue = await local.vaccineCatalogue();
  const records = await consentRecords(groups, v, signature, env, catalogue);
  const ids = [];
  for (const data of records) {
    const res = await saveRecord('consent', data, env.ctx.user, { extraErrors: extra });
    if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
    ids.push(res.item.id);
  }
  const agreed = v.decision === 'agree' ? records.flatMap((r) => r.vaccines) : [];
  await env.go({ step: agreed.length ? 'vaccination' : 'done', consent_ids: ids, agreed,
    consent_of: Object.fromEntries(records.flatMap((r, i) => r.vaccines.map((x) => [x.vaccine, ids[i]]))),
    saved: [...env.state.saved, ...ids] });
}
