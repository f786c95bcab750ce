// Likely duplicates of a child about to be registered: the rules of webapp/domain/duplicates.py on the phone.
// The name's pinyin syllables come from the caller (lib/pinyin.js, a chunk loaded when a child is saved), so this
// module stays small and pure. Reasons: name_same, name_sound (homophones), name_close (one character apart),
// name_initials (the same pinyin initials), birth_same, birth_close (±3 days, or day and month swapped),
// phone_same, certificate_same.
export const WEIGHTS = { name_same: 3, name_sound: 2.5, name_initials: 1.5, name_close: 1.5, birth_same: 3,
  birth_close: 1, phone_same: 3, certificate_same: 3 };
export const THRESHOLD = 4;
const CLOSE_DAYS = 3;

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function nameReason(a, b) {
  if (a.name && a.name === b.name) return 'name_same';
  if (a.syllables.length && same(a.syllables, b.syllables)) return 'name_sound';
  const [x, y] = [[...a.name], [...b.name]];
  if (x.length === y.length && x.length >= 2 && x.filter((ch, i) => ch !== y[i]).length === 1) return 'name_close';
  if (a.syllables.length >= 2 && same(a.syllables.map((s) => s[0]), b.syllables.map((s) => s[0]))) {
    return 'name_initials';
  }
  return null;
}

function birthReason(a, b) {
  if (!a.birth_date || !b.birth_date) return null;
  if (a.birth_date === b.birth_date) return 'birth_same';
  const [ya, ma, da] = a.birth_date.split('-');
  const [yb, mb, db] = b.birth_date.split('-');
  const days = Math.abs(Date.parse(a.birth_date) - Date.parse(b.birth_date)) / 86400000;
  return days <= CLOSE_DAYS || (ya === yb && ma === db && da === mb) ? 'birth_close' : null;
}

const digits = (v) => String(v || '').replace(/\D/g, '').slice(-11);

/** Why two children may be the same one (reason codes, strongest first). */
export function reasons(a, b) {
  const out = [nameReason(a, b), birthReason(a, b)];
  if (digits(a.guardian_phone).length >= 7 && digits(a.guardian_phone) === digits(b.guardian_phone)) {
    out.push('phone_same');
  }
  if (a.certificate_no && a.certificate_no.trim() === String(b.certificate_no || '').trim()) {
    out.push('certificate_same');
  }
  return out.filter(Boolean).sort((r, s) => WEIGHTS[s] - WEIGHTS[r]);
}

export const score = (found) => found.reduce((n, r) => n + WEIGHTS[r], 0);

/** The registry children most like `candidate` (scoring at least THRESHOLD), best first, at most `limit`. */
export function likelyMatches(candidate, children, toSyllables, limit = 5) {
  const person = (c) => ({ ...c, name: String(c.name || '').trim(), syllables: toSyllables(String(c.name || '').trim()) });
  const me = person(candidate);
  return children.filter((c) => c.id !== candidate.id && c.kind !== 'deleted')
    .map((c) => ({ child: c, reasons: reasons(me, person(c)) }))
    .filter((m) => score(m.reasons) >= THRESHOLD)
    .sort((m, n) => score(n.reasons) - score(m.reasons)).slice(0, limit);
}
