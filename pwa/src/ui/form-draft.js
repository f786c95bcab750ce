// Keep a half-filled form in the drafts store (with the schema version) so a reload or an update loses nothing.
// A draft belongs to one form instance: opening the form again hands the draft to the new instance, and dropping
// it (the record was saved) stops that instance's pending autosave, so a timer still running after a fast 保存
// never writes the saved child back as the next new child's draft.
import * as local from '../lib/local.js';
import { SCHEMA_VERSION } from '../lib/outbox.js';
import { readForm } from './fields.js';

const live = new Map(); // draft id → the form instance that owns it ({ close })

/** Put saved values back into a form's native inputs. */
export function restoreForm(form, values = {}) {
  for (const el of form.elements) {
    if (!el.name || !(el.name in values)) continue;
    const v = values[el.name];
    if (el.type === 'checkbox') el.checked = [].concat(v).includes(el.value);
    else if (el.type === 'radio') el.checked = el.value === v;
    else el.value = v;
  }
}

/** Drop a draft for good: its form instance stops saving (a pending timer included), then the stored copy goes. */
export async function dropDraft(draftId) {
  live.get(draftId)?.close();
  live.delete(draftId);
  await local.dropDraft(draftId);
}

/** Restore a form from its draft and save it again on every change, until the draft is dropped. */
export async function autosave(form, draftId) {
  live.get(draftId)?.close();
  const draft = await local.draft(draftId);
  if (draft?.values) restoreForm(form, draft.values);
  let timer = null;
  let open = true;
  const owner = { close: () => { open = false; clearTimeout(timer); } };
  live.set(draftId, owner);
  const save = () => open && local.saveDraft(draftId, { ...(draft || {}), values: readForm(form),
    schema_version: SCHEMA_VERSION, updated_at: new Date().toISOString() });
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 300); });
  form.addEventListener('change', save);
  return { discard: () => dropDraft(draftId) };
}
