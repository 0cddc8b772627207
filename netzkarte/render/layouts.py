"""The four layouts of the map: ``netz``, ``kette``, ``kreis``, ``stadtplan`` — deterministic,
in pixels.

* ``netz`` — force-directed (Fruchterman & Reingold 1991, igraph), seeded, so the same map
  always looks the same at every meeting.
* ``kette`` — the prevention chain: x is the life phase from pregnancy to work (the mean of a
  node's phases), y is the sector; committees and offices sit among their members.
* ``kreis`` — the classic Netzwerkkarte: a wedge per sector, rings from the steering group
  (tier a) at the centre over coordination (tier b) and offices, municipal actors and district
  bodies (tier c) out to the offers.
* ``stadtplan`` — where institutions and offers lie (Breitengrad, Längengrad; an offer
  without its own coordinates at its venue), on a plain map without tiles: the Sozialräume
  as areas (from a GeoJSON file with their holes, else the convex hull around their
  points), shaded by the need indicator, coverage gaps outlined and hatched in red, a circle of
  :data:`~netzkarte.districts.REACH_KM` km around each Kinderarztpraxis and
  Erziehungsberatungsstelle (the distance the coverage analysis uses), a scale bar. Nodes
  without coordinates are parked in a labelled strip below. Projection: equirectangular
  around the mean latitude (:data:`PX_PER_KM` pixels per km).

Every layout returns a :class:`Layout`: node positions in vis-network pixel coordinates (y
grows downwards) and *guides* — column heads, row labels, rings and wedge labels, the areas
of the Stadtplan — the map draws behind the network, plus an optional legend block.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from netzkarte.districts import (
    REACH_KM,
    REACH_SERVICES,
    district_names,
    need_column,
    offer_district,
)
from netzkarte.errors import OptionError
from netzkarte.model import NetworkMap
from netzkarte.results import Finding
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    ActorForm,
    CommitteeType,
    EdgeKind,
    Level,
    NodeType,
    Sector,
    Tier,
    fold,
)

if TYPE_CHECKING:
    from netzkarte.io.geojson import DistrictShape

__all__ = ["LAYOUTS", "NO_COORDINATES", "PX_PER_KM", "Guide", "Layout", "LayoutName",
           "compute_layout", "located_nodes"]

log = logging.getLogger(__name__)

LayoutName = Literal["netz", "kette", "kreis", "stadtplan"]
LAYOUTS: dict[str, str] = {"netz": "Netz (nach Verbindungen angeordnet)",
                           "kette": "Kette (Lebensphasen × Handlungsfeld)",
                           "kreis": "Kreis (Handlungsfelder × Steuerungsebenen)",
                           "stadtplan": "Stadtplan (Lage nach Koordinaten)"}
"""Layout names (CLI ``--layout``) and their German descriptions."""

_SPACING = 34.0  # distance between neighbouring nodes in a ring, pixels
_CELL_SPACING = 56.0  # distance between neighbours in a cell of the chain (labels below)
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True, slots=True)
class Guide:
    """Something drawn behind the network: a text, a circle, a line or a polygon (pixels).

    ``kind`` is ``"text"`` (``x``, ``y``, ``text``), ``"circle"`` (``x``, ``y``, ``r``),
    ``"line"`` (``x``, ``y`` to ``x2``, ``y2``) or ``"polygon"`` (``points``: x0, y0, x1,
    y1 …; ``holes``: such rings cut out of it, drawn with the even-odd rule; ``x``, ``y``: a
    point inside the area, never in a hole). Shapes may carry a ``stroke`` and ``fill``
    colour, a ``hatch`` colour, a line
    ``width`` and ``dash`` pattern in screen pixels (default: a thin light grey line);
    a text its ``colour``. ``district`` names the Sozialraum an area belongs to.

    A text with a ``span`` (its width in position units: a column head, a row label) is set
    by the map to fit it whatever the zoom: wrapped at spaces, soft hyphens (U+00AD, shown
    as "-" where a line breaks) and dashes between words, smaller down to a readable
    minimum, shortened with "…" only as a last resort (the full text on hover); in the
    page its long words carry soft hyphens (:func:`_breakable`). ``valign``
    ``"bottom"`` puts the last line at ``y`` and lets the text grow upwards.
    """

    kind: Literal["text", "circle", "line", "polygon"]
    x: float
    y: float
    text: str = ""
    r: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    align: Literal["left", "center", "right"] = "center"
    size: float = 16.0  # font size of a text, in the same units as the positions
    points: tuple[float, ...] = ()
    holes: tuple[tuple[float, ...], ...] = ()  # a polygon's holes, flat like points
    stroke: str = ""
    fill: str = ""
    hatch: str = ""
    width: float = 0.0
    dash: tuple[float, ...] = ()
    colour: str = ""
    district: str = ""
    span: float = 0.0  # a text's width to fit in, position units (0: not fitted)
    valign: Literal["middle", "bottom"] = "middle"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with rounded numbers."""
        out: dict[str, Any] = {"kind": self.kind, "x": round(self.x, 1), "y": round(self.y, 1)}
        if self.kind == "text":
            out.update(text=self.text, align=self.align, size=round(self.size, 1))
            if self.span:  # the map may break its long words (soft hyphens)
                out.update(text=_breakable(self.text), span=round(self.span, 1))
            if self.valign != "middle":
                out["valign"] = self.valign
        elif self.kind == "circle":
            out["r"] = round(self.r, 1)
        elif self.kind == "polygon":
            out["pts"] = [round(v, 1) for v in self.points]
            if self.holes:
                out["holes"] = [[round(v, 1) for v in hole] for hole in self.holes]
        else:
            out.update(x2=round(self.x2, 1), y2=round(self.y2, 1))
        for key, value in (("stroke", self.stroke), ("fill", self.fill), ("hatch", self.hatch),
                           ("colour", self.colour), ("district", self.district)):
            if value:
                out[key] = value
        if self.width:
            out["w"] = round(self.width, 2)
        if self.dash:
            out["dash"] = [round(d, 1) for d in self.dash]
        return out


