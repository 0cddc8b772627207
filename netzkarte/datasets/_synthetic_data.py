"""Fixed data of the synthetic generator: plant names, category tables, name pools, results.

Private to :mod:`netzkarte.datasets.synthetic`, which re-exports the public names. The first
module of the generator: it imports nothing from the others, and every other one may import
it (order: ``_synthetic_data`` → ``_synthetic_builder`` → ``_synthetic_town`` →
``_synthetic_places`` → ``_synthetic_bodies`` → ``_synthetic_finish`` →
``_synthetic_plants`` → ``_synthetic_generator`` → ``_synthetic_everyday`` → ``synthetic``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from netzkarte.model import NetworkMap
from netzkarte.vocab import LifePhase, NodeType, Sector, category_info

__all__ = ["BIRTH_SIDE", "CAT_PHASES", "CORE_SECTORS", "DISTRICT_EXTRA", "DISTRICT_NAMES",
           "EARLY_HELP_SIDE", "FAMILY_SIDE", "FAMILY_SIDE_KOMMUNE", "FIRST_NAMES", "GOALS",
           "INDICATORS", "KITA_NAMES", "KITA_SIDE", "LAST_NAMES", "OFFER_PROVIDERS",
           "OFFER_VENUES", "OVERLOAD", "PERSON_CAP", "PHASES", "PLANTS", "REFERRERS",
           "SCHOOLS", "SCHOOL_NAMES", "TARGET_GROUPS", "WORK_SIDE", "EverydayWords",
           "GroundTruth", "SyntheticMap"]

# --- plants and the sides of the chain ----------------------------------------------------

PLANTS: tuple[str, ...] = (
    "parallel", "transition_gap", "bridge_person", "coverage_gap", "steering_no_power",
    "steering_missing_sector", "isolated", "overloaded_person", "no_coordination")
"""Names of the problems ``synthetic`` can plant (``plant="all"`` plants every one)."""

INDICATORS: tuple[str, ...] = ("SGB-II-Quote Kinder (%)", "Sprachförderbedarf Schuleingang (%)",
                               "Übergewicht Schuleingang (%)")
"""Indicator columns of the generated Sozialräume table (higher = more need)."""

CORE_SECTORS: tuple[Sector, ...] = (Sector.YOUTH_WELFARE, Sector.EDUCATION, Sector.SOCIAL,
                                    Sector.URBAN, Sector.HEALTH)
"""Sectors every clean steering group covers (quality framework, Prüffragen)."""

KITA_SIDE = ("Kita", "Familienzentrum")
"""Categories on the earlier side of the planted Kita → Grundschule gap."""
FAMILY_SIDE = ("Kindertagespflege",)
"""District categories tied to a Kita of their district in every map (Familie → Kita)."""
FAMILY_SIDE_KOMMUNE = ("Frühförderstelle",)
"""Kommune-wide categories tied to a Kita of their Kommune in every map (Familie → Kita)."""
BIRTH_SIDE = ("Geburtsklinik", "Schwangerschaftsberatung")
"""Kreis- and Kommune-level categories on the earlier side of Geburt → Frühe Hilfen."""
EARLY_HELP_SIDE = ("Frühförderstelle", "Kindertagespflege")
"""The generator's categories on the later side of Geburt → Frühe Hilfen (0–3, not birth)."""
SCHOOLS = ("Hauptschule", "Realschule", "Gesamtschule", "Gymnasium", "Förderschule")
"""Categories of weiterführende Schulen (earlier side of Schule → Beruf)."""
WORK_SIDE = ("Jobcenter", "Agentur für Arbeit", "Berufskolleg", "Kammer")
"""Categories on the later side of Schule → Beruf."""
PERSON_CAP = 5  # memberships of any person in a clean map
OVERLOAD = 9  # memberships of the planted overloaded person

# --- names --------------------------------------------------------------------------------

