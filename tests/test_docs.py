"""The handbook: it builds strictly, every page is there, and it cannot drift from the code.

* ``mkdocs build --strict`` succeeds (broken links, missing anchors, unresolvable API
  references and docstring problems are errors) and writes every page of the nav;
* the built HTML loads nothing from the network (no external script, style sheet, font or image);
* every CLI command and option of the contract and of the real parser is documented;
* the German labels quoted in ``docs/vorlage.md`` equal the labels in :mod:`netzkarte.vocab`;
* the code tables of ``docs/vorlage.md`` explain exactly the members of
  :class:`netzkarte.errors.IssueCode`, each with its meaning and what to do.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

from netzkarte import vocab
from netzkarte.errors import IssueCode

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"

# The documented command line: command → the options its handbook page documents.
CLI_CONTRACT: dict[str, tuple[str, ...]] = {
    "vorlage": (),
    "pruefen": ("--json",),
    "karte": ("-o", "--layout", "--anonym", "--mit-kontaktdaten"),
    "analyse": ("--json", "--xlsx", "--nur-bestaetigt"),
    "bericht": ("-o",),
    "vergleich": ("-o", "--json"),
    "export": ("-o", ".graphml", ".gexf", ".json", ".xlsx"),
    "demo": ("-o",),
    "erhebung": ("-o", "--partner", "--mit-personen"),
    "zusammenfuehren": ("-o", "--bericht", "--entscheidungen", "--staerke", "--mit-personen"),
    "uebersicht": ("-o", "--xlsx", "--anonym"),
}
LAYOUTS = ("netz", "kette", "kreis", "stadtplan")

_LABEL_BLOCK = re.compile(r"<!-- labels:(\w+) -->\n(.*?)<!-- /labels -->", re.S)
_LABEL_ITEM = re.compile(r"^- \*\*(.+?)\*\*", re.M)
_EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|link|img|iframe|source|audio|video)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//",
    re.I)


def _nav_pages(nav: list[object]) -> list[str]:
    pages: list[str] = []
    for item in nav:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                pages.extend(_nav_pages(value) if isinstance(value, list) else [str(value)])
    return pages


def _config() -> dict[str, Any]:
    return yaml_load(CONFIG.read_text(encoding="utf-8"))


def _markdown_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md")))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(CONFIG),
         "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}"
    return out


def test_strict_build_writes_every_nav_page(site: Path) -> None:
    pages = _nav_pages(_config()["nav"])
    assert "index.md" in pages and "api/index.md" in pages
    missing = [p for p in pages if not (site / p).with_suffix(".html").is_file()]
    assert missing == []


def test_every_markdown_file_is_in_the_nav() -> None:
    pages = set(_nav_pages(_config()["nav"]))
    files = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert sorted(files - pages) == []


def test_user_guide_pages_are_german_and_api_pages_render_docstrings(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="de"' in index
    assert "netzkarte demo -o netzkarte-demo" in index
    model = (site / "api" / "model.html").read_text(encoding="utf-8")
    # mkdocstrings rendered the class and its numpydoc sections, not just the ":::" line
    assert "NetworkMap" in model and ":::" not in model
    assert "add_node" in model


def test_built_site_loads_nothing_from_the_network(site: Path) -> None:
    offenders = [f"{p.relative_to(site)}: {m.group(0)}"
                 for p in site.rglob("*.html")
                 for m in _EXTERNAL_RESOURCE.finditer(p.read_text(encoding="utf-8"))]
    assert offenders == []
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert re.search(r"url\(\s*[\"']?(?:https?:)?//", css) is None
    assert re.search(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", css) is None


def _load_hook() -> Any:
    spec = importlib.util.spec_from_file_location("doctest_blocks",
                                                  DOCS / "hooks" / "doctest_blocks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hook_wraps_bare_doctests_and_leaves_fenced_code_alone() -> None:
    import markdown  # type: ignore[import-untyped]

    hook = _load_hook()
    text = ("Summary.\n\n>>> sorted({'b', 'a'})\n['a', 'b']\n\nAfter.\n\n"
            "```text\n>>> not touched\n```\n")
    html = markdown.markdown(text, extensions=[hook.DoctestBlocks(), "fenced_code"])
    assert html == ("<p>Summary.</p>\n"
                    '<pre><code class="language-pycon">&gt;&gt;&gt; sorted({\'b\', \'a\'})\n'
                    "['a', 'b']\n</code></pre>\n"
                    "<p>After.</p>\n"
                    '<pre><code class="language-text">&gt;&gt;&gt; not touched\n</code></pre>')


def test_no_doctest_prompt_is_rendered_as_prose(site: Path) -> None:
    # every ">>>" of every docstring ends up inside a code block
    code = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.S)
    prose = [p.relative_to(site).as_posix() for p in (site / "api").glob("*.html")
             if "&gt;&gt;&gt;" in code.sub("", p.read_text(encoding="utf-8"))]
    assert prose == []


@pytest.mark.parametrize("command", sorted(CLI_CONTRACT))
def test_every_cli_command_and_option_is_documented(command: str) -> None:
    # every option appears in at least one documented command line of that command
    usage = [line for line in _markdown_text().splitlines()
             if re.search(rf"netzkarte {command}\b", line)]
    assert usage, f"`netzkarte {command}` is not documented"
    missing = [opt for opt in CLI_CONTRACT[command] if not any(opt in line for line in usage)]
    assert missing == []


def _parser_options() -> dict[str, list[tuple[str, ...]]]:
    """Per sub-command of the real CLI parser: the option strings of each option."""
    import argparse

    from netzkarte.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [tuple(a.option_strings) for a in sub._actions
                   if a.option_strings and not isinstance(a, argparse._HelpAction)]
            for name, sub in subparsers.choices.items()}


def test_the_real_cli_matches_the_documented_commands_and_options() -> None:
    options = _parser_options()
    assert set(options) == set(CLI_CONTRACT)
    text = _markdown_text()
    common = set.intersection(*(set(opts) for opts in options.values()))
    for strings in common:  # -v, -q, --debug: documented once, anywhere
        assert any(re.search(rf"`[^`]*{re.escape(o)}\b", text) for o in strings), strings
    for command, opts in options.items():
        usage = [line for line in text.splitlines()
                 if re.search(rf"netzkarte {command}\b", line)]
        missing = [strings for strings in opts if strings not in common
                   and not any(o in line for o in strings for line in usage)]
        assert missing == [], command


def test_layouts_and_exit_codes_are_documented() -> None:
    karte = (DOCS / "karte.md").read_text(encoding="utf-8")
    for layout in LAYOUTS:
        assert f"**`{layout}`**" in karte
    vorlage = (DOCS / "vorlage.md").read_text(encoding="utf-8")
    assert "Rückgabewert 1" in vorlage and "Rückgabewert 2" in vorlage


def _label_blocks() -> dict[str, list[str]]:
    text = (DOCS / "vorlage.md").read_text(encoding="utf-8")
    return {name: _LABEL_ITEM.findall(body) for name, body in _LABEL_BLOCK.findall(text)}


def test_sector_and_life_phase_labels_equal_the_vocabulary() -> None:
    blocks = _label_blocks()
    assert blocks["Sector"] == vocab.Sector.labels()
    assert blocks["LifePhase"] == vocab.LifePhase.labels()


def test_every_quoted_value_list_equals_the_vocabulary() -> None:
    blocks = _label_blocks()
    assert len(blocks) >= 12
    for name, labels in blocks.items():
        enum = getattr(vocab, name)
        assert labels == enum.labels(), name


def _code_table() -> dict[str, list[str]]:
    """The rows of the code tables in *Was die Meldungen bedeuten*: code → its other cells."""
    vorlage = (DOCS / "vorlage.md").read_text(encoding="utf-8")
    section = vorlage.split("### Was die Meldungen bedeuten", 1)[1].split("\n### ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        found = re.match(r"^\| `([a-z-]+)` \|(.*)\|\s*$", line)
        if found:
            assert found.group(1) not in rows, f"{found.group(1)} twice in the table"
            rows[found.group(1)] = [cell.strip() for cell in found.group(2).split("|")]
    return rows


def test_the_code_tables_document_exactly_the_issue_codes() -> None:
    # IssueCode is the one list of codes (mypy --strict lets no other string through);
    # the handbook explains each member and nothing else.
    documented = set(_code_table())
    codes = {code.value for code in IssueCode}
    assert sorted(codes - documented) == [], "members missing in docs/vorlage.md"
    assert sorted(documented - codes) == [], "documented codes that are no IssueCode"


def test_every_stable_issue_code_is_explained() -> None:
    for code, cells in _code_table().items():
        assert len(cells) == 2 and all(cells), f"{code}: meaning and what to do"
    # in the code, each member is followed by a one-line docstring (its meaning in English)
    source = (ROOT / "netzkarte" / "errors.py").read_text(encoding="utf-8")
    body = next(node for node in ast.parse(source).body
                if isinstance(node, ast.ClassDef) and node.name == "IssueCode").body
    explained = {
        statement.targets[0].id for statement, following in pairwise(body)
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)
        and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str) and "\n" not in following.value.value}
    assert sorted(code.name for code in IssueCode if code.name not in explained) == []
