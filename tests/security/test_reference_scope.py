"""Every reference a pushed record carries must resolve inside the writer's scope, or the item is rejected naming
the field; nothing is stored and the other unit's data is unchanged."""

import pytest

from tests.factories import (
    aefi_report_data,
    aefi_review_data,
    child_data,
    consent_data,
    precheck_data,
    push_item,
    vaccination_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture


@pytest.fixture
def u03(sync):
    """A U03 child with a pre-check and a consent, pushed by U03's nurse; returns their ids."""
    child = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    pre = push_item("precheck", precheck_data(child["id"], unit="U03"), captured_by="demo-nurse-b")
    con = push_item("consent", consent_data(child["id"], pre["id"], unit="U03"), captured_by="demo-nurse-b")
    assert sync.statuses([child, pre, con], user="demo-nurse-b") == ["created"] * 3
    return {"child": child["id"], "precheck": pre["id"], "consent": con["id"]}


def _stored(db):
    db.session.expire_all()
    return {(r.id, r.rev) for r in db.session.query(Record)}


def _rejected_naming(sync, db, item, field):
    before = _stored(db)
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and field in result["errors"], result
    assert _stored(db) == before


def test_a_vaccination_for_another_units_child_is_rejected(sync, db, u03):
    _rejected_naming(sync, db, push_item("vaccination", vaccination_data(u03["child"])), "child_id")


def test_a_precheck_for_another_units_child_is_rejected(sync, db, u03):
    _rejected_naming(sync, db, push_item("precheck", precheck_data(u03["child"])), "child_id")


def test_a_consent_for_another_units_child_and_precheck_is_rejected(sync, db, u03):
    item = push_item("consent", consent_data(u03["child"], u03["precheck"]))
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and {"child_id", "precheck_id"} <= set(result["errors"])


def test_an_aefi_report_for_another_units_child_is_rejected(sync, db, u03):
    _rejected_naming(sync, db, push_item("aefi_report", aefi_report_data(u03["child"])), "child_id")


def test_a_vaccination_pointing_at_another_units_consent_is_rejected(sync, db, u03):
    child = push_item("child", child_data())
    assert sync.statuses([child]) == ["created"]
    item = push_item("vaccination", vaccination_data(child["id"], consent_id=u03["consent"]))
    _rejected_naming(sync, db, item, "consent_id")


def test_a_reference_to_another_units_record_earlier_in_the_same_push_is_rejected(sync, db):
    theirs = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    assert sync.statuses([theirs], user="demo-nurse-b") == ["created"]
    mine = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(mine["id"]))
    dose = push_item("vaccination", vaccination_data(mine["id"], precheck_id=pre["id"]))
    stray = push_item("vaccination", vaccination_data(theirs["id"], precheck_id=pre["id"]))
    assert sync.statuses([mine, pre, dose, stray]) == ["created", "created", "created", "rejected"]


def test_another_units_child_is_registered_in_the_giving_unit_to_record_the_dose(sync):
    visitor = push_item("child", child_data())  # records.md: as `temporary` once the child kind carries a status
    dose = push_item("vaccination", vaccination_data(visitor["id"]))
    assert sync.statuses([visitor, dose]) == ["created", "created"]


def test_a_county_reviewer_cannot_review_another_countys_report(sync, db):
    from webapp.models import County, Township, Unit
    from webapp.services.accounts.users import create_user
    db.session.add_all([County(code="999999", name="外县"),
                        Township(code="999999001", name="外镇", county_code="999999"),
                        Unit(code="X01", name="外县防保站", kind="township_station", township_code="999999001")])
    db.session.flush()
    create_user("county-x", "Demo-2026!", "county", "999999")
    db.session.commit()
    case = push_item("aefi_report", aefi_report_data())
    assert sync.statuses([case]) == ["created"]
    review = push_item("aefi_review", aefi_review_data(case["id"]), captured_by="county-x")
    before = _stored(db)
    result = sync.results([review], user="county-x")[0]
    assert result["status"] == "rejected" and "aefi_id" in result["errors"]
    assert _stored(db) == before
