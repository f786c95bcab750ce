"""Accounts: passwords of 10+ characters that are not well known; usernames of visible characters; names that are
only spaces are not names (accounts and pushed records alike)."""

import pytest

from tests.factories import child_data, push_item
from tests.sync_client import sync as sync_fixture
from webapp.models import Record
from webapp.services.accounts.users import UserError, create_user, find_user, update_user

sync = sync_fixture


@pytest.mark.parametrize("password", ["Short-1", "123456789", "1234567890", "Password123", "woaini1314"])
def test_short_or_common_passwords_are_refused(app, db, demo_org, password):
    with pytest.raises(UserError) as err:
        create_user("nurse-new", password, "nurse", "U01")
    assert err.value.field == "password"
    with pytest.raises(UserError):
        update_user("demo-admin", find_user("demo-nurse"), "nurse", "U01", True, password=password)


def test_a_long_uncommon_password_is_accepted(app, db, demo_org):
    assert create_user("nurse-new", "马兰花开2026年的春天", "nurse", "U01").active


@pytest.mark.parametrize("name", ["a\x00b", "nurse\x07", "\u202eadmin", "two words", "tab\there", "x" * 65,
                                  "zero\u200bwidth"])
def test_usernames_with_control_invisible_or_space_characters_are_refused(app, db, demo_org, name):
    with pytest.raises(UserError) as err:
        create_user(name, "Long-enough-2026", "nurse", "U01")
    assert err.value.field == "username"


def test_the_admin_form_names_the_username_with_odd_characters(auth, client, db):
    auth.login("demo-admin")
    resp = client.post("/admin/users/new", data={"username": "nurse\u202e", "role": "nurse", "scope_code": "U01",
                                                 "password": "Long-enough-2026", "active": "y",
                                                 "csrf_token": auth.csrf("/admin/users/new")})
    assert resp.status_code == 200 and "用户名只能使用可见字符" in resp.get_data(as_text=True)


def test_a_display_name_of_spaces_becomes_the_username(app, db, demo_org):
    assert create_user("nurse-new", "Long-enough-2026", "nurse", "U01", display_name="   ").display_name == "nurse-new"


@pytest.mark.parametrize("field", ["name", "guardian_name"])
def test_a_pushed_name_of_only_spaces_is_rejected_naming_the_field(sync, db, field):
    item = push_item("child", child_data(**{field: "   "}))
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and field in result["errors"]
    assert db.session.query(Record).count() == 0
