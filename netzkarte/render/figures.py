"""Static figures for the meeting report and for Jupyter (matplotlib).

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot — nothing is
shown, saved or kept in a global figure list, so the functions are safe under the ``Agg``
backend, in threads and in notebooks (where a returned figure displays itself). Shapes per
node type and colours per sector come from :mod:`netzkarte.render.style`, the table the
interactive map uses too. Titles and labels are German. Every figure stays readable when
printed in grey: statuses and link states differ in lightness *and* carry text or hatching,
heat maps use one-hue scales that grow darker with the value and print their numbers.

matplotlib is imported inside the functions, never at module import (the CLI starts fast).

Figures: :func:`overview_figure`, :func:`coverage_heatmap`, :func:`transition_chart`,
:func:`overlap_matrix`, :func:`centrality_bars`, :func:`brokerage_bars`,
:func:`quality_traffic_light`; for embedding: :func:`figure_to_svg`, :func:`svg_for_html`,
:func:`figure_to_png_data_uri`.

Printed on A4 every figure keeps its text at 7 pt or more and nothing is cut off: the
figures are at most :data:`PRINT_WIDTH` inches wide (the text column of an A4 page), so the
report prints them at their natural size or larger; no text is smaller than
:data:`MIN_FONT_PT`; and :func:`figure_to_svg` saves the tight bounding box, which takes in
every text that reaches beyond the axes.

Examples
--------
>>> from netzkarte import NetworkMap, analyze
>>> m = NetworkMap("Kindertal")
>>> m.add_node("K", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
>>> fig = coverage_heatmap(analyze(m, progress=False))
>>> fig.axes[0].get_title()
'Angebote je Sozialraum und Lebensphase'
>>> figure_to_svg(fig) == figure_to_svg(fig)
True
"""

from __future__ import annotations

import base64
import io
import math
import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from netzkarte.errors import OptionError
from netzkarte.model import NetworkMap
from netzkarte.render import style
from netzkarte.results import (
    BROKERAGE_ROLES,
    STATUS_LABELS,
    AnalysisResult,
    Finding,
    QualityCheck,
    role_label,
)
from netzkarte.text import number
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    ActorForm,
    EdgeKind,
    NodeType,
    Role,
    Sector,
    Transition,
    is_steering_body,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "MIN_FONT_PT",
    "PRINT_WIDTH",
    "brokerage_bars",
    "centrality_bars",
    "coverage_heatmap",
    "figure_to_png_data_uri",
    "figure_to_svg",
    "overlap_matrix",
    "overview_figure",
    "quality_traffic_light",
    "svg_for_html",
    "transition_chart",
]

_TEXT_ON = {"#A50026": "#FFFFFF", "#E66101": "#000000"}  # white text on the dark fills
_GREY_TEXT = "#555555"
_FONTS = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"]
PRINT_WIDTH = 7.0
"""Widest figure, in inches: the text column of an A4 page (182 mm = 7.17 in) with a little
room. The report shows figures at the column's width, so printed they never shrink."""
MIN_FONT_PT = 7.2
"""Smallest text of any figure, in points (the printed size, see :data:`PRINT_WIDTH`)."""
_RC: Any = {  # Any: matplotlib types the keys as a Literal of every rcParam
    "font.family": "sans-serif", "font.sans-serif": _FONTS, "font.size": 8.5,
    "axes.titlesize": 10, "axes.titleweight": "bold",
    "axes.labelsize": 8.5, "axes.edgecolor": "#666666", "axes.spines.top": False,
    "axes.spines.right": False, "xtick.labelsize": 8, "ytick.labelsize": 8,
    "legend.fontsize": 7.5, "legend.title_fontsize": 8, "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "netzkarte", "svg.fonttype": "none",
}


# --- shared helpers -------------------------------------------------------------------------


@contextmanager
def _styled() -> Iterator[None]:
    """The house style for everything created inside (fonts are fixed at creation)."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        yield


def _figure(width: float, height: float) -> Figure:
    """A figure of at most :data:`PRINT_WIDTH` inches (a wider request keeps its shape)."""
    from matplotlib.figure import Figure

    if width > PRINT_WIDTH:
        height, width = height * PRINT_WIDTH / width, PRINT_WIDTH
    return Figure(figsize=(width, height), layout="constrained")


def _done(fig: Figure) -> Figure:
    """Run the constrained layout once and freeze it.

    The layout solver starts from the current positions, so a second draw would move
    things by a hair and the SVG would differ between two saves; frozen, every save of the
    figure is the same.
    """
    for ax in fig.axes:
        ax.title.set_wrap(True)  # a title wider than the figure breaks into lines
    with _styled():
        fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def _css_colour(colour: str) -> Any:
    """A colour of the layout's guides for matplotlib (``rgba(r,g,b,a)`` → a tuple)."""
    if colour.startswith("rgba("):
        r, g, b, a = (float(v) for v in colour[5:-1].split(","))
        return (r / 255, g / 255, b / 255, a)
    return colour


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrap(text: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _place_labels(fig: Figure, labels: Sequence[Any], gap: float) -> int:
    """Move every name (annotations, most important first) to the first side of its point
    where it covers no name placed before it — below, above, right, left, ``gap`` points
    away — and remove the ones that find no room; returns how many were removed.

    Call on a laid-out figure (after :func:`_done`): the figure does not move any more.
    """
    renderer = fig._get_renderer()  # type: ignore[attr-defined]
    spots = (((0.0, -gap), "center", "top"), ((0.0, gap), "center", "bottom"),
             ((gap, 0.0), "left", "center"), ((-gap, 0.0), "right", "center"))
    kept: list[Any] = []
    removed = 0
    for text in labels:
        for offset, ha, va in spots:
            text.xyann = offset
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in kept):
                kept.append(box)
                break
        else:
            text.remove()
            removed += 1
    return removed


