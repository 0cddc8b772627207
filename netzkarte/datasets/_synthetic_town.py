"""The geography of a synthetic map: Kreise, Kommunen, districts, and where plants go.

Private to :mod:`netzkarte.datasets.synthetic`. :meth:`Town.lay_out` draws the layout from
the run's main random stream; :class:`Town` then also holds the registers of node ids the
later steps fill (offices and committees per Kreis and Kommune, district actors, steering
groups), so each step reads what an earlier one made from the town it is handed.
:meth:`Targets.choose` picks the Kommunen and districts the requested plants break, and
:func:`district_table` writes the Sozialräume table at the end.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from netzkarte.datasets._synthetic_data import DISTRICT_NAMES, INDICATORS, PHASES
from netzkarte.vocab import LifePhase

__all__ = ["District", "Kommune", "Targets", "Town", "district_table"]


@dataclass
class District:
    """A Sozialraum: its share of the Kommune's node budget and its latent burden (0–1)."""

    name: str
    kommune: int
    budget: float
    burden: float
    population: int = 0
    children: int = 0


@dataclass
class Kommune:
    """A Kommune of the layout, with the ids of its offices, persons and committees."""

    index: int
    name: str
    county: int
    budget: float
    own_youth_office: bool
    districts: list[District] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # role → node id
    committees: dict[str, str] = field(default_factory=dict)  # key → committee id


@dataclass
class Town:
    """Kreise, Kommunen and districts of one run, and the ids the generation steps register.

    Attributes
    ----------
    counties : list of str
        Kreis names; ``Kommune.county`` indexes them (and ``county_ids``,
        ``county_committees``).
    kommunen : list of Kommune
        Largest first; each holds its districts and its own id registers.
    districts : dict of str to District
        Every district by name, in Kommune order.
    neediest : str
        The district with the highest burden (it leads every indicator).
    county_ids, county_committees : list of dict of str to str
        Per Kreis: role or key → node id of its offices, persons and actors; its committees.
    district_actors : dict of int to list of list of str
        Kommune index → the institutions of each of its districts made so far.
    steering : list of str
        The Kommune steering groups, in the order they were made.
    """

    counties: list[str]
    kommunen: list[Kommune]
    districts: dict[str, District] = field(init=False)
    neediest: str = field(init=False)
    county_ids: list[dict[str, str]] = field(init=False)
    county_committees: list[dict[str, str]] = field(init=False)
    district_actors: dict[int, list[list[str]]] = field(default_factory=dict)
    steering: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.districts = {d.name: d for k in self.kommunen for d in k.districts}
        self.neediest = max(self.districts.values(), key=lambda d: d.burden).name
        self.county_ids = [{} for _ in self.counties]
        self.county_committees = [{} for _ in self.counties]

    @classmethod
    def lay_out(cls, n_nodes: int, municipalities: int | None, per_kommune: int | None,
                rng: random.Random) -> Town:
        """Kreise, Kommunen (with their node budgets) and districts for about ``n_nodes``."""
        m = municipalities or (1 if n_nodes < 1500
                               else max(2, round(12 * (n_nodes / 5000) ** 0.52)))
        n_counties = max(1, round(m / 12))
        counties = ["Musterkreis"] if n_counties == 1 else [
            f"Musterkreis {i + 1}" for i in range(n_counties)]
        weights = sorted((rng.lognormvariate(0, 0.55) for _ in range(m)), reverse=True)
        total = sum(weights)
        spare = n_nodes - 42 * n_counties
        kommunen: list[Kommune] = []
        own_per_county = [max(1, math.ceil(sum(1 for i in range(m) if i % n_counties == c) / 4))
                          for c in range(n_counties)]
        seen: Counter[int] = Counter()
        for i, w in enumerate(weights):
            county = i % n_counties
            seen[county] += 1
            name = "Musterstadt" if m == 1 else f"Musterstadt {i + 1}"
            kommunen.append(Kommune(i, name, county, spare * w / total,
                                    own_youth_office=seen[county] <= own_per_county[county]))
        names_used = 0
        for k in kommunen:
            nd = per_kommune or min(30, max(2, round((k.budget - 40) / 36)))
            dw = [rng.lognormvariate(0, 0.3) for _ in range(nd)]
            for j in range(nd):
                base = DISTRICT_NAMES[names_used % len(DISTRICT_NAMES)] if m == 1 else \
                    DISTRICT_NAMES[j % len(DISTRICT_NAMES)]
                rnd = (names_used if m == 1 else j) // len(DISTRICT_NAMES)
                label = base if rnd == 0 else f"{base} {rnd + 1}"
                names_used += 1
                name = label if m == 1 else f"{k.name}-{label}"
                burden = (0.55 + 0.45 * rng.random() if rng.random() < 0.3
                          else 0.5 * rng.betavariate(1.5, 2.5))
                k.districts.append(District(name, k.index, dw[j] / sum(dw), burden))
        return cls(counties, kommunen)


