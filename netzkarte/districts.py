"""The Sozialräume of a map: names, need column, where an offer runs, distances (no analysis).

The coverage and transition analyses, the quality checks and the Stadtplan of the map all
need the same facts about districts: which Sozialräume the map names, which column of the
sheet Sozialräume measures need, in which Sozialraum an offer takes place, how far two
points are apart and which services every district should reach within walking distance.
The rules live here, below analysis and render, so that the map draws exactly what the
analyses count.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("K", "actor", name="Kita", district="Nord")
>>> m.add_node("O", "offer", venue="K")
>>> district_names(m), offer_district(m, "O")
({'nord': 'Nord'}, 'Nord')
"""

from __future__ import annotations

import math

import pandas as pd

from netzkarte.errors import IssueCode, OptionError
from netzkarte.model import NetworkMap
from netzkarte.vocab import fold

__all__ = ["REACH_KM", "REACH_SERVICES", "district_names", "haversine_km", "need_column",
           "offer_district"]

REACH_SERVICES: tuple[str, ...] = ("Kinderarztpraxis", "Erziehungsberatungsstelle")
"""Services every district should reach (the quality framework's Kindertal case)."""
REACH_KM = 1.5
"""„Fußläufig erreichbar“: a service within this many km of a district's centre reaches it
(the Stadtplan of the map draws the same radius around each service)."""
_BASE_COLUMNS = frozenset({"municipality", "population", "children", "lat", "lon"})
_NEED_KEYS = ("sgb", "armut", "but")
_EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(51.0, 7.0, 51.0, 7.1), 2)
    7.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def need_column(m: NetworkMap, need_indicator: str | None = None) -> str | None:
    """The district-table column used as need indicator, or ``None``.

    With ``need_indicator`` given, that column (matched by folded header) must exist.
    Otherwise the first numeric column whose folded header contains ``sgb``, ``armut`` or
    ``but`` (SGB-II-Quote, Armutsquote, Anteil BuT) is taken.

    Raises
    ------
    OptionError
        If ``need_indicator`` names a column the district table does not have.

    >>> import pandas as pd
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.set_districts(pd.DataFrame({"SGB-II-Quote Kinder": [0.3]}, index=["Nord"]))
    >>> need_column(m)
    'SGB-II-Quote Kinder'
    """
    columns = [str(c) for c in m.districts.columns]
    if need_indicator is not None:
        for c in columns:
            if fold(c) == fold(need_indicator):
                return c
        raise OptionError(f"Der Bedarfsindikator „{need_indicator}“ ist keine Spalte im Blatt "
                          f"Sozialräume. Vorhanden: {', '.join(columns) or 'keine'}. Bitte "
                          "den Spaltennamen genau so angeben oder ohne Indikator rechnen.",
                          IssueCode.UNKNOWN_INDICATOR)
    for c in columns:
        key = fold(c)
        if c in _BASE_COLUMNS or not any(k in key for k in _NEED_KEYS):
            continue
        if pd.to_numeric(m.districts[c], errors="coerce").notna().any():
            return c
    return None


def district_names(m: NetworkMap) -> dict[str, str]:
    """Folded key → display name of every district (table first, then nodes).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap(); m.add_node("K", "actor", name="Kita", district="Nord")
    >>> district_names(m)
    {'nord': 'Nord'}
    """
    out: dict[str, str] = {}
    for d in m.districts.index:
        out.setdefault(fold(d), str(d))
    for _, data in m.graph.nodes(data=True):
        d = data.get("district")
        if d:
            out.setdefault(fold(d), str(d))
    return out


def offer_district(m: NetworkMap, offer: str) -> str | None:
    """District of an offer: its own, else the district of its venue.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap(); m.add_node("K", "actor", name="Kita", district="Nord")
    >>> m.add_node("O", "offer", venue="K"); offer_district(m, "O")
    'Nord'
    """
    data = m.graph.nodes[offer]
    district = data.get("district")
    venue = data.get("venue")
    if not district and venue and venue in m.graph:
        district = m.graph.nodes[venue].get("district")
    return str(district) if district else None