def _names(m: NetworkMap, anonymous: bool) -> dict[str, str]:
    """Display name per node; persons as category and organisation when ``anonymous``."""
    from netzkarte.render.privacy import anonymous_names

    names = {n: m.name(n) for n in m.graph.nodes}
    if anonymous:
        names.update(anonymous_names(m))
    return names


def _empty(ax: Axes, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes,
            color=_GREY_TEXT, wrap=True)


def _sector_handles(sectors: Sequence[Sector | None]) -> list[Any]:
    from matplotlib.patches import Patch

    out = []
    for sector in Sector:
        if sector in sectors:
            out.append(Patch(facecolor=style.SECTOR_COLOURS[sector], edgecolor="#333333",
                             linewidth=0.5, label=sector.label))
    if None in sectors:
        out.append(Patch(facecolor=style.NO_SECTOR_COLOUR, edgecolor="#333333",
                         linewidth=0.5, label="ohne Handlungsfeld"))
    return out


# --- overview -------------------------------------------------------------------------------


def overview_figure(m: NetworkMap, *, layout: str = "netz", anonymous: bool = False,
                    max_labels: int = 40, seed: int = 7,
                    findings: Iterable[Finding] | None = None) -> Figure:
    """Static overview of the whole map in one of the layouts of the interactive map.

    Parameters
    ----------
    m : NetworkMap
    layout : {"netz", "kette", "kreis", "stadtplan"}
        Positions from :func:`netzkarte.render.layouts.compute_layout` (the same picture as
        the interactive map in that layout).
    anonymous : bool
        Label persons by category and organisation instead of their name.
    max_labels : int
        On bigger maps only the Steuerungsgremien (Steuerungsebene a, or type
        Steuerungsgruppe or Lenkungskreis at any level) and the best connected nodes are
        labelled, up to this many.
    seed : int
        Seed of the force-directed layout.
    findings : iterable of Finding, optional
        ``stadtplan``: the Sozialräume their coverage gaps name are outlined (the findings
        of the analysis result; none when omitted).

    Returns
    -------
    matplotlib.figure.Figure
        One axes: edges styled by kind, nodes shaped by type and coloured by sector, sized
        by their number of ties; legend of the types and sectors present.

    Raises
    ------
    OptionError
        For an unknown layout (German message).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Ort")
    >>> m.add_node("K", "actor", name="Kita", category="Kita")
    >>> overview_figure(m, layout="kreis").axes[0].get_title()
    'Netzwerkkarte Ort – Kreis (Handlungsfelder × Steuerungsebenen)'
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, PathPatch
    from matplotlib.path import Path

    from netzkarte.render.layouts import LAYOUTS, compute_layout

    lay = compute_layout(m, layout, seed=seed, findings=findings)
    n = len(m)
    width, height = {"kette": (7.0, 5.4), "kreis": (7.0, 7.4)}.get(lay.name, (7.0, 6.4))
    with _styled():
        fig = _figure(width, height)
        ax = fig.add_subplot()
        place = m.meta.municipality or "(ohne Namen)"
        ax.set_title(f"Netzwerkkarte {place} – {LAYOUTS[lay.name]}")
        ax.set_axis_off()
        ax.set_aspect("equal")
        if n == 0:
            _empty(ax, "Die Karte enthält noch keine Knoten.")
            return _done(fig)
        for guide in lay.guides:
            edge = _css_colour(guide.stroke or "#D0D0D0")
            dashes = "--" if guide.dash else "-"
            if guide.kind == "circle":
                ax.add_patch(Circle((guide.x, guide.y), guide.r, fill=bool(guide.fill),
                                    facecolor=_css_colour(guide.fill or "none"),
                                    edgecolor=edge, linestyle=dashes,
                                    linewidth=0.8 * max(1.0, guide.width), zorder=0))
            elif guide.kind == "line":
                ax.plot([guide.x, guide.x2], [guide.y, guide.y2], color=edge,
                        linewidth=0.8 * max(1.0, guide.width), zorder=0)
            elif guide.kind == "polygon":
                # the outline and its holes as one path (holes wound the other way: open)
                rings = [list(zip(ring[::2], ring[1::2], strict=True))
                         for ring in (guide.points, *guide.holes)]
                area = Path.make_compound_path(*(Path([*r, r[0]], closed=True) for r in rings))
                ax.add_patch(PathPatch(area, facecolor=_css_colour(guide.fill or "none"),
                                       edgecolor=edge, linewidth=0.8 * max(1.0, guide.width),
                                       hatch="///" if guide.hatch else None, zorder=0))
                if guide.hatch:
                    ax.add_patch(PathPatch(area, fill=False, linewidth=0,
                                           edgecolor=_css_colour(guide.hatch), hatch="///",
                                           zorder=0))
            else:
                ax.text(guide.x, guide.y, guide.text, ha=guide.align, va="center",
                        fontsize=MIN_FONT_PT, color=_GREY_TEXT, zorder=0)
        pos = lay.positions
        shrink = min(1.0, math.sqrt(120 / n))
        for kind in EdgeKind:
            segments, widths = [], []
            for u, v, d in m.graph.edges(data=True):
                if d["kind"] is kind:
                    segments.append([pos[u], pos[v]])
                    widths.append(style.edge_width(kind, d.get("strength")) * 0.6 * shrink)
            if segments:
                st = style.EDGE_STYLES[kind]
                ax.add_collection(LineCollection(
                    segments, colors=st.colour, linewidths=widths, alpha=st.opacity * 0.8,
                    linestyles=[st.mpl_linestyle], zorder=1, label=st.label))
        degree = {node: float(d) for node, d in m.graph.degree()}
        sizes = style.node_sizes(degree)
        for ntype in NodeType:
            nodes = [x for x, d in m.graph.nodes(data=True) if d["type"] is ntype]
            if not nodes:
                continue
            data = [m.graph.nodes[x] for x in nodes]
            ax.scatter([pos[x][0] for x in nodes], [pos[x][1] for x in nodes],
                       s=[(sizes[x] * 0.75 * shrink) ** 2 for x in nodes],
                       marker=style.NODE_STYLES[ntype].mpl_marker,
                       c=[style.sector_colour(d.get("sector")) for d in data],
                       edgecolors=[style.COORDINATOR_BORDER
                                   if Role.COORDINATOR in (d.get("roles") or ()) else "#333333"
                                   for d in data],
                       linewidths=[1.4 if Role.COORDINATOR in (d.get("roles") or ()) else 0.5
                                   for d in data],
                       linestyles=["dashed" if d.get("form") is ActorForm.PERSON else "solid"
                                   for d in data],
                       zorder=2, label=style.NODE_STYLES[ntype].label)
        names = _names(m, anonymous)
        labels = []
        for node in _labelled(m, degree, max_labels):
            x, y = pos[node]
            labels.append(ax.annotate(_short(names[node], 28), (x, y),
                                      xytext=(0, -7 * shrink - 3), textcoords="offset points",
                                      ha="center", va="top", fontsize=MIN_FONT_PT,
                                      color="#222222", zorder=3))
        xs = [p[0] for p in pos.values()] + [g.x for g in lay.guides]
        ys = [p[1] for p in pos.values()] + [g.y for g in lay.guides]
        pad = 0.06 * max(max(xs) - min(xs), max(ys) - min(ys), 100.0)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(max(ys) + pad, min(ys) - pad)  # pixel coordinates: y grows downwards
        present_types = [t for t in NodeType if any(
            d["type"] is t for d in m.graph.nodes.values())]
        handles: list[Any] = [
            Line2D([], [], linestyle="none", marker=style.NODE_STYLES[t].mpl_marker,
                   markerfacecolor="#FFFFFF", markeredgecolor="#333333", markersize=7,
                   label=style.NODE_STYLES[t].label) for t in present_types]
        sectors = sorted({d.get("sector") for d in m.graph.nodes.values()},
                         key=lambda s: list(Sector).index(s) if s is not None else 99)
        handles += _sector_handles(sectors)
        fig.legend(handles=handles, loc="outside lower center",
                   ncols=min(3, max(1, len(handles))), title="Form: Knotentyp · Farbe: "
                   "Handlungsfeld · Größe: Anzahl Verbindungen", title_fontsize=8)
    _done(fig)
    _place_labels(fig, labels, 7 * shrink + 3)  # no name covers another
    return fig


def _labelled(m: NetworkMap, degree: Mapping[str, float], limit: int) -> list[str]:
    if len(m) <= limit:
        return list(m.graph.nodes)
    steering = [x for x, d in m.graph.nodes(data=True)
                if d["type"] is NodeType.COMMITTEE and is_steering_body(d)]
    rest = sorted((x for x in m.graph.nodes if x not in steering),
                  key=lambda x: (-degree[x], x))
    return (steering + rest)[:limit]


# --- coverage -------------------------------------------------------------------------------


def coverage_heatmap(result: AnalysisResult) -> Figure:
    """Offers per district and life phase, beside the district's need indicator.

    Parameters
    ----------
    result : AnalysisResult
        Its ``coverage`` table and ``need_column`` (the Sozialräume column the analysis
        used as need indicator).

    Returns
    -------
    matplotlib.figure.Figure
        Left: one cell per district × life phase, coloured by the running offers in the
        district (``offers`` of ``result.coverage``) and labelled with them, plus
        „+N“ for the town-wide ones that count for every district (``town_wide``), as the
        coverage analysis counts them. A cell with town-wide offers only is dotted, a cell
        with none at all (a coverage gap) hatched. Rows are sorted from the neediest
        district down. Right: the need indicator per district as bars (or a note that
        there is none).

    Examples
    --------
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap()
    >>> m.add_node("O", "offer", name="Elterncafé", category="Elterncafé", district="Nord")
    >>> coverage_heatmap(analyze(m, progress=False)).axes[0].images[0].get_array().shape
    (1, 6)
    """
    import numpy as np
    from matplotlib.patches import Rectangle

    table = result.coverage
    column = result.need_column
    districts = (list(dict.fromkeys(table.index.get_level_values("district")))
                 if len(table) else [])
    need = {d: float(table.loc[(d, LIFE_PHASE_ORDER[0].value), "need"]) for d in districts}
    districts.sort(key=lambda d: (math.isnan(need[d]), -need[d] if not math.isnan(need[d])
                                  else 0.0, d))
    with _styled():
        fig = _figure(PRINT_WIDTH, max(2.6, 1.3 + 0.4 * len(districts)))
        grid = fig.add_gridspec(1, 2, width_ratios=[5, 1.4])
        ax = fig.add_subplot(grid[0, 0])
        side = fig.add_subplot(grid[0, 1])
        ax.set_title("Angebote je Sozialraum und Lebensphase")
        side.set_title("Bedarf")
        if not districts:
            _empty(ax, "Die Karte nennt keine Sozialräume.")
            side.set_axis_off()
            return _done(fig)
        counts = np.array([[int(table.loc[(d, p.value), "offers"]) for p in LIFE_PHASE_ORDER]
                           for d in districts], dtype=float)
        wide = ([[int(table.loc[(d, p.value), "town_wide"]) for p in LIFE_PHASE_ORDER]
                 for d in districts] if "town_wide" in table.columns else
                [[0] * len(LIFE_PHASE_ORDER) for _ in districts])
        top = max(1.0, float(counts.max()))
        image = ax.imshow(counts, cmap="Blues", vmin=0, vmax=top * 1.15, aspect="auto")
        for i in range(len(districts)):
            for j in range(len(LIFE_PHASE_ORDER)):
                value, everywhere = int(counts[i, j]), wide[i][j]
                if value == 0:  # dotted: town-wide offers only; hatched: none at all
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False,
                                           hatch=".." if everywhere else "///",
                                           edgecolor="#999999", linewidth=0))
                label = f"{value} +{everywhere}" if everywhere else str(value)
                ax.text(j, i, label, ha="center", va="center", fontsize=8,
                        fontweight="bold" if value + everywhere == 0 else "normal",
                        color="#FFFFFF" if value > 0.6 * top else "#000000",
                        bbox=({"boxstyle": "square,pad=0.15", "facecolor": "#FFFFFF",
                               "edgecolor": "none"} if value == 0 else None))
        ax.set_xticks(range(len(LIFE_PHASE_ORDER)),
                      [p.label for p in LIFE_PHASE_ORDER], rotation=30, ha="right",
                      rotation_mode="anchor")
        ax.set_yticks(range(len(districts)), [_short(d, 24) for d in districts])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel("Lebensphase – Zahl: Angebote vor Ort, „+N“: dazu stadtweite\n"
                      "gepunktet: nur stadtweite; schraffiert: kein Angebot")
        fig.colorbar(image, ax=ax, shrink=0.8, label="Angebote vor Ort", pad=0.01,
                     fraction=0.05)
        values = [need[d] for d in districts]
        if column is None or all(math.isnan(v) for v in values):
            _empty(side, "kein Bedarfs-\nindikator im Blatt\nSozialräume")
        else:
            ys = list(range(len(districts)))
            side.barh(ys, [0.0 if math.isnan(v) else v for v in values], color="#777777",
                      edgecolor="#333333", linewidth=0.5, height=0.6)
            for y, v in zip(ys, values, strict=True):
                side.text(0, y, " " + number(v, 1), va="center",
                          ha="left", fontsize=MIN_FONT_PT,
                          color="#FFFFFF" if not math.isnan(v)
                          and v > 0.3 * max(x for x in values if not math.isnan(x))
                          else "#000000")
            side.set_ylim(len(districts) - 0.5, -0.5)
            side.set_yticks([])
            side.set_xlabel(_wrap(column, 16))
    return _done(fig)


# --- transitions ----------------------------------------------------------------------------


def _transition_rows(result: AnalysisResult) -> list[tuple[Transition, int, int, str]]:
    """Per transition: linked, unlinked institutions and a note (municipality-wide)."""
    if result.transitions:
        return [(Transition(r.transition), r.linked, r.unlinked, r.note)
                for r in result.transitions]
    # a result without its tables (built by hand): only what its findings say
    whole = {f.transition: f for f in result.by_kind("transition_gap") if f.district is None}
    rows = []
    for t in Transition:
        f = whole.get(t.value)
        if f is None:
            rows.append((t, 0, 0, "keine Lücke gemeldet"))
            continue
        evidence = f.typed_evidence("transition_gap")
        earlier = int(evidence.get("earlier_count") or 0)
        if not evidence.get("later_count"):
            rows.append((t, 0, earlier, "keine Partner der späteren Phase erfasst"))
            continue
        unlinked = len(evidence.get("unlinked") or ())
        note = "" if evidence.get("committees") else "kein gemeinsames Gremium"
        rows.append((t, earlier - unlinked, unlinked, note))
    return rows


def transition_chart(result: AnalysisResult) -> Figure:
    """Per transition: institutions of the earlier phase linked and not linked to the next.

    Parameters
    ----------
    result : AnalysisResult
        Its ``transitions`` rows (:func:`netzkarte.analyze` fills them). A result without
        them (built by hand) shows its transition gaps only; transitions without a finding
        show as "keine Lücke gemeldet" (their size is not known).

    Returns
    -------
    matplotlib.figure.Figure
        One stacked horizontal bar per transition (Kita → Grundschule …): linked
        (green, solid) and unlinked (dark red, hatched), with the counts written on them.

    Examples
    --------
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", name="Kita", category="Kita")
    >>> m.add_node("G", "actor", name="Grundschule", category="Grundschule")
    >>> ax = transition_chart(analyze(m, progress=False)).axes[0]
    >>> [round(p.get_width()) for p in ax.patches][2::5]  # Kita → Grundschule
    [0, 1]
    """
    rows = _transition_rows(result)
    labels = [t.label for t, *_ in rows]
    linked = [r[1] for r in rows]
    unlinked = [r[2] for r in rows]
    with _styled():
        fig = _figure(PRINT_WIDTH, 3.4)
        ax = fig.add_subplot()
        ax.set_title("Übergänge: Einrichtungen mit und ohne Verbindung zur nächsten Phase")
        ys = list(range(len(rows)))
        ax.barh(ys, linked, color=style.STATUS_COLOURS["pass"], edgecolor="#333333", linewidth=0.5,
                height=0.6, label="verbunden")
        ax.barh(ys, unlinked, left=linked, color=style.STATUS_COLOURS["fail"], edgecolor="#333333",
                linewidth=0.5, height=0.6, hatch="///", label="ohne Verbindung")
        top = max([a + b for a, b in zip(linked, unlinked, strict=True)] + [1])
        for y, (_, a, b, note) in zip(ys, rows, strict=True):
            if a:
                ax.text(a / 2, y, str(a), ha="center", va="center", fontsize=8)
            if b:
                ax.text(a + b / 2, y, str(b), ha="center", va="center", fontsize=8,
                        color="#FFFFFF", fontweight="bold",
                        bbox={"facecolor": style.STATUS_COLOURS["fail"], "edgecolor": "none",
                              "pad": 1})
            if note:
                ax.text(a + b + top * 0.02, y, _wrap(note, 24), va="center",
                        fontsize=MIN_FONT_PT, color=_GREY_TEXT)
        ax.set_yticks(ys, labels)
        ax.set_ylim(len(rows) - 0.5, -0.6)
        ax.set_xlim(0, top * 1.6)
        ax.set_xlabel("Einrichtungen der früheren Lebensphase (Gesamtkommune)")
        ax.legend(loc="lower right")
    return _done(fig)


# --- committees -----------------------------------------------------------------------------


def _cluster_order(distance: Any) -> list[int]:
    """Leaf order of average-linkage clustering (UPGMA) of a square distance matrix."""
    import numpy as np

    d = np.array(distance, dtype=float)
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(d))}
    active = list(clusters)
    while len(active) > 1:
        best: tuple[float, int, int] | None = None
        for x, p in enumerate(active):
            for q in active[x + 1:]:
                if best is None or d[p, q] < best[0] - 1e-12:
                    best = (float(d[p, q]), p, q)
        assert best is not None
        _, p, q = best
        sp, sq = len(clusters[p]), len(clusters[q])
        for k in active:
            if k not in (p, q):
                d[p, k] = d[k, p] = (sp * d[p, k] + sq * d[q, k]) / (sp + sq)
        clusters[p] = clusters[p] + clusters.pop(q)
        active.remove(q)
    return clusters[active[0]] if active else []


def overlap_matrix(m: NetworkMap, *, top: int = 30) -> Figure:
    """Membership overlap of the committees (Jaccard), ordered by clustering.

    Parameters
    ----------
    m : NetworkMap
    top : int
        On big maps only the committees that share the most members with others are shown,
        at most this many (a matrix of hundreds of rows cannot be read).

    Returns
    -------
    matplotlib.figure.Figure
        A square matrix: cell (i, j) is shared members / all members of the two committees
        (:meth:`NetworkMap.committee_graph`), rows and columns in the leaf order of an
        average-linkage clustering, so committees with similar membership sit together.
        The diagonal is left grey; values are printed up to 20 committees.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> for c in ("A", "B"):
    ...     m.add_node(c, "committee")
    >>> m.add_node("x", "actor"); _ = m.add_edge("x", "A", "member")
    >>> _ = m.add_edge("x", "B", "member")
    >>> overlap_matrix(m).axes[0].images[0].get_array().shape
    (2, 2)
    """
    import numpy as np

    graph = m.committee_graph()
    committees = m.node_ids(NodeType.COMMITTEE)
    if len(committees) > top:
        weight = {c: sum(d["jaccard"] for _, _, d in graph.edges(c, data=True))
                  for c in committees}
        committees = sorted(committees, key=lambda c: (-weight[c], -len(m.members(c)), c))[:top]
    k = len(committees)
    matrix = np.full((k, k), np.nan)
    for i, a in enumerate(committees):
        for j, b in enumerate(committees):
            if i != j:
                matrix[i, j] = graph[a][b]["jaccard"] if graph.has_edge(a, b) else 0.0
    order = _cluster_order(np.where(np.isnan(matrix), 0.0, 1.0 - matrix)) if k else []
    matrix = matrix[np.ix_(order, order)] if k else matrix
    ordered = [committees[i] for i in order]
    side = min(PRINT_WIDTH - 1.0, max(4.5, 2.5 + 0.2 * k))
    with _styled():
        import matplotlib

        fig = _figure(side + 1.0, side + 0.4)
        ax = fig.add_subplot()
        ax.set_title("Gemeinsame Mitglieder der Gremien")
        if k < 2:
            _empty(ax, "Weniger als zwei Gremien: keine Überschneidung darstellbar.")
            return _done(fig)
        cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#DDDDDD")
        image = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=0, vmax=1)
        names = [_short(m.name(c), 30) for c in ordered]
        ax.set_xticks(range(k), names, rotation=60, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(k), names)
        ax.tick_params(length=0, labelsize=8 if k <= 16 else MIN_FONT_PT)
        if k <= 16:
            for i in range(k):
                for j in range(k):
                    if i != j and matrix[i, j] > 0:
                        ax.text(j, i, number(matrix[i, j], 2).lstrip("0"), ha="center",
                                va="center", fontsize=MIN_FONT_PT,
                                color="#FFFFFF" if matrix[i, j] > 0.55 else "#000000")
        fig.colorbar(image, ax=ax, shrink=0.7, label="Anteil gemeinsamer Mitglieder\n"
                     "(0 = keine, 1 = dieselben)")
    return _done(fig)


# --- centrality and brokerage ---------------------------------------------------------------


def centrality_bars(m: NetworkMap, *, result: AnalysisResult, top: int = 15,
                    measure: str = "betweenness", anonymous: bool = False) -> Figure:
    """The ``top`` actors and offices by a centrality measure, as horizontal bars.

    Parameters
    ----------
    m : NetworkMap
        The analysed map (names and sectors).
    result : AnalysisResult
        Its ``centrality`` table (empty: the figure says there are no ties).
    top : int
        Number of bars.
    measure : {"betweenness", "degree", "closeness", "eigenvector"}
        Column of the ``centrality`` table.
    anonymous : bool
        Persons as category and organisation.

    Returns
    -------
    matplotlib.figure.Figure
        Bars coloured by sector (legend), largest on top, value printed at each bar.

    Examples
    --------
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap()
    >>> for x in "abc":
    ...     m.add_node(x, "actor", name=x.upper())
    >>> _ = m.add_edge("a", "b", "cooperation"); _ = m.add_edge("b", "c", "cooperation")
    >>> bars = centrality_bars(m, result=analyze(m, progress=False), top=1)
    >>> [t.get_text() for t in bars.axes[0].get_yticklabels()]
    ['B']
    """
    labels = {"betweenness": "Vermittlungsrolle (Anteil der kürzesten Wege zwischen "
                             "anderen, die über diesen Eintrag laufen)",
              "degree": "Anzahl Partner", "closeness": "Nähe zu allen anderen (Closeness)",
              "eigenvector": "Eigenvektor-Zentralität"}
    if measure not in labels:
        raise OptionError(f"Unbekanntes Maß {measure!r}. Möglich: {', '.join(labels)}.")
    table = result.centrality
    rows = table.sort_values([measure], ascending=False, kind="stable").head(top) \
        if len(table) else table
    rows = rows[rows[measure] > 0] if len(rows) else rows
    names = _names(m, anonymous)
    with _styled():
        fig = _figure(PRINT_WIDTH, max(2.5, 1.3 + 0.3 * len(rows)))
        ax = fig.add_subplot()
        what = "Vermittlungsrolle" if measure == "betweenness" else labels[measure]
        ax.set_title(_wrap(f"Zentrale Akteure: die {top} mit der größten {what}", 70))
        if not len(rows):
            _empty(ax, "Keine Verbindungen zwischen Akteuren und Ämtern.")
            return _done(fig)
        ids = [str(i) for i in rows.index]
        values = [float(v) for v in rows[measure]]
        sectors = [m.graph.nodes[i].get("sector") if i in m else None for i in ids]
        ys = list(range(len(ids)))
        ax.barh(ys, values, color=[style.sector_colour(s) for s in sectors],
                edgecolor="#333333", linewidth=0.5, height=0.7)
        for y, v in zip(ys, values, strict=True):
            ax.text(v, y, " " + number(v, 3 if v < 1 else 1), va="center", fontsize=MIN_FONT_PT)
        ax.set_yticks(ys, [_short(names.get(i, i), 34) for i in ids])
        ax.set_ylim(len(ids) - 0.5, -0.5)
        ax.set_xlim(0, max(values) * 1.22)
        ax.set_xlabel(_wrap(labels[measure], 60))
        ax.legend(handles=_sector_handles(list(dict.fromkeys(sectors))), loc="lower right",
                  title="Handlungsfeld", title_fontsize=8)
    return _done(fig)


def brokerage_bars(m: NetworkMap, *, result: AnalysisResult, top: int = 15,
                   anonymous: bool = False) -> Figure:
    """Brokerage roles (Gould & Fernandez 1989) of the ``top`` brokers across sectors.

    Parameters
    ----------
    m : NetworkMap
        The analysed map (names).
    result : AnalysisResult
        Its ``brokerage`` table.
    top : int
        Number of brokers, ranked by brokerage across sectors (every role but coordinator).
    anonymous : bool
        Persons as category and organisation.

    Returns
    -------
    matplotlib.figure.Figure
        One stacked bar per broker, a segment per role (coordinator, itinerant,
        representative, gatekeeper, liaison), from light to dark and hatched differently.

    Examples
    --------
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap()
    >>> m.add_node("a", "actor", category="Kita"); m.add_node("b", "office", category="Jobcenter")
    >>> m.add_node("c", "actor", category="Grundschule")
    >>> _ = m.add_edge("a", "b", "cooperation"); _ = m.add_edge("b", "c", "cooperation")
    >>> len(brokerage_bars(m, result=analyze(m, progress=False)).axes[0].get_yticks())
    1
    """
    import matplotlib

    table = result.brokerage
    if len(table):
        table = table[table["total"] > 0].sort_values(
            ["cross_group", "total"], ascending=False, kind="stable").head(top)
    names = _names(m, anonymous)
    shades = matplotlib.colormaps["Blues"]
    hatches = ["", "..", "//", "\\\\", "xx"]
    with _styled():
        fig = _figure(PRINT_WIDTH, max(2.5, 1.5 + 0.3 * len(table)))
        ax = fig.add_subplot()
        ax.set_title(f"Vermittlerrollen (Gould & Fernandez): die {top} wichtigsten\n"
                     "Brücken zwischen Handlungsfeldern")
        if not len(table):
            _empty(ax, "Niemand vermittelt zwischen zwei anderen (keine offenen Zweierketten).")
            return _done(fig)
        ids = [str(i) for i in table.index]
        ys = list(range(len(ids)))
        left = [0.0] * len(ids)
        for k, role in enumerate(BROKERAGE_ROLES):
            values = [float(v) for v in table[role]]
            ax.barh(ys, values, left=left, height=0.7, color=shades(0.2 + 0.18 * k),
                    edgecolor="#333333", linewidth=0.5, hatch=hatches[k],
                    label=role_label(role))
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(ys, [_short(names.get(i, i), 34) for i in ids])
        ax.set_ylim(len(ids) - 0.5, -0.5)
        ax.set_xlabel("Anzahl vermittelter Zweierketten (a → Vermittler → c)")
        ax.legend(loc="lower right", title="Rolle", title_fontsize=8)
    return _done(fig)


# --- quality framework ----------------------------------------------------------------------


def quality_traffic_light(result: AnalysisResult | Sequence[QualityCheck]) -> Figure:
    """The quality framework as a traffic light: one row per check.

    Parameters
    ----------
    result : AnalysisResult or sequence of QualityCheck

    Returns
    -------
    matplotlib.figure.Figure
        Per check a coloured field with symbol and German status (erfüllt, teilweise,
        nicht erfüllt, unbekannt) and the check's title beside it.

    Examples
    --------
    >>> from netzkarte.results import QualityCheck
    >>> fig = quality_traffic_light([QualityCheck("qs-x", "Steuerungsgruppe vorhanden",
    ...                                           "pass", "ja")])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['✓ erfüllt', 'Steuerungsgruppe vorhanden']
    """
    from matplotlib.patches import Rectangle

    checks = list(result.quality_checks if isinstance(result, AnalysisResult) else result)
    with _styled():
        fig = _figure(PRINT_WIDTH, max(1.6, 0.9 + 0.3 * len(checks)))
        ax = fig.add_subplot()
        ax.set_title("Qualitätsrahmen: Stand der Prüffragen")
        ax.set_axis_off()
        if not checks:
            _empty(ax, "Keine Prüfungen vorhanden.")
            return _done(fig)
        ax.set_xlim(0, 10)
        ax.set_ylim(len(checks), 0)
        for i, qc in enumerate(checks):
            status = qc.status if qc.status in style.STATUS_COLOURS else "unknown"
            colour = style.STATUS_COLOURS[status]
            ax.add_patch(Rectangle((0, i + 0.1), 2.1, 0.8, facecolor=colour,
                                   edgecolor="#333333", linewidth=0.6,
                                   hatch="..." if status == "unknown" else None))
            ax.text(1.05, i + 0.5, f"{style.STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}",
                    ha="center", va="center", fontsize=8, fontweight="bold",
                    color=_TEXT_ON.get(colour, "#000000"),
                    bbox={"facecolor": colour, "edgecolor": "none", "pad": 0.5}
                    if status == "unknown" else None)
            ax.text(2.4, i + 0.5, _short(qc.title, 72), ha="left", va="center", fontsize=8)
    return _done(fig)


# --- embedding ------------------------------------------------------------------------------


def figure_to_svg(fig: Figure) -> str:
    """The figure as a standalone SVG document, byte for byte the same on every call.

    Ids are hashed with a fixed salt (``svg.hashsalt``), the date is left out and text
    stays text (``svg.fonttype = "none"``), so it can be searched and copied. The picture is
    the figure's tight bounding box: a text reaching beyond the figure is not cut off.

    >>> from matplotlib.figure import Figure
    >>> svg = figure_to_svg(Figure())
    >>> svg.startswith("<?xml"), "<dc:date>" in svg
    (True, False)
    """
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "netzkarte", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "netzkarte"},
                    bbox_inches="tight", pad_inches=0.04)
    return buffer.getvalue().decode("utf-8")


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def svg_for_html(fig: Figure | str, *, id_prefix: str, label: str = "") -> str:
    """SVG markup to place inline in an HTML page.

    Drops the XML declaration, DOCTYPE and metadata, prefixes every id (and every
    reference to one) with ``id_prefix`` so several figures can share one page, and makes
    the picture scale with its container.

    Parameters
    ----------
    fig : Figure or str
        A figure or the output of :func:`figure_to_svg`.
    id_prefix : str
        Unique per figure on the page, e.g. ``"fig3"``.
    label : str
        Accessible name (``aria-label``); escaped here.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> svg = svg_for_html(Figure(), id_prefix="f1", label="Übersicht")
    >>> svg.startswith("<svg"), 'id="f1-' in svg, "<metadata" in svg, "http" in svg
    (True, True, False, False)
    """
    import html

    text = figure_to_svg(fig) if not isinstance(fig, str) else fig
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = _ID.sub(lambda mt: f'id="{id_prefix}-{mt.group(1)}"', text)
    text = _REF.sub(lambda mt: f"{mt.group(1)}{id_prefix}-{mt.group(2)}", text)
    head_end = text.index(">")
    # the HTML parser knows the SVG namespaces: no namespace URI needs to stay in the page
    head = re.sub(r'\s(width|height|xmlns|xmlns:xlink|version)="[^"]*"', "", text[:head_end])
    head += f' class="nk-svg" role="img" aria-label="{html.escape(label, quote=True)}"'
    return head + text[head_end:].rstrip() + "\n"


def figure_to_png_data_uri(fig: Figure, *, dpi: int = 150) -> str:
    """The figure as a ``data:image/png;base64,…`` URI (for ``<img src>``), reproducible.

    >>> from matplotlib.figure import Figure
    >>> figure_to_png_data_uri(Figure(figsize=(1, 1)), dpi=10)[:22]
    'data:image/png;base64,'
    """
    buffer = io.BytesIO()
    with _styled():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
