"""No import cycles inside briefing/, counting imports made inside functions too.

A lazy import only hides a cycle until someone moves it to the top of the
file; two modules that need each other want a third one they both import.
Imports under ``if TYPE_CHECKING:`` are not followed at run time and do not count.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(name: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The briefing modules one import statement loads (a parent package is loaded anyway)."""
    if isinstance(node, ast.Import):
        found = {alias.name for alias in node.names}
    else:
        if node.level:
            base = name.split(".") if is_package else name.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        found = {prefix} | {f"{prefix}.{alias.name}" for alias in node.names}
    return {m for m in found & known if m != name and not name.startswith(m + ".")}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, package): p for p in package.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for n in ast.walk(block)
        }
        graph[name] = set().union(
            *(
                imported(name, path.name == "__init__.py", n, set(files))
                for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom)) and id(n) not in typing_only
            )
        )
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, as the path that closes it (depth-first, each cycle once by its set of modules)."""
    found: dict[frozenset, list[str]] = {}

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                loop = path[path.index(nxt) :] + [nxt]
                found.setdefault(frozenset(loop), loop)
            elif nxt not in done:
                visit(nxt, path + [nxt])
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    return list(found.values())


def test_no_import_cycle_in_the_package():
    assert [" -> ".join(loop) for loop in cycles(import_graph())] == []


def test_the_cycle_finder_sees_lazy_and_relative_imports(tmp_path):
    pkg = tmp_path / "briefing"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from briefing import b\n")
    (pkg / "b.py").write_text("from .sub.c import x\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from briefing import d\nfrom ..a import f\n"
    )
    (pkg / "d.py").write_text("import briefing.sub.c\n")
    graph = import_graph(pkg)
    assert graph["briefing.b"] == {"briefing.sub.c"} and graph["briefing.sub.c"] == {"briefing.a"}
    assert [set(loop) for loop in cycles(graph)] == [{"briefing.a", "briefing.b", "briefing.sub.c"}]


def test_rendering_does_not_load_the_merging_stack():
    """The render process loads the table and template code while the build merges: it must not
    wait for dedupe, rapidfuzz and the stemmer, which only merging needs."""
    import subprocess
    import sys

    code = (
        "import sys, briefing.tables, briefing.render\n"
        "print(sorted(m for m in ('briefing.merge', 'briefing.dedupe', 'rapidfuzz', 'Stemmer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
