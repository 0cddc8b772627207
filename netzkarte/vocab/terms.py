"""Controlled values of a Netzwerkkarte: every enum, its German label and accepted spellings.

This module is the single source of truth for kinds, sectors, life phases, roles and the
other controlled values. Everything user-facing takes its German label from here, and every
importer parses through :func:`Term.parse`, which is tolerant of case, surrounding space,
dash variants and the ``ae/oe/ue/ss`` spelling of umlauts.

Examples
--------
>>> Sector.parse("kinder- und jugendhilfe")
<Sector.YOUTH_WELFARE: 'youth_welfare'>
>>> LifePhase.parse("3-6 Jahre (Kita)").label
'3–6 Jahre (Kita)'
>>> Sector.suggest("Gesundheitt")
['Gesundheit']
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from enum import IntEnum, StrEnum
from functools import lru_cache
from typing import Any, ClassVar, Self

__all__ = [
    "LIFE_PHASE_GROUPS",
    "LIFE_PHASE_ORDER",
    "NO_ANSWER_KEY",
    "RANK_ORDER",
    "STEERING_TYPES",
    "STRENGTH_GUESSES",
    "ActorForm",
    "CommitteeType",
    "Confirmation",
    "EdgeKind",
    "Level",
    "LifePhase",
    "MemberFunction",
    "NetworkKind",
    "NodeType",
    "OfferStatus",
    "Rank",
    "Role",
    "Sector",
    "Strength",
    "Term",
    "Tier",
    "Transition",
    "fold",
    "is_steering_body",
    "parse_bool",
]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: object) -> str:
    """Return the comparison key of a user-typed value.

    Case, surrounding and inner white space, dash variants, punctuation and the
    ``ae/oe/ue/ss`` spelling of umlauts do not matter: ``"Übergang Schule – Beruf"``,
    ``"uebergang schule-beruf"`` and ``"UEBERGANG SCHULE BERUF"`` fold to the same key.

    Other accents are dropped, not the letter: ``"Elterncafé"`` and ``"Elterncafe"`` are
    the same key.

    >>> fold(" Kinder- und Jugendhilfe ")
    'kinderundjugendhilfe'
    >>> fold("Elterncafé") == fold("Elterncafe"), fold("Straße") == fold("Strasse")
    (True, True)

    Cached: the same district, category and Kommune names are folded again and again
    (hundreds of thousands of times in a Land map).
    """
    return _fold(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 17)
def _fold(text: str) -> str:
    if text.isascii():  # nothing to normalise but the case
        return _NON_ALNUM.sub("", text.lower())
    s = _umlauts(unicodedata.normalize("NFKC", text).casefold())
    if not s.isascii():  # é → e: decompose, drop the accent (umlauts are spelled out above)
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", s)


def _umlauts(text: str) -> str:
    """``text.translate(_UMLAUTS)``; str.replace is several times faster on non-ASCII text."""
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


class Term(StrEnum):
    """A controlled value: English code as value, German label, accepted aliases.

    Subclasses declare ``_labels`` (member → German label) and ``_aliases`` (member →
    extra spellings, German or English). The code and the label are always accepted.
    """

    _labels: ClassVar[dict[str, str]]
    _aliases: ClassVar[dict[str, tuple[str, ...]]]

    @property
    def label(self) -> str:
        """German label shown to users."""
        return type(self)._labels[self.value]

    @classmethod
    def _lookup(cls) -> dict[str, Self]:
        cache: dict[str, Self] | None = cls.__dict__.get("_lookup_cache")
        if cache is None:
            cache = {}
            for member in cls:
                spellings = (member.value, member.name, cls._labels[member.value],
                             *cls._aliases.get(member.value, ()))
                for spelling in spellings:
                    cache.setdefault(fold(spelling), member)
            type.__setattr__(cls, "_lookup_cache", cache)
        return cache

    @classmethod
    def parse(cls, text: object) -> Self | None:
        """Return the member a user's spelling means, or ``None`` if it is unknown."""
        if isinstance(text, cls):
            return text
        return cls._lookup().get(fold(text))

    @classmethod
    def suggest(cls, text: object, n: int = 3) -> list[str]:
        """German labels close to an unknown spelling ("meinten Sie …?")."""
        return list(_close_labels(cls, fold(text), n))

    @classmethod
    def labels(cls) -> list[str]:
        """All German labels in declaration order (the dropdown list of the template)."""
        return [m.label for m in cls]

    @classmethod
    def from_label(cls, label: str) -> Self:
        """Exact inverse of :attr:`label` (raises ``KeyError`` for anything else)."""
        for member in cls:
            if member.label == label:
                return member
        raise KeyError(label)


