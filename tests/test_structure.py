"""The shape the code promises (docs/DEVELOPING.md): rooms by area, one direction of imports, no import cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEBAPP = ROOT / "webapp"
BLUEPRINTS = ("admin", "api", "auth", "privacy", "pwa", "registry", "review", "schools", "scores")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(WEBAPP.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict) -> set[str]:
    """Every webapp module a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + [node.module])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
    return {m for m in found if m in modules}


def import_graph() -> dict[str, set[str]]:
    """webapp module → the webapp modules it imports."""
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing itself)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while not component or component[-1] != v:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1 or v in graph[v]:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_webapp_module_is_part_of_an_import_cycle_counting_imports_inside_functions():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_a_cycle_through_an_import_inside_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_services_hold_at_most_ten_modules_directly_the_rest_in_rooms_by_area():
    direct = [p.name for p in (WEBAPP / "services").glob("*.py") if p.name != "__init__.py"]
    assert len(direct) <= 10, direct


def test_no_service_imports_a_blueprint_package():
    graph = import_graph()
    offenders = {m: sorted(t for t in targets if t.split(".")[1] in BLUEPRINTS)
                 for m, targets in graph.items() if m.startswith("webapp.services")}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_domain_code_is_pure_no_flask_and_no_database():
    impure = []
    for path in (WEBAPP / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            impure += [f"{path.name}: {n}" for n in names
                       if n.split(".")[0] in ("flask", "flask_babel", "sqlalchemy")
                       or n.startswith(("webapp.services", "webapp.models", "webapp.extensions"))]
    assert impure == []


def test_no_file_of_the_phone_app_source_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "pwa" / "src").rglob("*.js")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
