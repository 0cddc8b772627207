"""Isolated nodes, belongs-to-only actors, offers without provider, one-sided ties."""

from __future__ import annotations

from netzkarte import NetworkMap
from netzkarte.analysis.findings import Finding
from netzkarte.analysis.isolated import find_isolated
from netzkarte.model import reporters


def _checks(findings: list[Finding]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.evidence["check"], f.severity, f.nodes) for f in findings]


def test_small_map_has_nothing_isolated(small_map: NetworkMap) -> None:
    assert find_isolated(small_map) == []


def test_nodes_without_any_edge() -> None:
    m = NetworkMap()
    m.add_node("K", "actor", name="Kita Wiese", category="Kita", district="Süd")
    m.add_node("P", "actor", name="Herr Allein", form="Person")
    m.add_node("A", "office", name="Ordnungsamt")
    m.add_node("G", "committee", name="Runder Tisch")
    m.add_node("O", "offer", name="Ferienprogramm")
    m.add_node("O2", "offer", name="Altes Programm", status="beendet")
    findings = find_isolated(m)
    assert _checks(findings) == [
        ("no_edges", "medium", ("K",)), ("no_edges", "low", ("P",)),
        ("no_edges", "medium", ("A",)), ("no_edges", "low", ("G",)),
        ("no_provider", "low", ("O",))]
    assert findings[0].title == "Kita Wiese ist mit niemandem verbunden"
    assert findings[0].district == "Süd"
    assert findings[-1].text == ("Für das Angebot „Ferienprogramm“ ist kein Anbieter "
                                 "(Trägerschaft) eingetragen und es ist auch sonst mit nichts "
                                 "verbunden.")


def test_only_belongs_to_ties() -> None:
    m = NetworkMap()
    m.add_node("T", "actor", name="Träger", form="Organisation")
    m.add_node("K", "actor", name="Kita Blume", category="Kita")
    m.add_node("P", "actor", name="Frau Blume", form="Person")
    m.add_node("JA", "office", name="Jugendamt")
    m.add_node("O", "offer", name="Elterncafé")
    _ = m.add_edge("K", "T", "belongs_to")
    _ = m.add_edge("P", "K", "belongs_to")
    _ = m.add_edge("JA", "O", "provides")
    assert _checks(find_isolated(m)) == [
        ("belongs_only", "low", ("T",)), ("belongs_only", "low", ("K", "T")),
        ("belongs_only", "info", ("P", "K"))]
    # one real tie is enough; the Träger is then involved through its Kita
    _ = m.add_edge("K", "JA", "cooperation")
    assert _checks(find_isolated(m)) == [("belongs_only", "info", ("P", "K"))]


def test_offer_with_funding_but_no_provider() -> None:
    m = NetworkMap()
    m.add_node("JA", "office", name="Jugendamt")
    m.add_node("O", "offer", name="Lotsendienst", district="Nord")
    _ = m.add_edge("JA", "O", "funds")
    findings = find_isolated(m)
    assert _checks(findings) == [("no_provider", "low", ("O",))]
    assert findings[0].district == "Nord"
    assert findings[0].evidence["no_edges"] is False


def _survey_map() -> NetworkMap:
    m = NetworkMap()
    m.add_node("A", "actor", name="Kita A")
    m.add_node("B", "actor", name="Schule B")
    m.add_node("C", "actor", name="Verein C")
    m.add_node("D", "actor", name="Praxis D")
    return m


def test_one_sided_reports() -> None:
    m = _survey_map()
    _ = m.add_edge("A", "B", "cooperation", reported_by="A")  # B took part, did not confirm
    _ = m.add_edge("B", "C", "cooperation", reported_by="Schule B")  # C never answered
    _ = m.add_edge("C", "D", "cooperation", reported_by="Jugendamt")  # third party
    _ = m.add_edge("A", "D", "cooperation", reported_by="A")
    _ = m.add_edge("D", "A", "cooperation", reported_by="D")  # confirmed
    _ = m.add_edge("B", "D", "contract", reported_by="beide")  # both
    findings = find_isolated(m)
    assert _checks(findings) == [("one_sided", "low", ("A", "B")),
                                 ("one_sided", "info", ("B", "C"))]
    assert findings[0].edges == (("A", "B"),)
    assert findings[0].title == "Beziehung Kita A – Schule B nur einseitig gemeldet"
    assert "vermutlich nicht an der Erhebung beteiligt" in findings[1].text


def test_reporters_by_id_or_name() -> None:
    m = _survey_map()
    assert reporters(m, "A", "A", "B") == {"A"}
    assert reporters(m, " schule b ", "A", "B") == {"B"}
    assert reporters(m, "A; B", "A", "B") == {"A", "B"}
    assert reporters(m, None, "A", "B") == set()


def test_synthetic_isolated_nodes_are_found_and_clean_map_has_none() -> None:
    from netzkarte.datasets.synthetic import synthetic

    for seed in (1, 2, 3):
        planted = synthetic(400, seed=seed, plant=["isolated"])
        found = {f.nodes[0] for f in find_isolated(planted.map)
                 if f.evidence["check"] in ("no_edges", "no_provider")
                 and f.evidence.get("no_edges", True)}
        assert found == set(planted.truth.isolated) != set()
        clean = find_isolated(synthetic(400, seed=seed).map)
        assert [f.title for f in clean if f.severity in ("high", "medium")] == []
        assert not [f for f in clean if f.evidence["check"] == "no_edges"]


def test_a_federfuehrung_or_a_venue_is_no_isolated_entry() -> None:
    """The Bürgermeisterin runs the Steuerungsgruppe as Federführung, the Grundschule hosts
    an offer: neither is „mit niemandem verbunden“, though no membership is entered."""
    from netzkarte import NetworkMap
    from netzkarte.analysis.isolated import find_isolated

    m = NetworkMap()
    m.add_node("BM", "office", name="Bürgermeisterin")
    m.add_node("SG", "committee", name="Steuerungsgruppe", lead="BM")
    m.add_node("GS", "actor", name="Grundschule")
    m.add_node("O", "offer", name="Hausaufgabenhilfe", venue="GS")
    m.add_node("X", "actor", name="Verein ohne alles")
    alone = {f.nodes[0] for f in find_isolated(m) if f.evidence.get("check") == "no_edges"}
    assert alone == {"X", "SG"}
