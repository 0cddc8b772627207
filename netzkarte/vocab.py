"""The vocabulary of a Netzwerkkarte: every enum, its German label and accepted spellings.

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
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import ClassVar, Self

__all__ = [
    "CATEGORIES",
    "EDGE_RULES",
    "LIFE_PHASE_ORDER",
    "ActorForm",
    "CategoryInfo",
    "CommitteeType",
    "EdgeKind",
    "EdgeRule",
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
    "category_info",
    "core_phase",
    "endpoint_problem",
    "fold",
    "parse_bool",
    "suggest_category",
]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: object) -> str:
    """Return the comparison key of a user-typed value.

    Case, surrounding and inner white space, dash variants, punctuation and the
    ``ae/oe/ue/ss`` spelling of umlauts do not matter: ``"Übergang Schule – Beruf"``,
    ``"uebergang schule-beruf"`` and ``"UEBERGANG SCHULE BERUF"`` fold to the same key.

    >>> fold(" Kinder- und Jugendhilfe ")
    'kinderundjugendhilfe'
    """
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).casefold()
    return _NON_ALNUM.sub("", s.translate(_UMLAUTS))


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
        keys = difflib.get_close_matches(fold(text), list(cls._lookup()), n=n * 3, cutoff=0.72)
        labels: list[str] = []
        for key in keys:
            label = cls._lookup()[key].label
            if label not in labels:
                labels.append(label)
        return labels[:n]

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
      {"top": ("Bürgermeister", "Bürgermeisterin", "Landrat", "Landrätin", "Oberbürgermeister",
               "Oberbürgermeisterin", "Top management"),
       "department_head": ("Dezernat", "Verwaltungsvorstand", "Dezernent", "Dezernentin",
                           "Beigeordnete", "Beigeordneter"),
       "office_head": ("Amtsleiter", "Amtsleiterin", "Fachbereichsleitung", "Leitung",
                       "Head of office"),
       "division_head": ("Abteilungsleiter", "Abteilungsleiterin", "Sachgebietsleitung",
                         "Teamleitung"),
       "staff_unit": ("Stabstelle", "Staff unit"),
       "professional": ("Fachkräfte", "Mitarbeiter", "Mitarbeiterin", "Professional"),
       "volunteer": ("ehrenamtlich", "Volunteer")})

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
      {"pregnancy": ("Schwangerschaft", "Geburt", "Pregnancy", "Pregnancy and birth", "prenatal"),
       "u3": ("0-3", "0–3", "unter 3", "U3", "Krippe", "Frühe Hilfen", "0 bis 3 Jahre",
              "infancy", "0-3 years"),
       "kita": ("Kita", "3-6", "3–6", "3–6 Jahre", "Kindergarten", "Elementarbereich",
                "3 bis 6 Jahre", "early childhood", "3-6 years"),
       "primary": ("Grundschule", "6-10", "6–10", "6–10 Jahre", "Primarstufe",
                   "6 bis 10 Jahre", "primary school", "6-10 years"),
       "secondary": ("weiterführende Schule", "10-16", "10–16", "10–16 Jahre", "Sek I",
                     "Sekundarstufe", "10 bis 16 Jahre", "secondary school", "10-16 years"),
       "transition_work": ("Übergang Schule-Beruf", "Übergang Schule–Beruf", "Beruf",
                           "16-27", "16–27", "16–27 Jahre", "Ausbildung", "Schule-Beruf",
                           "16 bis 27 Jahre", "school to work", "16-27 years")})

LIFE_PHASE_ORDER: tuple[LifePhase, ...] = tuple(LifePhase)
"""Life phases from pregnancy to the first job."""


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
      {"power_promoter": ("Machtpromotorin", "Power promoter", "Promotor der Macht"),
       "expert_promoter": ("Fachpromotorin", "Expert promoter", "Fachpromoter"),
       "process_promoter": ("Prozesspromotorin", "Process promoter"),
       "relationship_promoter": ("Beziehungspromotorin", "Relationship promoter"),
       "coordinator": ("Koordination", "Präventionskoordination", "Netzwerkkoordinator",
                       "Netzwerkkoordinatorin", "Koordinator", "Koordinatorin", "Coordinator"),
       "guide": ("Lotsin", "Lotsen", "Lotsenfunktion", "Clearing", "Guide", "Navigator"),
       "key_person": ("Drehpunkt", "Schlüsselperson", "Key person")})


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
      {"a": ("gesamtkommunale Leitung", "Leitung", "strategisch", "strategic"),
       "b": ("gesamtkommunale Koordinierung", "Koordinierung", "coordination"),
       "c": ("operative Steuerung im Sozialraum", "operativ", "Sozialraum", "operational")})


class NetworkKind(Term):
    """Netzwerkart: exchange or production network (seed 003)."""

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
      {"planned": ("in Planung", "Planned"), "running": ("aktiv", "läuft", "Running", "active"),
       "ended": ("abgeschlossen", "eingestellt", "Ended", "closed")})


class MemberFunction(Term):
    """Function of a member in a committee."""

    CHAIR = "chair"
    COORDINATION = "coordination"
    MEMBER = "member"
    GUEST = "guest"


_term(MemberFunction,
      {"chair": "Vorsitz", "coordination": "Koordination", "member": "Mitglied", "guest": "Gast"},
      {"chair": ("Vorsitzende", "Vorsitzender", "Leitung", "Chair", "Sprecher", "Sprecherin"),
       "coordination": ("Koordinator", "Koordinatorin", "Geschäftsführung", "Coordination"),
       "member": ("Mitglieder", "Member", "ordentliches Mitglied"),
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

_TRUE = {fold(w) for w in ("ja", "j", "x", "1", "wahr", "true", "yes", "y", "✓", "✔")}
_FALSE = {fold(w) for w in ("nein", "n", "0", "falsch", "false", "no", "-")}


def parse_bool(value: object) -> bool | None:
    """Parse ``ja/nein/x/1/0/true/false``; ``None`` when the value means neither.

    >>> parse_bool("X"), parse_bool(" Nein"), parse_bool(1.0)
    (True, False, True)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(int(value)) if float(value).is_integer() else None
    raw = str(value).strip()
    if raw in {"✓", "✔"}:
        return True
    if raw == "-":
        return False
    key = fold(raw)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


