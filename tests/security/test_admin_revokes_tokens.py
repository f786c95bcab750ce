"""An admin's password reset or deactivation ends the user's device tokens at once, and they stay ended."""

from webapp.models import DeviceToken
from webapp.services.accounts.users import find_user


def _edit(auth, client, user, **changes):
    token = auth.csrf(f"/admin/users/{user.id}")
    form = {"username": user.username, "role": user.role, "scope_code": user.scope_code, "display_name": "王护士",
            "password": "", "active": "y", "csrf_token": token, **changes}
    form = {k: v for k, v in form.items() if v is not None}
    return client.post(f"/admin/users/{user.id}", data=form)


def test_a_password_reset_by_the_admin_revokes_the_users_device_tokens(auth, client, token_for, db):
    headers = token_for("demo-nurse")
    auth.login("demo-admin")
    assert _edit(auth, client, find_user("demo-nurse"), password="Another-long-pass-9").status_code == 302
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401
    db.session.expire_all()
    assert all(row.revoked_at is not None for row in db.session.query(DeviceToken))


def test_a_deactivation_revokes_the_tokens_so_reactivating_does_not_bring_them_back(auth, client, token_for, db):
    headers = token_for("demo-nurse")
    auth.login("demo-admin")
    assert _edit(auth, client, find_user("demo-nurse"), active=None).status_code == 302
    assert _edit(auth, client, find_user("demo-nurse")).status_code == 302
    db.session.expire_all()
    assert find_user("demo-nurse").active
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_an_edit_that_changes_neither_keeps_the_tokens(auth, client, token_for):
    headers = token_for("demo-nurse")
    auth.login("demo-admin")
    assert _edit(auth, client, find_user("demo-nurse")).status_code == 302
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
