"""Promoters (Witte 1973): backing of the steering, experts, matching, sectors."""

from __future__ import annotations

import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.findings import Finding
from netzkarte.analysis.promoters import (
    find_promoter_gaps,
    is_expert_promoter,
    is_power_promoter,
)


def _checks(findings: list[Finding]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.evidence["check"], f.severity, f.nodes) for f in findings]


def _steering(member_attrs: dict[str, object], *, person_of: str | None = None) -> NetworkMap:
    """A steering group with one member M (attributes given) and an expert E."""
    m = NetworkMap()
    m.add_node("SG", "committee", name="Steuerungsgruppe", committee_type="Steuerungsgruppe")
    m.add_node("E", "actor", name="Frau Fach", form="Person", roles=["Fachpromotor"],
               sector="Kinder- und Jugendhilfe")
    m.add_node("M", "actor", name="Mitglied M", **member_attrs)  # type: ignore[arg-type]
    _ = m.add_edge("E", "SG", "member", function="Koordination")
    _ = m.add_edge("M", "SG", "member")
    if person_of:
        m.add_node("D", "office", name="Dezernat III", category=person_of)
        _ = m.add_edge("M", "D", "belongs_to")
    return m


@pytest.mark.parametrize("attrs", [
    {"rank": "Verwaltungsspitze"}, {"rank": "Dezernent"}, {"roles": ["Machtpromotorin"]}])
def test_steering_backed_by_rank_or_role_has_no_power_finding(attrs: dict[str, object]
                                                              ) -> None:
    checks = [c for c, _, _ in _checks(find_promoter_gaps(_steering(attrs)))]
    assert "no_power" not in checks
    assert "no_expert" not in checks


def test_person_of_a_power_office_backs_the_steering() -> None:
    m = _steering({"form": "Person", "rank": "Fachkraft"}, person_of="Dezernat")
    assert "no_power" not in [c for c, _, _ in _checks(find_promoter_gaps(m))]
    # an office head is no power promoter, however the office is called
    m2 = _steering({"form": "Person", "rank": "Amtsleitung"}, person_of="Jugendamt")
    findings = find_promoter_gaps(m2)
    power = [f for f in findings if f.evidence["check"] == "no_power"]
    assert [(f.severity, f.nodes) for f in power] == [("high", ("SG",))]
    assert power[0].title == "Steuerungsgruppe: kein Machtpromotor in der Steuerung"
    assert power[0].evidence["ranks"] == ["Amtsleitung"]
    assert power[0].text == ("Kein Mitglied von „Steuerungsgruppe“ (2 eingetragen) ist als "
                             "Machtpromotor eingetragen oder gehört zur Verwaltungsspitze oder "
                             "zum Verwaltungsvorstand. Eingetragene Hierarchieebenen: "
                             "Amtsleitung.")


def test_steering_without_expert_is_medium() -> None:
    m = NetworkMap()
    m.add_node("SG", "committee", name="Lenkungskreis", tier="a")
    m.add_node("BM", "office", name="Bürgermeister", rank="Verwaltungsspitze",
               roles=["Machtpromotor"])
    _ = m.add_edge("BM", "SG", "member", function="Vorsitz")
    findings = find_promoter_gaps(m)
    # the power promoter's missing match is part of this finding, not a second one
    assert _checks(findings) == [("no_expert", "medium", ("SG", "BM"))]
    assert findings[0].text == (
        "Kein Mitglied von „Lenkungskreis“ (1 eingetragen) ist als Fachpromotor eingetragen. Damit "
        "fehlt „Bürgermeister“ in der Steuerung die Verbindung zur Fachexpertise (Zusammenspiel "
        "von Macht- und Fachpromotoren).")


