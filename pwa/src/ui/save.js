// Saving a record from a form: validate against the server's field rules, put it in the outbox (timed as
// 'save-to-outbox' for the budget script), tell the status bar, and start a sync.
import * as local from '../lib/local.js';
import * as outbox from '../lib/outbox.js';
import * as triggers from '../lib/triggers.js';
import { check } from '../lib/validate.js';

/** Validate only: {errors, warnings} from the pulled field rules (`context`: see validate.js check). */
export async function validate(kind, data, context = {}) {
  return check(kind, data, await local.fieldRules(), context);
}

/**
 * Save one record. Returns {item} or {errors}. `extraErrors` come from the page's own checks (date order…).
 * Warnings (QC fields missing) never block: the page shows them before calling with `confirmed`.
 */
export async function saveRecord(kind, data, user, { id, base_rev = null, extraErrors = {} } = {}) {
  performance.mark('save-tap');
  const { errors } = await validate(kind, data);
  Object.assign(errors, extraErrors);
  if (Object.keys(errors).length) return { errors };
  const item = await outbox.enqueue({ kind, data, captured_by: user.username, id, base_rev });
  performance.measure('save-to-outbox', 'save-tap');
  window.dispatchEvent(new Event('immuqc:changed'));
  triggers.afterSave();
  return { item };
}

/** Several records in order (the encounter's vaccinations), each under the same author. */
export async function saveMany(records, user) {
  const out = [];
  for (const { kind, data, id } of records) out.push(await outbox.enqueue({ kind, data, captured_by: user.username, id }));
  window.dispatchEvent(new Event('immuqc:changed'));
  triggers.afterSave();
  return out;
}
