"""Coverage gaps (Versorgungslücken): offers per district and life phase, weighted by need.

The quality framework ("Der Qualitätsrahmen zum Aufbau einer Präventionskette", see
docs/grundlagen.md) asks to bring the offer infrastructure together with the conditions
children grow up in ("Aufwachsbedingungen mit Infrastrukturdaten abgleichen") and to treat unequal
districts unequally ("Ungleiches ungleich behandeln"). Its Kindertal example found two
burdened northern districts without nearby paediatric care or a counselling centre within
walking distance. This module answers those questions from the map:

* :func:`coverage_table` — district × life phase: offers, offers per 1,000 children, need;
* :func:`find_coverage_gaps` — district × phase without offers (weighted by need), the
  neediest districts having the fewest offers, and districts without a Kinderarztpraxis
  or Erziehungsberatungsstelle within reach.

Only offers that run cover a district: status *laufend* or no status (most workbooks leave
it empty). Planned offers are named in the finding ("geplant") and in the Datenlage, ended
ones do not count. An offer works for the whole town when it has no Sozialraum (and no venue
that works in one), when its category works town-wide, or when its venue does (Ebene Kreis
or Land, or a category such as Geburtsklinik: their Sozialraum is only an address). Such an
offer counts for every district of its Kommune (``town_wide`` in :func:`coverage_table`), and
a burdened district that only has such offers, none of them outreach, gets a low finding so
that the reach can be checked.

A finding that claims an absence accounts for what the map cannot tell: an offer without
life phases in the district, or an institution of unknown category there, could fill it —
then the finding is ``unsicher`` and at most ``low``, and names them
(:mod:`netzkarte.analysis.datenlage`).

Examples
--------
>>> import pandas as pd
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.set_districts(pd.DataFrame({"children": [500]}, index=pd.Index(["Nord"],
...                 name="district")))
>>> m.add_node("O", "offer", name="Elterncafé", category="Elterncafé", district="Nord")
>>> int(coverage_table(m).loc[("Nord", "kita"), "offers"])
1
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from netzkarte.analysis.datenlage import BlindSpots, blind_spots, local_district
from netzkarte.districts import (
    REACH_KM,
    REACH_SERVICES,
    district_names,
    haversine_km,
    need_column,
    offer_district,
)
from netzkarte.kommunen import municipalities
from netzkarte.model import NetworkMap
from netzkarte.results import Finding, Severity
from netzkarte.text import enumerate_names, number
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    ActorForm,
    EdgeKind,
    LifePhase,
    NodeType,
    OfferStatus,
    Sector,
    category_info,
    fold,
)

# REACH_*, district_names, haversine_km, need_column and offer_district live in
# netzkarte.districts (the Stadtplan of the map uses them too) and are re-exported here
__all__ = [
    "REACH_KM",
    "REACH_SERVICES",
    "coverage_table",
    "district_names",
    "find_coverage_gaps",
    "haversine_km",
    "need_column",
    "need_ranks",
    "offer_district",
]

log = logging.getLogger(__name__)


def need_ranks(m: NetworkMap, need_indicator: str | None = None
               ) -> tuple[str | None, dict[str, float], dict[str, float]]:
    """Need indicator column, its value per district and its percentile rank (0–1).

    Keys are folded district names. The rank is 1.0 for the neediest district and 0.0 for
    the least needy (ties share the mean rank); a single district gets 0.5.

    >>> import pandas as pd
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.set_districts(pd.DataFrame({"Armut": [0.1, 0.4]}, index=["Süd", "Nord"]))
    >>> need_ranks(m)[2]
    {'sued': 0.0, 'nord': 1.0}
    """
    col = need_column(m, need_indicator)
    if col is None:
        return None, {}, {}
    values = pd.to_numeric(m.districts[col], errors="coerce")
    values.index = [fold(i) for i in m.districts.index]
    values = values.dropna()
    if values.empty:
        return col, {}, {}
    if len(values) == 1:
        ranks = pd.Series(0.5, index=values.index)
    else:
        ranks = (values.rank(method="average") - 1) / (len(values) - 1)
    return (col, {str(k): float(v) for k, v in values.items()},
            {str(k): float(v) for k, v in ranks.items()})


def _offers(m: NetworkMap, status: OfferStatus | None = OfferStatus.RUNNING
            ) -> Iterable[tuple[str, dict[str, Any]]]:
    """Offers of a status; ``RUNNING`` includes offers without status."""
    for nid, data in m.graph.nodes(data=True):
        if data["type"] is not NodeType.OFFER:
            continue
        own = data.get("status")
        if own is status or (status is OfferStatus.RUNNING and own is None):
            yield nid, data


def coverage_table(m: NetworkMap, *, need_indicator: str | None = None) -> pd.DataFrame:
    """Offers per district and life phase: in the district and town-wide.

    Counts offers that are running or have no status (most templates leave it empty);
    planned offers are counted apart, ended ones not at all. An offer counts in every life
    phase it serves: in ``offers`` of the district it works in, or, when it works for the
    whole town (no Sozialraum, a town-wide category or venue, see the module doc), in
    ``town_wide`` of every district. In a map of several Kommunen a town-wide offer counts
    for the districts of its own Kommune (a Kreis-level one for those of every Kommune it
    serves), as the coverage analysis judges each Kommune on its own.

    Parameters
    ----------
    m : NetworkMap
        The map.
    need_indicator : str, optional
        District-table column to use as need; auto-detected otherwise (:func:`need_column`).

    Returns
    -------
    pandas.DataFrame
        Index ``(district, phase)`` (display name, phase code); columns ``phase_label``,
        ``offers`` (running, in the district), ``town_wide`` (running, for the whole town),
        ``planned`` (planned, in the district or town-wide), ``children`` (0 for a district
        where nobody under 18 lives, NaN when unknown), ``per_1000_children`` (of
        ``offers``; NaN when children are unknown or 0) and ``need`` (NaN without
        indicator). Districts are those of the district table plus any named on a node.
        A district with neither ``offers`` nor ``town_wide`` in a phase is a coverage gap
        (:func:`find_coverage_gaps` reports it unless no children live there).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> coverage_table(NetworkMap()).empty
    True
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", name="Kita", category="Kita", district="Nord")
    >>> m.add_node("O", "offer", name="Schwangerenberatung", life_phases=["Schwangerschaft"])
    >>> coverage_table(m).loc[("Nord", "pregnancy"), ["offers", "town_wide"]].tolist()
    [0, 1]
    """
    table = _coverage_table(m, need_indicator)
    if len(municipalities(m)) < 2:
        return table
    # several Kommunen: the analysis judges each on its own map (its districts, its
    # town-wide offers and the Kreis-level ones serving it); the table says the same
    from netzkarte.analysis.kommunen import split_by_municipality

    rows: dict[str, pd.DataFrame] = {}
    fallback: dict[str, pd.DataFrame] = {}
    for _, part in split_by_municipality(m):
        own = {fold(d) for d in part.districts.index}
        sub = _coverage_table(part, need_indicator)
        for name, block in sub.groupby(level="district", sort=False):
            key = fold(str(name))
            if key in own:
                rows.setdefault(key, block)
            else:
                fallback.setdefault(key, block)
    blocks = []
    for name, block in table.groupby(level="district", sort=False):
        key = fold(str(name))
        part_block = rows.get(key, fallback.get(key))
        if part_block is None:
            blocks.append(block)
            continue
        part_block = part_block.copy()
        part_block.index = block.index  # the whole map's spelling of the district
        part_block["need"] = block["need"]
        blocks.append(part_block)
    return pd.concat(blocks) if blocks else table


def _coverage_table(m: NetworkMap, need_indicator: str | None) -> pd.DataFrame:
    """:func:`coverage_table` of one Kommune (or of a map whose Kommunen are not split)."""
    names = district_names(m)
    counts: defaultdict[tuple[str, LifePhase], int] = defaultdict(int)
    wide: defaultdict[LifePhase, int] = defaultdict(int)
    planned: defaultdict[tuple[str, LifePhase], int] = defaultdict(int)
    for status, local, everywhere in ((OfferStatus.RUNNING, counts, wide),
                                      (OfferStatus.PLANNED, planned, None)):
        for nid, data in _offers(m, status):
            d = _served_district(m, nid)
            for phase in data.get("life_phases") or ():
                if d is not None:
                    local[(fold(d), LifePhase(phase))] += 1
                elif everywhere is not None:
                    everywhere[LifePhase(phase)] += 1
                else:
                    for key in names:
                        local[(key, LifePhase(phase))] += 1
    children = _children(m)
    empty = _no_children(m)
    _, need, _ = need_ranks(m, need_indicator)
    rows = []
    for key, name in names.items():
        kids = children.get(key)
        for phase in LIFE_PHASE_ORDER:
            n = counts.get((key, phase), 0)
            rows.append({"district": name, "phase": phase.value, "phase_label": phase.label,
                         "offers": n, "town_wide": wide.get(phase, 0),
                         "planned": planned.get((key, phase), 0),
                         "children": 0 if key in empty else kids,
                         "per_1000_children": (1000 * n / kids) if kids else math.nan,
                         "need": need.get(key, math.nan)})
    table = pd.DataFrame(rows, columns=["district", "phase", "phase_label", "offers",
                                        "town_wide", "planned", "children",
                                        "per_1000_children", "need"])
    table["children"] = pd.to_numeric(table["children"], errors="coerce")
    return table.set_index(["district", "phase"])


def _served_district(m: NetworkMap, offer: str) -> str | None:
    """The Sozialraum an offer works in, ``None`` when it works for the whole town.

    Its own Sozialraum, else its venue's. An offer of a town-wide category (Wirkungskreis
    „ganze Kommune“) or held at a town-wide venue (Ebene Kreis or Land, or a category like
    Geburtsklinik, see :func:`~netzkarte.analysis.datenlage.local_district`) works for
    every district: that Sozialraum is an address. Where it physically takes place is
    :func:`~netzkarte.districts.offer_district`.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("G", "actor", name="Geburtsklinik", category="Geburtsklinik",
    ...            district="Mitte")
    >>> m.add_node("O", "offer", name="Geburtsvorbereitung", venue="G")
    >>> offer_district(m, "O"), _served_district(m, "O")
    ('Mitte', None)
    """
    info = m.classify(offer).info
    if info is not None and info.town_wide:
        return None
    data = m.graph.nodes[offer]
    if data.get("district"):
        return str(data["district"])
    venue = data.get("venue")
    if venue and venue in m.graph:
        return local_district(m, venue)
    return None


def _children(m: NetworkMap) -> dict[str, float]:
    if "children" not in m.districts.columns:
        return {}
    values = pd.to_numeric(m.districts["children"], errors="coerce")
    return {fold(k): float(v) for k, v in values.items() if pd.notna(v) and v > 0}


def _no_children(m: NetworkMap) -> set[str]:
    if "children" not in m.districts.columns:
        return set()
    values = pd.to_numeric(m.districts["children"], errors="coerce")
    return {fold(k) for k, v in values.items() if pd.notna(v) and v == 0}


def _spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    sx, sy = pd.Series(list(x)).rank(), pd.Series(list(y)).rank()
    if sx.nunique() < 2 or sy.nunique() < 2:
        return None
    return float(sx.corr(sy))


def find_coverage_gaps(
    m: NetworkMap, *,
    need_indicator: str | None = None,
    phases: Sequence[LifePhase | str] = LIFE_PHASE_ORDER,
    min_districts: int = 4,
    max_spearman: float = 0.0,
    burdened_share: float = 0.25,
    services: Sequence[str] = REACH_SERVICES,
    max_distance_km: float = REACH_KM,
) -> list[Finding]:
    """Districts and life phases without offers, and unequal treatment of unequal needs.

    Parameters
    ----------
    m : NetworkMap
        The map.
    need_indicator : str, optional
        Need column of the district table; auto-detected (SGB II, Armut, BuT) when omitted.
        Without one the gaps are reported unweighted (severity ``medium``).
    phases : sequence of LifePhase, default all six
        Life phases that must be covered in every district.
    min_districts : int, default 4
        Fewest districts with need and offer density for the Spearman test; with three
        or fewer a rank correlation says nothing.
    max_spearman : float, default 0.0
        "Ungleiches ungleich behandeln" asks for *more* offers where need is higher, so
        any negative rank correlation between need and offers per 1,000 children
        (offers per district when children are unknown) is reported.
    burdened_share : float, default 0.25
        The most burdened quarter of districts (at least one) is checked one by one:
        each below the median offer density is a finding (high at half the median or
        less, else medium).
    services : sequence of str, default Kinderarztpraxis and Erziehungsberatungsstelle
        Categories every district should reach (the quality framework's Kindertal case,
        fourth step; docs/grundlagen.md).
    max_distance_km : float, default 1.5
        "Fußläufig erreichbar": a service within 1.5 km (about 20 minutes' walk) of a
        district's centre counts as reaching it when coordinates exist. Centre: ``lat`` /
        ``lon`` columns of the district table, else the mean position of the district's
        actors. A district missing every service and in the upper half of need is
        ``high`` (the Kindertal case), burdened with some missing ``medium``, else ``low``.

    Returns
    -------
    list[Finding]
        Kind ``coverage_gap``: one per (district, phase) without offers
        (``evidence["phase"]``), one for a negative need–offer correlation
        (``evidence["spearman"]``), one per burdened district below the median density
        (``evidence["check"] == "burdened_below_median"``) and one per district without a
        required service within reach (``evidence["missing"]``).

    Raises
    ------
    InputError
        If ``need_indicator`` is not a column of the district table.

    Notes
    -----
    The map is judged as given: :func:`netzkarte.analyze` calls this once per Kommune of a
    map of several (:func:`~netzkarte.analysis.kommunen.split_by_municipality`), and
    :func:`coverage_table` of such a map counts the same way. Linear in nodes plus
    districts × services; distances only for districts without the service inside them.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> find_coverage_gaps(NetworkMap())
    []
    """
    table = _coverage_table(m, need_indicator)
    offer_counts: dict[tuple[str, str], int] = {}
    for (d, p), n in zip(table.index.tolist(), table["offers"].tolist(), strict=True):
        offer_counts[(str(d), str(p))] = int(n)
    col, need, ranks = need_ranks(m, need_indicator)
    names = district_names(m)
    spots = blind_spots(m)
    where = _offers_by_place(m, spots)
    findings: list[Finding] = []
    wanted = [LifePhase.parse(p) for p in phases]
    children = _children(m)
    empty = _no_children(m)
    homes_by: dict[tuple[str, LifePhase], list[str]] | None = None
    for key, name in names.items():
        kids = children.get(key)
        if key in empty:
            continue  # nobody under 18 lives there (industrial area, forest)
        for phase in wanted:
            if phase is None or offer_counts.get((name, phase.value), 0) > 0:
                continue
            rank = ranks.get(key)
            wide = where.running.get((None, phase), [])
            if wide:
                finding = _only_town_wide(m, name, phase, wide, col, need.get(key), rank)
                if finding is not None:
                    findings.append(finding)
                continue
            severity: Severity = ("medium" if rank is None else
                                  "high" if rank >= 2 / 3 else
                                  "medium" if rank >= 1 / 3 else "low")
            need_text = (f" Der Sozialraum ist nach „{col}“ ({number(need[key])}) "
                         f"{_burden_word(rank)} belastet." if rank is not None and col else "")
            planned = where.planned.get((key, phase), []) + where.planned.get((None, phase), [])
            planned_text = (f" Geplant (noch nicht laufend): {_listing(m, planned)}."
                            if planned else "")
            if homes_by is None:  # built once, on the first gap
                homes_by = _institutions_by_place(m)
            homes = homes_by.get((key, phase), [])
            homes_text = (f" Einrichtungen wie {_listing(m, homes, 2)} zählen hier nicht: "
                          "gemeint sind Angebote für Familien (Eltern-Kind-Gruppe, "
                          "Sprachförderung, Beratung …), die auch dort stattfinden können."
                          if homes else "")
            host = (f"z. B. in {_listing(m, homes, 2)}" if homes else
                    "z. B. in einer vertrauten Regeleinrichtung")
            finding = Finding.create(
                "coverage_gap", severity,
                f"Kein Angebot für {phase.label} in {name}",
                text=(f"Im Sozialraum {name} läuft kein Angebot für die Lebensphase "
                      f"{phase.label}, und kein gesamtstädtisches Angebot erreicht ihn."
                      f"{homes_text}{planned_text}{need_text}"),
                recommendation=(f"Prüfen, ob Familien in {name} mit Kindern der Lebensphase "
                                f"{phase.label} Angebote in erreichbarer Nähe finden; sonst "
                                f"ein Angebot dort platzieren, {host} (aufsuchender Ansatz)."
                                + (" Die geplanten Angebote umsetzen." if planned else "")),
                district=name, score=0.5 + 0.5 * (rank if rank is not None else 0.0),
                evidence={"phase": phase.value, "children": kids,
                          "need": need.get(key), "need_rank": rank, "indicator": col,
                          "planned": planned},
                key=phase.value)
            blind = where.unplaced.get(key, []) + where.unplaced.get(None, [])
            if blind:
                finding = finding.uncertain(blind, {n: m.name(n) for n in blind},
                                            "Kategorie oder Lebensphasen")
            findings.append(finding)
    distinct: defaultdict[str | None, set[str]] = defaultdict(set)
    for (place, _), offers in where.running.items():
        distinct[place].update(offers)
    findings.extend(_inequity(m, table, {k: len(v) for k, v in distinct.items() if k},
                              len(distinct.get(None, ())), col, need, ranks, min_districts,
                              max_spearman, burdened_share))
    findings.extend(_service_reach(m, spots, services, max_distance_km, col, need, ranks))
    log.info("Versorgungslücken: %d Befunde", len(findings))
    return findings


class _Places:
    """Offers by (folded district or ``None`` for town-wide, phase), and unplaced offers."""

    def __init__(self) -> None:
        self.running: defaultdict[tuple[str | None, LifePhase], list[str]] = defaultdict(list)
        self.planned: defaultdict[tuple[str | None, LifePhase], list[str]] = defaultdict(list)
        # offers without life phases by folded district (None: town-wide)
        self.unplaced: defaultdict[str | None, list[str]] = defaultdict(list)


def _institutions_by_place(m: NetworkMap) -> dict[tuple[str, LifePhase], list[str]]:
    """Per (folded district, phase) the institutions working there whose category is about
    that phase (the Kita for 3–6 Jahre): where an offer for it could take place."""
    out: defaultdict[tuple[str, LifePhase], list[str]] = defaultdict(list)
    for node in m.node_ids(NodeType.ACTOR):
        info = m.classify(node).info
        if info is None:
            continue
        phase = info.core or (info.life_phases[0] if len(info.life_phases) == 1 else None)
        district = local_district(m, node) if phase is not None else None
        if phase is not None and district is not None:
            out[(fold(district), phase)].append(node)
    return {k: sorted(v, key=m.name) for k, v in out.items()}


def _offers_by_place(m: NetworkMap, spots: BlindSpots) -> _Places:
    out = _Places()
    for status, target in ((OfferStatus.RUNNING, out.running), (OfferStatus.PLANNED,
                                                                 out.planned)):
        for nid, data in _offers(m, status):
            d = _served_district(m, nid)
            key = fold(d) if d is not None else None
            for phase in data.get("life_phases") or ():
                target[(key, LifePhase(phase))].append(nid)
            if status is OfferStatus.RUNNING and spots.unplaceable(nid):
                out.unplaced[key].append(nid)
    return out


def _listing(m: NetworkMap, nodes: list[str], limit: int = 4) -> str:
    return enumerate_names([m.name(n) for n in nodes], limit=limit, quoted=True)


def _only_town_wide(m: NetworkMap, name: str, phase: LifePhase, wide: list[str],
                    col: str | None, need: float | None, rank: float | None
                    ) -> Finding | None:
    """A burdened district whose only offers for a phase are town-wide, none outreach."""
    if rank is None or rank < 2 / 3:
        return None
    if any(m.graph.nodes[o].get("outreach") for o in wide):
        return None  # an outreach offer comes to the families
    need_text = (f" Der Sozialraum ist nach „{col}“ ({number(need)}) hoch belastet."
                 if col and need is not None else "")
    return Finding.create(
        "coverage_gap", "low", f"Nur gesamtstädtische Angebote für {phase.label} in {name}",
        text=(f"Im Sozialraum {name} selbst läuft kein Angebot für die Lebensphase "
              f"{phase.label}; erreichbar sind nur gesamtstädtische Angebote "
              f"({_listing(m, wide)}), keines davon aufsuchend.{need_text}"),
        recommendation=(f"Prüfen, ob Familien aus {name} diese Angebote tatsächlich nutzen; "
                        "sonst eine Sprechstunde oder ein aufsuchendes Angebot vor Ort "
                        "einrichten."),
        district=name, score=0.3 + 0.2 * rank,
        evidence={"phase": phase.value, "town_wide_offers": wide, "need_rank": rank,
                  "indicator": col, "check": "only_town_wide"},
        key=f"wide-{phase.value}")


def _burden_word(rank: float | None) -> str:
    if rank is None:
        return "unbekannt"
    return "hoch" if rank >= 2 / 3 else "mittel" if rank >= 1 / 3 else "gering"


def _density(table: pd.DataFrame, distinct: dict[str, int]) -> tuple[dict[str, float], str]:
    """Distinct running offers in each district (``distinct``, by folded name), per 1,000
    children when children are known for at least two districts.

    Town-wide offers are left out: they count the same for every district and say nothing
    about how offers are spread. An offer for three life phases is one offer.
    """
    per_district: dict[str, float] = {}
    basis = "per_1000_children"
    kids = table.groupby(level="district", sort=False)["children"].first()
    use_children = int((kids > 0).sum()) >= 2
    if not use_children:
        basis = "offers"
    for district, k in kids.items():
        key = fold(str(district))
        total = float(distinct.get(key, 0))
        if use_children:
            if pd.isna(k) or not k:
                continue
            per_district[key] = 1000 * total / float(k)
        else:
            per_district[key] = total
    return per_district, basis


def _inequity(m: NetworkMap, table: pd.DataFrame, distinct: dict[str, int], wide: int,
              col: str | None, need: dict[str, float], ranks: dict[str, float],
              min_districts: int, max_spearman: float, burdened_share: float
              ) -> list[Finding]:
    if col is None or not need:
        return []
    density, basis = _density(table, distinct)
    names = district_names(m)
    keys = [k for k in need if k in density]
    unit = ("Angebote vor Ort je 1.000 Kinder" if basis == "per_1000_children" else
            "Angebote vor Ort")
    wide_text = ("" if not wide else
                 " Nicht mitgezählt ist 1 gesamtstädtisches Angebot; es zählt für jeden "
                 "Sozialraum gleich." if wide == 1 else
                 f" Nicht mitgezählt sind {wide} gesamtstädtische Angebote; sie zählen für "
                 "jeden Sozialraum gleich.")
    findings: list[Finding] = []
    if len(keys) >= min_districts:
        rho = _spearman([need[k] for k in keys], [density[k] for k in keys])
        if rho is not None and rho < max_spearman:
            neediest = sorted(keys, key=lambda k: (-need[k], k))[:3]
            listing = "; ".join(f"{names[k]}: {col} {number(need[k])}, "
                                f"{number(density[k], 1)} {unit}" for k in neediest)
            findings.append(Finding.create(
                "coverage_gap", "high" if rho <= -0.5 else "medium",
                "Ungleiches wird nicht ungleich behandelt: weniger Angebote, wo der Bedarf "
                "höher ist",
                text=(f"Über {len(keys)} Sozialräume hängen Bedarf („{col}“) und "
                      f"Angebotsdichte ({unit}) negativ zusammen (Spearman ρ = {number(rho, 2)}). "
                      f"Die am stärksten belasteten Sozialräume: {listing}.{wide_text}"),
                recommendation=("Angebote und Mittel gezielt in die belasteten Sozialräume "
                                "lenken (armutssensible Ressourcensteuerung statt "
                                "Gießkanne) und das in der Fachplanungskonferenz "
                                "beraten."),
                score=min(1.0, -rho), evidence={"spearman": round(rho, 4), "basis": basis,
                                                "indicator": col, "districts": len(keys)},
                key="spearman"))
    if len(keys) >= 2:
        median = float(pd.Series([density[k] for k in keys]).median())
        n_top = max(1, math.ceil(len(keys) * burdened_share))
        for k in sorted(keys, key=lambda k: (-need[k], k))[:n_top]:
            if density[k] >= median or ranks.get(k, 0) < 0.5:
                continue
            findings.append(Finding.create(
                "coverage_gap", "high" if density[k] <= 0.5 * median else "medium",
                f"Hochbelasteter Sozialraum {names[k]} mit unterdurchschnittlich vielen "
                "Angeboten",
                text=(f"{names[k]} gehört nach „{col}“ ({number(need[k])}) zu den am "
                      f"stärksten belasteten Sozialräumen, hat aber nur "
                      f"{number(density[k], 1)} {unit} "
                      f"(Median aller Sozialräume: {number(median, 1)}).{wide_text}"),
                recommendation=(f"Angebotslücken in {names[k]} vorrangig schließen, etwa "
                                "durch Sprechstunden in Kitas und Familienzentren vor Ort."),
                district=names[k], score=0.7 + 0.3 * ranks.get(k, 0),
                evidence={"check": "burdened_below_median", "density": round(density[k], 4),
                          "median": round(median, 4), "basis": basis, "need": need[k],
                          "indicator": col}, key="burdened"))
    return findings


def _centres(m: NetworkMap) -> dict[str, tuple[float, float]]:
    """District centre: lat/lon of the district table, else mean actor position."""
    out: dict[str, tuple[float, float]] = {}
    cols = {fold(c): c for c in m.districts.columns}
    lat_c = cols.get("lat") or cols.get("breitengrad")
    lon_c = cols.get("lon") or cols.get("laengengrad")
    if lat_c is not None and lon_c is not None:
        for d, row in m.districts.iterrows():
            lat, lon = pd.to_numeric(row[lat_c], errors="coerce"), pd.to_numeric(
                row[lon_c], errors="coerce")
            if pd.notna(lat) and pd.notna(lon):
                out[fold(d)] = (float(lat), float(lon))
    sums: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for _, data in m.graph.nodes(data=True):
        d, lat, lon = data.get("district"), data.get("lat"), data.get("lon")
        if d and lat is not None and lon is not None and data["type"] is NodeType.ACTOR:
            s = sums[fold(d)]
            s[0] += float(lat)
            s[1] += float(lon)
            s[2] += 1
    for key, (la, lo, n) in sums.items():
        out.setdefault(key, (la / n, lo / n))
    return out


def _reach_advice(label: str, sector: Sector | None, name: str) -> str:
    """What a district can do without a service of ``label``: who plans such a service.

    Doctors' practices are planned by the Kassenärztliche Vereinigung (Bedarfsplanung),
    counselling centres by the Jugendamt's Jugendhilfeplanung with the freie Träger
    (SGB VIII); a municipality's own categories get the planning of their sector.
    """
    key = fold(label)
    if key == fold("Kinderarztpraxis"):
        return ("Die Niederlassung von Kinder- und Jugendarztpraxen plant die Kassenärztliche "
                "Vereinigung (Bedarfsplanung): den Bedarf in " + name + " dort vortragen, "
                "etwa über das Gesundheitsamt oder eine kommunale Gesundheitskonferenz. Bis "
                "dahin kann der Kinder- und Jugendgesundheitsdienst des Gesundheitsamts "
                "Familien vor Ort erreichen, z. B. mit Sprechstunden in Kita oder "
                "Familienzentrum.")
    if key == fold("Erziehungsberatungsstelle"):
        return ("Erziehungsberatung ist Jugendhilfe (§ 28 SGB VIII): eine offene Sprechstunde "
                "der Erziehungsberatung in einer vertrauten Einrichtung in " + name + " "
                "vereinbaren, z. B. im Familienzentrum, und den Bedarf in der "
                "Jugendhilfeplanung des Jugendamts (§ 80 SGB VIII) mit den freien Trägern der "
                "Beratungsstellen beraten, etwa in der AG nach § 78 SGB VIII.")
    planning = ("in der Jugendhilfeplanung des Jugendamts" if sector is Sector.YOUTH_WELFARE
                else "mit dem Gesundheitsamt" if sector is Sector.HEALTH
                else "in der zuständigen Fachplanung")
    return (f"Mit dem Träger einer {label} eine Sprechstunde in einer vertrauten Einrichtung "
            f"in {name} vereinbaren, z. B. im Familienzentrum, und den Bedarf {planning} "
            "beraten.")


def _service_reach(m: NetworkMap, spots: BlindSpots, services: Sequence[str], max_km: float,
                   col: str | None, need: dict[str, float], ranks: dict[str, float]
                   ) -> list[Finding]:
    names = district_names(m)
    if not names:
        return []
    centres = _centres(m)
    km = number(max_km, 1)
    findings: list[Finding] = []
    missing: defaultdict[str, list[str]] = defaultdict(list)
    nearest: dict[tuple[str, str], tuple[float, str]] = {}
    sectors: dict[str, Sector | None] = {}
    unlocated: dict[str, list[str]] = {}  # label -> services without any place
    unknown_here: defaultdict[str, list[str]] = defaultdict(list)
    for nid in spots.with_reason("unknown_category", "ambiguous_category", "no_category"):
        data = m.graph.nodes[nid]
        if data["type"] is NodeType.ACTOR and data.get("district"):
            unknown_here[fold(data["district"])].append(nid)
    for service in services:
        info = category_info(service)
        label = info.label if info is not None else str(service)
        sectors[label] = info.sector if info is not None else None
        places: set[str] = set()
        points: list[tuple[float, float, str]] = []
        found: list[str] = []
        nowhere: list[str] = []
        for nid, data in m.graph.nodes(data=True):
            if data["type"] is not NodeType.ACTOR or data.get("form") is ActorForm.PERSON:
                continue
            if m.classify(nid).label != label:
                continue
            found.append(nid)
            placed = False
            if data.get("district"):
                places.add(fold(data["district"]))
                placed = True
            if data.get("lat") is not None and data.get("lon") is not None:
                points.append((float(data["lat"]), float(data["lon"]), nid))
                placed = True
            # a consultation hour of the service held elsewhere reaches that district too
            for _, offer, d in m.graph.out_edges(nid, data=True):
                if d["kind"] is EdgeKind.PROVIDES and \
                        m.graph.nodes[offer].get("status") is not OfferStatus.ENDED:
                    od = offer_district(m, offer)
                    if od:
                        places.add(fold(od))
                        placed = True
            if not placed:
                nowhere.append(nid)
        if not found:
            findings.append(Finding.create(
                "coverage_gap", "info", f"Keine Einrichtung „{label}“ erfasst",
                text=(f"Die Karte enthält keine Einrichtung der Kategorie {label}; ob alle "
                      "Sozialräume sie erreichen, lässt sich nicht beurteilen."),
                recommendation=f"{label} mit Sozialraum oder Koordinaten nachtragen.",
                evidence={"service": label}, key=f"none-{fold(label)}"))
            continue
        if len(nowhere) == len(found):
            # where the services are the map does not say: no district can be judged
            listing = _listing(m, nowhere)
            findings.append(Finding.create(
                "coverage_gap", "info", f"„{label}“ ohne Ort erfasst",
                text=(f"Die Karte enthält {listing} (Kategorie {label}), aber ohne Sozialraum "
                      "und ohne Koordinaten; ob alle Sozialräume eine im Umkreis von "
                      f"{km} km erreichen, lässt sich nicht beurteilen."),
                recommendation=f"Bei {listing} den Sozialraum oder die Koordinaten nachtragen.",
                nodes=nowhere, evidence={"service": label}, key=f"nowhere-{fold(label)}"))
            continue
        unlocated[label] = nowhere
        for key in names:
            if key in places:
                continue
            centre = centres.get(key)
            if centre is not None and points:
                dist, nid = min((haversine_km(*centre, la, lo), n) for la, lo, n in points)
                nearest[(key, label)] = (dist, nid)
                if dist <= max_km:
                    continue
            missing[key].append(label)
    for key, labels in missing.items():
        name = names[key]
        rank = ranks.get(key)
        burdened = rank is not None and rank >= 0.5
        all_missing = len(labels) == len(services)
        # high only for the Kindertal case: a burdened district with none of the services
        severity: Severity = ("high" if burdened and all_missing else
                              "medium" if burdened or (rank is None and all_missing) else
                              "low")
        # say what was tested: the radius where distances exist, else the district alone
        measured = [lbl for lbl in labels if (key, lbl) in nearest]
        unmeasured = [lbl for lbl in labels if (key, lbl) not in nearest]
        parts = []
        if measured:
            parts.append(f"keine {' und keine '.join(measured)} im Umkreis von {km} km")
        if unmeasured:
            parts.append(f"keine {' und keine '.join(unmeasured)} im Sozialraum")
        near = [f"„{m.name(nearest[(key, lbl)][1])}“ ({lbl}, "
                f"{number(nearest[(key, lbl)][0], 1)} km)" for lbl in measured]
        text = (f"Im Sozialraum {name} liegt keine {' und keine '.join(labels)}, und keine "
                "bietet dort ein Angebot an.")
        if measured:
            text += (f" Auch im Umkreis von {km} km (Luftlinie ab der Mitte des Sozialraums) "
                     f"ist keine erfasst; am nächsten {'liegt' if len(near) == 1 else 'liegen'} "
                     f"{' und '.join(near)}.")
        if unmeasured:
            why = ("für den Sozialraum sind keine Koordinaten erfasst (weder im Blatt "
                   "Sozialräume noch bei seinen Einrichtungen)" if key not in centres else
                   f"keine {' und keine '.join(unmeasured)} hat Koordinaten")
            text += (f" Ob eine {' oder '.join(unmeasured)} im Umkreis von {km} km liegt, "
                     f"lässt sich nicht prüfen: {why}.")
        if rank is not None and col:
            text += (f" Der Sozialraum ist nach „{col}“ ({number(need[key])}) "
                     f"{_burden_word(rank)} belastet.")
        advice = [_reach_advice(lbl, sectors[lbl], name) for lbl in labels]
        if unmeasured:
            advice.append("Für eine Prüfung der Entfernung Koordinaten nachtragen.")
        # an institution of unknown category in the district could be the service, and a
        # service the map gives no place could lie in or near it
        blind = [n for n in unknown_here.get(key, [])
                 if m.graph.nodes[n].get("sector") in (None, *(sectors[lb] for lb in labels))]
        nowhere = [n for lbl in labels for n in unlocated.get(lbl, [])]
        finding = Finding.create(
            "coverage_gap", severity, f"{name}: {' und '.join(parts)}",
            text=text, recommendation=" ".join(advice),
            district=name, score=0.6 + 0.2 * len(labels) / max(1, len(services))
            + 0.2 * (rank or 0.0),
            evidence={"check": "service_reach", "missing": labels, "need": need.get(key),
                      "need_rank": rank, "indicator": col, "max_distance_km": max_km},
            key="reach")
        if blind or nowhere:
            what = ("die Kategorie" if not nowhere else
                    "Sozialraum oder Koordinaten" if not blind else
                    "die Kategorie bzw. Sozialraum oder Koordinaten")
            finding = finding.uncertain([*blind, *nowhere],
                                        {n: m.name(n) for n in (*blind, *nowhere)}, what)
        findings.append(finding)
    return findings
