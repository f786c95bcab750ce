"""Browser tests are run again only when Chromium failed to start, never for a failed assertion; reruns show."""

import tomllib
from pathlib import Path

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[1]

INNER = '''
from playwright._impl._errors import TargetClosedError

RUNS = {"assertion": 0, "start": 0, "timeout": 0}


def test_an_assertion_that_fails_once():
    RUNS["assertion"] += 1
    assert RUNS["assertion"] > 1, "duplicate record stored"


def test_chromium_that_fails_to_start_once():
    RUNS["start"] += 1
    if RUNS["start"] == 1:
        raise TargetClosedError("BrowserType.launch: Target page, context or browser has been closed")


def test_a_wait_that_times_out_once():
    from playwright._impl._errors import TimeoutError
    RUNS["timeout"] += 1
    if RUNS["timeout"] == 1:
        raise TimeoutError("Locator.click: Timeout 20000ms exceeded.")
'''


def test_only_a_browser_start_up_error_is_rerun_and_the_rerun_is_listed(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    pytester.makeini(f"[pytest]\naddopts = {addopts}\n")
    pytester.makeconftest("from tests.e2e.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    (pytester.path / "suite" / "tests" / "e2e").mkdir(parents=True)  # a node id with tests/e2e/ in it
    (pytester.path / "suite" / "tests" / "e2e" / "test_policy.py").write_text(INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "reruns_delay=0")
    outcomes = result.parseoutcomes()
    assert (outcomes.get("passed"), outcomes.get("failed"), outcomes.get("rerun")) == (1, 2, 1), outcomes
    result.stdout.fnmatch_lines(["*RERUN*test_chromium_that_fails_to_start_once*"])
