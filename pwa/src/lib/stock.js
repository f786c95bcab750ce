// Vaccine stock on the phone, from the unit's stock movements and doses held locally (pulled or saved here):
// the same balance as GET /api/v1/stock (received + returned − issued − wasted − given), and the cold-chain
// reading slots of a day. Pure functions: plain records in, plain values out. A local view row's `kind` is the
// record kind, so a movement's own kind (receive, issue…) is read from `data_kind`.

export const MOVEMENT_KINDS = ['receive', 'issue', 'return', 'waste', 'count'];
const SIGN = { receive: 1, return: 1, issue: -1, waste: -1 };

/** Lots of a vaccine the unit holds (balance > 0), soonest expiry first. */
export function lotsHeld(movements, vaccinations, vaccine) {
  const lots = new Map();
  for (const row of movements) {
    const m = { ...row, kind: row.data_kind ?? row.kind };
    if (m.vaccine !== vaccine || !SIGN[m.kind]) continue;
    const lot = lots.get(m.lot_no) || { lot_no: m.lot_no, manufacturer: m.manufacturer, expiry_date: m.expiry_date, balance: 0 };
    lot.balance += SIGN[m.kind] * m.doses;
    if (m.kind === 'receive') Object.assign(lot, { manufacturer: m.manufacturer, expiry_date: m.expiry_date });
    lots.set(m.lot_no, lot);
  }
  for (const v of vaccinations) if (v.vaccine === vaccine && lots.has(v.lot_no)) lots.get(v.lot_no).balance -= 1;
  return [...lots.values()].filter((l) => l.balance > 0).sort((a, b) => (a.expiry_date || '').localeCompare(b.expiry_date || ''));
}

/** A lot is expired on a day after its expiry date. */
export const expiredOn = (expiry, day) => Boolean(expiry) && day > expiry;

/** Reading slots of today for an appliance that are due (by the hour) and not yet taken: [slot numbers]. */
export function dueSlots(equipment, readingsToday, hour) {
  const perDay = equipment.readings_per_day || 2;
  const due = Math.min(perDay, Math.floor((hour * perDay) / 24) + 1);
  const taken = readingsToday.filter((r) => r.equipment_code === equipment.code).length;
  return Array.from({ length: Math.max(0, due - taken) }, (_, i) => taken + i + 1);
}

/** True when a reading lies outside the appliance's range (the action taken is then required). */
export const outOfRange = (equipment, celsius) => celsius < equipment.range_min || celsius > equipment.range_max;
