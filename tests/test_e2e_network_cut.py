"""Every offline browser test runs behind the real network cut with the "server received nothing" guard: Chromium's
offline emulation is never used on its own, and a test that cuts the network checks the server before it ends."""

import ast
from pathlib import Path

E2E = Path(__file__).resolve().parent / "e2e"
HELPERS = {"steps.py", "conftest.py", "netcut.py"}  # steps.cut/restore pair set_offline with the real cut


def _calls(node) -> list[str]:
    """The names of the functions a node calls, in source order."""
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            found.append((sub.lineno, sub.col_offset, name))
    return [name for _, _, name in sorted(found)]


def test_no_browser_test_goes_offline_with_chromiums_emulation_alone():
    offenders = [path.name for path in sorted(E2E.glob("*.py"))
                 if path.name not in HELPERS and "set_offline" in _calls(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == [], f"use steps.cut(net[, context]) / steps.restore(...) instead of set_offline: {offenders}"


def test_every_test_that_cuts_the_network_checks_the_server_received_nothing():
    unguarded = []
    for path in sorted(E2E.glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = _calls(node)
            if "cut" in calls:
                after = calls[calls.index("cut"):]
                if not {"restore", "assert_server_received_nothing"} & set(after):
                    unguarded.append(f"{path.name}::{node.name}")
    assert unguarded == [], f"a network cut with no server guard after it: {unguarded}"


def test_the_cut_is_made_before_chromium_is_told_it_is_offline_and_lifted_after_the_guard():
    tree = ast.parse((E2E / "steps.py").read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    cut, restore = _calls(functions["cut"]), _calls(functions["restore"])
    assert cut.index("down") < cut.index("set_offline") < cut.index("mark"), cut
    assert restore.index("assert_server_received_nothing") < restore.index("up") < restore.index("set_offline")
