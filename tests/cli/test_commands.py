"""CLI: users create, seed-demo (idempotent, refused in production)."""

from webapp.models import County, School, Township, Unit, User, Village


def test_seed_demo_org_only_creates_the_demo_county_and_accounts(runner, db):
    result = runner.invoke(args=["seed-demo", "--org-only"])
    assert result.exit_code == 0, result.output
    assert "demo-nurse" in result.output and "Demo-2026!" in result.output
    counts = [db.session.query(m).count() for m in (County, Township, Unit, Village, School)]
    assert counts == [1, 3, 4, 12, 4]
    assert {u.username for u in db.session.query(User)} == {
        "demo-nurse", "demo-nurse2", "demo-nurse-b", "demo-school", "demo-county", "demo-admin"}


def test_seed_demo_twice_creates_nothing_new(runner, db):
    runner.invoke(args=["seed-demo", "--org-only"])
    result = runner.invoke(args=["seed-demo", "--org-only"])
    assert "created" not in result.output
    assert db.session.query(User).count() == 6


def test_seed_demo_refuses_production(runner, app):
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["seed-demo", "--org-only"])
    assert result.exit_code != 0 and "production" in result.output


def test_users_create_with_password_option(runner, db, demo_org):
    result = runner.invoke(args=["users", "create", "nurse-x", "--role", "nurse", "--scope", "U03",
                                 "--password", "Another-pass-1"])
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(username="nurse-x").one()
    assert (user.role, user.scope_code) == ("nurse", "U03")


def test_users_create_prompts_for_the_password(runner, db, demo_org):
    result = runner.invoke(args=["users", "create", "nurse-y", "--role", "nurse", "--scope", "U01"],
                           input="Prompted-pass-1\nPrompted-pass-1\n")
    assert result.exit_code == 0, result.output
    assert db.session.query(User).filter_by(username="nurse-y").count() == 1


def test_users_create_with_unknown_scope_names_the_field(runner, demo_org):
    result = runner.invoke(args=["users", "create", "z", "--role", "school", "--scope", "U01",
                                 "--password", "Another-pass-1"])
    assert result.exit_code != 0 and "scope" in result.output
