"""Shortcuts the importer takes for speed give the answers of the long way.

Each test compares a fast path with the plain definition it replaces: the folded key of a
name taken from its words, the missing-marker test, the search of a worksheet's XML for
formulas and error cells block by block, the cycle check on the edges as they were added.
"""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsx_helpers import base_sheets

from netzkarte.io import build, excel, refs
from netzkarte.io.cells import MISSING_MARKERS, is_missing
from netzkarte.vocab import EdgeKind, fold

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["k. A.", " K.A. ", "–", "?", "_", "n/a", "Kita Nord", "Straße", "Ä-Ö-Ü", "Café", ""])


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_name_words_join_to_the_fold_key(text: str) -> None:
    # the name index takes fold(name) from the words it needs anyway
    assert "".join(refs._words(text)) == fold(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_missing_markers_as_defined(text: str) -> None:
    if len(text) > 24:
        expected = False
    elif not any(ch.isalnum() for ch in text):  # only punctuation: "–", "?"
        expected = bool(text.strip())
    else:
        expected = "".join(text.casefold().split()) in MISSING_MARKERS
    assert is_missing(text) is expected


def _zip(data: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", data)
    return zipfile.ZipFile(buffer)


@pytest.mark.parametrize("mark", [b"<f>A1+1</f>", b'<c r="B2" t="e">', b"<c r='B2' t='e'>"])
def test_marks_are_found_wherever_the_blocks_end(monkeypatch: pytest.MonkeyPatch,
                                                 mark: bytes) -> None:
    for size in range(1, 9):
        monkeypatch.setattr(excel, "_BLOCK", size)
        for at in range(12):
            # past the first block (at least 2048 bytes, for the root's namespace prefix)
            data = (b"<worksheet><sheetData>" + b"x" * (2048 + at) + mark
                    + b"</sheetData></worksheet>")
            assert excel._has_marks(_zip(data), "xl/worksheets/sheet1.xml"), (size, at)


def test_a_sheet_without_marks_is_skipped_and_a_prefixed_one_is_scanned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excel, "_BLOCK", 5)
    plain = b'<worksheet><sheetData><c r="A1" t="s"><v>1</v></c></sheetData></worksheet>'
    assert not excel._has_marks(_zip(plain), "xl/worksheets/sheet1.xml")
    assert excel._scan_sheet(plain) == []
    prefixed = b'<x:worksheet xmlns:x="s"><x:c r="A2"><x:f>1+1</x:f></x:c></x:worksheet>'
    assert excel._has_marks(_zip(prefixed), "xl/worksheets/sheet1.xml")
    assert excel._scan_sheet(prefixed) == [(1, 0, "formula", "=1+1")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")),
                max_size=14))
def test_the_quick_cycle_test_agrees_with_networkx(pairs: list[tuple[str, str]]) -> None:
    assert build._acyclic(pairs) == nx.is_directed_acyclic_graph(nx.DiGraph(pairs))


def test_tracked_edges_come_in_the_order_of_the_graph() -> None:
    # K1 belongs to TR (Organisation), then the relations add K1 → GS1 (cooperation)
    # before K1 → JA and K1 → GS1 (gehört zu): row order and graph order differ
    sheets = base_sheets()
    sheets["Beziehungen"] += [{"Von": "K1", "Zu": "JA", "Art": "gehört zu"},
                              {"Von": "K1", "Zu": "GS1", "Art": "gehört zu"},
                              {"Von": "JA", "Zu": "K1", "Art": "gehört zu"}]
    builder = build._Builder.for_source(None)
    captured: list[list[tuple[str, str]]] = []

    def cycles() -> None:
        pairs = builder.refs.tracked[EdgeKind.BELONGS_TO]
        captured.append(builder.in_graph_order(pairs))
        assert sorted(pairs) == sorted(captured[0]) and pairs != captured[0]

    builder.cycles = cycles  # type: ignore[method-assign]
    tables = builder.match_sheets(sheets)
    for sheet in build._NODE_SHEETS:
        builder.nodes(sheet, tables[sheet.name])
    builder.refs.column_refs()
    builder.edge_sheet(build._RELATIONS, tables["Beziehungen"])
    builder.cycles()
    in_graph = [(u, v) for u, v, kind in builder.map.graph.edges(data="kind")
                if kind is EdgeKind.BELONGS_TO]
    assert captured == [in_graph]