@lru_cache(maxsize=4096)
def _close_labels(cls: type[Term], key: str, n: int) -> tuple[str, ...]:
    """:meth:`Term.suggest` of a folded spelling, cached: an unknown value typed into many
    rows would otherwise be compared with every spelling of the enum (difflib) each time."""
    lookup = cls._lookup()
    labels: list[str] = []
    for close in difflib.get_close_matches(key, list(lookup), n=n * 3, cutoff=0.72):
        label = lookup[close].label
        if label not in labels:
            labels.append(label)
    return tuple(labels[:n])


def _term(cls: type[Term], labels: dict[str, str], aliases: dict[str, tuple[str, ...]]) -> None:
    cls._labels = labels
    cls._aliases = aliases


class NodeType(Term):
    """The four node types of a Netzwerkkarte."""

    ACTOR = "actor"
    OFFICE = "office"
    COMMITTEE = "committee"
    OFFER = "offer"


_term(NodeType,
      {"actor": "Akteur", "office": "Amt", "committee": "Gremium", "offer": "Angebot"},
      {"actor": ("Akteure", "Einrichtung"), "office": ("Ämter", "Behörde", "Verwaltung"),
       "committee": ("Gremien", "Netzwerk"), "offer": ("Angebote", "Maßnahme")})


class ActorForm(Term):
    """What kind of actor a row describes."""

    ORGANISATION = "organisation"
    FACILITY = "facility"
    PERSON = "person"


_term(ActorForm,
      {"organisation": "Organisation", "facility": "Einrichtung", "person": "Person"},
      {"organisation": ("Organization", "Träger", "Verband", "Verein"),
       "facility": ("Institution", "Standort"), "person": ("Fachkraft", "Individual")})


class Sector(Term):
    """Handlungsfeld (sector) of a node."""

    YOUTH_WELFARE = "youth_welfare"
    EDUCATION = "education"
    HEALTH = "health"
    SOCIAL = "social"
    WORK = "work"
    CULTURE_SPORT = "culture_sport"
    INTEGRATION = "integration"
    URBAN = "urban"
    POLICE_JUSTICE = "police_justice"
    POLITICS = "politics"
    CIVIL_SOCIETY = "civil_society"


_term(Sector,
      {"youth_welfare": "Kinder- und Jugendhilfe", "education": "Schule und Bildung",
       "health": "Gesundheit", "social": "Soziales", "work": "Arbeit und Ausbildung",
       "culture_sport": "Kultur, Sport und Freizeit", "integration": "Integration",
       "urban": "Stadtentwicklung und Wohnen", "police_justice": "Polizei und Justiz",
       "politics": "Politik und Verwaltungsspitze", "civil_society": "Zivilgesellschaft"},
      {"youth_welfare": ("Jugendhilfe", "Kinder und Jugendhilfe", "Kinder-, Jugend- und "
                         "Familienhilfe", "Youth welfare", "Child and youth welfare", "KJH"),
       "education": ("Schule", "Bildung", "Education", "School"),
       "health": ("Gesundheitswesen", "Health", "Gesundheitshilfe"),
       "social": ("Soziales und Sozialhilfe", "Social", "Social affairs", "Sozialhilfe"),
       "work": ("Arbeit", "Ausbildung", "Arbeitsverwaltung", "Work", "Employment",
                "Ausbildungswesen und Arbeitsverwaltung"),
       "culture_sport": ("Kultur", "Sport", "Freizeit", "Kultur Sport Freizeit",
                         "Culture", "Culture and sport"),
       "integration": ("Migration", "Integration und Migration"),
       "urban": ("Stadtentwicklung", "Wohnen", "Stadtplanung", "Urban development", "Housing"),
       "police_justice": ("Polizei", "Justiz", "Polizei und Gerichtsbarkeit", "Police",
                          "Justice"),
       "politics": ("Politik", "Verwaltungsspitze", "Politics", "Leadership"),
       "civil_society": ("Ehrenamt", "Bürgerschaft", "Civil society", "Zivilgesellschaftlich")})


class Level(Term):
    """Ebene: the territorial level a node works on."""

    STATE = "state"
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    DISTRICT = "district"


