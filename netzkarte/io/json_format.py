"""netzkarte's own JSON format (``"schema": "netzkarte/1"``): lossless, typed, versioned.

Node-link records with every typed attribute (enums as English codes, multi-values as
lists, dates as ISO strings, ``extra`` dates tagged ``{"$date": "…"}``; ``"defaults"``
lists the attributes a category's defaults filled in, which the user left empty), edges in graph
order with their keys, the order of extra columns, the district table (with dtypes), the
Kommune's own categories (sheet *Kategorien*, key ``"categories"``; files without it have
none) and the map metadata. ``read_json(write_json(m))`` gives back ``m``.

An own category is written as::

    {"label": "Krabbelgruppe", "node_type": "offer", "sector": "youth_welfare",
     "life_phases": ["u3"], "form": null, "aliases": ["Krabbelkreis"], "core": null,
     "town_wide": false, "note": "seit 2020", "extra": {"Quelle": "AG 78"}}

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

import json
import logging
import math
import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from netzkarte.errors import (
    InputError,
    IssueCode,
    NetzkarteError,
    ValidationError,
    ValidationReport,
)
from netzkarte.io.atomic import atomic_path
from netzkarte.io.build import _CYCLE_COLUMNS, _CYCLE_TEXT, _acyclic, _circle, own_category
from netzkarte.model import NODE_FIELDS, MapMeta, NetworkMap
from netzkarte.schema import (
    CATEGORY_NODE_TYPES,
    CATEGORY_SHEET,
    MAX_NUMBER,
    NODE_SHEETS,
    NUMBER_RANGE,
    SHEETS,
    ValueKind,
    sheet,
)
from netzkarte.vocab import CategoryInfo, EdgeKind, LifePhase, NodeType, Strength, Term, fold

__all__ = ["JSON_SCHEMA", "category_records", "check_file", "read_json", "to_json_dict",
           "write_json"]

log = logging.getLogger(__name__)

JSON_SCHEMA = "netzkarte/1"
"""Schema id written into every JSON file; readers refuse other major versions."""

_MAX_JSON_BYTES = 500 * 1024 * 1024
_MAX_DIGITS = 308  # an integer with more digits is no float (what Excel and JavaScript hold)
_EXPORT_HINT = "Schreiben Sie die Datei neu mit „netzkarte export DATEI -o karte.json“."

# How each attribute is typed, taken from the template schema (one table for everything).
_FIELD_KIND: dict[str, tuple[ValueKind, type[Term] | None]] = {}
for _sheet in SHEETS:
    for _col in _sheet.columns:
        _FIELD_KIND.setdefault(_col.attr, (_col.kind, _col.enum))
# Attributes the model fills from defaults when they are missing (dropped again on read
# when the JSON does not have them, so the round trip is exact). A node's "defaults" names
# those of its values that came from its category, not from the user.
_NODE_DEFAULTED = ("sector", "life_phases", "form")
_NODE_RECORD_KEYS = ("id", "type", "extra", "defaults")


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


def category_records(network: NetworkMap) -> list[dict[str, Any]]:
    """The map's own categories as JSON records, each with its Bemerkung and extra columns.

    >>> from netzkarte import NetworkMap
    >>> from netzkarte.vocab import CategoryInfo, NodeType, Sector
    >>> m = NetworkMap()
    >>> m.set_categories([CategoryInfo("Krabbelgruppe", NodeType.OFFER, Sector.YOUTH_WELFARE,
    ...                                (), custom=True)])
    >>> category_records(m)[0]["node_type"]
    'offer'
    """
    out = []
    for info in network.categories.custom:
        kept = network.category_extra.get(info.label, {})
        out.append({"label": info.label, "node_type": info.node_type.value,
                    "sector": info.sector.value, "life_phases": _encode(info.life_phases),
                    "form": _encode(info.form), "aliases": list(info.aliases),
                    "core": _encode(info.core), "town_wide": info.town_wide,
                    "note": kept.get("note"),
                    "extra": {k: _encode_extra(v) for k, v in kept.items() if k != "note"}})
    return out


def to_json_dict(network: NetworkMap) -> dict[str, Any]:
    """The JSON document of ``network`` as a dict (what :func:`write_json` writes)."""
    from netzkarte import __version__

    meta = network.meta
    defaulted = network.defaulted
    nodes = []
    for nid, data in network.graph.nodes(data=True):
        record: dict[str, Any] = {"id": nid, "type": data["type"].value}
        for key, value in data.items():
            if key not in ("type", "extra"):
                record[key] = _encode(value)
        record["extra"] = {k: _encode_extra(v) for k, v in data.get("extra", {}).items()}
        filled = defaulted.get(nid)
        if filled:
            kept = [k for k, v in filled.items() if data.get(k) == v]
            if kept:
                record["defaults"] = kept
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
        "categories": category_records(network),
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
                         "Dateinamen.", IssueCode.FILE_MISSING)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"Die Datei „{path.name}“ ist leer (0 Byte). {_EXPORT_HINT}",
                         IssueCode.FILE_EMPTY)
    if size > _MAX_JSON_BYTES:
        raise InputError(f"Die {what} „{path.name}“ ist {size / 2**20:.0f} MB groß; erlaubt "
                         f"sind {_MAX_JSON_BYTES / 2**20:.0f} MB.", IssueCode.FILE_TOO_LARGE)


def _structure(path: Path, message: str) -> InputError:
    return InputError(f"„{path.name}“ ist keine gültige netzkarte-JSON-Datei: {message} "
                      f"{_EXPORT_HINT}", IssueCode.BAD_JSON_STRUCTURE)


def _parse_document(path: Path) -> dict[str, Any]:
    """Read the file and check the envelope (JSON object, schema id, container types)."""
    check_file(path, "JSON-Datei")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"„{path.name}“ ist keine UTF-8-Textdatei und damit kein JSON. "
                         f"{_EXPORT_HINT}", IssueCode.NOT_JSON) from None
    try:
        doc, bad = _loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"„{path.name}“ ist kein gültiges JSON (Zeile {err.lineno}, "
                         f"Spalte {err.colno}). {_EXPORT_HINT}", IssueCode.NOT_JSON) from None
    except RecursionError:
        raise InputError(f"„{path.name}“ ist zu tief verschachtelt. {_EXPORT_HINT}",
                         IssueCode.NOT_JSON) from None
    if not isinstance(doc, dict) or "schema" not in doc:
        raise InputError(f"„{path.name}“ ist JSON, aber keine netzkarte-Datei (das Feld "
                         f"„schema“ fehlt). Lesbar sind Dateien, die „netzkarte export … "
                         f"-o karte.json“ geschrieben hat.", IssueCode.WRONG_SCHEMA)
    schema = doc["schema"]
    if schema != JSON_SCHEMA:
        if isinstance(schema, str) and schema.startswith("netzkarte/"):
            raise InputError(f"„{path.name}“ hat das Schema „{schema}“; diese netzkarte-"
                             f"Version liest nur „{JSON_SCHEMA}“. Aktualisieren Sie netzkarte "
                             "(pip install -U netzkarte) oder exportieren Sie die Datei mit "
                             "dieser Version neu.", IssueCode.WRONG_SCHEMA)
        raise InputError(f"„{path.name}“ ist keine netzkarte-Datei (Schema „{schema}“, "
                         f"erwartet „{JSON_SCHEMA}“).", IssueCode.WRONG_SCHEMA)
    for key, kind, name in (("nodes", list, "eine Liste"), ("edges", list, "eine Liste"),
                            ("meta", dict, "ein Objekt"), ("extra_columns", dict, "ein Objekt"),
                            ("districts", dict, "ein Objekt"), ("categories", list, "eine Liste")):
        if key in doc and not isinstance(doc[key], kind):
            raise _structure(path, f"„{key}“ muss {name} sein.")
    for key in ("nodes", "edges", "categories"):
        for i, record in enumerate(doc.get(key, [])):
            if not isinstance(record, dict):
                raise _structure(path, f"{key}[{i}] muss ein Objekt sein.")
    if bad:
        doc[_BAD_NUMBERS] = _take_bad_numbers(doc)
    if _SURROGATE.search(text):  # "\\ud800": half of a character pair, no character
        doc[_BAD_TEXTS] = _take_lone_surrogates(doc)
    return doc


class _BadNumber:
    """A number of the file that no reader or writer can hold: NaN, ±Infinity, 1e400, or an
    integer of more than 308 digits. It stands in the document until it is reported."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        digits = text.lstrip("-")
        self.text = f"{text[:12]}… ({len(digits)} Ziffern)" if len(text) > 24 else text

    def __repr__(self) -> str:
        return self.text


