"""Test datasets built through POST /api/v1/sync/push, so they pass the real validation, scope and references.

Each builder takes a `tests.sync_client.SyncClient`, pushes, asserts every item was `created`, and returns the
record ids by name. They mirror the hand-built datasets that insert rows directly (`tests/factories.add_record`).
"""

from tests.factories import child_data, consent_data, new_id, precheck_data, push_item, vaccination_data

EARLY = "2024-06-01T08:00:00+08:00"


def push_created(sync, items, user="demo-nurse", device_id="dev-1"):
    """Push the items as one batch and require each to be created; returns their ids."""
    results = sync.results(items, user=user, device_id=device_id)
    assert [r["status"] for r in results] == ["created"] * len(items), results
    return [item["id"] for item in items]


def _without(data, field):
    return {k: v for k, v in data.items() if k != field}


def scores_dataset(sync) -> dict:
    """tests/services/scoring/data.py's 2026 dataset of U01, pushed (same records, same expected deductions)."""
    ids = {name: new_id() for name in ("c1", "c2", "m1", "c3", "c4", "p1", "p2", "v1", "k1")}
    children = [
        ("c1", child_data(birth_date="2025-01-10", certificate_no="C-1")),
        ("c2", _without(child_data(birth_date="2025-02-10"), "certificate_no")),
        ("m1", _without(child_data(birth_date="2024-05-01", residence="migrant"), "village_code")),
        ("c3", child_data(birth_date="2026-05-01", certificate_no="C-3")),
        ("c4", child_data(birth_date="2026-05-01", certificate_no="C-4")),
    ]
    consent = _without(consent_data(ids["c1"], ids["p1"], vaccines=[{"vaccine": "HepB", "dose": 3, "category": "nip"}],
                                    signed_at="2026-03-10T09:00:00+08:00"), "signature")
    items = [push_item("child", data, id=ids[name], captured_at=EARLY) for name, data in children] + [
        push_item("precheck", precheck_data(ids["c1"], visit_date="2026-03-10",
                                            planned=[{"vaccine": "HepB", "dose": 3}]), id=ids["p1"]),
        push_item("precheck", _without(precheck_data(ids["c2"], visit_date="2026-04-10",
                                                     planned=[{"vaccine": "DTaP", "dose": 1}]), "temperature_c"),
                  id=ids["p2"]),
        push_item("vaccination", vaccination_data(ids["c1"], vaccine="HepB", dose=3, given_on="2026-03-10",
                                                  precheck_id=ids["p1"]), id=ids["v1"]),
        push_item("consent", consent, id=ids["k1"]),
        push_item("vaccination", vaccination_data(ids["c3"], vaccine="HepB", dose=1, given_on="2026-05-03")),
        push_item("vaccination", vaccination_data(ids["c4"], vaccine="HepB", dose=1, given_on="2026-05-01")),
    ]
    push_created(sync, items)
    return ids