_term(Level,
      {"state": "Land", "county": "Kreis", "municipality": "Kommune", "district": "Sozialraum"},
      {"state": ("Landesebene", "Bundesland", "State"), "county": ("Kreisebene", "County",
       "Landkreis"), "municipality": ("Stadt", "Gemeinde", "kommunal", "Municipality", "City"),
       "district": ("Stadtteil", "Quartier", "Bezirk", "District", "Neighbourhood")})


class Rank(Term):
    """Hierarchieebene: position in the hierarchy, highest first."""

    TOP = "top"
    DEPARTMENT_HEAD = "department_head"
    OFFICE_HEAD = "office_head"
    DIVISION_HEAD = "division_head"
    STAFF_UNIT = "staff_unit"
    PROFESSIONAL = "professional"
    VOLUNTEER = "volunteer"


_term(Rank,
      {"top": "Verwaltungsspitze", "department_head": "Verwaltungsvorstand/Dezernat",
       "office_head": "Amtsleitung", "division_head": "Abteilungsleitung",
       "staff_unit": "Stabsstelle", "professional": "Fachkraft", "volunteer": "Ehrenamt"},
      # "(in)", "/in" and "(r)" spellings fold to the feminine form: "Amtsleiter(in)" works
      # "Erste(r) Bürgermeister(in)" is the mayor in Bavaria; BM, OB, FBL … as in the files
      {"top": ("Bürgermeister", "Bürgermeisterin", "Landrat", "Landrätin", "Landrat/Landrätin",
               "Oberbürgermeister", "Oberbürgermeisterin", "Erster Bürgermeister",
               "Erste Bürgermeisterin", "Erste(r) Bürgermeister(in)",
               "Erster Bürgermeister/Erste Bürgermeisterin", "Hauptamtlicher Bürgermeister",
               "Hauptamtliche Bürgermeisterin", "BM", "OB", "OBM", "Top management"),
       "department_head": ("Dezernat", "Verwaltungsvorstand", "Dezernent", "Dezernentin",
                           "Dezernatsleitung", "Beigeordnete", "Beigeordneter",
                           "Erster Beigeordneter", "Erste Beigeordnete",
                           "Kreisdirektor", "Kreisdirektorin", "Stadtdirektor",
                           "Stadtdirektorin"),
       # a Fachbereich is the Amt of the new steering model: its head ranks as Amtsleitung
       "office_head": ("Amtsleiter", "Amtsleiterin", "Fachbereichsleitung", "Fachbereichsleiter",
                       "Fachbereichsleiterin", "Jugendamtsleitung", "Jugendamtsleiter",
                       "Jugendamtsleiterin", "Leitung des Jugendamts", "Leitung", "FBL",
                       "Head of office"),
       # every unit below an Amt: Abteilung, Fachdienst, Sachgebiet, Team, Referat, Bereich
       "division_head": ("Abteilungsleiter", "Abteilungsleiterin", "Fachdienstleitung",
                         "Fachdienstleiter", "Fachdienstleiterin", "Sachgebietsleitung",
                         "Sachgebietsleiter", "Sachgebietsleiterin", "Teamleitung",
                         "Teamleiter", "Teamleiterin", "Referatsleitung", "Referatsleiter",
                         "Referatsleiterin", "Bereichsleitung", "Bereichsleiter",
                         "Bereichsleiterin", "Gruppenleitung", "FDL", "SGL"),
       "staff_unit": ("Stabstelle", "Stabsstellenleitung", "Stabsstellenleiter",
                      "Stabsstellenleiterin", "Staff unit"),
       "professional": ("Fachkräfte", "Mitarbeiter", "Mitarbeiterin", "Sachbearbeitung",
                        "Sachbearbeiter", "Sachbearbeiterin", "Sozialarbeiter",
                        "Sozialarbeiterin", "Sozialpädagoge", "Sozialpädagogin",
                        "pädagogische Fachkraft", "Professional"),
       "volunteer": ("ehrenamtlich", "Ehrenamtliche", "Ehrenamtlicher", "Volunteer")})

RANK_ORDER: tuple[Rank, ...] = tuple(Rank)
"""Ranks from the top of the hierarchy down."""


