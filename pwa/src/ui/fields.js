// Form building blocks: native inputs with visible labels, large targets, and errors that name the field.
import { getLang, t } from '../lib/i18n.js';
import { h } from './dom.js';

let seq = 0;
const idFor = (name) => `f-${name.replace(/[^\w-]/g, '_')}-${++seq}`;

/** A labelled native input (text, date, datetime-local, number, tel, password...). */
export function field({ name, label, type = 'text', value = '', required = false, hint = '', ...attrs }) {
  const id = idFor(name);
  const input = h(type === 'textarea' ? 'textarea' : 'input', { id, name, type: type === 'textarea' ? undefined : type,
    required, 'aria-describedby': `${id}-err`, ...attrs });
  input.value = value ?? '';
  return h('div', { class: 'field', 'data-path': name },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hint ? h('p', { class: 'hint' }, hint) : null, input, h('p', { class: 'error', id: `${id}-err`, hidden: true }));
}

/** A labelled <select>; options are [value, text] pairs; an empty first choice unless `noEmpty`. */
export function selectField({ name, label, options, value = '', required = false, noEmpty = false }) {
  const id = idFor(name);
  const select = h('select', { id, name, required, 'aria-describedby': `${id}-err` },
    noEmpty ? null : h('option', { value: '' }, t('form.choose')),
    options.map(([v, text]) => h('option', { value: v }, text)));
  select.value = value ?? '';
  return h('div', { class: 'field', 'data-path': name },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    select, h('p', { class: 'error', id: `${id}-err`, hidden: true }));
}

/** Large side-by-side choices (radio buttons): yes/no questions, decisions, methods. */
export function choice({ name, label, options, value = '', required = false }) {
  const legendId = idFor(name);
  return h('fieldset', { class: 'field choice', 'data-path': name, 'aria-describedby': `${legendId}-err` },
    h('legend', { id: legendId }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    h('div', { class: 'choices' }, options.map(([v, text]) => h('label', { class: 'opt' },
      h('input', { type: 'radio', name, value: v, checked: String(value) === String(v) }), h('span', {}, text)))),
    h('p', { class: 'error', id: `${legendId}-err`, hidden: true }));
}

/** A yes/no toggle (value 'yes' | 'no'). */
export const yesNo = (name, label, value) => choice({ name, label, value,
  options: [['yes', t('form.yes')], ['no', t('form.no')]] });

/** Checkboxes for a multi-choice (values: array). */
export function checks({ name, label, options, values = [] }) {
  return h('fieldset', { class: 'field checks', 'data-path': name }, h('legend', {}, label),
    options.map(([v, text]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, value: v, checked: values.includes(v) }), h('span', {}, text))),
    h('p', { class: 'error', hidden: true }));
}

/** Form values: single fields as strings, repeated names (checkboxes) as arrays. */
export function readForm(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') { (out[el.name] ||= []); if (el.checked) out[el.name].push(el.value); }
    else if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; else if (!(el.name in out)) out[el.name] = ''; }
    else out[el.name] = el.value.trim();
  }
  return out;
}

/** Message for one error code or server text. */
export function message(code, fieldLabel) {
  const key = `err.${code}`;
  const text = t(key, { field: fieldLabel });
  return text === key ? code : text;
}

/** Show errors (and warnings) at their fields and in a summary, in the form's order; focus the first. Each message
 * stands in its field's own error line (made when the field has none: a group such as the screening questions), which
 * the field's controls name in aria-describedby and mark aria-invalid. Returns true if any. */
export function showErrors(form, bag, labelOf, { summaryKey = 'form.fix_errors', kind = 'error' } = {}) {
  const summary = form.querySelector('.summary') || form.prepend(h('div', { class: 'summary', role: 'alert' }))
    || form.querySelector('.summary');
  for (const p of form.querySelectorAll(`.field > p.${kind}, .field > p.error, [data-path] > p.error`)) { p.hidden = true; p.textContent = ''; }
  for (const f of form.querySelectorAll('.has-error')) f.classList.remove('has-error');
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const entries = Object.entries(bag || {}).map(([path, codes]) => [path, codes, closestField(form, path)])
    .sort((a, b) => domOrder(a[2], b[2]));
  summary.replaceChildren();
  summary.hidden = !entries.length;
  if (!entries.length) return false;
  summary.className = `summary summary-${kind}`;
  summary.append(h('p', { class: 'summary-title' }, t(summaryKey)));
  const list = h('ul');
  for (const [path, codes, box] of entries) {
    const text = [].concat(codes).map((c) => message(c, labelOf(path))).join('；');
    list.append(h('li', {}, `${labelOf(path)}${getLang() === 'en' ? ': ' : '：'}${text}`));
    if (box) showAt(box, text);
  }
  summary.append(list);
  (entries[0][2]?.querySelector('input,select,textarea') || summary).focus?.();
  return true;
}

const CONTROLS = 'input,select,textarea';

function showAt(box, text) {
  box.classList.add('has-error');
  let p = box.querySelector(':scope > p.error');
  if (!p) {
    p = h('p', { class: 'error' });
    const title = box.querySelector(':scope > legend, :scope > label, :scope > h2');
    if (title) title.after(p); else box.prepend(p);
  }
  p.id ||= idFor(`${box.dataset.path}-err`);
  p.hidden = false;
  p.textContent = text;
  for (const el of [box, ...box.querySelectorAll(CONTROLS)]) {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (el !== box || ids.length) el.setAttribute('aria-describedby', [...new Set([...ids, p.id])].join(' '));
    if (el !== box) el.setAttribute('aria-invalid', 'true');
  }
}

/** Fields in document order; messages without a field last. */
function domOrder(a, b) {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function closestField(form, path) {
  let p = path;
  while (p) {
    const box = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (box) return box;
    p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
  }
  return null;
}
