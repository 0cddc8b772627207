"""The Excel template's sheets and columns, and the attribute each column fills.

Template writer, importer, exporters and the model's German views all read this table, so
a column is renamed or added in exactly one place. Headers are German (what administrators
see); ``attr`` is the English attribute name on nodes and edges.

>>> [s.name for s in SHEETS][:3]
['Akteure', 'Ämter', 'Gremien']
>>> sheet("Akteure").column("Sektor").attr
'sector'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netzkarte.vocab import (
    ActorForm,
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NetworkKind,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Term,
    Tier,
)

__all__ = [
    "CATEGORY_NODE_TYPES",
    "CATEGORY_SCOPES",
    "CATEGORY_SHEET",
    "DISTRICT_BASE_COLUMNS",
    "GUIDE_SHEET",
    "LISTS_SHEET",
    "MAX_NUMBER",
    "META_FIELDS",
    "MULTI_SEPARATOR",
    "NODE_SHEETS",
    "NUMBER_RANGE",
    "PERSONAL_FIELDS",
    "SHEETS",
    "SHEET_ORDER",
    "Column",
    "Sheet",
    "ValueKind",
    "sheet",
    "sheet_for_type",
]

MULTI_SEPARATOR = "; "
"""How multi-values are joined on export (``;``, ``|`` and line breaks are read)."""

GUIDE_SHEET = "Anleitung"
LISTS_SHEET = "Listen"


class ValueKind(StrEnum):
    """How a cell is parsed."""

    TEXT = "text"
    ID = "id"  # the row's own id
    REF = "ref"  # id (or unique name) of another node
    ENUM = "enum"
    MULTI_ENUM = "multi_enum"
    MULTI_TEXT = "multi_text"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    STRENGTH = "strength"


@dataclass(frozen=True, slots=True)
class Column:
    """One template column.

    ``edge`` is set on reference columns that create an edge rather than an attribute
    (``Organisation`` → ``belongs_to``, ``Anbieter`` → ``provides`` …). ``personal`` marks
    personal data that shared outputs leave out unless asked for. ``aliases`` are headers of
    older templates read as this column, with a ``guessed-header`` warning.
    """

    header: str
    attr: str
    kind: ValueKind = ValueKind.TEXT
    enum: type[Term] | None = None
    ref_types: frozenset[NodeType] = frozenset()
    required: bool = False
    personal: bool = False
    edge: EdgeKind | None = None
    hint: str = ""
    width: int = 18
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    """One data sheet of the template."""

    name: str
    columns: tuple[Column, ...]
    node_type: NodeType | None = None
    edge_kind: EdgeKind | None = None  # fixed kind (Mitgliedschaften) or None
    hint: str = ""

    @property
    def headers(self) -> list[str]:
        """Column headers in template order."""
        return [c.header for c in self.columns]

    @property
    def required(self) -> list[str]:
        """Headers that must be present."""
        return [c.header for c in self.columns if c.required]

    def column(self, header: str) -> Column:
        """The column with this exact header (``KeyError`` otherwise)."""
        for col in self.columns:
            if col.header == header:
                return col
        raise KeyError(header)


_AO = frozenset({NodeType.ACTOR, NodeType.OFFICE})
_K = ValueKind


def _id(hint: str) -> Column:
    return Column("ID", "id", _K.ID, required=True, width=12,
                  hint=f"Eindeutige Kennung, z. B. {hint}. Leer lassen: wird erzeugt.")


def _name(hint: str) -> Column:
    return Column("Name", "name", _K.TEXT, required=True, width=36, hint=hint)


_SECTOR = Column("Sektor", "sector", _K.ENUM, Sector, width=28,
                 hint="Handlungsfeld aus der Liste. Leer: Vorgabe der Kategorie.")
_LEVEL = Column("Ebene", "level", _K.ENUM, Level, width=12, hint="Land, Kreis, Kommune oder "
                "Sozialraum.")
_MUNI = Column("Kommune", "municipality", width=16, hint="Stadt oder Gemeinde.")
_DISTRICT = Column("Sozialraum", "district", width=18,
                   hint="Name wie im Blatt Sozialräume.")
_PHASES = Column("Lebensphasen", "life_phases", _K.MULTI_ENUM, LifePhase, width=34,
                 hint="Eine oder mehrere, getrennt durch ; (Semikolon).")
_ROLES = Column("Rollen", "roles", _K.MULTI_ENUM, Role, width=26,
                hint="z. B. Machtpromotor; Fachpromotor. Mehrere mit ; trennen.")
_RANK = Column("Hierarchieebene", "rank", _K.ENUM, Rank, width=24,
               hint="z. B. Amtsleitung, Fachkraft.")
_LAT = Column("Breitengrad", "lat", _K.FLOAT, width=12, hint="z. B. 51,4512 (optional).")
_LON = Column("Längengrad", "lon", _K.FLOAT, width=12, hint="z. B. 7,2034 (optional).")
_CONTACT = Column("Kontakt", "contact", personal=True, width=28,
                  hint="Telefon oder E-Mail. Personenbezogen: erscheint nur auf Wunsch.")
_NOTE = Column("Bemerkung", "note", width=30, hint="Freitext.")
_SINCE = Column("Seit", "since", _K.DATE, width=12, hint="Datum, z. B. 01.03.2019.")

ACTORS = Sheet("Akteure", (
    _id("A-001"),
    _name("Name der Einrichtung, Organisation oder Person."),
    Column("Form", "form", _K.ENUM, ActorForm, width=14,
           hint="Organisation, Einrichtung oder Person."),
    Column("Kategorie", "category", width=22, hint="z. B. Kita, Grundschule, Hebamme."),
    _SECTOR, _LEVEL, _MUNI, _DISTRICT, _PHASES, _ROLES, _RANK,
    Column("Organisation", "organisation", _K.REF, ref_types=_AO, edge=EdgeKind.BELONGS_TO,
           width=16, hint="ID des Trägers oder Amts, zu dem Person/Einrichtung gehört."),
    _LAT, _LON, _CONTACT, _NOTE,
), node_type=NodeType.ACTOR, hint="Einrichtungen, Organisationen und Personen.")

OFFICES = Sheet("Ämter", (
    _id("AMT-01"),
    _name("Name des Amts oder der Verwaltungseinheit."),
    Column("Kategorie", "category", width=22, hint="z. B. Jugendamt, Schulverwaltungsamt."),
    _SECTOR, _LEVEL, _MUNI, _ROLES, _RANK,
    Column("Übergeordnet", "parent", _K.REF, ref_types=frozenset({NodeType.OFFICE}),
           edge=EdgeKind.BELONGS_TO, width=16, hint="ID des übergeordneten Amts/Dezernats."),
    _CONTACT, _NOTE,
), node_type=NodeType.OFFICE, hint="Einheiten der Verwaltung.")

COMMITTEES = Sheet("Gremien", (
    _id("G-01"),
    _name("Name des Gremiums."),
    Column("Gremientyp", "committee_type", _K.ENUM, CommitteeType, width=22,
           hint="z. B. Steuerungsgruppe, Netzwerk, Sozialraumkonferenz."),
    Column("Steuerungsebene", "tier", _K.ENUM, Tier, width=30,
           hint="a Leitung, b Koordinierung, c operativ im Sozialraum."),
    _LEVEL, _MUNI, _DISTRICT,
    Column("Themen", "topics", _K.MULTI_TEXT, width=30, hint="Stichworte, mit ; trennen."),
    _PHASES,
    Column("Sitzungen pro Jahr", "meetings_per_year", _K.FLOAT, width=10, hint="Zahl, z. B. 4."),
    Column("Federführung", "lead", _K.REF, ref_types=_AO, width=16,
           hint="ID des federführenden Akteurs oder Amts."),
    Column("Berichtet an", "reports_to", _K.REF,
           ref_types=frozenset({NodeType.COMMITTEE, NodeType.OFFICE}),
           edge=EdgeKind.REPORTS_TO, width=16, hint="ID eines Gremiums oder Amts."),
    Column("Politisch legitimiert", "legitimated", _K.BOOL, width=12,
           hint="ja oder nein (politischer Beschluss)."),
    Column("Netzwerkart", "network_kind", _K.ENUM, NetworkKind, width=14,
           hint="Austausch oder Produktion."),
    _NOTE,
), node_type=NodeType.COMMITTEE, hint="Steuerungsgruppen, Netzwerke, Arbeitskreise, Konferenzen.")

OFFERS = Sheet("Angebote", (
    _id("ANG-001"),
    _name("Name des Angebots."),
    Column("Anbieter", "provider", _K.REF, ref_types=_AO, edge=EdgeKind.PROVIDES, width=16,
           hint="ID des Trägers (Akteur oder Amt).", aliases=("Träger",)),
    Column("Kategorie", "category", width=22, hint="z. B. Elterncafé, Sprachförderung."),
    _SECTOR,
    _PHASES,
    Column("Zielgruppe", "target_group", width=22, hint="z. B. Eltern mit Kindern unter 3."),
    _MUNI, _DISTRICT,
    Column("Ort", "venue", _K.REF, ref_types=_AO, width=14,
           hint="Wo das Angebot stattfindet: ID der Einrichtung (z. B. einer Kita) oder "
                "des Amts (z. B. Rathaus)."),
    Column("Aufsuchend", "outreach", _K.BOOL, width=11, hint="ja oder nein."),
    Column("Status", "status", _K.ENUM, OfferStatus, width=11,
           hint="geplant, laufend oder beendet."),
    Column("Kapazität", "capacity", _K.INT, width=10, hint="Plätze pro Jahr (Zahl)."),
    _LAT, _LON, _NOTE,
), node_type=NodeType.OFFER, hint="Angebote, Programme und Maßnahmen für Familien.")

MEMBERSHIPS = Sheet("Mitgliedschaften", (
    Column("Mitglied", "source", _K.REF, ref_types=_AO, required=True, width=16,
           hint="ID eines Akteurs oder Amts."),
    Column("Gremium", "target", _K.REF, ref_types=frozenset({NodeType.COMMITTEE}),
           required=True, width=16, hint="ID des Gremiums."),
    Column("Funktion", "function", _K.ENUM, MemberFunction, width=14,
           hint="Vorsitz, Koordination, Mitglied oder Gast. Leer: Mitglied."),
    _SINCE, _NOTE,
), edge_kind=EdgeKind.MEMBER, hint="Wer sitzt in welchem Gremium.")

RELATIONS = Sheet("Beziehungen", (
    Column("Von", "source", _K.REF, ref_types=frozenset(NodeType), required=True, width=16,
           hint="ID des ersten Knotens."),
    Column("Zu", "target", _K.REF, ref_types=frozenset(NodeType), required=True, width=16,
           hint="ID des zweiten Knotens."),
    Column("Art", "kind", _K.ENUM, EdgeKind, required=True, width=16,
           hint="Kooperation, Vermittlung, Kontrakt, Finanzierung, …",
           aliases=("Art der Beziehung",)),
    Column("Stärke", "strength", _K.STRENGTH, width=16,
           hint="1 Austausch, 2 Kooperation, 3 Koordination, 4 Integration."),
    Column("Formal", "formal", _K.BOOL, width=10, hint="ja: schriftlich vereinbart."),
    _SINCE, _NOTE,
    Column("Gemeldet von", "reported_by", _K.REF, ref_types=_AO, width=16,
           hint="ID dessen, der die Beziehung angegeben hat (optional)."),
), hint="Kooperationen, Vermittlungswege, Kontrakte, Finanzierung, Zugehörigkeit.")

DISTRICT_BASE_COLUMNS = (
    Column("Sozialraum", "district", required=True, width=20, hint="Name des Sozialraums."),
    Column("Kommune", "municipality", width=16, hint="Stadt oder Gemeinde."),
    Column("Einwohner", "population", _K.INT, width=12, hint="Zahl."),
    Column("Kinder unter 18", "children", _K.INT, width=14, hint="Zahl."),
)
DISTRICTS = Sheet("Sozialräume", DISTRICT_BASE_COLUMNS,
                  hint="Sozialräume mit Kennzahlen; weitere Spalten = Indikatoren (Zahlen).")

CATEGORY_NODE_TYPES: tuple[NodeType, ...] = (NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER)
"""Node types a category can belong to (committees have a Gremientyp instead)."""
CATEGORY_SCOPES: dict[bool, str] = {False: "Sozialraum", True: "ganze Kommune"}
"""*Wirkungskreis* of an own category (``CategoryInfo.town_wide``) and its German label."""

CATEGORY_SHEET = Sheet("Kategorien", (
    Column("Kategorie", "label", required=True, width=28,
           hint="Name Ihrer Kategorie, z. B. Krabbelgruppe. So tragen Sie sie in den anderen "
                "Blättern in „Kategorie“ ein."),
    Column("Knotentyp", "node_type", width=12,
           hint="Akteur, Amt oder Angebot: in welchem Blatt die Kategorie vorkommt."),
    Column("Sektor", "sector", _K.ENUM, Sector, width=28,
           hint="Handlungsfeld aus der Liste; Vorgabe für alle Einträge dieser Kategorie."),
    Column("Lebensphasen", "life_phases", _K.MULTI_ENUM, LifePhase, width=34,
           hint="Vorgabe für die Einträge; mehrere getrennt durch ; (Semikolon)."),
    Column("Wirkungskreis", "town_wide", width=16,
           hint="Sozialraum: wirkt dort, wo es liegt. ganze Kommune: wirkt für alle "
                "Sozialräume (wie ein Jobcenter). Leer: Sozialraum."),
    Column("Form", "form", _K.ENUM, ActorForm, width=14,
           hint="Nur für Akteure: Organisation, Einrichtung oder Person (freiwillig)."),
    Column("Andere Schreibweisen", "aliases", _K.MULTI_TEXT, width=30,
           hint="Weitere Namen, unter denen die Kategorie erkannt wird; mit ; trennen."),
    _NOTE,
), hint="Eigene Kategorien der Kommune mit ihren Vorgaben (freiwillig).")

SHEETS: tuple[Sheet, ...] = (ACTORS, OFFICES, COMMITTEES, OFFERS, MEMBERSHIPS, RELATIONS,
                             DISTRICTS, CATEGORY_SHEET)
"""Data sheets in template order (between Anleitung and Listen)."""

SHEET_ORDER: tuple[str, ...] = (GUIDE_SHEET, *(s.name for s in SHEETS), LISTS_SHEET)
NODE_SHEETS: dict[NodeType, Sheet] = {s.node_type: s for s in SHEETS if s.node_type}
PERSONAL_FIELDS: frozenset[str] = frozenset(
    c.attr for s in SHEETS for c in s.columns if c.personal)
"""Attributes holding personal data (``Kontakt``): left out of shared outputs unless asked."""

MAX_NUMBER = 10**15
"""Largest magnitude of any number value: Excel keeps 15 significant digits, so a larger
count would not be exact there."""

NUMBER_RANGE: dict[str, tuple[float, float]] = {
    "lat": (-90, 90), "lon": (-180, 180), "capacity": (0, MAX_NUMBER),
    "meetings_per_year": (0, MAX_NUMBER), "population": (0, MAX_NUMBER),
    "children": (0, MAX_NUMBER)}
"""Allowed range of each number attribute (``Column.attr``); any other number, an indicator
of *Sozialräume* too, lies within ±:data:`MAX_NUMBER`. One table for the Excel reader, the
JSON reader and the check before an export, so they never disagree about a value."""

META_FIELDS: tuple[tuple[str, str], ...] = (
    ("municipality", "Kommune"),
    ("county", "Kreis"),
    ("title", "Titel"),
    ("snapshot", "Stand"),
    ("mission", "Leitbild"),
    ("goals", "Strategische Ziele"),
)
"""Map metadata (attribute, German label) kept in a block at the top of *Anleitung*."""


def sheet(name: str) -> Sheet:
    """The data sheet called ``name``."""
    for s in SHEETS:
        if s.name == name:
            return s
    raise KeyError(name)


def sheet_for_type(node_type: NodeType) -> Sheet:
    """The sheet that holds nodes of ``node_type``."""
    return NODE_SHEETS[node_type]