class LifePhase(Term):
    """Lebensphase, in the order a child passes through them."""

    PREGNANCY = "pregnancy"
    U3 = "u3"
    KITA = "kita"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    TRANSITION_WORK = "transition_work"

    @property
    def position(self) -> int:
        """Position in the chain, 0 for pregnancy."""
        return LIFE_PHASE_ORDER.index(self)


_term(LifePhase,
      {"pregnancy": "Schwangerschaft und Geburt", "u3": "0–3 Jahre", "kita": "3–6 Jahre (Kita)",
       "primary": "6–10 Jahre (Grundschule)", "secondary": "10–16 Jahre (weiterführende Schule)",
       "transition_work": "16–27 Jahre (Übergang Schule–Beruf)"},
      # institutions and age words stand for the phase of their children (Hort: 6–10 …)
      {"pregnancy": ("Schwangerschaft", "Geburt", "Schwangere", "Schwangerschaft/Geburt",
                     "rund um die Geburt", "vor der Geburt", "pränatal", "werdende Eltern",
                     "werdende Mütter", "werdende Väter", "Schwangere und junge Eltern",
                     "Pregnancy",
                     "Pregnancy and birth", "prenatal"),
       "u3": ("0-3", "0–3", "unter 3", "unter 3 Jahre", "unter 3 Jahren", "U3", "Krippe",
              "Krippenalter", "Krippenkinder", "Kinderkrippe", "Kindertagespflege",
              "Säuglinge", "Säugling", "Neugeborene", "Neugeborenen", "Babys", "Baby",
              "erstes Lebensjahr", "1. Lebensjahr", "Kleinkinder", "Frühe Hilfen", "0 bis 3",
              "0 bis 3 Jahre",
              "infancy", "0-3 years"),
       # Ü3 is the Kita group of children from three to school age, never 0–3
       "kita": ("Kita", "Ü3", "Ü3 Jahre", "über 3", "über 3 Jahre", "Ü3-Bereich", "Ü3-Gruppe",
                "Ü3-Kinder", "3-6", "3–6", "3–6 Jahre", "3 bis 6", "3 bis 6 Jahre", "Kindergarten",
                "Kindergartenalter", "Kindergartenkinder", "Kita-Alter", "Kitakinder",
                "Vorschulalter", "Vorschule", "Vorschulkinder", "Elementarbereich",
                "early childhood", "3-6 years"),
       "primary": ("Grundschule", "Grundschulen", "GS", "OGS", "Grundschulalter",
                   "Grundschulkinder", "Grundschüler",
                   "Hort", "Hortkinder", "Primarstufe", "Primarbereich", "6-10", "6–10",
                   "6–10 Jahre", "6 bis 10", "6 bis 10 Jahre", "Klasse 1-4", "Klassen 1-4",
                   "Klasse 1 bis 4", "Klassen 1 bis 4", "1.-4. Klasse", "Jahrgang 1-4",
                   "Jahrgangsstufe 1-4", "primary school", "6-10 years"),
       "secondary": ("weiterführende Schule", "weiterführende Schulen", "10-16", "10–16",
                     "10–16 Jahre", "10 bis 16", "10 bis 16 Jahre", "Sek I", "Sek 1",
                     "Sekundarstufe I", "Sekundarstufe 1", "Sekundarstufe", "Klasse 5-10",
                     "Klassen 5-10", "Klasse 5 bis 10", "Klassen 5 bis 10", "5.-10. Klasse",
                     "Jahrgang 5-10", "Jahrgangsstufe 5-10", "secondary school",
                     "10-16 years"),
       "transition_work": ("Übergang Schule-Beruf", "Übergang Schule–Beruf", "Beruf",
                           "16-27", "16–27", "16–27 Jahre", "16 bis 27", "16 bis 27 Jahre",
                           "Ausbildung", "Schule-Beruf", "Berufseinstieg", "Berufsorientierung",
                           "Berufsschule", "Berufskolleg", "junge Erwachsene", "Sek II",
                           "Sek 2", "Sekundarstufe II", "Sekundarstufe 2", "Oberstufe",
                           "school to work", "16-27 years")})

LIFE_PHASE_ORDER: tuple[LifePhase, ...] = tuple(LifePhase)
"""Life phases from pregnancy to the first job."""

