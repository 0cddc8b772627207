"""What a merge produced: the merged map and everything the Rückmeldung lists.

:class:`MergeResult` is returned by :func:`netzkarte.survey.merge.merge_answers`; the lists
of duplicates, conflicts and the response figures are read from the merged map itself (its
survey columns), so a merge of a map that was merged before lists what is still open from
earlier rounds too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from netzkarte.errors import Issue
from netzkarte.model import NetworkMap
from netzkarte.survey.layout import (
    EDGE_DECISION,
    EDGE_SIDE_SOURCE,
    EDGE_SIDE_TARGET,
    EDGE_SOURCE,
    EDGE_STATUS,
    META_MISSING,
    NODE_ANSWER,
    NODE_DUPLICATE,
    NODE_SOURCE,
    Confirmation,
)
from netzkarte.survey.names import LIKELY, name_key, word_differences
from netzkarte.survey.questionnaire import eligible_partners
from netzkarte.survey.ties import StrengthRule
from netzkarte.vocab import EdgeKind, NodeType, fold

__all__ = ["CREATED", "DUPLICATE_ITEM", "AnswerStatus", "Correction", "Duplicate",
           "MergeResult", "NameMatchRecord", "Response", "ResponseGroup", "TieConflict",
           "conflicts", "duplicates", "evidence", "non_responders", "response"]

CREATED = "neu aus Antwort: "
"""Prefix of *Quelle* on nodes, ties and memberships the survey created."""
DUPLICATE_ITEM = re.compile(r"([^;()]+?)\s*\((\d+)\s*%\)")
"""One candidate in the column *Mögliche Dublette*: ``ID (93 %)``."""
_AO = (NodeType.ACTOR, NodeType.OFFICE)
_NO_ANSWER = "ohne Antwort"


@dataclass
class AnswerStatus:
    """What became of one answer file."""

    source: str
    partner: str | None
    name: str
    answered: datetime | None
    status: str
    """``übernommen``, ``ersetzt`` (a later answer of the partner wins), ``älter`` (the map
    has a newer one) or ``nicht verwendbar``."""
    note: str = ""


@dataclass
class NameMatchRecord:
    """A name without ID that was matched to an existing entry by its normalised name."""

    mention: str
    node: str
    node_name: str
    source: str
    how: str = "gleicher Name ohne Rechtsform und Schreibweise"


@dataclass
class Duplicate:
    """A new entry that may be an existing one: for a person to decide."""

    new: str
    new_name: str
    existing: str
    existing_name: str
    score: float
    evidence: list[str]
    source: str

    @property
    def level(self) -> str:
        """``wahrscheinlich`` (score ≥ LIKELY) or ``möglich``."""
        return "wahrscheinlich" if self.score >= LIKELY else "möglich"


@dataclass
class TieConflict:
    """A surveyed tie or membership that is not confirmed by both sides."""

    source: str
    target: str
    source_name: str
    target_name: str
    kind: EdgeKind
    strength: int | None
    status: Confirmation
    side_source: str
    side_target: str
    origin: str
    decision: str


@dataclass
class Correction:
    """A change an answer made to a record (own record, membership, offer)."""

    node: str
    name: str
    field: str
    before: str
    after: str
    source: str


@dataclass
class ResponseGroup:
    """Response in one group (Handlungsfeld or Sozialraum)."""

    label: str
    asked: int
    answered: int

    @property
    def rate(self) -> float:
        """Share answered, 0–1."""
        return self.answered / self.asked if self.asked else 0.0


@dataclass
class Response:
    """Who was asked, who answered: overall, per Handlungsfeld, per Sozialraum."""

    asked: int = 0
    answered: int = 0
    new: int = 0
    """Answers of partners that were not asked (blank questionnaire)."""
    by_sector: list[ResponseGroup] = field(default_factory=list)
    by_district: list[ResponseGroup] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of the asked partners that answered, 0–1."""
        return self.answered / self.asked if self.asked else 0.0


