"""A phone's pull on a slow link: compressed as its browser offers, and without signature images it asked to omit."""

import gzip
import json

import brotli

from tests.factories import child_data, consent_data, precheck_data, push_item
from tests.sync_client import sync as sync_fixture

sync = sync_fixture  # the fixture, for the tests below


def _encounter(sync):
    child = push_item("child", child_data())
    precheck = push_item("precheck", precheck_data(child["id"]))
    consent = push_item("consent", consent_data(child["id"], precheck["id"]))
    assert sync.statuses([child, precheck, consent]) == ["created"] * 3
    return consent


def _pull(sync, encoding=None, omit=None):
    headers = {**sync.auth("demo-nurse"), **({"Accept-Encoding": encoding} if encoding else {})}
    query = {"limit": 500, **({"omit": omit} if omit else {})}
    return sync.client.get("/api/v1/sync/pull", query_string=query, headers=headers)


def test_a_pull_is_sent_compressed_with_brotli_or_gzip_as_the_phone_offers_and_reads_the_same(sync):
    _encounter(sync)
    plain = _pull(sync)
    assert plain.headers.get("Content-Encoding") is None
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        resp = _pull(sync, f"{encoding}, deflate")
        assert resp.headers["Content-Encoding"] == encoding and "Accept-Encoding" in resp.headers["Vary"]
        assert len(resp.get_data()) < len(plain.get_data()) / 4
        assert json.loads(decode(resp.get_data())) == plain.get_json()


def test_html_pages_are_not_compressed_as_they_carry_csrf_tokens(client):
    resp = client.get("/login", headers={"Accept-Encoding": "gzip, br"})
    assert resp.status_code == 200 and resp.headers.get("Content-Encoding") is None


def test_a_consent_pulled_with_omit_signature_comes_without_the_image_and_says_so(sync):
    consent = _encounter(sync)
    whole = {c["id"]: c for c in _pull(sync).get_json()["changes"]}
    lean = {c["id"]: c for c in _pull(sync, omit="signature").get_json()["changes"]}
    assert whole[consent["id"]]["data"] == consent["data"] and "omitted" not in whole[consent["id"]]
    expected = {k: v for k, v in consent["data"].items() if k != "signature"}
    assert lean[consent["id"]]["data"] == expected and lean[consent["id"]]["omitted"] == ["signature"]
    others = [i for i, c in lean.items() if c["kind"] != "consent"]
    assert others and all(lean[i] == whole[i] for i in others)


def test_omit_takes_only_signature_and_names_the_parameter(sync):
    resp = _pull(sync, omit="data")
    assert resp.status_code == 422 and list(resp.get_json()["errors"]) == ["omit"]


def test_each_page_says_about_how_many_record_changes_are_still_to_come(sync):
    items = [push_item("child", child_data(name=f"儿童{i}")) for i in range(5)]
    assert sync.statuses(items) == ["created"] * 5
    _, cursor = sync.pull_all()  # the phone is current; five more records change
    assert sync.statuses([push_item("child", child_data(name=f"新{i}")) for i in range(5)]) == ["created"] * 5
    first = sync.pull(cursor=cursor, limit=2).get_json()
    assert (len(first["changes"]), first["has_more"], first["remaining"]) == (2, True, 3)
    last = sync.pull(cursor=sync.pull(cursor=first["cursor"], limit=2).get_json()["cursor"], limit=2).get_json()
    assert (len(last["changes"]), last["has_more"], last["remaining"]) == (1, False, 0)