LIFE_PHASE_GROUPS: dict[str, tuple[LifePhase, ...]] = {
    fold(word): phases for phases, words in (
        (LIFE_PHASE_ORDER, ("alle", "alle Lebensphasen", "alle Phasen", "alle Altersgruppen",
                            "all")),
        ((LifePhase.U3, LifePhase.KITA), ("U6", "unter 6", "unter 6 Jahre", "unter 6 Jahren",
                                          "frühe Kindheit", "Kita und Krippe",
                                          "Krippe und Kita")),
        ((LifePhase.PRIMARY, LifePhase.SECONDARY), ("Schulkinder", "Schulalter", "Schüler",
                                                    "Schülerinnen und Schüler")),
        # "U25" in youth work: young people under 25, not every child from birth
        ((LifePhase.SECONDARY, LifePhase.TRANSITION_WORK), (
            "Jugendliche", "Jugendalter", "Jugend", "Sek I/II", "Sek I und II",
            "Sekundarstufe I und II", "Sekundarstufe I/II", "U21", "U 21", "U25", "U 25",
            "U27", "U 27", "Jugendliche und junge Erwachsene")),
    ) for word in words}
"""Words that stand for several life phases at once, by :func:`fold` key ("alle", "U6",
"Jugendliche" …). The importer reads them into all the phases they name."""


class Transition(Term):
    """Übergang between two adjacent life phases (value ``"kita->primary"`` …)."""

    BIRTH = "pregnancy->u3"
    FAMILY_KITA = "u3->kita"
    KITA_PRIMARY = "kita->primary"
    PRIMARY_SECONDARY = "primary->secondary"
    SCHOOL_WORK = "secondary->transition_work"

    @property
    def phases(self) -> tuple[LifePhase, LifePhase]:
        """The earlier and the later life phase."""
        before, after = self.value.split("->")
        return LifePhase(before), LifePhase(after)


_term(Transition,
      {"pregnancy->u3": "Geburt → Frühe Hilfen", "u3->kita": "Familie → Kita",
       "kita->primary": "Kita → Grundschule",
       "primary->secondary": "Grundschule → weiterführende Schule",
       "secondary->transition_work": "Schule → Beruf"},
      {"pregnancy->u3": ("Geburt", "Frühe Hilfen"), "u3->kita": ("Familie-Kita",),
       "kita->primary": ("Kita-Grundschule", "Kita-Schule"),
       "primary->secondary": ("Grundschule-weiterführende Schule",),
       "secondary->transition_work": ("Schule-Beruf", "Übergang Schule-Beruf")})


class Role(Term):
    """Roles of persons and offices in the prevention chain (multi-valued)."""

    POWER_PROMOTER = "power_promoter"
    EXPERT_PROMOTER = "expert_promoter"
    PROCESS_PROMOTER = "process_promoter"
    RELATIONSHIP_PROMOTER = "relationship_promoter"
    COORDINATOR = "coordinator"
    GUIDE = "guide"
    KEY_PERSON = "key_person"


_term(Role,
      {"power_promoter": "Machtpromotor", "expert_promoter": "Fachpromotor",
       "process_promoter": "Prozesspromotor", "relationship_promoter": "Beziehungspromotor",
       "coordinator": "Netzwerkkoordination", "guide": "Lotse", "key_person": "Drehpunktperson"},
      {"power_promoter": ("Machtpromotorin", "Machtpromoter", "Power promoter",
                          "Promotor der Macht"),
       "expert_promoter": ("Fachpromotorin", "Expert promoter", "Fachpromoter"),
       "process_promoter": ("Prozesspromotorin", "Process promoter", "Prozesspromoter"),
       "relationship_promoter": ("Beziehungspromotorin", "Relationship promoter",
                                 "Beziehungspromoter"),
       "coordinator": ("Koordination", "Präventionskoordination", "Präventionskoordinator",
                       "Präventionskoordinatorin", "Netzwerkkoordinator",
                       "Netzwerkkoordinatorin", "Netzwerkmanagement", "Netzwerkmanager",
                       "Netzwerkmanagerin", "Koordinierungsstelle", "Koordinator",
                       "Koordinatorin", "Coordinator"),
       "guide": ("Lotsin", "Lotsen", "Lotsenfunktion", "Lotsendienst", "Babylotse",
                 "Babylotsin", "Babylotsen", "Familienlotse", "Familienlotsin", "Elternlotse",
                 "Elternlotsin", "Bildungslotse", "Bildungslotsin", "Kitalotse", "Kitalotsin",
                 "Clearing", "Guide", "Navigator"),
       "key_person": ("Drehpunkt", "Drehpunktpersonen", "Schlüsselperson", "Schlüsselpersonen",
                      "Key person")})