@dataclass
class Layout:
    """Positions (``node id → (x, y)``), background guides and an optional legend block
    (``{"title": …, "items": [{"kind": "fill" | "hatch" | "circle", "colour": …,
    "label": …}]}``) of one layout."""

    name: str
    positions: dict[str, tuple[float, float]]
    guides: list[Guide] = field(default_factory=list)
    legend: dict[str, Any] | None = None

    def district_at(self, x: float, y: float) -> str | None:
        """The Sozialraum whose area the map shows at (x, y): the topmost polygon guide
        that contains the point, a point in one of its holes not included (None: none).

        >>> ring = Guide("polygon", 0, 0, points=(0, 0, 10, 0, 10, 10, 0, 10),
        ...              holes=((3, 3, 7, 3, 7, 7, 3, 7),), district="Ring")
        >>> inner = Guide("polygon", 5, 5, points=(3, 3, 7, 3, 7, 7, 3, 7), district="Mitte")
        >>> lay = Layout("stadtplan", {}, [inner, ring])
        >>> lay.district_at(1, 1), lay.district_at(5, 5), lay.district_at(20, 5)
        ('Ring', 'Mitte', None)
        """
        for guide in reversed(self.guides):
            if guide.kind == "polygon" and guide.district and _inside(
                    (x, y), [_pairs(guide.points), *map(_pairs, guide.holes)]):
                return guide.district
        return None


