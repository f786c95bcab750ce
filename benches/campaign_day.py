"""Benchmark: a campaign day (issue 25) — every phone of a county pushes its day's work once the network returns.

`--units` vaccination units (the demo county's U01–U04 plus units U05… created through the admin service) with
`--phones` nurses' phones each. Every phone holds a day's work in its outbox: `--children` children, each with
a pre-check, a written consent carrying a ~10 KB signature PNG and a vaccination (4 records per child, in that
order, so each record's references come earlier). The phones are synced once in the morning (not timed); when
the network returns each phone starts at a random moment inside the same `--window` seconds and sends its outbox
as the phone app does (batches of at most 500 items of one author; a batch is resent unchanged on 429/5xx or a
dropped connection), against gunicorn (`--workers`, `--threads`) on a throwaway PostgreSQL database. After every
phone has pushed, each phone pulls from its cursor (omit=signature, as the app asks).

Printed beside the targets: errors (requests that never got 200, item verdicts other than created/duplicate),
p50/p95/p99 push latency (target p95 ≤ 2 s), pull latency, and the checks that can fail: per kind, records in
the database = records pushed, one revision each, and every phone's pull brought every record of its unit that
the other phones pushed. The machine's load average is printed with the figures.

    .venv/bin/python benches/campaign_day.py [--units 15 --phones 2 --children 40 --window 60 --db postgresql]
"""

import argparse
import os
import random
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from bench_pull import signature_png
from bench_support import BenchDatabase, Device, Sample, Server, percentile

TARGET_P95_S = 2.0
PUSH_LIMIT = 500
KINDS = ("child", "precheck", "consent", "vaccination")


def seed_units(url: str, units: int, phones: int) -> list[dict]:
    """Units beyond U04 and `phones` nurses per unit, through the services; one device token per nurse."""
    from webapp import create_app
    from webapp.extensions import db
    from webapp.services.accounts.tokens import issue_token
    from webapp.services.accounts.users import create_user
    from webapp.services.admin.org import save_org_entity

    app = create_app({"DATABASE_URL": url, "ENV_NAME": "testing", "SECRET_KEY": "bench-" + "x" * 40})
    out = []
    with app.app_context():
        for n in range(5, units + 1):
            values = {"code": f"U{n:02d}", "name": f"压测接种单位{n}", "kind": "township_station",
                      "township_code": "150424001"}
            save_org_entity("bench", "unit", values, create=True)
        for n in range(1, units + 1):
            for p in range(phones):
                user = create_user(f"camp-nurse-{n:02d}-{p}", "Bench-pass-1", "nurse", f"U{n:02d}", f"护士{n}-{p}")
                token, _row = issue_token(user, f"camp-dev-{n:02d}-{p}", "campaign phone")
                out.append({"user": user.username, "unit": user.scope_code, "device": f"camp-dev-{n:02d}-{p}",
                            "token": token})
        db.session.commit()
        db.engine.dispose()
    return out


def day_of_work(device: dict, children: int, signatures: list[str], rng: random.Random) -> list[dict]:
    """A phone's outbox after a campaign day: child, pre-check, signed consent and vaccination per child."""
    from tests.factories import child_data, consent_data, precheck_data, vaccination_data

    unit, items = device["unit"], []
    for _ in range(children):
        child, check, consent, dose = (str(uuid.uuid4()) for _ in range(4))
        items += [
            _item("child", child, device, child_data(unit=unit, village_code=None)),
            _item("precheck", check, device, precheck_data(child, unit=unit)),
            _item("consent", consent, device, consent_data(child, check, unit=unit,
                                                           signature=rng.choice(signatures))),
            _item("vaccination", dose, device, vaccination_data(child, unit=unit, precheck_id=check,
                                                                consent_id=consent)),
        ]
    return items


def _item(kind: str, item_id: str, device: dict, data: dict) -> dict:
    now = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    return {"kind": kind, "id": item_id, "base_rev": None, "captured_at": now, "captured_by": device["user"],
            "data": {k: v for k, v in data.items() if v is not None}}


class Phone(Device):
    """A simulated phone that pulls as the app does (omit=signature) and remembers the ids it received."""

    def pull_ids(self) -> tuple[list[Sample], set[str]]:
        """Every page after the cursor; returns the samples and the record ids received."""
        samples, ids = [], set()
        while True:
            query = {"limit": 500, "omit": "signature", **({"cursor": self.cursor} if self.cursor else {})}
            start = time.perf_counter()
            resp, retries = self._send("GET", "/api/v1/sync/pull", params=query)
            status = resp.status_code if resp is not None else 0
            samples.append(Sample("pull", time.perf_counter() - start, status, retries))
            if status != 200:
                return samples, ids
            body = resp.json()
            ids |= {c["id"] for c in body["changes"] if c.get("kind") in KINDS}
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return samples, ids


def push_day(phone: Phone, items: list[dict], delay: float) -> tuple[list[Sample], Counter, set[str]]:
    """Wait for the network, then send the outbox in batches; returns samples, verdict counts, accepted ids."""
    time.sleep(delay)
    samples, verdicts, accepted = [], Counter(), set()
    for start in range(0, len(items), PUSH_LIMIT):
        sample, body = phone.push(items[start:start + PUSH_LIMIT])
        samples.append(sample)
        for res in (body or {}).get("results", []):
            verdicts[res["status"]] += 1
            if res["status"] in ("created", "duplicate"):
                accepted.add(res["id"])
    return samples, verdicts, accepted


