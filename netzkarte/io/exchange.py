"""Exchange formats: lossless JSON, GraphML and GEXF for other tools, save/load by suffix.

* **JSON** (``"schema": "netzkarte/1"``) is netzkarte's own lossless format, see
  :mod:`netzkarte.io.json_format`: ``read_json(write_json(m))`` gives back ``m``.
* **GraphML** and **GEXF** are for Gephi, yEd, Cytoscape and igraph. Attributes are flat:
  enums as their German labels (what people read in those tools), multi-values joined by
  ``"; "``, dates as ISO strings, empty values left out, extra columns prefixed with
  ``extra_``. Every node has ``label`` (its name) and ``type`` (``"Akteur"`` …); every
  edge has ``kind`` (``"Kooperation"`` …), ``directed`` and ``weight`` (the strength 1–4,
  else 1). Contact data (personal) is left out unless ``include_contact=True``; the
  district table is not part of these formats.
* The Kommune's own categories (sheet *Kategorien*) travel in GraphML as the graph
  attribute ``categories``: JSON text, a list of the records of the JSON format
  (:func:`~netzkarte.io.json_format.category_records`). GEXF 1.2 has no graph-level
  attributes (networkx writes only the graph's name), so a GEXF file does not carry the
  definitions; their effect, each node's sector and life phases, is in the node attributes
  of both formats.

Every file is written atomically (:func:`netzkarte.io.atomic.atomic_path`).

Examples
--------
>>> import tempfile, pathlib
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
>>> m.add_node("SG", "committee", name="Steuerungsgruppe")
>>> _ = m.add_edge("JA", "SG", "member", function="Vorsitz")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "karte.json"
>>> _ = save(m, path)
>>> load(path).counts()
{'actor': 0, 'office': 1, 'committee': 1, 'offer': 0, 'edges': 1}
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from netzkarte.errors import InputError, IssueCode, OptionError
from netzkarte.io.atomic import atomic_path
from netzkarte.io.json_format import (
    JSON_SCHEMA,
    category_records,
    check_file,
    read_json,
    to_json_dict,
    write_json,
)
from netzkarte.model import NetworkMap
from netzkarte.schema import PERSONAL_FIELDS
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType, Strength, Term

__all__ = [
    "JSON_SCHEMA",
    "SUFFIXES",
    "load",
    "read_json",
    "save",
    "to_json_dict",
    "write_gexf",
    "write_graphml",
    "write_json",
]

log = logging.getLogger(__name__)

SUFFIXES: tuple[str, ...] = (".xlsx", ".json", ".graphml", ".gexf")
"""File suffixes :func:`save` can write (:func:`load` reads ``.xlsx`` and ``.json``)."""

# Node colours and shapes for Gephi (GEXF viz); RGB.
_GEXF_VIZ: dict[NodeType, tuple[tuple[int, int, int], str, float]] = {
    NodeType.ACTOR: ((31, 119, 180), "disc", 10.0),
    NodeType.OFFICE: ((214, 39, 40), "square", 12.0),
    NodeType.COMMITTEE: ((255, 127, 14), "diamond", 14.0),
    NodeType.OFFER: ((44, 160, 44), "triangle", 8.0),
}


# --- GraphML and GEXF -----------------------------------------------------------------------


Flat = str | int | float | bool


def _flat(value: Any) -> Flat | None:
    """A typed value as one flat GraphML/GEXF value (German labels, "; "-joined lists)."""
    if value is None:
        return None
    if isinstance(value, Term):
        return value.label
    if isinstance(value, Strength):
        return int(value)
    if isinstance(value, tuple | list):
        items = [str(_flat(v)) for v in value if _flat(v) is not None]
        return "; ".join(items) if items else None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float | bool):
        return value
    return str(value)


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text XML can hold. A character XML forbids (the Excel reader removes them; a map
    from JSON or Python may still have one) is written as its visible symbol – U+0007 as
    ␇ (Unicode's picture of it), the rest as U+FFFD – so the file stays readable and the
    place visible.

    >>> _xml_text("Kita\\x07Nord")
    'Kita␇Nord'
    """
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(_symbol, text)


