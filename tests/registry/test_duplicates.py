"""The potential-duplicate list (HTML, nurses and county users) and merging a pair from it."""

from tests.factories import child_data, push_item, vaccination_data
from tests.sync_client import sync as sync_fixture
from webapp.domain.duplicates import THRESHOLD, Person, reasons, score
from webapp.models import Record
from webapp.services.registry.duplicates import person

sync = sync_fixture  # the fixture, for the tests below


def _child(name, birth, unit="U01", by="demo-nurse", **kw):
    return push_item("child", child_data(unit=unit, name=name, birth_date=birth, **kw), captured_by=by)


def test_homophones_initials_and_one_character_apart_are_alike_but_other_names_are_not():
    def p(name, **kw):
        base = {"name": name, "birth_date": "2025-03-01", "guardian_phone": None, "certificate_no": None}
        return person("x", {**base, **kw})
    assert reasons(p("王小明"), p("王晓明")) == ["birth_same", "name_sound"]
    assert reasons(p("张伟"), p("周文")) == ["birth_same", "name_initials"]
    assert reasons(p("李明明"), p("李明亮")) == ["birth_same", "name_close"]
    assert reasons(p("王小明"), p("赵大海", birth_date="2024-07-15")) == []
    assert score(reasons(p("刘一", birth_date="2025-03-04"), p("陈二", birth_date="2025-04-03"))) < THRESHOLD
    assert reasons(Person("a", "甲", ("jia",), "2025-03-04", "138 0000 1111", None),
                   Person("b", "乙", ("yi",), "2025-04-03", "13800001111", None)) == ["phone_same", "birth_close"]


def test_a_nurse_sees_her_units_likely_pairs_side_by_side(sync, auth, client):
    items = [_child("王小明", "2025-03-01"), _child("王晓明", "2025-03-01"), _child("李四", "2024-06-01",
                                                                              guardian_phone="13911112222")]
    assert sync.statuses(items) == ["created"] * 3
    auth.login("demo-nurse")
    html = client.get("/registry/duplicates").get_data(as_text=True)
    assert html.count('class="card dup-pair"') == 1
    assert "姓名同音" in html and "出生日期相同" in html and "王晓明" in html and "李四" not in html
    assert client.get("/registry/duplicates?unit=U03").status_code == 403


def test_the_county_sees_pairs_across_units_and_merges_one(sync, auth, client, db):
    mine, theirs = _child("王小明", "2025-03-01"), _child("王晓明", "2025-03-01", unit="U03", by="demo-nurse-b")
    shot = push_item("vaccination", vaccination_data(theirs["id"], unit="U03"), captured_by="demo-nurse-b")
    assert sync.statuses([mine]) == ["created"]
    assert sync.statuses([theirs, shot], user="demo-nurse-b") == ["created", "created"]
    auth.login("demo-nurse")
    assert 'dup-pair' not in client.get("/registry/duplicates").get_data(as_text=True)  # one unit each
    auth.login("demo-county")
    assert client.get("/registry/duplicates").get_data(as_text=True).count('class="card dup-pair"') == 1
    token = auth.csrf("/registry/duplicates")
    resp = client.post("/registry/duplicates/merge", data={"csrf_token": token, "keep_id": mine["id"],
                                                           "merge_id": theirs["id"]})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Record, theirs["id"]).deleted
    assert db.session.get(Record, shot["id"]).child_id == mine["id"]
    assert "dup-pair" not in client.get("/registry/duplicates").get_data(as_text=True)


def test_a_merge_the_rules_refuse_is_shown_naming_the_field(sync, auth, client):
    mine = _child("王小明", "2025-03-01")
    assert sync.statuses([mine]) == ["created"]
    auth.login("demo-nurse")
    token = auth.csrf("/registry/duplicates")
    resp = client.post("/registry/duplicates/merge", data={"csrf_token": token, "keep_id": mine["id"],
                                                           "merge_id": mine["id"]}, follow_redirects=True)
    assert "合并的儿童：不能与自身合并" in resp.get_data(as_text=True)
