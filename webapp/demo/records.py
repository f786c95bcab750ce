"""Demo county year: ~2,000 registry children in 4 units with doses by schedule, pre-checks and consents.

Deterministic (one `random.Random`, fixed ids derived from it) and idempotent (a marker child id). Records
are bulk-inserted with the sync area's projection (`services.records.projection`), a revision each and
change numbers from the change log, so they look exactly like pushed records. Gaps are realistic and differ
by unit: 大井镇 (U04) misses and delays more doses, some pre-checks lack a temperature or an answer, a few
consents are missing or unsigned, a few doses are entered late, some migrant children are half-registered.
"""

import hashlib
import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert

from webapp.dbtypes import utcnow
from webapp.domain.constants import INFORMED_ITEMS
from webapp.domain.constants import SCREENING_QUESTIONS as QUESTIONS
from webapp.domain.schedule.book import default_book
from webapp.domain.schedule.dates import add_months
from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.services import county
from webapp.services.reference_data import notice_versions
from webapp.services.sync.changes import lock_change_log
from webapp.services.sync.records import content_hash, projection

UNITS = {  # unit: (children, villages, nurse username, nurse name, miss rate, delay scale, sloppiness)
    "U01": (600, ("V01", "V04", "V07", "V10"), "demo-nurse", "王护士", 0.004, 3, 0.02),
    "U02": (400, ("V01",), "demo-nurse2", "李护士", 0.008, 4, 0.03),
    "U03": (550, ("V02", "V05", "V08", "V11"), "demo-nurse-b", "张护士", 0.012, 6, 0.05),
    "U04": (450, ("V03", "V06", "V09", "V12"), "demo-nurse-b", "赵护士", 0.03, 10, 0.10),
}
# (vaccine, dose, months of age) in the order they are given
PLAN = [("HepB", 1, 0), ("BCG", 1, 0), ("HepB", 2, 1), ("IPV", 1, 2), ("IPV", 2, 3), ("DTaP", 1, 3),
        ("bOPV", 3, 4), ("DTaP", 2, 4), ("DTaP", 3, 5), ("HepB", 3, 6), ("MPSV-A", 1, 6), ("MMR", 1, 8),
        ("JE-L", 1, 8), ("MPSV-A", 2, 9), ("DTaP", 4, 18), ("MMR", 2, 18), ("HepA-L", 1, 18), ("JE-L", 2, 24),
        ("MPSV-AC", 1, 36), ("bOPV", 4, 48), ("DT", 1, 72), ("MPSV-AC", 2, 72)]
GAP_MONTHS = {"MenA": 3, "MenAC": 36, "JE": 12}  # the series' minimum intervals beyond 28 days (webapp/data/schedule/)
# deliberate schedule errors (三.4), few as in a real register the national system warns about: a dose given a few
# days before its age (EARLY × sloppiness of the unit's doses) and an injectable live dose not aligned with the
# previous one (CLASH × sloppiness of its live doses); U04, the sloppiest, gives about 1 in 500 doses early
EARLY, CLASH = 1 / 50, 1 / 25
# from 2025-01-01 DTaP is given at 2, 4, 6, 18 months and 6 years (DTaP, not DT); a DTP dose falling on or after
# that day under these ages follows it (docs/schedule.md, webapp/data/schedule/nip-2025.json)
DTAP_2025_FROM = date(2025, 1, 1)
DTAP_2025 = {("DTaP", 1): ("DTaP", 1, 2), ("DTaP", 2): ("DTaP", 2, 4), ("DTaP", 3): ("DTaP", 3, 6),
             ("DTaP", 4): ("DTaP", 4, 18), ("DT", 1): ("DTaP", 5, 72)}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = "子涵雨桐浩宇欣怡梓轩思琪一诺宇轩若曦俊熙佳怡梓萱明轩诗涵"
MARKER = "immuqc-demo-scores:marker"
ROUTES = {"BCG": ("ID", "左上臂三角肌"), "bOPV": ("PO", "口服")}
SC_VACCINES = ("MMR", "JE-L", "MPSV-A", "MPSV-AC", "HepA-L")
SIGNATURE = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
             "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _id(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def marker_id() -> str:
    """The fixed id of the first demo child: present means the year is already seeded."""
    return str(uuid.UUID(bytes=hashlib.md5(MARKER.encode()).digest(), version=4))  # noqa: S324


