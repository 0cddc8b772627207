"""A compound category word is about its last part (its head), not an earlier one.

„Kita-Träger“ and „Kita-Eigenbetrieb“ are Einrichtungsträger, „Schulträger“ a Träger,
„Kita-Verein“ a Verein, „Kita-Fachberatung“ a Fachberatung: none of them is a Kita, and
the node's name („Kindergärten City (Eigenbetrieb)“) must not make one of them a Kita. An
Einrichtungsträger is an organisation for all life phases, on neither side of a transition.
"""

from __future__ import annotations

import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.transitions import transition_sides
from netzkarte.vocab import ActorForm, NodeType
from netzkarte.vocab.categories import Method, recognize_category

_A = NodeType.ACTOR


@pytest.mark.parametrize("text", ["Kita-Träger", "Kita Träger", "Kitaträger",
                                  "Kita-Eigenbetrieb", "Eigenbetrieb",
                                  "Eigenbetrieb Kindertagesstätten"])
def test_a_kita_traeger_is_read_as_einrichtungstraeger_whatever_the_name(text: str) -> None:
    found = recognize_category(text, name="Kindergärten City (Eigenbetrieb)", node_type=_A)
    assert found.label == "Einrichtungsträger"
    assert found.method in (Method.EXACT, Method.WORD_PART)
    assert found.info is not None and found.info.form is ActorForm.ORGANISATION


@pytest.mark.parametrize(("text", "label"), [
    ("Jugendhilfeträger", "Freier Träger"),  # more specific spellings keep their category
    ("Bildungsträger", "Bildungsträger"),
    ("Kita-Stiftung", "Stiftung"),
    ("Kindergarten Stiftung", "Stiftung"),
    ("AWO-Kita", "Kita"),  # a Kita of a Träger stays a Kita
    ("Kita Familienzentrum", "Familienzentrum"),
    ("Förderverein der Grundschule", "Förderverein"),
    ("Kreisverband der AWO", "Wohlfahrtsverband"),  # the brand says which Verband
])
def test_the_last_part_decides(text: str, label: str) -> None:
    assert recognize_category(text, name="Kita Sonnenschein", node_type=_A).label == label


@pytest.mark.parametrize("text", ["Kita-Verein", "Kitaverband", "Kita-Trägerverein",
                                  "Kita Verein", "Schulträger"])
def test_an_ambiguous_organisation_head_is_never_read_as_kita_from_the_name(text: str
                                                                           ) -> None:
    found = recognize_category(text, name="Kita Sonnenschein", node_type=_A)
    assert found.info is None and found.method is Method.AMBIGUOUS
    # the name may still tell which organisation it is
    assert recognize_category(text, name="Förderverein der Kita Sonnenschein",
                              node_type=_A).label == "Förderverein"


def test_traeger_alone_stays_ambiguous() -> None:
    found = recognize_category("Träger", name="Kita Sonnenschein", node_type=_A)
    assert found.method is Method.AMBIGUOUS and found.info is None


def test_a_compound_with_an_unknown_head_is_not_its_first_part() -> None:
    found = recognize_category("Kita-Fachberatung", name="Fachberatung Kitas", node_type=_A)
    assert found.info is None and found.method is Method.UNKNOWN


def test_a_kita_traeger_is_on_neither_side_of_kita_to_grundschule() -> None:
    m = NetworkMap()
    m.add_node("K", "actor", category="Kita")
    m.add_node("T", "actor", name="Kindergärten City (Eigenbetrieb)", category="Kita-Träger")
    m.add_node("G", "actor", category="Grundschule")
    assert transition_sides(m, "kita->primary") == (["K"], ["G"])
    for transition in ("family->kita", "primary->secondary", "school->work"):
        earlier, later = transition_sides(m, transition)
        assert "T" not in earlier + later