class CommitteeType(Term):
    """Gremientyp."""

    STEERING_GROUP = "steering_group"
    STEERING_CIRCLE = "steering_circle"
    PROJECT_GROUP = "project_group"
    NETWORK = "network"
    WORKING_GROUP = "working_group"
    AG78 = "ag78"
    BOARD = "board"
    COUNCIL = "council"
    CONFERENCE = "conference"
    DISTRICT_CONFERENCE = "district_conference"
    QUALITY_CIRCLE = "quality_circle"
    CASE_CONFERENCE = "case_conference"


_term(CommitteeType,
      {"steering_group": "Steuerungsgruppe", "steering_circle": "Lenkungskreis",
       "project_group": "Projektgruppe", "network": "Netzwerk", "working_group": "Arbeitskreis",
       "ag78": "AG nach § 78 SGB VIII", "board": "Ausschuss", "council": "Rat/Kreistag",
       "conference": "Konferenz", "district_conference": "Sozialraumkonferenz",
       "quality_circle": "Qualitätszirkel", "case_conference": "Fallkonferenz"},
      {"steering_group": ("Steering group", "Steuerungskreis"),
       "steering_circle": ("Lenkungsgruppe", "Steering committee"),
       "project_group": ("Project group", "Projekt"),
       "network": ("Netzwerke", "Network"),
       "working_group": ("AK", "Arbeitsgruppe", "AG", "Working group"),
       "ag78": ("AG 78", "AG § 78", "AG nach 78", "AG nach § 78", "78er AG"),
       "board": ("Jugendhilfeausschuss", "Fachausschuss", "Committee"),
       "council": ("Rat", "Kreistag", "Stadtrat", "Gemeinderat", "Council"),
       "conference": ("Präventionskonferenz", "Gesundheitskonferenz", "Conference"),
       "district_conference": ("Stadtteilkonferenz", "Stadtteilrunde", "District conference"),
       "quality_circle": ("Quality circle", "Qualitätsdialog"),
       "case_conference": ("Case conference", "Fallberatung")})


class Tier(Term):
    """Steuerungsebene of the tiered ("tiefengestaffelte") steering structure."""

    A = "a"
    B = "b"
    C = "c"


_term(Tier,
      {"a": "a – gesamtkommunale Leitung", "b": "b – gesamtkommunale Koordinierung",
       "c": "c – operative Steuerung im Sozialraum"},
      {"a": ("gesamtkommunale Leitung", "Leitung", "strategisch", "Ebene a",
             "Steuerungsebene a", "strategic"),
       "b": ("gesamtkommunale Koordinierung", "Koordinierung", "Ebene b", "Steuerungsebene b",
             "coordination"),
       "c": ("operative Steuerung im Sozialraum", "operativ", "Sozialraum", "Ebene c",
             "Steuerungsebene c", "operational")})

STEERING_TYPES: frozenset[CommitteeType] = frozenset({CommitteeType.STEERING_GROUP,
                                                      CommitteeType.STEERING_CIRCLE})
"""Committee types that steer at any Steuerungsebene (see :func:`is_steering_body`)."""


def is_steering_body(data: Mapping[str, Any]) -> bool:
    """Whether a committee's attributes make it a Steuerungsgremium: Steuerungsebene a, or
    type Steuerungsgruppe or Lenkungskreis at any level (docs/analysen.md, „Steuerungsgremien
    und die Steuerungsgruppe“). The analyses count these, the figures label them first.

    >>> is_steering_body({"tier": Tier.A}), is_steering_body(
    ...     {"tier": Tier.B, "committee_type": CommitteeType.STEERING_CIRCLE})
    (True, True)
    >>> is_steering_body({"tier": Tier.B, "committee_type": CommitteeType.WORKING_GROUP})
    False
    """
    return data.get("tier") is Tier.A or data.get("committee_type") in STEERING_TYPES


class NetworkKind(Term):
    """Netzwerkart: exchange or production network (quality framework, docs/grundlagen.md)."""

    EXCHANGE = "exchange"
    PRODUCTION = "production"


_term(NetworkKind,
      {"exchange": "Austausch", "production": "Produktion"},
      {"exchange": ("Austauschnetzwerk", "Information", "Exchange"),
       "production": ("Produktionsnetzwerk", "Production")})


