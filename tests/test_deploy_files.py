"""deploy/ and the locks agree with the app: a full push fits through nginx and Flask, the runtime lock holds
every runtime dependency and no test tool. (nginx -t and systemd-analyze verify: scripts/deploy_check.sh in CI.)"""

import json
import re
import tomllib
from pathlib import Path

from webapp.config import Defaults
from webapp.schemas.records.common import PNG_PREFIX, SIGNATURE_MAX

ROOT = Path(__file__).resolve().parent.parent
DEV_TOOLS = ("pytest", "ruff", "playwright", "schemathesis", "hypothesis")


def _largest_push() -> int:
    """The bytes of a push of SYNC_MAX_ITEMS written consents, each with the largest signature the schema takes."""
    consent = {"kind": "consent", "id": "0" * 36, "base_rev": None, "captured_at": "2026-12-07T08:00:00+08:00",
               "captured_by": "nurse-with-a-long-user-name", "data": {
                   "unit_code": "U01", "child_id": "0" * 36, "precheck_id": "0" * 36,
                   "vaccines": [{"vaccine": "DTaP", "dose": 4, "category": "nip"}] * 4,
                   "notice_template": "notice-DTaP", "notice_version": "2026.1", "notice_sha256": "f" * 64,
                   "informed": ["variety", "effect", "contraindications", "adverse_reactions", "precautions"],
                   "method": "written", "guardian_name": "欧阳" * 10, "relation": "祖父母", "decision": "agree",
                   "signature": PNG_PREFIX + "A" * (SIGNATURE_MAX - len(PNG_PREFIX)),
                   "signed_at": "2026-12-07T08:00:00+08:00"}}
    body = {"device_id": "d" * 64, "app_version": "1.0.0", "schema_version": 1,
            "device_time": "2026-12-07T08:00:00+08:00", "items": [consent] * Defaults.SYNC_MAX_ITEMS}
    return len(json.dumps(body, ensure_ascii=False).encode())


def test_a_full_push_of_signed_consents_fits_the_apps_body_limit():
    assert _largest_push() < Defaults.MAX_CONTENT_LENGTH


def test_nginx_lets_through_everything_the_app_accepts():
    conf = (ROOT / "deploy/nginx/immuqc.conf").read_text(encoding="utf-8")
    size = re.search(r"client_max_body_size\s+(\d+)m;", conf)
    assert size and int(size.group(1)) * 1024 * 1024 >= Defaults.MAX_CONTENT_LENGTH


def _pins(name: str) -> dict:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1] for line in lines if "==" in line}


def test_the_runtime_lock_pins_every_runtime_dependency_exactly_and_no_test_tool():
    runtime = _pins("requirements.lock")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in declared:
        name, version = re.sub(r"\[.*\]", "", requirement).split("==")
        assert runtime.get(name.lower().replace("_", "-")) == version, requirement
    assert not [tool for tool in DEV_TOOLS if tool in runtime]


def test_the_dev_lock_builds_on_the_runtime_lock_and_pins_the_test_tools():
    text = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    assert "-r requirements.lock" in text.splitlines()
    dev = _pins("requirements-dev.lock")
    assert all(tool in dev for tool in DEV_TOOLS) and not set(dev) & set(_pins("requirements.lock"))
