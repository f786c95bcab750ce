"""A small sync client for tests: push and pull as a demo user through the real API."""

import pytest

from tests.factories import push_body


class SyncClient:
    """Push and pull as demo users, with one device token per (user, device)."""

    def __init__(self, client, token_for):
        self.client, self.token_for, self.headers = client, token_for, {}

    def auth(self, user, device_id="dev-1"):
        """The Authorization header of a user's device."""
        if (user, device_id) not in self.headers:
            self.headers[(user, device_id)] = self.token_for(user, device_id)
        return self.headers[(user, device_id)]

    def push(self, items, user="demo-nurse", device_id="dev-1", **body):
        """POST /sync/push; returns the response."""
        return self.client.post("/api/v1/sync/push", json=push_body(items, device_id=device_id, **body),
                                headers=self.auth(user, device_id))

    def results(self, items, user="demo-nurse", **body):
        """Push and return the per-item results (asserting a 200)."""
        resp = self.push(items, user=user, **body)
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()["results"]

    def statuses(self, items, user="demo-nurse", **body):
        """Push and return just the statuses."""
        return [r["status"] for r in self.results(items, user=user, **body)]

    def pull(self, user="demo-nurse", cursor=None, limit=500):
        """GET /sync/pull; returns the response."""
        query = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        return self.client.get("/api/v1/sync/pull", query_string=query, headers=self.auth(user))

    def pull_all(self, user="demo-nurse", cursor=None, limit=500):
        """Pull every page; returns (changes, last cursor)."""
        changes = []
        while True:
            body = self.pull(user, cursor, limit).get_json()
            changes += body["changes"]
            cursor = body["cursor"]
            if not body["has_more"]:
                return changes, cursor

    def records(self, user="demo-nurse", cursor=None):
        """The record ids (not reference data) a user pulls, by kind."""
        changes, _ = self.pull_all(user, cursor)
        out = {}
        for change in changes:
            if change["kind"] in RECORD_KINDS:
                out.setdefault(change["kind"], set()).add(change["id"])
        return out


RECORD_KINDS = ("child", "precheck", "consent", "vaccination", "aefi_report", "aefi_review", "aefi_zero_report",
                "school_check", "student_check", "child_merge",
                "survey", "survey_child", "stock_movement", "temperature_reading", "observation")


@pytest.fixture
def sync(client, token_for):
    """A SyncClient on the test client."""
    return SyncClient(client, token_for)