_BAD_NUMBERS = "\0bad-numbers"  # key under which _parse_document hands them on
_BAD_TEXTS = "\0bad-texts"
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile(r"[\ud800-\udfff]")  # after json.loads, only unpaired halves remain


def _take_lone_surrogates(doc: Any) -> list[str]:
    """JSON paths of texts (and keys) with half a surrogate pair, which no file can hold
    (writing it fails); each such text gets U+FFFD in its place until it is reported."""
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        container, path = stack.pop()
        items = list(container.items() if isinstance(container, dict) else enumerate(container))
        for key, value in items:
            here = (f"{path}[{key}]" if isinstance(key, int)
                    else f"{path}.{key}" if path else str(key))
            if isinstance(key, str) and _LONE.search(key):
                found.append(here)
                del container[key]
                key = _LONE.sub("\ufffd", key)
                container[key] = value
            if isinstance(value, str) and _LONE.search(value):
                found.append(here)
                container[key] = _LONE.sub("\ufffd", value)
            elif isinstance(value, dict | list):
                stack.append((value, here))
    return sorted(set(found))


def _loads(text: str) -> tuple[Any, bool]:
    """``json.loads`` that never fails on a number: bad ones become :class:`_BadNumber`.

    Python's ``json`` reads ``NaN`` and ``Infinity``, turns ``1e400`` into ``inf`` and
    refuses integers of more than 4,300 digits with a ``ValueError``; here each becomes a
    marker whose place is reported with its JSON path.
    """
    seen: list[bool] = []

    def integer(literal: str) -> int | _BadNumber:
        if len(literal) > _MAX_DIGITS and len(literal.lstrip("-")) > _MAX_DIGITS:
            seen.append(True)
            return _BadNumber(literal)
        return int(literal)

    def real(literal: str) -> float | _BadNumber:
        value = float(literal)
        if math.isfinite(value):
            return value
        seen.append(True)
        return _BadNumber(literal)

    def constant(literal: str) -> _BadNumber:
        seen.append(True)
        return _BadNumber(literal)

    doc = json.loads(text, parse_int=integer, parse_float=real, parse_constant=constant)
    return doc, bool(seen)