# --- edge endpoints -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EdgeRule:
    """Which node types an edge kind may connect, and whether direction matters."""

    sources: frozenset[NodeType]
    targets: frozenset[NodeType]
    directed: bool
    description: str  # German, for messages: "Akteur/Amt → Gremium"


_AO = frozenset({NodeType.ACTOR, NodeType.OFFICE})
EDGE_RULES: dict[EdgeKind, EdgeRule] = {
    EdgeKind.MEMBER: EdgeRule(_AO, frozenset({NodeType.COMMITTEE}), True,
                              "Akteur oder Amt → Gremium"),
    EdgeKind.COOPERATION: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    EdgeKind.REFERRAL: EdgeRule(frozenset({NodeType.ACTOR, NodeType.OFFER}),
                                frozenset({NodeType.ACTOR, NodeType.OFFER}), True,
                                "Akteur/Angebot → Akteur/Angebot"),
    EdgeKind.PROVIDES: EdgeRule(_AO, frozenset({NodeType.OFFER}), True,
                                "Akteur oder Amt → Angebot"),
    EdgeKind.BELONGS_TO: EdgeRule(_AO, _AO, True,
                                  "Person/Einrichtung → Organisation/Amt oder Amt → Amt"),
    EdgeKind.REPORTS_TO: EdgeRule(frozenset({NodeType.COMMITTEE}),
                                  frozenset({NodeType.COMMITTEE, NodeType.OFFICE}), True,
                                  "Gremium → Gremium oder Amt"),
    EdgeKind.CONTRACT: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    EdgeKind.FUNDS: EdgeRule(_AO, frozenset({NodeType.OFFER}), True,
                             "Amt oder Akteur → Angebot"),
}
"""Allowed endpoints per edge kind (DOMAIN.md, "Edges")."""