def database_counts(db: BenchDatabase) -> dict:
    """Per kind: rows, distinct ids and revisions of the campaign nurses' records."""
    where = "captured_by LIKE 'camp-nurse-%' AND kind = :k"
    return {kind: (db.scalar(f"SELECT count(*) FROM records WHERE {where}", k=kind),
                   db.scalar(f"SELECT count(DISTINCT id) FROM records WHERE {where}", k=kind),
                   db.scalar("SELECT count(*) FROM record_revisions r JOIN records c ON c.id = r.record_id "
                             "WHERE r.captured_by LIKE 'camp-nurse-%' AND c.kind = :k", k=kind))
            for kind in KINDS}


def run_day(args, db: BenchDatabase, devices: list[dict], base: str) -> dict:
    """Morning sync, the window of pushes, then every phone's pull; returns what the report needs."""
    rng = random.Random(args.seed)
    signatures = [signature_png(rng) for _ in range(6)]
    outboxes = [day_of_work(d, args.children, signatures, rng) for d in devices]
    phones = [Phone(d, [base]) for d in devices]
    with ThreadPoolExecutor(max_workers=len(phones)) as pool:
        list(pool.map(Phone.pull_ids, phones))  # the morning's sync (not timed)
        delays = [rng.uniform(0, args.window) for _ in phones]
        start = time.perf_counter()
        pushed = list(pool.map(push_day, phones, outboxes, delays))
        push_wall = time.perf_counter() - start
        pulled = list(pool.map(Phone.pull_ids, phones))
    return {"outboxes": outboxes, "pushed": pushed, "pulled": pulled, "push_wall": push_wall,
            "devices": devices, "counts": database_counts(db), "retries": sum((p.retry_reasons for p in phones),
                                                                              Counter())}


def pull_misses(run: dict) -> int:
    """Records of a unit pushed by any of its phones that a phone of that unit did not receive in its pull."""
    by_unit = {}
    for device, items in zip(run["devices"], run["outboxes"], strict=True):
        by_unit.setdefault(device["unit"], set()).update(i["id"] for i in items)
    own = {}
    for device, items in zip(run["devices"], run["outboxes"], strict=True):
        own[device["device"]] = {i["id"] for i in items}
    return sum(len(by_unit[d["unit"]] - own[d["device"]] - ids)
               for d, (_s, ids) in zip(run["devices"], run["pulled"], strict=True))


def report(args, run: dict, load_before: float) -> None:
    """Print every figure beside its target."""
    pushes = [s for samples, _v, _a in run["pushed"] for s in samples]
    pulls = [s for samples, _ids in run["pulled"] for s in samples]
    verdicts = sum((v for _s, v, _a in run["pushed"]), Counter())
    items = sum(len(o) for o in run["outboxes"])
    failed = sum(1 for s in pushes + pulls if s.status != 200)
    bad = sum(n for status, n in verdicts.items() if status not in ("created", "duplicate"))
    expected = Counter(i["kind"] for o in run["outboxes"] for i in o)
    misses = pull_misses(run)
    print(f"campaign_day: {args.db}, gunicorn {args.workers} workers × {args.threads} threads; {args.units} units × "
          f"{args.phones} phones, {args.children} children each (4 records per child: {items} records, "
          f"{expected['consent']} consents with ~10 KB signatures), pushes started within {args.window:.0f} s")
    print(f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs "
          f"(shared machine)")
    print(f"requests: {len(pushes)} pushes, {len(pulls)} pulls; errors {failed + bad} (target 0): "
          f"{failed} requests without a 200, {bad} items not created/duplicate; verdicts {dict(verdicts)}; "
          f"retries {sum(s.retries for s in pushes + pulls)} {dict(run['retries']) or ''}")
    ms = sorted(s.seconds for s in pushes)
    print(f"push latency s: p50 {percentile(ms, 50):.2f}  p95 {percentile(ms, 95):.2f}  p99 {percentile(ms, 99):.2f}  "
          f"max {max(ms):.2f}   target p95 ≤ {TARGET_P95_S:.0f} s → "
          f"{'met' if percentile(ms, 95) <= TARGET_P95_S else 'NOT met'}")
    pl = [s.seconds for s in pulls]
    print(f"pull latency s: p50 {percentile(pl, 50):.2f}  p95 {percentile(pl, 95):.2f}  max {max(pl):.2f}; "
          f"pushes done in {run['push_wall']:.1f} s → {items / run['push_wall']:.0f} records/s over the window")
    holds = misses == 0
    for kind in KINDS:
        rows, distinct, revisions = run["counts"][kind]
        ok = rows == distinct == revisions == expected[kind]
        holds &= ok
        print(f"  {kind:<12} pushed {expected[kind]:6d}  rows {rows:6d}  distinct {distinct:6d}  "
              f"revisions {revisions:6d}  {'ok' if ok else 'BROKEN'}")
    print(f"pull: records of its unit pushed by the other phones and not received: {misses}")
    print(f"exactly-once and pull completeness: {'hold' if holds else 'BROKEN'}")


def main():
    """Parse the arguments, set up the database and server, run the day, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--units", type=int, default=15)
    parser.add_argument("--phones", type=int, default=2, help="phones (nurses) per unit")
    parser.add_argument("--children", type=int, default=40, help="children seen per phone (4 records each)")
    parser.add_argument("--window", type=float, default=60.0, help="seconds in which the phones start pushing")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with BenchDatabase(args.db, devices=0) as db:
        devices = seed_units(db.url, args.units, args.phones)
        server = Server(db.url, args.workers, args.threads, {"RATELIMIT_STORAGE_URI": "memory://"}).start()
        try:
            run = run_day(args, db, devices, server.base)
        finally:
            server.stop()
        report(args, run, load_before)


if __name__ == "__main__":
    main()