class Batch:
    """Collects records and revisions, projects them like the sync pipeline, inserts them in bulk."""

    def __init__(self, zone, cadence):
        self.zone, self.cadence, self.records, self.revisions = zone, cadence, [], []

    def add(self, kind, record_id, data, user, captured: datetime):
        """Queue one record with its projection and first revision."""
        columns = projection(kind, record_id, data, captured_at=captured, tz=self.zone, cadence_name=self.cadence)
        columns.pop("referral_unit", None)
        digest = content_hash(data)
        self.records.append(dict(id=record_id, kind=kind, rev=1, data=data, content_hash=digest, captured_at=captured,
                                 captured_offset_min=480, corrected_at=captured, captured_by=user, device_id="demo",
                                 received_at=captured, updated_at=captured, deleted=False, **columns))
        self.revisions.append(dict(record_id=record_id, rev=1, data=data, content_hash=digest, captured_at=captured,
                                   captured_by=user, pushed_by=user, device_id="demo", received_at=captured))

    def flush(self):
        """Number the changes and insert everything."""
        clock = lock_change_log()
        for row in self.records:
            row["change_seq"] = clock.next()
        clock.save()
        for start in range(0, len(self.records), 2000):
            db.session.execute(insert(Record), self.records[start:start + 2000])
            db.session.execute(insert(RecordRevision), self.revisions[start:start + 2000])


def seed_county_year(rng, scale: float = 1.0) -> list[str]:
    """Seed the demo county's registry and this year's capture, unless already there (`scale` shrinks it)."""
    if db.session.get(Record, marker_id()) is not None:
        return []
    zone = county.zone()
    today = utcnow().astimezone(zone).date()
    batch = Batch(zone, county.cadence())
    first = True
    for unit, spec in UNITS.items():
        for _ in range(max(1, round(spec[0] * scale))):
            _child(batch, rng, unit, spec, today, marker_id() if first else _id(rng))
            first = False
    batch.flush()
    db.session.flush()
    kinds = {}
    for row in batch.records:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    return [f"created demo county year: {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}"]


def _moment(day: date, hour: int, zone, minutes=0) -> datetime:
    return datetime.combine(day, time(hour, minutes), zone).astimezone(UTC)


def _child(batch, rng, unit, spec, today, child_id):
    _, villages, user, nurse, miss, delay, sloppy = spec
    birth = today - timedelta(days=rng.randint(1, 6 * 365 + 300))
    migrant = rng.random() < 0.08
    registered = birth if not migrant else max(birth, today - timedelta(days=rng.randint(10, 900)))
    data = {"unit_code": unit, "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "sex": rng.choice("MF"), "birth_date": birth.isoformat(), "residence": "migrant" if migrant else "local",
            "guardian_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "guardian_phone": f"13{rng.randint(0, 10**9 - 1):09d}",
            "village_code": rng.choice(villages),
            "mother_hbsag": rng.choices(["negative", "positive", "unknown"], [92, 2, 6])[0]}
    if rng.random() > 0.03 + (0.05 if migrant else 0):
        data["certificate_no"] = f"{unit}-{birth:%Y}-{rng.randint(0, 99999):05d}"
    if migrant and rng.random() < 0.25:
        data.pop(rng.choice(["guardian_phone", "village_code"]))
    batch.add("child", child_id, data, user, _moment(registered, 9, batch.zone))
    _doses(batch, rng, unit, spec, child_id, birth, today)


def _visits(rng, birth, today, miss, delay, sloppy):
    """Visit day → doses, following the plan with delays, misses (most caught up later) and rare early doses."""
    visits, last, last_live = {}, {}, None
    book = default_book().versions[0]
    vaccines = book.vaccines
    for vaccine, dose, months in PLAN:
        newer = DTAP_2025.get((vaccine, dose))
        if newer is not None and add_months(birth, newer[2]) >= DTAP_2025_FROM:
            vaccine, dose, months = newer
        series = vaccines[vaccine]["series"]
        if months == 0:
            timely = rng.random() > 2 * sloppy
            day = birth + timedelta(days=rng.choice([0, 1]) if timely else rng.choice([2, 3, 6]))
        else:
            early = rng.random() < sloppy * EARLY
            day = add_months(birth, months) + timedelta(days=-rng.randint(3, 12) if early else
                                                        min(90, int(rng.expovariate(1 / delay))))
            if series in last and not early:
                day = max(day, last[series] + timedelta(days=28), add_months(last[series], GAP_MONTHS.get(series, 0)))
        if vaccine in book.live and rng.random() > sloppy * CLASH:
            day = _with_live(day, last_live)  # co-administered, or 28 days after the other live dose
        if rng.random() < miss:  # missed at the planned visit: most are caught up at a later one
            if rng.random() < 0.3:
                continue
            day += timedelta(days=rng.randint(30, 120))
        if day > today:
            continue
        last[series] = day
        if vaccine in book.live:
            last_live = day
        visits.setdefault(day, []).append((vaccine, dose))
    return visits


