"""The layer rules of docs/dev.md, read from the code: which package may import which, no
import cycles, a small top level, and SQL on the `events` table only inside the store.

Every import counts, including those inside functions: a function-local import is still a
dependency, only a later one. Imports under ``if TYPE_CHECKING:`` count too, except for cycles.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "monitor"

#: The application modules directly in monitor/.
APPLICATION = ("app", "cycle", "pipeline", "daemon", "config", "events", "report", "articles", "locks")
MAX_TOP_LEVEL_MODULES = 12

# -- reading the code ----------------------------------------------------------------


@cache
def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(modules()[module].read_text(encoding="utf-8"))


def _type_checking_nodes(module: str) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    inside: set[int] = set()
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return inside


def _resolve(module: str, level: int, name: str | None) -> str:
    """The absolute name of a (possibly relative) import in ``module``."""
    if level == 0:
        return name or ""
    is_package = modules()[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


@cache
def imports(module: str, *, for_cycles: bool = False) -> frozenset[str]:
    """The package's modules that ``module`` imports anywhere in its body."""
    known = modules()
    skip = _type_checking_nodes(module) if for_cycles else set()
    targets: set[str] = set()
    for node in ast.walk(tree(module)):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node.level, node.module)
            # `from pkg import mod` names a module; `from mod import name` names the module.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # `import monitor.x.y` of a name inside a module
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return frozenset(targets)


def in_package(module: str, package: str) -> bool:
    return module == f"monitor.{package}" or module.startswith(f"monitor.{package}.")


def modules_of(package: str) -> list[str]:
    return [m for m in modules() if in_package(m, package)]


# -- the rules -----------------------------------------------------------------------


@pytest.mark.parametrize("module", modules_of("claims"))
def test_the_claims_engine_imports_nothing_from_the_rest_of_the_application(module: str) -> None:
    # Pure: text in, claims and verdicts out. That is what makes `monitor diff` and the
    # accuracy benchmark independent of the store, the feeds and the alerts.
    forbidden = [
        m
        for m in imports(module)
        if any(in_package(m, p) for p in ("feeds", "alerts", "projections", "store", "cli"))
        or m in {f"monitor.{name}" for name in APPLICATION}
    ]
    assert forbidden == [], f"{module} imports {forbidden}"


@pytest.mark.parametrize("module", modules_of("feeds"))
def test_feeds_import_nothing_from_claims_or_alerts(module: str) -> None:
    # The edge in turns a feed into events; what the events mean is decided further on.
    forbidden = [m for m in imports(module) if in_package(m, "claims") or in_package(m, "alerts")]
    assert forbidden == [], f"{module} imports {forbidden}"


@pytest.mark.parametrize("module", modules_of("store"))
def test_the_store_imports_nothing_from_the_monitor(module: str) -> None:
    # A second backend, or another application, must be able to take the store as it is.
    forbidden = [m for m in imports(module) if not in_package(m, "store")]
    assert forbidden == [], f"{module} imports {forbidden}"


@pytest.mark.parametrize("module", [m for m in modules() if not in_package(m, "cli")])
def test_nothing_imports_the_cli(module: str) -> None:
    # The CLI is the outermost shell; the entry point (pyproject) and `python -m monitor` call it.
    if module == "monitor.__main__":
        return
    forbidden = [m for m in imports(module) if in_package(m, "cli")]
    assert forbidden == [], f"{module} imports {forbidden}"


def test_the_entry_point_is_the_cli() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^monitor = "monitor\.cli:main"$', pyproject, re.M)


@cache
def cycles() -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    graph = {m: sorted(imports(m, for_cycles=True)) for m in modules()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(graph[succ])))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


@pytest.mark.parametrize("module", list(modules()))
def test_no_module_is_part_of_an_import_cycle(module: str) -> None:
    mine = [sorted(c) for c in cycles() if module in c]
    assert mine == [], f"{module} is in the import cycle {mine}"


def test_the_top_level_holds_at_most_twelve_modules() -> None:
    # Everything else lives in a package named for its stage (docs/dev.md).
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


# The project writes SQL keywords in capitals; prose ("entries into events") does not match.
_SQL_ON_EVENTS = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?: IF NOT EXISTS| IF EXISTS)?)\s+[\[\"`]?events\b")


def sql_on_events(module: str) -> list[str]:
    """String literals (f-string parts included, docstrings not) that name the `events` table in SQL."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree(module))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    hits = []
    for node in ast.walk(tree(module)):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _SQL_ON_EVENTS.search(node.value)
        ):
            hits.append(f"line {node.lineno}: {node.value.strip()[:80]}")
    return hits


@pytest.mark.parametrize("module", [m for m in modules() if not in_package(m, "store")])
def test_only_the_store_talks_sql_to_the_events_table(module: str) -> None:
    # The log's interface is the EventStore protocol; a second backend must pass the same
    # contract suite (tests/store/store_contract.py) without the application noticing.
    assert sql_on_events(module) == []


def test_the_rules_can_fail() -> None:
    # The readers above see what they must: a relative import, a function-local import,
    # and a query on the log (the store itself is the one place that has them).
    assert "monitor.store.api" in imports("monitor.store") or "monitor.store.sqlite" in imports("monitor.store")
    assert sql_on_events("monitor.store.sqlite")
    assert all(in_package(m, "claims") for m in imports("monitor.claims.diff"))
    assert "monitor.report" in imports("monitor.cli")  # imported inside a function (start-up time)
    assert _resolve("monitor.claims.diff", 1, "lexicon") == "monitor.claims.lexicon"
    assert _resolve("monitor.claims", 1, "lexicon") == "monitor.claims.lexicon"  # from a package's __init__
    assert _resolve("monitor.alerts.health", 2, "events") == "monitor.events"
