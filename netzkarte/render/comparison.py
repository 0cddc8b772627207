"""The comparison page: what changed between two snapshots, as one offline HTML file.

``netzkarte vergleich ALT NEU -o vergleich.html`` writes it; in Jupyter a
:class:`~netzkarte.results.Comparison` shows the same content inline. The page is
German, self-contained (no ``http(s)://`` reference) and escapes every text that came from
input (Jinja autoescape). It computes nothing: the numbers come from
:func:`netzkarte.analysis.compare.compare`; this module only groups, orders and formats them.

Sections: headline numbers; the key-figure table (alt, neu, Veränderung with ▲/▼, colour
*and* the words "günstig"/"ungünstig"); nodes added and lost by type; ties added and lost
by kind; tie strengths that changed; findings resolved (green) and new (red) with their
recommendations; findings that stayed but changed severity; quality-framework checks whose
status moved; and, when :mod:`netzkarte.render.figures` is available, the transition chart
and the quality traffic light of both snapshots side by side.

``anonymous=True`` (``netzkarte vergleich --anonym``) replaces person names by category and
organisation everywhere — node and tie lists, changed fields, findings — as the map does;
:func:`comparison_json` does the same for the JSON and leaves out the persons' ids.

Examples
--------
>>> from netzkarte import NetworkMap
>>> from netzkarte import compare
>>> old = NetworkMap("Testheim"); old.add_node("A", "actor", name="Kita A", category="Kita")
>>> new = old.copy()
>>> new.add_node("B", "actor", name="Familienzentrum <B>", category="Familienzentrum")
>>> page = render_comparison(compare(old, new, analyses=False))
>>> "Familienzentrum &lt;B&gt;" in page, "<B>" in page
(True, False)
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzkarte.render.page import environment, write_page
from netzkarte.render.privacy import Anonymizer, anonymous_result
from netzkarte.results import (
    KIND_LABELS,
    PRIVATE_FIELDS,
    PRIVATE_VALUE,
    SEVERITY_LABELS,
    STATUS_LABELS,
)
from netzkarte.text import date_text, number
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType, Strength, Term

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap
    from netzkarte.results import AnalysisResult, Comparison, EdgeKey, Finding

__all__ = ["LIST_LIMIT", "comparison_context", "comparison_fragment", "comparison_json",
           "format_comparison", "render_comparison", "write_comparison"]

log = logging.getLogger(__name__)

LIST_LIMIT = 300
"""Most entries shown per group; the rest is counted ("… und 12 weitere", all in ``--json``)."""

_OPEN_LIMIT = 12  # groups up to this size are shown unfolded
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
_PLURAL = {NodeType.ACTOR: "Akteure", NodeType.OFFICE: "Ämter",
           NodeType.COMMITTEE: "Gremien", NodeType.OFFER: "Angebote"}


# --- formatting -----------------------------------------------------------------------------


def _figure(value: Any, *, sign: bool = False) -> str:
    """``1473`` → ``1.473``, ``0.1318`` → ``0,132``, with a real minus sign; ``–`` for NaN
    (undefined in one of the snapshots)."""
    return number(value, 3, sign=sign, thousands=True, trim=True, minus="\u2212")


def _show(value: Any) -> str:
    if isinstance(value, Term):
        return value.label
    return "" if value is None else str(value)


# --- context --------------------------------------------------------------------------------


@dataclass
class _Group:
    title: str
    items: list[Any] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    @property
    def open(self) -> bool:
        return self.total <= _OPEN_LIMIT


_NO_LABELS: Mapping[str, str] = {}


def _node_entry(m: NetworkMap, node_id: str, labels: Mapping[str, str]) -> dict[str, str]:
    data = m.graph.nodes[node_id]
    details = [_show(data.get("category")), _show(data.get("district"))]
    entry = {"name": labels.get(node_id) or m.name(node_id),
             "details": " · ".join(d for d in details if d)}
    if node_id not in labels:  # a person's id is often built from the name
        entry["id"] = node_id
    return entry


def _node_groups(m: NetworkMap, ids: list[str], labels: Mapping[str, str]) -> list[_Group]:
    by_type: defaultdict[NodeType, list[str]] = defaultdict(list)
    for node_id in ids:
        by_type[m.node_type(node_id)].append(node_id)
    groups = []
    for node_type in NodeType:
        members = sorted(by_type.get(node_type, []),
                         key=lambda n: (labels.get(n) or m.name(n)).casefold())
        if members:
            groups.append(_Group(_PLURAL[node_type],
                                 [_node_entry(m, n, labels) for n in members[:LIST_LIMIT]],
                                 len(members)))
    return groups


def _label(diff: Comparison, node_id: str, labels: Mapping[str, str] = _NO_LABELS) -> str:
    if node_id in labels:
        return labels[node_id]
    for m in (diff.new, diff.old):
        if node_id in m:
            return m.name(node_id)
    return node_id


def _edge_entry(diff: Comparison, key: EdgeKey,
                labels: Mapping[str, str] = _NO_LABELS) -> dict[str, str]:
    u, v, kind = key
    arrow = "→" if EDGE_RULES[EdgeKind(kind)].directed else "–"
    return {"source": _label(diff, u, labels), "target": _label(diff, v, labels),
            "link": arrow}


def _edge_groups(diff: Comparison, keys: list[EdgeKey],
                 labels: Mapping[str, str]) -> list[_Group]:
    by_kind: defaultdict[str, list[EdgeKey]] = defaultdict(list)
    for key in keys:
        by_kind[key[2]].append(key)
    groups = []
    for kind in EdgeKind:
        members = by_kind.get(kind.value, [])
        members = sorted(members, key=lambda k: (_label(diff, k[0], labels).casefold(),
                                                 _label(diff, k[1], labels).casefold()))
        if members:
            groups.append(_Group(kind.label,
                                 [_edge_entry(diff, k, labels) for k in members[:LIST_LIMIT]],
                                 len(members)))
    return groups


def _anonymizer(diff: Comparison, anonymous: bool) -> Anonymizer | None:
    """The persons of both snapshots (the newer label wins), or None when not anonymous."""
    return Anonymizer(diff.new, diff.old) if anonymous else None


def _shown_finding(f: Finding, anon: Anonymizer | None) -> Finding:
    if anon is None:
        return f
    return replace(f, title=anon.text(f.title), text=anon.text(f.text),
                   recommendation=anon.text(f.recommendation))


def _field_label(node_type: NodeType, attr: str) -> str:
    if attr == "type":
        return "Knotentyp"
    from netzkarte.schema import sheet_for_type

    for column in sheet_for_type(node_type).columns:
        if column.attr == attr:
            return column.header
    return attr


def _finding_entry(f: Finding, names: dict[str, str]) -> dict[str, Any]:
    return {"title": f.title, "text": f.text, "recommendation": f.recommendation,
            "kind": KIND_LABELS.get(f.kind, f.kind),
            "severity": SEVERITY_LABELS.get(f.severity, f.severity), "severity_code": f.severity,
            "district": f.district or "",
            "nodes": ", ".join(names.get(n, n) for n in f.nodes[:8])
            + (" …" if len(f.nodes) > 8 else "")}


def _figure_rows(diff: Comparison) -> list[dict[str, str]]:
    rows = []
    for label, row in diff.figures.iterrows():
        change = float(row["Veränderung"])
        rating = str(row.get("Bewertung", "") or "")
        if change != change:
            arrow, direction = "", "none"
        elif change > 0:
            arrow, direction = "▲", "up"
        elif change < 0:
            arrow, direction = "▼", "down"
        else:
            arrow, direction = "", "same"
        tone = {"günstig": "good", "ungünstig": "bad"}.get(rating, "neutral")
        rows.append({"label": str(label), "old": _figure(row["alt"]),
                     "new": _figure(row["neu"]),
                     "change": "unverändert" if direction == "same"
                     else _figure(change, sign=True),
                     "arrow": arrow, "direction": direction, "rating": rating, "tone": tone})
    return rows


def _embedded_figures(diff: Comparison, anonymous: bool = False) -> list[dict[str, str]]:
    """Transition chart and quality traffic light of both snapshots, side by side.

    Drawn by :mod:`netzkarte.render.figures` (matplotlib) and embedded as PNG data URIs, so
    no text of the pictures can reach the page's markup. The figures module is optional for
    this page: without it (or without matplotlib) the page simply has no pictures.
    """
    if diff.old_result is None or diff.new_result is None:
        return []
    try:
        figures = importlib.import_module("netzkarte.render.figures")
        importlib.import_module("matplotlib")
    except ImportError:
        log.info("Vergleich ohne Abbildungen: netzkarte.render.figures/matplotlib fehlt")
        return []
    old_result: AnalysisResult = diff.old_result
    new_result: AnalysisResult = diff.new_result
    if anonymous:  # the pictures are PNGs: a name in them could not be checked or removed
        old_result = anonymous_result(old_result, diff.old)
        new_result = anonymous_result(new_result, diff.new)
    snapshots = ((diff.old, old_result, "alt"), (diff.new, new_result, "neu"))
    out: list[dict[str, str]] = []
    for m, result, label in snapshots:
        when = date_text(m.meta.snapshot, none="") or label
        fig = figures.transition_chart(result)
        out.append({"title": f"Übergänge – Stand {when}",
                    "src": figures.figure_to_png_data_uri(fig, dpi=90)})
    if old_result.quality_checks and new_result.quality_checks:
        for m, result, label in snapshots:
            when = date_text(m.meta.snapshot, none="") or label
            fig = figures.quality_traffic_light(result)
            out.append({"title": f"Qualitätsrahmen – Stand {when}",
                        "src": figures.figure_to_png_data_uri(fig, dpi=90)})
    return out


def comparison_context(diff: Comparison, *, figures: bool = True,
                       anonymous: bool = False) -> dict[str, Any]:
    """Everything the template shows, formatted (German numbers, labels, grouped lists).

    Parameters
    ----------
    diff : Comparison
        The result of :func:`netzkarte.analysis.compare.compare`.
    figures : bool
        Embed small pictures when :mod:`netzkarte.render.figures` is available.
    anonymous : bool
        Replace person names by category and organisation (lists, changed fields,
        findings, quality checks); a changed name of a person is not shown.

    Returns
    -------
    dict
        Plain strings, numbers and lists; no markup (the template escapes everything).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> m = NetworkMap("Testheim"); m.add_node("A", "office", name="Jugendamt")
    >>> comparison_context(compare(m, m.copy(), analyses=False))["cards"][0]
    {'label': 'Knoten neu', 'value': '0', 'tone': 'neutral'}
    """
    old, new = diff.old, diff.new
    municipality = new.meta.municipality or old.meta.municipality or ""
    names: dict[str, str] = {}
    for result in (diff.old_result, diff.new_result):
        if result is not None:
            names.update(result.names)
    anon = _anonymizer(diff, anonymous)
    labels: Mapping[str, str] = _NO_LABELS
    clean: Callable[[Any], Any] = lambda value: value  # noqa: E731
    if anon is not None:
        labels, clean = anon.labels, anon.text
        names = {k: anon.text(v) for k, v in names.items()}
        names.update(labels)
    s = diff.summary()
    analysed = diff.old_result is not None and diff.new_result is not None

    def card(label: str, value: int, tone: str) -> dict[str, str]:
        return {"label": label, "value": _figure(value),
                "tone": tone if value else "neutral"}

    cards = [card("Knoten neu", s["nodes_added"], "good"),
             card("Knoten entfallen", s["nodes_removed"], "bad"),
             card("Beziehungen neu", s["edges_added"], "good"),
             card("Beziehungen entfallen", s["edges_removed"], "bad"),
             card("Stärke verändert", s["strength_changed"], "neutral")]
    if analysed:
        cards += [card("Befunde gelöst", s["findings_resolved"], "good"),
                  card("Befunde neu", s["findings_new"], "bad"),
                  card("Befunde weiterhin offen", s["findings_kept"], "neutral")]

    changed: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for node_id, attr, before, after in diff.nodes_changed:
        node_type = new.node_type(node_id)
        if attr in PRIVATE_FIELDS or (attr == "name" and node_id in labels):
            before = after = PRIVATE_VALUE
        changed[node_id].append({"field": _field_label(node_type, attr), "old": clean(before),
                                 "new": clean(after)})
    changed_nodes = [{"name": _label(diff, n, labels), "changes": rows}
                     for n, rows in sorted(changed.items(),
                                           key=lambda kv: _label(diff, kv[0], labels).casefold())]

    strength_rows = []
    for key, weaker, stronger in diff.strength_changed:
        up = stronger > weaker
        strength_rows.append({**_edge_entry(diff, key, labels), "old": Strength(weaker).label,
                              "new": Strength(stronger).label,
                              "direction": "up" if up else "down",
                              "tone": "good" if up else "bad",
                              "rating": "enger" if up else "loser"})
    strength_rows.sort(key=lambda r: (r["direction"] != "up", r["source"].casefold()))

    def findings(items: list[Finding]) -> list[dict[str, Any]]:
        ordered = sorted(items, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 9), -f.score,
                                               f.title))
        return [_finding_entry(_shown_finding(f, anon), names) for f in ordered]

    moved = []
    for before_f, after_f in diff.findings_continued:
        rank_before = _SEVERITY_ORDER.get(before_f.severity, 9)
        rank_after = _SEVERITY_ORDER.get(after_f.severity, 9)
        if rank_before != rank_after:
            entry: dict[str, Any] = _finding_entry(_shown_finding(after_f, anon), names)
            entry.update({"old_title": clean(before_f.title),
                          "old_severity": SEVERITY_LABELS.get(before_f.severity, ""),
                          "better": rank_after > rank_before})
            moved.append(entry)
    moved.sort(key=lambda e: (not e["better"], e["title"]))

    quality = [{"title": clean(title), "old": STATUS_LABELS.get(before, before),
                "new": STATUS_LABELS.get(after, after), "old_code": before, "new_code": after,
                "better": _STATUS_RANK.get(after, 0) > _STATUS_RANK.get(before, 0)}
               for _, title, before, after in diff.quality_changes]

    return {
        "municipality": municipality,
        "old_date": date_text(old.meta.snapshot, none=""),
        "new_date": date_text(new.meta.snapshot, none=""),
        "old_title": clean(old.meta.title or ""), "new_title": clean(new.meta.title or ""),
        "headline": diff.headline(),
        "analysed": analysed,
        "cards": cards,
        "figure_rows": _figure_rows(diff),
        "pictures": _embedded_figures(diff, anonymous) if figures else [],
        "nodes_added": _node_groups(new, diff.nodes_added, labels),
        "nodes_removed": _node_groups(old, diff.nodes_removed, labels),
        "nodes_changed": changed_nodes[:LIST_LIMIT],
        "nodes_changed_more": max(0, len(changed_nodes) - LIST_LIMIT),
        "edges_added": _edge_groups(diff, diff.edges_added, labels),
        "edges_removed": _edge_groups(diff, diff.edges_removed, labels),
        "strength_changes": strength_rows[:LIST_LIMIT],
        "strength_more": max(0, len(strength_rows) - LIST_LIMIT),
        "findings_resolved": findings(diff.findings_resolved),
        "findings_new": findings(diff.findings_new),
        "findings_kept": len(diff.findings_kept),
        "findings_moved": moved,
        "quality_changes": quality,
        "version": _version(),
        "list_limit": LIST_LIMIT,
    }


_STATUS_RANK = {"fail": 0, "unknown": 1, "warn": 2, "pass": 3}


def _version() -> str:
    from netzkarte import __version__

    return __version__


# --- rendering ------------------------------------------------------------------------------


def _render(diff: Comparison, *, standalone: bool, figures: bool, anonymous: bool) -> str:
    context = comparison_context(diff, figures=figures, anonymous=anonymous)
    page: str = environment(trim=True).get_template("comparison.html.j2").render(
        standalone=standalone, **context)
    return page


def render_comparison(diff: Comparison, *, anonymous: bool = False,
                      figures: bool = True) -> str:
    """The comparison as one self-contained German HTML page (a string).

    Parameters
    ----------
    diff : Comparison
        From :func:`netzkarte.analysis.compare.compare` (with ``analyses=True`` the page
        also shows key figures of the analyses and the findings resolved and new).
    anonymous : bool
        Replace person names by category and organisation, as the map's ``--anonym``.
    figures : bool
        Embed small pictures when :mod:`netzkarte.render.figures` is available.

    Returns
    -------
    str
        The page: no external reference, every input text escaped.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> old = NetworkMap("Testheim"); old.add_node("A", "office", name="Jugendamt")
    >>> new = old.copy(); new.add_node("S", "committee", name="Steuerungsgruppe")
    >>> page = render_comparison(compare(old, new, analyses=False))
    >>> page.startswith("<!DOCTYPE html>"), "http://" in page or "https://" in page
    (True, False)
    """
    page = _render(diff, standalone=True, figures=figures, anonymous=anonymous)
    log.info("Vergleichsseite erstellt (%.0f kB)", len(page.encode("utf-8")) / 1e3)
    return page


def comparison_fragment(diff: Comparison, *, figures: bool = False,
                        anonymous: bool = False) -> str:
    """The page's body as an HTML fragment with scoped styles (Jupyter display).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> m = NetworkMap("Testheim")
    >>> part = comparison_fragment(compare(m, m.copy(), analyses=False))
    >>> '<div class="nk-cmp">' in part, "<html" in part
    (True, False)
    """
    return _render(diff, standalone=False, figures=figures, anonymous=anonymous)


def write_comparison(diff: Comparison, path: str | os.PathLike[str], *,
                     anonymous: bool = False, figures: bool = True) -> Path:
    """Write the comparison page to ``path`` atomically and return the path.

    An existing file is replaced only when the new page is complete. ``anonymous`` and
    ``figures`` as in :func:`render_comparison`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> m = NetworkMap("Testheim")
    >>> out = write_comparison(compare(m, m.copy(), analyses=False),
    ...                        pathlib.Path(tempfile.mkdtemp()) / "vergleich.html")
    >>> out.name
    'vergleich.html'
    """
    page = render_comparison(diff, anonymous=anonymous, figures=figures)
    target = write_page(path, page)
    log.info("Vergleich geschrieben: %s", target)
    return target


def comparison_json(diff: Comparison, *, anonymous: bool = False) -> str:
    """The JSON of ``netzkarte vergleich --json``: :meth:`Comparison.to_dict`, serialised.

    With ``anonymous=True`` no person of either snapshot is named and no person id is
    written (ids are often built from names): node entries of persons carry only their
    ``name`` — category and organisation, as on the anonymous map — and no ``id``; in ties,
    findings and evidence a person's id and name are replaced by that label; a changed
    name of a person is written as ``"(nicht ausgegeben)"``.

    Parameters
    ----------
    diff : Comparison
    anonymous : bool

    Returns
    -------
    str
        Indented JSON (UTF-8 characters unescaped).

    Examples
    --------
    >>> import json
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> old = NetworkMap("Testheim"); old.add_node("JA", "office", name="Jugendamt")
    >>> new = old.copy()
    >>> new.add_node("P-KURZ", "actor", name="Anna Kurz", form="Person", category="Lotsin")
    >>> _ = new.add_edge("P-KURZ", "JA", "belongs_to")
    >>> data = json.loads(comparison_json(compare(old, new, analyses=False), anonymous=True))
    >>> data["nodes_added"], data["edges_added"][0]["source"]
    ([{'name': 'Lotsin (Jugendamt)', 'type': 'actor'}], 'Lotsin (Jugendamt)')
    """
    data = diff.to_dict()
    anon = _anonymizer(diff, anonymous)
    if anon is not None:
        for key in ("nodes_added", "nodes_removed", "nodes_changed"):
            for entry in data[key]:
                node_id = entry.get("id")
                if node_id not in anon.labels:
                    continue
                del entry["id"]
                entry["name"] = anon.labels[node_id]
                if entry.get("field") == "name":
                    entry["old"] = entry["new"] = PRIVATE_VALUE
        data = anon.deep(data)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def format_comparison(diff: Comparison, *, anonymous: bool = False) -> str:
    """Short German plain-text summary for the command line.

    ``anonymous=True`` replaces person names in the finding titles it lists.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte import compare
    >>> old = NetworkMap("Testheim"); old.add_node("A", "office", name="Jugendamt")
    >>> new = old.copy(); new.add_node("S", "committee", name="Steuerungsgruppe")
    >>> print(format_comparison(compare(old, new, analyses=False)))
    Vergleich Testheim
    Knoten: 1 neu, 0 entfallen, 0 geändert
    Beziehungen: 0 neu, 0 entfallen, 0 mit veränderter Stärke
    """
    s = diff.summary()
    municipality = diff.new.meta.municipality or diff.old.meta.municipality
    head = f"Vergleich {municipality}".rstrip()
    old_date = date_text(diff.old.meta.snapshot, none="")
    new_date = date_text(diff.new.meta.snapshot, none="")
    if old_date or new_date:
        head += f": Stand {old_date or 'unbekannt'} → {new_date or 'unbekannt'}"
    lines = [head,
             f"Knoten: {s['nodes_added']} neu, {s['nodes_removed']} entfallen, "
             f"{s['nodes_changed']} geändert",
             f"Beziehungen: {s['edges_added']} neu, {s['edges_removed']} entfallen, "
             f"{s['strength_changed']} mit veränderter Stärke"]
    if diff.old_result is not None and diff.new_result is not None:
        lines.append(f"Befunde: {s['findings_resolved']} gelöst, {s['findings_new']} neu, "
                     f"{s['findings_kept']} weiterhin offen")
        anon = _anonymizer(diff, anonymous)
        high = [f for f in diff.findings_resolved if f.severity == "high"]
        for f in high[:3]:
            lines.append(f"  gelöst (hoch): {_shown_finding(f, anon).title}")
        for f in [f for f in diff.findings_new if f.severity == "high"][:3]:
            lines.append(f"  neu (hoch): {_shown_finding(f, anon).title}")
    return "\n".join(lines)
