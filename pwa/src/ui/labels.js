// Field labels for messages: "vaccines.0.lot_no" → "疫苗 1 · 批号".
import { t } from '../lib/i18n.js';

/** The human label of a field path, in the current language. */
export function fieldLabel(path) {
  const parts = String(path).split('.');
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (/^\d+$/.test(p)) { out[out.length - 1] = `${out[out.length - 1]} ${Number(p) + 1}`; continue; }
    const key = `field.${p}`;
    const text = t(key);
    out.push(text === key ? p : text);
  }
  return out.join(' · ');
}