def endpoint_problem(kind: EdgeKind, source: NodeType, target: NodeType,
                     source_form: ActorForm | None = None,
                     target_form: ActorForm | None = None) -> str | None:
    """German reason why ``source → target`` is not allowed for ``kind``, else ``None``.

    ``belongs_to`` is finer than node types: a person or facility belongs to an
    organisation or office; an office belongs to an office; an organisation belongs to
    an organisation (a Träger's sub-unit) or office.

    >>> endpoint_problem(EdgeKind.MEMBER, NodeType.OFFER, NodeType.COMMITTEE)
    'Mitglied verbindet nur Akteur oder Amt → Gremium, hier aber Angebot → Gremium.'
    """
    rule = EDGE_RULES[kind]
    if source not in rule.sources or target not in rule.targets:
        return (f"{kind.label[:1].upper()}{kind.label[1:]} verbindet nur {rule.description}, "
                f"hier aber {source.label} → {target.label}.")
    if kind is EdgeKind.BELONGS_TO:
        if source is NodeType.OFFICE and target is not NodeType.OFFICE:
            return "Ein Amt kann nur zu einem anderen Amt gehören (Übergeordnet)."
        if target is NodeType.ACTOR and target_form is ActorForm.PERSON:
            return "Niemand kann zu einer Person gehören: Ziel muss Organisation oder Amt sein."
        if (source is NodeType.ACTOR and source_form is ActorForm.ORGANISATION
                and target is NodeType.ACTOR and target_form is ActorForm.FACILITY):
            return "Eine Organisation kann nicht zu einer Einrichtung gehören."
    return None


# --- categories ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """Defaults a category carries: node type, sector, life phases, actor form."""

    label: str
    node_type: NodeType
    sector: Sector
    life_phases: tuple[LifePhase, ...]
    form: ActorForm | None = None
    aliases: tuple[str, ...] = ()


_P = LifePhase
_ALL = tuple(LifePhase)
_EARLY = (_P.PREGNANCY, _P.U3)
_CHILD = (_P.U3, _P.KITA, _P.PRIMARY)
_SCHOOL = (_P.PRIMARY, _P.SECONDARY)
_YOUTH = (_P.SECONDARY, _P.TRANSITION_WORK)
_A, _O, _F = NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER
_ORG, _FAC, _PER = ActorForm.ORGANISATION, ActorForm.FACILITY, ActorForm.PERSON
_S = Sector


def _c(label: str, node_type: NodeType, sector: Sector, phases: tuple[LifePhase, ...],
       form: ActorForm | None = None, *aliases: str) -> CategoryInfo:
    return CategoryInfo(label, node_type, sector, phases, form, aliases)


