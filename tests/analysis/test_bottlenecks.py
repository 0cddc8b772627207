"""Bottlenecks: drop-out, bridges, concentration, overload, coordination, distance."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from netzkarte import NetworkMap, NetzkarteError
from netzkarte.analysis.bottlenecks import cut_structure, distances_to, find_bottlenecks
from netzkarte.analysis.findings import Finding
from netzkarte.analysis.steering import steering_bodies, steering_members


def _by_check(findings: list[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.evidence.get("check") == check]


def _person_bridge_map(extra_org_members: int = 0) -> NetworkMap:
    """Steering group BM, JA, Frau Brücke; she alone links K1, K2 (tied) and K3."""
    m = NetworkMap("Brückenheim")
    m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
    m.add_node("BM", "office", name="Bürgermeisterin", rank="Verwaltungsspitze")
    m.add_node("JA", "office", name="Jugendamt")
    m.add_node("P", "actor", name="Frau Brücke", form="Person")
    for node, name in (("K1", "Kita Nord"), ("K2", "Grundschule Nord"), ("K3", "Verein Nord")):
        m.add_node(node, "actor", name=name, district="Nord")
    _ = m.add_edge("BM", "SG", "member", function="Vorsitz")
    _ = m.add_edge("JA", "SG", "member")
    _ = m.add_edge("P", "SG", "member")
    for node in ("K1", "K2", "K3"):
        _ = m.add_edge("P", node, "cooperation")
    _ = m.add_edge("K1", "K2", "cooperation")
    if extra_org_members:
        m.add_node("T", "actor", name="Träger T", form="Organisation")
        _ = m.add_edge("T", "SG", "member")
        for i in range(extra_org_members):
            m.add_node(f"F{i}", "actor", name=f"Einrichtung {i}", form="Einrichtung")
            _ = m.add_edge(f"F{i}", "T", "belongs_to")
    return m


def test_person_as_only_link_to_the_steering_group_is_high() -> None:
    findings = find_bottlenecks(_person_bridge_map())
    dropout = _by_check(findings, "dropout")
    assert len(dropout) == 1
    f = dropout[0]
    assert f.severity == "high"
    assert f.nodes == ("P", "K1", "K2", "K3")
    assert f.evidence["cut_off_from_steering"] == 3
    assert f.evidence["parts"] == [2, 2, 1]
    assert f.title == "Fällt Frau Brücke weg, verlieren 3 Akteure die Verbindung zu den " \
                      "Steuerungsgremien"
    assert "von „Kita Nord“, „Grundschule Nord“ und „Verein Nord“ zu den Steuerungsgremien" \
        in f.text
    assert "personenabhängig" in f.text
    # she also carries all brokerage
    conc = _by_check(findings, "concentration")
    assert [(c.severity, c.nodes, c.score) for c in conc] == [("medium", ("P",), 1.0)]
    assert {f.evidence["check"] for f in findings} == {"dropout", "concentration"}


@pytest.mark.parametrize(("members", "severity"), [(1, None), (2, "low"), (3, "medium")])
def test_organisation_as_only_link_is_graded_by_count(members: int, severity: str | None
                                                      ) -> None:
    findings = _by_check(find_bottlenecks(_person_bridge_map(members)), "dropout")
    got = {f.nodes[0]: f.severity for f in findings}
    assert got.get("T") == severity
    assert got["P"] == "high"


def test_cut_off_high_threshold_is_an_option() -> None:
    findings = _by_check(find_bottlenecks(_person_bridge_map(), cut_off_high=4), "dropout")
    assert [f.severity for f in findings] == ["medium"]


def _two_triangles_map() -> NetworkMap:
    """No steering group: triangles a and b, joined only through person P."""
    m = NetworkMap()
    for side in "ab":
        for i in (1, 2, 3):
            m.add_node(f"{side}{i}", "actor", name=f"{side.upper()}{i}")
        _ = m.add_edge(f"{side}1", f"{side}2", "cooperation")
        _ = m.add_edge(f"{side}2", f"{side}3", "cooperation")
        _ = m.add_edge(f"{side}1", f"{side}3", "cooperation")
    m.add_node("P", "actor", name="Herr Mitte", form="Person")
    _ = m.add_edge("P", "a1", "cooperation")
    _ = m.add_edge("P", "b1", "cooperation")
    return m


def test_without_steering_group_the_split_is_one_level_lower_and_bridges_show() -> None:
    findings = find_bottlenecks(_two_triangles_map())
    dropout = {f.nodes[0]: (f.severity, f.evidence["disconnected"])
               for f in _by_check(findings, "dropout")}
    assert dropout == {"P": ("medium", 3), "a1": ("info", 2), "b1": ("info", 2)}
    bridges = {f.edges[0]: (f.severity, f.evidence["sides"]) for f in _by_check(findings,
                                                                               "bridge")}
    # endpoints in insertion order of the map (b1 was added before P)
    assert bridges == {("a1", "P"): ("medium", [3, 4]), ("b1", "P"): ("medium", [3, 4])}
    person = next(f for f in _by_check(findings, "dropout") if f.nodes[0] == "P")
    assert person.text == ("Ohne Herr Mitte zerfällt das Netz in 2 Teile der Größen 3, 3. "
                           "Ein Steuerungsgremium ist nicht erfasst.")


def _committee_map(seats: int, **person: object) -> NetworkMap:
    m = NetworkMap()
    m.add_node("P", "actor", name="Herr Viel", form="Person", **person)
    m.add_node("O", "actor", name="Verein Viel", form="Organisation")
    for i in range(seats):
        m.add_node(f"G{i}", "committee", name=f"Gremium {i}", meetings_per_year=4)
        _ = m.add_edge("P", f"G{i}", "member", function="Koordination")
        _ = m.add_edge("O", f"G{i}", "member")
    return m


@pytest.mark.parametrize(("seats", "severity"), [(5, None), (6, "medium"), (10, "high")])
def test_persons_on_too_many_committees(seats: int, severity: str | None) -> None:
    overload = _by_check(find_bottlenecks(_committee_map(seats)), "overload")
    assert [f.severity for f in overload] == ([severity] if severity else [])
    if severity:
        f = overload[0]
        assert f.nodes[0] == "P"  # the organisation on as many committees is not reported
        assert f.title == f"Herr Viel sitzt in {seats} Gremien"
        assert f.evidence["meetings_per_year"] == 4 * seats
    assert not _by_check(find_bottlenecks(_committee_map(seats), max_committees=10),
                         "overload")


@pytest.mark.parametrize(("attrs", "sentence"), [
    ({"roles": ["Netzwerkkoordination"]}, "Als Netzwerkkoordination gehört"),
    ({"rank": "Verwaltungsspitze"}, "Als Verwaltungsspitze sind viele dieser Sitze"),
])
def test_seats_that_come_with_the_job_are_one_step_lower(attrs: dict[str, object],
                                                          sentence: str) -> None:
    """The network coordinator sits on committees by job, the mayor by office: asking them
    to hand seats to others is no advice; the finding is one step lower and says why."""
    m = _committee_map(10, **attrs)
    (f,) = _by_check(find_bottlenecks(m), "overload")
    assert f.severity == "medium" and sentence in f.text
    assert "Sitze auf mehrere Personen verteilen" not in f.recommendation


def test_committees_without_chair_or_coordination() -> None:
    m = NetworkMap()
    m.add_node("X", "actor", name="X")
    m.add_node("Y", "actor", name="Y")
    m.add_node("AK", "committee", name="AK Nord", tier="c")
    m.add_node("PG", "committee", name="Projektgruppe", tier="b")
    m.add_node("NW", "committee", name="Netzwerk", lead="X")
    m.add_node("OK", "committee", name="Runder Tisch")
    m.add_node("EMPTY", "committee", name="Beirat")
    m.add_node("ISO", "committee", name="Vergessener Kreis")
    for committee in ("AK", "PG", "NW", "OK"):
        _ = m.add_edge("X", committee, "member")
        _ = m.add_edge("Y", committee, "member",
                       function="Vorsitz" if committee == "OK" else "Gast")
    _ = m.add_edge("EMPTY", "PG", "reports_to")
    got = {f.nodes[0]: f.severity for f in _by_check(find_bottlenecks(m), "no_coordination")}
    assert got == {"AK": "low", "PG": "medium", "NW": "info", "EMPTY": "low"}


def _chain_map() -> NetworkMap:
    """S1 on the steering group, then the chain c1 … c5; u1–u2 unconnected in Süd."""
    m = NetworkMap()
    m.add_node("SG", "committee", name="Lenkungskreis", committee_type="Lenkungskreis")
    m.add_node("S1", "office", name="Dezernat", rank="Dezernat")
    _ = m.add_edge("S1", "SG", "member", function="Vorsitz")
    prev = "S1"
    for i in range(1, 6):
        m.add_node(f"c{i}", "actor", name=f"Akteur {i}", district="Nord")
        _ = m.add_edge(prev, f"c{i}", "cooperation")
        prev = f"c{i}"
    m.add_node("u1", "actor", name="U1", district="Süd")
    m.add_node("u2", "actor", name="U2", district="Süd")
    _ = m.add_edge("u1", "u2", "cooperation")
    m.add_node("lonely", "actor", name="Ohne alles")
    return m


def test_actors_far_from_or_unreachable_from_steering() -> None:
    findings = find_bottlenecks(_chain_map())
    far = _by_check(findings, "far")
    assert [(f.severity, f.nodes, f.district) for f in far] == [("low", ("c4", "c5"), "Nord")]
    assert far[0].evidence["steps"] == [4, 5]
    unreachable = _by_check(findings, "unreachable")
    assert [(f.severity, f.nodes, f.district) for f in unreachable] == [
        ("medium", ("u1", "u2"), "Süd")]
    assert not _by_check(find_bottlenecks(_chain_map(), max_steps=5), "far")


def test_a_shared_offer_is_a_way_to_steering_and_land_actors_are_not_judged() -> None:
    """The library runs a reading club in a school of the chain: that is a way (and no
    finding says it has "no connection"); a Land foundation that only funds an offer is
    beyond the Kommune's steering group and not reported; an actor with nothing but its
    own offer is, with a text that says which ties were looked for."""
    m = _chain_map()
    m.add_node("lib", "actor", name="Stadtbibliothek", district="Süd")
    m.add_node("club", "offer", name="Leseclub", venue="c1")
    _ = m.add_edge("lib", "club", "provides")
    m.add_node("stift", "actor", name="Landesstiftung", level="Land")
    _ = m.add_edge("stift", "club", "funds")
    m.add_node("kirche", "actor", name="Kirchengemeinde", district="Süd")
    m.add_node("paten", "offer", name="Ausbildungspaten")
    _ = m.add_edge("kirche", "paten", "provides")
    unreachable = _by_check(find_bottlenecks(m), "unreachable")
    reported = {n for f in unreachable for n in f.nodes}
    assert "lib" not in reported and "stift" not in reported
    assert reported == {"u1", "u2", "kirche"}
    text = next(f.text for f in unreachable if "kirche" in f.nodes)
    assert "führt kein Weg" in text and "kein gemeinsames Angebot" in text
    far = {n for f in _by_check(find_bottlenecks(m), "far") for n in f.nodes}
    assert "lib" not in far  # two steps: c1 is one step from the Dezernat


def test_chain_drop_outs_and_bridges() -> None:
    findings = find_bottlenecks(_chain_map())
    dropout = {f.nodes[0]: (f.severity, f.evidence["cut_off_from_steering"])
               for f in _by_check(findings, "dropout")}
    assert dropout == {"S1": ("medium", 5), "c1": ("medium", 4), "c2": ("medium", 3),
                       "c3": ("low", 2)}
    bridges = {f.edges[0]: f.severity for f in _by_check(findings, "bridge")}
    assert bridges == {("c1", "c2"): "low", ("c2", "c3"): "medium", ("c3", "c4"): "low"}


def test_bad_thresholds_raise_a_german_error() -> None:
    with pytest.raises(NetzkarteError, match="max_committees"):
        find_bottlenecks(NetworkMap(), max_committees=0)
    with pytest.raises(NetzkarteError, match="zwischen 0 und 1"):
        find_bottlenecks(NetworkMap(), max_betweenness_share=2)


def test_steering_helpers(small_map: NetworkMap) -> None:
    assert steering_bodies(small_map) == ["SG"]
    assert steering_members(small_map) == {"BM", "JA", "JC", "KOORD"}
    assert distances_to(nx.path_graph(3), [0, 2]) == {0: 0, 2: 0, 1: 1}


def test_small_map_has_no_drop_out() -> None:
    from maps import build_small_map

    findings = find_bottlenecks(build_small_map())
    # KITA1 reaches the steering group through KOORD and through TR → JA
    assert not _by_check(findings, "dropout")


def _brute_cut(g: nx.Graph[int], steering: set[int]) -> dict[int, tuple[list[int], int]]:
    out = {}
    for v in g:
        comp = nx.node_connected_component(g, v)
        parts = [set(c) for c in nx.connected_components(g.subgraph(comp - {v}))]
        total = len(comp & steering)
        others = total - (v in steering)
        cut = (sum(len(p) for p in parts if not p & steering) if others
               else sum(map(len, parts))) if total else 0
        out[v] = (sorted((len(p) for p in parts), reverse=True), cut)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_cut_structure_matches_removing_each_node(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 30)
    g = nx.gnm_random_graph(n, rng.randint(0, 2 * n), seed=seed)
    steering = set(rng.sample(list(g), rng.randint(0, min(3, n))))
    cuts, bridges = cut_structure(g, steering)
    expected = _brute_cut(g, steering)
    aps = set(nx.articulation_points(g))
    assert aps <= set(cuts)
    for v, info in cuts.items():
        sizes, cut = expected[v]
        if v in aps:
            assert [s for s, _ in info.parts] == sizes
        assert info.cut_off_count == cut
        assert len(info.cut_off) == min(cut, 50)
    for v in set(g) - set(cuts):
        assert expected[v][1] == 0  # nobody is cut off by a node that is not reported
    got = {}
    for u, v, su, sv in bridges:
        h = g.copy()
        h.remove_edge(u, v)
        got[frozenset((u, v))] = (su, sv) == (len(nx.node_connected_component(h, u)),
                                              len(nx.node_connected_component(h, v)))
    assert set(got) == {frozenset(e) for e in nx.bridges(g)}
    assert all(got.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_planted_bottlenecks_are_found(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    planted = synthetic(400, seed=seed,
                        plant=["bridge_person", "overloaded_person", "no_coordination"])
    truth = planted.truth
    findings = find_bottlenecks(planted.map)
    dropout = {f.nodes[0]: f for f in _by_check(findings, "dropout")}
    assert truth.bridge_persons
    for person in truth.bridge_persons:
        assert dropout[person].severity == "high"
        assert set(truth.cut_off) <= set(dropout[person].nodes)
    overload = {f.nodes[0] for f in _by_check(findings, "overload")}
    assert overload == set(truth.overloaded_persons) != set()
    no_coordination = {f.nodes[0] for f in _by_check(findings, "no_coordination")}
    assert no_coordination == set(truth.committees_without_coordination) != set()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_clean_map_has_no_serious_bottleneck(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    findings = find_bottlenecks(synthetic(400, seed=seed).map)
    assert [f.title for f in findings if f.severity == "high"] == []
    assert not _by_check(findings, "overload")
    assert not _by_check(findings, "no_coordination")


def test_a_committees_federfuehrung_links_it_to_its_members() -> None:
    """The AG nach § 78 is run by the Jugendamt (Federführung), which sits on the steering
    group: its members have a way to steering through it, not only through the one school
    that also sits on the steering group."""
    m = NetworkMap()
    m.add_node("SG", "committee", name="Steuerungsrunde", tier="a")
    m.add_node("JA", "office", name="Jugendamt")
    m.add_edge("JA", "SG", "member", function="Vorsitz")
    m.add_node("AG", "committee", name="AG nach § 78", lead="JA")
    for node in ("T1", "T2", "GS"):
        m.add_node(node, "actor", name=node)
        m.add_edge(node, "AG", "member")
    m.add_edge("GS", "SG", "member")
    assert m.collaboration_graph().has_edge("JA", "T1")
    dropouts = [f.nodes[0] for f in _by_check(find_bottlenecks(m), "dropout")]
    assert "GS" not in dropouts
