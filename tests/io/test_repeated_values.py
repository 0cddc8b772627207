"""Values that repeat over many rows: read once, reported in every row.

The importer reads each distinct category text, reference text, district spelling and
list value once and reuses the reading for every further row with the same text (that is
what keeps a Kreis-scale workbook fast). These tests check that the reuse changes nothing:
every row still gets its own issue with its own row number, and a build with every cache
switched off gives the same report and the same map.
"""

from __future__ import annotations

from typing import Any

import pytest
from xlsx_helpers import Rows, base_sheets

from netzkarte.errors import ValidationReport
from netzkarte.io import build
from netzkarte.model import NetworkMap
from netzkarte.vocab import CategoryCatalogue, terms
from netzkarte.vocab.categories import BUILTIN

COMMITTEES = [f"G{i}" for i in range(1, 7)]  # Gremien rows 4–9
# a member text per kind of reading; each stands in one row per committee
MEMBERS = {
    "Kita Sonnenschein": "name-reference",  # a name (step 2)
    "kita sonnenschein": "name-reference",  # the same name, other case
    "Familienhilfe": "name-reference",  # the name without its legal form (step 3)
    "Jugendamtt": "name-reference",  # a close name (step 4)
    "A-99": "unknown-reference",  # an ID that does not exist
    "Haus der Wunder": "unknown-reference",  # a name that does not exist
}


def _sheets() -> dict[str, Rows]:
    """The base dataset with the same texts in many rows."""
    data = base_sheets()
    data["Gremien"] += [  # rows 4–9
        {"ID": g, "Name": f"Arbeitskreis {g}", "Gremientyp": "Arbeitskreis"} for g in COMMITTEES]
    data["Mitgliedschaften"] += [  # rows 6–41: member texts × committees
        {"Mitglied": member, "Gremium": g, "Seit": "Herbst 2021"}
        for member in MEMBERS for g in COMMITTEES]
    data["Beziehungen"] += [  # rows 4–9: the same Von in every row, Stärke in words
        {"Von": "Kita Sonnenschein", "Zu": zu, "Art": "Kooperation", "Stärke": "eng"}
        for zu in ("GS1", "TR", "P1", "JA", "JC", "BM")]
    categories = ["Kita", "Städtische Kita", "Beratungsstelle", "Beratungsstelle", "",
                  "Dingsbums"]
    names = ["Kita Nord", "Kita Süd", "Erziehungsberatungsstelle Ost",
             "Schuldnerberatung West", "Gesamtschule am Park", "Haus Kunterbunt"]
    data["Akteure"] += [  # rows 6–41: each category with each name, districts misspelled
        {"ID": f"A-{c}-{n}", "Name": f"{name} {c}", "Kategorie": category,
         "Sozialraum": ("nord", "NORD", "Nordd")[n % 3], "Ebene": "Sozialraum",
         "Lebensphasen": "Übergang Schule"}
        for c, category in enumerate(categories) for n, name in enumerate(names)]
    return data


def _build() -> tuple[NetworkMap, ValidationReport]:
    return build.build_map(_sheets())


def test_a_repeated_reference_text_is_reported_in_every_row() -> None:
    _, report = _build()
    for m, (member, code) in enumerate(MEMBERS.items()):
        rows = [6 + 6 * m + g for g in range(len(COMMITTEES))]
        found = [i for i in report.issues if i.sheet == "Mitgliedschaften"
                 and i.column == "Mitglied" and i.value == member]
        assert [i.row for i in found] == rows, member
        assert {i.code for i in found} == {code}, member
        assert len({i.message for i in found}) == 1, member  # one text, one message
    named = [i for i in report.issues if i.sheet == "Beziehungen" and i.column == "Von"]
    assert [(i.row, i.code) for i in named] == [(r, "name-reference") for r in range(4, 10)]


def test_a_repeated_reference_text_gives_an_edge_in_every_row() -> None:
    karte, _ = _build()
    for g in COMMITTEES:
        members = {u for u, _, _ in karte.graph.in_edges(g, keys=True)}
        assert members == {"K1", "TR", "JA"}, g  # K1 twice (two spellings), once as edge
    assert {v for _, v in karte.graph.out_edges("K1")} >= {"GS1", "TR", "P1", "JA", "JC", "BM"}


def test_repeated_categories_districts_and_values_are_reported_in_every_row() -> None:
    _, report = _build()
    akteure = [i for i in report.issues if i.sheet == "Akteure" and i.row and i.row >= 6]
    by_row: dict[int, set[str]] = {}
    for issue in akteure:
        by_row.setdefault(issue.row or 0, set()).add(f"{issue.code}:{issue.column}")
    categories = [r["Kategorie"] for r in _sheets()["Akteure"][4:40:6]]
    for c in range(6):
        for n in range(6):
            row = 6 + 6 * c + n
            found = by_row.get(row, set())
            assert "unknown-value:Lebensphasen" in found or \
                "guessed-value:Lebensphasen" in found, row
            assert ("unknown-district:Sozialraum" in found) == (n % 3 == 2), row
            assert ("guessed-value:Sozialraum" in found) == (n % 3 != 2), row
            # nothing to say about "Kita", nor about no category beside a name that tells
            # nothing ("Haus Kunterbunt"); the other readings are each a warning
            silent = c == 0 or (categories[c] == "" and n == 5)
            assert any(f.endswith(":Kategorie") for f in found) != silent, row


class _Forgetful(dict[Any, Any]):
    """A cache that never keeps anything: every lookup is read afresh."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _switch_off_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the importer read every row afresh (what it remembers between rows)."""
    class References(build.References):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._matches = _Forgetful()
            self._exact = _Forgetful()
            self._resolved = _Forgetful()

    original = CategoryCatalogue.__init__

    def catalogue(self: CategoryCatalogue, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self._by_text = _Forgetful()
        self._cache = _Forgetful()

    monkeypatch.setattr(build, "References", References)
    monkeypatch.setattr(CategoryCatalogue, "__init__", catalogue)
    monkeypatch.setattr(BUILTIN, "_by_text", _Forgetful())
    monkeypatch.setattr(BUILTIN, "_cache", _Forgetful())
    monkeypatch.setattr(terms, "_fold", terms._fold.__wrapped__)
    monkeypatch.setattr(terms, "_close_labels", terms._close_labels.__wrapped__)


def _result(karte: NetworkMap, report: ValidationReport) -> tuple[Any, ...]:
    return (report.issues, report.counts,
            [(n, dict(d)) for n, d in karte.graph.nodes(data=True)],
            [(u, v, k, dict(d)) for u, v, k, d in karte.graph.edges(keys=True, data=True)])


def test_the_caches_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _result(*_build())
    _switch_off_caches(monkeypatch)
    uncached = _result(*_build())
    assert not BUILTIN._by_text and not BUILTIN._cache  # nothing was remembered
    assert len(uncached[0]) > 100  # the report has something to compare
    assert uncached == cached