CATEGORIES: tuple[CategoryInfo, ...] = (
    # actors: childhood and family
    _c("Kita", _A, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), _FAC, "Kindertagesstätte",
       "Kindergarten", "Kindertageseinrichtung", "KiTa", "Krippe"),
    _c("Familienzentrum", _A, _S.YOUTH_WELFARE, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienzentren", "Kita-Familienzentrum"),
    _c("Kindertagespflege", _A, _S.YOUTH_WELFARE, (_P.U3,), _FAC, "Tagespflege",
       "Tagesmutter", "Tagesvater"),
    _c("Offene Ganztagsschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "OGS", "Ganztag"),
    _c("Jugendzentrum", _A, _S.YOUTH_WELFARE, _YOUTH, _FAC, "Jugendtreff",
       "Offene Kinder- und Jugendarbeit", "Jugendfreizeitheim"),
    _c("Freier Träger", _A, _S.YOUTH_WELFARE, _ALL, _ORG, "Träger der freien Jugendhilfe",
       "Jugendhilfeträger"),
    _c("Wohlfahrtsverband", _A, _S.SOCIAL, _ALL, _ORG, "Freie Wohlfahrtspflege", "AWO",
       "Caritas", "Diakonie", "DRK", "Paritätischer"),
    _c("Erziehungsberatungsstelle", _A, _S.YOUTH_WELFARE, _CHILD + (_P.SECONDARY,), _FAC,
       "Erziehungsberatung", "EB", "Familienberatung", "Beratungsstelle"),
    _c("Schwangerschaftsberatung", _A, _S.HEALTH, _EARLY, _FAC,
       "Schwangerschaftsberatungsstelle", "Schwangerenberatung"),
    _c("Frühförderstelle", _A, _S.HEALTH, (_P.U3, _P.KITA), _FAC, "Frühförderung",
       "Interdisziplinäre Frühförderung"),
    _c("Hilfen zur Erziehung", _A, _S.YOUTH_WELFARE, _CHILD + _YOUTH, _ORG, "HzE",
       "Erziehungshilfe"),
    # schools and education
    _c("Grundschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "GS", "Primarschule"),
    _c("Hauptschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC),
    _c("Realschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC),
    _c("Gesamtschule", _A, _S.EDUCATION, _YOUTH, _FAC, "Sekundarschule"),
    _c("Gymnasium", _A, _S.EDUCATION, _YOUTH, _FAC),
    _c("Förderschule", _A, _S.EDUCATION, _SCHOOL, _FAC, "Förderzentrum"),
    _c("Berufskolleg", _A, _S.EDUCATION, (_P.TRANSITION_WORK,), _FAC, "Berufsschule",
       "Berufsbildende Schule"),
    _c("Schulsozialarbeit", _A, _S.YOUTH_WELFARE, _SCHOOL, _ORG, "Schulsozialarbeiter"),
    _c("Volkshochschule", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.TRANSITION_WORK), _FAC,
       "VHS"),
    _c("Familienbildungsstätte", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienbildung", "FBS"),
    _c("Bibliothek", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Stadtbibliothek",
       "Bücherei"),
    # health
    _c("Hebamme", _A, _S.HEALTH, _EARLY, _PER, "Hebammen", "Familienhebamme",
       "Hebammenpraxis"),
    _c("Kinderarztpraxis", _A, _S.HEALTH, (_P.U3, _P.KITA, _P.PRIMARY, _P.SECONDARY), _FAC,
       "Kinderarzt", "Kinderärztin", "Pädiatrie", "Kinder- und Jugendarzt"),
    _c("Geburtsklinik", _A, _S.HEALTH, _EARLY, _FAC, "Krankenhaus", "Klinik",
       "Entbindungsstation", "Geburtshilfe"),
    _c("Therapiepraxis", _A, _S.HEALTH, _CHILD, _FAC, "Logopädie", "Ergotherapie",
       "Physiotherapie", "Therapeut", "Therapeutin"),
    _c("Sozialpädiatrisches Zentrum", _A, _S.HEALTH, _CHILD, _FAC, "SPZ"),
    # work
    _c("Agentur für Arbeit", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Arbeitsagentur",
       "Berufsberatung", "BA"),
    _c("Kammer", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "IHK", "Handwerkskammer", "HWK"),
    _c("Betrieb", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Unternehmen",
       "Ausbildungsbetrieb", "Arbeitgeber"),
    _c("Bildungsträger", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Maßnahmeträger"),
    # culture, sport, civil society, other
    _c("Sportverein", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _ORG,
       "Verein", "Sportbund", "Stadtsportbund"),
    _c("Musikschule", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _FAC),
    _c("Kultureinrichtung", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Museum", "Theater",
       "Kulturverein"),
    _c("Migrantenorganisation", _A, _S.INTEGRATION, _ALL, _ORG, "Migrantenselbstorganisation",
       "MSO", "Kulturverein der Migranten"),
    _c("Kirchengemeinde", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Moscheegemeinde",
       "Religionsgemeinschaft", "Gemeinde (kirchlich)"),
    _c("Ehrenamtsinitiative", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Initiative", "Ehrenamt",
       "Bürgerinitiative", "Elterninitiative"),
    _c("Wohnungsunternehmen", _A, _S.URBAN, _ALL, _ORG, "Wohnungsbaugesellschaft",
       "Wohnungsgesellschaft", "Quartiersmanagement"),
    _c("Polizei", _A, _S.POLICE_JUSTICE, _YOUTH, _ORG, "Polizeiwache", "Bezirksdienst"),
    _c("Familiengericht", _A, _S.POLICE_JUSTICE, _ALL, _ORG, "Gericht", "Jugendgericht"),
    _c("Stiftung", _A, _S.CIVIL_SOCIETY, _ALL, _ORG),
    _c("Politische Fraktion", _A, _S.POLITICS, _ALL, _ORG, "Fraktion", "Partei"),
    _c("Person", _A, _S.CIVIL_SOCIETY, (), _PER, "Einzelperson"),
    # offices
    _c("Jugendamt", _O, _S.YOUTH_WELFARE, _ALL, None, "Fachbereich Jugend", "Jugendhilfe",
       "Kreisjugendamt", "Amt für Kinder, Jugend und Familie"),
    _c("Schulverwaltungsamt", _O, _S.EDUCATION, _SCHOOL + (_P.TRANSITION_WORK,), None,
       "Schulverwaltung", "Schulamt der Stadt", "Fachbereich Schule"),
    _c("Schulamt", _O, _S.EDUCATION, _SCHOOL, None, "Schulaufsicht", "Staatliches Schulamt",
       "Schulamt für den Kreis"),
    _c("Gesundheitsamt", _O, _S.HEALTH, _ALL, None, "Kinder- und Jugendgesundheitsdienst",
       "KJGD", "Fachbereich Gesundheit"),
    _c("Sozialamt", _O, _S.SOCIAL, _ALL, None, "Fachbereich Soziales"),
    _c("Jobcenter", _O, _S.WORK, (_P.TRANSITION_WORK,), None, "Kreis-Jobcenter",
       "Jobcenter (Geschäftsstelle)"),
    _c("Bildungsbüro", _O, _S.EDUCATION, _ALL, None, "Regionales Bildungsbüro", "RBN",
       "Regionales Bildungsnetzwerk", "Bildungskoordination"),
    _c("Kommunales Integrationszentrum", _O, _S.INTEGRATION, _ALL, None, "KI",
       "Integrationszentrum", "Integrationsbüro"),
    _c("Stadtplanung", _O, _S.URBAN, _ALL, None, "Stadtplanungsamt", "Stadtentwicklung",
       "Amt für Stadtentwicklung"),
    _c("Statistikstelle", _O, _S.URBAN, _ALL, None, "Statistisches Amt", "Statistik",
       "Kommunale Statistik", "Sozialplanung"),
    _c("Verwaltungsspitze", _O, _S.POLITICS, _ALL, None, "Bürgermeisterbüro",
       "Bürgermeisteramt", "Landratsamt", "Büro des Bürgermeisters"),
    _c("Dezernat", _O, _S.POLITICS, _ALL, None, "Verwaltungsvorstand", "Beigeordnete"),
    _c("Standesamt", _O, _S.SOCIAL, (_P.PREGNANCY,), None),
    _c("Ordnungsamt", _O, _S.POLICE_JUSTICE, _ALL, None),
    _c("Sportamt", _O, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Kulturamt",
       "Amt für Kultur und Sport"),
    _c("Jugendhilfeplanung", _O, _S.YOUTH_WELFARE, _ALL, None, "Sozialplanung Jugend"),
    # offers
    _c("Babybesuchsdienst", _F, _S.YOUTH_WELFARE, (_P.U3,), None, "Willkommensbesuch",
       "Babybegrüßung", "Neugeborenenbesuch"),
    _c("Elterncafé", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), None, "Elterntreff", "Babytreff"),
    _c("Familienhebamme (Angebot)", _F, _S.HEALTH, _EARLY, None, "Familienhebammen-Einsatz"),
    _c("Sprachförderung", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None, "Sprachkurs",
       "Deutschförderung", "Rucksack"),
    _c("Übergangsangebot Kita-Grundschule", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None,
       "Schnuppertage", "Schnuppertage Kita-Grundschule", "Brückenjahr"),
    _c("Übergangsangebot Grundschule-weiterführende Schule", _F, _S.EDUCATION,
       (_P.PRIMARY, _P.SECONDARY), None, "Übergangsberatung"),
    _c("Berufsorientierung", _F, _S.WORK, (_P.SECONDARY, _P.TRANSITION_WORK), None,
       "Potenzialanalyse", "KAoA", "Berufsfelderkundung", "Praktikum"),
    _c("Beratungssprechstunde", _F, _S.YOUTH_WELFARE, _CHILD, None, "Sprechstunde",
       "Offene Sprechstunde", "Erziehungsberatungs-Sprechstunde"),
    _c("Elternkurs", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA, _P.PRIMARY), None,
       "Elternbildung", "Elterntraining", "Starke Eltern – Starke Kinder"),
    _c("Hausaufgabenhilfe", _F, _S.EDUCATION, _SCHOOL, None, "Lernförderung", "Nachhilfe"),
    _c("Freizeitangebot", _F, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Ferienprogramm",
       "Bewegungsangebot", "Sportangebot"),
    _c("Gesundheitsförderung", _F, _S.HEALTH, _CHILD, None, "Prävention", "Zahnprophylaxe",
       "Bewegungsförderung"),
    _c("Lotsendienst", _F, _S.YOUTH_WELFARE, _ALL, None, "Lotsenangebot", "Clearingstelle",
       "Babylotse"),
    _c("Ausbildungsbegleitung", _F, _S.WORK, (_P.TRANSITION_WORK,), None, "Jugendberufsagentur",
       "Jugendberufshilfe", "Mentoring"),
    _c("Ganztagsangebot", _F, _S.EDUCATION, _SCHOOL, None, "Ganztagsbetreuung",
       "Nachmittagsbetreuung"),
    _c("Schulsozialarbeit (Angebot)", _F, _S.YOUTH_WELFARE, _SCHOOL, None,
       "Schulsozialarbeit an Schulen"),
    _c("Frühförderung (Angebot)", _F, _S.HEALTH, (_P.U3, _P.KITA), None,
       "Frühförderangebot"),
    _c("Fortbildung", _F, _S.YOUTH_WELFARE, _ALL, None, "Qualifizierung", "Schulung",
       "Fachtag"),
    _c("Befragung", _F, _S.URBAN, _ALL, None, "Elternbefragung", "Elternfragebogen",
       "Monitoring"),
    _c("Quartiersprojekt", _F, _S.URBAN, _ALL, None, "Quartiersarbeit", "Stadtteilprojekt",
       "Soziale Stadt"),
)
"""Category defaults (seeds 002 and 003). A row's own sector or life phases always win."""

_CATEGORY_INDEX: dict[str, CategoryInfo] = {}
for _info in CATEGORIES:
    for _spelling in (_info.label, *_info.aliases):
        _CATEGORY_INDEX.setdefault(fold(_spelling), _info)


def category_info(category: object) -> CategoryInfo | None:
    """The defaults for a category as typed by a user, or ``None`` if unknown.

    >>> info = category_info("kindertagesstaette")
    >>> info.label, info.sector.label, [p.value for p in info.life_phases]
    ('Kita', 'Kinder- und Jugendhilfe', ['u3', 'kita'])
    """
    return _CATEGORY_INDEX.get(fold(category))


def suggest_category(category: object, node_type: NodeType | None = None, n: int = 3
                     ) -> list[str]:
    """Known category labels close to an unknown one."""
    keys = difflib.get_close_matches(fold(category), list(_CATEGORY_INDEX), n=n * 3,
                                     cutoff=0.75)
    labels: list[str] = []
    for key in keys:
        info = _CATEGORY_INDEX[key]
        if (node_type is None or info.node_type is node_type) and info.label not in labels:
            labels.append(info.label)
    return labels[:n]


_CORE_PHASES: dict[str, LifePhase] = {
    "Kita": LifePhase.KITA, "Geburtsklinik": LifePhase.PREGNANCY,
    "Schwangerschaftsberatung": LifePhase.PREGNANCY, "Hebamme": LifePhase.PREGNANCY,
    "Frühförderstelle": LifePhase.U3, "Gesamtschule": LifePhase.SECONDARY,
    "Gymnasium": LifePhase.SECONDARY,
}


def core_phase(category: object) -> LifePhase | None:
    """The life phase a two-phase category is mainly about, for transitions.

    A Kita also takes children under three, but at the transition Familie → Kita it is
    the Kita side; a Hebamme also visits after birth, but at Geburt → Frühe Hilfen she is
    the birth side.

    >>> core_phase("Kindertagesstätte")
    <LifePhase.KITA: 'kita'>
    """
    info = category_info(category)
    return _CORE_PHASES.get(info.label) if info is not None else None
