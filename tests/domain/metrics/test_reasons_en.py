"""Every metric's findings read in English on request and keep their Chinese reasons byte for byte."""

from types import SimpleNamespace as Row

from tests.domain.metrics.rows import child, d, precheck, shot, year_2026
from webapp.domain.metrics import aefi, capture, concordance, coverage, registry, schools
from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.metrics.reasons_en import GROUP_LABELS_EN


def reasons(measure, lang=None) -> list:
    return [f.reason_for(lang) for f in measure.findings]


def test_every_dose_group_has_an_english_label():
    assert set(GROUP_LABELS_EN) == set(LABELS) and all(GROUP_LABELS_EN.values())


def test_a_missed_dose_reads_in_english():
    rows = UnitRows("U01", children=[child("b", "2025-08-01")])
    m = coverage.coverage(rows, year_2026())
    group = m.groups["MCV-1"]
    assert reasons(group) == ["含麻疹成分疫苗第1剂应种未种（2026-04-01起应种）"]
    assert reasons(group, "en") == ["Measles-containing vaccine dose 1 due but not given (due from 2026-04-01)"]
    assert (m.label_en, group.label_en) == ("Coverage", "Measles-containing vaccine dose 1")


def test_a_dose_missing_at_12_months_reads_in_english():
    m = coverage.coverage_12m(UnitRows("U01", children=[child("a", "2025-03-01")]), year_2026())
    bcg = m.groups["BCG-1"]
    assert reasons(bcg) == ["12月龄前未完成卡介苗"] and reasons(bcg, "en") == ["BCG not completed by 12 months of age"]
    assert bcg.label == "12月龄卡介苗" and bcg.label_en == "BCG by 12 months"


def test_schedule_errors_read_in_the_engines_own_english():
    rows = UnitRows("U01", children=[child("a", "2025-11-01")], vaccinations=[
        shot("v1", "a", "IPV", 1, "2026-01-01"), shot("v2", "a", "IPV", 2, "2026-01-20")])
    m = coverage.schedule_errors(rows, year_2026())
    assert reasons(m) == ["2026-01-20 脊灰灭活疫苗接种时未满3月龄，不计入第2剂"]
    assert reasons(m, "en") == ["2026-01-20 IPV was given before 3 months of age; it does not count as dose 2"]


def test_an_incomplete_precheck_reads_in_english():
    rows = UnitRows("U01", prechecks=[precheck("p1", "c1", "2026-04-01", temperature_c=None, neuro=None)])
    m = capture.precheck_completeness(rows, year_2026())
    assert reasons(m) == ["预检登记 2026-04-01 填写不完整：体温（℃）、是否有癫痫、脑病、惊厥等神经系统疾病？"]
    assert reasons(m, "en") == ["Pre-vaccination screening 2026-04-01 incomplete: Temperature (°C); Epilepsy, "
                                "encephalopathy, convulsions or other neurological disease?"]


def test_consent_findings_read_in_english():
    ctx = year_2026(sample_start=d("2026-10-01"), sample_end=d("2026-11-01"))
    written = Row(id="k3", child_id="c3", signed_on=d("2026-10-07"), vaccines=["MMR"], method="written",
                  signed=False, decision="agree", state=None)
    rows = UnitRows("U01", vaccinations=[shot("v2", "c2", "DTaP", 1, "2026-10-06"),
                                         shot("v3", "c3", "MMR", 1, "2026-10-07")], consents=[written])
    m = capture.consent_matching(rows, ctx)
    assert reasons(m) == ["2026-10-06 DTaP 接种无知情告知记录", "2026-10-07 MMR 书面告知未签字"]
    assert reasons(m, "en") == ["2026-10-06 DTaP: no informed consent record",
                                "2026-10-07 MMR: written consent not signed"]


def test_a_late_entry_reads_in_english():
    rows = UnitRows("U01", vaccinations=[shot("v2", "c1", "HepB", 2, "2026-04-01", entered="2026-04-07")])
    m = capture.late_entry(rows, year_2026())
    assert reasons(m) == ["2026-04-01 HepB 接种于2026-04-07才录入（超过5日）"]
    assert reasons(m, "en") == ["2026-04-01 HepB entered only on 2026-04-07 (more than 5 days later)"]


