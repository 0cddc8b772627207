"""Hardening of the importer, part 2: what slipped through before.

Invisible differences in IDs, headers with a unit or hint, cycles and numbers out of range,
missing markers in reference columns, control characters, the raw text of unreadable edge
cells. Each case ends in a German issue with its place, or in nothing at all where the
input means what it says.
"""

from __future__ import annotations

from xlsx_helpers import Rows, edge

from netzkarte.io.build import build_map
from netzkarte.io.columns import Columns

# --- unreadable raw text of edge cells --------------------------------------------------


def test_edge_sheets_keep_unreadable_text_without_an_override() -> None:
    # the edge sheets merge what convert kept into the edge's extra themselves
    assert "edge" not in vars(Columns)
    assert not hasattr(Columns("x"), "_edge_extra")


def test_unreadable_edge_cells_and_extra_columns_together(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"][0].update({"Formal": "mündlich", "Seit": "irgendwann",
                                     "Quelle": "Interview"})
    sheets["Mitgliedschaften"][0].update({"Seit": "nach Absprache"})
    netmap, report = build_map(sheets)
    assert report.ok
    assert edge(netmap, "K1", "GS1")["extra"] == {"Formal": "mündlich", "Seit": "irgendwann",
                                                  "Quelle": "Interview"}
    assert edge(netmap, "JA", "SG")["extra"] == {"Seit": "nach Absprache"}

