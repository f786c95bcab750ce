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


def aefi_cases(sync) -> dict:
    """tests/review/test_pages.py's `cases`, pushed: an on-time report of U01, a late serious one of U03 under
    investigation (reviewed by the county), and four DTaP doses given in U01 on 2026-03-02 to real children."""
    from tests.aefi_records import report_data

    on_time = report_data("U01", onset="2026-03-10T08:00:00+08:00", name="按时儿童")
    late = report_data("U03", onset="2026-03-12T08:00:00+08:00", reported_h=60, name="迟报儿童", serious=True)
    ids = {"on_time": new_id(), "late": new_id()}
    push_created(sync, [push_item("aefi_report", on_time, id=ids["on_time"], captured_at=on_time["reported_at"])])
    push_created(sync, [push_item("aefi_report", late, id=ids["late"], captured_by="demo-nurse-b",
                                  captured_at=late["reported_at"])], user="demo-nurse-b")
    review = {"aefi_id": ids["late"], "status": "investigating",
              "investigation_started_at": "2026-03-15T09:00:00+08:00", "final_class": "rare_reaction",
              "who_causality": "A1"}
    push_created(sync, [push_item("aefi_review", review, captured_by="demo-county")], user="demo-county")
    children = [push_item("child", child_data()) for _ in range(4)]
    push_created(sync, children + [push_item("vaccination", vaccination_data(
        c["id"], vaccine="DTaP", dose=1, given_on="2026-03-02", lot_no="L2026A", manufacturer="武汉生物"))
        for c in children])
    return ids


def school_batch(sync) -> dict:
    """tests/schools/dataset.py's S01 batch, pushed by the school's checker: five checked students, one lacking
    its MPSV-AC dose (referred to U01, pending) and one without a certificate."""
    from tests.schools.dataset import BIRTH, MISSING_MENAC, doses_and_evaluation

    batch = push_item("school_check", {"school_code": "S01", "term": "2026-autumn", "kind": "kindergarten",
                                       "started_on": "2026-09-01", "checker": "赵老师"}, captured_by="demo-school")

    def student(name, certificate="present", missing=(), **extra):
        doses, _ = doses_and_evaluation(missing, "2026-09-01")
        return push_item("student_check", {"school_check_id": batch["id"], "name": name, "sex": "F",
                                           "birth_date": BIRTH.isoformat(), "class_name": "小一班",
                                           "certificate": certificate, "doses": doses, **extra},
                         captured_by="demo-school")
    missing = student("甲一", missing=MISSING_MENAC, catch_up_status="pending",
                      referral={"unit_code": "U01", "notified_on": "2026-09-02"})
    items = [batch, missing] + [student(n) for n in ("甲二", "甲三", "甲四")] + [student("甲五", "absent")]
    push_created(sync, items, user="demo-school")
    return {"s01": batch["id"], "s01_missing": missing["id"]}