def compute_layout(m: NetworkMap, name: str = "netz", *, seed: int = 7,
                   district_shapes: Sequence[DistrictShape] | None = None,
                   need_indicator: str | None = None,
                   findings: Iterable[Finding] | None = None) -> Layout:
    """Deterministic positions for every node of ``m`` in one of the four layouts.

    Parameters
    ----------
    m : NetworkMap
        The map.
    name : {"netz", "kette", "kreis", "stadtplan"}
        Which layout (see module docstring).
    seed : int
        Seed of the force-directed layout; the others use no randomness.
    district_shapes : sequence of DistrictShape, optional
        ``stadtplan``: the areas of the Sozialräume
        (:func:`netzkarte.io.geojson.read_district_shapes`); without them each Sozialraum
        is the convex hull around its points.
    need_indicator : str, optional
        ``stadtplan``: the column of the district table that shades the areas (default as
        :func:`netzkarte.districts.need_column`).
    findings : iterable of Finding, optional
        ``stadtplan``: the Sozialräume named by its ``coverage_gap`` findings are outlined
        as gaps (the findings of the analysis result; none when omitted — the layout
        computes no analysis, the apps pass the result in).

    Returns
    -------
    Layout

    Raises
    ------
    OptionError
        For an unknown layout name (German message listing the four).
    GeoJSONError
        ``stadtplan``: areas are given but none matches a Sozialraum of the map, or the
        map has neither coordinates nor matching areas (German message).
    InputError
        ``stadtplan``: ``need_indicator`` is no column of the district table.

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
        "netz": _network_layout, "kette": _chain_layout, "kreis": _circle_layout,
        "stadtplan": lambda mm, _: _city_layout(mm, district_shapes, need_indicator,
                                                findings)}
    key = str(name).strip().casefold()
    if key not in builders:
        raise OptionError(f"Unbekanntes Layout {name!r}. Möglich sind: "
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
                positions: dict[str, tuple[float, float]],
                heading: str = "Ohne Verbindung",
                extent: Sequence[tuple[float, float]] = ()) -> list[Guide]:
    """Place unconnected nodes in rows below the network (and below the points of
    ``extent``), by name, with a heading."""
    xs = [p[0] for p in positions.values()] + [p[0] for p in extent] or [0.0]
    ys = [p[1] for p in positions.values()] + [p[1] for p in extent] or [0.0]
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
                  text=f"{heading} ({len(alone)})", size=18.0)]


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
    # columns wider than rows: room for the phase heads (wrapped in four lines of 11 px,
    # 90 px wide on a 1366 pixel laptop for a town with every sector)
    xstep = max(step * 1.6, 280.0)
    positions: dict[str, tuple[float, float]] = {}
    for (cx, cy), members in cells.items():
        for k, node in enumerate(members):
            dx, dy = _sunflower(k, _CELL_SPACING)
            positions[node] = (round(cx * xstep + dx, 1), round(cy * step + dy, 1))

    guides: list[Guide] = []
    top = -0.7 * step
    bottom = (len(dense) - 0.4) * step
    font = xstep * 0.07
    # the heads fit their column (a gap between neighbours) and grow upwards from just
    # above the first row; the row labels fit the margin left of the first column
    head_span, head_y = 0.92 * xstep, top + 0.12 * step

    def head(x: float, text: str) -> Guide:
        return Guide("text", x, head_y, text=text, size=font, span=head_span, valign="bottom")

    for i, phase in enumerate(LIFE_PHASE_ORDER):
        guides.append(head(i * xstep, phase.label.replace(" (", "\n(")))
        if i:
            guides.append(Guide("line", (i - 0.5) * xstep, top + 40, x2=(i - 0.5) * xstep,
                                y2=bottom))
    if any(c == no_phase_col for c in col.values()):
        guides.append(head(no_phase_col * xstep, "ohne Lebensphase"))
        guides.append(Guide("line", -0.5 * xstep, top + 40, x2=-0.5 * xstep, y2=bottom))
    # the row labels right-aligned well left of the first column: its nodes' names need room
    left = (min(min(col.values(), default=0.0), 0.0) - 0.6) * xstep
    for r, i in dense.items():
        label = sectors[r].label if r < len(sectors) else "ohne Handlungsfeld"
        guides.append(Guide("text", left, i * step, text=label, align="right", size=font,
                            span=0.9 * xstep))
    return Layout("kette", positions, guides)


_BREAKS: dict[str, str] = {
    word.replace("\u00ad", ""): word for word in (
        "Schwanger\u00adschaft", "weiter\u00adfüh\u00adrende", "Grund\u00adschule",
        "Über\u00adgang", "Lebens\u00adphase", "Jugend\u00adhilfe", "Bil\u00addung",
        "Gesund\u00adheit", "Sozi\u00adales", "Aus\u00adbil\u00addung", "Frei\u00adzeit",
        "Inte\u00adgration", "Stadt\u00adent\u00adwick\u00adlung",
        "Verwal\u00adtungs\u00adspitze", "Zivil\u00adgesell\u00adschaft",
        "Hand\u00adlungs\u00adfeld")}
"""Where the long words of the chain's heads and row labels may break (soft hyphens):
narrow columns (a laptop at 1366 pixels) wrap them there instead of cutting them."""


def _breakable(text: str) -> str:
    """``text`` with soft hyphens in its long words (:data:`_BREAKS`).

    >>> _breakable("Schwangerschaft und Geburt") == "Schwanger\u00adschaft und Geburt"
    True
    """
    out: list[str] = []
    word = ""
    for ch in text + " ":
        if ch.isalpha():
            word += ch
            continue
        out += [_BREAKS.get(word, word), ch]
        word = ""
    return "".join(out)[:-1]


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


# --- stadtplan --------------------------------------------------------------------------------

NO_COORDINATES = ("Die Stadtplan-Ansicht braucht Koordinaten: Kein Eintrag hat Breitengrad und "
                  "Längengrad, und keine Flächendatei (--sozialraeume) passt. Tragen Sie "
                  "Breitengrad und Längengrad der Einrichtungen ein (z. B. 51,4512 und "
                  "7,2154) oder wählen Sie ein anderes Layout.")
"""German message when the Stadtplan has nothing to place (the CLI stops with it)."""
PX_PER_KM = 400.0
"""Scale of the Stadtplan: pixels per kilometre (the 1.5 km reach is a circle of 600 px)."""
_EARTH_KM = 6371.0088
_NEED_FILLS = ("#F2F2F2", "#D9D9D9", "#BDBDBD", "#9C9C9C")  # light → dark: more need
_NO_NEED_FILL = "#FFFFFF"
_AREA_STROKE = "#6E6E6E"
_GAP_COLOUR = "#D40000"
_GAP_HATCH = "rgba(212,0,0,0.5)"
_SERVICE_COLOURS = ("#007A5A", "#0059A0", "#7A4B00", "#6A1B9A")
_SPREAD = 24.0  # pixels between nodes that share a point
_HULL_PAD_KM = 0.12  # a Sozialraum's hull reaches this far beyond its outermost points


def _coordinate(data: Mapping[str, Any]) -> tuple[float, float] | None:
    try:
        lat, lon = float(data.get("lat")), float(data.get("lon"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def located_nodes(m: NetworkMap) -> dict[str, tuple[float, float]]:
    """Latitude and longitude per node that has them; an offer without them at its venue's.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", name="Kita", lat=51.46, lon=7.21)
    >>> m.add_node("O", "offer", name="Elterncafé", venue="K")
    >>> located_nodes(m)
    {'K': (51.46, 7.21), 'O': (51.46, 7.21)}
    """
    out: dict[str, tuple[float, float]] = {}
    for node, data in m.graph.nodes(data=True):
        point = _coordinate(data)
        if point is not None:
            out[node] = point
    for node, data in m.graph.nodes(data=True):
        venue = data.get("venue")
        if node not in out and data["type"] is NodeType.OFFER and venue in out:
            out[node] = out[venue]
    return out


class _Projection:
    """Equirectangular around (lat0, lon0): pixels, y downwards."""

    def __init__(self, lat0: float, lon0: float) -> None:
        self.lat0, self.lon0 = lat0, lon0
        self.kx = _EARTH_KM * math.cos(math.radians(lat0)) * math.pi / 180 * PX_PER_KM
        self.ky = _EARTH_KM * math.pi / 180 * PX_PER_KM

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.kx, -(lat - self.lat0) * self.ky


def _hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain), counter-clockwise, no repeated first point."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _padded_hull(points: Sequence[tuple[float, float]], pad: float
                 ) -> list[tuple[float, float]]:
    """The hull around discs of radius ``pad`` at the points (a single point: a disc)."""
    ring = [(x + pad * math.cos(a), y + pad * math.sin(a)) for x, y in points
            for a in (2 * math.pi * k / 16 for k in range(16))]
    return _hull(ring)


def _simplify(ring: Sequence[tuple[float, float]], tolerance: float
              ) -> list[tuple[float, float]]:
    """Douglas–Peucker without recursion: drops points closer than ``tolerance`` pixels to
    the line they sit on (shapes from the land registry have thousands of points)."""
    if len(ring) < 5:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-9
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x0, y0 = ring[i]
            dist = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm if norm > 1e-9 else \
                math.hypot(x0 - x1, y0 - y1)
            if dist > best:
                best, index = dist, i
        if index > 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    out = [p for p, k in zip(ring, keep, strict=True) if k]
    return out if len(out) >= 3 else list(ring)


def _signed_area(ring: Sequence[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
               in zip(ring, [*ring[1:], ring[0]], strict=True)) / 2


def _area_centre(ring: Sequence[tuple[float, float]],
                 holes: Sequence[Sequence[tuple[float, float]]] = ()
                 ) -> tuple[float, float, float]:
    """Area and centroid of a polygon with its holes subtracted (the mean of its outer
    points when it has no area). The centroid of a ring-shaped area lies in its hole: for
    a point inside the area see :func:`_inner_point`."""
    total = cx = cy = 0.0
    for k, part in enumerate([ring, *holes]):
        a = cxp = cyp = 0.0
        for (x0, y0), (x1, y1) in zip(part, [*part[1:], part[0]], strict=True):
            c = x0 * y1 - x1 * y0
            a += c
            cxp += (x0 + x1) * c
            cyp += (y0 + y1) * c
        if abs(a) < 1e-9:
            continue
        weight = abs(a) / 2 * (-1 if k else 1)
        total += weight
        cx += weight * cxp / (3 * a)
        cy += weight * cyp / (3 * a)
    if total < 1e-9:
        return 0.0, sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return total, cx / total, cy / total


def _inside(point: tuple[float, float], rings: Sequence[Sequence[tuple[float, float]]]
            ) -> bool:
    """Whether ``point`` lies inside the rings by the even-odd rule (outer ring and holes
    together: a point in a hole is outside), as the map fills them."""
    x, y = point
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _inner_point(ring: Sequence[tuple[float, float]],
                 holes: Sequence[Sequence[tuple[float, float]]] = ()
                 ) -> tuple[float, float]:
    """A point inside the area (outside its holes) for its label: the centroid if it lies
    inside, else the middle of the widest piece of horizontal scan lines through the area
    (the centroid of a ring-shaped district lies in its hole, that of a crescent outside)."""
    _, cx, cy = _area_centre(ring, holes)
    rings = [ring, *holes]
    if _inside((cx, cy), rings):
        return cx, cy
    y0, y1 = min(p[1] for p in ring), max(p[1] for p in ring)
    best = (-1.0, cx, cy)
    for y in (cy, *(y0 + (y1 - y0) * k / 12 for k in range(1, 12))):
        xs = sorted(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
                    for part in rings for a, b in zip(part, [*part[1:], part[0]], strict=True)
                    if (a[1] > y) != (b[1] > y))
        for left, right in zip(xs[::2], xs[1::2], strict=False):
            best = max(best, (right - left, (left + right) / 2, y))
    return best[1], best[2]


def _flat(ring: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    return tuple(v for point in ring for v in point)


def _pairs(flat: Sequence[float]) -> list[tuple[float, float]]:
    return list(zip(flat[::2], flat[1::2], strict=True))


def _need_classes(values: Mapping[str, float]) -> tuple[dict[str, int], list[str]]:
    """Class 0–3 per district (equal intervals from the lowest to the highest value) and
    the German range of each class."""
    from netzkarte.text import number

    if not values:
        return {}, []
    lo, hi = min(values.values()), max(values.values())
    if hi - lo < 1e-12:
        return dict.fromkeys(values, 1), ["", f"{number(lo, 1)}", "", ""]
    step = (hi - lo) / len(_NEED_FILLS)
    classes = {k: min(len(_NEED_FILLS) - 1, int((v - lo) / step)) for k, v in values.items()}
    ranges = [f"{number(lo + i * step, 1)} bis {number(lo + (i + 1) * step, 1)}"
              for i in range(len(_NEED_FILLS))]
    return classes, ranges


def _city_layout(m: NetworkMap, shapes: Sequence[DistrictShape] | None,
                 need_indicator: str | None, findings: Iterable[Finding] | None) -> Layout:
    import pandas as pd

    from netzkarte.io.geojson import GeoJSONError
    from netzkarte.text import number

    located = located_nodes(m)
    names = district_names(m)
    column = need_column(m, need_indicator)  # InputError for an unknown column
    shape_points = [(lat, lon) for shape in shapes or () for ring in shape.rings
                    for lon, lat in ring if fold(shape.name) in names]
    if shapes and not shape_points:
        raise GeoJSONError(
            "Keine Fläche der Flächendatei passt zu einem Sozialraum der Karte. In der Datei: "
            + ", ".join(f"„{s.name}“" for s in shapes[:8]) + (" …" if len(shapes) > 8 else "")
            + "; Sozialräume der Karte: "
            + (", ".join(f"„{n}“" for n in list(names.values())[:8]) or "keine")
            + ". Die Namen müssen übereinstimmen (Groß- und Kleinschreibung, Umlaute und "
            "Bindestriche spielen keine Rolle).")
    basis = list(located.values()) or shape_points
    positions: dict[str, tuple[float, float]] = {}
    if not basis:
        log.warning(NO_COORDINATES)
        strip = _park_strip(m, list(m.graph.nodes), positions, "Ohne Koordinaten")
        return Layout("stadtplan", positions, strip,
                      {"title": "Stadtplan", "items": [], "note": NO_COORDINATES})
    project = _Projection(sum(p[0] for p in basis) / len(basis),
                          sum(p[1] for p in basis) / len(basis))

    # nodes: at their point; several at one point on a small sunflower around it
    at_point: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    exact: dict[str, tuple[float, float]] = {}
    for node in sorted(located, key=lambda n: _sort_key(m, n)):
        x, y = project(*located[node])
        exact[node] = (x, y)
        at_point[(round(x / 6), round(y / 6))].append(node)
    for members in at_point.values():
        x, y = exact[members[0]]
        for k, node in enumerate(members):
            dx, dy = _sunflower(k, _SPREAD)
            positions[node] = (round(x + dx, 1), round(y + dy, 1))

    # Sozialräume: the file's areas (outer ring and holes), else the hull around their points
    areas: dict[str, list[tuple[list[tuple[float, float]], list[list[tuple[float, float]]]]]] = {}
    unmatched: list[str] = []

    def outline(ring: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        projected = [project(lat, lon) for lon, lat in ring]
        if len(projected) > 3 and projected[0] == projected[-1]:
            projected = projected[:-1]
        return _simplify(projected, 1.5)

    for shape in shapes or ():
        key = fold(shape.name)
        if key not in names:
            unmatched.append(shape.name)
            continue
        for polygon in shape.polygons:
            outer = outline(polygon.outer)
            # holes wound against the outer ring: filled as holes by either fill rule
            clockwise = _signed_area(outer) < 0
            holes = [hole if (_signed_area(hole) < 0) != clockwise else hole[::-1]
                     for hole in map(outline, polygon.holes) if abs(_signed_area(hole)) > 1]
            areas.setdefault(key, []).append((outer, holes))
    if unmatched:
        log.warning("Flächen ohne passenden Sozialraum in der Karte (übergangen): %s",
                    ", ".join(f"„{n}“" for n in unmatched[:10]))
    from_file = set(areas)
    points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    for node in located:
        data = m.graph.nodes[node]
        district = (offer_district(m, node) if data["type"] is NodeType.OFFER
                    else data.get("district"))
        if district and fold(district) in names:
            points[fold(district)].append(exact[node])
    for key, pts in points.items():
        if key not in areas:
            areas[key] = [(_padded_hull(pts, _HULL_PAD_KM * PX_PER_KM), [])]
    if shapes:
        hulls = [names[k] for k in areas if k not in from_file]
        if hulls:
            log.warning("Ohne Fläche in der Datei, als Hülle um ihre Einrichtungen gezeichnet: "
                        "%s", ", ".join(hulls))

    # need and gaps
    values: dict[str, float] = {}
    if column is not None:
        for district, value in pd.to_numeric(m.districts[column], errors="coerce").items():
            if pd.notna(value) and fold(district) in names:
                values[fold(district)] = float(value)
    classes, ranges = _need_classes(values)
    gaps: defaultdict[str, int] = defaultdict(int)
    for f in findings or ():
        if f.kind == "coverage_gap" and f.district:
            gaps[fold(f.district)] += 1

    guides: list[Guide] = []
    labels: list[Guide] = []
    extent: list[tuple[float, float]] = []
    for key in sorted(areas, key=lambda k: names[k]):
        gap = gaps.get(key, 0)
        fill = (_NEED_FILLS[classes[key]] if key in classes else
                _NO_NEED_FILL if values else _NEED_FILLS[0])
        best: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        for ring, holes in areas[key]:
            extent += ring
            area = _area_centre(ring, holes)[0]
            cx, cy = _inner_point(ring, holes)
            guides.append(Guide("polygon", cx, cy, points=_flat(ring),
                                holes=tuple(map(_flat, holes)), fill=fill,
                                stroke=_GAP_COLOUR if gap else _AREA_STROKE,
                                width=3.0 if gap else 1.2, hatch=_GAP_HATCH if gap else "",
                                district=names[key]))
            best = max(best, (area, cx, cy, min(p[1] for p in ring)))
        # the name sits on the upper edge of the (largest) area: the nodes inside stay free
        text = names[key] + (f" – {gap} Versorgungslücke{'n' if gap != 1 else ''}" if gap
                             else "")
        labels.append(Guide("text", best[1], best[3] - 18, text=text, size=26.0,
                            colour=_GAP_COLOUR if gap else "#333333"))
    radius = REACH_KM * PX_PER_KM
    legend_items: list[dict[str, Any]] = []
    if values:
        legend_items += [{"kind": "fill", "colour": _NEED_FILLS[i], "label": ranges[i]}
                         for i in range(len(_NEED_FILLS)) if ranges[i]]
        if any(k not in values for k in areas):
            legend_items.append({"kind": "fill", "colour": _NO_NEED_FILL, "label": "ohne Wert"})
    if gaps:
        legend_items.append({"kind": "hatch", "colour": _GAP_COLOUR,
                             "label": "rot umrandet und schraffiert: Versorgungslücke "
                                      "(Befund im Sozialraum)"})
    for i, service in enumerate(REACH_SERVICES):
        colour = _SERVICE_COLOURS[i % len(_SERVICE_COLOURS)]
        found = False
        for node in sorted(positions):
            data = m.graph.nodes[node]
            if data["type"] is not NodeType.ACTOR or data.get("form") is ActorForm.PERSON \
                    or m.classify(node).label != service:
                continue
            x, y = exact[node]
            found = True
            extent += [(x - radius, y - radius), (x + radius, y + radius)]
            guides.append(Guide("circle", x, y, r=radius, stroke=colour, width=1.5,
                                dash=(7.0, 5.0), fill=_rgba(colour, 0.05)))
        if found:
            legend_items.append({"kind": "circle", "colour": colour,
                                 "label": f"{service}: Umkreis {number(REACH_KM, 1)} km "
                                          "(fußläufig, wie in der Analyse)"})
    guides += labels
    extent += list(positions.values())
    if extent:
        guides += _scale_bar(extent)
        extent.append((min(p[0] for p in extent), max(p[1] for p in extent) + 140))
    alone = [n for n in m.graph.nodes if n not in positions]
    if alone:
        guides += _park_strip(m, alone, positions, "Ohne Koordinaten", extent)
    no_area = [names[k] for k in names if k not in areas]
    title = (f"Sozialräume nach Bedarf: {column} (dunkler = höher)" if values else
             "Sozialräume (ohne Bedarfsindikator im Blatt Sozialräume)")
    legend = {"title": title, "items": legend_items,
              "note": ("Ohne Fläche (keine Koordinaten): " + ", ".join(no_area)
                       if no_area else "")}
    log.info("Stadtplan: %d Knoten mit Lage, %d ohne; %d Sozialräume als Fläche (%d aus der "
             "Datei)", len(positions), len(alone), len(areas), len(from_file))
    return Layout("stadtplan", positions, guides, legend)


def _rgba(colour: str, alpha: float) -> str:
    value = int(colour.lstrip("#"), 16)
    return f"rgba({value >> 16 & 255},{value >> 8 & 255},{value & 255},{alpha})"


def _scale_bar(extent: Sequence[tuple[float, float]]) -> list[Guide]:
    """A scale bar below the left of the drawing: a round length near a fifth of its width."""
    x0 = min(p[0] for p in extent)
    x1 = max(p[0] for p in extent)
    y = max(p[1] for p in extent) + 70
    wanted = (x1 - x0) / 5 / PX_PER_KM
    km = min((0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0),
             key=lambda v: abs(math.log(v / max(wanted, 1e-6))))
    length = km * PX_PER_KM
    text = f"{int(km * 1000)} m" if km < 1 else f"{km:g} km"
    return [Guide("line", x0, y, x2=x0 + length, y2=y, stroke="#333333", width=3.0),
            Guide("line", x0, y - 12, x2=x0, y2=y + 12, stroke="#333333", width=2.0),
            Guide("line", x0 + length, y - 12, x2=x0 + length, y2=y + 12, stroke="#333333",
                  width=2.0),
            Guide("text", x0 + length + 14, y, text=text, align="left", size=22.0,
                  colour="#333333")]
