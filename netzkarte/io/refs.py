"""Reference resolution and edge checks of the importer (see :mod:`netzkarte.io.build`).

A reference cell may hold an ID, the same ID in other case or with spaces, or the Name of a
node when that name is unique (a warning). Everything else becomes an issue with a German
message that names the sheet to look in and, where one is close, the ID that was probably
meant. Edges are checked against :data:`netzkarte.vocab.EDGE_RULES` before they are added,
so the map only ever holds well-typed edges.

>>> what(frozenset({NodeType.COMMITTEE}))
'eines Gremiums aus dem Blatt „Gremien“'
>>> meant(["G-09"])
' (meinten Sie „G-09“?)'
"""

from __future__ import annotations

import difflib
from typing import Any

from netzkarte.errors import ValidationReport
from netzkarte.io.cells import cell_text, display, split_multi
from netzkarte.model import NetworkMap
from netzkarte.schema import SHEET_ORDER, SHEETS, Column, Sheet
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType

__all__ = ["SHEET_OF", "Ref", "References", "join_or", "meant", "quote", "what"]

_GENITIVE = {NodeType.ACTOR: "Akteurs", NodeType.OFFICE: "Amts",
             NodeType.COMMITTEE: "Gremiums", NodeType.OFFER: "Angebots"}
SHEET_OF: dict[NodeType, str] = {s.node_type: s.name for s in SHEETS if s.node_type}
"""The sheet that holds each node type."""
_SHEET_INDEX = {name: i for i, name in enumerate(SHEET_ORDER)}
_ROW_SPAN = 10_000_000  # > any Excel row number (1,048,576)
_MAX_SUGGESTION_LOOKUPS = 300  # difflib over thousands of IDs is slow; enough for any fix list


def join_or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} oder {items[-1]}"


def quote(text: object) -> str:
    return f"„{text}“"


def meant(options: list[str]) -> str:
    return f" (meinten Sie {join_or([quote(o) for o in options])}?)" if options else ""


def what(types: frozenset[NodeType]) -> str:
    """``"eines Gremiums aus dem Blatt „Gremien“"`` for the allowed reference types."""
    ordered = [t for t in NodeType if t in types]
    sheets = [quote(SHEET_OF[t]) for t in ordered]
    where = f"dem Blatt {sheets[0]}" if len(sheets) == 1 else f"den Blättern {join_or(sheets)}"
    return f"eines {join_or([_GENITIVE[t] for t in ordered])} aus {where}"


Ref = tuple[Sheet, Column, int, str, object]
"""A reference cell waiting for all nodes to exist: sheet, column, row, node id, raw value."""


