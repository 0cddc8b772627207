"""Which Kommune each node of a map belongs to (map-level helpers, no analysis).

A map may hold several Kommunen and the Kreis (and Land) bodies above them. The importer
that combines the workbooks of many Kommunen (:mod:`netzkarte.io.combine`), the analyses
that judge each Kommune on its own (:mod:`netzkarte.analysis.kommunen`) and the renderers
all need to know the Kommune of a node; the rules live here, below all of them.

Which Kommune a node belongs to
-------------------------------
* Ebene Kreis or Land, or the Kommune column naming the Kreis itself: the level above
  (``None``);
* else its own *Kommune* column;
* else the Kommune of its Sozialraum (sheet Sozialräume), of its venue or of the
  institution it belongs to / that provides it;
* else, when the map holds a single Kommune, that one; with several, the level above.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kreis Beispiel")
>>> m.meta.county = "Kreis Beispiel"
>>> m.add_node("K1", "actor", name="Kita A", category="Kita", municipality="Adorf")
>>> m.add_node("JA", "office", name="Kreisjugendamt", category="Jugendamt", level="Kreis")
>>> parts = municipality_of(m)
>>> parts["K1"], parts["JA"]
('Adorf', None)
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from dataclasses import replace
from datetime import date

from netzkarte.model import MapMeta, NetworkMap
from netzkarte.vocab import EdgeKind, Level, fold

__all__ = ["ABOVE", "GOALS_KEY", "MISSION_KEY", "PARTNERS_ONLY", "SNAPSHOT_KEY", "county_keys",
           "county_names", "meta_for", "municipalities", "municipality_of"]

ABOVE = (Level.COUNTY, Level.STATE)
"""The levels above a Kommune."""

MISSION_KEY = "Leitbild"
"""``meta.extra[f"Leitbild {Kommune}"]``: a Kommune's own Leitbild in a combined map."""
GOALS_KEY = "Ziele"
"""``meta.extra[f"Ziele {Kommune}"]``: its strategic goals, one per line."""
SNAPSHOT_KEY = "Stand"
"""``meta.extra[f"Stand {Kommune}"]``: the date of its data (ISO)."""
PARTNERS_ONLY = "netzkarte_partners_only"
"""``graph.graph[PARTNERS_ONLY]`` of one Kommune's map cut from a larger one: the nodes
that are not the Kommune's own (Kreis offices, a neighbour's joint committee). They are
partners of its institutions, never judged as if they were its own."""


def municipality_of(m: NetworkMap) -> dict[str, str | None]:
    """Per node the Kommune it belongs to (display spelling), ``None`` for Kreis/Land level.

    Cached until the map changes. Linear in nodes and edges.
    """
    cached = m._cache.get("municipality_of")
    if isinstance(cached, dict):
        return cached
    g = m.graph
    counties = county_keys(m)
    spelling: dict[str, str] = {}
    by_district: dict[str, str] = {}
    if "municipality" in m.districts.columns:
        for district, muni in m.districts["municipality"].items():
            if isinstance(muni, str) and muni.strip():
                by_district[fold(district)] = muni.strip()
    own: dict[str, str | None] = {}
    undecided: list[str] = []
    for node, data in g.nodes(data=True):
        muni = data.get("municipality")
        key = fold(muni) if muni else None
        if data.get("level") in ABOVE or (key is not None and key in counties):
            own[node] = None
            continue
        if key:
            own[node] = spelling.setdefault(key, str(muni).strip())
            continue
        district = data.get("district")
        from_district = by_district.get(fold(district)) if district else None
        if from_district:
            own[node] = spelling.setdefault(fold(from_district), from_district)
            continue
        undecided.append(node)
    # a venue, an organisation or a provider tells the Kommune of the rest
    for node in undecided:
        found: str | None = None
        data = g.nodes[node]
        venue = data.get("venue")
        if isinstance(venue, str) and own.get(venue):
            found = own[venue]
        if found is None:
            for _, v, d in g.out_edges(node, data=True):
                if d["kind"] is EdgeKind.BELONGS_TO and own.get(v):
                    found = own[v]
                    break
        if found is None:
            for u, _, d in g.in_edges(node, data=True):
                if d["kind"] is EdgeKind.PROVIDES and own.get(u):
                    found = own[u]
                    break
        if found is None and len(spelling) == 1:
            found = next(iter(spelling.values()))
        own[node] = found
    m._cache["municipality_of"] = own
    return own


def county_keys(m: NetworkMap) -> frozenset[str]:
    """The folded names of the Kreise a map names in ``meta.county`` ("A, B" names two).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap(); m.meta.county = "Musterkreis, Kreis Beispiel"
    >>> sorted(county_keys(m))
    ['kreisbeispiel', 'musterkreis', 'musterkreiskreisbeispiel']
    """
    county = m.meta.county or ""
    keys = {fold(part) for part in county_names(m)} | {fold(county)}
    return frozenset(k for k in keys if k)


def county_names(m: NetworkMap) -> list[str]:
    """The Kreise named in ``meta.county``, split at commas.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap(); m.meta.county = "Musterkreis, Kreis Beispiel"
    >>> county_names(m)
    ['Musterkreis', 'Kreis Beispiel']
    """
    return [part.strip() for part in (m.meta.county or "").split(",") if part.strip()]


def municipalities(m: NetworkMap) -> dict[str, list[str]]:
    """Kommune → its node ids, in map order (Kreis/Land level not included).

    >>> from netzkarte import NetworkMap
    >>> municipalities(NetworkMap())
    {}
    """
    out: defaultdict[str, list[str]] = defaultdict(list)
    for node, muni in municipality_of(m).items():
        if muni is not None:
            out[muni].append(node)
    return dict(out)


def meta_for(m: NetworkMap, municipality: str) -> MapMeta:
    """The metadata of one Kommune's sub-map: its name, and its own Leitbild, goals and
    snapshot date where a combined map keeps them (``meta.extra``, see
    :func:`netzkarte.io.combine.read_many`)."""
    extra = dict(m.meta.extra)
    mission = extra.get(f"{MISSION_KEY} {municipality}", m.meta.mission)
    goals_text = extra.get(f"{GOALS_KEY} {municipality}")
    goals = tuple(g for g in goals_text.split("\n") if g.strip()) if goals_text is not None \
        else m.meta.goals
    snapshot = m.meta.snapshot
    stand = extra.get(f"{SNAPSHOT_KEY} {municipality}")
    if stand:
        with suppress(ValueError):
            snapshot = date.fromisoformat(stand)
    return replace(m.meta, municipality=municipality, mission=mission, goals=goals,
                   snapshot=snapshot, extra=extra)