def _take_bad_numbers(doc: Any) -> list[tuple[str, str]]:
    """Every :class:`_BadNumber` as ``(JSON path, literal)``; each is replaced by ``None``."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        container, path = stack.pop()
        items = (container.items() if isinstance(container, dict) else enumerate(container))
        for key, value in list(items):
            here = (f"{path}[{key}]" if isinstance(key, int)
                    else f"{path}.{key}" if path else str(key))
            if isinstance(value, _BadNumber):
                found.append((here, value.text))
                container[key] = None
            elif isinstance(value, dict | list):
                stack.append((value, here))
    return sorted(found)


def _report_bad_numbers(doc: dict[str, Any], dec: _Decoder) -> None:
    """Report the numbers :func:`_take_bad_numbers` took out, each with its JSON path."""
    for path, literal in doc.pop(_BAD_NUMBERS, []):
        sheet_name, column = None, path.rsplit(".", 1)[-1]
        match = re.match(r"(nodes|edges)\[(\d+)\]\.(\w+)$", path)
        records = doc.get(match.group(1), []) if match else []
        if match and int(match.group(2)) < len(records):
            record = records[int(match.group(2))]
            if match.group(1) == "nodes":
                ntype = NodeType.parse(record.get("type")) if isinstance(
                    record.get("type"), str) else None
                sheet_name = NODE_SHEETS[ntype].name if ntype else None
            else:
                kind = record.get("kind")
                sheet_name = _edge_sheet(EdgeKind.parse(kind) if isinstance(kind, str)
                                         else None)
            column = _header(sheet_name, match.group(3))
        elif path.startswith("districts"):
            sheet_name = "Sozialräume"
        dec.problem(IssueCode.BAD_NUMBER,
                    f"{literal} ist keine gültige Zahl (nicht endlich oder mit "
                    f"mehr als {_MAX_DIGITS} Stellen). Tragen Sie eine Zahl ein oder "
                    "exportieren Sie die Datei neu.", sheet_name=sheet_name, where=path,
                    column=column, value=literal)


def _json_path(where: str, key: str) -> str:
    """``nodes[3].capacity`` from a place like ``Knoten nodes[3] (ID „K1“)`` and a key."""
    match = re.search(r"\b([a-z_]+\[\d+\])", where)
    base = match.group(1) if match else where.split(" ")[0] if where else ""
    return f"{base}.{key}" if base else key


def _expected_number(key: str, integer: bool) -> str:
    low, high = NUMBER_RANGE.get(key, (-MAX_NUMBER, MAX_NUMBER))
    what = "eine ganze Zahl" if integer else "eine Zahl"
    if high < MAX_NUMBER:
        return f"{what} von {low:g} bis {high:g}"
    return f"{what} ab 0 (höchstens 15 Stellen)" if low == 0 else \
        f"{what} mit höchstens 15 Stellen vor dem Komma"


def _number_ok(key: str, value: int | float) -> bool:
    low, high = NUMBER_RANGE.get(key, (-MAX_NUMBER, MAX_NUMBER))
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return low <= value <= high


class _Decoder:
    """Turns JSON records back into typed values, collecting every problem."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report

    def problem(self, code: IssueCode, message: str, *, sheet_name: str | None, where: str,
                column: str | None = None, value: Any = None) -> None:
        self.report.add(code, f"{where}: {message}", sheet=sheet_name, column=column,
                        value=value)

    def value(self, key: str, raw: Any, *, sheet_name: str | None, where: str) -> Any:
        """Decode one attribute; returns ``None`` (and records an issue) when invalid."""
        kind, enum = _FIELD_KIND.get(key, (ValueKind.TEXT, None))
        column = _header(sheet_name, key)

        def bad(code: IssueCode, expected: str) -> None:
            shown = repr(raw) if len(repr(raw)) <= 40 else f"{repr(raw)[:40]}…"
            self.problem(code, f"„{key}“ ({_json_path(where, key)}) muss {expected} sein, "
                         f"nicht {shown}.", sheet_name=sheet_name, where=where, column=column,
                         value=raw if isinstance(raw, str | int | float | bool) else str(raw))

        if raw is None:
            return None
        if kind is ValueKind.ENUM and enum is not None:
            parsed = enum.parse(raw) if isinstance(raw, str) else None
            if parsed is None:
                bad(IssueCode.UNKNOWN_VALUE, "einer der Codes " + ", ".join(m.value for m in enum))
            return parsed
        if kind is ValueKind.MULTI_ENUM and enum is not None:
            items = raw if isinstance(raw, list) else [None]
            parsed_items = [enum.parse(x) if isinstance(x, str) else None for x in items]
            if any(p is None for p in parsed_items):
                bad(IssueCode.UNKNOWN_VALUE,
                    "eine Liste der Codes " + ", ".join(m.value for m in enum))
                return None
            return tuple(parsed_items)
        if kind is ValueKind.MULTI_TEXT:
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                bad(IssueCode.BAD_VALUE, "eine Liste von Texten")
                return None
            return tuple(raw)
        if kind is ValueKind.BOOL:
            if not isinstance(raw, bool):
                bad(IssueCode.BAD_BOOL, "true oder false")
                return None
            return raw
        if kind in (ValueKind.FLOAT, ValueKind.INT):
            integer = kind is ValueKind.INT
            ok = isinstance(raw, int | float) and not isinstance(raw, bool)
            if not ok or (integer and not isinstance(raw, int)) or not _number_ok(key, raw):
                bad(IssueCode.BAD_NUMBER, _expected_number(key, integer))
                return None
            return raw
        if kind is ValueKind.STRENGTH:
            strength = Strength.parse(raw) if isinstance(raw, int) else None
            if strength is None:
                bad(IssueCode.BAD_STRENGTH, "eine Zahl von 1 bis 4")
            return strength
        if kind is ValueKind.DATE:
            try:
                return date.fromisoformat(raw)
            except (TypeError, ValueError):
                bad(IssueCode.BAD_DATE, "ein Datum im Format JJJJ-MM-TT")
                return None
        if isinstance(raw, dict | list):
            bad(IssueCode.BAD_VALUE, "ein Text oder eine Zahl")
            return None
        return raw

    def extra(self, raw: Any, *, sheet_name: str | None, where: str) -> dict[str, Any]:
        """Decode an ``extra`` dict (tagged dates back to dates)."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(IssueCode.BAD_VALUE,
                         "„extra“ muss ein Objekt sein.", sheet_name=sheet_name,
                         where=where, column="extra", value=str(raw))
            return {}
        out: dict[str, Any] = {}
        for name, value in raw.items():
            out[name] = _decode_tagged(value)
            if isinstance(out[name], dict | list):
                self.problem(IssueCode.BAD_VALUE,
                             f"Zusatzspalte „{name}“ hat keinen einfachen Wert.",
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
            dec.problem(IssueCode.MISSING_VALUE, "„id“ fehlt oder ist kein Text.",
                        sheet_name=sheet_name, where=where, column="ID", value=nid)
            continue
        if ntype is None:
            dec.problem(IssueCode.UNKNOWN_VALUE, "„type“ muss actor, office, committee oder offer "
                        "sein.", sheet_name=None, where=where, column="type", value=raw_type)
            continue
        if nid in network:
            dec.problem(IssueCode.DUPLICATE_ID,
                        "Die ID kommt mehrfach vor; jede ID darf nur einmal "
                        "vergeben sein.", sheet_name=sheet_name, where=where, column="ID",
                        value=nid)
            continue
        attrs: dict[str, Any] = {}
        for key, raw in record.items():
            if key in _NODE_RECORD_KEYS:
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
            dec.problem(IssueCode.UNKNOWN_VALUE, str(err), sheet_name=sheet_name, where=where)
            continue
        data = network.graph.nodes[nid]
        for key in _NODE_DEFAULTED:
            if key not in attrs:
                data.pop(key, None)
        data.update(stray)
        _read_defaults(record.get("defaults"), nid, network, dec, sheet_name, where)
        if isinstance(record.get("name"), str):
            data["name"] = record["name"]


def _read_defaults(raw: Any, nid: str, network: NetworkMap, dec: _Decoder,
                   sheet_name: str | None, where: str) -> None:
    """A node's ``"defaults"``: which of its values its category filled in."""
    network.defaulted.pop(nid, None)
    if raw is None:
        return
    if not isinstance(raw, list) or not all(k in _NODE_DEFAULTED for k in raw):
        shown = repr(raw) if len(repr(raw)) <= 40 else f"{repr(raw)[:40]}…"
        dec.problem(IssueCode.BAD_VALUE, f"„defaults“ ({_json_path(where, 'defaults')}) muss "
                    "eine Liste aus " + ", ".join(f"„{k}“" for k in _NODE_DEFAULTED) +
                    f" sein, nicht {shown}. {_EXPORT_HINT}", sheet_name=sheet_name,
                    where=where, column="defaults", value=str(raw))
        return
    data = network.graph.nodes[nid]
    filled = {key: data[key] for key in raw if key in data}
    if filled:
        network.defaulted[nid] = filled