class References:
    """Issue collection, the node index and the checks every reference and edge passes."""

    def __init__(self, source: str | None) -> None:
        self.report = ValidationReport(source=source)
        self.map = NetworkMap()
        # node id -> type and Excel row (the sheet follows from the type); plain dicts keep
        # the garbage collector's work small
        self.origin: dict[str, NodeType] = {}
        self.rows: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self._index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self.refs: list[Ref] = []
        # "source\x00target\x00kind" -> sheet index * _ROW_SPAN + row: strings and ints are
        # not tracked by the garbage collector, tuples would be
        self.edges_seen: dict[str, int] = {}
        self.suggestions = 0

    # --- issues ---------------------------------------------------------------------------

    def error(self, code: str, message: str, sheet: str | None = None, row: int | None = None,
              column: str | None = None, value: object = None) -> None:
        self.report.add(code, message, sheet=sheet, row=row, column=column, value=value)

    def warn(self, code: str, message: str, sheet: str | None = None, row: int | None = None,
             column: str | None = None, value: object = None) -> None:
        self.report.warn(code, message, sheet=sheet, row=row, column=column, value=value)

    # --- references -----------------------------------------------------------------------

    def indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """IDs and names by case-folded spelling, built on the first reference that is no
        exact ID (references are resolved only after every node exists)."""
        if self._index is None:
            by_id: dict[str, list[str]] = {}
            by_name: dict[str, list[str]] = {}
            for nid in self.origin:
                by_id.setdefault(nid.casefold(), []).append(nid)
            for nid, name in self.names.items():
                by_name.setdefault(name.casefold(), []).append(nid)
            self._index = by_id, by_name
        return self._index

    def resolve(self, raw: object, types: frozenset[NodeType], sheet: str, row: int,
                column: str) -> str | None:
        """The node id a reference cell means, or ``None`` after reporting why not."""
        text = raw.strip() if isinstance(raw, str) else cell_text(raw)
        if text is None:
            return None
        if text in self.origin:
            return text
        key = text.casefold()
        by_id, by_name = self.indexes()
        same = by_id.get(key, [])
        if len(same) == 1:
            return same[0]
        named = by_name.get(key, [])
        fitting = [n for n in named if self.origin[n] in types]
        if len(named) > 1 and len(fitting) != 1:
            self.error("ambiguous-reference", f"{quote(text)} ist nicht eindeutig: so heißen "
                       f"{len(named)} Einträge ({', '.join(named)}). Tragen Sie statt des "
                       "Namens die ID ein.", sheet, row, column, raw)
            return None
        if named:
            nid = fitting[0] if fitting else named[0]
            self.warn("name-reference", f"{quote(text)} ist keine ID, sondern der Name von "
                      f"{quote(nid)}; diese ID wird verwendet. Tragen Sie besser die ID "
                      f"{quote(nid)} ein.", sheet, row, column, raw)
            return nid
        options: list[str] = []
        if self.suggestions < _MAX_SUGGESTION_LOOKUPS:
            self.suggestions += 1
            pool = [n for n, t in self.origin.items() if t in types]
            options = difflib.get_close_matches(text, pool, n=2, cutoff=0.6)
        self.error("unknown-reference", f"Die ID {quote(text)} gibt es nicht. Tragen Sie die "
                   f"ID {what(types)} ein{meant(options)}.", sheet, row, column, raw)
        return None

    def resolve_quiet(self, text: str) -> bool:
        return text in self.origin or len(self.indexes()[1].get(text.casefold(), [])) == 1

    def wrong_type(self, nid: str, types: frozenset[NodeType], sheet: str, row: int,
                   column: str, raw: object, problem: str | None = None) -> None:
        ntype = self.origin[nid]
        reason = f"{problem} " if problem else ""
        self.error("wrong-reference-type", f"{quote(nid)} ist ein {ntype.label} "
                   f"({self.map.name(nid)}). {reason}Tragen Sie hier die ID {what(types)} "
                   "ein.", sheet, row, column, raw)

    def edge(self, source: str, target: str, kind: EdgeKind, sheet: str, row: int,
             columns: tuple[str, str], raws: tuple[object, object],
             attrs: dict[str, Any] | None = None, extra: dict[str, Any] | None = None) -> None:
        """Check and add one edge; ``columns`` name the cells of source and target."""
        if source == target:
            self.error("self-loop", f"{quote(source)} ist mit sich selbst verbunden. Tragen "
                       f"Sie in {quote(columns[1])} einen anderen Eintrag ein oder löschen Sie "
                       "die Angabe.", sheet, row, columns[1], raws[1])
            return
        key = f"{source}\x00{target}\x00{kind.value}"
        rule = EDGE_RULES[kind]
        seen = self.edges_seen.get(key)
        if seen is None and not rule.directed:
            seen = self.edges_seen.get(f"{target}\x00{source}\x00{kind.value}")
        if seen is not None:
            first_sheet, first_row = SHEET_ORDER[seen // _ROW_SPAN], seen % _ROW_SPAN
            self.warn("duplicate-edge", f"Die Beziehung „{kind.label}“ zwischen "
                      f"{quote(source)} und {quote(target)} steht schon in Blatt "
                      f"{quote(first_sheet)}, Zeile {first_row}; diese Angabe wird "
                      "übergangen. Löschen Sie die doppelte Zeile.", sheet, row, columns[1],
                      raws[1])
            return
        origin = self.origin
        if (kind is EdgeKind.BELONGS_TO or origin[source] not in rule.sources
                or origin[target] not in rule.targets):
            problem = self.map.endpoint_problem(source, target, kind)
            if problem:
                bad_source = origin[source] not in rule.sources
                at = 0 if bad_source else 1
                self.wrong_type((source, target)[at],
                                rule.sources if bad_source else rule.targets,
                                sheet, row, columns[at], raws[at], problem)
                return
        self.edges_seen[key] = _SHEET_INDEX[sheet] * _ROW_SPAN + row
        if attrs:
            attrs["kind"] = kind
            attrs["extra"] = extra or {}
            self.map._add_typed_edge(source, target, attrs)  # checked above
        else:
            self.map._add_typed_edge(source, target, {"kind": kind, "extra": extra or {}})

    def column_refs(self) -> None:
        """References typed into node sheets: edges (Organisation …) and lead/venue."""
        origin = self.origin
        for ref_sheet, col, row, node, value in self.refs:
            sheet = ref_sheet.name
            raws: list[object]
            if col.edge is None or (isinstance(value, str) and ";" not in value
                                    and "|" not in value and "\n" not in value):
                raws = [value]
            else:
                raws = list(split_multi(display(value)))
                if len(raws) > 1 and self.resolve_quiet(display(value)):
                    raws = [value]  # a name that itself contains a separator
            for raw in raws:
                nid = raw if raw in origin else self.resolve(raw, col.ref_types, sheet, row,
                                                              col.header)
                if nid is None:
                    continue
                if col.edge is None:
                    if origin[nid] not in col.ref_types:
                        self.wrong_type(nid, col.ref_types, sheet, row, col.header, raw)
                    elif nid == node:
                        self.error("self-loop", f"{quote(nid)} verweist auf sich selbst. "
                                   f"Tragen Sie in {quote(col.header)} einen anderen Eintrag "
                                   "ein.", sheet, row, col.header, raw)
                    else:
                        self.map.graph.nodes[node][col.attr] = nid
                    continue
                if nid == node:
                    self.edge(node, node, col.edge, sheet, row, (col.header, col.header),
                              (raw, raw))
                elif col.edge is EdgeKind.PROVIDES:  # Anbieter: provider → offer
                    self.edge(nid, node, col.edge, sheet, row, (col.header, "ID"), (raw, node))
                else:
                    self.edge(node, nid, col.edge, sheet, row, ("ID", col.header), (node, raw))
