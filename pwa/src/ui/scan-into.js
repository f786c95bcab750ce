// Scan a vaccine pack's code into a form (the stock movement, a dose's lot): the scanner sheet reads it, gs1.js
// says what it carries, scan-fill.js completes it from the unit's earlier movements on this phone, and the fields
// that exist in the form are filled. Loaded with import() when the nurse taps scan, with the scanner itself. The
// shell's helpers (t, h, toast, the phone's movements) are handed in rather than imported: a module shared with the
// shell would make esbuild split the shell into two files, which gzip worse than one.
import { parseScan } from '../lib/gs1.js';
import { scanValues } from '../lib/scan-fill.js';
import { SCAN_MESSAGES } from './scan-messages.js';
import { scan } from './scanner.js';

const LABELS = { vaccine: 'field.vaccine', manufacturer: 'field.manufacturer', lot_no: 'field.lot_no',
  expiry_date: 'field.expiry_date', trace_code: 'stock.trace_code' };

/** Put `values` into the form's fields named prefix + key (a select only when it offers the value); the keys filled. */
export function fillForm(form, values, prefix = '') {
  const filled = [];
  for (const [key, value] of Object.entries(values)) {
    const el = form.querySelector(`[name='${prefix}${key}']`);
    if (!el || (el.options && ![...el.options].some((o) => o.value === value))) continue;
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true })); // the form's draft autosave hears it
    filled.push(key);
  }
  return filled;
}

/**
 * Scan, fill the form, and tell the nurse what was filled (and that a 追溯码 carries no lot). `shell`: {t, h, toast,
 * addMessages (the sheet's strings join the phone's tables), movements: async () => the unit's stock movements on
 * this phone; for a dose: vaccine, the block's vaccine code, whose
 * pack alone is accepted, and name(code)}; `prefix` names a dose's fields ('v0.').
 */
export async function scanInto(form, shell, prefix = '') {
  const { t, toast } = shell;
  shell.addMessages?.(SCAN_MESSAGES);
  const text = await scan(shell);
  if (!text) return null;
  const parsed = parseScan(text);
  if (parsed.kind === 'unknown') { toast(t('scan.unknown'), 'error'); return null; }
  const { values } = scanValues(parsed, await shell.movements());
  if (shell.vaccine && values.vaccine && values.vaccine !== shell.vaccine) { // a dose's block: the pack of another vaccine
    toast(t('scan.other_vaccine', { vaccine: shell.name?.(values.vaccine) || values.vaccine }), 'error');
    return null;
  }
  const filled = fillForm(form, values, prefix);
  const said = t('scan.filled', { fields: filled.map((k) => t(LABELS[k])).join('、') });
  toast(values.lot_no ? said : `${said} ${t('scan.no_lot')}`);
  return values;
}
