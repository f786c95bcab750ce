// Dates and times as records.md wants them: YYYY-MM-DD and ISO 8601 with the device's offset.

const pad = (n) => String(n).padStart(2, '0');

/** The UTC offset of a local Date as +08:00. */
export function offsetOf(d) {
  const min = -d.getTimezoneOffset();
  const sign = min >= 0 ? '+' : '-';
  const abs = Math.abs(min);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Local ISO datetime with offset, to the second: 2026-11-22T09:15:00+08:00. */
export function isoLocal(d = new Date()) {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${offsetOf(d)}`;
}

/** Local calendar date: 2026-11-22. */
export function localDate(d = new Date()) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The value of an <input type=datetime-local> as ISO with offset ('' stays ''). */
export function fromDatetimeLocal(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : isoLocal(d);
}

/** An ISO datetime as the value for an <input type=datetime-local>. */
export function toDatetimeLocal(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A new record id (UUID v4). */
export function uuid() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whole days between an ISO time and now. */
export function daysSince(iso, now = Date.now()) {
  return Math.floor((now - new Date(iso).getTime()) / 86400000);
}
