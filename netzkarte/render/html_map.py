"""The interactive network map: one self-contained, offline HTML file.

The page is our own Jinja template (autoescaped) with vis-network inlined from pyvis's bundle
(``pyvis/templates/lib/vis-9.1.2/vis-network.min.js``) — pyvis's ``Network`` class and its
templates are not used: they load Bootstrap from a CDN, do not escape input and ship every
attribute. Here the node and edge data are built field by field from an allow-list
(:data:`NODE_KEYS`, :data:`EDGE_KEYS`) and embedded as JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped; the page script builds every text with ``textContent``, never ``innerHTML``.

With findings the page also carries the *Datenlage* of the analysis (:data:`DATENLAGE_KEYS`):
the counts per reason, the advice and the nodes to classify — by page id, so a click focuses
the node — and it marks uncertain findings „unsicher“.

Privacy: contact data (``Kontakt``) and the free-text notes (``Bemerkung``) appear only with
``with_contacts=True``;
``anonymous=True`` replaces the names of persons by category and organisation
(``"Person (Jugendamt)"``) everywhere — labels, details, search, findings, Datenlage — and
drops notes and the ids of persons.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("K1", "actor", name="Kita <Sonnenschein>", category="Kita")
>>> page = render_map(m, layout="kette")
>>> "Kita <Sonnenschein>" in page, "Kita \\\\u003cSonnenschein\\\\u003e" in page
(False, True)
"""

from __future__ import annotations

import html
import importlib.resources
import json
import logging
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from netzkarte.errors import OptionError
from netzkarte.model import NetworkMap, reporters
from netzkarte.render import style
from netzkarte.render.layouts import LAYOUTS, compute_layout
from netzkarte.render.page import environment, write_page
from netzkarte.render.privacy import Anonymizer
from netzkarte.results import (
    KIND_LABELS,
    REASONS,
    SEVERITY_LABELS,
    AnalysisResult,
    DataQuality,
    Finding,
    TransitionGapEvidence,
)
from netzkarte.schema import PERSONAL_FIELDS
from netzkarte.text import date_text
from netzkarte.vocab import (
    CONFIRMATION_COLUMN,
    LIFE_PHASE_ORDER,
    ActorForm,
    CommitteeType,
    Confirmation,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Strength,
    Term,
    Tier,
    is_steering_body,
)

if TYPE_CHECKING:
    from netzkarte.io.geojson import DistrictShape

__all__ = [
    "DATENLAGE_KEYS",
    "DATENLAGE_NODE_KEYS",
    "EDGE_KEYS",
    "FINDING_KEYS",
    "GROUP_KEYS",
    "NODE_KEYS",
    "MapView",
    "build_payload",
    "json_for_script",
    "notebook_html",
    "render_map",
    "show",
    "vis_network_js",
    "write_map",
]

log = logging.getLogger(__name__)

NODE_KEYS: frozenset[str] = frozenset({
    "id", "uid", "label", "type", "form", "category", "sector", "level", "rank",
    "municipality", "district", "phases", "roles", "badge", "coord", "committeeType", "tier",
    "status", "outreach", "x", "y", "size", "metric", "cl", "grp", "pri", "note"}
    ) | PERSONAL_FIELDS
"""Every key a node may carry in the page's JSON (the allow-list; tests hold it): the
personal fields (:data:`netzkarte.schema.PERSONAL_FIELDS`, ``contact``) under their own
names."""

EDGE_KEYS: frozenset[str] = frozenset({"id", "from", "to", "kind", "strength", "function",
                                       "formal", "conf", "by"})
"""Every key an edge may carry in the page's JSON: after a Bestandsaufnahme ``conf`` is the
:class:`~netzkarte.vocab.Confirmation` code of the tie (column *Bestätigung*) and ``by`` the
page id of the one side that named a one-sided or unconfirmed tie."""

FINDING_KEYS: frozenset[str] = frozenset({"id", "number", "kind", "kindLabel", "severity",
                                          "severityLabel", "title", "text", "recommendation",
                                          "about", "nodes", "edges", "links", "district",
                                          "uncertain"})
