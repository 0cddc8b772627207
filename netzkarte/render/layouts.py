"""The three layouts of the map: ``netz``, ``kette`` and ``kreis`` — deterministic, in pixels.

* ``netz`` — force-directed (Fruchterman & Reingold 1991, igraph), seeded, so the same map
  always looks the same at every meeting.
* ``kette`` — the prevention chain: x is the life phase from pregnancy to work (the mean of a
  node's phases), y is the sector; committees and offices sit among their members.
* ``kreis`` — the classic Netzwerkkarte: a wedge per sector, rings from the steering group
  (tier a) at the centre over coordination (tier b) and offices, municipal actors and district
  bodies (tier c) out to the offers.

Every layout returns a :class:`Layout`: node positions in vis-network pixel coordinates (y
grows downwards) and *guides* — column heads, row labels, rings and wedge labels the map draws
behind the network.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Ort")
>>> m.add_node("K", "actor", name="Kita", category="Kita")
>>> m.add_node("J", "office", name="Jobcenter", category="Jobcenter")
>>> lay = compute_layout(m, "kette")
>>> lay.positions["K"][0] < lay.positions["J"][0]
True
"""

from __future__ import annotations

import logging
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from netzkarte.model import NetworkMap
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    CommitteeType,
    EdgeKind,
    Level,
    NodeType,
    Sector,
    Tier,
)

__all__ = ["LAYOUTS", "Guide", "Layout", "LayoutName", "compute_layout"]

log = logging.getLogger(__name__)

LayoutName = Literal["netz", "kette", "kreis"]
LAYOUTS: dict[str, str] = {"netz": "Netz (kräftebasiert)",
                           "kette": "Kette (Lebensphasen × Handlungsfeld)",
                           "kreis": "Kreis (Handlungsfelder × Steuerungsebenen)"}
"""Layout names (CLI ``--layout``) and their German descriptions."""

