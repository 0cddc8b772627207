"""Snapshot comparison: what appeared, what was lost, what moved."""

from __future__ import annotations

from netzkarte import NetworkMap
from netzkarte.analysis.compare import compare


def _pair(small_map: NetworkMap) -> tuple[NetworkMap, NetworkMap]:
    old = small_map.copy()
    new = small_map.copy()
    new.add_node("FZ", "actor", name="Familienzentrum Nord", category="Familienzentrum",
                 district="Nord")
    new.add_edge("FZ", "GS1", "cooperation", strength=2)
    new.remove_node("JC")
    # the Kita–Grundschule tie grew from Koordination (3) to Integration (4)
    for _, _, _, d in new.iter_edges("cooperation"):
        if d.get("strength") == 3:
            d["strength"] = type(d["strength"])(4)
    new.add_node("GS1", "actor", name="Grundschule am Park", category="Grundschule",
                 district="Süd")
    return old, new


def test_nodes_and_edges_added_and_lost(small_map: NetworkMap) -> None:
    old, new = _pair(small_map)
    diff = compare(old, new, analyses=False)
    assert diff.nodes_added == ["FZ"]
    assert diff.nodes_removed == ["JC"]
    assert ("FZ", "GS1", "cooperation") in diff.edges_added
    assert diff.edges_removed == [("JC", "SG", "member")]
    assert diff.strength_changed == [(("GS1", "KITA1", "cooperation"), 3, 4)]
    assert ("GS1", "district", "Nord", "Süd") in diff.nodes_changed


def test_symmetric_ties_match_in_either_direction(small_map: NetworkMap) -> None:
    old = small_map.copy()
    new = small_map.copy()
    for u, v, k, _ in list(new.iter_edges("cooperation")):
        new.graph.remove_edge(u, v, k)
        new.add_edge(v, u, "cooperation", strength=3, formal=True)
    diff = compare(old, new, analyses=False)
    assert diff.edges_added == [] and diff.edges_removed == []


def test_figures_and_german_frame(small_map: NetworkMap) -> None:
    old, new = _pair(small_map)
    diff = compare(old, new, analyses=False)
    assert diff.figures.loc["Knoten: Akteur", "Veränderung"] == 1
    assert diff.figures.loc["Knoten: Amt", "Veränderung"] == -1
    frame = diff.to_frame()
    assert {"neu", "entfallen", "geändert", "Stärke geändert"} <= set(frame["Änderung"])
    data = diff.to_dict()
    assert data["summary"]["nodes_added"] == 1
    assert data["nodes_removed"][0] == {"id": "JC", "name": "Jobcenter", "type": "office"}
    assert "1 Knoten neu" in diff._repr_html_()