def _read_edges(doc: dict[str, Any], network: NetworkMap, dec: _Decoder) -> None:
    for i, record in enumerate(doc.get("edges", [])):
        u, v, raw_kind = record.get("source"), record.get("target"), record.get("kind")
        kind = EdgeKind.parse(raw_kind) if isinstance(raw_kind, str) else None
        sheet_name = _edge_sheet(kind)
        where = f"Beziehung edges[{i}] ({u} → {v})"
        if kind is None:
            dec.problem(IssueCode.UNKNOWN_VALUE, "„kind“ muss einer der Codes "
                        + ", ".join(k.value for k in EdgeKind) + " sein.",
                        sheet_name=sheet_name, where=where, column="Art", value=raw_kind)
            continue
        missing = [x for x in (u, v) if not isinstance(x, str) or x not in network]
        if missing:
            dec.problem(IssueCode.UNKNOWN_REFERENCE,
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
            code = IssueCode.SELF_LOOP if u == v else IssueCode.WRONG_REFERENCE_TYPE
            dec.problem(code, str(err), sheet_name=sheet_name, where=where, column="Art",
                        value=kind.label)
            continue
        except ValueError as err:
            dec.problem(IssueCode.UNKNOWN_VALUE, str(err), sheet_name=sheet_name, where=where)
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


# Reference attributes that are no edge (Federführung, Ort): (attr, header, allowed types)
_REF_ATTRS: dict[NodeType, tuple[tuple[str, str, frozenset[NodeType]], ...]] = {
    s.node_type: tuple((c.attr, c.header, c.ref_types) for c in s.columns
                       if c.kind is ValueKind.REF and c.edge is None)
    for s in SHEETS if s.node_type is not None}


def _record_index(doc: dict[str, Any]) -> dict[str, int]:
    """Node id → position of its record in ``nodes`` (the first one, for the JSON path)."""
    index: dict[str, int] = {}
    for i, record in enumerate(doc.get("nodes", [])):
        nid = record.get("id")
        if isinstance(nid, str):
            index.setdefault(nid, i)
    return index


def _check_references(network: NetworkMap, index: Mapping[str, int], dec: _Decoder) -> None:
    """Federführung and Ort must name a node of the right type, not the node itself.

    These references are attributes, not edges, so adding the node does not check them.
    """
    graph = network.graph
    for nid, data in graph.nodes(data=True):
        for attr, header, types in _REF_ATTRS.get(data["type"], ()):
            target = data.get(attr)
            if target is None:
                continue
            i = index.get(nid, -1)
            where = f"Knoten nodes[{i}] (ID „{nid}“)"
            path = f"„{attr}“ ({_json_path(where, attr)})"
            allowed = " oder ".join(f"„{t.label}“" for t in sorted(types, key=str))
            if not isinstance(target, str) or target not in graph:
                code = IssueCode.UNKNOWN_REFERENCE
                message = (f"{path} verweist auf „{target}“, aber diesen Knoten gibt es in "
                           "„nodes“ nicht. Tragen Sie die ID eines vorhandenen Knotens ein "
                           "oder entfernen Sie den Eintrag.")
            elif graph.nodes[target]["type"] not in types:
                code = IssueCode.WRONG_REFERENCE_TYPE
                message = (f"{path} verweist auf „{target}“ vom Typ "
                           f"„{graph.nodes[target]['type'].label}“; erlaubt ist {allowed}. "
                           "Tragen Sie die ID eines passenden Knotens ein.")
            elif target == nid:
                code = IssueCode.SELF_LOOP
                message = (f"{path} verweist auf den Knoten selbst. Tragen Sie einen anderen "
                           "Knoten ein oder entfernen Sie den Eintrag.")
            else:
                continue
            dec.problem(code, message, sheet_name=NODE_SHEETS[data["type"]].name,
                        where=where, column=header, value=str(target))


def _check_circles(network: NetworkMap, dec: _Decoder) -> None:
    """*Übergeordnet* and *Berichtet an* must not run in a circle (``reference-cycle``), as
    the Excel reader says: a map read from JSON or built in Python is never exported into a
    workbook that ``netzkarte pruefen`` refuses."""
    import networkx as nx

    found: dict[EdgeKind, list[tuple[str, str]]] = {kind: [] for kind in _CYCLE_TEXT}
    at: dict[tuple[str, str, EdgeKind], int] = {}
    edges: Any = network.graph.edges(data="kind")
    for i, (u, v, kind) in enumerate(edges):
        if kind in found:
            found[kind].append((u, v))
            at.setdefault((u, v, kind), i)
    for kind, pairs in found.items():
        if len(pairs) < 2 or _acyclic(pairs):
            continue
        graph: nx.DiGraph[str] = nx.DiGraph(pairs)
        for group in nx.strongly_connected_components(graph):
            if len(group) < 2:
                continue
            circle = _circle(graph, group)
            u, v = circle[0], circle[1]
            sheet_name = NODE_SHEETS[network.graph.nodes[u]["type"]].name
            why = _CYCLE_TEXT[kind][1]
            dec.problem(IssueCode.REFERENCE_CYCLE, f"Die Angaben bilden einen Kreis: "
                        f"{' → '.join(circle)}. {why} Löschen oder korrigieren Sie eine "
                        "dieser Beziehungen.", sheet_name=sheet_name,
                        where=f"Beziehung edges[{at[u, v, kind]}] ({u} → {v})",
                        column=_CYCLE_COLUMNS.get(sheet_name, _CYCLE_TEXT[kind][0]), value=v)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _changed_value(before: pd.Series, after: pd.Series) -> tuple[Any, Any] | None:
    """The first value a dtype cast changed (``9800`` → ``72`` for ``int8``), else ``None``."""
    for a, b in zip(before.tolist(), after.tolist(), strict=True):
        if _missing(a) and _missing(b):
            continue
        try:
            same = isinstance(a, bool) == isinstance(b, bool) and bool(a == b)
        except (TypeError, ValueError):
            same = False
        if not same:
            return a, b
    return None


def _district_cells(rows: list[list[Any]], columns: list[Any], dec: _Decoder) -> bool:
    """Check every cell of the district table; ``True`` when all can be read."""
    ok = True
    for k, row in enumerate(rows):
        name = row[0]
        if not isinstance(name, str) or not name.strip():
            dec.problem(IssueCode.BAD_VALUE,
                        f"Der Name des Sozialraums (districts.data[{k}][0]) muss "
                        f"ein Text sein, nicht {name!r}. Tragen Sie den Namen ein.",
                        sheet_name="Sozialräume", where="Sozialräume", column="Sozialraum",
                        value=str(name))
            ok = False
        for j, (column, value) in enumerate(zip(columns, row[1:], strict=True), 1):
            path = f"districts.data[{k}][{j}]"
            value = _decode_tagged(value)
            if value is None or isinstance(value, date):
                continue
            if column in ("population", "children"):
                good = (isinstance(value, int) and not isinstance(value, bool)
                        and _number_ok(column, value))
                expected = _expected_number(column, True)
            elif column == "municipality":
                good, expected = isinstance(value, str), "ein Text"
            else:
                good = isinstance(value, str | bool) or (
                    isinstance(value, int | float) and _number_ok(column, value))
                expected = "eine Zahl oder ein Text"
            if not good:
                number = isinstance(value, int | float) and not isinstance(value, bool)
                header = _header("Sozialräume", str(column))
                dec.problem(IssueCode.BAD_NUMBER if number else IssueCode.BAD_VALUE,
                            f"„{header}“ ({path}) muss {expected} sein, nicht {value!r}.",
                            sheet_name="Sozialräume", where="Sozialräume", column=header,
                            value=str(value))
                ok = False
    return ok


def _read_districts(raw: Mapping[str, Any], dec: _Decoder) -> pd.DataFrame | None:
    index, columns = raw.get("index", "district"), raw.get("columns", [])
    dtypes, rows = raw.get("dtypes", []), raw.get("data", [])
    where = "Sozialräume"
    if (not isinstance(columns, list) or not isinstance(rows, list)
            or not all(isinstance(r, list) and len(r) == len(columns) + 1 for r in rows)):
        dec.problem(IssueCode.BAD_VALUE, "„districts“ braucht „columns“ und „data“ mit gleich "
                    "langen Zeilen.", sheet_name="Sozialräume", where=where)
        return None
    if not _district_cells(rows, columns, dec):
        return None
    names = [r[0] for r in rows]
    seen: set[Any] = set()
    for name in names:
        if name in seen:
            dec.problem(IssueCode.DUPLICATE_DISTRICT, f"Sozialraum „{name}“ steht mehrfach in der "
                        "Tabelle.", sheet_name="Sozialräume", where=where,
                        column="Sozialraum", value=name)
        seen.add(name)
    table = pd.DataFrame([[_decode_tagged(x) for x in r] for r in rows],
                         columns=[str(index), *map(str, columns)])
    table = table.set_index(str(index))
    if isinstance(dtypes, list) and len(dtypes) == len(columns):
        for j, (column, dtype) in enumerate(zip(table.columns, dtypes, strict=True)):
            # keep what pandas inferred when the dtype does not apply
            try:
                cast = table[column].astype(dtype)
            except (TypeError, ValueError, OverflowError):
                continue
            changed = _changed_value(table[column], cast)
            if changed is not None:  # a cast must never change a value (int8: 9800 → 72)
                dec.problem(IssueCode.BAD_VALUE, f"Der Typ „{dtype}“ (districts.dtypes[{j}]) passt "
                            f"nicht zur Spalte „{column}“: {changed[0]!r} würde zu "
                            f"{changed[1]!r}. Löschen Sie den Eintrag in „dtypes“ oder "
                            "exportieren Sie die Datei neu.", sheet_name="Sozialräume",
                            where="Sozialräume", column=str(column), value=str(dtype))
                continue
            table[column] = cast
    return table


def _read_categories(doc: dict[str, Any], network: NetworkMap, dec: _Decoder) -> None:
    """The Kommune's own categories (before the nodes: their defaults come from them)."""
    name = CATEGORY_SHEET.name
    infos: list[CategoryInfo] = []
    seen: set[str] = set()
    codes = ", ".join(t.value for t in CATEGORY_NODE_TYPES)
    for i, record in enumerate(doc.get("categories") or []):
        label = record.get("label")
        where = f"Kategorie categories[{i}]" + (f" („{label}“)" if isinstance(label, str)
                                                else "")

        def bad(message: str, column: str, value: Any, where: str = where) -> None:
            dec.problem(IssueCode.BAD_VALUE, message, sheet_name=name, where=where, column=column,
                        value=value)

        if not isinstance(label, str) or not label.strip():
            bad("„label“ fehlt oder ist kein Text.", "Kategorie", label)
            continue
        if fold(label) in seen:
            dec.problem(IssueCode.DUPLICATE_CATEGORY, "Die Kategorie steht mehrfach in der Liste.",
                        sheet_name=name, where=where, column="Kategorie", value=label)
            continue
        seen.add(fold(label))
        raw_type = record.get("node_type")
        ntype = NodeType.parse(raw_type) if isinstance(raw_type, str) else None
        if ntype not in CATEGORY_NODE_TYPES:
            dec.problem(IssueCode.UNKNOWN_VALUE,
                        f"„node_type“ muss {codes} sein, nicht {raw_type!r}.",
                        sheet_name=name, where=where, column="Knotentyp", value=raw_type)
            continue
        assert ntype is not None
        sector = dec.value("sector", record.get("sector"), sheet_name=name, where=where)
        if sector is None:
            if record.get("sector") is None:
                bad("„sector“ fehlt.", "Sektor", None)
            continue
        phases = dec.value("life_phases", record.get("life_phases") or [], sheet_name=name,
                           where=where)
        form = dec.value("form", record.get("form"), sheet_name=name, where=where)
        raw_core = record.get("core")
        core = LifePhase.parse(raw_core) if isinstance(raw_core, str) else None
        if raw_core is not None and core is None:
            dec.problem(IssueCode.UNKNOWN_VALUE,
                        f"„core“ muss ein Code der Lebensphasen sein, nicht "
                        f"{raw_core!r}.", sheet_name=name, where=where, column="core",
                        value=raw_core)
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            bad("„aliases“ muss eine Liste von Texten sein.", "Andere Schreibweisen",
                str(aliases))
            aliases = []
        town_wide = record.get("town_wide", False)
        if not isinstance(town_wide, bool):
            dec.problem(IssueCode.BAD_BOOL, f"„town_wide“ muss true oder false sein, nicht "
                        f"{town_wide!r}.", sheet_name=name, where=where,
                        column="Wirkungskreis", value=town_wide)
            town_wide = False
        infos.append(own_category(label, ntype, sector, tuple(phases or ()), form,
                                  tuple(aliases), town_wide, core))
        kept = dec.extra(record.get("extra"), sheet_name=name, where=where)
        note = record.get("note")
        if isinstance(note, str):
            kept = {"note": note, **kept}
        elif note is not None:
            bad("„note“ muss ein Text sein.", "Bemerkung", str(note))
        if kept:
            network.category_extra[label] = kept
    if infos:
        network.set_categories(infos)


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
            dec.problem(IssueCode.BAD_DATE, "„snapshot“ muss ein Datum JJJJ-MM-TT sein.",
                        sheet_name=None, where="meta", column="Stand", value=str(snapshot))
    goals = raw.get("goals") or []
    if isinstance(goals, list) and all(isinstance(g, str) for g in goals):
        meta.goals = tuple(goals)
    else:
        dec.problem(IssueCode.BAD_VALUE,
                    "„goals“ muss eine Liste von Texten sein.", sheet_name=None,
                    where="meta", column="Strategische Ziele", value=str(goals))
    extra = raw.get("extra") or {}
    if isinstance(extra, dict):
        meta.extra = {str(k): str(v) for k, v in extra.items()}
    return meta


def check_map(network: NetworkMap) -> ValidationReport:
    """Check a map in memory as :func:`read_json` checks a file, before a writer runs.

    Numbers must be finite and in range (``NUMBER_RANGE``: coordinates, no negative
    capacities, meetings or inhabitants, at most 15 digits), Federführung and Ort must name
    a node of the right type, *Übergeordnet* and *Berichtet an* must not run in a circle.
    ``netzkarte export`` writes only a map without errors here, so
    an export never produces a file that netzkarte cannot read back, and no writer meets a
    value it cannot write (an integer of 400 digits, ``inf``). Places are named as in the
    JSON file that would be written (``nodes[3].capacity``).

    Returns
    -------
    ValidationReport
        Every problem found (``ok`` when there is none).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("CAFE", "offer", name="Elterncafé", capacity=-5)
    >>> [i.code for i in check_map(m).errors]
    [<IssueCode.BAD_NUMBER: 'bad-number'>]
    """
    report = ValidationReport(counts=network.counts(), source=network.meta.source)
    dec = _Decoder(report)
    graph = network.graph
    index: dict[str, int] = {}
    nodes: Any = graph.nodes(data=True)
    edges: Any = graph.edges(data=True)
    for i, (nid, data) in enumerate(nodes):
        index[nid] = i
        where = f"Knoten nodes[{i}] (ID „{nid}“)"
        sheet_name = NODE_SHEETS[data["type"]].name
        for key, value in data.items():
            if _FIELD_KIND.get(key, (None, None))[0] in (ValueKind.INT, ValueKind.FLOAT):
                dec.value(key, value, sheet_name=sheet_name, where=where)
        _check_extra_numbers(data.get("extra") or {}, where, sheet_name, dec)
    for i, (u, v, data) in enumerate(edges):
        where = f"Beziehung edges[{i}] ({u} → {v})"
        sheet_name = _edge_sheet(data["kind"])
        for key, value in data.items():
            if _FIELD_KIND.get(key, (None, None))[0] in (ValueKind.INT, ValueKind.FLOAT):
                dec.value(key, value, sheet_name=sheet_name, where=where)
        _check_extra_numbers(data.get("extra") or {}, where, sheet_name, dec)
    _check_references(network, index, dec)
    _check_circles(network, dec)
    table = network.districts
    if len(table):
        rows = [[_scalar(idx), *(_scalar(x) for x in row)]
                for idx, row in zip(table.index, table.itertuples(index=False), strict=True)]
        _district_cells(rows, [str(c) for c in table.columns], dec)
    return report


def _check_extra_numbers(extra: Mapping[str, Any], where: str, sheet_name: str,
                         dec: _Decoder) -> None:
    """An extra column's number must fit a float (a 400-digit integer crashes writers)."""
    for name, value in extra.items():
        if isinstance(value, int) and not isinstance(value, bool) \
                and len(str(abs(value))) > _MAX_DIGITS:
            dec.problem(IssueCode.BAD_NUMBER,
                        f"Zusatzspalte „{name}“ ({_json_path(where, 'extra')}."
                        f"{name}): Die Zahl hat mehr als {_MAX_DIGITS} Stellen. Tragen Sie "
                        "eine kürzere Zahl ein.", sheet_name=sheet_name, where=where,
                        column=name, value=f"{str(value)[:12]}…")


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
    _report_bad_numbers(doc, dec)
    for place in doc.pop(_BAD_TEXTS, []):
        dec.problem(IssueCode.BAD_VALUE, "Der Text enthält ein halbes Unicode-Zeichenpaar (etwa "
                    "\\ud800), also kein Zeichen; keine Datei kann es speichern. Tragen Sie "
                    "den Text neu ein oder exportieren Sie die Datei neu.", sheet_name=None,
                    where=place.replace("\ufffd", "?"))
    meta = _read_meta(doc.get("meta") or {}, dec)
    meta.source = str(p)
    network = NetworkMap(meta=meta)
    _read_categories(doc, network, dec)
    _read_nodes(doc, network, dec)
    _check_references(network, _record_index(doc), dec)
    _read_edges(doc, network, dec)
    _check_circles(network, dec)
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
