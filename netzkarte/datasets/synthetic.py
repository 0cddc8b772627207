"""Synthetic Netzwerkkarten of any size, with known problems planted on request.

:func:`synthetic` builds a realistic prevention-chain network — one town, a Kreis with a
dozen Kommunen, or a state programme with 40+ Kommunen side by side — from a seed. The shape
follows the quality framework and the Hochsauerlandkreis talk (docs/grundlagen.md): Kreis
offices and bodies, Kommunen sharing a few Jugendämter, a tiered steering structure (tier a
Steuerungsgruppe, tier b thematic networks, tier c Sozialraumkonferenzen), facilities and
offers in every district and life phase, cooperation mostly within district and sector.

Without ``plant`` the map is *clean*: every Kita is tied to a Grundschule of its district,
every Kindertagespflege to a Kita of its district and every Frühförderstelle to a Kita of its
Kommune (Familie → Kita), every Geburtsklinik and Schwangerschaftsberatung shares a Netzwerk
Frühe Hilfen with a Frühförderstelle or Kindertagespflege (Geburt → Frühe Hilfen), every
secondary school is tied to the Agentur für Arbeit, each steering group has a Machtpromotor
and the five core sectors, no two bodies with the same mandate share many members, every
district has offers for every life phase, no node is isolated, no person sits on more than
five committees and every committee has a Vorsitz or Koordination. Each name in
:data:`PLANTS` breaks exactly one of these on purpose, and :class:`GroundTruth` lists what
was broken, so analyses can be tested for recall and for false alarms.

Examples
--------
>>> from netzkarte.datasets.synthetic import synthetic
>>> s = synthetic(300, seed=1, plant=["isolated"])
>>> 270 <= len(s.map) <= 330, len(s.truth.isolated)
(True, 3)
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from netzkarte.errors import InputError
from netzkarte.model import NetworkMap
from netzkarte.vocab import Sector

__all__ = ["BIRTH_SIDE", "CORE_SECTORS", "EARLY_HELP_SIDE", "INDICATORS", "PLANTS",
           "EverydayWords", "EverydayWorkbook", "GroundTruth", "SyntheticMap",
           "everyday_workbook", "synthetic"]

log = logging.getLogger(__name__)

PLANTS: tuple[str, ...] = (
    "parallel", "transition_gap", "bridge_person", "coverage_gap", "steering_no_power",
    "steering_missing_sector", "isolated", "overloaded_person", "no_coordination")
"""Names of the problems :func:`synthetic` can plant (``plant="all"`` plants every one)."""

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


@dataclass(frozen=True)
class GroundTruth:
    """What :func:`synthetic` planted: the exact answers analyses should find.

    Every list is empty for a plant that was not requested; everything not listed is clean
    (see the module docstring for the clean guarantees).

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
        Offers with status geplant or beendet (:func:`everyday_workbook` only): they are no
        coverage. Every (district, life phase) outside ``coverage_gaps`` has a running offer;
        a coverage-gap cell may hold inactive offers.
    unclassifiable : list of str
        Nodes whose Kategorie cell is empty or ambiguous and whose name does not tell
        (:func:`everyday_workbook` only): a reader may leave them unclassified. None of them
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


def _pick_plants(plant: Iterable[str] | Literal["all"] | None) -> tuple[str, ...]:
    if plant is None:
        return ()
    wanted = set(PLANTS) if plant == "all" else {str(p) for p in plant}
    unknown = sorted(wanted - set(PLANTS))
    if unknown:
        raise InputError(f"Unbekannte Probleme zum Einpflanzen: {', '.join(unknown)}. "
                         f"Möglich sind: {', '.join(PLANTS)} oder \"all\".", "unknown-value")
    return tuple(p for p in PLANTS if p in wanted)


