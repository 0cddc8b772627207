"""Parallel structures: duplicate committees and duplicate offers."""

from __future__ import annotations

import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.parallel import (
    committee_pair_evidence,
    find_parallel_structures,
    mandate_words,
)


def _two_bodies(*, level_a: str = "Kommune", level_b: str = "Kommune",
                topics_b: tuple[str, ...] = ("Frühe Hilfen",), shared: int = 3,
                only_a: int = 1, only_b: int = 1) -> NetworkMap:
    m = NetworkMap("Kindertal")
    m.add_node("FH1", "committee", name="Netzwerk Frühe Hilfen Kindertal",
               committee_type="Netzwerk", level=level_a, topics=["Frühe Hilfen"],
               life_phases=["0-3", "Schwangerschaft"])
    m.add_node("FH2", "committee", name="Arbeitskreis B", committee_type="Netzwerk",
               level=level_b, topics=list(topics_b), life_phases=["0-3", "Schwangerschaft"])
    for i in range(shared):
        m.add_node(f"S{i}", "office", name=f"Gemeinsam {i}")
        m.add_edge(f"S{i}", "FH1", "member")
        m.add_edge(f"S{i}", "FH2", "member")
    for i in range(only_a):
        m.add_node(f"A{i}", "actor", name=f"Nur A {i}", form="Organisation")
        m.add_edge(f"A{i}", "FH1", "member")
    for i in range(only_b):
        m.add_node(f"B{i}", "actor", name=f"Nur B {i}", form="Organisation")
        m.add_edge(f"B{i}", "FH2", "member")
    return m


def test_mandate_words_drop_generic_and_place_words() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("G", "committee", name="Arbeitskreis Übergang Schule–Beruf Kindertal")
    assert mandate_words(m, "G") == {"uebergang", "schule", "beruf"}


def test_same_mandate_and_members_is_parallel_with_reasons() -> None:
    m = _two_bodies()
    [f] = find_parallel_structures(m)
    assert f.kind == "parallel_structure"
    assert f.nodes == ("FH1", "FH2")
    assert f.evidence["jaccard"] == pytest.approx(3 / 5)
    assert f.evidence["overlap"] == pytest.approx(3 / 4)
    assert f.evidence["shared_members"] == ["S0", "S1", "S2"]
    assert f.evidence["shared_topics"] == ["fruehe", "hilfen"]
    assert f.evidence["phases"] == ["pregnancy", "u3"]
    assert f.evidence["mandate"] == 1.0
    assert f.score == pytest.approx((0.6 + 1.0) / 2)
    assert f.evidence["action"] == "merge"
    assert "Netzwerk Frühe Hilfen Kindertal" in f.title and "Arbeitskreis B" in f.title
    assert "Gemeinsam 0" in f.text
    assert "zusammenlegen" in f.recommendation
    # the words as the committees spell them, shares as a coordinator reads them
    assert "„Frühe“, „Hilfen“" in f.text and "fruehe" not in f.text
    assert "60 % aller Mitglieder beider Gremien, 75 % des kleineren" in f.text
    assert "Jaccard" not in f.text


def test_overlap_with_different_mandate_is_not_parallel() -> None:
    m = _two_bodies(topics_b=("Übergang Schule-Beruf",), shared=4, only_a=0, only_b=0)
    assert committee_pair_evidence(m, "FH1", "FH2")["jaccard"] == 1.0
    assert find_parallel_structures(m, offers=False) == []


def test_different_districts_are_not_parallel() -> None:
    m = _two_bodies()
    m.graph.nodes["FH1"]["district"] = "Nord"
    m.graph.nodes["FH2"]["district"] = "Süd"
    assert find_parallel_structures(m) == []


def test_kreis_and_kommune_duplicate_scores_higher_and_suggests_delegate() -> None:
    same = find_parallel_structures(_two_bodies())[0]
    cross = find_parallel_structures(_two_bodies(level_a="Kreis"))[0]
    assert cross.evidence["cross_level"] is True
    assert cross.score == pytest.approx(0.8 + 0.35 * 0.2)
    assert cross.score > same.score
    assert same.score == pytest.approx(0.8)
    assert cross.evidence["action"] == "delegate"
    assert "Kreis" in cross.text


def test_little_membership_overlap_is_not_parallel() -> None:
    m = _two_bodies(shared=1, only_a=4, only_b=4)  # jaccard 1/9, overlap 1/5
    assert find_parallel_structures(m) == []


def test_partly_shared_topics_ask_to_clarify_mandate() -> None:
    m = _two_bodies(topics_b=("Frühe Hilfen", "Kinderschutz", "Sprache"), shared=2,
                    only_a=2, only_b=2)
    [f] = find_parallel_structures(m, min_mandate=0.5)
    assert f.evidence["action"] == "clarify"
    assert "abgrenzen" in f.recommendation


def _offers_map(*, same_provider: bool = False, target_b: str | None = None,
                status_b: str = "laufend", phases_b: tuple[str, ...] = ("0-3",)) -> NetworkMap:
    m = NetworkMap("Kindertal")
    m.add_node("AWO", "actor", name="AWO Kindertal", category="Wohlfahrtsverband")
    m.add_node("DRK", "actor", name="DRK Kindertal", category="Wohlfahrtsverband")
    m.add_node("O1", "offer", name="Babytreff am Markt", category="Elterncafé",
               district="Nord", life_phases=["0-3"], target_group="Eltern mit Babys")
    m.add_node("O2", "offer", name="Elterntreff Nord", category="Babytreff",
               district="Nord", life_phases=list(phases_b), target_group=target_b,
               status=status_b)
    m.add_edge("AWO", "O1", "provides")
    m.add_edge("AWO" if same_provider else "DRK", "O2", "provides")
    return m


