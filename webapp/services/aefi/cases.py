"""AEFI cases in a user's scope: each report with its latest review, revision times and timers."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.aefi.causality import is_classified
from webapp.domain.aefi.clocks import corrected, county_date, parse_dt
from webapp.domain.aefi.timers import CaseTimes, Timer, case_timers, is_urgent, needs_investigation, worst_state
from webapp.domain.aefi.window import window_findings
from webapp.extensions import db
from webapp.models import Record, RecordRevision, Township, Unit
from webapp.models.aefi import AefiPreliminaryReport
from webapp.services.aefi.people import attach_people
from webapp.services.aefi.settings import aefi_settings
from webapp.services.scope import unit_codes_for


@dataclass
class AefiCase:
    """One AEFI report as the county sees it."""

    record: Record
    review: Record | None
    unit: str
    township: str
    onset: date
    reported_at: datetime
    urgent: bool
    needs_investigation: bool
    concluded_at: datetime | None
    timers: dict[str, Timer] = field(default_factory=dict)
    person: dict = field(default_factory=dict)  # name, sex, birth date, guardian, phone, address (services/aefi/people)
    unit_name: str = ""
    received_at: datetime | None = None  # the county's receipt (the report's first arrival at the server)
    window: list = field(default_factory=list)  # signs reported outside the scheme's window (domain/aefi/window)

    @property
    def id(self) -> str:
        """The report's record id."""
        return self.record.id

    @property
    def data(self) -> dict:
        """The report's data."""
        return self.record.data

    @property
    def review_data(self) -> dict:
        """The latest review's data (empty when not reviewed yet)."""
        return self.review.data if self.review else {}

    @property
    def status(self) -> str:
        """The review status, `new` before any review."""
        return self.review_data.get("status", "new")

    @property
    def classified(self) -> bool:
        """A final class other than 待定 has been given."""
        return is_classified(self.review_data.get("final_class"))

    @property
    def urgency(self) -> str:
        """The most pressing open timer state."""
        return worst_state(self.timers)


def scoped_reports(user, unit: str | None = None):
    """A select of the user's non-deleted AEFI reports (optionally one unit)."""
    units = unit_codes_for(user)
    if unit is not None:
        units = [u for u in units if u == unit]
    return select(Record).where(Record.kind == "aefi_report", Record.deleted.is_(False), Record.unit_code.in_(units))


def load_cases(user, start: date | None = None, end: date | None = None, unit: str | None = None) -> list:
    """The user's cases with onset (county day) in [start, end), newest first."""
    records = db.session.execute(scoped_reports(user, unit)).scalars().all()
    cases = attach_people(build_cases(records), unit_codes_for(user))
    return [c for c in cases if (start is None or c.onset >= start) and (end is None or c.onset < end)]


def get_case(user, case_id: str):
    """One case in the user's scope, or None."""
    record = db.session.execute(scoped_reports(user).where(Record.id == case_id)).scalar_one_or_none()
    return attach_people(build_cases([record]), unit_codes_for(user))[0] if record else None


def build_cases(records: list[Record]) -> list[AefiCase]:
    """Attach reviews, revision times and timers to report records."""
    if not records:
        return []
    settings = aefi_settings()
    reviews = _latest_reviews([r.id for r in records])
    concluded = _conclusion_times([r.id for r in reviews.values()])
    preliminary = _preliminary_times([r.id for r in records])
    received = _first_receipts([r.id for r in records])
    townships = _townships({r.unit_code for r in records})
    now = utcnow()
    cases = [_case(r, reviews.get(r.id), concluded, (preliminary.get(r.id), received.get(r.id)), townships,
                   settings, now) for r in records]
    return sorted(cases, key=lambda c: c.reported_at, reverse=True)


def _case(record, review, concluded, times_at, townships, settings, now) -> AefiCase:
    data, (preliminary_at, received_at) = record.data, times_at
    skew = record.captured_at - record.corrected_at
    reported_at = corrected(parse_dt(data["reported_at"]), skew)
    urgent = is_urgent(bool(data.get("serious")), data.get("outcome"), bool(data.get("cluster")),
                       bool(data.get("high_impact")))
    needs = needs_investigation(data.get("preliminary_class"), urgent, bool(data.get("hospitalized")))
    onset = county_date(parse_dt(data["onset_at"]), settings.timezone)
    rdata = review.data if review else {}
    concluded_at = concluded.get(review.id) if review else None
    times = CaseTimes(parse_dt(data["discovered_at"]), reported_at, urgent, needs,
                      parse_dt(rdata.get("investigation_started_at")), parse_dt(rdata.get("investigation_reported_at")),
                      preliminary_at, concluded_at, received_at)
    return AefiCase(record, review, record.unit_code, townships.get(record.unit_code, ""), onset, reported_at,
                    urgent, needs, concluded_at, case_timers(times, now, settings.limits), received_at=received_at,
                    window=window_findings(data, _vaccinated_days(data), onset))


def _vaccinated_days(data: dict) -> list[date]:
    out = []
    for v in data.get("vaccines") or []:
        try:
            out.append(date.fromisoformat(v.get("vaccinated_on") or ""))
        except ValueError:
            continue
    return out


def _first_receipts(report_ids: list[str]) -> dict[str, datetime]:
    """When each report first reached the server (its first revision's receipt): the county received it then."""
    rows = db.session.execute(select(RecordRevision.record_id, RecordRevision.received_at).where(
        RecordRevision.record_id.in_(report_ids)).order_by(RecordRevision.rev.desc())).all()
    return dict(rows)  # the earliest revision's time is written last


def _latest_reviews(report_ids: list[str]) -> dict[str, Record]:
    rows = db.session.execute(select(Record).where(
        Record.kind == "aefi_review", Record.deleted.is_(False), Record.parent_id.in_(report_ids))
        .order_by(Record.updated_at)).scalars().all()
    return {r.parent_id: r for r in rows}


def _conclusion_times(review_ids: list[str]) -> dict[str, datetime]:
    """When each review first carried a final class other than 待定 (from its revisions)."""
    out = {}
    rows = db.session.execute(select(RecordRevision).where(RecordRevision.record_id.in_(review_ids))
                              .order_by(RecordRevision.rev)).scalars().all()
    for rev in rows:
        if rev.record_id not in out and is_classified(rev.data.get("final_class")):
            out[rev.record_id] = rev.captured_at
    return out


def _preliminary_times(report_ids: list[str]) -> dict[str, datetime]:
    rows = db.session.execute(select(AefiPreliminaryReport.aefi_id, AefiPreliminaryReport.reported_at)
                              .where(AefiPreliminaryReport.aefi_id.in_(report_ids))).all()
    return dict(rows)


def _townships(unit_codes) -> dict[str, str]:
    rows = db.session.execute(select(Unit.code, Township.code).join(Township, Unit.township_code == Township.code)
                              .where(Unit.code.in_(list(unit_codes)))).all()
    return dict(rows)


def revisions_of(record_id: str) -> list[RecordRevision]:
    """Every stored revision of a record, oldest first."""
    return list(db.session.execute(select(RecordRevision).where(RecordRevision.record_id == record_id)
                                   .order_by(RecordRevision.rev)).scalars())