@dataclass(frozen=True)
class Targets:
    """Where the requested plants go: distinct districts of the first Kommune where possible.

    ``gap_kita``/``gap_work`` hold the planted transition gaps, ``gap_cover`` and
    ``gap_phases`` the coverage gap, ``no_power``/``no_sector`` the indexes of the Kommunen
    whose steering group lacks power or core sectors; ``None`` (or ``()``) where not planted.
    """

    plants: tuple[str, ...]
    gap_kita: str | None
    gap_work: str | None
    gap_cover: str | None
    gap_phases: tuple[LifePhase, ...]
    no_power: int | None
    no_sector: int | None

    @classmethod
    def choose(cls, town: Town, plants: tuple[str, ...], rng: random.Random) -> Targets:
        """Pick the targets (draws from ``rng`` only for a coverage gap)."""
        neediest = town.neediest
        others = [d.name for d in town.kommunen[0].districts if d.name != neediest] or [neediest]
        gap_kita = others[0] if "transition_gap" in plants else None
        gap_work = (others[1 % len(others)] if len(others) > 1 else others[0]) \
            if "transition_gap" in plants else None
        gap_cover = neediest if "coverage_gap" in plants else None
        gap_phases: tuple[LifePhase, ...] = ()
        if gap_cover:
            gap_phases = tuple(sorted(rng.sample(PHASES, 2), key=lambda p: p.position))
        m = len(town.kommunen)
        return cls(plants, gap_kita, gap_work, gap_cover, gap_phases,
                   no_power=1 % m if "steering_no_power" in plants else None,
                   no_sector=2 % m if "steering_missing_sector" in plants else None)


def district_table(kommunen: list[Kommune], rng: random.Random) -> tuple[pd.DataFrame, str]:
    rows: list[dict[str, Any]] = []
    for k in kommunen:
        for d in k.districts:
            rows.append({
                "district": d.name, "municipality": k.name,
                "population": d.population, "children": d.children,
                INDICATORS[0]: round(min(48.0, max(2.0, 4 + 38 * d.burden + rng.gauss(0, 2))), 1),
                INDICATORS[1]: round(min(65.0, max(8.0, 12 + 40 * d.burden + rng.gauss(0, 3))), 1),
                INDICATORS[2]: round(min(22.0, max(4.0, 6 + 11 * d.burden + rng.gauss(0, 1.2))), 1),
            })
    # the neediest district (highest latent burden) leads every indicator
    neediest = max((d for k in kommunen for d in k.districts), key=lambda d: d.burden).name
    row = next(r for r in rows if r["district"] == neediest)
    for col in INDICATORS:
        top = max((r[col] for r in rows if r is not row), default=0.0)
        row[col] = round(max(row[col], top + 0.5), 1)
    table = pd.DataFrame(rows).set_index("district")
    table["population"] = table["population"].astype("int64")
    table["children"] = table["children"].astype("int64")
    return table, neediest

