"""A school refers a pupil only to an active unit of its own county; anything else is rejected naming the field."""

import pytest

from tests.factories import push_item, school_check_data, student_check_data
from tests.sync_client import sync as sync_fixture
from webapp.models import County, Township, Unit

sync = sync_fixture


@pytest.fixture
def batch(sync, db):
    db.session.add_all([County(code="999999", name="外县"),
                        Township(code="999999001", name="外镇", county_code="999999"),
                        Unit(code="X01", name="外县防保站", kind="township_station", township_code="999999001"),
                        Unit(code="U09", name="已撤并防保站", kind="township_station", township_code="150424001",
                             active=False)])
    db.session.commit()
    item = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    assert sync.statuses([item], user="demo-school") == ["created"]
    return item["id"]


def _student(batch, unit):
    return push_item("student_check", student_check_data(batch, referral={"unit_code": unit,
                                                                           "notified_on": "2026-09-02"}),
                     captured_by="demo-school")


@pytest.mark.parametrize("unit", ["X01", "U09", "NOPE"])
def test_a_referral_to_another_county_an_inactive_or_unknown_unit_is_rejected(sync, batch, unit):
    result = sync.results([_student(batch, unit)], user="demo-school")[0]
    assert result["status"] == "rejected" and "referral.unit_code" in result["errors"], result
    assert sync.records("demo-school") == {"school_check": {batch}}


def test_a_referral_to_an_active_unit_of_the_county_is_stored(sync, batch):
    assert sync.statuses([_student(batch, "U03")], user="demo-school") == ["created"]
