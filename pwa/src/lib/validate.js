// Client validation from the server's field rules (pulled as reference kind "fields", also GET /reference/fields):
// hard-required → errors (save refused), QC-required → warnings (saved, the nurse is told). No hand copy here.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isMissing = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
  || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/** Check one record's data against the rules of its kind: {errors, warnings}, each {path: [code]}.
 * `context.ageYears`: the person's age at the record's date, for keys asked only from an age (`keys_from_age`:
 * the pregnancy question from 12); unknown → every key is asked. */
export function check(kind, data, allRules, context = {}) {
  const out = { errors: {}, warnings: {}, context };
  const rules = allRules?.[kind];
  if (rules) checkFields(rules, data || {}, '', out);
  delete out.context;
  return out;
}

/** The keys of an object field asked of this person (a key with a minimum age above the known age is not). */
function askedKeys(rule, age) {
  const from = rule.keys_from_age || {};
  return rule.keys.filter((k) => !(age !== undefined && age !== null && from[k] !== undefined && age < from[k]));
}

function add(bag, path, code) { (bag[path] ||= []).push(code); }

function checkFields(rules, data, prefix, out) {
  for (const [name, rule] of Object.entries(rules)) checkField(name, rule, data, prefix, out);
}

function checkField(name, rule, data, prefix, out) {
  const path = prefix + name;
  const value = data[name];
  if (isMissing(value)) {
    if (rule.level === 'required' || (rule.required_without && isMissing(data[rule.required_without]))) {
      add(out.errors, path, 'required');
    } else if (rule.level === 'qc' || qcWhen(rule, data)) add(out.warnings, path, 'qc_missing');
    return;
  }
  if (rule.enum && typeof value === 'string' && !rule.enum.includes(value)) add(out.errors, path, 'choice');
  if (rule.type === 'date' && !ISO_DATE.test(value)) add(out.errors, path, 'date');
  if (rule.type === 'list' && rule.fields && Array.isArray(value)) {
    value.forEach((item, i) => checkFields(rule.fields, item || {}, `${path}.${i}.`, out));
  }
  if (rule.type === 'list' && rule.items?.enum && rule.level === 'qc' && value.length < rule.items.enum.length) {
    add(out.warnings, path, 'qc_incomplete');
  }
  if (rule.keys && typeof value === 'object' && askedKeys(rule, out.context?.ageYears).some((k) => isMissing(value[k]))) {
    add(out.warnings, path, 'qc_incomplete');
  }
}

function qcWhen(rule, data) {
  return Object.entries(rule.qc_when || {}).some(([field, values]) => values.includes(data[field]));
}

/** The first path in a bag, for focusing the first bad field. */
export const firstPath = (bag) => Object.keys(bag)[0] || null;