class OfferStatus(Term):
    """Status of an offer."""

    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"


_term(OfferStatus,
      {"planned": "geplant", "running": "laufend", "ended": "beendet"},
      {"planned": ("in Planung", "in Vorbereitung", "in Gründung", "angedacht", "vorgesehen",
                   "im Aufbau", "Planned"),
       "running": ("aktiv", "läuft", "laufend", "in Betrieb", "bestehend", "besteht",
                   "fortlaufend", "regelmäßig", "dauerhaft", "Running", "active"),
       "ended": ("abgeschlossen", "eingestellt", "ausgelaufen", "beendet", "nicht mehr",
                 "abgelaufen", "Ended", "closed")})


class MemberFunction(Term):
    """Function of a member in a committee."""

    CHAIR = "chair"
    COORDINATION = "coordination"
    MEMBER = "member"
    GUEST = "guest"


_term(MemberFunction,
      {"chair": "Vorsitz", "coordination": "Koordination", "member": "Mitglied", "guest": "Gast"},
      {"chair": ("Vorsitzende", "Vorsitzender", "Leitung", "Chair", "Sprecher", "Sprecherin"),
       "coordination": ("Koordinator", "Koordinatorin", "Geschäftsführung", "Geschäftsstelle",
                        "Moderation", "Coordination"),
       "member": ("Mitglieder", "Member", "ordentliches Mitglied", "Teilnehmer",
                  "Teilnehmerin", "Teilnehmende"),
       "guest": ("Gäste", "beratend", "Guest")})


class EdgeKind(Term):
    """Kinds of ties between nodes."""

    MEMBER = "member"
    COOPERATION = "cooperation"
    REFERRAL = "referral"
    PROVIDES = "provides"
    BELONGS_TO = "belongs_to"
    REPORTS_TO = "reports_to"
    CONTRACT = "contract"
    FUNDS = "funds"


_term(EdgeKind,
      {"member": "Mitglied", "cooperation": "Kooperation", "referral": "Vermittlung",
       "provides": "Trägerschaft", "belongs_to": "gehört zu", "reports_to": "berichtet an",
       "contract": "Kontrakt", "funds": "Finanzierung"},
      {"member": ("Mitgliedschaft", "Membership"),
       "cooperation": ("Zusammenarbeit", "Cooperation", "Kooperationsbeziehung"),
       "referral": ("Weitervermittlung", "Überweisung", "Verweis", "Referral", "Lotsenweg"),
       "provides": ("Träger", "Anbieter", "Provider", "bietet an"),
       "belongs_to": ("gehört zu", "Zugehörigkeit", "Teil von", "Belongs to"),
       "reports_to": ("Berichtsweg", "Reports to", "Bericht an"),
       "contract": ("Vereinbarung", "Kooperationsvereinbarung", "Leitbild-Kontrakt",
                    "Contract"),
       "funds": ("Förderung", "Finanziert", "Funding", "Funds")})


class Confirmation(Term):
    """How the two sides of a tie see it after a Bestandsaufnahme with the partners.

    Written in the edge column *Bestätigung* (:data:`CONFIRMATION_COLUMN`) when answers
    are merged; ties no survey touched have none.
    """

    CONFIRMED = "confirmed"  # both sides name it, same kind and strength
    DISAGREEING = "disagreeing"  # both sides name it, kind or strength differ
    ONE_SIDED = "one_sided"  # one side names it; the other answered and did not
    UNCONFIRMED = "unconfirmed"  # one side names it; the other has not answered
    DISPUTED = "disputed"  # the map had it; every side that answered denies it


_term(Confirmation,
      {"confirmed": "bestätigt", "disagreeing": "abweichend", "one_sided": "einseitig",
       "unconfirmed": "unbestätigt", "disputed": "bestritten"},
      {"confirmed": ("beidseitig", "gegenseitig"), "one_sided": ("nur einseitig",),
       "unconfirmed": ("offen",), "disputed": ("verneint",)})

CONFIRMATION_COLUMN = "Bestätigung"
"""The edge column that holds a :class:`Confirmation` label."""
NO_ANSWER_KEY = "Bestandsaufnahme ohne Antwort"
"""Map metadata (*Anleitung*): the ids of partners asked who have not answered, ``;``-separated."""


