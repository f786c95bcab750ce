// Read and write record data by field path ("vaccines.0.lot_no"), keeping the type of the old value.

/** The value at a dotted path, or undefined. */
export function getPath(obj, path) {
  return String(path).split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** A copy of obj with the value at a dotted path replaced (typed like the old value when possible). */
export function setPath(obj, path, raw) {
  const copy = structuredClone(obj);
  const keys = String(path).split('.');
  let o = copy;
  for (const [i, k] of keys.slice(0, -1).entries()) {
    if (o[k] == null) o[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    o = o[k];
  }
  const last = keys[keys.length - 1];
  o[last] = coerce(o[last], raw);
  return copy;
}

function coerce(old, raw) {
  if (typeof old === 'number') return raw === '' ? null : Number(raw);
  if (typeof old === 'boolean') return raw === 'true' || raw === 'yes' || raw === '是';
  if (old === undefined && /^-?\d+(\.\d+)?$/.test(raw) && raw.length < 6) return Number(raw);
  return raw;
}
