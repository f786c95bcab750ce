"""Demo school-entry checks: an autumn batch per school, classes, rosters, referrals and catch-up.

Proportions follow the national 2021–2023 report (domain.md §3): most children complete, about 12–15 % with
missing doses, a few certificates absent or re-issued; most referrals caught up, some partly, a few
contraindicated. Everything is written through the sync pipeline (`apply_item`), as the phones would.
"""

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from webapp.demo.seed import DEMO_PASSWORD
from webapp.domain.catch_up import evaluate_at_check
from webapp.domain.schedule.dates import add_months as add
from webapp.extensions import db
from webapp.models import Record, School, User
from webapp.models.schools import RosterEntry
from webapp.services.accounts.users import create_user, find_user
from webapp.services.schools import catch_up
from webapp.services.sync.pipeline import apply_item

TERM, STARTED_ON = "2026-autumn", date(2026, 9, 1)
# (vaccine, age in months) of a child vaccinated on time; the schedule engine checks what is missing.
ROUTINE = [("HepB", 0), ("HepB", 1), ("HepB", 6), ("BCG", 0), ("IPV", 2), ("IPV", 3), ("bOPV", 4), ("bOPV", 48),
           ("DTaP", 3), ("DTaP", 4), ("DTaP", 5), ("DTaP", 18), ("DT", 72), ("MMR", 8), ("MMR", 18), ("JE-L", 8),
           ("JE-L", 24), ("MPSV-A", 6), ("MPSV-A", 9), ("MPSV-AC", 36), ("MPSV-AC", 72), ("HepA-L", 18)]
CLASSES = {"childcare": [("托一班", 2)], "kindergarten": [("小一班", 3), ("小二班", 3)],
           "primary": [("一(1)班", 6), ("一(2)班", 6)]}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["子涵", "欣怡", "梓轩", "浩然", "雨桐", "一诺", "思远", "佳怡", "宇航", "若曦", "俊杰", "可馨", "博文", "诗琪",
         "天佑", "明轩", "紫萱", "嘉怡", "晨阳", "语嫣"]
REASONS = ["严重过敏史（既往接种后出现过敏性休克）", "正在接受免疫抑制治疗", "先天性免疫缺陷病"]


def add_months(day: date, months: int) -> date:
    """The same day `months` later (clamped to the month's last day)."""

    return add(day, months)


# from 2025-01-01 DTaP is given at 2, 4, 6, 18 months and 6 years (webapp/data/schedule/nip-2025.json): a DTP dose
# falling on or after that day follows it, as the demo registry does (webapp/demo/records.py DTAP_2025)
DTAP_2025_FROM = date(2025, 1, 1)
DTAP_2025 = {("DTaP", 3): ("DTaP", 2), ("DTaP", 5): ("DTaP", 6), ("DT", 72): ("DTaP", 72)}


def routine_doses(birth: date, on: date, skip: tuple = ()) -> list[dict]:
    """The doses of a child vaccinated on time up to `on`, without the (vaccine, months) pairs in `skip`."""
    out = []
    for v, m in ROUTINE:
        given, months = DTAP_2025.get((v, m), (v, m))
        if add_months(birth, months) < DTAP_2025_FROM:
            given, months = v, m
        if add_months(birth, months) <= on and (v, m) not in skip:
            out.append({"vaccine": given, "date": add_months(birth, months).isoformat()})
    return out


def seed_schools_demo(rng: random.Random) -> list[str]:
    """One autumn batch per demo school with classes, roster, checks, referrals and catch-up; idempotent."""
    out = []
    for school in db.session.execute(select(School).order_by(School.code)).scalars():
        if _has_batch(school.code):
            continue
        checker, nurse = _school_user(school, out), _nurse_user(school, out)
        out.append(_seed_school(rng, school, checker, nurse))
    return out


def _has_batch(school_code: str) -> bool:
    return db.session.execute(select(Record.id).where(
        Record.kind == "school_check", Record.school_code == school_code, Record.event_date == STARTED_ON)
    ).first() is not None


def _school_user(school: School, out: list) -> User:
    found = db.session.execute(select(User).where(User.role == "school", User.scope_code == school.code)).scalars()
    user = next(iter(found), None)
    if user is None:

        user = create_user(f"demo-school-{school.code.lower()}", DEMO_PASSWORD, "school", school.code, "查验老师",
                           actor="seed-demo")
        out.append(f"created user {user.username} (school @ {school.code})")
    return user


def _nurse_user(school: School, out: list) -> User:
    found = db.session.execute(select(User).where(User.role == "nurse", User.scope_code == school.unit_code)
                               .order_by(User.username)).scalars()
    user = next(iter(found), None)
    if user is None:

        name = f"demo-nurse-{school.unit_code.lower()}"
        user = find_user(name) or create_user(name, DEMO_PASSWORD, "nurse", school.unit_code, "接种护士",
                                              actor="seed-demo")
        out.append(f"created user {user.username} (nurse @ {school.unit_code})")
    return user