"""Every key a finding may carry in the page's JSON (``uncertain`` only when „unsicher“).

``number`` is the finding's number, counted in the order given — for an analysis result
the order of its findings, so „Befund 17“ is the same finding in the map, in the
Maßnahmenliste (column „Nr.“) and in the summary of ``netzkarte analyse``. ``about`` are
the nodes the finding names (its ``nodes`` in the JSON, the „Beteiligte“ of the
Maßnahmenliste), listed under „Betrifft“; ``nodes`` are what the map highlights, widened
per kind so that every finding shows something (a coverage gap: the institutions of its
Sozialraum; a parallel structure: both bodies and their shared members; a transition gap:
both sides and the suggested partners; a sector without promoters: the sector's actors
and the committees of Steuerungsebene a); ``links`` are the suggested new relations
(``from``, ``to``, ``label``), drawn dashed."""

GROUP_KEYS: frozenset[str] = frozenset({"id", "label", "parent", "x", "y", "n", "kind"})
"""Every key of a group (bundle) in the page's ``groups``: large maps open aggregated
(Kommune → Sozialraum → institutions); ``cluster`` bundles by district or committee."""

DATENLAGE_KEYS: frozenset[str] = frozenset({"counts", "uncertain", "advice", "nodes", "more"})
"""Every key of the page's ``datenlage`` (absent without findings): ``counts`` (German label
and number per reason), ``uncertain`` (number of uncertain findings), ``advice`` (German
sentences), ``nodes`` (the nodes to classify, at most 150) and ``more`` (how many further)."""

DATENLAGE_NODE_KEYS: frozenset[str] = frozenset({"node", "reasons", "decides"})
"""Every key of an entry of ``datenlage.nodes``: the page id of the node (its label, already
anonymised, comes from the node), the German reasons and how many uncertain findings it
could decide."""

ClusterBy = Literal["district", "committee"]
_BIG = 1500  # above this many nodes: opened aggregated, straight edges, no hover
_LOOSE = 60  # nodes without a Sozialraum (or Kommune) shown directly up to this many
_DATENLAGE_NODES = 150  # nodes to classify carried in the page


Findings = AnalysisResult | Sequence[Finding]
"""What the map shows in its findings panel: a result of :func:`netzkarte.analyze` (with
its *Datenlage*) or a list of findings."""
_FindingLike = Finding


