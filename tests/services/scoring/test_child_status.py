"""Child status from the record store: a moved-out child leaves the denominators, 五.4 reads when the change was
first recorded (its earliest revision with the status), and is pending for a unit with no change."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import add_record, child_data
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

TODAY = date(2027, 1, 15)


def items(card):
    return {(i.part, i.item.code): i for p in card.parts for s in p.sections for i in s.items}


@pytest.fixture
def moved(db, demo_org):
    # a, certificate-less, moved out on 2026-03-01, recorded 2026-05-15 (75 days late); b stays, with a certificate
    a = add_record("child", child_data(birth_date="2024-01-01", certificate_no=None, status="moved_out",
                                       status_on="2026-03-01"), captured_at=datetime(2026, 5, 15, 2, tzinfo=UTC))
    b = add_record("child", child_data(birth_date="2024-02-01"), captured_at=datetime(2024, 2, 3, tzinfo=UTC))
    db.session.commit()
    return a.id, b.id


def test_a_moved_out_child_leaves_the_certificate_rate(db, moved):
    card = compute_scorecards(get_template("evaluation-standard"), ["U01"], "2026", TODAY)["U01"]
    cert = items(card)[("assessment", "certificate_rate")]
    assert cert.score == 10 and cert.deductions == []  # 1/1: the moved-out child without a certificate is out


def test_a_late_change_costs_02_and_a_unit_without_changes_is_pending(db, moved):
    template = get_template("county-plan-2014")
    it = items(compute_scorecards(template, ["U01"], "2026-H1", TODAY)["U01"])
    timely, book = it[("h1", "change_register_timely")], it[("h1", "change_register_book")]
    assert [(d.points, d.evidence[0].id) for d in timely.deductions] == [(-0.2, moved[0])]
    assert "2026-05-15才登记" in timely.deductions[0].reason and timely.item.basis == "system"
    assert not book.pending and book.deductions == []
    later = items(compute_scorecards(template, ["U01"], "2026-H2", TODAY)["U01"])  # no change in H2
    assert later[("h2", "change_register_timely")].pending and later[("h2", "change_register_book")].pending
