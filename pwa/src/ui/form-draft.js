// Keep a half-filled form in the drafts store (with the schema version) so a reload or an update loses nothing.
import * as local from '../lib/local.js';
import { SCHEMA_VERSION } from '../lib/outbox.js';
import { readForm } from './fields.js';

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

/** Restore a form from its draft and save it again on every change. */
export async function autosave(form, draftId) {
  const draft = await local.draft(draftId);
  if (draft?.values) restoreForm(form, draft.values);
  let timer = null;
  const save = () => local.saveDraft(draftId, { ...(draft || {}), values: readForm(form),
    schema_version: SCHEMA_VERSION, updated_at: new Date().toISOString() });
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 300); });
  form.addEventListener('change', save);
}