def test_a_sampled_childs_problems_read_in_english():
    rows = UnitRows("U01", children=[child("c2", "2025-01-01", certificate_no=None)],
                    prechecks=[precheck("p2", "c2", "2026-02-01", [{"vaccine": "IPV", "dose": 1}])],
                    vaccinations=[shot("v4", "c2", "MMR", 1, "2026-03-01")])
    m = concordance.concordance_sample(rows, year_2026(sample_children=("c2",)))
    assert reasons(m) == ["预检登记2026-02-01计划IPV第1剂，接种底册无；2026-03-01 MMR接种无预检登记；无接种证编号"]
    assert reasons(m, "en") == ["Pre-vaccination screening 2026-02-01 planned IPV dose 1, not in the vaccination "
                                "register; 2026-03-01 MMR given without pre-vaccination screening; "
                                "No vaccination certificate number"]


def test_aefi_findings_read_in_english():
    ctx = Context(start=d("2026-01-01"), end=d("2026-03-01"), today=d("2026-04-15"))
    rows = UnitRows("U01", aefi_reports=[Row(id="a1", onset_on=d("2026-01-20"), data={"vaccines": [{}]})])
    m = aefi.aefi_completeness(rows, ctx)
    assert reasons(m, "en") == [
        "AEFI case report incomplete: Fever grade; Swelling grade; Induration grade; Diagnosis; Reporter phone; "
        "Route (1); Site (1)", "2026-02: neither an AEFI report nor a zero report (not reported)"]
    assert reasons(m)[1] == "2026-02 既无AEFI报告也无零报告（未报告）"
    none = aefi.aefi_no_report_year(UnitRows("U01"), ctx)
    assert reasons(none) == ["2026年01-01至02-28无疑似预防接种异常反应报告"]
    assert reasons(none, "en") == ["No suspected AEFI report in 2026 from 01-01 to 02-28"]


def test_registry_findings_read_in_english():
    rows = UnitRows("U01", children=[
        child("b", "2025-01-01", certificate_no=""),
        child("m2", "2024-01-01", residence="migrant", village_code=None, guardian_phone=""),
        child("n", "2026-02-01", mother_hbsag="unknown")], vaccinations=[shot("v2", "n", "HepB", 1, "2026-02-03")])
    ctx = year_2026()
    certificates = registry.certificate_rate(rows, ctx)
    assert reasons(certificates)[0] == "2025-01-01出生儿童未建证"
    assert reasons(certificates, "en")[0] == "Child born 2025-01-01 has no vaccination certificate"
    migrants = registry.migrant_register(rows, ctx)
    assert reasons(migrants) == ["流动儿童登记不全：监护人电话、村"]
    assert reasons(migrants, "en") == ["Migrant child registration incomplete: Guardian phone; Village"]
    assert reasons(registry.hbsag_screening(rows, ctx), "en") == ["Mother's HBsAg not screened"]
    hepb1 = registry.timely_hepb1(rows, ctx)
    assert reasons(hepb1) == ["2026-02-01出生，首针乙肝2026-02-03"]
    assert reasons(hepb1, "en") == ["Born 2026-02-01, HepB dose 1 given 2026-02-03"]


def test_school_findings_read_in_english():
    missing = {"evaluation": {"complete": False, "missing": [{"series": "MCV", "dose": 2}]}}
    rows = UnitRows("U01", schools=[Row(code="S02", name="小学")],
                    school_checks=[Row(id="b1", school_code="S01", started_on=d("2026-09-01"), term="2026-autumn")],
                    student_checks=[Row(id="noref", parent_id="b1", data=missing)])
    ctx = year_2026()
    assert reasons(schools.school_register_units(rows, ctx)) == ["小学（S02）无查验登记"]
    assert reasons(schools.school_register_units(rows, ctx), "en") == [
        "小学 (S02): no school-entry certificate check registered"]
    assert reasons(schools.school_register_fields(rows, ctx), "en") == [
        "Student check register lacks the guardian's phone"]
    assert reasons(schools.school_catch_up(rows, ctx), "en") == ["Missing doses without a catch-up notice"]
