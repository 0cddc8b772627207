"""netzkarte's own JSON format (``"schema": "netzkarte/1"``): lossless, typed, versioned.

Node-link records with every typed attribute (enums as English codes, multi-values as
lists, dates as ISO strings, ``extra`` dates tagged ``{"$date": "…"}``), edges in graph
order with their keys, the order of extra columns, the district table (with dtypes) and the
map metadata. ``read_json(write_json(m))`` gives back ``m``.

Reading checks the envelope first (JSON at all? ``schema`` ours and this major version?)
and raises :class:`~netzkarte.errors.InputError` for anything unreadable; then every record
is decoded and every problem (an edge to an unknown node, an unknown code, a value of the
wrong type) is collected into one :class:`~netzkarte.errors.ValidationError`.

Examples
--------
>>> import tempfile, pathlib
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("JA", "office", name="Jugendamt")
>>> read_json(write_json(m, pathlib.Path(tempfile.mkdtemp()) / "k.json")).name("JA")
'Jugendamt'
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from netzkarte.errors import InputError, NetzkarteError, ValidationError, ValidationReport
from netzkarte.io.atomic import atomic_path
from netzkarte.model import NODE_FIELDS, MapMeta, NetworkMap
from netzkarte.schema import NODE_SHEETS, SHEETS, ValueKind, sheet
from netzkarte.vocab import EdgeKind, NodeType, Strength, Term

__all__ = ["JSON_SCHEMA", "check_file", "read_json", "to_json_dict", "write_json"]

log = logging.getLogger(__name__)

JSON_SCHEMA = "netzkarte/1"
"""Schema id written into every JSON file; readers refuse other major versions."""

_MAX_JSON_BYTES = 500 * 1024 * 1024
_EXPORT_HINT = "Schreiben Sie die Datei neu mit „netzkarte export DATEI -o karte.json“."

# How each attribute is typed, taken from the template schema (one table for everything).
_FIELD_KIND: dict[str, tuple[ValueKind, type[Term] | None]] = {}
for _sheet in SHEETS:
    for _col in _sheet.columns:
        _FIELD_KIND.setdefault(_col.attr, (_col.kind, _col.enum))
# Attributes the model fills from defaults when they are missing (dropped again on read
# when the JSON does not have them, so the round trip is exact).
_NODE_DEFAULTED = ("sector", "life_phases", "form")


# --- JSON: writing --------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """A typed attribute value as JSON (codes, lists, ISO dates)."""
    if isinstance(value, Term):
        return value.value
    if isinstance(value, Strength):
        return int(value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _encode_extra(value: Any) -> Any:
    """An ``extra`` value as JSON; dates are tagged so they come back as dates."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _scalar(value: Any) -> Any:
    """A district-table cell as JSON (numpy scalars unwrapped, missing → null)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return _encode_extra(value)


def to_json_dict(network: NetworkMap) -> dict[str, Any]:
    """The JSON document of ``network`` as a dict (what :func:`write_json` writes)."""
    from netzkarte import __version__

    meta = network.meta
    nodes = []
    for nid, data in network.graph.nodes(data=True):
        record: dict[str, Any] = {"id": nid, "type": data["type"].value}
        for key, value in data.items():
            if key not in ("type", "extra"):
                record[key] = _encode(value)
        record["extra"] = {k: _encode_extra(v) for k, v in data.get("extra", {}).items()}
        nodes.append(record)
    edges = []
    for u, v, k, data in network.graph.edges(keys=True, data=True):
        record = {"source": u, "target": v, "key": k, "kind": data["kind"].value}
        for key, value in data.items():
            if key not in ("kind", "extra"):
                record[key] = _encode(value)
        record["extra"] = {name: _encode_extra(x) for name, x in data.get("extra", {}).items()}
        edges.append(record)
    table = network.districts
    districts = {
        "index": table.index.name or "district",
        "columns": [str(c) for c in table.columns],
        "dtypes": [str(t) for t in table.dtypes],
        "data": [[_scalar(idx), *(_scalar(x) for x in row)]
                 for idx, row in zip(table.index, table.itertuples(index=False), strict=True)],
    }
    return {
        "schema": JSON_SCHEMA,
        "netzkarte_version": __version__,
        "meta": {"municipality": meta.municipality, "county": meta.county,
                 "title": meta.title, "snapshot": _encode(meta.snapshot),
                 "mission": meta.mission, "goals": list(meta.goals),
                 "extra": dict(meta.extra)},
        "nodes": nodes,
        "edges": edges,
        "extra_columns": {k: list(v) for k, v in network.extra_columns.items()},
        "districts": districts,
    }


def write_json(network: NetworkMap, path: str | os.PathLike[str]) -> Path:
    """Write ``network`` as netzkarte JSON (schema ``netzkarte/1``), losslessly.

    Parameters
    ----------
    network : NetworkMap
        The map.
    path : str or path-like
        Target file; written atomically, UTF-8, umlauts unescaped.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita")
    >>> p = write_json(m, pathlib.Path(tempfile.mkdtemp()) / "k.json")
    >>> doc = json.loads(p.read_text(encoding="utf-8"))
    >>> doc["schema"], doc["nodes"][0]["sector"], doc["nodes"][0]["life_phases"]
    ('netzkarte/1', 'youth_welfare', ['u3', 'kita'])
    """
    text = json.dumps(to_json_dict(network), ensure_ascii=False, indent=1, allow_nan=False)
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    log.info("Karte mit %d Knoten und %d Beziehungen als JSON geschrieben: %s",
             len(network), network.graph.number_of_edges(), target)
    return target


# --- JSON: reading --------------------------------------------------------------------------


def check_file(path: Path, what: str = "Datei") -> None:
    """Raise an :class:`InputError` when ``path`` is not a readable, non-empty file.

    Codes: ``file-missing`` (also for a folder), ``file-empty``, ``file-too-large``.

    >>> try:
    ...     check_file(Path("gibt-es-nicht.json"))
    ... except InputError as err:
    ...     print(err.code)
    file-missing
    """
    if not path.is_file():
        hint = " (das ist ein Ordner)" if path.is_dir() else ""
        raise InputError(f"Die Datei „{path}“ gibt es nicht{hint}. Prüfen Sie Pfad und "
                         "Dateinamen.", "file-missing")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"Die Datei „{path.name}“ ist leer (0 Byte). {_EXPORT_HINT}",
                         "file-empty")
    if size > _MAX_JSON_BYTES:
        raise InputError(f"Die {what} „{path.name}“ ist {size / 2**20:.0f} MB groß; erlaubt "
                         f"sind {_MAX_JSON_BYTES / 2**20:.0f} MB.", "file-too-large")


def _structure(path: Path, message: str) -> InputError:
    return InputError(f"„{path.name}“ ist keine gültige netzkarte-JSON-Datei: {message} "
                      f"{_EXPORT_HINT}", "bad-json-structure")


def _parse_document(path: Path) -> dict[str, Any]:
    """Read the file and check the envelope (JSON object, schema id, container types)."""
    check_file(path, "JSON-Datei")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"„{path.name}“ ist keine UTF-8-Textdatei und damit kein JSON. "
                         f"{_EXPORT_HINT}", "not-json") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"„{path.name}“ ist kein gültiges JSON (Zeile {err.lineno}, "
                         f"Spalte {err.colno}). {_EXPORT_HINT}", "not-json") from None
    except RecursionError:
        raise InputError(f"„{path.name}“ ist zu tief verschachtelt. {_EXPORT_HINT}",
                         "not-json") from None
    if not isinstance(doc, dict) or "schema" not in doc:
        raise InputError(f"„{path.name}“ ist JSON, aber keine netzkarte-Datei (das Feld "
                         f"„schema“ fehlt). Lesbar sind Dateien, die „netzkarte export … "
                         f"-o karte.json“ geschrieben hat.", "wrong-schema")
    schema = doc["schema"]
    if schema != JSON_SCHEMA:
        if isinstance(schema, str) and schema.startswith("netzkarte/"):
            raise InputError(f"„{path.name}“ hat das Schema „{schema}“; diese netzkarte-"
                             f"Version liest nur „{JSON_SCHEMA}“. Aktualisieren Sie netzkarte "
                             "(pip install -U netzkarte) oder exportieren Sie die Datei mit "
                             "dieser Version neu.", "wrong-schema")
        raise InputError(f"„{path.name}“ ist keine netzkarte-Datei (Schema „{schema}“, "
                         f"erwartet „{JSON_SCHEMA}“).", "wrong-schema")
    for key, kind, name in (("nodes", list, "eine Liste"), ("edges", list, "eine Liste"),
                            ("meta", dict, "ein Objekt"), ("extra_columns", dict, "ein Objekt"),
                            ("districts", dict, "ein Objekt")):
        if key in doc and not isinstance(doc[key], kind):
            raise _structure(path, f"„{key}“ muss {name} sein.")
    for key in ("nodes", "edges"):
        for i, record in enumerate(doc.get(key, [])):
            if not isinstance(record, dict):
                raise _structure(path, f"{key}[{i}] muss ein Objekt sein.")
    return doc


class _Decoder:
    """Turns JSON records back into typed values, collecting every problem."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report

    def problem(self, code: str, message: str, *, sheet_name: str | None, where: str,
                column: str | None = None, value: Any = None) -> None:
        self.report.add(code, f"{where}: {message}", sheet=sheet_name, column=column,
                        value=value)

    def value(self, key: str, raw: Any, *, sheet_name: str | None, where: str) -> Any:
        """Decode one attribute; returns ``None`` (and records an issue) when invalid."""
        kind, enum = _FIELD_KIND.get(key, (ValueKind.TEXT, None))
        column = _header(sheet_name, key)

        def bad(code: str, expected: str) -> None:
            self.problem(code, f"„{key}“ muss {expected} sein, nicht {raw!r}.",
                         sheet_name=sheet_name, where=where, column=column, value=raw)

        if raw is None:
            return None
        if kind is ValueKind.ENUM and enum is not None:
            parsed = enum.parse(raw) if isinstance(raw, str) else None
            if parsed is None:
                bad("unknown-value", "einer der Codes " + ", ".join(m.value for m in enum))
            return parsed
        if kind is ValueKind.MULTI_ENUM and enum is not None:
            items = raw if isinstance(raw, list) else [None]
            parsed_items = [enum.parse(x) if isinstance(x, str) else None for x in items]
            if any(p is None for p in parsed_items):
                bad("unknown-value", "eine Liste der Codes " + ", ".join(m.value for m in enum))
                return None
            return tuple(parsed_items)
        if kind is ValueKind.MULTI_TEXT:
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                bad("bad-value", "eine Liste von Texten")
                return None
            return tuple(raw)
        if kind is ValueKind.BOOL:
            if not isinstance(raw, bool):
                bad("bad-bool", "true oder false")
                return None
            return raw
        if kind in (ValueKind.FLOAT, ValueKind.INT):
            ok = isinstance(raw, int | float) and not isinstance(raw, bool)
            if not ok or (kind is ValueKind.INT and not isinstance(raw, int)):
                bad("bad-number", "eine ganze Zahl" if kind is ValueKind.INT else "eine Zahl")
                return None
            return raw
        if kind is ValueKind.STRENGTH:
            strength = Strength.parse(raw) if isinstance(raw, int) else None
            if strength is None:
                bad("bad-strength", "eine Zahl von 1 bis 4")
            return strength
        if kind is ValueKind.DATE:
            try:
                return date.fromisoformat(raw)
            except (TypeError, ValueError):
                bad("bad-date", "ein Datum im Format JJJJ-MM-TT")
                return None
        if isinstance(raw, dict | list):
            bad("bad-value", "ein Text oder eine Zahl")
            return None
        return raw

    def extra(self, raw: Any, *, sheet_name: str | None, where: str) -> dict[str, Any]:
        """Decode an ``extra`` dict (tagged dates back to dates)."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem("bad-value", "„extra“ muss ein Objekt sein.", sheet_name=sheet_name,
                         where=where, column="extra", value=str(raw))
            return {}
        out: dict[str, Any] = {}
        for name, value in raw.items():
            out[name] = _decode_tagged(value)
            if isinstance(out[name], dict | list):
                self.problem("bad-value", f"Zusatzspalte „{name}“ hat keinen einfachen Wert.",
                             sheet_name=sheet_name, where=where, column=name, value=str(value))
                del out[name]
        return out


def _decode_tagged(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        try:
            if tag == "$date":
                return date.fromisoformat(text)
            if tag == "$datetime":
                return datetime.fromisoformat(text)
        except (TypeError, ValueError):
            return value
    return value


def _header(sheet_name: str | None, attr: str) -> str:
    """The German column header of ``attr`` on ``sheet_name`` (else the attribute name)."""
    if sheet_name:
        try:
            for col in sheet(sheet_name).columns:
                if col.attr == attr:
                    return col.header
        except KeyError:
            pass
    return attr


def _edge_sheet(kind: EdgeKind | None) -> str:
    return "Mitgliedschaften" if kind is EdgeKind.MEMBER else "Beziehungen"


def _read_nodes(doc: dict[str, Any], network: NetworkMap, dec: _Decoder) -> None:
    for i, record in enumerate(doc.get("nodes", [])):
        nid, raw_type = record.get("id"), record.get("type")
        ntype = NodeType.parse(raw_type) if isinstance(raw_type, str) else None
        sheet_name = NODE_SHEETS[ntype].name if ntype else None
        where = f"Knoten nodes[{i}]" + (f" (ID „{nid}“)" if isinstance(nid, str) else "")
        if not isinstance(nid, str) or not nid:
            dec.problem("missing-value", "„id“ fehlt oder ist kein Text.",
                        sheet_name=sheet_name, where=where, column="ID", value=nid)
            continue
        if ntype is None:
            dec.problem("unknown-value", "„type“ muss actor, office, committee oder offer "
                        "sein.", sheet_name=None, where=where, column="type", value=raw_type)
            continue
        if nid in network:
            dec.problem("duplicate-id", "Die ID kommt mehrfach vor; jede ID darf nur einmal "
                        "vergeben sein.", sheet_name=sheet_name, where=where, column="ID",
                        value=nid)
            continue
        attrs: dict[str, Any] = {}
        for key, raw in record.items():
            if key in ("id", "type", "extra"):
                continue
            value = dec.value(key, raw, sheet_name=sheet_name, where=where)
            if value is not None:
                attrs[key] = value
        name = attrs.pop("name", "")
        # Category defaults may store sector/life phases on types whose template has no
        # such column (an office's life phases): accept them as stored, typed.
        stray = {k: attrs.pop(k) for k in list(attrs)
                 if k not in NODE_FIELDS[ntype] and k in _NODE_DEFAULTED}
        extra = dec.extra(record.get("extra"), sheet_name=sheet_name, where=where)
        try:
            network.add_node(nid, ntype, name=str(name), extra=extra, **attrs)
        except ValueError as err:
            dec.problem("unknown-value", str(err), sheet_name=sheet_name, where=where)
            continue
        data = network.graph.nodes[nid]
        for key in _NODE_DEFAULTED:
            if key not in attrs:
                data.pop(key, None)
        data.update(stray)
        if isinstance(record.get("name"), str):
            data["name"] = record["name"]


def _read_edges(doc: dict[str, Any], network: NetworkMap, dec: _Decoder) -> None:
    for i, record in enumerate(doc.get("edges", [])):
        u, v, raw_kind = record.get("source"), record.get("target"), record.get("kind")
        kind = EdgeKind.parse(raw_kind) if isinstance(raw_kind, str) else None
        sheet_name = _edge_sheet(kind)
        where = f"Beziehung edges[{i}] ({u} → {v})"
        if kind is None:
            dec.problem("unknown-value", "„kind“ muss einer der Codes "
                        + ", ".join(k.value for k in EdgeKind) + " sein.",
                        sheet_name=sheet_name, where=where, column="Art", value=raw_kind)
            continue
        missing = [x for x in (u, v) if not isinstance(x, str) or x not in network]
        if missing:
            dec.problem("unknown-reference",
                        "Die Beziehung verweist auf "
                        + ", ".join(f"„{x}“" for x in missing)
                        + ", aber diesen Knoten gibt es in „nodes“ nicht. Ergänzen Sie den "
                          "Knoten oder entfernen Sie die Beziehung.",
                        sheet_name=sheet_name, where=where,
                        column="Von" if missing[0] == u else "Zu", value=str(missing[0]))
            continue
        attrs: dict[str, Any] = {}
        for key, raw in record.items():
            if key in ("source", "target", "key", "kind", "extra"):
                continue
            value = dec.value(key, raw, sheet_name=sheet_name, where=where)
            if value is not None:
                attrs[key] = value
        extra = dec.extra(record.get("extra"), sheet_name=sheet_name, where=where)
        try:
            key = network.add_edge(str(u), str(v), kind, extra=extra, **attrs)
        except NetzkarteError as err:
            code = "self-loop" if u == v else "wrong-reference-type"
            dec.problem(code, str(err), sheet_name=sheet_name, where=where, column="Art",
                        value=kind.label)
            continue
        except ValueError as err:
            dec.problem("unknown-value", str(err), sheet_name=sheet_name, where=where)
            continue
        parallel: dict[Any, dict[str, Any]] = network.graph[u][v]
        if "function" not in attrs:
            parallel[key].pop("function", None)
        wanted = record.get("key")
        # keys follow from insertion order; a gap left by a deleted edge is restored here
        if (isinstance(wanted, int) and not isinstance(wanted, bool) and wanted != key
                and wanted not in parallel):
            data = dict(parallel[key])
            network.graph.remove_edge(u, v, key=key)
            network.graph.add_edge(u, v, key=wanted, **data)


def _read_districts(raw: Mapping[str, Any], dec: _Decoder) -> pd.DataFrame | None:
    index, columns = raw.get("index", "district"), raw.get("columns", [])
    dtypes, rows = raw.get("dtypes", []), raw.get("data", [])
    where = "Sozialräume"
    if (not isinstance(columns, list) or not isinstance(rows, list)
            or not all(isinstance(r, list) and len(r) == len(columns) + 1 for r in rows)):
        dec.problem("bad-value", "„districts“ braucht „columns“ und „data“ mit gleich "
                    "langen Zeilen.", sheet_name="Sozialräume", where=where)
        return None
    names = [r[0] for r in rows]
    seen: set[Any] = set()
    for name in names:
        if name in seen:
            dec.problem("duplicate-district", f"Sozialraum „{name}“ steht mehrfach in der "
                        "Tabelle.", sheet_name="Sozialräume", where=where,
                        column="Sozialraum", value=name)
        seen.add(name)
    table = pd.DataFrame([[_decode_tagged(x) for x in r] for r in rows],
                         columns=[str(index), *map(str, columns)])
    table = table.set_index(str(index))
    if isinstance(dtypes, list) and len(dtypes) == len(columns):
        for column, dtype in zip(table.columns, dtypes, strict=True):
            # keep what pandas inferred when the dtype does not apply; values are unchanged
            with contextlib.suppress(TypeError, ValueError):
                table[column] = table[column].astype(dtype)
    return table


def _read_meta(raw: Mapping[str, Any], dec: _Decoder) -> MapMeta:
    meta = MapMeta()
    for key in ("municipality", "county", "title", "mission"):
        value = raw.get(key)
        if isinstance(value, str):
            setattr(meta, key, value)
    snapshot = raw.get("snapshot")
    if snapshot is not None:
        try:
            meta.snapshot = date.fromisoformat(snapshot)
        except (TypeError, ValueError):
            dec.problem("bad-date", "„snapshot“ muss ein Datum JJJJ-MM-TT sein.",
                        sheet_name=None, where="meta", column="Stand", value=str(snapshot))
    goals = raw.get("goals") or []
    if isinstance(goals, list) and all(isinstance(g, str) for g in goals):
        meta.goals = tuple(goals)
    else:
        dec.problem("bad-value", "„goals“ muss eine Liste von Texten sein.", sheet_name=None,
                    where="meta", column="Strategische Ziele", value=str(goals))
    extra = raw.get("extra") or {}
    if isinstance(extra, dict):
        meta.extra = {str(k): str(v) for k, v in extra.items()}
    return meta


def read_json(path: str | os.PathLike[str]) -> NetworkMap:
    """Read a map written by :func:`write_json`.

    Parameters
    ----------
    path : str or path-like
        A ``.json`` file with ``"schema": "netzkarte/1"``.

    Returns
    -------
    NetworkMap
        The map, identical to the one written; ``meta.source`` is this file (the source
        path is not written, so a shared export names no one's home folder).

    Raises
    ------
    InputError
        The file is missing, empty, not JSON, not a netzkarte file or of another schema
        version (German message; exit code 2 on the command line).
    ValidationError
        The records are readable but wrong: an edge to an unknown node, an unknown code,
        a value of the wrong type, a duplicate id. The report lists every problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "fremd.json"
    >>> _ = p.write_text('{"nodes": []}', encoding="utf-8")
    >>> try:
    ...     read_json(p)
    ... except InputError as err:
    ...     print(err.code)
    wrong-schema
    """
    p = Path(path)
    doc = _parse_document(p)
    report = ValidationReport(source=str(p))
    dec = _Decoder(report)
    meta = _read_meta(doc.get("meta") or {}, dec)
    meta.source = str(p)
    network = NetworkMap(meta=meta)
    _read_nodes(doc, network, dec)
    _read_edges(doc, network, dec)
    columns = doc.get("extra_columns") or {}
    network.extra_columns = {str(k): [str(c) for c in v] for k, v in columns.items()
                             if isinstance(v, list)}
    if doc.get("districts"):
        table = _read_districts(doc["districts"], dec)
        if table is not None:
            network.set_districts(table)
    report.counts = network.counts()
    if not report.ok:
        raise ValidationError(report)
    log.info("Karte mit %d Knoten und %d Beziehungen aus JSON gelesen: %s",
             len(network), network.graph.number_of_edges(), p)
    return network
