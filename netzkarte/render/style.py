"""One visual language for every renderer: shapes, colours, edge styles, badges, legend.

The interactive map (vis-network) and the static figures (matplotlib) take everything they
draw from the tables in this module, so a Kita looks the same on the screen at the meeting
and in the printed report.

* **Shape per node type** — Akteur ●, Amt ■, Gremium ◆, Angebot ▲ (vis shape and
  matplotlib marker side by side); persons are drawn with a dashed border.
* **Colour per sector** — eleven colour-blind safe colours (Okabe & Ito 2008 plus Paul Tol's
  muted scheme), pairwise at least ΔE2000 ≈ 16 apart; grey for "no sector".
* **Size by a metric** — degree by default, any numeric column on request (:func:`node_sizes`).
* **Edge style per kind** — membership thin, cooperation wider with strength, referral with
  arrows, reporting dashed, belonging dotted and light …
* **Badges for roles** — a letter per role appended to the label (``"Frau Kurz [F·K]"``).

Examples
--------
>>> SECTOR_COLOURS[Sector.HEALTH]
'#009E73'
>>> NODE_STYLES[NodeType.COMMITTEE].vis_shape, NODE_STYLES[NodeType.COMMITTEE].mpl_marker
('diamond', 'D')
>>> edge_width(EdgeKind.COOPERATION, Strength.INTEGRATION)
5.0
>>> badge_text([Role.COORDINATOR, Role.EXPERT_PROMOTER])
'F·K'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netzkarte.vocab import (
    EdgeKind,
    NodeType,
    Role,
    Sector,
    Strength,
)

__all__ = [
    "BADGES",
    "COORDINATOR_BORDER",
    "EDGE_STYLES",
    "FONT_FAMILY",
    "MAP_SEVERITY_BORDERS",
    "NODE_STYLES",
    "NO_SECTOR_COLOUR",
    "PERSON_BORDER_DASHES",
    "SECTOR_COLOURS",
    "SEVERITY_COLOURS",
    "SIZE_RANGE",
    "STATUS_COLOURS",
    "STATUS_SYMBOLS",
    "EdgeStyle",
    "NodeStyle",
    "badge_text",
    "delta_e2000",
    "edge_width",
    "hex_to_lab",
    "legend",
    "node_sizes",
    "sector_colour",
]

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
"""Font stack of every renderer (no web font: the map works offline)."""


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How one node type is drawn: vis-network shape, matplotlib marker, German name."""

    vis_shape: str
    mpl_marker: str
    symbol: str  # for text legends
    label: str


NODE_STYLES: dict[NodeType, NodeStyle] = {
    NodeType.ACTOR: NodeStyle("dot", "o", "●", NodeType.ACTOR.label),
    NodeType.OFFICE: NodeStyle("square", "s", "■", NodeType.OFFICE.label),
    NodeType.COMMITTEE: NodeStyle("diamond", "D", "◆", NodeType.COMMITTEE.label),
    NodeType.OFFER: NodeStyle("triangle", "^", "▲", NodeType.OFFER.label),
}
"""Shape per node type."""

PERSON_BORDER_DASHES: tuple[int, int] = (3, 2)
"""Persons (actors of form Person) get a dashed border in the same shape as other actors."""

SECTOR_COLOURS: dict[Sector, str] = {
    Sector.YOUTH_WELFARE: "#E69F00",   # Okabe-Ito orange
    Sector.EDUCATION: "#0072B2",       # Okabe-Ito blue
    Sector.HEALTH: "#009E73",          # Okabe-Ito bluish green
    Sector.SOCIAL: "#D55E00",          # Okabe-Ito vermillion
    Sector.WORK: "#882255",            # Tol muted wine
    Sector.CULTURE_SPORT: "#F0E442",   # Okabe-Ito yellow
    Sector.INTEGRATION: "#CC79A7",     # Okabe-Ito reddish purple
    Sector.URBAN: "#999933",           # Tol muted olive
    Sector.POLICE_JUSTICE: "#56B4E9",  # Okabe-Ito sky blue
    Sector.POLITICS: "#332288",        # Tol muted indigo
    Sector.CIVIL_SOCIETY: "#117733",   # Tol muted green
}
"""Colour per sector: Okabe & Ito (2008) and Paul Tol's muted scheme, colour-blind safe."""

NO_SECTOR_COLOUR = "#BBBBBB"
"""Nodes without a sector (Tol's pale grey)."""


