"""Scorecards of both plans on a hand-built dataset: each computed item's deductions, evidence, late records."""

from datetime import date

import pytest

from tests import pushed_data
from tests.factories import add_record, precheck_data
from tests.services.scoring import data as scores_data
from tests.sync_client import SyncClient
from webapp.models import Record
from webapp.services.scoring.assessments import get_assessment
from webapp.services.scoring.history import history, record_snapshot
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

TODAY = date(2027, 1, 15)


def items(card):
    return {(i.part, i.item.code): i for p in card.parts for s in p.sections for i in s.items}


@pytest.fixture(params=["inserted", "pushed"])
def data(request, db, demo_org):
    """The hand-built dataset, inserted into the record store or pushed through POST /sync/push."""
    if request.param == "pushed":
        return pushed_data.scores_dataset(SyncClient(request.getfixturevalue("client"),
                                                     request.getfixturevalue("token_for")))
    ids = scores_data.build()
    db.session.commit()
    return ids


def test_evaluation_standard_computed_items(db, data):
    card = compute_scorecards(get_template("evaluation-standard"), ["U01"], "2026", TODAY)["U01"]
    it = items(card)
    # 2 pre-checks, p2 lacks its temperature → −0.5
    pre = it[("assessment", "precheck_register")]
    assert pre.score == 2.5 and [(d.points, d.evidence[0].id) for d in pre.deductions] == [(-0.5, data["p2"])]
    # 范本2: a register of migrant children exists (m1 is registered, even without a village) → full marks
    mig = it[("assessment", "special_populations")]
    assert mig.score == 2 and mig.deductions == [] and not mig.pending
    # sample = c1, c2 (pre-checked): c2 has no DTaP1 given and no certificate → −1
    conc = it[("assessment", "information_system_concordance")]
    assert conc.score == 3 and [d.evidence[0].id for d in conc.deductions] == [data["c2"]]
    # no AEFI report and no zero report in any month of 2026 → 0
    aefi = it[("assessment", "aefi_monitoring")]
    assert aefi.score == 0 and "2026-01" in aefi.deductions[0].reason
    # 建证率 on 2026-12-31: c1, m1, c3, c4 have a certificate, c2 not → 80% → −20 (floored at 0)
    cert = it[("assessment", "certificate_rate")]
    assert cert.deductions[0].points == -20 and cert.score == 0
    # 接种率 per vaccine, children born 2024–2025 (the two years before 2026): c1, c2 and m1. Polio doses 1–3 are due
    # for each (dose 4 at 4 years is not), none given → 0/9 → (95 − 0) × 0.1 = 9.5; the same for DTaP, the
    # meningococcal vaccines and HepA → 38, the item floored at 0
    cov = it[("assessment", "coverage")]
    polio = next(d for d in cov.deductions if d.reason.startswith("脊灰疫苗（2024–2025年出生）"))
    assert polio.points == -9.5 and "（0/9）" in polio.reason
    assert {e.id for e in polio.evidence} == {data["c1"], data["c2"], data["m1"]}
    assert len(cov.deductions) == 4 and cov.score == 0
    assert it[("assessment", "notice_board")].pending and it[("assessment", "notice_board")].score == 3


def test_county_plan_h1_items_and_the_sampled_month(db, data):
    template = get_template("county-plan-2014")
    assessment = get_assessment(template.id, "U01", "2026-H1", create=True, assessor="demo-county")
    assessment.sample_month = "2026-03"
    db.session.commit()
    card = compute_scorecards(template, ["U01"], "2026", TODAY)["U01"]
    it = items(card)
    # March: v1 (HepB3) has only a written consent without a signature → −0.1 with both records
    consent = it[("h1", "consent_notice")]
    assert [(d.points, [e.id for e in d.evidence]) for d in consent.deductions] == [(-0.1, [data["v1"], data["k1"]])]
    # no AEFI report January–June → −0.5; none in the year either → −0.5 in H2 as well
    assert it[("h1", "aefi_surveillance")].score == -0.5 and it[("h2", "aefi_surveillance")].score == -0.5
    # timely HepB1 in H1: c4 on the day of birth, c3 two days late → 50% → (98 − 50) × 1 = −48
    assert it[("h1", "timely_hepb1")].deductions[0].points == -48
    # 建证率 (三.9) is the village survey's: no survey of U01 → pending, not computed from the register
    assert it[("h1", "certificate_rate")].pending and it[("h1", "certificate_rate")].deductions == []
    # 四 may not go below 0: its computed deductions exceed its 5 points
    hepb = next(s for s in card.parts[0].sections if s.code == "hepb")
    assert hepb.score == 0
    assert [p.code for p in card.parts] == ["h1", "h2", "routine"]
    assert card.total == round(0.5 * card.parts[0].score + 0.5 * card.parts[1].score + card.parts[2].score, 2)


def test_every_deduction_points_to_real_records_of_the_named_kind(db, data):
    for template_id in ("evaluation-standard", "county-plan-2014"):
        card = compute_scorecards(get_template(template_id), ["U01"], "2026", TODAY)["U01"]
        evidence = {(e.kind, e.id) for i in items(card).values() for d in i.deductions for e in d.evidence}
        assert evidence
        for kind, record_id in evidence:
            assert db.session.get(Record, record_id).kind == kind


def test_a_late_record_changes_the_score_and_the_history_says_why(db, data):
    template = get_template("evaluation-standard")
    first = compute_scorecards(template, ["U01"], "2026", TODAY)["U01"]
    assert record_snapshot(template, "U01", "2026", first).cause == "首次计算"
    assert record_snapshot(template, "U01", "2026", first) is None  # unchanged: no new snapshot
    late = precheck_data(data["c1"], visit_date="2026-06-01", planned=[{"vaccine": "DTaP", "dose": 1}])
    late["answers"].pop("neuro")
    add_record("precheck", late)
    db.session.commit()
    second = compute_scorecards(template, ["U01"], "2026", TODAY)["U01"]
    assert items(second)[("assessment", "precheck_register")].score == 2.0
    snap = record_snapshot(template, "U01", "2026", second)
    assert "新到记录 1 条" in snap.cause and "assessment.precheck_register 2.5→2.0" in snap.cause
    assert [h.cause for h in history(template.id, "U01", "2026")][1] == "首次计算"
    assert snap.cause_for("en").startswith("1 new record(s), offline late ones included; "
                                           "changed items: assessment.precheck_register 2.5→2.0")
    assert snap.cause_for("zh_CN") == snap.cause
    assert history(template.id, "U01", "2026")[1].cause_for("en") == "First computation"
