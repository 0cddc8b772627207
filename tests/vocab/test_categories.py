"""Categories as administrators type them: everyday words, word parts, names, ambiguity."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.transitions import transition_sides
from netzkarte.vocab import (
    BUILTIN,
    CATEGORIES,
    ActorForm,
    CategoryCatalogue,
    CategoryInfo,
    LifePhase,
    Method,
    NodeType,
    Sector,
    category_info,
    core_phase,
    recognize_category,
    suggest_category,
)
from netzkarte.vocab.categories import _AMBIGUOUS_WORDS, _BY_LABEL

A, OF, F = NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER
P = LifePhase


# --- everyday words ------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "node_type", "label"), [
    # schools (SchulG NRW)
    ("Grundschule", A, "Grundschule"), ("Gemeinschaftsgrundschule", A, "Grundschule"),
    ("GGS", A, "Grundschule"), ("Katholische Grundschule", A, "Grundschule"),
    ("Evangelische Grundschule", A, "Grundschule"), ("Bekenntnisgrundschule", A, "Grundschule"),
    ("Hauptschule", A, "Hauptschule"), ("Gemeinschaftshauptschule", A, "Hauptschule"),
    ("Realschule", A, "Realschule"), ("Sekundarschule", A, "Sekundarschule"),
    ("Gesamtschule", A, "Gesamtschule"), ("Gemeinschaftsschule", A, "Gemeinschaftsschule"),
    ("PRIMUS-Schule", A, "PRIMUS-Schule"), ("Primusschule", A, "PRIMUS-Schule"),
    ("Gymnasium", A, "Gymnasium"), ("weiterführende Schule", A, "Weiterführende Schule"),
    ("Förderschule", A, "Förderschule"), ("Förderschule Lernen", A, "Förderschule"),
    ("Förderschwerpunkt Emotionale und soziale Entwicklung", A, "Förderschule"),
    ("Förderschule Hören und Kommunikation", A, "Förderschule"),
    ("Berufskolleg", A, "Berufskolleg"), ("Berufsschule", A, "Berufskolleg"),
    ("Weiterbildungskolleg", A, "Weiterbildungskolleg"),
    ("Abendrealschule", A, "Weiterbildungskolleg"),
    ("OGS", A, "Offene Ganztagsschule"), ("Offene Ganztagsschule", A, "Offene Ganztagsschule"),
    # childhood and family (KiBiz, SGB VIII)
    ("Kindertagesstätte", A, "Kita"), ("Kindergarten", A, "Kita"), ("Krippe", A, "Krippe"),
    ("Hort", A, "Hort"), ("Tagesmutter", A, "Kindertagespflege"),
    ("Großtagespflege", A, "Kindertagespflege"), ("Familienzentrum NRW", A, "Familienzentrum"),
    ("Jugendtreff", A, "Jugendzentrum"), ("Offene Tür", A, "Jugendzentrum"),
    ("Jugendhaus", A, "Jugendzentrum"), ("Haus der offenen Tür", A, "Jugendzentrum"),
    # health
    ("Kinderarzt", A, "Kinderarztpraxis"), ("Kinderärztin", A, "Kinderarztpraxis"),
    ("Kinder- und Jugendarzt", A, "Kinderarztpraxis"),
    ("Kinder- und Jugendarztpraxis", A, "Kinderarztpraxis"),
    ("Kinder- und Jugendmedizin", A, "Kinderarztpraxis"), ("Pädiatrie", A, "Kinderarztpraxis"),
    ("Frühförderung", A, "Frühförderstelle"), ("Hebamme", A, "Hebamme"),
    ("Familienhebamme", A, "Hebamme"), ("Geburtsklinik", A, "Geburtsklinik"),
    ("Entbindungsstation", A, "Geburtsklinik"), ("Kreißsaal", A, "Geburtsklinik"),
    ("Kinderklinik", A, "Kinderklinik"), ("Gesundheitsamt", OF, "Gesundheitsamt"),
    ("KJGD", OF, "Gesundheitsamt"), ("Kinder- und Jugendgesundheitsdienst", OF, "Gesundheitsamt"),
    # counselling, each its own kind
    ("Erziehungsberatung", A, "Erziehungsberatungsstelle"),
    ("Familienberatung", A, "Familienberatungsstelle"),
    ("Schwangerschaftsberatung", A, "Schwangerschaftsberatung"),
    ("Schwangerschaftskonfliktberatung", A, "Schwangerschaftsberatung"),
    ("Suchtberatung", A, "Suchtberatung"), ("Schuldnerberatung", A, "Schuldnerberatung"),
    ("Migrationsberatung", A, "Migrationsberatung"), ("Jugendberatung", A, "Jugendberatung"),
    # work
    ("Jobcenter", OF, "Jobcenter"), ("Kommunales Jobcenter", OF, "Jobcenter"),
    ("Jobcenter gemeinsame Einrichtung", OF, "Jobcenter"), ("Optionskommune", OF, "Jobcenter"),
    ("Jugendberufsagentur", A, "Jugendberufsagentur"), ("Arbeitsagentur", A, "Agentur für Arbeit"),
    ("IHK", A, "Kammer"), ("Handwerkskammer", A, "Kammer"),
    # civil society, neighbourhood
    ("Elternverein", A, "Elternverein"), ("Förderverein", A, "Förderverein"),
    ("Stadtteilmütter", A, "Stadtteilmütter"), ("Moscheeverein", A, "Moscheegemeinde"),
    ("Moscheegemeinde", A, "Moscheegemeinde"), ("Kirchengemeinde", A, "Kirchengemeinde"),
    ("Turnverein", A, "Sportverein"), ("TuS", A, "Sportverein"), ("Sportverein", A, "Sportverein"),
    ("Kinderschutzbund", A, "Kinderschutzbund"), ("Lebenshilfe", A, "Lebenshilfe"),
    ("Tafel", A, "Tafel"), ("Stadtteilbüro", A, "Quartiersmanagement"),
    ("Quartiersmanagement", A, "Quartiersmanagement"),
    ("Allgemeiner Sozialer Dienst", OF, "Allgemeiner Sozialer Dienst"),
    ("ASD", OF, "Allgemeiner Sozialer Dienst"),
    # offers
    ("Krabbelgruppe", F, "Eltern-Kind-Gruppe"), ("Eltern-Kind-Gruppe", F, "Eltern-Kind-Gruppe"),
    ("PEKiP", F, "Eltern-Kind-Gruppe"), ("Familienbildung", F, "Familienbildungsangebot"),
    ("Elternkurs", F, "Elternkurs"), ("Familienpatenschaften", F, "Familienpatenschaft"),
    ("Quartiersarbeit", F, "Quartiersprojekt"), ("KAoA", F, "Berufsorientierung"),
])
def test_everyday_words_are_known_exactly(word: str, node_type: NodeType, label: str) -> None:
    r = recognize_category(word, node_type=node_type)
    assert (r.label, r.method) == (label, Method.EXACT)
    assert r.info is not None and r.info.node_type is node_type
    assert r.message() is None and not r.guessed


@pytest.mark.parametrize(("label", "sector", "phases"), [
    ("Weiterführende Schule", Sector.EDUCATION, (P.SECONDARY, P.TRANSITION_WORK)),
    ("Krippe", Sector.YOUTH_WELFARE, (P.U3,)),
    ("Eltern-Kind-Gruppe", Sector.YOUTH_WELFARE, (P.U3,)),
    ("Schwangerschaftsberatung", Sector.HEALTH, (P.PREGNANCY, P.U3)),
    ("Suchtberatung", Sector.HEALTH, tuple(LifePhase)),
    ("Schuldnerberatung", Sector.SOCIAL, tuple(LifePhase)),
    ("Migrationsberatung", Sector.INTEGRATION, tuple(LifePhase)),
    ("Jugendberatung", Sector.YOUTH_WELFARE, (P.SECONDARY, P.TRANSITION_WORK)),
    ("Familienberatungsstelle", Sector.YOUTH_WELFARE, (P.U3, P.KITA, P.PRIMARY, P.SECONDARY)),
    ("Jugendberufsagentur", Sector.WORK, (P.TRANSITION_WORK,)),
    ("Elternverein", Sector.CIVIL_SOCIETY, (P.U3, P.KITA, P.PRIMARY, P.SECONDARY)),
    ("Moscheegemeinde", Sector.CIVIL_SOCIETY, tuple(LifePhase)),
    ("Sportverein", Sector.CULTURE_SPORT, (P.KITA, P.PRIMARY, P.SECONDARY)),
    ("Quartiersmanagement", Sector.URBAN, tuple(LifePhase)),
])
def test_categories_carry_their_sector_and_phases(label: str, sector: Sector,
                                                  phases: tuple[LifePhase, ...]) -> None:
    info = category_info(label)
    assert info is not None and info.label == label
    assert (info.sector, info.life_phases) == (sector, phases)


def test_weiterfuehrende_schule_is_the_later_side_of_grundschule_transition() -> None:
    info = category_info("Weiterführende Schule")
    assert info is not None and info.core is P.SECONDARY and P.PRIMARY not in info.life_phases
    m = NetworkMap()
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule")
    m.add_node("W", "actor", name="Schule am Markt", category="Weiterführende Schule")
    assert transition_sides(m, "primary->secondary") == (["G"], ["W"])


def test_ogs_and_hort_are_not_institutions_of_their_own() -> None:
    for label in ("Offene Ganztagsschule", "Hort"):
        info = category_info(label)
        assert info is not None and info.institution is False
    assert all(_BY_LABEL[c].institution for c in ("Grundschule", "Kita", "Jugendzentrum"))


def test_work_partners_special_schools_and_town_wide_categories() -> None:
    partners = {c.label for c in CATEGORIES if c.work_partner}
    assert partners == {"Jobcenter", "Agentur für Arbeit", "Jugendberufsagentur",
                        "Berufskolleg", "Kammer"}
    assert {c.label for c in CATEGORIES if c.special_school} == {"Förderschule"}
    for label in ("Geburtsklinik", "Jobcenter", "Agentur für Arbeit", "Jugendberufsagentur",
                  "Kammer", "Familiengericht", "Gesundheitsamt", "Jugendamt"):
        assert _BY_LABEL[label].town_wide, label
    for label in ("Kita", "Grundschule", "Allgemeiner Sozialer Dienst", "Jugendzentrum"):
        assert not _BY_LABEL[label].town_wide, label


def test_core_phases_live_on_the_category() -> None:
    assert core_phase("Kita") is P.KITA and _BY_LABEL["Kita"].core is P.KITA
    assert core_phase("Hebamme") is P.PREGNANCY and core_phase("Geburtsklinik") is P.PREGNANCY
    assert core_phase("Gymnasium") is P.SECONDARY and core_phase("Frühförderung") is P.U3
    assert core_phase("Grundschule") is None and core_phase("gibt es nicht") is None


# --- inflections, adjectives and word parts ------------------------------------------------

@pytest.mark.parametrize(("text", "label", "clue", "part"), [
    ("Kitas", "Kita", "Kitas", None),
    ("Grundschulen", "Grundschule", "Grundschulen", None),
    ("Jugendzentren", "Jugendzentrum", "Jugendzentren", None),
    ("Kinderarztpraxen", "Kinderarztpraxis", "Kinderarztpraxen", None),
    ("Städtische Kindertagesstätte", "Kita", "Kindertagesstätte", None),
    ("Kath. Grundschule", "Grundschule", "Grundschule", None),
    ("Städt. Gesamtschule", "Gesamtschule", "Gesamtschule", None),
    ("Kreisgesamtschule", "Gesamtschule", "Kreisgesamtschule", "Gesamtschule"),
    ("Waldkindergarten", "Kita", "Waldkindergarten", "Kindergarten"),
    ("Caritas-Kita St. Anna", "Kita", "Caritas-Kita", "Kita"),
    ("Gemeinschaftspraxis für Kinder- und Jugendmedizin", "Kinderarztpraxis",
     "Kinder- und Jugendmedizin", None),
    ("Förderschule mit dem Förderschwerpunkt Sprache", "Förderschule", "Förderschule", None),
    ("Schulsozialarbeit an der Realschule", "Schulsozialarbeit", "Schulsozialarbeit", None),
    ("Förderverein der Grundschule Nord", "Förderverein", "Förderverein", None),
    ("Offene Ganztagsschulen", "Offene Ganztagsschule", "Offene Ganztagsschulen", None),
    ("Ev. Kindertagesstätte", "Kita", "Kindertagesstätte", None),
    ("AWO-Kita", "Kita", "AWO-Kita", "Kita"),
    ("Kita und Familienzentrum St. Marien", "Familienzentrum", "Familienzentrum", None),
    ("Logopädische Praxis", "Therapiepraxis", "Logopädische Praxis", None),
    ("Kieferorthopädische Praxis", "Zahnarztpraxis", "Kieferorthopädische Praxis", None),
])
def test_word_parts_and_inflections_are_read_with_a_clue(text: str, label: str, clue: str,
                                                         part: str | None) -> None:
    r = recognize_category(text, node_type=A)
    assert (r.label, r.method, r.clue, r.part) == (label, Method.WORD_PART, clue, part)
    message = r.message()
    assert message is not None and f"„{label}“" in message and r.guessed


def test_word_part_message_says_what_decided() -> None:
    assert recognize_category("Kinderzahnarzt").message() == (
        "Die Kategorie „Kinderzahnarzt“ wurde als „Zahnarztpraxis“ gelesen (Wortteil „Zahnarzt“ in "
        "„Kinderzahnarzt“). Wählen Sie eine Kategorie aus der Liste, wenn das nicht stimmt.")


@pytest.mark.parametrize(("text", "not_label"), [
    ("Zahnarztpraxis", "Kinderarztpraxis"), ("Hausarztpraxis", "Kinderarztpraxis"),
    ("Hausarzt", "Kinderarztpraxis"), ("Kinderzahnarzt", "Kinderarztpraxis"),
    ("Frauenärztin", "Kinderarztpraxis"), ("Sozialpädiatrie", "Kinderarztpraxis"),
    ("Ärztekammer", "Kammer"), ("Kita-Verbund", "Kita"),
    ("Elternrat der Grundschule", "Grundschule"),
    ("Ärztenetz (Pädiatrie)", "Kinderarztpraxis"), ("Tanzschule", "Grundschule"),
    ("Verein zur Förderung der Kita", "Kita"), ("Beratungsstelle", "Erziehungsberatungsstelle"),
])
def test_look_alikes_are_not_read_as_the_category(text: str, not_label: str) -> None:
    assert recognize_category(text, node_type=A).label != not_label


@pytest.mark.parametrize(("word", "label"), [
    ("Zahnarztpraxis", "Zahnarztpraxis"), ("Kinderzahnarzt", "Zahnarztpraxis"),
    ("Hausarzt", "Hausarztpraxis"), ("Hausarztpraxis", "Hausarztpraxis"),
    ("Frauenärztin", "Frauenarztpraxis"), ("Gynäkologie", "Frauenarztpraxis"),
])
def test_other_practices_are_their_own_categories(word: str, label: str) -> None:
    assert recognize_category(word).label == label


# --- ambiguous words ----------------------------------------------------------------------

@pytest.mark.parametrize(("word", "expected"), [
    ("Beratungsstelle", ("Erziehungsberatungsstelle", "Schwangerschaftsberatung",
                         "Suchtberatung")),
    ("Beratung", ("Erziehungsberatungsstelle", "Familienberatungsstelle")),
    ("Beratungsstellen", ("Erziehungsberatungsstelle",)),
    ("Schule", ("Grundschule", "Weiterführende Schule", "Förderschule")),
    ("Verein", ("Sportverein", "Förderverein", "Elternverein")),
    ("e. V.", ("Sportverein",)),
    ("Träger", ("Freier Träger", "Wohlfahrtsverband", "Bildungsträger")),
    ("Einrichtung", ("Kita",)),
    ("Praxis", ("Kinderarztpraxis", "Hausarztpraxis", "Therapiepraxis")),
    ("Arztpraxis", ("Kinderarztpraxis", "Hausarztpraxis", "Zahnarztpraxis")),
    ("Zentrum", ("Familienzentrum", "Jugendzentrum")),
    ("Klinik", ("Geburtsklinik", "Kinderklinik")),
    ("Krankenhaus", ("Geburtsklinik", "Kinderklinik")),
    ("Psychologische Beratungsstelle", ("Erziehungsberatungsstelle",)),
    ("AWO Beratungsstelle", ("Erziehungsberatungsstelle",)),
])
def test_ambiguous_words_are_never_mapped_silently(word: str, expected: tuple[str, ...]) -> None:
    r = recognize_category(word, node_type=A)
    assert r.method is Method.AMBIGUOUS and r.info is None and r.label is None
    assert set(expected) <= set(r.candidates)
    message = r.message()
    assert message is not None and "mehrdeutig" in message
    assert all(f"„{c}“" in message for c in r.candidates)


def test_ambiguous_words_are_no_aliases_of_a_specific_category() -> None:
    for word, _ in _AMBIGUOUS_WORDS:
        assert category_info(word) is None, word
    assert category_info("Beratungsstelle") is None and category_info("Verein") is None


def test_ambiguity_knows_only_candidates_of_the_node_type() -> None:
    assert recognize_category("Beratung", node_type=F).method is Method.UNKNOWN
    r = recognize_category("Amt", node_type=OF)
    assert r.method is Method.AMBIGUOUS and "Jugendamt" in r.candidates
    assert recognize_category("Amt", node_type=A).method is Method.UNKNOWN


# --- the name as second hint ---------------------------------------------------------------

@pytest.mark.parametrize(("category", "name", "node_type", "label", "word"), [
    (None, "Gesamtschule am Park", A, "Gesamtschule", "Gesamtschule"),
    ("", "Kita Sonnenschein", A, "Kita", "Kita"),
    (None, "Jobcenter Kindertal", OF, "Jobcenter", "Jobcenter"),
    (None, "Haus der Jugend", A, "Jugendzentrum", "Haus der Jugend"),
    (None, "Städt. Kindergarten Regenbogen", A, "Kita", "Kindergarten"),
    (None, "Waldkita Wichtel", A, "Kita", "Waldkita"),
    (None, "TV Kindertal 1860 e. V.", A, "Sportverein", "TV"),
    (None, "Krabbelgruppe Zwergenland", F, "Eltern-Kind-Gruppe", "Krabbelgruppe"),
    (None, "AWO-Kita Sonnenschein", A, "Kita", "AWO-Kita"),
    (None, "LVR-Förderschule Kindertal", A, "Förderschule", "LVR-Förderschule"),
    ("Sonstiges", "Kita Sonnenschein", A, "Kita", "Kita"),
])
def test_the_name_tells_the_category(category: str | None, name: str, node_type: NodeType,
                                     label: str, word: str) -> None:
    r = recognize_category(category, name=name, node_type=node_type)
    assert (r.label, r.method, r.clue, r.word) == (label, Method.NAME, name, word)
    message = r.message()
    assert message is not None and name in message and f"„{label}“" in message


@pytest.mark.parametrize(("name", "node_type"), [
    ("Nikita Schmidt", A), ("Anna Kammer", A), ("tv kindertal", A),
    ("Ärztenetz Kindertal e. V. (Pädiatrie)", A), ("Kita-Verbund Nord", A),
    ("Spielkreis Wiesel", F), ("Marienhospital Kindertal gGmbH", A),
    ("Stadt Kindertal", A), ("Arbeitskreis Kita und Schule", A), ("Anna Meyer-Hort", A),
    ("Stiftung Evangelisches Krankenhaus", A),
])
def test_names_hint_conservatively(name: str, node_type: NodeType) -> None:
    r = recognize_category(None, name=name, node_type=node_type)
    assert r.method is Method.EMPTY and r.info is None and r.message() is None


def test_an_ambiguous_category_is_resolved_by_a_telling_name() -> None:
    r = recognize_category("Beratungsstelle", name="Schwangerschaftsberatung pro familia",
                           node_type=A)
    assert (r.label, r.method, r.word) == ("Schwangerschaftsberatung", Method.NAME,
                                            "Schwangerschaftsberatung")
    assert "Erziehungsberatungsstelle" in r.candidates
    assert r.message() == (
        "Die Kategorie „Beratungsstelle“ ist mehrdeutig; es wurde „Schwangerschaftsberatung“ "
        "aus dem Namen „Schwangerschaftsberatung pro familia“ erschlossen (wegen "
        "„Schwangerschaftsberatung“). Tragen Sie „Schwangerschaftsberatung“ als Kategorie ein, "
        "wenn das stimmt.")
    # a brand in the name tells it too
    assert recognize_category("Beratungsstelle", name="pro familia Kindertal",
                              node_type=A).label == "Schwangerschaftsberatung"
    # the name must name one of the meanings: a Kita does not resolve "Schule"
    r = recognize_category("Schule", name="Kita Sonnenschein", node_type=A)
    assert r.method is Method.AMBIGUOUS
    r = recognize_category("Schule", name="Gesamtschule am Park", node_type=A)
    assert (r.label, r.method) == ("Gesamtschule", Method.NAME)


def test_a_known_category_is_not_overruled_by_the_name() -> None:
    r = recognize_category("Grundschule", name="Kita Sonnenschein", node_type=A)
    assert (r.label, r.method) == ("Grundschule", Method.EXACT)


# --- node types ----------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "actor", "offer"), [
    ("Familienbildung", "Familienbildungsstätte", "Familienbildungsangebot"),
    ("Ganztag", "Offene Ganztagsschule", "Ganztagsangebot"),
    ("Schulsozialarbeit", "Schulsozialarbeit", "Schulsozialarbeit (Angebot)"),
    ("Frühförderung", "Frühförderstelle", "Frühförderung (Angebot)"),
    ("Familienhebamme", "Hebamme", "Familienhebamme (Angebot)"),
    ("Stadtteilarbeit", "Quartiersmanagement", "Quartiersprojekt"),
])
def test_one_word_for_several_node_types(word: str, actor: str, offer: str) -> None:
    assert recognize_category(word, node_type=A).label == actor
    assert recognize_category(word, node_type=F).label == offer
    assert recognize_category(word).label == actor  # without a node type: the first
    assert category_info(word) is _BY_LABEL[actor]


def test_a_category_of_another_node_type_is_unknown() -> None:
    r = recognize_category("Jobcenter", node_type=A)
    assert r.method is Method.UNKNOWN and r.info is None
    assert recognize_category("Kita", node_type=OF).info is None
    assert recognize_category(None, name="Jobcenter Kindertal", node_type=A).info is None


# --- a Kommune's own categories --------------------------------------------------------------

def _own(label: str, *aliases: str, node_type: NodeType = A) -> CategoryInfo:
    return CategoryInfo(label, node_type, Sector.SOCIAL, (P.U3,), ActorForm.FACILITY, aliases,
                        custom=True)


def test_own_categories_win_and_match_exactly() -> None:
    own = CategoryCatalogue([_own("Kita", "Kinderstube"), _own("Familienbüro"),
                             _own("Beratungsstelle")])
    r = own.recognize("kita", node_type=A)
    assert r.method is Method.EXACT and r.info is not None and r.info.custom
    assert own.recognize("Kinderstube").info == r.info
    assert own.recognize("Familienbüro").label == "Familienbüro"
    # a word that is ambiguous among the built-in categories is the Kommune's own here
    assert own.recognize("Beratungsstelle").info.custom  # type: ignore[union-attr]
    # built-in categories and their reading stay available
    assert own.recognize("Grundschulen").label == "Grundschule"
    assert own.get("Familienbüro") is not None and own.get("gibt es nicht") is None
    assert [c.label for c in own][:3] == ["Kita", "Familienbüro", "Beratungsstelle"]
    assert len([c for c in own if c.label == "Kita"]) == 1
    # the built-in catalogue is untouched
    assert BUILTIN.recognize("Familienbüro").info is None
    assert not BUILTIN.recognize("Kita").info.custom  # type: ignore[union-attr]


def test_own_category_of_another_node_type_leaves_the_builtin_one() -> None:
    own = CategoryCatalogue([_own("Kita", node_type=OF)])
    assert own.recognize("Kita", node_type=A).info == category_info("Kita")


# --- the map uses it -----------------------------------------------------------------------

def test_map_fills_defaults_from_what_was_read() -> None:
    m = NetworkMap()
    m.add_node("K", "actor", name="Kita Regenbogen", category="Städtische Kitas")
    m.add_node("S", "actor", name="Gesamtschule am Park")
    m.add_node("B", "actor", name="Beratungsstelle am Markt", category="Beratungsstelle")
    assert m.node("K")["life_phases"] == (P.U3, P.KITA)
    assert m.node("K")["sector"] is Sector.YOUTH_WELFARE
    assert m.classify("K").method is Method.WORD_PART
    assert m.classify("S").label == "Gesamtschule"
    assert m.classify("B").method is Method.AMBIGUOUS
    assert "life_phases" not in m.node("B") or not m.node("B")["life_phases"]


# --- catalogue hygiene and API ------------------------------------------------------------

def test_every_label_reads_as_itself() -> None:
    labels = [c.label for c in CATEGORIES]
    assert len(labels) == len(set(labels)) and len(labels) >= 90
    for info in CATEGORIES:
        assert category_info(info.label) is info, info.label
        r = recognize_category(info.label, node_type=info.node_type)
        assert r.info is info and r.method is Method.EXACT, info.label


def test_ambiguity_tables_name_real_categories() -> None:
    for word, ambiguity in _AMBIGUOUS_WORDS:
        assert ambiguity.candidates, word
        assert set(ambiguity.candidates) <= set(_BY_LABEL), word
        assert ambiguity.accepts <= set(_BY_LABEL), word


def test_suggestions_still_work() -> None:
    assert suggest_category("Grundschul", NodeType.ACTOR) == ["Grundschule"]
    assert "Jobcenter" in suggest_category("Jobcentre", NodeType.OFFICE)
    assert suggest_category("völlig anders") == []


def test_empty_and_unknown() -> None:
    assert recognize_category(None).method is Method.EMPTY
    assert recognize_category("   ").method is Method.EMPTY
    r = recognize_category("Sonstiges", node_type=A)
    assert r.method is Method.UNKNOWN and r.guessed and r.message() is None


def test_recognition_is_cached() -> None:
    catalogue = CategoryCatalogue()
    first = catalogue.recognize("Städtische Kitas", name="Kita Nord", node_type=A)
    assert catalogue.recognize("Städtische Kitas", name="Kita Nord", node_type=A) is first


def test_misses_stay_cheap() -> None:
    catalogue = CategoryCatalogue()
    start = time.perf_counter()
    for i in range(2000):
        catalogue.recognize(f"Unbekannte Kategorie {i}",
                            name=f"Einrichtung Sonnenscheinweg{i} Kindertal-Nord {i}",
                            node_type=A)
    per_call = (time.perf_counter() - start) / 2000
    assert per_call < 0.0005  # about 40 µs here; generous for a busy machine


def test_handbook_page_lists_every_category_alias_and_ambiguous_word() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "kategorien.md").read_text(
        encoding="utf-8")
    for info in CATEGORIES:
        assert f"| **{info.label}** |" in page, info.label
        for spelling in (*info.aliases, *info.brands):
            assert spelling in page, (info.label, spelling)
    for word, _ in _AMBIGUOUS_WORDS:
        assert f"„{word}“" in page, word