DISTRICT_NAMES = (
    "Altstadt", "Nord", "Süd", "Ost", "West", "Mitte", "Bahnhofsviertel", "Heide", "Bergfeld",
    "Talaue", "Neustadt", "Hafen", "Kirchdorf", "Lindenhof", "Rosenhügel", "Eichenkamp",
    "Wiesengrund", "Mühlenberg", "Sonnenfeld", "Am Wald", "Brückenviertel", "Feldmark",
    "Hochheide", "Schlossberg", "Auenviertel", "Gartenstadt", "Kolonie", "Oberdorf")
KITA_NAMES = (
    "Sonnenschein", "Regenbogen", "Pusteblume", "Löwenzahn", "Kunterbunt", "Sternschnuppe",
    "Wirbelwind", "Schatzkiste", "Zwergenland", "Spatzennest", "Entdeckerland", "Arche Noah",
    "St. Marien", "St. Josef", "Am Park", "Wiesenweg", "Kleine Strolche", "Farbklecks")
SCHOOL_NAMES = (
    "am Park", "an der Linde", "am Mühlenbach", "Sonnenhügel", "Astrid Lindgren",
    "Erich Kästner", "Brüder Grimm", "am Wald", "Anne Frank", "Marie Curie", "Kopernikus",
    "Geschwister Scholl", "Hermann Hesse", "Am Rosenhügel")
FIRST_NAMES = ("Anna", "Maria", "Sabine", "Petra", "Julia", "Katrin", "Fatma", "Elena", "Sarah",
               "Claudia", "Monika", "Aylin", "Nina", "Birgit", "Thomas", "Michael", "Andreas",
               "Stefan", "Markus", "Jan", "Mehmet", "Peter", "Frank", "Tobias", "Daniel", "Uwe")
LAST_NAMES = ("Schmidt", "Müller", "Meyer", "Schulz", "Becker", "Hoffmann", "Koch", "Richter",
              "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner",
              "Krause", "Lehmann", "Köhler", "Yilmaz", "Kaya", "Brandt", "Vogel", "Jansen",
              "Arslan", "Winter", "Bauer", "Sommer", "Roth", "Engel")
GOALS = ("Chancengerecht aufwachsen von Anfang an", "Eltern beteiligen und stärken",
         "Übergänge gemeinsam gestalten", "Vielfalt als Stärke")

_P = LifePhase
PHASES = tuple(LifePhase)

# --- categories ---------------------------------------------------------------------------

# offer category → provider categories (district first, then Kommune, then Kreis)
OFFER_PROVIDERS: dict[str, tuple[str, ...]] = {
    "Babybesuchsdienst": ("Jugendamt", "Freier Träger"),
    "Elterncafé": ("Familienzentrum", "Kita"),
    "Familienhebamme (Angebot)": ("Hebamme", "Gesundheitsamt"),
    "Sprachförderung": ("Kita", "Familienzentrum", "Kommunales Integrationszentrum"),
    "Übergangsangebot Kita-Grundschule": ("Grundschule", "Kita"),
    "Übergangsangebot Grundschule-weiterführende Schule": ("Grundschule", "Gesamtschule",
                                                            "Realschule"),
    "Berufsorientierung": ("Agentur für Arbeit", "Bildungsträger", "Jugendzentrum"),
    "Beratungssprechstunde": ("Erziehungsberatungsstelle", "Familienzentrum"),
    "Elternkurs": ("Familienbildungsstätte", "Familienzentrum", "Freier Träger"),
    "Hausaufgabenhilfe": ("Jugendzentrum", "Kirchengemeinde", "Migrantenorganisation",
                          "Freier Träger"),
    "Freizeitangebot": ("Sportverein", "Jugendzentrum", "Musikschule", "Freier Träger"),
    "Gesundheitsförderung": ("Kinderarztpraxis", "Sportverein", "Gesundheitsamt"),
    "Lotsendienst": ("Freier Träger", "Familienzentrum"),
    "Ausbildungsbegleitung": ("Bildungsträger", "Jugendzentrum", "Freier Träger"),
}
OFFER_VENUES = ("Kita", "Familienzentrum", "Grundschule", "Jugendzentrum", "Gesamtschule")
REFERRERS = ("Kita", "Familienzentrum", "Kinderarztpraxis", "Hebamme", "Jugendzentrum",
             "Person")
