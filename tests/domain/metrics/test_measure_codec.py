"""A stored measure reads back as computed: numbers, findings, evidence, groups and both languages of each reason."""

from datetime import date

from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.measure_codec import dumps, loads
from webapp.domain.rubric.model import Evidence, Finding, Measure


def _measure() -> Measure:
    group = Measure(examined=2, numerator=1, denominator=2, label="乙肝第1剂", label_en="HepB dose 1",
                    findings=[Finding("乙肝第1剂应种未种（2026-03-01起应种）", (Evidence("child", "c1"),),
                                      en.DOSE_MISSED["HepB-1"], date(2026, 3, 1))])
    return Measure(examined=3, numerator=2.5, denominator=3, label="接种率", label_en="Coverage",
                   groups={"HepB-1": group},
                   findings=[Finding("无接种证编号", (Evidence("child", "c2"), Evidence("vaccination", "v9")),
                                     en.NO_CERTIFICATE_NO),
                             Finding("仅中文", ())])


def _reasons(m: Measure, lang):
    return [(f.reason_for(lang), f.evidence) for f in m.findings]


def test_a_measure_reads_back_with_its_numbers_findings_and_groups():
    back = loads(dumps(_measure()))
    assert (back.examined, back.numerator, back.denominator, back.rate) == (3, 2.5, 3, 100.0 * 2.5 / 3)
    assert (back.label, back.label_en) == ("接种率", "Coverage")
    assert _reasons(back, "zh_CN") == _reasons(_measure(), "zh_CN")
    assert back.findings[0].evidence == (Evidence("child", "c2"), Evidence("vaccination", "v9"))
    assert list(back.groups) == ["HepB-1"] and back.groups["HepB-1"].numerator == 1


def test_english_reasons_are_the_ones_a_reader_saw_before_storing():
    original, back = _measure(), loads(dumps(_measure()))
    assert _reasons(back, "en") == _reasons(original, "en")
    assert back.groups["HepB-1"].findings[0].reason_for("en") == "HepB dose 1 due but not given (due from 2026-03-01)"
    assert back.findings[1].reason_for("en") == "仅中文"  # no English form: the Chinese reason in both languages


def test_a_pending_measure_reads_back_pending():
    assert loads(dumps(Measure(label="卡痕阳转率", pending=True))).pending
    assert not loads(dumps(_measure())).pending
