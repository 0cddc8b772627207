"""The typed model: endpoints enforced, accessors, projections."""

from __future__ import annotations

import pytest

from netzkarte import EndpointError, NetworkMap, UnknownNodeError
from netzkarte.vocab import LifePhase, Sector


def test_counts_and_defaults(small_map: NetworkMap) -> None:
    assert small_map.counts() == {"actor": 4, "office": 3, "committee": 2, "offer": 1,
                                  "edges": 15}
    kita = small_map.node("KITA1")
    assert kita["sector"] is Sector.YOUTH_WELFARE  # from the category Kita
    assert kita["life_phases"] == (LifePhase.U3, LifePhase.KITA)


def test_offer_cannot_be_member(small_map: NetworkMap) -> None:
    with pytest.raises(EndpointError, match="Angebot → Gremium"):
        small_map.add_edge("CAFE", "SG", "member")


def test_reports_to_offer_rejected(small_map: NetworkMap) -> None:
    with pytest.raises(EndpointError):
        small_map.add_edge("SG", "CAFE", "reports_to")


def test_self_loop_and_unknown_node(small_map: NetworkMap) -> None:
    with pytest.raises(EndpointError):
        small_map.add_edge("JA", "JA", "cooperation")
    with pytest.raises(UnknownNodeError):
        small_map.add_edge("JA", "NOPE", "cooperation")


def test_nobody_belongs_to_a_person(small_map: NetworkMap) -> None:
    with pytest.raises(EndpointError, match="Person"):
        small_map.add_edge("GS1", "KOORD", "belongs_to")


def test_frames_per_type(small_map: NetworkMap) -> None:
    actors = small_map.actors
    assert list(actors.index) == ["KOORD", "KITA1", "GS1", "TR"]
    assert actors.loc["GS1", "sector"] == "education"
    assert set(small_map.edges("member")["target"]) == {"SG", "SRK"}


def test_collaboration_projection(small_map: NetworkMap) -> None:
    g = small_map.collaboration_graph()
    assert set(g.nodes) == {"BM", "JA", "JC", "KOORD", "KITA1", "GS1", "TR"}
    assert g["BM"]["JC"]["committees"] == ["SG"]
    assert g["KITA1"]["GS1"]["weight"] == 2  # cooperation + Sozialraumkonferenz
    cg = small_map.committee_graph()
    assert cg["SG"]["SRK"]["shared"] == ["KOORD"]
    assert cg["SG"]["SRK"]["jaccard"] == pytest.approx(1 / 6)


def test_node_ids_cannot_change_type() -> None:
    m = NetworkMap()
    m.add_node("X", "actor", name="X")
    with pytest.raises(ValueError, match="Akteur"):
        m.add_node("X", "office", name="X")


def test_copy_does_not_share_extras(small_map: NetworkMap) -> None:
    small_map.graph.nodes["KITA1"]["extra"]["Träger-Nr."] = "17"
    twin = small_map.copy()
    twin.graph.nodes["KITA1"]["extra"]["Träger-Nr."] = "99"
    assert small_map.node("KITA1")["extra"] == {"Träger-Nr.": "17"}
