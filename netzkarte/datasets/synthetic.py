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
import time
from collections.abc import Iterable
from typing import Literal

# The generator lives in private modules, each importing only those before it:
# _synthetic_data (constants, tables, result types) → _synthetic_builder (Builder) →
# _synthetic_town (Town, Targets) → _synthetic_places (Places) → _synthetic_bodies
# (BodyPlanner) → _synthetic_finish (Finisher) → _synthetic_plants (Planter) →
# _synthetic_generator (generate: one run) → _synthetic_everyday (Everyday) → this module.
from netzkarte.datasets._synthetic_data import (
    BIRTH_SIDE,
    CORE_SECTORS,
    EARLY_HELP_SIDE,
    FAMILY_SIDE,
    FAMILY_SIDE_KOMMUNE,
    INDICATORS,
    KITA_SIDE,
    OVERLOAD,
    PERSON_CAP,
    PLANTS,
    SCHOOLS,
    WORK_SIDE,
    EverydayWords,
    GroundTruth,
    SyntheticMap,
)
from netzkarte.datasets._synthetic_everyday import Everyday, EverydayWorkbook
from netzkarte.datasets._synthetic_generator import generate
from netzkarte.errors import IssueCode, OptionError

__all__ = ["BIRTH_SIDE", "CORE_SECTORS", "EARLY_HELP_SIDE", "FAMILY_SIDE", "FAMILY_SIDE_KOMMUNE",
           "INDICATORS", "KITA_SIDE", "OVERLOAD", "PERSON_CAP", "PLANTS", "SCHOOLS", "WORK_SIDE",
           "EverydayWords", "EverydayWorkbook", "GroundTruth", "SyntheticMap",
           "everyday_workbook", "synthetic"]

log = logging.getLogger(__name__)


def _pick_plants(plant: Iterable[str] | Literal["all"] | None) -> tuple[str, ...]:
    if plant is None:
        return ()
    wanted = set(PLANTS) if plant == "all" else {str(p) for p in plant}
    unknown = sorted(wanted - set(PLANTS))
    if unknown:
        raise OptionError(f"Unbekannte Probleme zum Einpflanzen: {', '.join(unknown)}. "
                          f"Möglich sind: {', '.join(PLANTS)} oder \"all\".",
                          IssueCode.UNKNOWN_VALUE)
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
        raise OptionError(f"Eine synthetische Karte braucht mindestens 150 Knoten, nicht "
                          f"{n_nodes}.", IssueCode.BAD_NUMBER)
    if municipalities is not None and municipalities < 1:
        raise OptionError("Es muss mindestens eine Kommune geben.", IssueCode.BAD_NUMBER)
    if districts_per_municipality is not None and districts_per_municipality < 2:
        raise OptionError("Jede Kommune braucht mindestens zwei Sozialräume.", IssueCode.BAD_NUMBER)
    start = time.perf_counter()
    result = generate(n_nodes, seed, municipalities, districts_per_municipality, plants)
    log.info("Synthetische Karte mit %d Knoten und %d Beziehungen erzeugt (%.1f s)",
             len(result.map), result.map.graph.number_of_edges(), time.perf_counter() - start)
    return result


# --- everyday mode: the workbook as an administrator types it -----------------------------


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
    base = synthetic(n_nodes, seed=seed, plant=plant, municipalities=municipalities,
                     districts_per_municipality=districts_per_municipality)
    return Everyday(base, words, seed).run()