def _symbol(match: re.Match[str]) -> str:
    char = match.group()
    return chr(0x2400 + ord(char)) if char < " " else "\ufffd"


def _xml_safe(g: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """``g`` itself, or a copy whose IDs, attribute names and texts are :func:`_xml_text`
    when any of them holds a character XML forbids (then a warning says so)."""
    def bad(data: dict[Any, Any]) -> bool:
        return any(isinstance(x, str) and _NOT_XML.search(x) is not None
                   for item in data.items() for x in item)

    nodes: Any = g.nodes(data=True)
    edges: Any = g.edges(keys=True, data=True)
    if not (bad(g.graph) or any(_NOT_XML.search(n) or bad(d) for n, d in nodes)
            or any(bad(d) for _, _, _, d in edges)):
        return g

    def clean(data: dict[Any, Any]) -> dict[Any, Any]:
        return {_xml_text(k) if isinstance(k, str) else k:
                _xml_text(v) if isinstance(v, str) else v for k, v in data.items()}

    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(**clean(g.graph))
    out.add_nodes_from((_xml_text(n), clean(d)) for n, d in nodes)
    cleaned: Any = ((_xml_text(u), _xml_text(v), k, clean(d)) for u, v, k, d in edges)
    out.add_edges_from(cleaned)
    log.warning("Steuerzeichen, die GraphML und GEXF nicht speichern können, wurden als "
                "sichtbares Zeichen (z. B. ␇) geschrieben. Entfernen Sie sie in den Daten.")
    return out


def _unify(records: list[dict[str, Flat]]) -> None:
    """Give every attribute one type across all records (numbers → float, mixed → text).

    GraphML and GEXF declare one type per attribute; a column holding ``3`` here and
    ``"drei"`` there must become text everywhere or the file is invalid.
    """
    types: defaultdict[str, set[type]] = defaultdict(set)
    for record in records:
        for key, value in record.items():
            types[key].add(type(value))
    for key, found in types.items():
        if len(found) < 2:
            continue
        target: Callable[[Any], Flat] = float if found <= {int, float} else str
        for record in records:
            if key in record:
                record[key] = target(record[key])


def _flat_graph(network: NetworkMap, *, include_contact: bool,
                gexf: bool) -> nx.MultiDiGraph[str]:
    """A copy of the map's graph with flat, typed-consistent attributes."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    meta = network.meta
    g.graph["name"] = meta.title or meta.municipality
    if not gexf:
        for key in ("municipality", "county", "title", "snapshot", "mission", "goals"):
            value = _flat(getattr(meta, key))
            if value is not None:
                g.graph[key] = value
        own = category_records(network)
        if own:
            g.graph["categories"] = json.dumps(own, ensure_ascii=False)
    node_records: list[dict[str, Flat]] = []
    for nid, data in network.graph.nodes(data=True):
        ntype: NodeType = data["type"]
        record: dict[str, Flat] = {"label": str(data.get("name") or nid), "type": ntype.label}
        for key, value in data.items():
            if key in ("type", "extra", "label") or (key in PERSONAL_FIELDS
                                                     and not include_contact):
                continue
            flat = _flat(value)
            if flat is not None:
                record[key] = flat
        for name, value in data.get("extra", {}).items():
            flat = _flat(value)
            if flat is not None:
                record[f"extra_{name}"] = flat
        node_records.append(record)
    _unify(node_records)
    for nid, record in zip(network.graph.nodes, node_records, strict=True):
        attrs: dict[str, Any] = dict(record)
        if gexf:
            colour, shape, size = _GEXF_VIZ[network.graph.nodes[nid]["type"]]
            attrs["viz"] = {"color": dict(zip("rgb", colour, strict=True)) | {"a": 1.0},
                            "shape": shape, "size": size}
        g.add_node(nid, **attrs)
    edge_records: list[dict[str, Flat]] = []
    ends: list[tuple[str, str, int]] = []
    for u, v, k, data in network.graph.edges(keys=True, data=True):
        kind: EdgeKind = data["kind"]
        directed = EDGE_RULES[kind].directed
        record = {"kind": kind.label, "label": kind.label, "directed": directed,
                  "weight": int(data.get("strength") or 1)}
        for key, value in data.items():
            if key in ("kind", "extra"):
                continue
            flat = _flat(value)
            if flat is not None:
                record[key] = flat
        for name, value in data.get("extra", {}).items():
            flat = _flat(value)
            if flat is not None:
                record[f"extra_{name}"] = flat
        edge_records.append(record)
        ends.append((u, v, k))
    _unify(edge_records)
    for (u, v, k), record in zip(ends, edge_records, strict=True):
        attrs = dict(record)
        if gexf:
            # "mutual" (both ways) rather than "undirected": Gephi draws it without an
            # arrow preference and networkx can still read the file as one directed graph
            attrs["type"] = "directed" if record["directed"] else "mutual"
        g.add_edge(u, v, key=k, **attrs)
    return g


def _write_flat(network: NetworkMap, path: str | os.PathLike[str], *, include_contact: bool,
                gexf: bool) -> Path:
    """Flatten ``network`` and write it atomically as GEXF 1.2 or GraphML (UTF-8)."""
    g = _xml_safe(_flat_graph(network, include_contact=include_contact, gexf=gexf))
    target = Path(path)
    with atomic_path(target) as tmp:
        if gexf:
            nx.write_gexf(g, tmp, encoding="utf-8", version="1.2draft")
        else:
            nx.write_graphml(g, tmp, encoding="utf-8")
    log.info("Karte mit %d Knoten als %s geschrieben: %s", len(network),
             "GEXF" if gexf else "GraphML", target)
    return target


def write_graphml(network: NetworkMap, path: str | os.PathLike[str], *,
                  include_contact: bool = False) -> Path:
    """Write ``network`` as GraphML (for yEd, Cytoscape, igraph, Gephi).

    Parameters
    ----------
    network : NetworkMap
        The map.
    path : str or path-like
        Target file (written atomically).
    include_contact : bool
        Keep the personal ``contact`` attribute (default: left out).

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita")
    >>> m.add_node("GS", "actor", name="Grundschule", category="Grundschule")
    >>> _ = m.add_edge("K1", "GS", "cooperation", strength=3)
    >>> p = write_graphml(m, pathlib.Path(tempfile.mkdtemp()) / "k.graphml")
    >>> g = nx.read_graphml(p)
    >>> g.nodes["K1"]["sector"], g.nodes["K1"]["life_phases"]
    ('Kinder- und Jugendhilfe', '0–3 Jahre; 3–6 Jahre (Kita)')
    """
    return _write_flat(network, path, include_contact=include_contact, gexf=False)


def write_gexf(network: NetworkMap, path: str | os.PathLike[str], *,
               include_contact: bool = False) -> Path:
    """Write ``network`` as GEXF 1.2 for Gephi, with colours and shapes per node type.

    The graph is directed; edges of symmetric kinds (cooperation, contract) have the GEXF
    edge type ``mutual`` (they count in both directions; networkx reads them back as two
    edges).

    Parameters
    ----------
    network : NetworkMap
        The map.
    path : str or path-like
        Target file (written atomically).
    include_contact : bool
        Keep the personal ``contact`` attribute (default: left out).

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("JA", "office", name="Jugendamt")
    >>> m.add_node("SG", "committee", name="Steuerungsgruppe")
    >>> _ = m.add_edge("JA", "SG", "member")
    >>> p = write_gexf(m, pathlib.Path(tempfile.mkdtemp()) / "k.gexf")
    >>> nx.read_gexf(p).nodes["SG"]["label"]
    'Steuerungsgruppe'
    """
    return _write_flat(network, path, include_contact=include_contact, gexf=True)


# --- dispatch by suffix ---------------------------------------------------------------------


# spreadsheets netzkarte does not read itself, but Excel or LibreOffice save as .xlsx
_OTHER_SPREADSHEETS = {
    ".ods": "eine LibreOffice-/OpenOffice-Tabelle (.ods)",
    ".fods": "eine LibreOffice-/OpenOffice-Tabelle (.fods)",
    ".xls": "eine alte Excel-Datei (.xls)",
    ".xlsm": "eine Excel-Arbeitsmappe mit Makros (.xlsm)",
    ".xlsb": "eine binäre Excel-Arbeitsmappe (.xlsb)",
    ".numbers": "eine Numbers-Tabelle (.numbers)",
}


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def save(network: NetworkMap, path: str | os.PathLike[str], *,
         include_contact: bool = False) -> Path:
    """Write ``network`` in the format its suffix names.

    ``.xlsx`` writes the filled template (round trip with the importer), ``.json`` the
    lossless netzkarte JSON, ``.graphml`` and ``.gexf`` the flat graph formats.

    Parameters
    ----------
    network : NetworkMap
        The map.
    path : str or path-like
        Target file; its suffix selects the format.
    include_contact : bool
        GraphML/GEXF only: keep contact data (JSON and Excel always keep everything).

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    InputError
        For any other suffix (code ``unknown-format``).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> try:
    ...     save(NetworkMap(), "karte.csv")
    ... except InputError as err:
    ...     print(err.code)
    unknown-format
    """
    target = Path(path)
    suffix = _suffix(target)
    if suffix == ".xlsx":
        from netzkarte.io.template import write_excel

        write_excel(network, target)
        return target
    if suffix == ".json":
        return write_json(network, target)
    if suffix == ".graphml":
        return write_graphml(network, target, include_contact=include_contact)
    if suffix == ".gexf":
        return write_gexf(network, target, include_contact=include_contact)
    raise OptionError(f"Unbekanntes Zielformat „{target.suffix or target.name}“. Möglich sind "
                      + ", ".join(SUFFIXES) + ".", IssueCode.UNKNOWN_FORMAT)


def load(path: str | os.PathLike[str]) -> NetworkMap:
    """Read a map from a filled template (``.xlsx``) or a netzkarte ``.json``.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    NetworkMap
        The map.

    Raises
    ------
    InputError
        Unreadable file or an unknown suffix (code ``unknown-format``).
    ValidationError
        The content has errors (all of them in ``err.report``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> csv = pathlib.Path(tempfile.mkdtemp()) / "karte.csv"
    >>> _ = csv.write_text("ID;Name", encoding="utf-8")
    >>> try:
    ...     load(csv)
    ... except InputError as err:
    ...     print(err.code)
    unknown-format
    """
    source = Path(path)
    suffix = _suffix(source)
    if suffix == ".xlsx":
        from netzkarte.io.excel import read_excel

        network: NetworkMap = read_excel(source)
        return network
    if suffix == ".json":
        return read_json(source)
    if not source.is_file():
        check_file(source, "Datei")  # missing or a folder: say so, not "unknown format"
    if suffix in _OTHER_SPREADSHEETS:  # .ods, .xls …: the content is there, resave it
        raise InputError(f"„{source.name}“ ist {_OTHER_SPREADSHEETS[suffix]}; netzkarte liest "
                         "Arbeitsmappen im Format .xlsx. Bitte öffnen Sie die Datei in Excel "
                         "oder LibreOffice und speichern Sie sie als .xlsx (Datei → Speichern "
                         "unter → Excel-Arbeitsmappe (.xlsx)) und geben Sie die .xlsx-Datei an.",
                         IssueCode.UNKNOWN_FORMAT)
    raise InputError(f"Unbekanntes Dateiformat „{source.suffix or source.name}“. Lesbar sind "
                     ".xlsx (ausgefüllte Vorlage) und .json (netzkarte export).",
                     IssueCode.UNKNOWN_FORMAT)
