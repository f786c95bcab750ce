"""Templates are validated at start (a broken county file stops the app, naming the item); nightly recompute."""

import pytest

from tests.factories import add_record, child_data
from webapp import create_app
from webapp.domain.rubric import TemplateError

BROKEN = """
id: broken-plan
version: "1"
total: 10
parts:
  - code: all
    total: 10
    sections:
      - code: s
        title: 测试
        max: 10
        items:
          - {code: bad_item, title: 坏项目, max: 10, metric: nothing_like_it, rule: {type: per_occurrence, points: 1}}
"""


def test_a_broken_template_stops_the_app_and_names_the_item(tmp_path):
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(TemplateError, match="broken-plan@1 part all section s item bad_item: unknown metric"):
        create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "ENV_NAME": "testing",
                    "SECRET_KEY": "x" * 48, "RUBRICS_DIR": str(tmp_path)})


def test_recompute_snapshots_changed_scorecards_only(runner, db, demo_org):
    add_record("child", child_data(birth_date="2026-01-02"))
    db.session.commit()
    first = runner.invoke(args=["scores", "recompute", "--period", "2026"])
    # U01 has a record: its two scorecards are kept; the other units have no data in 2026 (无数据, no snapshot)
    assert first.exit_code == 0 and "4 units, 2 scorecards changed" in first.output
    assert "0 scorecards changed" in runner.invoke(args=["scores", "recompute", "--period", "2026"]).output
    add_record("child", child_data(birth_date="2026-01-05", certificate_no=None))
    db.session.commit()
    assert "0 scorecards changed" not in runner.invoke(args=["scores", "recompute", "--period", "2026"]).output