DISTRICT_EXTRA = ("Sportverein", "Kirchengemeinde", "Migrantenorganisation",
                  "Ehrenamtsinitiative", "Therapiepraxis", "Musikschule", "Sportverein",
                  "Kindertagespflege", "Bibliothek", "Sportverein")

CAT_PHASES: dict[str, tuple[LifePhase, ...]] = {}
for _cat in OFFER_PROVIDERS:
    _info = category_info(_cat)
    assert _info is not None and _info.node_type is NodeType.OFFER, _cat
    CAT_PHASES[_cat] = _info.life_phases
TARGET_GROUPS = {_P.PREGNANCY: "Schwangere und werdende Eltern",
                 _P.U3: "Familien mit Kindern unter 3",
                 _P.KITA: "Kinder von 3 bis 6 und ihre Eltern", _P.PRIMARY: "Grundschulkinder",
                 _P.SECONDARY: "Schülerinnen und Schüler ab 10",
                 _P.TRANSITION_WORK: "Jugendliche und junge Erwachsene"}


# --- results and inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class GroundTruth:
    """What :func:`~netzkarte.datasets.synthetic.synthetic` planted: the exact answers.

    Every list is empty for a plant that was not requested; everything not listed is clean
    (see the docstring of :mod:`netzkarte.datasets.synthetic` for the clean guarantees).

    Attributes
    ----------
    planted : tuple of str
        The plant names applied, in :data:`PLANTS` order.
    parallel_pairs : list of (str, str)
        (Kreis-level committee, Kommune-level committee) with identical topics and life
        phases and a member Jaccard index ≥ 0.6.
    transition_gaps : list of (str, str)
        (transition value, district): ``("kita->primary", d)`` — no Kita or Familienzentrum
        of ``d`` has a direct tie, a shared committee or a shared offer with a Grundschule
        of ``d``; ``("secondary->transition_work", d)`` — no weiterführende Schule of ``d``
        reaches Jobcenter, Agentur für Arbeit, Berufskolleg or Kammer that way.
    unlinked_institutions : list of str
        Ids of the earlier-phase institutions of those districts (all of them are unlinked).
    bridge_persons : list of str
        Persons whose removal cuts ``cut_off`` from every steering group.
    cut_off : list of str
        Actors (node type actor) disconnected from the steering groups without the bridge.
    coverage_gaps : list of (str, str)
        (district, life phase value) with no offer at all; the district is the neediest.
    steering_without_power : list of str
        Steering groups with no Machtpromotor and no member at Verwaltungsspitze or Dezernat
        rank.
    steering_missing_sectors : dict of str to list of str
        Steering group id → core sector values none of its members has.
    isolated : list of str
        Nodes without any edge.
    overloaded_persons : list of str
        Persons on at least eight committees (clean persons sit on at most five).
    committees_without_coordination : list of str
        Committees with no member in function Vorsitz or Koordination.
    steering_groups : list of str
        All Kommune steering groups (type Steuerungsgruppe, tier a), clean or not.
    neediest_district : str
        District with the highest value in every indicator column.
    clean_districts : list of str
        Districts touched by no district-level plant (transition gaps, coverage gap,
        isolated nodes, bridge cluster): checks there must find nothing.
    inactive_offers : list of str
        Offers with status geplant or beendet (``everyday_workbook`` only): they are no
        coverage. Every (district, life phase) outside ``coverage_gaps`` has a running offer;
        a coverage-gap cell may hold inactive offers.
    unclassifiable : list of str
        Nodes whose Kategorie cell is empty or ambiguous and whose name does not tell
        (``everyday_workbook`` only): a reader may leave them unclassified. None of them
        is on a transition side, a service of the coverage check or a steering member.
    """

    planted: tuple[str, ...] = ()
    parallel_pairs: list[tuple[str, str]] = field(default_factory=list)
    transition_gaps: list[tuple[str, str]] = field(default_factory=list)
    unlinked_institutions: list[str] = field(default_factory=list)
    bridge_persons: list[str] = field(default_factory=list)
    cut_off: list[str] = field(default_factory=list)
    coverage_gaps: list[tuple[str, str]] = field(default_factory=list)
    steering_without_power: list[str] = field(default_factory=list)
    steering_missing_sectors: dict[str, list[str]] = field(default_factory=dict)
    isolated: list[str] = field(default_factory=list)
    overloaded_persons: list[str] = field(default_factory=list)
    committees_without_coordination: list[str] = field(default_factory=list)
    steering_groups: list[str] = field(default_factory=list)
    neediest_district: str = ""
    clean_districts: list[str] = field(default_factory=list)
    inactive_offers: list[str] = field(default_factory=list)
    unclassifiable: list[str] = field(default_factory=list)


