"""Pre-check completeness, consent matching and late entry on hand-worked examples."""

from types import SimpleNamespace as Row

from tests.domain.metrics.rows import d, precheck, shot, year_2026
from webapp.domain.metrics.capture import consent_matching, late_entry, precheck_completeness
from webapp.domain.metrics.context import UnitRows


def test_precheck_completeness_counts_each_incomplete_record_once():
    rows = UnitRows("U01", prechecks=[
        precheck("p1", "c1", "2026-03-01"),                                   # complete
        precheck("p2", "c1", "2026-04-01", temperature_c=None),               # no temperature
        precheck("p3", "c2", "2026-05-01", neuro=None, pregnant="maybe"),     # two answers missing/invalid
        precheck("p4", "c2", "2026-06-01", decision="defer"),                 # deferral without advice
        precheck("p5", "c3", "2025-12-31", temperature_c=None),               # outside the year
    ])
    m = precheck_completeness(rows, year_2026())
    assert m.examined == 4
    assert [f.evidence[0].id for f in m.findings] == ["p2", "p3", "p4"]
    # fields and questions are named as the phone app names them
    assert m.findings[1].reason == "预检登记 2026-05-01 填写不完整：是否有癫痫、脑病、惊厥等神经系统疾病？、是否怀孕？"
    assert m.findings[2].reason == "预检登记 2026-06-01 填写不完整：医学建议"


def consent(id, child_id, signed, vaccines, method="oral", signed_ok=False, decision="agree", state=None):
    return Row(id=id, child_id=child_id, signed_on=d(signed), vaccines=vaccines, method=method, signed=signed_ok,
               decision=decision, state=state)


def test_consent_matching_in_the_sampled_month():
    # sampled month 2026-10: v1 matched (oral), v2 no consent, v3 written unsigned, v4 consent a day later,
    # v5 refused consent only, v6 another unit's shot, v7 outside the month → 4 findings of 5 examined
    ctx = year_2026(sample_start=d("2026-10-01"), sample_end=d("2026-11-01"))
    rows = UnitRows("U01", vaccinations=[
        shot("v1", "c1", "HepB", 2, "2026-10-05"), shot("v2", "c2", "DTaP", 1, "2026-10-06"),
        shot("v3", "c3", "MMR", 1, "2026-10-07"), shot("v4", "c4", "IPV", 1, "2026-10-08"),
        shot("v5", "c5", "BCG", 1, "2026-10-09"), shot("v6", "c6", "BCG", 1, "2026-10-09", unit="U03"),
        shot("v7", "c1", "HepB", 3, "2026-09-30")],
        consents=[consent("k1", "c1", "2026-10-05", ["HepB"]), consent("k3", "c3", "2026-10-07", ["MMR"], "written"),
                  consent("k4", "c4", "2026-10-09", ["IPV"]),
                  consent("k5", "c5", "2026-10-09", ["BCG"], decision="refuse"),
                  consent("k2", "c2", "2026-10-06", ["DTaP"], state="superseded")])
    m = consent_matching(rows, ctx)
    assert m.examined == 5
    assert [f.evidence[0].id for f in m.findings] == ["v2", "v3", "v4", "v5"]
    assert m.findings[1].reason.endswith("书面告知未签字") and m.findings[1].evidence[1].id == "k3"


def test_late_entry_is_more_than_five_days():
    rows = UnitRows("U01", vaccinations=[shot("v1", "c1", "HepB", 1, "2026-03-01", entered="2026-03-06"),
                                         shot("v2", "c1", "HepB", 2, "2026-04-01", entered="2026-04-07")])
    m = late_entry(rows, year_2026())
    assert m.examined == 2 and [f.evidence[0].id for f in m.findings] == ["v2"]


def test_the_pregnancy_question_is_not_required_of_a_child_under_12():
    from tests.domain.metrics.rows import child
    from webapp.domain.metrics.capture import FROM_AGE
    from webapp.schemas.records.capture import QUESTIONS_FROM_AGE

    assert FROM_AGE == QUESTIONS_FROM_AGE  # the metric and the field rules served to the phone say the same
    rows = UnitRows("U01", children=[child("young", "2020-05-01"), child("teen", "2014-03-01")], prechecks=[
        precheck("p1", "young", "2026-03-01", pregnant=None),                 # 5 years old: complete
        precheck("p2", "teen", "2026-03-01", pregnant=None),                  # 12 on the visit day: incomplete
        precheck("p3", "young", "2026-03-02", pregnant=None, neuro=None),     # still lacks the neuro answer
        precheck("p4", "other", "2026-03-03", pregnant=None)])                # not in the registry: asked
    m = precheck_completeness(rows, year_2026())
    assert [f.evidence[0].id for f in m.findings] == ["p2", "p3", "p4"]
    assert m.findings[1].reason == "预检登记 2026-03-02 填写不完整：是否有癫痫、脑病、惊厥等神经系统疾病？"
    assert m.findings[1].reason_for("en") == ("Pre-vaccination screening 2026-03-02 incomplete: Epilepsy, "
                                              "encephalopathy, convulsions or other neurological disease?")
