"""A small hand-built 2026 dataset for unit U01, with the expected deductions worked out in the tests."""

from datetime import UTC, datetime

from tests.factories import add_record, child_data, consent_data, precheck_data, vaccination_data

EARLY = datetime(2024, 6, 1, tzinfo=UTC)


def answers_missing_temperature(data):
    return {k: v for k, v in data.items() if k != "temperature_c"}


def build() -> dict:
    """Insert the dataset; returns the ids by name."""
    ids = {}
    c1 = add_record("child", child_data(birth_date="2025-01-10", certificate_no="C-1"), captured_at=EARLY)
    c2_data = child_data(birth_date="2025-02-10")
    c2_data.pop("certificate_no")
    c2 = add_record("child", c2_data, captured_at=EARLY)
    m1 = add_record("child", child_data(birth_date="2024-05-01", residence="migrant", village_code=""),
                    captured_at=EARLY)
    c3 = add_record("child", child_data(birth_date="2026-05-01", certificate_no="C-3"), captured_at=EARLY)
    c4 = add_record("child", child_data(birth_date="2026-05-01", certificate_no="C-4"), captured_at=EARLY)
    p1 = add_record("precheck", precheck_data(c1.id, visit_date="2026-03-10", planned=[{"vaccine": "HepB", "dose": 3}]))
    p2 = add_record("precheck", answers_missing_temperature(
        precheck_data(c2.id, visit_date="2026-04-10", planned=[{"vaccine": "DTaP", "dose": 1}])))
    v1 = add_record("vaccination", vaccination_data(c1.id, vaccine="HepB", dose=3, given_on="2026-03-10",
                                                     precheck_id=p1.id))
    k1_data = consent_data(c1.id, p1.id, vaccines=[{"vaccine": "HepB", "dose": 3, "category": "nip"}],
                           signed_at="2026-03-10T09:00:00+08:00")
    k1_data.pop("signature")
    k1 = add_record("consent", k1_data)
    add_record("vaccination", vaccination_data(c3.id, vaccine="HepB", dose=1, given_on="2026-05-03"))
    add_record("vaccination", vaccination_data(c4.id, vaccine="HepB", dose=1, given_on="2026-05-01"))
    for name, rec in (("c1", c1), ("c2", c2), ("m1", m1), ("c3", c3), ("c4", c4), ("p1", p1), ("p2", p2),
                      ("v1", v1), ("k1", k1)):
        ids[name] = rec.id
    return ids