@dataclass
class SyntheticMap:
    """A generated map and the ground truth of what was planted in it."""

    map: NetworkMap
    truth: GroundTruth


@dataclass(frozen=True)
class EverydayWords:
    """The spellings ``everyday_workbook`` draws from, kept apart from the vocabulary.

    Keys of ``categories``, ``word_phases`` and ``ambiguous`` values are the generator's
    category labels (Kita, Grundschule, Elterncafé …); life phases, ranks, roles and statuses
    are keyed by their codes (``"u3"``, ``"office_head"``, ``"coordinator"``, ``"planned"``).

    Attributes
    ----------
    categories : mapping of str to sequence of str
        Category → words a person uses for exactly that kind of place or offer.
    word_phases : mapping of str to sequence of str
        Words whose life phases differ from their category's defaults (Krabbelgruppe: u3).
    ambiguous : mapping of str to sequence of str
        Words a person reads in more than one way → the categories they may stand for.
    phases : mapping of str to sequence of str
        How a Lebensphasen cell is written → the life phase codes it means (``"alle"``).
    phase_separators, role_separators : sequence of str
        Separators between several life phases or roles (``" / "``, ``", "``, line break).
    ranks, roles : mapping of str to sequence of str
        Rank and role codes → how they are written.
    strengths : mapping of int to sequence of str
        Tie strength 1–4 → words (``"eng"``, ``"lose"``).
    meetings : mapping of int to sequence of str
        Meetings per year → rhythm words (``"vierteljährlich"``).
    dates : sequence of str
        How a Seit cell is written (``"2018"``, ``"März 2020"``, ``"Schuljahr 2019/20"``).
    unknown : sequence of str
        What is written for a value nobody knows (``"k. A."``, ``"–"``, ``"unbekannt"``).
    statuses : mapping of str to sequence of str
        Offer status code → words (``""`` leaves the cell empty).
    capacities, percents, approximate : sequence of str
        Templates for numbers with words: ``"ca. {n}"``, ``"{n} Plätze"``, ``"{x} %"``.
    municipal_levels : sequence of str
        What a municipal facility with a Sozialraum carries as Ebene (``"Kommune"``).
    """

    categories: Mapping[str, Sequence[str]]
    word_phases: Mapping[str, Sequence[str]]
    ambiguous: Mapping[str, Sequence[str]]
    phases: Mapping[str, Sequence[str]]
    phase_separators: Sequence[str]
    ranks: Mapping[str, Sequence[str]]
    roles: Mapping[str, Sequence[str]]
    role_separators: Sequence[str]
    strengths: Mapping[int, Sequence[str]]
    meetings: Mapping[int, Sequence[str]]
    dates: Sequence[str]
    unknown: Sequence[str]
    statuses: Mapping[str, Sequence[str]]
    capacities: Sequence[str]
    percents: Sequence[str]
    approximate: Sequence[str]
    municipal_levels: Sequence[str]