# --- assets -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network 9.1.2 bundle shipped with pyvis, ready to inline in a ``<script>``.

    Located through the installed ``pyvis`` package (never a CDN).

    Raises
    ------
    RuntimeError
        If pyvis is installed without its bundled library.
    """
    try:
        root = importlib.resources.files("pyvis")
        text = (root / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RuntimeError("Die Bibliothek vis-network aus dem Paket pyvis wurde nicht "
                           "gefunden. Bitte pyvis>=0.3.2 installieren "
                           "(pip install pyvis).") from exc
    # a source map reference would make developer tools fetch a file we do not ship
    text = re.sub(r"//# sourceMappingURL=\S*", "", text)
    return _safe_inline(text)


def _safe_inline(code: str) -> str:
    """Make script or style text safe inside its element: no closing tag, no comment start."""
    return (code.replace("</script", "<\\/script").replace("</style", "<\\/style")
            .replace("<!--", "<\\!--"))


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return _safe_inline((importlib.resources.files("netzkarte.render") / "templates" / name)
                        .read_text(encoding="utf-8"))


def json_for_script(value: Any) -> str:
    """JSON text safe to place inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` …, so ``</script>`` inside a name cannot close
    the element; U+2028/U+2029 are escaped for old JavaScript parsers.

    >>> json_for_script({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --- payload ----------------------------------------------------------------------------------


def _code(value: Any) -> Any:
    return value.value if isinstance(value, Term) else value


def _text(value: Any) -> str:
    """Plain text of a user value (numbers, dates and the rest as str)."""
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _labels() -> dict[str, dict[str, str]]:
    def table(enum: Iterable[Term]) -> dict[str, str]:
        return {m.value: m.label for m in enum}

    return {
        "types": table(NodeType), "forms": table(ActorForm), "sectors": table(Sector),
        "levels": table(Level), "ranks": table(Rank), "phases": table(LifePhase),
        "roles": table(Role), "committeeTypes": table(CommitteeType), "tiers": table(Tier),
        "status": table(OfferStatus), "kinds": table(EdgeKind),
        "confirmations": table(Confirmation),
        "functions": table(MemberFunction),
        "strengths": {str(s.value): f"{s.value} {s.label}" for s in Strength},
    }


def _style_table() -> dict[str, Any]:
    return {
        "types": {t.value: {"shape": s.vis_shape} for t, s in style.NODE_STYLES.items()},
        "sectors": {s.value: c for s, c in style.SECTOR_COLOURS.items()},
        "noSector": style.NO_SECTOR_COLOUR,
        "edges": {k.value: {"colour": s.colour, "width": s.width, "dashes": list(s.dashes),
                            "arrows": s.arrows, "opacity": s.opacity}
                  for k, s in style.EDGE_STYLES.items()},
        "strengthWidth": {str(s.value): style.edge_width(EdgeKind.COOPERATION, s)
                          for s in Strength},
        "coordinatorBorder": style.COORDINATOR_BORDER,
        "personDashes": list(style.PERSON_BORDER_DASHES),
        "font": style.FONT_FAMILY,
        "severityBorders": dict(style.MAP_SEVERITY_BORDERS),
    }


def _metric(m: NetworkMap, size_by: str | Mapping[str, float | int | None]
            ) -> tuple[dict[str, float | None], str]:
    """Raw metric per node and its German legend text."""
    if isinstance(size_by, Mapping):
        return {n: size_by.get(n) for n in m.graph.nodes}, "gewählte Kennzahl"
    if size_by == "degree":
        return {n: float(d) for n, d in m.graph.degree()}, "Anzahl Verbindungen"
    import pandas as pd

    frame = m.nodes()
    if size_by not in frame.columns:
        numeric = [c for c in frame.columns
                   if pd.to_numeric(frame[c], errors="coerce").notna().any()]
        raise OptionError(f"Die Knotengröße kann nicht nach {size_by!r} berechnet werden: diese "
                          "Spalte gibt es nicht. Möglich sind 'degree' und die Zahlenspalten "
                          + (", ".join(map(repr, numeric)) or "(keine)") + ".")
    values = pd.to_numeric(frame[size_by], errors="coerce")
    return ({str(n): (None if pd.isna(v) else float(v)) for n, v in values.items()},
            str(size_by))


def _cluster_keys(m: NetworkMap, cluster: str | None) -> dict[str, str]:
    if cluster is None:
        return {}
    if cluster == "district":
        return {n: f"Sozialraum {d['district']}" for n, d in m.graph.nodes(data=True)
                if d.get("district")}
    if cluster == "committee":
        size = {c: len(m.members(c)) for c in m.node_ids(NodeType.COMMITTEE)}
        keys: dict[str, str] = {}
        for node in m.graph.nodes:
            committees = m.memberships(node)
            if committees:
                best = min(committees, key=lambda c: (size[c], c))
                keys[node] = f"Gremium {m.name(best)}"
        for committee in size:
            keys[committee] = f"Gremium {m.name(committee)}"
        return keys
    raise OptionError(f"Unbekannte Bündelung {cluster!r}: möglich sind 'district' "
                      "(nach Sozialraum), 'committee' (nach Gremium) oder keine.")


def _findings_list(findings: Findings | None) -> list[Finding]:
    if findings is None:
        return []
    return list(findings.findings if isinstance(findings, AnalysisResult) else findings)


def _district_shapes(value: Sequence[DistrictShape] | str | os.PathLike[str] | None
                     ) -> Sequence[DistrictShape] | None:
    if value is None or (isinstance(value, Sequence) and not isinstance(value, str)):
        return value
    from netzkarte.io.geojson import read_district_shapes

    return read_district_shapes(value)


def build_payload(m: NetworkMap, *, layout: str = "netz", anonymous: bool = False,
                  with_contacts: bool = False, findings: Findings | None = None,
                  title: str | None = None,
                  cluster: ClusterBy | None = None,
                  size_by: str | Mapping[str, float | int | None] = "degree",
                  seed: int = 7,
                  district_shapes: Sequence[DistrictShape] | str | os.PathLike[str] | None
                  = None, need_indicator: str | None = None,
                  coverage_gaps: Iterable[Finding] | None = None) -> dict[str, Any]:
    """The data the page shows, built from an allow-list (see :data:`NODE_KEYS`).

    Node ids in the page are ``n0``, ``n1`` …: user ids (which may be a person's name) are
    shown only as ``uid`` of non-persons or when not anonymous.

    Parameters
    ----------
    m : NetworkMap
    layout : {"netz", "kette", "kreis", "stadtplan"}
    anonymous : bool
        Replace person names by category and organisation; drop notes and person ids.
    with_contacts : bool
        Include ``contact`` values and notes (personal data) — off by default.
    findings : AnalysisResult or list of Finding, optional
        Shown in the findings panel (uncertain ones marked „unsicher“); their nodes and
        edges can be highlighted. With findings the page also gets the *Datenlage* panel
        (``data_quality`` of the result, computed from the map for a plain list).
    title : str, optional
        Page title (default ``"Netzwerkkarte <Kommune>"``).
    cluster : {"district", "committee"}, optional
        Bundle nodes by district or by their (smallest) committee; double click opens.
    size_by : str or mapping
        ``"degree"`` (default), the name of a numeric node column, or id → value.
    seed : int
        Seed of the force-directed layout.
    district_shapes : sequence of DistrictShape or path, optional
        ``stadtplan``: the Sozialräume as areas (a GeoJSON file or
        :func:`netzkarte.io.geojson.read_district_shapes`); else hulls around their points.
    need_indicator : str, optional
        ``stadtplan``: the district-table column that shades the Sozialräume (default as
        :func:`netzkarte.districts.need_column`; the legend names it).
    coverage_gaps : iterable of Finding, optional
        ``stadtplan``: the coverage gaps to outline (``coverage_gap`` findings of the
        analysis) when they are not among ``findings`` — a map without findings panel. By
        default those of ``findings``; the map computes no analysis of its own.

    Returns
    -------
    dict
        JSON-ready payload.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("P", "actor", name="Erika Muster", form="Person", contact="e@x.de")
    >>> p = build_payload(m, anonymous=True)
    >>> p["nodes"][0]["label"], "contact" in p["nodes"][0]
    ('Person', False)
    """
    listed = _findings_list(findings)
    lay = compute_layout(m, layout, seed=seed, district_shapes=_district_shapes(district_shapes),
                         need_indicator=need_indicator,
                         findings=listed if coverage_gaps is None else coverage_gaps)
    anonymizer = Anonymizer(m) if anonymous else None
    anon = anonymizer.labels if anonymizer is not None else {}
    raw_metric, size_label = _metric(m, size_by)
    sizes = style.node_sizes(raw_metric)
    clusters = _cluster_keys(m, cluster)
    vid = {node: f"n{i}" for i, node in enumerate(m.graph.nodes)}
    groups, group_of = _groups(m, clusters, lay.positions)
    priority = _priority(m)

    nodes: list[dict[str, Any]] = []
    present: dict[str, set[Any]] = defaultdict(set)
    for node, data in m.graph.nodes(data=True):
        ntype: NodeType = data["type"]
        person = ntype is NodeType.ACTOR and data.get("form") is ActorForm.PERSON
        item: dict[str, Any] = {"id": vid[node], "label": anon.get(node, m.name(node)),
                                "type": ntype.value}
        if not (anonymous and person):
            item["uid"] = node
        for key, out in (("form", "form"), ("sector", "sector"), ("level", "level"),
                         ("rank", "rank"), ("committee_type", "committeeType"),
                         ("tier", "tier"), ("status", "status")):
            if data.get(key) is not None:
                item[out] = _code(data[key])
        for key in ("category", "municipality", "district"):
            if data.get(key) not in (None, ""):
                item[key] = _text(data[key])
        if data.get("outreach") is not None:
            item["outreach"] = bool(data["outreach"])
        phases = [p.value for p in data.get("life_phases") or ()]
        roles = [r.value for r in data.get("roles") or ()]
        if phases:
            item["phases"] = phases
        if roles:
            item["roles"] = roles
            item["badge"] = style.badge_text(data["roles"])
            if Role.COORDINATOR in data["roles"]:
                item["coord"] = True
        x, y = lay.positions[node]
        item.update(x=x, y=y, size=sizes[node])
        metric = raw_metric.get(node)
        if metric is not None and math.isfinite(metric):
            item["metric"] = round(metric, 4)
        if node in clusters:
            item["cl"] = clusters[node]
        if node in group_of:
            item["grp"] = group_of[node]
        item["pri"] = priority[node]
        for key in sorted(PERSONAL_FIELDS) if with_contacts else ():
            if data.get(key) not in (None, ""):
                item[key] = _text(data[key])
        # notes are free text and often hold phone numbers or names: personal like contacts
        if with_contacts and not anonymous and data.get("note") not in (None, ""):
            item["note"] = _text(data["note"])
        nodes.append(item)
        present["types"].add(ntype)
        if data.get("sector") is not None:
            present["sectors"].add(data["sector"])
        present["roles"].update(data.get("roles") or ())

    edges: list[dict[str, Any]] = []
    by_pair: defaultdict[frozenset[str], list[str]] = defaultdict(list)
    for i, (u, v, d) in enumerate(m.graph.edges(data=True)):
        kind: EdgeKind = d["kind"]
        edge: dict[str, Any] = {"id": f"e{i}", "from": vid[u], "to": vid[v], "kind": kind.value}
        if d.get("strength") is not None:
            edge["strength"] = int(d["strength"])
        if d.get("function") is not None:
            edge["function"] = _code(d["function"])
        if d.get("formal") is not None:
            edge["formal"] = bool(d["formal"])
        confirmation = Confirmation.parse((d.get("extra") or {}).get(CONFIRMATION_COLUMN))
        if confirmation is not None:
            edge["conf"] = confirmation.value
            if confirmation in (Confirmation.ONE_SIDED, Confirmation.UNCONFIRMED):
                named = reporters(m, d.get("reported_by"), u, v)
                if len(named) == 1:
                    edge["by"] = vid[named.pop()]
        edges.append(edge)
        by_pair[frozenset((u, v))].append(edge["id"])
        present["kinds"].add(kind)

    page_findings = _payload_findings(listed, vid, by_pair, m,
                                      anonymizer.text if anonymizer is not None else _plain)
    municipality = m.meta.municipality
    heading = title or m.meta.title or (f"Netzwerkkarte {municipality}" if municipality
                                         else "Netzwerkkarte")
    return {
        "meta": {"title": heading, "municipality": municipality, "layout": lay.name,
                 "layoutLabel": LAYOUTS[lay.name], "anonymous": anonymous,
                 "withContacts": with_contacts, "nodeCount": len(nodes),
                 "edgeCount": len(edges), "big": len(nodes) > _BIG, "cluster": cluster,
                 "aggregated": bool(groups),
                 "phaseOrder": [p.value for p in LIFE_PHASE_ORDER]},
        "labels": _labels(),
        "style": _style_table(),
        "legend": {**style.legend(node_types=present["types"], sectors=present["sectors"],
                                  edge_kinds=present["kinds"], roles=present["roles"],
                                  size_label=size_label),
                   **({"areas": lay.legend} if lay.legend else {})},
        "nodes": nodes,
        "edges": edges,
        "findings": page_findings,
        "guides": [g.to_dict() for g in lay.guides],
        "groups": groups,
        **({} if findings is None
           else {"datenlage": _payload_datenlage(m, findings, listed, vid, anonymous)}),
    }


def _priority(m: NetworkMap) -> dict[str, int]:
    """Rank of every node by importance for the labels (0 = most important).

    Steering and coordination bodies, offices, coordinators and promoters come first, then
    the number of relations; the map always names the first few and the rest as room allows.
    """
    bonus_tier = {Tier.A: 60.0, Tier.B: 30.0, Tier.C: 8.0}
    bonus_role = {Role.COORDINATOR: 40.0, Role.POWER_PROMOTER: 20.0}

    def score(node: str) -> float:
        data = m.graph.nodes[node]
        value = float(m.graph.degree(node))
        if data["type"] is NodeType.COMMITTEE:
            value += 10.0 + bonus_tier.get(data.get("tier"), 0.0)  # type: ignore[arg-type]
        elif data["type"] is NodeType.OFFICE:
            value += 12.0
        for role in data.get("roles") or ():
            value += bonus_role.get(role, 8.0)
        return value

    order = sorted(m.graph.nodes, key=lambda n: (-score(n), str(m.name(n)), n))
    return {node: i for i, node in enumerate(order)}


def _groups(m: NetworkMap, clusters: Mapping[str, str],
            positions: Mapping[str, tuple[float, float]]
            ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Bundles of the page: the ``cluster`` keys, or above :data:`_BIG` nodes the hierarchy
    Kommune → Sozialraum → institutions. Returns the groups (parents first, placed at the
    centre of their members) and the innermost group id per node."""
    keyed: dict[str, tuple[str, ...]] = {}
    kinds: dict[tuple[str, ...], str] = {}
    if clusters:
        for node, key in clusters.items():
            keyed[node] = (key,)
            kinds[(key,)] = "cluster"
    elif m.graph.number_of_nodes() > _BIG:
        towns = {d.get("municipality") for _, d in m.graph.nodes(data=True)} - {None, ""}
        several = len(towns) > 1
        loose_town: defaultdict[str, list[str]] = defaultdict(list)
        loose: list[str] = []
        for node, data in m.graph.nodes(data=True):
            town = _text(data["municipality"]) if data.get("municipality") else ""
            district = _text(data["district"]) if data.get("district") else ""
            path: tuple[str, ...] = ()
            if several and town:
                path = (f"Kommune {town}",)
                kinds[path] = "municipality"
            if district:
                path = (*path, f"Sozialraum {district}")
                kinds[path] = "district"
                keyed[node] = path
            elif town and several:
                loose_town[town].append(node)
            else:
                loose.append(node)
        for town, own in loose_town.items():
            for node in own:  # the Kommune's own nodes sit in its group directly
                keyed[node] = (f"Kommune {town}",)
        if len(loose) > _LOOSE:
            label = "Kreisebene und ohne Kommune" if several else "gesamtstädtisch"
            for node in loose:
                keyed[node] = (label,)
            kinds[(label,)] = "rest"
    if not keyed:
        return [], {}
    members: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for node, path in keyed.items():
        for depth in range(1, len(path) + 1):
            members[path[:depth]].append(node)
    paths = sorted((p for p, ms in members.items() if len(ms) > 1),
                   key=lambda p: (len(p), p))
    gid = {path: f"g{i}" for i, path in enumerate(paths)}
    groups: list[dict[str, Any]] = []
    for path in paths:
        xs = [positions[n][0] for n in members[path]]
        ys = [positions[n][1] for n in members[path]]
        parent = next((gid[path[:d]] for d in range(len(path) - 1, 0, -1)
                       if path[:d] in gid), None)
        groups.append({"id": gid[path], "label": path[-1], "n": len(members[path]),
                       "x": round(sum(xs) / len(xs), 1), "y": round(sum(ys) / len(ys), 1),
                       "kind": kinds.get(path, "cluster"),
                       **({"parent": parent} if parent else {})})
    group_of: dict[str, str] = {}
    for node, path in keyed.items():
        inner = next((gid[path[:d]] for d in range(len(path), 0, -1) if path[:d] in gid),
                     None)
        if inner:
            group_of[node] = inner
    return groups, group_of


def _finding_nodes(f: _FindingLike, m: NetworkMap) -> list[str]:
    """The nodes a finding shows, widened per kind so that every finding shows something."""
    out: dict[str, None] = dict.fromkeys(str(n) for n in f.nodes)

    def add(items: Iterable[Any]) -> None:
        for item in items or ():
            out.setdefault(str(item), None)

    district = f.district

    def in_district() -> list[str]:
        return [n for n, d in m.graph.nodes(data=True)
                if district and str(d.get("district") or "") == str(district)]

    kind = str(f.kind)
    if kind == "coverage_gap":
        add(in_district())
    elif f.kind == "parallel_structure":
        parallel = f.typed_evidence("parallel_structure")
        add(parallel.get("shared_members") or ())
        add(parallel.get("offers") or ())
        add(parallel.get("providers") or ())
    elif f.kind == "transition_gap":
        gap = f.typed_evidence("transition_gap")
        add(gap.get("unlinked") or ())
        add(s.get("id") for s in _suggestions(gap))
    elif f.kind == "promoter" and f.typed_evidence("promoter").get("sector"):
        sector = str(f.typed_evidence("promoter").get("sector"))
        add(n for n, d in m.graph.nodes(data=True)
            if d["type"] is NodeType.ACTOR and _code(d.get("sector")) == sector)
    if kind == "promoter" and not f.nodes:
        add(_steering(m))  # the body where the seat is missing
    add(f.typed_evidence().get("unclassified") or ())
    if not out and district:
        add(in_district())
    if not out:
        # about the structure as a whole (a quality standard): its committees
        add(n for n in m.node_ids(NodeType.COMMITTEE))
    return list(out)


def _steering(m: NetworkMap) -> list[str]:
    """The Steuerungsgremien, by the rule the analyses use (:func:`vocab.is_steering_body`)."""
    return [n for n, d in m.graph.nodes(data=True)
            if d["type"] is NodeType.COMMITTEE and is_steering_body(d)]


def _suggestions(evidence: TransitionGapEvidence) -> list[Mapping[str, Any]]:
    """The suggested partners of a transition gap (only well-formed entries: a result read
    back from JSON may carry anything)."""
    suggestions: object = evidence.get("suggestions")
    if not isinstance(suggestions, list):
        return []
    return [s for s in suggestions if isinstance(s, Mapping)]


def _finding_links(f: _FindingLike) -> list[tuple[str, str, str]]:
    """Suggested new relations of a finding (a transition gap's partners): drawn dashed."""
    if f.kind != "transition_gap":
        return []
    return [(str(s["for"]), str(s["id"]), str(s.get("reason") or ""))
            for s in _suggestions(f.typed_evidence("transition_gap"))
            if s.get("for") is not None and s.get("id") is not None]


def _plain(text: object) -> str:
    return str(text or "")


def _payload_findings(findings: list[_FindingLike], vid: Mapping[str, str],
                      by_pair: Mapping[frozenset[str], list[str]], m: NetworkMap,
                      clean: Callable[[Any], str]) -> list[dict[str, Any]]:
    """The findings of the page; ``clean`` takes person names out of their texts
    (:meth:`~netzkarte.render.privacy.Anonymizer.text` when anonymous)."""

    out: list[dict[str, Any]] = []
    for number, f in enumerate(findings, 1):
        edge_ids: list[str] = []
        for pair in getattr(f, "edges", ()) or ():
            u, v = (str(p) for p in pair)
            edge_ids.extend(by_pair.get(frozenset((u, v)), []))
        out.append({
            "id": str(f.id), "number": number, "kind": str(f.kind),
            "kindLabel": KIND_LABELS.get(str(f.kind), str(f.kind)),
            "severity": str(f.severity),
            "severityLabel": SEVERITY_LABELS.get(str(f.severity), str(f.severity)),
            "title": clean(f.title), "text": clean(getattr(f, "text", "")),
            "recommendation": clean(f.recommendation),
            "about": [vid[str(n)] for n in f.nodes if str(n) in vid],
            "nodes": [vid[n] for n in _finding_nodes(f, m) if n in vid],
            "edges": edge_ids,
            "links": [{"from": vid[a], "to": vid[b], "label": clean(why)}
                      for a, b, why in _finding_links(f) if a in vid and b in vid],
            **({"district": clean(getattr(f, "district", ""))}
               if getattr(f, "district", None) else {}),
            **({"uncertain": True} if getattr(f, "confidence", "sicher") == "unsicher" else {}),
        })
    return out


def _payload_datenlage(m: NetworkMap, findings: Findings, listed: list[_FindingLike],
                       vid: Mapping[str, str], anonymous: bool) -> dict[str, Any]:
    """The Datenlage panel: from an :class:`AnalysisResult` its ``data_quality``; a plain
    list of findings has none (the panel then counts the uncertain findings only).

    Nodes go in by page id (their label in the page is already anonymous); the advice
    sentences name persons by category and organisation with ``anonymous``.
    """
    from netzkarte.render.privacy import Anonymizer
    from netzkarte.render.report import reason_labels

    dq: DataQuality = findings.data_quality if isinstance(findings, AnalysisResult) else {}
    text: Callable[[Any], str] = Anonymizer(m).text if anonymous else str
    uncertain = [f for f in listed if f.confidence == "unsicher"]
    decides: defaultdict[str, int] = defaultdict(int)
    for f in uncertain:
        for n in f.typed_evidence().get("unclassified") or ():
            decides[str(n)] += 1
    entries = [e for e in dq.get("nodes") or () if e["id"] in vid]
    entries.sort(key=lambda e: -decides[e["id"]])  # stable: map order otherwise
    nodes = []
    for entry in entries[:_DATENLAGE_NODES]:
        node = entry["id"]
        item: dict[str, Any] = {"node": vid[node], "reasons": reason_labels(entry)}
        if decides[node]:
            item["decides"] = decides[node]
        nodes.append(item)
    return {"counts": [{"label": REASONS.get(k, k), "n": n}
                       for k, n in (dq.get("counts") or {}).items() if n],
            "uncertain": len(uncertain),
            "advice": [text(a) for a in dq.get("advice") or ()],
            "nodes": nodes, "more": max(0, len(entries) - _DATENLAGE_NODES)}


# --- page -------------------------------------------------------------------------------------


def render_map(m: NetworkMap, *, layout: str = "netz", anonymous: bool = False,
               with_contacts: bool = False, findings: Findings | None = None,
               title: str | None = None,
               cluster: ClusterBy | None = None,
               size_by: str | Mapping[str, float | int | None] = "degree",
               seed: int = 7,
               district_shapes: Sequence[DistrictShape] | str | os.PathLike[str] | None = None,
               need_indicator: str | None = None,
               coverage_gaps: Iterable[Finding] | None = None) -> str:
    """The interactive map as one self-contained HTML document (a string).

    Parameters are those of :func:`build_payload`.

    Returns
    -------
    str
        The page: no external reference, every input text escaped.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
    >>> page = render_map(m, layout="kreis")
    >>> page.startswith("<!DOCTYPE html>"), "https://" in page.split("<script")[0]
    (True, False)
    """
    payload = build_payload(m, layout=layout, anonymous=anonymous, with_contacts=with_contacts,
                            findings=findings, title=title, cluster=cluster, size_by=size_by,
                            seed=seed, district_shapes=district_shapes,
                            need_indicator=need_indicator, coverage_gaps=coverage_gaps)
    page: str = environment().get_template("map.html.j2").render(
        title=payload["meta"]["title"], meta=payload["meta"],
        data_json=json_for_script(payload), vis_js=vis_network_js(),
        map_js=_asset("map.js"), map_css=_asset("map.css"))
    log.info("Karte mit %d Knoten und %d Beziehungen erstellt (Layout %s, %.1f MB)",
             payload["meta"]["nodeCount"], payload["meta"]["edgeCount"], payload["meta"]["layout"],
             len(page.encode("utf-8")) / 1e6)
    return page


def write_map(m: NetworkMap, path: str | os.PathLike[str], *, layout: str = "netz",
              anonymous: bool = False, with_contacts: bool = False,
              findings: Findings | None = None,
              title: str | None = None, cluster: ClusterBy | None = None,
              size_by: str | Mapping[str, float | int | None] = "degree",
              seed: int = 7,
              district_shapes: Sequence[DistrictShape] | str | os.PathLike[str] | None = None,
              need_indicator: str | None = None,
              coverage_gaps: Iterable[Finding] | None = None) -> Path:
    """Write the interactive map to ``path`` atomically and return the path.

    An existing file is replaced only when the new page is complete.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    >>> out = write_map(m, pathlib.Path(tempfile.mkdtemp()) / "karte.html")
    >>> out.name, out.stat().st_size > 400_000
    ('karte.html', True)
    """
    page = render_map(m, layout=layout, anonymous=anonymous, with_contacts=with_contacts,
                      findings=findings, title=title, cluster=cluster, size_by=size_by,
                      seed=seed, district_shapes=district_shapes,
                      need_indicator=need_indicator, coverage_gaps=coverage_gaps)
    target = write_page(path, page)
    log.info("Karte geschrieben: %s", target)
    return target


def notebook_html(m: NetworkMap, *, height: int = 650, **options: Any) -> str:
    """The map for inline display in Jupyter: a German summary and an ``<iframe srcdoc>``.

    The whole page is attribute-escaped into ``srcdoc``, which JupyterLab, the classic
    Notebook and VS Code all render (no file link, no server).
    """
    return _notebook_frame(m, render_map(m, **options), height)


def _notebook_frame(m: NetworkMap, page: str, height: int) -> str:
    c = m.counts()
    summary = (f"{html.escape(m.meta.municipality or 'Netzwerkkarte')}: {c['actor']} Akteure, "
               f"{c['office']} Ämter, {c['committee']} Gremien, {c['offer']} Angebote, "
               f"{c['edges']} Beziehungen")
    return (f'<div class="netzkarte-notebook"><p>{summary}</p>'
            f'<iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ccc" '
            'sandbox="allow-scripts allow-downloads" '
            'title="Interaktive Netzwerkkarte"></iframe></div>')


@dataclass(frozen=True)
class MapView:
    """A map ready for Jupyter: shows itself inline (``_repr_html_``), saves itself."""

    html: str
    page: str

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the map as one offline HTML file (atomically) and return the path."""
        return write_page(path, self.page)


def show(m: NetworkMap, findings: Findings | None = None, *, height: int = 650,
         **options: Any) -> MapView:
    """The map inline in a notebook, with the findings panel when ``findings`` are given.

    ``nk.show(karte, befunde, layout="kette")``: the options are those of
    :func:`render_map` (``layout``, ``anonymous``, ``cluster`` …). A result of
    :func:`~netzkarte.analysis.core.analyze` shows itself this way too; ``show`` chooses the
    layout, the height or anonymity.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    >>> view = show(m, layout="kreis", height=400)
    >>> "<iframe srcdoc=" in view._repr_html_(), "height:400px" in view._repr_html_()
    (True, True)
    """
    page = render_map(m, findings=findings, **options)
    return MapView(_notebook_frame(m, page, height), page)