def _new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _push(user: User, kind: str, record_id: str, data: dict, base_rev=None) -> Record:

    item = {"kind": kind, "id": record_id, "base_rev": base_rev, "captured_by": user.username,
            "captured_at": datetime.now(UTC).isoformat(timespec="seconds"), "data": data}
    result = apply_item(user, item, device_id="seed-demo")
    if result["status"] not in ("created", "updated", "duplicate"):
        raise RuntimeError(f"demo {kind} {record_id} {result['status']}: {result.get('errors')}")
    return db.session.get(Record, record_id)


def _seed_school(rng: random.Random, school: School, checker: User, nurse: User) -> str:
    batch_id = _new_id(rng)
    _push(checker, "school_check", batch_id, {"school_code": school.code, "term": TERM, "kind": school.kind,
                                              "started_on": STARTED_ON.isoformat(), "checker": checker.display_name})
    count, taken = 0, set()
    for class_name, age in CLASSES[school.kind]:
        for _ in range(rng.randint(20, 26)):
            _seed_student(rng, batch_id, school, class_name, age, checker, nurse, taken)
            count += 1
    for _ in range(rng.randint(1, 3)):  # enrolled, not checked yet
        birth = STARTED_ON - timedelta(days=365 * CLASSES[school.kind][0][1] + 100)
        db.session.add(RosterEntry(school_check_id=batch_id, school_code=school.code, imported_by=checker.username,
                                   class_name=CLASSES[school.kind][0][0], name=_name(rng, birth, taken),
                                   sex=rng.choice("MF"), birth_date=birth))
    db.session.flush()
    return f"created school check {school.code} {TERM}: {count} students"


def _name(rng: random.Random, birth: date, taken: set) -> str:
    """A name not yet used with this birth date in the batch (the roster is unique by name and birth date)."""
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if (name, birth) not in taken:
            taken.add((name, birth))
            return name


def _seed_student(rng, batch_id, school, class_name, age, checker, nurse, taken) -> None:
    birth = STARTED_ON - timedelta(days=365 * age + rng.randint(10, 350))
    doses = routine_doses(birth, STARTED_ON)
    if rng.random() < 0.17:  # a missed dose or two (not every gap is still owed at this age)
        dropped = rng.sample(doses[-8:], rng.randint(1, 2))
        doses = [d for d in doses if d not in dropped]
    roll = rng.random()
    certificate = "absent" if roll < 0.005 else "reissued" if roll < 0.02 else "present"
    data = {"school_check_id": batch_id, "name": _name(rng, birth, taken), "sex": rng.choice("MF"),
            "birth_date": birth.isoformat(),
            "class_name": class_name, "guardian_phone": f"13{rng.randint(100000000, 999999999)}",
            "certificate": certificate, "doses": sorted(doses, key=lambda d: d["date"])}
    data["evaluation"] = evaluate_at_check(data, STARTED_ON.isoformat())
    missing = data["evaluation"]["missing"]
    if missing:
        data["referral"] = {"unit_code": school.unit_code,
                            "notified_on": (STARTED_ON + timedelta(days=rng.randint(1, 4))).isoformat()}
    data["catch_up_status"] = "pending" if missing else "not_needed"
    student_id = _new_id(rng)
    db.session.add(RosterEntry(school_check_id=batch_id, school_code=school.code, imported_by=checker.username,
                               class_name=class_name, name=data["name"], sex=data["sex"], birth_date=birth,
                               guardian_phone=data["guardian_phone"]))
    _push(checker, "student_check", student_id, data)
    if missing:
        _seed_catch_up(rng, student_id, missing, data["referral"], nurse, checker)


def _seed_catch_up(rng, student_id, missing, referral, nurse, checker) -> None:
    notified = date.fromisoformat(referral["notified_on"])
    roll, today = rng.random(), date.today()
    if roll < 0.04:
        catch_up.record_contraindication(nurse, student_id, rng.choice(REASONS), notified + timedelta(days=3), today,
                                         device_id="seed-demo")
        return
    if roll < 0.16:
        return  # still pending
    given = missing if roll >= 0.3 else missing[:-1]  # partly: all but the last missing dose
    if not given:
        return  # a single missing dose not given yet
    day, doses = notified + timedelta(days=rng.randint(5, 45)), []
    for m in given:  # doses of one series two months apart; different series on the same day
        nth = sum(1 for d in doses if d["series"] == m["series"])
        doses.append({"vaccine": m["vaccine"], "series": m["series"], "date": day + timedelta(days=60 * nth)})
    doses = [d for d in doses if d["date"] <= today]  # a dose not yet due stays missing
    if not doses:
        return
    catch_up.record_catch_up(nurse, student_id, doses, today, device_id="seed-demo")
    if rng.random() < 0.7:  # rechecked by the school before the year ends
        record = db.session.get(Record, student_id)
        recheck = max(date.fromisoformat(d["date"]) for d in record.data["catch_up"]) + timedelta(days=7)
        if recheck <= today:
            _push(checker, "student_check", student_id, {**record.data, "rechecked_on": recheck.isoformat()},
                  base_rev=record.rev)