@dataclass
class MergeResult:
    """The merged map and everything the Rückmeldung lists."""

    map: NetworkMap
    rule: StrengthRule
    answers: list[AnswerStatus] = field(default_factory=list)
    problems: list[tuple[str, Issue]] = field(default_factory=list)
    """``(file, issue)``: severity ``error`` = the answer (or a sheet of it) is not used."""
    matched: list[NameMatchRecord] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    ties: list[TieConflict] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Ties, memberships and entries removed or merged on the coordinator's decision."""
    response: Response = field(default_factory=Response)
    decision_notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every answer could be used completely."""
        return not self.failed

    @property
    def failed(self) -> list[str]:
        """Files of which something could not be used (in order, without repeats)."""
        return list(dict.fromkeys(src for src, issue in self.problems
                                  if issue.severity == "error"))

    def problem_lines(self) -> list[str]:
        """The problems as German lines: file, sheet, row, column, message."""
        lines = []
        for source, issue in self.problems:
            where = ", ".join(p for p in (f"Blatt „{issue.sheet}“" if issue.sheet else "",
                                          f"Zeile {issue.row}" if issue.row else "",
                                          f"Spalte „{issue.column}“" if issue.column else "")
                              if p)
            lines.append(f"{source}{': ' + where if where else ''}: {issue.message}")
        return lines


def response(m: NetworkMap, persons: bool, asked: set[str] | None) -> Response:
    out = Response()
    sectors: dict[str, list[int]] = {}
    districts: dict[str, list[int]] = {}
    eligible = asked if asked is not None else set(eligible_partners(m, persons=persons))
    for node, data in m.graph.nodes(data=True):
        if data["type"] not in _AO:
            continue
        extra = data.get("extra") or {}
        answered = bool(extra.get(NODE_ANSWER))
        new = str(extra.get(NODE_SOURCE) or "").startswith(CREATED)
        if node not in eligible or new:
            out.new += answered
            continue
        out.asked += 1
        out.answered += answered
        if not answered:
            out.missing.append(str(node))
        sector = data.get("sector")
        for table, label in ((sectors, sector.label if sector is not None else "ohne Angabe"),
                             (districts, str(data.get("district") or "ohne Sozialraum"))):
            counts = table.setdefault(label, [0, 0])
            counts[0] += 1
            counts[1] += answered
    out.by_sector = [ResponseGroup(k, a, b) for k, (a, b) in sorted(sectors.items())]
    out.by_district = [ResponseGroup(k, a, b) for k, (a, b) in sorted(
        districts.items(), key=lambda kv: (kv[0] == "ohne Sozialraum", kv[0]))]
    return out


def duplicates(m: NetworkMap) -> list[Duplicate]:
    out: list[Duplicate] = []
    for node, data in m.graph.nodes(data=True):
        extra = data.get("extra") or {}
        marked = extra.get(NODE_DUPLICATE)
        if not marked:
            continue
        for candidate, value in DUPLICATE_ITEM.findall(str(marked)):
            other = candidate.strip()
            if other not in m.graph:
                continue
            out.append(Duplicate(str(node), m.name(node), other, m.name(other), float(value),
                                 evidence(m, str(node), other),
                                 str(extra.get(NODE_SOURCE) or "").removeprefix(CREATED)))
    out.sort(key=lambda d: (-d.score, d.new, d.existing))
    return out


def evidence(m: NetworkMap, new: str, old: str) -> list[str]:
    """Why two entries may be the same: words, typos, Sozialraum, Kategorie, Handlungsfeld."""
    shared, typos, other = word_differences(m.name(new), m.name(old))
    notes: list[str] = []
    if name_key(m.name(new)) == name_key(m.name(old)):
        notes.append("gleicher Name ohne Rechtsform und Schreibweise")
    if shared:
        notes.append("gemeinsame Wörter: " + ", ".join(shared))
    for typo, word in typos:
        notes.append(f"Tippfehler? „{typo}“ / „{word}“")
    if other:
        notes.append("nur in einem Namen: " + ", ".join(other))
    a, b = m.graph.nodes[new], m.graph.nodes[old]
    for attr, label in (("district", "Sozialraum"), ("category", "Kategorie")):
        x, y = a.get(attr), b.get(attr)
        if x and y:
            notes.append(f"gleiche {label} ({y})" if fold(x) == fold(y)
                         else f"andere {label} ({x} / {y})")
    x, y = a.get("sector"), b.get("sector")
    if x is not None and y is not None:
        notes.append(f"gleiches Handlungsfeld ({y.label})" if x is y
                     else f"anderes Handlungsfeld ({x.label} / {y.label})")
    return notes


def conflicts(m: NetworkMap) -> list[TieConflict]:
    out: list[TieConflict] = []
    for u, v, data in m.graph.edges(data=True):
        extra = data.get("extra") or {}
        state = Confirmation.parse(extra.get(EDGE_STATUS)) if extra.get(EDGE_STATUS) else None
        if state is None or state is Confirmation.CONFIRMED:
            continue
        strength = data.get("strength")
        out.append(TieConflict(
            str(u), str(v), m.name(u), m.name(v), data["kind"],
            int(strength) if strength is not None else None, state,
            _statement(extra.get(EDGE_SIDE_SOURCE)), _statement(extra.get(EDGE_SIDE_TARGET)),
            str(extra.get(EDGE_SOURCE) or "").removeprefix(CREATED),
            str(extra.get(EDGE_DECISION) or "")))
    rank = {s: i for i, s in enumerate((Confirmation.DISAGREEING, Confirmation.ONE_SIDED,
                                        Confirmation.DISPUTED, Confirmation.UNCONFIRMED))}
    out.sort(key=lambda c: (rank.get(c.status, 9), c.source, c.target))
    return out


def _statement(value: object) -> str:
    text = str(value or "")
    if not text:
        return _NO_ANSWER
    head, sep, tail = text.partition(": ")
    return tail if sep and "Zeile" in head else text


def non_responders(m: NetworkMap) -> list[str]:
    """Ids of the partners asked in the Bestandsaufnahme that have not answered.

    Read from the map's metadata (*Bestandsaufnahme ohne Antwort*, written by
    :func:`merge_answers` and kept in the workbook's *Anleitung*); empty if the map has not
    been merged with answers.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.meta.extra["Bestandsaufnahme ohne Antwort"] = "A-1; A-7"
    >>> non_responders(m)
    ['A-1', 'A-7']
    """
    text = m.meta.extra.get(META_MISSING, "")
    return [part.strip() for part in str(text).split(";") if part.strip() not in ("", "–")]
