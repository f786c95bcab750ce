"""Exactly once under faults: lost responses, retries, duplicate sends, crashed requests, several devices."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import child_data, precheck_data, push_body, push_item
from webapp.extensions import limiter
from webapp.models import Record, RecordRevision
from webapp.services.sync import push as sync_service
from webapp.services.sync.records import canonical_json


class Device:
    """A phone's outbox: items leave only on created, duplicate or updated (offline.md).

    A `conflict` is taken only when this phone explains it: the server holds a version this phone sent earlier
    (its reply was lost) and the user has edited the record since. Any other conflict (a replay answered as a
    conflict, which would show a nurse a conflict screen) fails the test.
    """

    def __init__(self, client, headers, device_id):
        self.client, self.headers, self.device_id = client, headers, device_id
        self.outbox: list[dict] = []
        self.acked: dict[str, int] = {}
        self.sent: dict[str, set] = {}

    def push(self, batch_size, lose_response=False, send_twice=False):
        """Send the head of the outbox; a lost response leaves everything in the outbox."""
        batch = self.outbox[:batch_size]
        if not batch:
            return
        for item in batch:
            self.sent.setdefault(item["id"], set()).add(canonical_json(item["data"]))
        for _ in range(2 if send_twice else 1):
            resp = self.client.post("/api/v1/sync/push", json=push_body(batch, device_id=self.device_id),
                                    headers=self.headers)
        if lose_response or resp.status_code != 200:
            return
        done = set()
        for item, res in zip(batch, resp.get_json()["results"], strict=True):
            if res["status"] == "conflict":  # our own earlier send won; the user keeps this version
                self._explain(item, res)
                item["base_rev"] = res["current"]["rev"]
                continue
            assert res["status"] in ("created", "duplicate", "updated"), res
            done.add(id(item))
            self.acked[item["id"]] = res["rev"]
        self.outbox = [i for i in self.outbox if id(i) not in done]

    def _explain(self, item, res):
        held = canonical_json(res["current"]["data"])
        assert held in self.sent[item["id"]] and held != canonical_json(item["data"]), f"unexplained conflict: {res}"

    def edit(self, record_id, data, user):
        """Edit a record: a pending outbox item takes the new data, else a new item on the acknowledged rev."""
        pending = next((i for i in self.outbox if i["id"] == record_id), None)
        if pending is not None:
            pending["data"] = data
        else:
            self.outbox.append(push_item("child", data, id=record_id, captured_by=user,
                                         base_rev=self.acked[record_id]))


def _stored(db):
    db.session.expire_all()
    return {r.id: canonical_json(r.data) for r in db.session.query(Record)}


def _revisions(db) -> dict:
    """record id → the canonical data of each revision, in revision order (and the record's rev must match)."""
    db.session.expire_all()
    out = {}
    for rev in db.session.query(RecordRevision).order_by(RecordRevision.record_id, RecordRevision.rev):
        out.setdefault(rev.record_id, []).append(canonical_json(rev.data))
    assert {r.id: r.rev for r in db.session.query(Record)} == {k: len(v) for k, v in out.items()}
    return out


def _is_ordered_subset(stored: list, made: list) -> bool:
    """Each stored revision is a version the phone made, none twice, in the order made, the last one last."""
    if not stored or stored[-1] != made[-1]:
        return False
    position = -1
    for version in stored:
        later = [i for i, v in enumerate(made) if v == version and i > position]
        if not later:
            return False
        position = later[0]
    return True


_TOKENS: dict[int, list] = {}
NAMES = st.text(alphabet="王李张刘陈杨赵黄周吴小明红华", min_size=2, max_size=4)
STEPS = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["send", "lose", "twice", "edit"]),
                           st.integers(1, 4)), min_size=1, max_size=14)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(names=st.lists(NAMES, min_size=1, max_size=9), steps=STEPS)
def test_any_interleaving_of_sends_losses_and_retries_stores_exactly_what_was_sent(app, db, token_for, names,
                                                                                   steps):
    db.session.query(RecordRevision).delete()
    db.session.query(Record).delete()
    db.session.commit()
    limiter.reset()
    users = ["demo-nurse", "demo-nurse2", "demo-nurse"]
    tokens = _TOKENS.setdefault(id(token_for), [token_for(users[i], f"prop-{i}") for i in range(3)])
    devices = [Device(app.test_client(), tokens[i], f"prop-{i}") for i in range(3)]
    expected, made = {}, {}
    for n, name in enumerate(names):
        item = push_item("child", child_data(name=name), captured_by=users[n % 3])
        devices[n % 3].outbox.append(item)
        expected[item["id"]] = item["data"]
        if len(name) > 2:  # some children come with their pre-check, which references them
            check = push_item("precheck", precheck_data(item["id"]), captured_by=users[n % 3])
            devices[n % 3].outbox.append(check)
            expected[check["id"]] = check["data"]
    expected_first = dict(expected)
    for device_no, action, size in steps:
        device = devices[device_no]
        if action == "edit":
            children = sorted(i for i in device.acked if i in expected and "sex" in expected[i])
            if not children:
                continue
            record_id = children[size % len(children)]
            data = child_data(name=f"改{size}{len(device.outbox)}")
            device.edit(record_id, data, users[device_no])
            expected[record_id] = data
            made.setdefault(record_id, [canonical_json(expected_first[record_id])]).append(canonical_json(data))
        else:
            device.push(size, lose_response=action == "lose", send_twice=action == "twice")
    for device in devices:
        while device.outbox:
            device.push(4)
    assert _stored(db) == {k: canonical_json(v) for k, v in expected.items()}
    revisions = _revisions(db)
    for record_id, data in expected.items():
        versions = made.get(record_id, [canonical_json(data)])
        assert _is_ordered_subset(revisions[record_id], versions), (revisions[record_id], versions)


def test_2000_records_with_30_percent_of_responses_lost_are_stored_exactly_once(app, db, token_for, monkeypatch):
    rng = random.Random(2026)
    device = Device(app.test_client(), token_for("demo-nurse", "flaky"), "flaky")
    for _ in range(1000):
        child = push_item("child", child_data(name=rng.choice("王李张刘") + rng.choice("小大") + rng.choice("明红")))
        device.outbox += [child, push_item("precheck", precheck_data(child["id"]))]
    sent = {item["id"]: canonical_json(item["data"]) for item in device.outbox}
    crashes = _crash_some_requests_before_commit(monkeypatch, rng)
    rounds = 0
    while device.outbox:
        rounds += 1
        device.push(250, lose_response=rng.random() < 0.3)
        assert rounds < 200
    assert crashes, "no request crashed: the fault injection did not run"
    assert len(sent) == 2000 and _stored(db) == sent
    assert db.session.query(RecordRevision).count() == 2000


def _crash_some_requests_before_commit(monkeypatch, rng):
    """One push in ten fails after writing and before committing (the server answers 500; nothing is kept)."""
    original, crashes = sync_service.apply_items, []

    def flaky(ctx, items):
        results = original(ctx, items)
        if rng.random() < 0.1:
            crashes.append(len(items))
            raise RuntimeError("injected crash before commit")
        return results
    monkeypatch.setattr(sync_service, "apply_items", flaky)
    return crashes