def test_duplicate_offers_in_one_district_name_both_providers() -> None:
    [f] = find_parallel_structures(_offers_map())
    assert f.district == "Nord"
    assert f.evidence["providers"] == ["AWO", "DRK"]
    assert f.evidence["offers"] == ["O1", "O2"]
    assert f.evidence["category"] == "Elterncafé"
    assert "AWO Kindertal und DRK Kindertal" in f.recommendation
    assert "Babytreff am Markt" in f.text and "Elterntreff Nord" in f.text


@pytest.mark.parametrize("kwargs", [
    {"same_provider": True},
    {"target_b": "Väter"},
    {"status_b": "beendet"},
    {"phases_b": ("Grundschule",)},
])
def test_not_duplicate_offers(kwargs: dict[str, object]) -> None:
    assert find_parallel_structures(_offers_map(**kwargs)) == []  # type: ignore[arg-type]


def test_ids_are_stable() -> None:
    a = [f.id for f in find_parallel_structures(_two_bodies())]
    b = [f.id for f in find_parallel_structures(_two_bodies())]
    assert a == b


# --- synthetic maps with planted problems ---------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_planted_parallel_pairs_found_and_clean_control_quiet(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    planted = synthetic(400, seed=seed, plant=["parallel"])
    found = {tuple(sorted(f.nodes)) for f in find_parallel_structures(planted.map)
             if f.evidence.get("mandate") is not None}
    assert planted.truth.parallel_pairs
    for pair in planted.truth.parallel_pairs:
        assert tuple(sorted(pair)) in found
    clean = find_parallel_structures(synthetic(400, seed=seed).map)
    assert [f.title for f in clean if f.severity == "high"] == []


def test_two_general_bodies_of_one_district_are_parallel_whatever_their_topics() -> None:
    from netzkarte import NetworkMap
    from netzkarte.analysis.parallel import find_parallel_structures

    m = NetworkMap("Testheim")
    phases = ["0–3 Jahre", "3–6 Jahre (Kita)", "6–10 Jahre (Grundschule)"]
    m.add_node("SRK", "committee", name="Sozialraumkonferenz Nord",
               committee_type="Sozialraumkonferenz", district="Nord", life_phases=phases,
               topics=["Präventionskette"])
    m.add_node("STAK", "committee", name="Stadtteilarbeitskreis Nord",
               committee_type="Arbeitskreis", district="Nord", life_phases=phases,
               topics=["Stadtteilarbeit"])
    m.add_node("AKS", "committee", name="AK Sprache Süd", committee_type="Arbeitskreis",
               district="Süd", life_phases=phases, topics=["Stadtteilarbeit"])
    for i in range(5):
        m.add_node(f"K{i}", "actor", name=f"Kita {i}", category="Kita", district="Nord")
        for c in ("SRK", "STAK", "AKS"):
            m.add_edge(f"K{i}", c, "member")
    found = [f for f in find_parallel_structures(m) if f.kind == "parallel_structure"]
    assert [sorted(f.nodes[:2]) for f in found] == [["SRK", "STAK"]]


def test_statutory_committees_of_town_and_kreis_are_not_parallel() -> None:
    from netzkarte import NetworkMap
    from netzkarte.analysis.parallel import find_parallel_structures

    m = NetworkMap("Testheim")
    for cid, level in (("JHA-S", "Kommune"), ("JHA-K", "Kreis")):
        m.add_node(cid, "committee", name=f"Jugendhilfeausschuss {level}",
                   committee_type="Ausschuss", level=level, topics=["Jugendhilfe"])
    for i in range(4):
        m.add_node(f"T{i}", "actor", name=f"Träger {i}", category="Freier Träger")
        m.add_edge(f"T{i}", "JHA-S", "member")
        m.add_edge(f"T{i}", "JHA-K", "member")
    assert find_parallel_structures(m) == []


def test_offers_placed_in_their_own_facilities_are_not_duplicates() -> None:
    from netzkarte import NetworkMap
    from netzkarte.analysis.parallel import find_parallel_structures

    m = NetworkMap("Testheim")
    for i in (1, 2):
        m.add_node(f"K{i}", "actor", name=f"Kita {i}", category="Kita", district="Nord")
        m.add_node(f"T{i}", "actor", name=f"Träger {i}", category="Freier Träger")
        m.add_node(f"S{i}", "offer", name=f"Sprachförderung Kita {i}",
                   category="Sprachförderung", district="Nord", venue=f"K{i}")
        m.add_edge(f"T{i}", f"S{i}", "provides")
    assert find_parallel_structures(m) == []
    m.add_node("V", "actor", name="Verein", category="Migrantenorganisation")
    m.add_node("S3", "offer", name="Sprachtreff", category="Sprachförderung", district="Nord")
    m.add_edge("V", "S3", "provides")
    found = find_parallel_structures(m)
    assert len(found) == 1 and {"S1", "S2", "S3"} <= set(found[0].nodes)
