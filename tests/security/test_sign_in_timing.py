"""An unknown or inactive username costs the same password hash as a known one (no finding names by timing)."""

import pytest

from webapp.services.accounts import users


@pytest.mark.parametrize("name", ["nobody-here", "demo-nurse2"])
def test_an_unknown_or_inactive_user_still_verifies_a_password_hash(app, db, demo_org, monkeypatch, name):
    users.find_user("demo-nurse2").active = False
    db.session.commit()
    calls = []
    real = users.verify_password
    monkeypatch.setattr(users, "verify_password", lambda stored, pw: calls.append(stored) or real(stored, pw))
    assert users.authenticate(name, "wrong-password") is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_the_stand_in_hash_never_matches(app, db, demo_org):
    assert users.authenticate("nobody-here", "") is None and users.authenticate("nobody-here", "dummy") is None
