"""Benchmark: what a nurse's first sync costs on the wire (issue 25), on the demo county with 100 real-size signatures.

Seeds the demo county into a SQLite file (or reuses one with --database), adds 100 signed consents of about 10 KB
(a PNG data URL, as a phone's signature pad makes them) to unit U01 through the push API, then pulls every page as
`demo-nurse`'s phone does and prints the bytes on the wire: as sent before (whole, uncompressed), gzip, brotli, and
brotli with `omit=signature` (what the phone asks for now); then what a second nurse of U01 pulls on the same
phone (it starts from the phone's cursor). Sizes do not depend on the machine's load. Target: ≤ 1.0 MB.

    .venv/bin/python benches/bench_pull.py [--database /tmp/bench_pull.sqlite]
"""

import argparse
import gzip
import os
import random
import struct
import subprocess
import sys
import uuid
import zlib
from base64 import b64encode
from datetime import UTC, datetime
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("ENV_NAME", "development")  # the app refuses to start without one (issue 24)
TARGET_MB = 1.0


def signature_png(rng: random.Random, target_bytes: int = 10_000) -> str:
    """A 640×360 grayscale PNG with random dark strokes, about target_bytes long, as a data URL."""
    width, height = 640, 360
    rows = [bytearray(b"\xff" * width) for _ in range(height)]
    png = b""
    while len(png) < target_bytes * 3 // 4:
        for _ in range(60):
            y, x = rng.randrange(height), rng.randrange(width - 40)
            for dx in range(rng.randrange(5, 40)):
                rows[min(height - 1, y + dx // 8)][x + dx] = rng.randrange(0, 80)
        raw = b"".join(b"\x00" + bytes(r) for r in rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + b64encode(png).decode()


def seed(database: Path) -> None:
    """The demo county in a fresh SQLite file (flask db upgrade + seed-demo)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    for args in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([sys.executable, "-m", "flask", "--app", "webapp", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def add_signed_consents(client, headers, n: int = 100) -> int:
    """n pre-checks and written consents with ~10 KB signatures for U01 children, through the push API."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import Record
    from webapp.services.reference_data import notice_versions

    rng, now = random.Random(25), datetime.now(UTC).isoformat(timespec="seconds")
    notice = notice_versions()[("notice-HepB", "2026.1")]
    children = db.session.scalars(select(Record.id).where(Record.kind == "child", Record.unit_code == "U01")
                                  .order_by(Record.id).limit(n)).all()
    items, size = [], 0
    for child in children:
        pre, con = str(uuid.uuid4()), str(uuid.uuid4())
        signature = signature_png(rng)
        size += len(signature)
        items += [
            {"kind": "precheck", "id": pre, "captured_at": now, "captured_by": "demo-nurse", "data": {
                "unit_code": "U01", "child_id": child, "visit_date": now[:10],
                "planned": [{"vaccine": "HepB", "dose": 2}], "decision": "vaccinate", "nurse": "demo-nurse"}},
            {"kind": "consent", "id": con, "captured_at": now, "captured_by": "demo-nurse", "data": {
                "unit_code": "U01", "child_id": child, "precheck_id": pre, "vaccines": [
                    {"vaccine": "HepB", "dose": 2, "category": "nip"}], "notice_template": "notice-HepB",
                "notice_version": "2026.1", "notice_sha256": notice["sha256"], "method": "written",
                "guardian_name": "监护人", "decision": "agree", "signature": signature, "signed_at": now}}]
    for start in range(0, len(items), 100):
        body = {"device_id": "bench-pull", "schema_version": 1, "items": items[start:start + 100]}
        results = client.post("/api/v1/sync/push", json=body, headers=headers).get_json()["results"]
        assert {r["status"] for r in results} <= {"created", "duplicate"}, results[:2]
    return size


def first_sync(client, headers, omit=None, cursor=None) -> tuple[list[bytes], str]:
    """Every page of a pull as the server sends it uncompressed, and the last cursor."""
    pages = []
    while True:
        query = {"limit": 500, **({"omit": omit} if omit else {}), **({"cursor": cursor} if cursor else {})}
        resp = client.get("/api/v1/sync/pull", query_string=query, headers=headers)
        assert resp.status_code == 200, resp.get_json()
        pages.append(resp.get_data())
        body = resp.get_json()
        cursor = body["cursor"]
        if not body["has_more"]:
            return pages, cursor


def wire(pages: list[bytes], encode=None) -> float:
    """MB on the wire for these pages, each compressed on its own as the server does."""
    return sum(len(encode(p) if encode else p) for p in pages) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("/tmp/bench_pull.sqlite"))
    args = parser.parse_args()
    if not args.database.exists():
        seed(args.database)
    from webapp import create_app
    from webapp.extensions import db

    app = create_app({"DATABASE_URL": f"sqlite:///{args.database}", "RATELIMIT_ENABLED": False,
                      "COMPRESS_REGISTER": False})
    with app.app_context():
        client = app.test_client()
        token = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": "Demo-2026!",
                                                       "device_id": "bench-pull", "device_name": "bench"})
        headers = {"Authorization": "Bearer " + token.get_json()["token"]}
        signatures = add_signed_consents(client, headers)
        db.session.remove()
        whole, _ = first_sync(client, headers)
        lean, cursor = first_sync(client, headers, omit="signature")
        again, _ = first_sync(client, headers, omit="signature", cursor=cursor)
    br = lambda page: brotli.compress(page, quality=5)  # noqa: E731  (COMPRESS_BR_LEVEL)
    gz = lambda page: gzip.compress(page, 6)  # noqa: E731  (COMPRESS_LEVEL)
    print(f"U01 first sync, {len(whole)} pages; 100 signatures of {signatures / 100 / 1000:.1f} KB each added")
    print(f"  whole, uncompressed (before):        {wire(whole):6.2f} MB")
    print(f"  whole, gzip:                         {wire(whole, gz):6.2f} MB")
    print(f"  whole, brotli:                       {wire(whole, br):6.2f} MB")
    print(f"  omit=signature, gzip:                {wire(lean, gz):6.2f} MB")
    print(f"  omit=signature, brotli (the phone):  {wire(lean, br):6.2f} MB   target ≤ {TARGET_MB} MB: "
          f"{'met' if wire(lean, br) <= TARGET_MB else 'NOT met'}")
    print(f"  a second nurse of U01 on that phone: {wire(again, br) * 1000:6.1f} KB ({len(again)} page)")


if __name__ == "__main__":
    main()
