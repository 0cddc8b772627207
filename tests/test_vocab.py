"""The vocabulary: tolerant parsing, suggestions, category defaults, edge endpoints."""

from __future__ import annotations

import pytest

from netzkarte.vocab import (
    CATEGORIES,
    CommitteeType,
    EdgeKind,
    LifePhase,
    NodeType,
    Role,
    Sector,
    Strength,
    Tier,
    Transition,
    category_info,
    core_phase,
    endpoint_problem,
    parse_bool,
    suggest_category,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kinder- und Jugendhilfe", Sector.YOUTH_WELFARE),
    ("  kinder- und jugendhilfe ", Sector.YOUTH_WELFARE),
    ("KINDER UND JUGENDHILFE", Sector.YOUTH_WELFARE),
    ("youth welfare", Sector.YOUTH_WELFARE),
    ("Stadtentwicklung und Wohnen", Sector.URBAN),
    ("Kultur, Sport und Freizeit", Sector.CULTURE_SPORT),
    ("Gesundheit", Sector.HEALTH),
])
def test_sector_spellings(text: str, expected: Sector) -> None:
    assert Sector.parse(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("16–27 Jahre (Übergang Schule–Beruf)", LifePhase.TRANSITION_WORK),  # en dashes
    ("16-27 Jahre (Uebergang Schule-Beruf)", LifePhase.TRANSITION_WORK),  # ASCII spelling
    ("Übergang Schule – Beruf", LifePhase.TRANSITION_WORK),
    ("0-3", LifePhase.U3),
    ("U3", LifePhase.U3),
    ("weiterfuehrende Schule", LifePhase.SECONDARY),
    ("pregnancy", LifePhase.PREGNANCY),
])
def test_life_phase_spellings(text: str, expected: LifePhase) -> None:
    assert LifePhase.parse(text) is expected


def test_other_enums_accept_german_and_english() -> None:
    assert Role.parse("Machtpromotorin") is Role.POWER_PROMOTER
    assert Role.parse("power promoter") is Role.POWER_PROMOTER
    assert Tier.parse("A") is Tier.A
    assert CommitteeType.parse("AG nach §78 SGB VIII") is CommitteeType.AG78
    assert EdgeKind.parse("gehoert zu") is EdgeKind.BELONGS_TO
    assert EdgeKind.parse("referral") is EdgeKind.REFERRAL
    assert Sector.parse("Sportverein") is None


@pytest.mark.parametrize(("value", "expected"), [
    (3, Strength.COORDINATION), ("3", Strength.COORDINATION), (2.0, Strength.COOPERATION),
    ("Integration", Strength.INTEGRATION), ("4 Integration", Strength.INTEGRATION),
    ("austausch", Strength.EXCHANGE), (5, None), ("0", None), ("viel", None), (True, None),
])
def test_strength_numbers_and_words(value: object, expected: Strength | None) -> None:
    assert Strength.parse(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("ja", True), ("X", True), (1, True), ("1", True), ("yes", True), (" Nein ", False),
    (0, False), ("0", False), ("falsch", False), ("vielleicht", None), (2, None),
])
def test_bool_spellings(value: object, expected: bool | None) -> None:
    assert parse_bool(value) is expected


def test_suggestions_for_near_misses() -> None:
    assert Sector.suggest("Gesundheitt") == ["Gesundheit"]
    assert "Machtpromotor" in Role.suggest("Machtpromoter")
    assert Sector.suggest("völlig anders") == []
    assert suggest_category("Grundschul", NodeType.ACTOR) == ["Grundschule"]


def test_at_least_forty_categories_with_defaults() -> None:
    assert len(CATEGORIES) >= 40
    labels = [c.label for c in CATEGORIES]
    assert len(labels) == len(set(labels))
    kita = category_info("Kindertagesstätte")
    assert kita is not None and kita.sector is Sector.YOUTH_WELFARE
    assert kita.life_phases == (LifePhase.U3, LifePhase.KITA)
    jobcenter = category_info("jobcenter")
    assert jobcenter is not None and jobcenter.node_type is NodeType.OFFICE
    assert jobcenter.life_phases == (LifePhase.TRANSITION_WORK,)
    hebamme = category_info("Hebamme")
    assert hebamme is not None and hebamme.life_phases == (LifePhase.PREGNANCY, LifePhase.U3)
    assert core_phase("Kita") is LifePhase.KITA and core_phase("Grundschule") is None


def test_transitions_are_adjacent_phases() -> None:
    order = list(LifePhase)
    for t in Transition:
        early, late = t.phases
        assert order.index(late) == order.index(early) + 1
    assert Transition.parse("Kita-Grundschule") is Transition.KITA_PRIMARY


def test_endpoint_rules() -> None:
    a, o, c, f = NodeType.ACTOR, NodeType.OFFICE, NodeType.COMMITTEE, NodeType.OFFER
    assert endpoint_problem(EdgeKind.MEMBER, a, c) is None
    assert endpoint_problem(EdgeKind.MEMBER, f, c) is not None
    assert endpoint_problem(EdgeKind.REPORTS_TO, c, f) is not None
    assert endpoint_problem(EdgeKind.REPORTS_TO, c, o) is None
    assert endpoint_problem(EdgeKind.PROVIDES, c, f) is not None
    assert endpoint_problem(EdgeKind.BELONGS_TO, o, a) is not None
    assert endpoint_problem(EdgeKind.REFERRAL, f, a) is None