def _with_live(day, last_live):
    """The day an injectable live dose is given: with the previous live dose if within 28 days, else as planned."""
    if last_live is None or (day - last_live).days >= 28:
        return day
    return last_live if (day - last_live).days < 14 else last_live + timedelta(days=28)


def _doses(batch, rng, unit, spec, child_id, birth, today):
    _, _, user, nurse, miss, delay, sloppy = spec
    for day, doses in sorted(_visits(rng, birth, today, miss, delay, sloppy).items()):
        captured = _moment(day, 10, batch.zone, rng.randint(0, 59))
        if rng.random() < sloppy / 2:
            captured += timedelta(days=rng.randint(6, 20))  # entered late
        precheck_id = consent_id = None
        if day.year == today.year:
            precheck_id = _precheck(batch, rng, unit, spec, child_id, day, doses, captured)
            consent_id = _consent(batch, rng, unit, spec, child_id, precheck_id, day, doses, captured)
        for vaccine, dose in doses:
            route, site = ROUTES.get(vaccine, ("SC" if vaccine in SC_VACCINES else "IM", "左上臂"))
            data = {"unit_code": unit, "child_id": child_id, "vaccine": vaccine, "dose": dose,
                    "given_on": day.isoformat(), "lot_no": f"{day:%Y%m}{rng.choice('ABC')}",
                    "manufacturer": "国药中生", "expiry_date": (day + timedelta(days=400)).isoformat(), "route": route,
                    "site": site, "strategy": "routine" if day <= add_months(birth, 12 * 7) else "catch_up",
                    "nurse": nurse}
            if precheck_id:
                data["precheck_id"] = precheck_id
            if consent_id:
                data["consent_id"] = consent_id
            batch.add("vaccination", _id(rng), data, user, captured)


def _precheck(batch, rng, unit, spec, child_id, day, doses, captured):
    answers = {q: "no" for q in QUESTIONS}
    answers["certificate_present"] = "yes"
    data = {"unit_code": unit, "child_id": child_id, "visit_date": day.isoformat(),
            "planned": [{"vaccine": v, "dose": d} for v, d in doses],
            "temperature_c": round(rng.uniform(36.1, 37.2), 1), "answers": answers, "decision": "vaccinate",
            "nurse": spec[3]}
    if rng.random() < spec[6]:
        if rng.random() < 0.5:
            data.pop("temperature_c")
        else:
            answers.pop(rng.choice(QUESTIONS))
    record_id = _id(rng)
    batch.add("precheck", record_id, data, spec[2], captured - timedelta(minutes=10))
    return record_id


def _consent(batch, rng, unit, spec, child_id, precheck_id, day, doses, captured):
    if rng.random() < spec[6] / 2:
        return None  # no notice recorded
    template = f"notice-{doses[0][0]}"
    notice = notice_versions().get((template, "2026.1"))
    if notice is None:
        template, notice = "notice-HepB", notice_versions()[("notice-HepB", "2026.1")]
    written = rng.random() < 0.85
    data = {"unit_code": unit, "child_id": child_id, "precheck_id": precheck_id,
            "vaccines": [{"vaccine": v, "dose": d, "category": "nip"} for v, d in doses],
            "notice_template": template, "notice_version": "2026.1", "notice_sha256": notice["sha256"],
            "informed": list(INFORMED_ITEMS),
            "method": "written" if written else "oral", "guardian_name": "监护人", "relation": "母亲",
            "decision": "agree", "signed_at": _moment(day, 9, batch.zone, 30).astimezone(batch.zone).isoformat()}
    if written and rng.random() > spec[6] / 2:
        data["signature"] = SIGNATURE
    record_id = _id(rng)
    batch.add("consent", record_id, data, spec[2], captured - timedelta(minutes=5))
    return record_id
