"""The layers depend one way (CONTRIBUTING.md, "How the layers depend").

Every module of the package is parsed (``ast``), every import found — at module level,
inside functions and under ``if TYPE_CHECKING`` — and the rules checked:

* render and io never import the analyses: render reads the results contract
  (``netzkarte.results``), io knows the template. Their doctests do not either (they may
  build a result through the top-level ``netzkarte.analyze``);
* the foundation (results, model, schema, vocab, text, errors, kommunen, districts, gc_pause)
  imports none of analysis, io and render at module level;
* the package's module-level imports form no circle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "netzkarte"
UPPER = ("netzkarte.analysis", "netzkarte.io", "netzkarte.render")
FOUNDATION = ("netzkarte.results", "netzkarte.model", "netzkarte.schema", "netzkarte.vocab",
              "netzkarte.text", "netzkarte.errors", "netzkarte.kommunen", "netzkarte.districts",
              "netzkarte.gc_pause")
_DOCTEST_IMPORT = re.compile(r"^\s*(?:>>>|\.\.\.)\s+(?:from|import)\s+([\w.]+)", re.M)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the module imported (resolved to a module of the package where possible)
    line: int
    top_level: bool  # runs on import of the module (not inside a function)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base.pop()
    base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = _resolve(module, node)
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in MODULES else base


def _imports(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend(Import(module, t, child.lineno, top)
                             for t in dict.fromkeys(_targets(module, child)))
            inside = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef
                                            | ast.Lambda)
            visit(child, inside)

    visit(tree, True)
    return found


IMPORTS: list[Import] = [i for name, path in MODULES.items() for i in _imports(name, path)]


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _doctest_imports(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1))
            for m in _DOCTEST_IMPORT.finditer(text)]


def test_the_parser_sees_imports_inside_functions() -> None:
    """The rules below would pass vacuously if nested imports were missed."""
    nested = [i for i in IMPORTS if not i.top_level]
    assert len(MODULES) > 50 and len(nested) > 50
    assert any(i.module == "netzkarte.cli" and i.target.startswith("netzkarte.analysis")
               for i in nested)


@pytest.mark.parametrize("layer", ["netzkarte.render", "netzkarte.io"])
def test_render_and_io_never_import_the_analyses(layer: str) -> None:
    wrong = [f"{MODULES[i.module].relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
             for i in IMPORTS
             if _within(i.module, (layer,)) and _within(i.target, ("netzkarte.analysis",))]
    for name, path in MODULES.items():
        if _within(name, (layer,)):
            wrong += [f"{path.relative_to(PACKAGE.parent)}:{line} doctest imports {target}"
                      for line, target in _doctest_imports(path)
                      if _within(target, ("netzkarte.analysis",))]
    assert not wrong, "\n".join(wrong)


def test_the_foundation_imports_no_upper_layer_at_module_level() -> None:
    wrong = [f"{MODULES[i.module].relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
             for i in IMPORTS
             if i.top_level and _within(i.module, FOUNDATION) and _within(i.target, UPPER)]
    assert not wrong, "\n".join(wrong)


def test_module_level_imports_form_no_circle() -> None:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for i in IMPORTS:
        if i.top_level and i.target in MODULES and i.target != i.module:
            graph[i.module].add(i.target)
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            walk(start)
    assert not circles, "\n".join(" → ".join(c) for c in circles)


def test_the_excel_reader_loads_pandas_and_networkx_only_while_calamine_parses() -> None:
    """``validate_excel`` starts calamine's parse in a thread and only then loads the
    builder (pandas and networkx, a third of a second): that overlap is lost as soon as
    the command line or the reader module imports either of them at module level."""
    import subprocess
    import sys

    code = ("import sys, netzkarte.cli, netzkarte.io.excel; "
            "print(sorted({'pandas', 'networkx', 'netzkarte.io.build'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
