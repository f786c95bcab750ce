"""CLI for a real county on an empty database: `county create` (county + first admin) and `org import` (the same
all-or-nothing import as the admin page)."""

from webapp.models import County, Township, Unit, User, Village

CSV_UNITS = "代码,名称,类型,所属乡镇代码\nU70,新镇防保站,乡镇防保站,150999001\n".encode()
CSV_TOWNSHIPS = "代码,名称\n150999001,新镇\n".encode("gbk")


def _create(runner, code="150999", name="新县", admin="county-admin"):
    return runner.invoke(args=["county", "create", code, name, "--admin", admin, "--password", "Strong-pass-2026"])


def test_county_create_makes_the_county_and_its_first_admin(runner, db):
    result = _create(runner)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(County, "150999").name == "新县"
    admin = db.session.query(User).filter_by(username="county-admin").one()
    assert (admin.role, admin.scope_code) == ("admin", "150999")


def test_county_create_saves_nothing_when_the_admin_is_refused(runner, db):
    result = runner.invoke(args=["county", "create", "150999", "新县", "--admin", "a", "--password", "short"])
    assert result.exit_code != 0 and "password" in result.output
    db.session.expire_all()
    assert db.session.get(County, "150999") is None


def test_county_create_refuses_an_existing_code(runner, db):
    _create(runner)
    result = _create(runner, admin="other-admin")
    assert result.exit_code != 0 and "150999" in result.output


def test_org_import_reads_the_countys_files_into_the_only_county(runner, db, tmp_path):
    _create(runner)
    (tmp_path / "townships.csv").write_bytes(CSV_TOWNSHIPS)
    (tmp_path / "units.csv").write_bytes(CSV_UNITS)
    first = runner.invoke(args=["org", "import", str(tmp_path / "townships.csv"), "--entity", "township"])
    second = runner.invoke(args=["org", "import", str(tmp_path / "units.csv"), "--entity", "unit"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "unit: created 1" in second.output
    db.session.expire_all()
    assert db.session.get(Township, "150999001").county_code == "150999"
    assert db.session.get(Unit, "U70").township_code == "150999001"


def test_org_import_with_a_bad_row_imports_nothing_and_names_the_row(runner, db, tmp_path):
    _create(runner)
    path = tmp_path / "villages.csv"
    path.write_text("代码,名称,所属接种单位代码\nV70,甲村,U70\n", encoding="utf-8")
    result = runner.invoke(args=["org", "import", str(path), "--entity", "village"])
    assert result.exit_code != 0 and "2" in result.output and "nothing imported" in result.output
    db.session.expire_all()
    assert db.session.query(Village).count() == 0


def test_org_import_needs_a_county_when_there_is_none(runner, db, tmp_path):
    path = tmp_path / "townships.csv"
    path.write_bytes(CSV_TOWNSHIPS)
    result = runner.invoke(args=["org", "import", str(path), "--entity", "township"])
    assert result.exit_code != 0 and "county create" in result.output


def test_users_can_be_created_in_the_new_county(runner, db, tmp_path):
    _create(runner)
    (tmp_path / "t.csv").write_bytes(CSV_TOWNSHIPS)
    (tmp_path / "u.csv").write_bytes(CSV_UNITS)
    runner.invoke(args=["org", "import", str(tmp_path / "t.csv"), "--entity", "township"])
    runner.invoke(args=["org", "import", str(tmp_path / "u.csv"), "--entity", "unit"])
    result = runner.invoke(args=["users", "create", "nurse-70", "--role", "nurse", "--scope", "U70",
                                 "--password", "Nurse-pass-2026"])
    assert result.exit_code == 0, result.output
