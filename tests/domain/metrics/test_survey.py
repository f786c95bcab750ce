"""范本1 三 from a village survey of 25 children, worked out by hand: coverage on the surveyed children, the
children found unvaccinated, certificate ↔ registry discrepancies of each kind, 漏卡, 建证率 and BCG scars."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

from webapp.domain.metrics import METRICS, SOURCES, SPANS, SURVEY_METRICS
from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.survey import (
    pick_survey,
    survey_coverage,
    survey_coverage_12m,
    survey_schedule_errors,
    survey_unvaccinated,
)
from webapp.domain.metrics.survey_records import (
    dose_discrepancies,
    survey_bcg_scar,
    survey_card_rate,
    survey_certificate_rate,
    survey_concordance,
)
from webapp.domain.rubric import load_template, score_template

D = date.fromisoformat
BIRTH = "2025-03-01"
# every dose due by 2026-07-10 for a child born 2025-03-01 (16 months old), given on time (DTaP at 2, 4, 6 months)
PRIMARY = [("HepB", "2025-03-01"), ("BCG", "2025-03-01"), ("HepB", "2025-04-01"), ("IPV", "2025-05-01"),
           ("DTaP", "2025-05-01"), ("IPV", "2025-06-01"), ("bOPV", "2025-07-01"), ("DTaP", "2025-07-01"),
           ("DTaP", "2025-09-01"), ("HepB", "2025-09-01"), ("MPSV-A", "2025-09-01"), ("JE-L", "2025-11-01"),
           ("MMR", "2025-11-01"), ("MPSV-A", "2025-12-01")]
H1 = Context(D("2026-01-01"), D("2026-07-01"), D("2026-07-15"))
PLAN = Path(__file__).resolve().parents[3] / "webapp" / "rubrics" / "county-plan-2014.yaml"


def kid(n, doses=PRIMARY, registry=PRIMARY, child_id=True, certificate="present", bcg_scar="yes",
        resident_since=BIRTH):
    """Surveyed child `s{n}`: certificate doses and registry doses (ids `v{n}-{i}`), linked to registry child c{n}."""
    return SimpleNamespace(
        id=f"s{n}", child_id=f"c{n}" if child_id else None, birth_date=D(BIRTH),
        resident_since=D(resident_since) if resident_since else None, certificate=certificate, bcg_scar=bcg_scar,
        doses=[(v, D(d)) for v, d in doses] if certificate == "present" else [],
        registry=[(v, D(d), f"v{n}-{i}") for i, (v, d) in enumerate(registry)] if child_id else [])


def without(doses, vaccine, day):
    return [d for d in doses if d != (vaccine, day)]


def survey_of_25():
    children = [kid(n) for n in range(25)]
    children[0] = kid(0, without(PRIMARY, "MMR", "2025-11-01"), without(PRIMARY, "MMR", "2025-11-01"))  # no MCV1
    children[1] = kid(1, registry=without(PRIMARY, "HepB", "2025-04-01"))     # HepB2 on the certificate only
    children[2] = kid(2, doses=without(PRIMARY, "DTaP", "2025-09-01"))        # DTaP3 in the registry only
    children[3] = kid(3, doses=without(PRIMARY, "JE-L", "2025-11-01") + [("JE-L", "2025-11-03")])  # dates differ
    children[4] = kid(4, child_id=False)                                      # 漏卡: resident since birth
    children[5] = kid(5, child_id=False, resident_since="2026-05-01")         # arrived 10 weeks ago: not 漏卡
    children[6] = kid(6, certificate="absent")                                # no certificate
    children[7], children[8] = kid(7, bcg_scar="no"), kid(8, bcg_scar="no")   # no BCG scar
    children[9] = kid(9, bcg_scar="not_applicable")                           # not checked
    return SimpleNamespace(id="S1", period="2026-H1", village_code="V01", surveyed_on=D("2026-07-10"),
                           children=children)


def rows(*surveys):
    return UnitRows("U01", surveys=list(surveys))


def test_coverage_is_counted_on_the_surveyed_children_from_certificate_and_registry_together():
    m = survey_coverage(rows(survey_of_25()), H1)
    # every surveyed child is due every primary dose by 2026-07-10; s1's HepB2 counts from its certificate, s2's
    # DTaP3 from the registry, the 漏卡 children's doses from their certificates, s6's from the registry
    for group in ("HepB-1", "HepB-2", "HepB-3", "Polio-1", "Polio-2", "Polio-3", "DTP-1", "DTP-2", "DTP-3",
                  "MenA-1", "MenA-2", "JE-1"):
        assert (m.groups[group].numerator, m.groups[group].denominator) == (25, 25), group
    assert (m.groups["MCV-1"].numerator, m.groups["MCV-1"].denominator) == (24, 25)
    assert [f.evidence[0].id for f in m.groups["MCV-1"].findings] == ["s0"]
    # 18-month doses (DTP4, MCV2, HepA) and boosters are not due at 16 months: nobody in their denominators
    assert all(m.groups[g].denominator == 0 for g in ("DTP-4", "MCV-2", "HepA-1", "DT-1", "MenAC-1", "JE-2"))


def test_twelve_month_coverage_and_children_found_unvaccinated():
    m = survey_coverage_12m(rows(survey_of_25()), H1)
    assert m.examined == 25
    assert (m.groups["MCV-1"].numerator, m.groups["MCV-1"].denominator) == (24, 25)
    assert all(m.groups[g].rate == 100 for g in ("BCG-1", "HepB-3", "Polio-3", "DTP-3"))
    unvaccinated = survey_unvaccinated(rows(survey_of_25()), H1)
    assert [(f.reason, f.evidence[0].id) for f in unvaccinated.findings] == [
        ("调查儿童应种未种：含麻疹成分疫苗第1剂", "s0")]


def test_one_discrepancy_of_each_kind_among_children_with_both_a_record_and_a_certificate():
    m = survey_concordance(rows(survey_of_25()), H1)
    assert m.examined == 22  # 25 − two 漏卡 − one without a certificate
    assert [(f.reason, [(e.kind, e.id) for e in f.evidence]) for f in m.findings] == [
        ("接种证有、系统无：HepB 2025-04-01", [("survey_child", "s1")]),
        ("系统有、接种证无：DTaP 2025-09-01", [("survey_child", "s2"), ("vaccination", "v2-8")]),
        ("接种证与系统日期不符：JE-L 证2025-11-03／系统2025-11-01", [("survey_child", "s3"), ("vaccination", "v3-11")])]
    assert m.findings[0].reason_for("en") == "On the certificate, not in the system: HepB 2025-04-01"


def test_discrepancies_pair_the_unmatched_doses_of_a_product_in_day_order():
    cert = [("HepB", D("2025-01-01")), ("HepB", D("2025-02-03")), ("HepB", D("2025-07-01")), ("BCG", D("2025-01-01"))]
    reg = [("HepB", D("2025-01-01"), "a"), ("HepB", D("2025-02-01"), "b"), ("IPV", D("2025-03-01"), "c")]
    assert dose_discrepancies(cert, reg) == [
        ("certificate_only", "BCG", D("2025-01-01"), None, None),
        ("dates", "HepB", D("2025-02-03"), D("2025-02-01"), "b"),
        ("certificate_only", "HepB", D("2025-07-01"), None, None),
        ("registry_only", "IPV", None, D("2025-03-01"), "c")]


def test_missing_cards_certificates_and_bcg_scars():
    r = rows(survey_of_25())
    cards = survey_card_rate(r, H1)
    assert cards.examined == 24 and [f.evidence[0].id for f in cards.findings] == ["s4"]
    certificates = survey_certificate_rate(r, H1)
    assert (certificates.numerator, certificates.denominator) == (23, 24)
    scars = survey_bcg_scar(r, H1)
    assert (scars.numerator, scars.denominator) == (22, 24)
    assert [f.evidence[0].id for f in scars.findings] == ["s7", "s8"]


def test_without_a_survey_every_survey_item_is_pending_and_counts_as_not_yet_scored():
    template = load_template(PLAN, METRICS)
    measures = {part: {name: METRIC_FUNCTIONS[name](rows(), H1) for name in SURVEY_METRICS} for part in ("h1",)}
    card = score_template(template, measures, {}, ["h1"])
    section = next(s for s in card.parts[0].sections if s.code == "coverage_survey")
    survey_items = [i for i in section.items if i.item.metric in SURVEY_METRICS]
    assert len(survey_items) == 10 and all(i.pending and i.deductions == [] for i in survey_items)


def test_the_plans_section_three_from_the_survey_line_by_line():
    template = load_template(PLAN, METRICS)
    r = rows(survey_of_25())
    measures = {"h1": {name: METRIC_FUNCTIONS[name](r, H1) for name in SURVEY_METRICS}}
    card = score_template(template, measures, {}, ["h1"])
    section = next(s for s in card.parts[0].sections if s.code == "coverage_survey")
    got = {i.item.code: [d.points for d in i.deductions] for i in section.items if i.item.metric in SURVEY_METRICS}
    assert got == {
        "primary_coverage_12m": [],        # five vaccines pooled: 124 of 125 doses by 12 months (99.2%) ≥ 98%
        "nip_coverage": [],                # every listed group 100%
        "bcg_scar": [-1.67],               # 22/24 = 91.67%: (100 − 91.67) / 5 = 1.67
        "booster_coverage_90": [], "booster_coverage_95": [],  # nobody due at 16 months
        "survey_unvaccinated": [-0.2],     # s0
        "card_concordance": [-0.2, -0.2, -0.2],  # one of each kind
        "card_rate": [-5.0],               # s4
        "certificate_rate": [-0.83],       # 23/24 = 95.83%: (100 − 95.83) / 5 = 0.83
        "schedule_correct": [],            # s3's JE-L on another day is a discrepancy (三.7), not a second dose
    }
    assert section.score == round(40 - 1.67 - 0.2 - 0.6 - 5 - 0.83, 2)
    assert not any(i.pending for i in section.items)


def test_the_survey_scored_is_the_latest_one_whose_period_covers_the_window():
    h1a = SimpleNamespace(id="a", period="2026-H1", surveyed_on=D("2026-07-01"))
    h1b = SimpleNamespace(id="b", period="2026-H1", surveyed_on=D("2026-07-20"))
    h2 = SimpleNamespace(id="c", period="2026-H2", surveyed_on=D("2026-10-01"))
    assert pick_survey([h1a, h1b, h2], D("2026-01-01"), D("2026-07-01")).id == "b"
    assert pick_survey([h1a, h1b, h2], D("2026-04-01"), D("2026-07-01")).id == "b"  # a quarter of the half
    assert pick_survey([h1a, h1b, h2], D("2026-07-01"), D("2027-01-01")).id == "c"
    assert pick_survey([h1a, h1b], D("2026-07-01"), D("2027-01-01")) is None
    assert pick_survey([h1a], D("2026-01-01"), D("2027-01-01")) is None  # a half's survey does not score the year


def test_every_survey_metric_is_declared_with_the_survey_source_read_whole():
    assert set(SURVEY_METRICS) == {"survey_coverage", "survey_coverage_12m", "survey_unvaccinated",
                                   "survey_concordance", "survey_card_rate", "survey_certificate_rate",
                                   "survey_bcg_scar", "survey_schedule_errors"}
    assert all(SOURCES[name] == {"survey"} and SPANS[name] == {} for name in SURVEY_METRICS)


METRIC_FUNCTIONS = {"survey_coverage": survey_coverage, "survey_coverage_12m": survey_coverage_12m,
                    "survey_unvaccinated": survey_unvaccinated, "survey_concordance": survey_concordance,
                    "survey_card_rate": survey_card_rate, "survey_certificate_rate": survey_certificate_rate,
                    "survey_bcg_scar": survey_bcg_scar, "survey_schedule_errors": survey_schedule_errors}


def test_a_survey_without_children_yet_leaves_the_items_pending():
    empty = SimpleNamespace(id="S0", period="2026-H1", village_code="V01", surveyed_on=D("2026-07-10"), children=[])
    assert all(f(rows(empty), H1).pending for f in METRIC_FUNCTIONS.values())
    assert not any(f(rows(survey_of_25()), H1).pending for f in METRIC_FUNCTIONS.values())


def test_schedule_errors_are_judged_on_the_surveyed_childrens_certificates():
    early = without(PRIMARY, "DTaP", "2025-05-01") + [("DTaP", "2025-04-20")]   # 1 month 19 days: before 2 months
    soon = without(PRIMARY, "HepB", "2025-04-01") + [("HepB", "2025-08-01")]    # HepB3 31 days after: [GK] 60 days
    survey = SimpleNamespace(id="S1", period="2026-H1", village_code="V01", surveyed_on=D("2026-07-10"), children=[
        kid(0, doses=early, registry=early), kid(1, doses=soon, registry=soon),
        kid(2, doses=PRIMARY, registry=early),                # the registry's doses: the unit's card and system
        kid(3, doses=without(PRIMARY, "JE-L", "2025-11-01") + [("JE-L", "2025-11-03")]),  # dates differ: 三.7 only
        kid(4, doses=early, child_id=False)])                 # 漏卡: the certificate's doses
    m = survey_schedule_errors(rows(survey), H1)
    assert m.examined == 5 * len(PRIMARY)
    assert [[(e.kind, e.id) for e in f.evidence] for f in m.findings] == [
        [("survey_child", "s0"), ("vaccination", "v0-13")], [("survey_child", "s2"), ("vaccination", "v2-13")],
        [("survey_child", "s4")]]
    assert m.findings[0].reason == "调查儿童2025-04-20 百白破疫苗接种时未满2月龄，不计入第1剂"
    assert [f.evidence[0].id for f in m.groups["gk"].findings] == ["s1"]
    assert survey_schedule_errors(rows(), H1).pending