def synthetic(n_nodes: int = 300, *, seed: int = 0, municipalities: int | None = None,
              plant: Iterable[str] | Literal["all"] | None = None,
              districts_per_municipality: int | None = None) -> SyntheticMap:
    """Generate a realistic Netzwerkkarte of about ``n_nodes`` nodes, optionally with problems.

    Parameters
    ----------
    n_nodes : int, default 300
        Target size (the result is within ±10 %). 300 is one town with about six districts,
        5,000 a Kreis with 12 Kommunen, 50,000 a state programme with 40 Kommunen in three
        Kreise.
    seed : int, default 0
        Same arguments and seed give an identical map, including insertion order.
    municipalities : int, optional
        Number of Kommunen (default: derived from ``n_nodes``).
    plant : iterable of str or "all", optional
        Problems to plant, names from :data:`PLANTS`. Without it the map is clean.
    districts_per_municipality : int, optional
        Fixed number of Sozialräume per Kommune (default: derived from the size).

    Returns
    -------
    SyntheticMap
        ``map`` (a :class:`~netzkarte.model.NetworkMap` with districts table and metadata)
        and ``truth`` (:class:`GroundTruth`: exactly what was planted).

    Raises
    ------
    InputError
        For an unknown plant name or a size below 150 nodes.

    Examples
    --------
    >>> s = synthetic(300, seed=3, plant=["parallel"])
    >>> kreis, kommune = s.truth.parallel_pairs[0]
    >>> s.map.node(kreis)["level"].label, s.map.node(kommune)["level"].label
    ('Kreis', 'Kommune')

    Notes
    -----
    Linear in ``n_nodes``; about 0.2 ms per node (50,000 nodes in roughly ten seconds).
    """
    plants = _pick_plants(plant)
    if n_nodes < 150:
        raise InputError(f"Eine synthetische Karte braucht mindestens 150 Knoten, nicht "
                         f"{n_nodes}.", "bad-number")
    if municipalities is not None and municipalities < 1:
        raise InputError("Es muss mindestens eine Kommune geben.", "bad-number")
    if districts_per_municipality is not None and districts_per_municipality < 2:
        raise InputError("Jede Kommune braucht mindestens zwei Sozialräume.", "bad-number")
    # imported here: the generator modules (_synthetic_builder, _synthetic_town,
    # _synthetic_bodies, _synthetic_plants) import the constants and types above
    from netzkarte.datasets._synthetic_plants import Generator

    start = time.perf_counter()
    result = Generator(n_nodes, seed, municipalities, districts_per_municipality, plants).run()
    log.info("Synthetische Karte mit %d Knoten und %d Beziehungen erzeugt (%.1f s)",
             len(result.map), result.map.graph.number_of_edges(), time.perf_counter() - start)
    return result


# --- everyday mode: the workbook as an administrator types it -----------------------------


@dataclass(frozen=True)
class EverydayWords:
    """The spellings :func:`everyday_workbook` draws from, kept apart from the vocabulary.

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


@dataclass
class EverydayWorkbook:
    """A workbook as an administrator types it, and exactly what it describes.

    Attributes
    ----------
    sheets : dict of str to list of dict
        Sheet name → rows keyed by the German template headers (what
        :func:`netzkarte.io.build.build_map` accepts); values are text, numbers or ``None``.
    meta : dict of str to object
        The metadata block of *Anleitung* keyed by its German labels (Kommune, Stand …).
    map : NetworkMap
        The map the workbook describes, as a careful reader would build it.
    truth : GroundTruth
        What was planted, with ``inactive_offers`` and ``unclassifiable``.
    """

    sheets: dict[str, list[dict[str, object]]]
    meta: dict[str, object]
    map: NetworkMap
    truth: GroundTruth

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook as a real ``.xlsx`` (openpyxl), as a spreadsheet program would.

        The *Anleitung* sheet holds the metadata block, every data sheet its German headers
        in row 1 and the rows as typed; there is no *Listen* sheet and no dropdown.
        """
        from netzkarte.datasets._synthetic_everyday import write_workbook

        return write_workbook(self, Path(path))


def everyday_workbook(n_nodes: int = 250, *, seed: int = 0, words: EverydayWords,
                      plant: Iterable[str] | Literal["all"] | None = None,
                      municipalities: int | None = None,
                      districts_per_municipality: int | None = None) -> EverydayWorkbook:
    """The map of :func:`synthetic` as a workbook typed by people who never read our lists.

    The town, its ties and its planted problems are those of :func:`synthetic` with the same
    arguments (:func:`synthetic` itself is unchanged); the workbook writes them the way
    administrators do, drawn per row from ``seed``: categories in everyday words (or empty
    where the name tells), Ebene Kommune on municipal facilities of a Sozialraum, life
    phases empty or as "Ü3", "Klasse 5–10", "0–16" with "/", "," or line breaks, dates as
    "2018" or "Herbst 2021", references by name (with "-" for "–", without or with another
    "e. V."), "k. A." and "–" for unknown values, "ca. 15" and "31,4 %", meeting rhythms,
    tie strengths and ranks in words, and planned or ended offers that are no coverage.

    Parameters
    ----------
    n_nodes, seed, plant, municipalities, districts_per_municipality
        As for :func:`synthetic`.
    words : EverydayWords
        The spellings to draw from (the test suite ships pools written from real lists).

    Returns
    -------
    EverydayWorkbook
        Rows, metadata, the map they describe and the ground truth. The map differs from
        :func:`synthetic`'s in what the workbook states: offers so that every district and
        life phase outside the planted coverage gaps has a running one, inactive offers in
        the gap cells, no Federführung on the planted committee without coordination, and
        "e. V." at the end of a name.

    Raises
    ------
    InputError
        As :func:`synthetic`.
    """
    from netzkarte.datasets._synthetic_everyday import Everyday

    base = synthetic(n_nodes, seed=seed, plant=plant, municipalities=municipalities,
                     districts_per_municipality=districts_per_municipality)
    return Everyday(base, words, seed).run()
