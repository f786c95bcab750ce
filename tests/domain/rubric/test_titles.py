"""English titles of the plans: every shipped node has one; a template without them shows its Chinese titles."""

import copy
import re
from pathlib import Path

import pytest
import yaml
from babel import Locale

from webapp.domain.metrics import METRICS
from webapp.domain.rubric import TemplateError, load_template, parse_template

RUBRICS = Path(__file__).resolve().parents[3] / "webapp" / "rubrics"
SHIPPED = sorted(RUBRICS.glob("*.yaml"))
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def nodes(template):
    """The template, then every part, section and item (a section shared by two parts once per part)."""
    yield "template", template
    for part in template.parts:
        yield f"part {part.code}", part
        for section in part.sections:
            yield f"part {part.code} section {section.code}", section
            for item in section.items:
                yield f"part {part.code} item {item.code}", item


def raw(name="evaluation-standard"):
    return yaml.safe_load((RUBRICS / f"{name}.yaml").read_text(encoding="utf-8"))


def without_english(data):
    """A copy of plain template data with every `title_en` removed (a county's own template)."""
    if isinstance(data, dict):
        return {k: without_english(v) for k, v in data.items() if k != "title_en"}
    if isinstance(data, list):
        return [without_english(v) for v in data]
    return copy.copy(data)


def test_both_templates_are_shipped():
    assert {p.stem for p in SHIPPED} == {"evaluation-standard", "county-plan-2014"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_rubric_node_has_an_english_title(path):
    template = load_template(path, METRICS)
    missing = [where for where, node in nodes(template) if not node.title_en]
    assert missing == []
    chinese_left = [where for where, node in nodes(template) if CHINESE.search(node.title_en)]
    assert chinese_left == []


def test_english_titles_keep_the_plans_points_rules():
    t = load_template(RUBRICS / "evaluation-standard.yaml", METRICS)
    items = {i.code: i for _, _, i in t.items()}
    assert items["records_filing"].title_for("en").endswith("(−1 per missing item)")
    assert items["certificate_rate"].title_for("en") == "Certificate rate 100%; −1 per 1% below"
    county = load_template(RUBRICS / "county-plan-2014.yaml", METRICS)
    assert county.part("h1").title_for("en") == "H1 supervision"
    assert county.section("h2", "coverage_survey").title_for("en").startswith("Surveyed routine coverage")


def test_title_for_is_english_only_in_an_english_locale():
    t = load_template(RUBRICS / "evaluation-standard.yaml", METRICS)
    assert t.title_for("en") == t.title_for(Locale("en")) == "Immunization Programme Evaluation Standard"
    assert t.title_for("zh_CN") == t.title_for(Locale.parse("zh_CN")) == t.title_for(None) == "免疫规划工作考评标准"


def test_template_without_english_title_falls_back_to_chinese():
    t = parse_template(without_english(raw("county-plan-2014")), METRICS)
    for where, node in nodes(t):
        assert node.title_en == "", where
        assert node.title_for("en") == node.title, where
    assert t.part("routine").title_for("en") == "平时及临时性工作"


def test_a_node_may_omit_its_english_title_alone():
    data = raw()
    del data["parts"][0]["sections"][1]["items"][0]["title_en"]
    t = parse_template(data, METRICS)
    clinic = t.section("assessment", "clinic")
    assert clinic.items[0].title_for("en") == clinic.items[0].title
    assert clinic.items[1].title_for("en").startswith("Special populations")
    assert clinic.title_for("en") == "Vaccination clinic management"


def test_an_english_title_that_is_not_text_names_the_item():
    data = raw()
    data["parts"][0]["sections"][1]["items"][3]["title_en"] = ["not", "text"]
    with pytest.raises(TemplateError, match="section clinic item precheck_register: title_en must be text"):
        parse_template(data, METRICS)


def test_part_and_section_lookups_return_none_for_unknown_codes():
    t = load_template(RUBRICS / "county-plan-2014.yaml", METRICS)
    assert t.part("nope") is None and t.section("h1", "nope") is None and t.section("nope", "hepb") is None
    assert t.section("h2", "hepb") == t.section("h1", "hepb")  # 下半年考核 scores the same sections


def test_the_survey_lines_keep_the_plans_own_words_and_say_how_the_rest_is_judged_on_site():
    items = {i.code: i for _, _, i in load_template(RUBRICS / "county-plan-2014.yaml", METRICS).items()}
    assert items["primary_coverage_12m"].title == \
        "原国家免疫规划五苗12月龄基础免疫覆盖率达98%，每降3%扣1分（原因不在儿童家长）"
    assert items["schedule_correct"].title == \
        "扩免疫苗接种免疫程序正确（乙肝疫苗三针衔接执行标准程序）达100%，出现一处错误扣2分（系笔误扣1分）"
    # what the data cannot judge (the parents' cause, a clerical error) is the assessor's on-site adjustment
    assert "原因在儿童家长" in items["primary_coverage_12m"].on_site
    assert "笔误" in items["schedule_correct"].on_site and "加回1分" in items["schedule_correct"].on_site


def test_on_site_rules_are_for_computed_items_only():
    data = raw("county-plan-2014")
    data["parts"][0]["sections"][0]["items"][0]["on_site"] = "现场核定"  # 一.1, a manual item
    with pytest.raises(TemplateError, match="on_site"):
        parse_template(data, METRICS)
