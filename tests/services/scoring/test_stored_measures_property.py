"""Property: after any sequence of pushes and edits through POST /sync/push, the scores read back from the stored
measures equal the scores computed from scratch (no stored measure at all).

Bounded (a few short sequences per backend) so it runs in seconds; the explicit example always edits a pre-check,
the case an edit-blind freshness mark gets wrong.
"""

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import child_data, precheck_data, push_item, vaccination_data
from tests.sync_client import SyncClient
from webapp.models.scoring import StoredMeasure
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_many

TODAY = date(2027, 1, 15)
MONTHS = st.integers(min_value=1, max_value=11)
STEP = st.one_of(
    st.tuples(st.just("child"), st.booleans(), st.just(0), MONTHS),
    st.tuples(st.just("precheck"), st.booleans(), st.integers(0, 5), MONTHS),
    st.tuples(st.just("vaccination"), st.booleans(), st.integers(0, 5), MONTHS),
    st.tuples(st.just("edit_precheck"), st.booleans(), st.integers(0, 5), st.just(0)),
    st.tuples(st.just("edit_child"), st.booleans(), st.integers(0, 5), st.just(0)),
)


def _scores(db):
    cards = compute_many([get_template("evaluation-standard"), get_template("county-plan-2014")], ["U01"], "2026",
                         TODAY)
    db.session.commit()
    return {t: [(i.item.code, i.score, [(d.points, d.reason) for d in i.deductions])
                for p in card.parts for s in p.sections for i in s.items]
            for t, by_unit in cards.items() for card in by_unit.values()}


_SYNC: dict[int, SyncClient] = {}  # per test client: examples share a device token (10 token requests a minute)


class Phone:
    """What the phone has pushed: each record's data and revision, edits sent with their base_rev."""

    def __init__(self, sync):
        self.sync, self.records = sync, {"child": [], "precheck": []}

    def push(self, kind, data, record=None):
        """Push one create (record None) or edit; requires `created` / `updated` with the next revision."""
        item = push_item(kind, data, id=record and record["id"], base_rev=record and record["rev"])
        [result] = self.sync.results([item])
        if record is None:
            expected = {"id": item["id"], "rev": 1, "status": "created"}
        elif data == record["data"]:  # an edit that changes nothing is a replay
            expected = {"id": item["id"], "rev": record["rev"], "status": "duplicate"}
        else:
            expected = {"id": item["id"], "rev": record["rev"] + 1, "status": "updated"}
        assert result == expected
        if record:
            record.update(data=data, rev=result["rev"])
        else:
            self.records.setdefault(kind, []).append({"id": item["id"], "data": data, "rev": 1})

    def step(self, op, flag, index, month):
        """One random step; a step needing a record that does not exist yet creates a child instead."""
        children, prechecks = self.records["child"], self.records["precheck"]
        month = month or 1
        day = f"2026-{month:02d}-10"
        if op == "precheck" and children:
            data = precheck_data(children[index % len(children)]["id"], visit_date=day)
            self.push("precheck", data if flag else {k: v for k, v in data.items() if k != "temperature_c"})
        elif op == "vaccination" and children:
            self.push("vaccination", vaccination_data(children[index % len(children)]["id"], vaccine="HepB",
                                                      dose=1 + index % 3, given_on=day))
        elif op == "edit_precheck" and prechecks:
            record = prechecks[index % len(prechecks)]
            data = {k: v for k, v in record["data"].items() if k != "temperature_c"}
            self.push("precheck", {**data, "temperature_c": 36.8} if flag else data, record)
        elif op == "edit_child" and children:
            record = children[index % len(children)]
            data = {k: v for k, v in record["data"].items() if k != "certificate_no"}
            self.push("child", {**data, "certificate_no": "C-7"} if flag else data, record)
        else:
            data = child_data(birth_date=f"2025-{month:02d}-01")
            self.push("child", data if flag else {k: v for k, v in data.items() if k != "certificate_no"})


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=5))
@example(steps=[("child", True, 0, 1), ("precheck", False, 0, 3), ("edit_precheck", True, 0, 0)])
@example(steps=[("child", False, 0, 1), ("edit_child", True, 0, 0)])
def test_stored_scores_equal_scores_from_scratch_after_random_pushes_and_edits(db, client, token_for, steps):
    phone = Phone(_SYNC.setdefault(id(client), SyncClient(client, token_for)))  # one token for every example
    _scores(db)
    for step in steps:
        phone.step(*step)
        stored = _scores(db)
        db.session.execute(StoredMeasure.__table__.delete())
        assert stored == _scores(db), step