def sector_colour(sector: Sector | str | None) -> str:
    """Hex colour of a sector (code, label or member); grey when unknown or empty.

    >>> sector_colour("Gesundheit"), sector_colour(None)
    ('#009E73', '#BBBBBB')
    """
    parsed = Sector.parse(sector) if sector else None
    return SECTOR_COLOURS[parsed] if parsed is not None else NO_SECTOR_COLOUR


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How one edge kind is drawn.

    ``dashes`` is the on/off pattern in pixels (empty = solid), usable as vis-network
    ``dashes`` and as a matplotlib ``linestyle=(0, dashes)``.
    """

    colour: str
    width: float
    dashes: tuple[int, ...] = ()
    arrows: bool = False
    opacity: float = 1.0
    label: str = ""

    @property
    def mpl_linestyle(self) -> str | tuple[int, tuple[int, ...]]:
        """The matplotlib ``linestyle`` for this pattern."""
        return (0, self.dashes) if self.dashes else "solid"


EDGE_STYLES: dict[EdgeKind, EdgeStyle] = {
    EdgeKind.MEMBER: EdgeStyle("#8C8C8C", 0.8, (), False, 0.55, EdgeKind.MEMBER.label),
    EdgeKind.COOPERATION: EdgeStyle("#3B3B3B", 1.5, (), False, 0.9,
                                    EdgeKind.COOPERATION.label),
    EdgeKind.REFERRAL: EdgeStyle("#A6501A", 1.5, (), True, 0.9, EdgeKind.REFERRAL.label),
    EdgeKind.PROVIDES: EdgeStyle("#5A5A5A", 1.2, (), True, 0.75, EdgeKind.PROVIDES.label),
    EdgeKind.BELONGS_TO: EdgeStyle("#B0B0B0", 1.0, (2, 4), False, 0.7,
                                   EdgeKind.BELONGS_TO.label),
    EdgeKind.REPORTS_TO: EdgeStyle("#332288", 1.5, (8, 5), True, 0.85,
                                   EdgeKind.REPORTS_TO.label),
    EdgeKind.CONTRACT: EdgeStyle("#117733", 2.5, (12, 3, 2, 3), False, 0.9,
                                 EdgeKind.CONTRACT.label),
    EdgeKind.FUNDS: EdgeStyle("#999933", 1.2, (4, 3), True, 0.8, EdgeKind.FUNDS.label),
}
"""Style per edge kind."""

_STRENGTH_WIDTH: dict[Strength, float] = {Strength.EXCHANGE: 1.0, Strength.COOPERATION: 2.0,
                                          Strength.COORDINATION: 3.5,
                                          Strength.INTEGRATION: 5.0}


def edge_width(kind: EdgeKind, strength: Strength | int | None = None) -> float:
    """Line width of an edge: cooperation grows with its strength (1 → 1 px, 4 → 5 px).

    >>> edge_width(EdgeKind.MEMBER), edge_width(EdgeKind.COOPERATION, 2)
    (0.8, 2.0)
    """
    if kind is EdgeKind.COOPERATION and strength is not None:
        return _STRENGTH_WIDTH[Strength(int(strength))]
    return EDGE_STYLES[kind].width


BADGES: dict[Role, str] = {
    Role.POWER_PROMOTER: "M",
    Role.EXPERT_PROMOTER: "F",
    Role.PROCESS_PROMOTER: "P",
    Role.RELATIONSHIP_PROMOTER: "B",
    Role.COORDINATOR: "K",
    Role.GUIDE: "L",
    Role.KEY_PERSON: "D",
}
"""Badge letter per role (the first letter of the German label, unique)."""

COORDINATOR_BORDER = "#000000"
"""Border colour of nodes carrying the coordination role (where the threads come together)."""

SIZE_RANGE: tuple[float, float] = (8.0, 30.0)
"""Smallest and largest node size in vis pixels."""

STATUS_COLOURS: dict[str, str] = {"fail": "#A50026", "pass": "#5AAE61", "warn": "#FDD835",
                                  "unknown": "#FFFFFF"}
"""Colour per quality-check status; lightness 34 / 64 / 87 / 100 (L*), so they stay apart
in grey. The figures and the report's table use the same colours."""

STATUS_SYMBOLS: dict[str, str] = {"pass": "✓", "warn": "!", "fail": "✗", "unknown": "?"}
"""A symbol per status, printed beside the German label (colour is never the only cue)."""

SEVERITY_COLOURS: dict[str, str] = {"high": "#A50026", "medium": "#E66101", "low": "#F4A582",
                                    "info": "#FFFFFF"}
"""Colour per finding severity in figures and the report: a dark-to-light ramp, L* 34 / 58
/ 75 / 100 (the badge text names the severity)."""

MAP_SEVERITY_BORDERS: dict[str, str] = {"high": "#D40000", "medium": "#E69F00",
                                        "low": "#56B4E9"}
"""Left-border colour of a finding in the interactive map's findings panel, per severity
(``info`` keeps the panel's grey border). Differs from :data:`SEVERITY_COLOURS`; the map
gets it through its page payload (``style.severityBorders``)."""


def badge_text(roles: Iterable[Role | str]) -> str:
    """Badge letters for a node's roles, in the order of :data:`BADGES`, joined by ``·``.

    >>> badge_text(["Lotse", "Machtpromotor"])
    'M·L'
    """
    parsed = {Role.parse(r) for r in roles}
    return "·".join(letter for role, letter in BADGES.items() if role in parsed)


