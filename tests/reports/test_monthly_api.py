"""GET /api/v1/reports/monthly on a small hand-built unit: 应种/实种 per village, computed by hand (records.md).

October 2026 in U01 (villages V01, V04), every record pushed through POST /api/v1/sync/push except the moved-out
child (the child schema takes `status` only once the scores-rules branch lands):
- A (V01, born 10-10): HepB-1 on 10-10, BCG on 10-11 → HepB-1 1/1, BCG-1 1/1.
- B (V01, born 09-05): HepB-1 09-05, BCG 09-06 (before the month: out), HepB-2 due 10-05 given 10-20 → 1/1.
- C (V04, born 08-20, carried over): HepB-2 due 09-20, missed in September, given 10-08 → HepB-2 1/1;
  polio 1 and DTaP 1 due 10-20 not given in October (polio given 11-03, after the month) → 1/0 each.
- D (V04, migrant, born 10-02): HepB-1 on 10-02 → 1/1 (migrant 1/1); BCG due 10-02 not given → 1/0 (migrant 1/0).
- E (V01, born 09-15, moved out 10-15): its HepB-2 (due 10-15) is in no figure.
"""

import pytest

from tests.factories import add_record, child_data, new_id, push_item, vaccination_data
from tests.sync_client import SyncClient

MONTH = "2026-10"


def _child(sync, village, birth, residence="local"):
    child_id = new_id()
    assert sync.statuses([push_item("child", child_data(village_code=village, birth_date=birth,
                                                        residence=residence), id=child_id)]) == ["created"]
    return child_id


def _doses(sync, child_id, *doses):
    items = [push_item("vaccination", vaccination_data(child_id, vaccine=v, dose=n, given_on=day,
                                                       route="PO" if v == "bOPV" else "IM"))
             for v, n, day in doses]
    assert sync.statuses(items) == ["created"] * len(items)


def build_unit(sync):
    """The five children above; returns their ids."""
    ids = {"A": _child(sync, "V01", "2026-10-10"), "B": _child(sync, "V01", "2026-09-05"),
           "C": _child(sync, "V04", "2026-08-20"), "D": _child(sync, "V04", "2026-10-02", "migrant")}
    _doses(sync, ids["A"], ("HepB", 1, "2026-10-10"), ("BCG", 1, "2026-10-11"))
    _doses(sync, ids["B"], ("HepB", 1, "2026-09-05"), ("BCG", 1, "2026-09-06"), ("HepB", 2, "2026-10-20"))
    _doses(sync, ids["C"], ("HepB", 1, "2026-08-20"), ("BCG", 1, "2026-08-21"), ("HepB", 2, "2026-10-08"),
           ("bOPV", 1, "2026-11-03"))
    _doses(sync, ids["D"], ("HepB", 1, "2026-10-02"))
    moved = add_record("child", child_data(village_code="V01", birth_date="2026-09-15", status="moved_out",
                                           status_on="2026-10-15"))
    ids["E"] = moved.id
    _doses(sync, ids["E"], ("HepB", 1, "2026-09-15"))
    return ids


@pytest.fixture
def unit(client, token_for, db):
    sync = SyncClient(client, token_for)
    ids = build_unit(sync)
    db.session.commit()
    return ids


def _get(client, token_for, user="demo-county", query=f"unit=U01&month={MONTH}"):
    return client.get(f"/api/v1/reports/monthly?{query}", headers=token_for(user))


def _nonzero(rows):
    return {(r["village_code"], r["group"]): (r["due"], r["given"], r["migrant_due"], r["migrant_given"])
            for r in rows if r["due"] or r["given"]}


def test_the_hand_built_unit_reads_the_hand_computed_figures_per_village(client, token_for, unit):
    resp = _get(client, token_for)
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["unit"], body["month"]) == ("U01", MONTH)
    assert _nonzero(body["rows"]) == {
        ("V01", "HepB-1"): (1, 1, 0, 0), ("V01", "BCG-1"): (1, 1, 0, 0), ("V01", "HepB-2"): (1, 1, 0, 0),
        ("V04", "HepB-1"): (1, 1, 1, 1), ("V04", "BCG-1"): (1, 0, 1, 0), ("V04", "HepB-2"): (1, 1, 0, 0),
        ("V04", "Polio-1"): (1, 0, 0, 0), ("V04", "DTP-1"): (1, 0, 0, 0)}
    totals = {t["group"]: (t["due"], t["given"], t["rate"]) for t in body["totals"] if t["due"]}
    assert totals == {"HepB-1": (2, 2, 100.0), "BCG-1": (2, 1, 50.0), "HepB-2": (2, 2, 100.0),
                      "Polio-1": (1, 0, 0.0), "DTP-1": (1, 0, 0.0)}
    assert next(t for t in body["totals"] if t["group"] == "MCV-1") == {"group": "MCV-1", "due": 0, "given": 0,
                                                                        "rate": None}


def test_the_month_before_counts_what_was_due_and_given_then(client, token_for, unit):
    body = _get(client, token_for, query="unit=U01&month=2026-09").get_json()
    totals = {t["group"]: (t["due"], t["given"]) for t in body["totals"] if t["due"]}
    # B: HepB-1, BCG in September; C: HepB-2 due 09-20 missed; E (moved out only in October): HepB-1 given 09-15
    # and BCG due at birth, not given
    assert totals == {"HepB-1": (2, 2), "BCG-1": (2, 1), "HepB-2": (1, 0)}


def test_a_nurse_reads_her_own_unit_without_naming_it_and_no_other(client, token_for, unit):
    own = _get(client, token_for, "demo-nurse", f"month={MONTH}")
    assert own.status_code == 200 and own.get_json()["unit"] == "U01"
    assert _get(client, token_for, "demo-nurse", f"unit=U03&month={MONTH}").status_code == 403


def test_a_unit_outside_the_county_is_forbidden(client, token_for, unit):
    assert _get(client, token_for, query=f"unit=NOPE&month={MONTH}").status_code == 403


@pytest.mark.parametrize("query,fields", [("month=2026-13", {"unit", "month"}), ("unit=U01&month=2026-10-01",
                                          {"month"}), ("unit=U01", {"month"}), ("unit=U01&month=2999-01", {"month"})])
def test_bad_parameters_are_a_422_problem_naming_the_fields(client, token_for, query, fields):
    resp = _get(client, token_for, query=query)
    assert resp.status_code == 422
    assert resp.headers["Content-Type"].startswith("application/problem+json")
    assert set(resp.get_json()["errors"]) == fields