_SPACING = 34.0  # distance between neighbouring nodes in a ring, pixels
_CELL_SPACING = 56.0  # distance between neighbours in a cell of the chain (labels below)
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True, slots=True)
class Guide:
    """Something drawn behind the network: a text, a circle or a line (pixel coordinates).

    ``kind`` is ``"text"`` (``x``, ``y``, ``text``), ``"circle"`` (``x``, ``y``, ``r``) or
    ``"line"`` (``x``, ``y`` to ``x2``, ``y2``).
    """

    kind: Literal["text", "circle", "line"]
    x: float
    y: float
    text: str = ""
    r: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    align: Literal["left", "center", "right"] = "center"
    size: float = 16.0  # font size of a text, in the same units as the positions

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with rounded numbers."""
        out: dict[str, Any] = {"kind": self.kind, "x": round(self.x, 1), "y": round(self.y, 1)}
        if self.kind == "text":
            out.update(text=self.text, align=self.align, size=round(self.size, 1))
        elif self.kind == "circle":
            out["r"] = round(self.r, 1)
        else:
            out.update(x2=round(self.x2, 1), y2=round(self.y2, 1))
        return out


@dataclass
class Layout:
    """Positions (``node id → (x, y)``) and background guides of one layout."""

    name: str
    positions: dict[str, tuple[float, float]]
    guides: list[Guide] = field(default_factory=list)


def compute_layout(m: NetworkMap, name: str = "netz", *, seed: int = 7) -> Layout:
    """Deterministic positions for every node of ``m`` in one of the three layouts.

    Parameters
    ----------
    m : NetworkMap
        The map.
    name : {"netz", "kette", "kreis"}
        Which layout (see module docstring).
    seed : int
        Seed of the force-directed layout; the other two use no randomness.

    Returns
    -------
    Layout

    Raises
    ------
    ValueError
        For an unknown layout name (German message listing the three).

    Notes
    -----
    ``netz`` runs igraph's Fruchterman–Reingold (grid variant above 300 nodes, O(n) per
    iteration); 5,000 nodes take well under a second. igraph draws from Python's
    :mod:`random`, which is seeded here and restored afterwards.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> for i in "abc":
    ...     m.add_node(i, "actor")
    >>> compute_layout(m, "netz").positions == compute_layout(m, "netz").positions
    True
    """
    builders: dict[str, Callable[[NetworkMap, int], Layout]] = {
        "netz": _network_layout, "kette": _chain_layout, "kreis": _circle_layout}
    key = str(name).strip().casefold()
    if key not in builders:
        raise ValueError(f"Unbekanntes Layout {name!r}. Möglich sind: "
                         + ", ".join(f"{k} ({v})" for k, v in LAYOUTS.items()) + ".")
    layout = builders[key](m, seed)
    log.debug("Layout %s für %d Knoten berechnet", key, len(layout.positions))
    return layout


# --- netz -------------------------------------------------------------------------------------


def _network_layout(m: NetworkMap, seed: int) -> Layout:
    import igraph as ig

    every = list(m.graph.nodes)
    if not every:
        return Layout("netz", {})
    # nodes without any relation would be pushed to the rim and shrink the network: they
    # are parked in a labelled strip below it instead
    ids = [node for node in every if m.graph.degree(node) > 0]
    alone = [node for node in every if m.graph.degree(node) == 0]
    if len(ids) < 2:
        ids, alone = every, []
    n = len(ids)
    index = {node: i for i, node in enumerate(ids)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                    for u, v in m.graph.edges()})
    g = ig.Graph(n=n, edges=pairs)
    state = random.getstate()
    try:
        random.seed(seed)
        coords = g.layout_fruchterman_reingold(niter=500, grid="grid" if n > 300 else "nogrid")
    finally:
        random.setstate(state)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    # scale so that the mean area per node is about (3 * spacing)^2: room for the labels
    side = 3 * _SPACING * math.sqrt(n)
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    factor = side / span if n > 1 else 0.0
    positions = {node: (round((xs[i] - cx) * factor, 1), round((ys[i] - cy) * factor, 1))
                 for node, i in index.items()}
    guides: list[Guide] = []
    if alone:
        guides = _park_strip(m, alone, positions)
    return Layout("netz", positions, guides)


def _park_strip(m: NetworkMap, alone: list[str],
                positions: dict[str, tuple[float, float]]) -> list[Guide]:
    """Place unconnected nodes in rows below the network, by name, with a heading."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    width = max(max(xs) - min(xs), 8 * _CELL_SPACING)
    step_x, step_y = 4.5 * _SPACING, 2.2 * _SPACING
    per_row = max(1, int(width // step_x) + 1)
    top = max(ys) + 3.5 * _SPACING
    left = (max(xs) + min(xs)) / 2 - (min(per_row, len(alone)) - 1) * step_x / 2
    ordered = sorted(alone, key=lambda node: (str(m.graph.nodes[node].get("name") or ""), node))
    for k, node in enumerate(ordered):
        row, col = divmod(k, per_row)
        positions[node] = (round(left + col * step_x, 1), round(top + row * step_y, 1))
    return [Guide("text", left - step_x / 2, top - 1.4 * _SPACING, align="left",
                  text=f"Ohne Verbindung ({len(alone)})", size=18.0)]


# --- kette ------------------------------------------------------------------------------------


def _sunflower(k: int, spacing: float) -> tuple[float, float]:
    """Offset of the k-th point of a sunflower (Vogel) spiral: even density, no overlap."""
    if k == 0:
        return 0.0, 0.0
    r = spacing * 0.55 * math.sqrt(k + 0.5)
    return r * math.cos(k * _GOLDEN_ANGLE), r * math.sin(k * _GOLDEN_ANGLE)


def _sunflower_radius(count: int, spacing: float) -> float:
    return spacing * 0.55 * math.sqrt(max(count, 1) + 0.5)


def _sort_key(m: NetworkMap, node: str) -> tuple[str, int, str, str]:
    data = m.graph.nodes[node]
    return (str(data.get("district") or ""), list(NodeType).index(data["type"]),
            str(data.get("name") or ""), node)


def _chain_layout(m: NetworkMap, seed: int) -> Layout:
    del seed  # no randomness
    sectors = list(Sector)
    no_phase_col = -1.0
    col: dict[str, float] = {}
    row: dict[str, float] = {}
    own_rows: set[int] = set()
    placed_later: list[str] = []
    for node, data in m.graph.nodes(data=True):
        sector = data.get("sector")
        row[node] = float(sectors.index(sector)) if sector in sectors else float(len(sectors))
        if data["type"] is not NodeType.COMMITTEE:
            own_rows.add(int(row[node]))
        phases = data.get("life_phases") or ()
        if data["type"] in (NodeType.COMMITTEE, NodeType.OFFICE):
            placed_later.append(node)
        if phases:
            col[node] = sum(LIFE_PHASE_ORDER.index(p) for p in phases) / len(phases)
        else:
            col[node] = no_phase_col
    # offices among the units that belong to them (or their ties), then committees among
    # their members; members without a life phase do not pull anyone to the side column
    for node in sorted(placed_later, key=lambda n: m.graph.nodes[n]["type"] is not
                       NodeType.OFFICE):
        data = m.graph.nodes[node]
        if data["type"] is NodeType.COMMITTEE:
            around = m.members(node)
        else:
            around = [u for u, _, d in m.graph.in_edges(node, data=True)
                      if d["kind"] is EdgeKind.BELONGS_TO and col[u] != no_phase_col]
            if not around:
                around = [w for w in _neighbours(m, node)
                          if m.graph.nodes[w]["type"] is not NodeType.COMMITTEE]
        phased = [u for u in around if col[u] != no_phase_col]
        if phased:
            col[node] = sum(col[u] for u in phased) / len(phased)
        if around and (data["type"] is NodeType.COMMITTEE or data.get("sector") is None):
            row[node] = sum(row[u] for u in around) / len(around)

    # only the sectors present get a row (dense), in vocabulary order
    dense = {r: i for i, r in enumerate(sorted(own_rows or {round(r) for r in row.values()}))}

    def dense_row(value: float) -> float:
        keys = sorted(dense)
        lower = max((k for k in keys if k <= value), default=keys[0])
        upper = min((k for k in keys if k >= value), default=keys[-1])
        if upper == lower:
            return float(dense[lower])
        t = (value - lower) / (upper - lower)
        return dense[lower] + t * (dense[upper] - dense[lower])

    row = {node: dense_row(r) for node, r in row.items()}
    # cells: round to half a column / half a row so the mean positions stay visible
    cells: defaultdict[tuple[float, float], list[str]] = defaultdict(list)
    for node in sorted(m.graph.nodes, key=lambda n: _sort_key(m, n)):
        cells[(round(col[node] * 2) / 2, round(row[node] * 2) / 2)].append(node)
    biggest = max((len(v) for v in cells.values()), default=1)
    step = max(160.0, 2 * _sunflower_radius(biggest, _CELL_SPACING) + 1.5 * _CELL_SPACING)
    xstep = max(step * 1.3, 280.0)  # columns wider than rows: room for the phase heads
    positions: dict[str, tuple[float, float]] = {}
    for (cx, cy), members in cells.items():
        for k, node in enumerate(members):
            dx, dy = _sunflower(k, _CELL_SPACING)
            positions[node] = (round(cx * xstep + dx, 1), round(cy * step + dy, 1))

    guides: list[Guide] = []
    top = -0.7 * step
    bottom = (len(dense) - 0.4) * step
    font = xstep * 0.07
    for i, phase in enumerate(LIFE_PHASE_ORDER):
        head = phase.label.replace(" (", "\n(")
        guides.append(Guide("text", i * xstep, top, text=head, size=font))
        if i:
            guides.append(Guide("line", (i - 0.5) * xstep, top + 40, x2=(i - 0.5) * xstep,
                                y2=bottom))
    if any(c == no_phase_col for c in col.values()):
        guides.append(Guide("text", no_phase_col * xstep, top, text="ohne Lebensphase", size=font))
        guides.append(Guide("line", -0.5 * xstep, top + 40, x2=-0.5 * xstep, y2=bottom))
    left = (min(min(col.values(), default=0.0), 0.0) - 0.45) * xstep
    for r, i in dense.items():
        label = sectors[r].label if r < len(sectors) else "ohne Handlungsfeld"
        guides.append(Guide("text", left, i * step, text=label, align="right",
                            size=font))
    return Layout("kette", positions, guides)


def _neighbours(m: NetworkMap, node: str) -> list[str]:
    seen: dict[str, None] = {}
    for _, v in m.graph.out_edges(node):
        seen[v] = None
    for u, _ in m.graph.in_edges(node):
        seen[u] = None
    return list(seen)


# --- kreis ------------------------------------------------------------------------------------

_RING_LABELS = ("Steuerung (Ebene a)", "Koordinierung (Ebene b) und Ämter",
                "Kommune und Kreis", "Sozialraum (Ebene c)", "Angebote")
_STEERING_TYPES = {CommitteeType.STEERING_GROUP, CommitteeType.STEERING_CIRCLE}


def _ring(data: dict[str, Any]) -> int:
    """Ring of a node: 0 steering centre … 4 offers."""
    ntype = data["type"]
    tier = data.get("tier")
    if ntype is NodeType.COMMITTEE:
        if tier is Tier.A or (tier is None and data.get("committee_type") in _STEERING_TYPES):
            return 0
        if tier is Tier.B:
            return 1
        if tier is Tier.C or data.get("level") is Level.DISTRICT or data.get("district"):
            return 3
        return 2
    if ntype is NodeType.OFFICE:
        return 1
    if ntype is NodeType.OFFER:
        return 4
    if data.get("level") is Level.DISTRICT or data.get("district"):
        return 3
    return 2


def _circle_layout(m: NetworkMap, seed: int) -> Layout:
    del seed  # no randomness
    gap = 2 * _SPACING  # between sub-rings: room for a label under each node
    sectors: list[Sector | None] = [*Sector, None]
    by_ring: defaultdict[int, defaultdict[int, list[str]]] = defaultdict(
        lambda: defaultdict(list))
    wedge_count: defaultdict[int, int] = defaultdict(int)
    for node in sorted(m.graph.nodes, key=lambda n: _sort_key(m, n)):
        data = m.graph.nodes[node]
        sector = data.get("sector")
        w = sectors.index(sector) if sector in sectors else len(sectors) - 1
        ring = _ring(data)
        by_ring[ring][w].append(node)
        if ring:
            wedge_count[w] += 1

    positions: dict[str, tuple[float, float]] = {}
    guides: list[Guide] = []
    centre = [n for w in sorted(by_ring[0]) for n in by_ring[0][w]]
    radius = 0.0
    if centre:
        radius = max(_sunflower_radius(len(centre), _SPACING * 1.6), 40.0)
        for k, node in enumerate(centre):
            dx, dy = _sunflower(k, _SPACING * 1.6)
            positions[node] = (round(dx, 1), round(dy, 1))
        guides.append(Guide("circle", 0, 0, r=radius + _SPACING / 2))
        guides.append(Guide("text", 0, -radius - _SPACING, text=_RING_LABELS[0],
                            size=0.3 * gap))
    radius += 2 * _SPACING

    # wedges: share of nodes, at least 4 % so a small sector stays readable
    used = sorted(wedge_count)
    total = sum(wedge_count.values()) or 1
    shares = {w: max(wedge_count[w] / total, 0.04) for w in used}
    norm = sum(shares.values()) or 1.0
    start: dict[int, float] = {}
    angle = -math.pi / 2
    for w in used:
        start[w] = angle
        angle += 2 * math.pi * shares[w] / norm
    width = {w: 2 * math.pi * shares[w] / norm for w in used}

    for ring in range(1, len(_RING_LABELS)):
        wedges = by_ring.get(ring)
        if not wedges:
            continue
        queues = {w: list(nodes) for w, nodes in wedges.items()}
        while any(queues.values()):
            for w, queue in queues.items():
                if not queue:
                    continue
                usable = width[w] * 0.9
                capacity = max(1, int(usable * radius / (1.5 * _SPACING)))
                batch, queues[w] = queue[:capacity], queue[capacity:]
                for k, node in enumerate(batch):
                    a = start[w] + width[w] * 0.05 + usable * (k + 0.5) / len(batch)
                    positions[node] = (round(radius * math.cos(a), 1),
                                       round(radius * math.sin(a), 1))
            radius += gap
        guides.append(Guide("circle", 0, 0, r=radius - gap / 2))
        guides.append(Guide("text", 0, -(radius - gap / 2), text=_RING_LABELS[ring],
                            size=0.3 * gap))
        radius += gap / 2
    outer = radius + _SPACING
    for w in used:
        a = start[w]
        inner_r = max(_SPACING, 60.0)
        guides.append(Guide("line", inner_r * math.cos(a), inner_r * math.sin(a),
                            x2=outer * math.cos(a), y2=outer * math.sin(a)))
        mid = a + width[w] / 2
        sector = sectors[w]
        label = sector.label if sector is not None else "ohne Handlungsfeld"
        align: Literal["left", "center", "right"] = (
            "left" if math.cos(mid) > 0.3 else "right" if math.cos(mid) < -0.3 else "center")
        guides.append(Guide("text", (outer + 20) * math.cos(mid), (outer + 20) * math.sin(mid),
                            text=label, align=align, size=0.4 * gap))
    # on big maps the texts grow with the circle, so they stay readable when it is fitted
    floor = outer * 0.02
    guides = [Guide(g.kind, g.x, g.y, g.text, g.r, g.x2, g.y2, g.align, max(g.size, floor))
              if g.kind == "text" else g for g in guides]
    return Layout("kreis", positions, guides)