def test_matching_of_power_and_expert_promoters() -> None:
    m = NetworkMap()
    m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
    m.add_node("AK", "committee", name="AK Frühe Hilfen", tier="b")
    m.add_node("BM", "office", name="Bürgermeister", rank="Verwaltungsspitze")
    m.add_node("F1", "actor", name="Herr Fach", form="Person", roles="Fachpromotor",
               sector="Gesundheit")
    m.add_node("F2", "actor", name="Frau Wissen", form="Person", roles="Fachpromotor",
               sector="Schule")
    _ = m.add_edge("BM", "SG", "member", function="Vorsitz")
    _ = m.add_edge("F1", "SG", "member")
    _ = m.add_edge("F2", "AK", "member", function="Koordination")
    findings = find_promoter_gaps(m)
    assert _checks(findings) == [("unmatched_expert", "low", ("F2",))]
    assert findings[0].title == ("Frau Wissen (Rolle Fachpromotor) ohne Verbindung zu "
                                 "Machtpromotoren")
    # a direct tie is a link too
    _ = m.add_edge("F2", "BM", "cooperation")
    assert _checks(find_promoter_gaps(m)) == []


def test_power_promoter_without_any_expert_link_is_medium() -> None:
    m = NetworkMap()
    m.add_node("BM", "office", name="Bürgermeister", rank="Verwaltungsspitze",
               sector="Politik")
    m.add_node("F", "actor", name="Frau Fach", roles="Fachpromotor", sector="Politik")
    assert _checks(find_promoter_gaps(m)) == [("unmatched_power", "medium", ("BM",)),
                                              ("unmatched_expert", "low", ("F",))]
    # an office acts through its people: once the mayor herself is in the map, she is judged
    m.add_node("P", "actor", name="Frau Bürgermeisterin", form="Person", sector="Politik",
               rank="Verwaltungsspitze")
    _ = m.add_edge("P", "BM", "belongs_to")
    assert _checks(find_promoter_gaps(m)) == [("unmatched_power", "medium", ("P",)),
                                              ("unmatched_expert", "low", ("F",))]


def test_unmatched_experts_are_grouped_per_municipality() -> None:
    m = NetworkMap()
    m.add_node("BM", "actor", name="Herr Macht", roles="Machtpromotor", sector="Politik")
    for node, town in (("F1", "Nordstadt"), ("F2", "Nordstadt"), ("F3", "Südheim")):
        m.add_node(node, "actor", name=f"Fach {node}", roles="Fachpromotor",
                   municipality=town, sector="Politik")
    findings = [f for f in find_promoter_gaps(m) if f.evidence["check"] == "unmatched_expert"]
    assert [(f.title, f.nodes) for f in findings] == [
        ("2 Fachpromotoren (Nordstadt) ohne Verbindung zu Machtpromotoren", ("F1", "F2")),
        ("Fach F3 (Südheim, Rolle Fachpromotor) ohne Verbindung zu Machtpromotoren",
         ("F3",))]


def test_no_promoter_roles_at_all_gives_one_hint() -> None:
    m = NetworkMap()
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    m.add_node("K", "actor", name="Kita", category="Kita")
    assert _checks(find_promoter_gaps(m)) == [("no_roles", "info", ())]


def test_sectors_without_promoter(small_map: NetworkMap) -> None:
    findings = find_promoter_gaps(small_map)
    got = {f.evidence["sector"]: f.severity for f in findings}
    # BM (Politik) is power, KOORD (Zivilgesellschaft, person category) is expert
    assert got == {"youth_welfare": "low", "education": "low", "work": "info"}
    assert findings[0].title == "Keine Promotoren im Handlungsfeld Kinder- und Jugendhilfe"


def test_promoter_predicates(small_map: NetworkMap) -> None:
    assert is_power_promoter(small_map, "BM")
    assert not is_power_promoter(small_map, "JA")
    assert is_expert_promoter(small_map, "KOORD")
    assert not is_expert_promoter(small_map, "BM")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_steering_without_power_is_found_and_clean_map_is_quiet(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    planted = synthetic(400, seed=seed, plant=["steering_no_power"])
    no_power = {f.nodes[0] for f in find_promoter_gaps(planted.map)
                if f.evidence["check"] == "no_power"}
    assert no_power == set(planted.truth.steering_without_power) != set()
    clean = find_promoter_gaps(synthetic(400, seed=seed).map)
    assert [f.title for f in clean if f.severity == "high"] == []