class Strength(IntEnum):
    """Tie strength on the collaboration continuum (1 weakest, 4 strongest)."""

    EXCHANGE = 1
    COOPERATION = 2
    COORDINATION = 3
    INTEGRATION = 4

    @property
    def label(self) -> str:
        """German label."""
        return _STRENGTH_LABELS[self]

    @classmethod
    def parse(cls, value: object) -> Strength | None:
        """Accept 1–4 (also ``"3"``, ``3.0``) or the German/English word."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= 4:
            return cls(int(value))
        key = fold(value)
        if key.isdigit() and 1 <= int(key) <= 4 and str(value).strip().isdigit():
            return cls(int(key))
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            return _STRENGTH_WORDS.get(key)
        if number.is_integer() and 1 <= number <= 4:
            return cls(int(number))
        return None

    @classmethod
    def guess(cls, value: object) -> Strength | None:
        """The strength an everyday word suggests (``"eng"`` → 3), ``None`` if it is unclear.

        These words are no exact value: the importer reads them with a warning that shows
        the step taken (:data:`STRENGTH_GUESSES`). :meth:`parse` does not accept them.

        >>> Strength.guess("sehr eng"), Strength.guess("regelmäßig"), Strength.guess("viel")
        (<Strength.INTEGRATION: 4>, <Strength.COOPERATION: 2>, None)
        """
        return _STRENGTH_GUESS_KEYS.get(fold(value))

    @classmethod
    def labels(cls) -> list[str]:
        """``"1 Austausch"`` … as offered in the template dropdown."""
        return [f"{m.value} {m.label}" for m in cls]


_STRENGTH_LABELS = {Strength.EXCHANGE: "Austausch", Strength.COOPERATION: "Kooperation",
                    Strength.COORDINATION: "Koordination", Strength.INTEGRATION: "Integration"}
_STRENGTH_WORDS: dict[str, Strength] = {}
for _member, _words in {
    Strength.EXCHANGE: ("Austausch", "Information", "exchange", "networking", "1 Austausch"),
    Strength.COOPERATION: ("Kooperation", "cooperation", "2 Kooperation"),
    Strength.COORDINATION: ("Koordination", "coordination", "3 Koordination"),
    Strength.INTEGRATION: ("Integration", "integration", "collaboration", "aus einer Hand",
                           "4 Integration"),
}.items():
    for _word in _words:
        _STRENGTH_WORDS[fold(_word)] = _member

STRENGTH_GUESSES: dict[Strength, tuple[str, ...]] = {
    Strength.EXCHANGE: ("lose", "gelegentlich", "selten", "kennen uns", "locker", "sporadisch",
                        "wir kennen uns", "man kennt sich", "Informationsaustausch"),
    Strength.COOPERATION: ("regelmäßig", "mittel", "fallbezogen", "im Einzelfall", "fallweise",
                           "einzelfallbezogen", "ok", "okay", "normal", "durchschnittlich",
                           "mittelmäßig"),
    Strength.COORDINATION: ("eng", "intensiv", "gut", "abgestimmt", "planen gemeinsam"),
    Strength.INTEGRATION: ("sehr eng", "sehr intensiv", "gemeinsam", "sehr gut",
                           "gemeinsame Angebote", "verzahnt"),
}
"""Everyday words for a tie's strength and the step of the 1–4 scale each is read as
(with a warning). Other words are kept as text with a warning and count nowhere."""
_STRENGTH_GUESS_KEYS: dict[str, Strength] = {
    fold(word): member for member, words in STRENGTH_GUESSES.items() for word in words}

_TRUE = {fold(w) for w in ("ja", "j", "x", "1", "wahr", "true", "yes", "y")}
_FALSE = {fold(w) for w in ("nein", "n", "0", "falsch", "false", "no")}
_TICKS = frozenset("✓✔☑")
_DASHES_ONLY = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def parse_bool(value: object) -> bool | None:
    """Parse ``ja/nein/x/1/0/true/false``; ``None`` when the value means neither.

    A dash alone (``-``, ``–``, ``—``) means nein; a tick (``✓``) ja. Anything else that
    folds to nothing (``?``) means neither.

    >>> parse_bool("X"), parse_bool(" Nein"), parse_bool(1.0), parse_bool("–"), parse_bool("?")
    (True, False, True, False, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(int(value)) if float(value).is_integer() else None
    raw = str(value).strip()
    if raw in _TICKS:
        return True
    if raw and set(raw) <= _DASHES_ONLY:
        return False
    key = fold(raw)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None
