"""Shared by the load and fault benchmarks: a throwaway database with N nurse devices, gunicorn servers on
loopback ports, a retrying sync client, and the exactly-once check (count rows)."""

import base64
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_ADMIN = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
UNITS = ("U01", "U02", "U03", "U04")
RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass
class BenchDatabase:
    """A fresh database with the demo county and one nurse + device token per simulated phone."""

    backend: str
    devices: int
    admin_url: str = PG_ADMIN  # the tests pass TEST_POSTGRES_URL's server (tests/dbsetup.py)
    url: str = ""
    tokens: list = field(default_factory=list)
    _pg_name: str | None = None
    _tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self):
        if self.backend == "postgresql":
            self._pg_name = f"immuqc_bench_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self._pg_name}"')
            self.url = self.admin_url.rsplit("/", 1)[0] + "/" + self._pg_name
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="immuqc-bench-")
            self.url = f"sqlite:///{self._tmp.name}/bench.sqlite"
        self.tokens = _seed(self.url, self.devices)
        return self

    def __exit__(self, *exc):
        if self._pg_name:
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
        if self._tmp:
            self._tmp.cleanup()

    def scalar(self, sql: str, **params):
        """One value from the database (for the row counts)."""
        return self.rows(sql, **params)[0][0]

    def rows(self, sql: str, **params) -> list[tuple]:
        """Every row of a query."""
        engine = create_engine(_sqlalchemy_url(self.url))
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(sql), params)]
        finally:
            engine.dispose()


def _sqlalchemy_url(url):
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _seed(url: str, devices: int) -> list[dict]:
    """Migrate, seed the demo county, create bench-nurse-NN users spread over the four units, issue tokens."""
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.demo.seed import seed_demo
    from webapp.extensions import db
    from webapp.services.accounts.tokens import issue_token
    from webapp.services.accounts.users import create_user

    app = create_app({"DATABASE_URL": url, "ENV_NAME": "testing", "SECRET_KEY": "bench-" + "x" * 40})
    out = []
    with app.app_context():
        upgrade()
        seed_demo(org_only=True)
        for i in range(devices):
            user = create_user(f"bench-nurse-{i:03d}", "Bench-pass-1", "nurse", UNITS[i % 4], f"护士{i}")
            token, _row = issue_token(user, f"bench-dev-{i:03d}", "bench phone")
            out.append({"user": user.username, "unit": user.scope_code, "device": f"bench-dev-{i:03d}",
                        "token": token})
        db.session.commit()
        db.engine.dispose()
    return out


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn (the repo's gunicorn.conf.py) on a loopback port; always stopped by `stop()`."""

    def __init__(self, db_url: str, workers: int = 4, threads: int = 4, env: dict | None = None, log_dir=None,
                 root: Path = ROOT):
        self.port, self.root = free_port(), Path(root)  # root: another checkout's code (an old/new comparison)
        self.log_path = Path(log_dir or tempfile.gettempdir()) / f"gunicorn-{self.port}.log"
        self.env = dict(os.environ, DATABASE_URL=db_url, GUNICORN_BIND=f"127.0.0.1:{self.port}",
                        GUNICORN_WORKERS=str(workers), GUNICORN_THREADS=str(threads), GUNICORN_ACCESSLOG="-",
                        SECRET_KEY=secrets.token_hex(32), ENV_NAME="production", **(env or {}))
        self.proc = None

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        """Start gunicorn and wait until it answers."""
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "--pythonpath", "benches", "bench_wsgi:app"],
            cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + "/login", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn on {self.port} did not start; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """The pids of the master's worker processes (from /proc)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parts = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(parts[1]) == self.proc.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self):
        """SIGTERM the master (workers follow), then SIGKILL the group if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@dataclass
class Sample:
    """One request: what, how long, the final status and how many retries it took."""

    kind: str
    seconds: float
    status: int
    retries: int = 0


class Device:
    """A simulated phone: pushes batches (retrying the very same body until a verdict) and pulls from its cursor."""

    def __init__(self, device: dict, bases: list[str], max_retries=20):
        self.info, self.bases, self.max_retries = device, bases, max_retries
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {device['token']}"
        self.cursor, self.turn = None, 0
        self.retry_reasons = Counter()

    def _base(self) -> str:
        self.turn += 1
        return self.bases[self.turn % len(self.bases)]

    def _send(self, method, path, **kwargs) -> tuple[requests.Response | None, int]:
        retries = 0
        while True:
            try:
                resp = self.session.request(method, self._base() + path, timeout=120, **kwargs)
                if resp.status_code not in RETRY_STATUSES or retries >= self.max_retries:
                    return resp, retries
                self.retry_reasons[f"{method} {path} {resp.status_code}"] += 1
                delay = float(resp.headers.get("Retry-After", 0.2)) if resp.status_code == 429 else 0.2
            except requests.RequestException as err:
                self.retry_reasons[f"{method} {path} {type(err).__name__}"] += 1
                if retries >= self.max_retries:
                    return None, retries
                delay = 0.2
            retries += 1
            time.sleep(min(delay * retries, 2.0))

    def push(self, items: list[dict]) -> tuple[Sample, dict | None]:
        """Push one batch until the server gives verdicts; returns the sample and the body."""
        body = {"device_id": self.info["device"], "app_version": "bench", "schema_version": 1,
                "device_time": _now_iso(), "items": items}
        start = time.perf_counter()
        resp, retries = self._send("POST", "/api/v1/sync/push", json=body)
        sample = Sample("push", time.perf_counter() - start, resp.status_code if resp is not None else 0, retries)
        return sample, (resp.json() if resp is not None and resp.status_code == 200 else None)

    def pull(self) -> list[Sample]:
        """Pull every page after the device's cursor."""
        samples = []
        while True:
            start = time.perf_counter()
            query = {"limit": 500, **({"cursor": self.cursor} if self.cursor else {})}
            resp, retries = self._send("GET", "/api/v1/sync/pull", params=query)
            status = resp.status_code if resp is not None else 0
            samples.append(Sample("pull", time.perf_counter() - start, status, retries))
            if status != 200:
                return samples
            body = resp.json()
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return samples