def node_sizes(values: Mapping[str, float | int | None], *,
               size_range: tuple[float, float] = SIZE_RANGE) -> dict[str, float]:
    """Map a metric to node sizes by square root (area grows linearly with the value).

    Missing, negative or non-finite values get the smallest size; equal values the middle.

    >>> node_sizes({"a": 0, "b": 4, "c": 16})
    {'a': 8.0, 'b': 19.0, 'c': 30.0}
    """
    low, high = size_range
    clean: dict[str, float] = {}
    for key, value in values.items():
        try:
            number = float(value) if value is not None else math.nan
        except (TypeError, ValueError):
            number = math.nan
        clean[key] = math.sqrt(number) if math.isfinite(number) and number >= 0 else math.nan
    finite = [v for v in clean.values() if not math.isnan(v)]
    if not finite:
        return dict.fromkeys(clean, low)
    vmin, vmax = min(finite), max(finite)
    out: dict[str, float] = {}
    for key, root in clean.items():
        if math.isnan(root):
            out[key] = low
        elif vmax == vmin:
            out[key] = round((low + high) / 2, 2)
        else:
            out[key] = round(low + (high - low) * (root - vmin) / (vmax - vmin), 2)
    return out


# --- colour science (for the distinctness guarantee) ----------------------------------------


def hex_to_lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB hex colour.

    >>> [round(c) for c in hex_to_lab("#FFFFFF")]
    [100, 0, 0]
    """
    h = colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: Sequence[float], lab2: Sequence[float]) -> float:
    """CIEDE2000 colour difference of two L*a*b* colours.

    Notes
    -----
    Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation
    notes, supplementary test data, and mathematical observations". About 2 is a just
    noticeable difference; colours for categories should be 10 or more apart.

    >>> round(delta_e2000((50, 2.6772, -79.7751), (50, 0, -82.7485)), 4)
    2.0425
    """
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p - h1p > 180 else h2p - h1p + 360
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6))
         - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (big_dh / s_h) ** 2
                     + r_t * (dc / s_c) * (big_dh / s_h))


# --- legend ---------------------------------------------------------------------------------


def legend(*, node_types: Iterable[NodeType] | None = None,
           sectors: Iterable[Sector] | None = None,
           edge_kinds: Iterable[EdgeKind] | None = None,
           roles: Iterable[Role] | None = None, size_label: str = "Anzahl Verbindungen",
           with_person: bool = True) -> dict[str, Any]:
    """The German legend as plain data, in display order (every renderer draws it).

    Pass the values present in a map to list only those; ``None`` lists everything.

    >>> lg = legend(sectors=[Sector.HEALTH], edge_kinds=[], roles=[])
    >>> lg["sectors"]
    [{'code': 'health', 'label': 'Gesundheit', 'colour': '#009E73'}]
    >>> lg["title_sectors"], lg["size"]
    ('Handlungsfeld (Farbe)', 'Größe: Anzahl Verbindungen')
    """
    types = list(NodeType) if node_types is None else [t for t in NodeType if t in
                                                        set(node_types)]
    secs = list(Sector) if sectors is None else [s for s in Sector if s in set(sectors)]
    kinds = list(EdgeKind) if edge_kinds is None else [k for k in EdgeKind if k in
                                                       set(edge_kinds)]
    role_set = list(Role) if roles is None else [r for r in Role if r in set(roles)]
    shapes = [{"code": t.value, "label": NODE_STYLES[t].label, "shape": NODE_STYLES[t].vis_shape,
               "symbol": NODE_STYLES[t].symbol} for t in types]
    if with_person and NodeType.ACTOR in types:
        shapes.append({"code": "person", "label": "Person (gestrichelter Rand)",
                       "shape": "dot", "symbol": "◌"})
    return {
        "title_types": "Knotentyp (Form)",
        "types": shapes,
        "title_sectors": "Handlungsfeld (Farbe)",
        "sectors": [{"code": s.value, "label": s.label, "colour": SECTOR_COLOURS[s]}
                    for s in secs],
        "no_sector": {"label": "ohne Handlungsfeld", "colour": NO_SECTOR_COLOUR},
        "title_edges": "Beziehung (Linie)",
        "edges": [{"code": k.value, "label": _edge_legend_label(k),
                   "colour": EDGE_STYLES[k].colour, "width": EDGE_STYLES[k].width,
                   "dashes": list(EDGE_STYLES[k].dashes), "arrows": EDGE_STYLES[k].arrows}
                  for k in kinds],
        "title_roles": "Rollen (Kürzel am Namen)",
        "roles": [{"code": r.value, "label": r.label, "badge": BADGES[r]} for r in role_set],
        "size": f"Größe: {size_label}",
    }


def _edge_legend_label(kind: EdgeKind) -> str:
    label = kind.label
    if kind is EdgeKind.COOPERATION:
        return f"{label} (breiter = stärker, 1–4)"
    return label