def _now_iso() -> str:
    from datetime import UTC, datetime
    return datetime.now(UTC).isoformat(timespec="seconds")


def batch(device: dict, size: int) -> list[dict]:
    """A realistic batch: children, each followed by its pre-check (an in-batch reference), captured on the phone."""
    from tests.factories import child_data, precheck_data

    items, now = [], _now_iso()
    while len(items) < size:
        child_id = str(uuid.uuid4())
        items.append(_item("child", child_id, device, child_data(unit=device["unit"], village_code=None), now))
        if len(items) < size:
            items.append(_item("precheck", str(uuid.uuid4()), device, precheck_data(child_id, unit=device["unit"]),
                               now))
    return items


def signature_png(size: int = 10_000, seed: int = 0) -> str:
    """A PNG data URL of about `size` characters, as the phone's signature pad makes (a PNG header, then bytes)."""
    body = b"\x89PNG\r\n\x1a\n" + random.Random(seed).randbytes(size * 3 // 4 - 8)
    return "data:image/png;base64," + base64.b64encode(body).decode()


def encounter_batch(device: dict, size: int) -> list[dict]:
    """A batch of whole encounters as a nurse's phone sends them: a child, its pre-check, the guardian's written
    consent with a ~10 KB signature, and the dose given (each referring to the records before it in the batch)."""
    from tests.factories import child_data, consent_data, precheck_data, vaccination_data

    items, now, signature = [], _now_iso(), signature_png()
    while len(items) < size:
        child_id, precheck_id = str(uuid.uuid4()), str(uuid.uuid4())
        unit = device["unit"]
        encounter = [
            ("child", child_id, child_data(unit=unit, village_code=None)),
            ("precheck", precheck_id, precheck_data(child_id, unit=unit)),
            ("consent", str(uuid.uuid4()), consent_data(child_id, precheck_id, unit=unit, signature=signature)),
            ("vaccination", str(uuid.uuid4()), vaccination_data(child_id, unit=unit, precheck_id=precheck_id)),
        ]
        items += [_item(kind, item_id, device, data, now) for kind, item_id, data in encounter][:size - len(items)]
    return items


def _item(kind, item_id, device, data, now) -> dict:
    data = {k: v for k, v in data.items() if v is not None}
    return {"kind": kind, "id": item_id, "base_rev": None, "captured_at": now, "captured_by": device["user"],
            "data": data}


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of the values, in the values' unit."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def exactly_once(db: BenchDatabase, pushed_ids: set[str]) -> dict:
    """Compare the stored records with the pushed ids: every pushed id stored, nothing else stored, and each record
    with exactly one revision, at rev 1 (the batches only create)."""
    stored = {row[0]: row[1] for row in db.rows("SELECT id, rev FROM records WHERE captured_by LIKE 'bench-nurse-%'")}
    per_record = dict(db.rows("SELECT record_id, count(*) FROM record_revisions "
                              "WHERE captured_by LIKE 'bench-nurse-%' GROUP BY record_id"))
    out = {"pushed": len(pushed_ids), "records": len(stored), "missing": len(set(pushed_ids) - set(stored)),
           "unexpected": len(set(stored) - set(pushed_ids)), "revisions": sum(per_record.values()),
           "not_one_revision": sum(1 for i in set(stored) | set(per_record) if per_record.get(i) != 1),
           "not_rev_1": sum(1 for rev in stored.values() if rev != 1)}
    out["holds"] = not (out["missing"] or out["unexpected"] or out["not_one_revision"] or out["not_rev_1"])
    return out


def exactly_once_line(check: dict) -> str:
    """The exactly-once check as one printed line."""
    return (f"exactly-once: pushed {check['pushed']}, rows {check['records']}, missing {check['missing']}, "
            f"unexpected {check['unexpected']}, revisions {check['revisions']} (records without exactly one: "
            f"{check['not_one_revision']}) → {'holds' if check['holds'] else 'BROKEN'}")
