"""Merge returned questionnaires into the map, keeping every answer and its origin.

:func:`merge_answers` takes a map and the answers (paths or :class:`~netzkarte.survey.answers.
Answer`) and returns a :class:`MergeResult`: the merged map and everything the Rückmeldung
shows. The rules, in the order they apply:

1. **Which answers count.** An answer of another Kommune, of a partner the map does not
   have, or a file that cannot be read is not used (:attr:`MergeResult.problems`, severity
   ``error``; the command line ends with exit code 1 and names the file). Of several answers
   of one partner the latest wins (time of the answer, then position on the command line);
   an answer older than the one already merged into the map is skipped. The same answer
   merged twice changes nothing.
2. **Who is who.** Known IDs match directly. Names without a known ID (*Neue Partner*, rows
   added to *Ihre Kontakte*, the blank questionnaire) are matched by their normalised name
   (:mod:`netzkarte.survey.names`): the same key means the same partner (listed under
   "zugeordnet"); a close name (score ≥ :data:`~netzkarte.survey.names.POSSIBLE`) makes a
   *new* node marked *Mögliche Dublette* and listed for a person to decide – nothing is
   merged silently.
3. **Ties.** Every contact row is one side's report on a pair; both reports are stored on
   the pair's main tie (*Angabe Von*, *Angabe Zu*) and give its *Bestätigung*
   (:class:`~netzkarte.survey.layout.Confirmation`). The merged strength follows the
   :class:`~netzkarte.survey.ties.StrengthRule`; disagreeing kinds give a *Kooperation*. A
   tie the map had and that every answering side denies stays, marked *bestritten*; a tie
   only an earlier answer had named disappears with that answer.
4. **Own records, memberships, offers.** What a partner changed in *Ihre Einrichtung*
   (against *Bisher*) is applied; memberships and offers are the partner's statement.
   Every change is listed as a correction with its origin.
5. **Decisions** from a Rückmeldung (:class:`~netzkarte.survey.decisions.Decisions`) are
   applied last.

Nothing is lost: every answered row ends up in the map or in the problems and conflicts of
the result.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netzkarte.errors import InputError, Issue, IssueCode
from netzkarte.io.cells import cell_text, is_blank, parse_date, parse_flag, parse_term
from netzkarte.model import NetworkMap
from netzkarte.schema import sheet
from netzkarte.survey.answers import Answer, AnswerRow, load_rows, open_answer
from netzkarte.survey.answers import partner_id_from_text as _id_in
from netzkarte.survey.decisions import Decisions
from netzkarte.survey.layout import (
    COMMITTEES_SHEET,
    CONTACTS_SHEET,
    EDGE_DECISION,
    EDGE_SIDE_SOURCE,
    EDGE_SIDE_TARGET,
    EDGE_SOURCE,
    EDGE_STATUS,
    META_DATE,
    META_MISSING,
    META_RATE,
    NEW_SHEET,
    NO_CONTACT,
    NODE_ANSWER,
    NODE_DUPLICATE,
    NODE_SOURCE,
    OFFER_HEADERS,
    OFFERS_SHEET,
    OWN_FILLED,
    OWN_SHEET,
    SURVEY_KINDS,
    ArtChoice,
    Confirmation,
    parse_art,
    parse_survey_strength,
)
from netzkarte.survey.names import (
    POSSIBLE,
    NameIndex,
    name_key,
    name_words,
    score,
)
from netzkarte.survey.result import (
    CREATED,
    DUPLICATE_ITEM,
    AnswerStatus,
    Correction,
    Duplicate,
    MergeResult,
    NameMatchRecord,
    Response,
    ResponseGroup,
    TieConflict,
    conflicts,
    duplicates,
    non_responders,
    response,
)
from netzkarte.survey.ties import (
    Provenance,
    SideReport,
    StrengthRule,
    confirmation,
    main_tie,
    merged_kind,
    merged_strength,
)
from netzkarte.survey.values import parse_records, same_value, text_of
from netzkarte.vocab import EdgeKind, MemberFunction, NodeType, fold

__all__ = ["AnswerStatus", "Correction", "Duplicate", "MergeResult", "NameMatchRecord",
           "Response", "ResponseGroup", "TieConflict", "merge_answers", "non_responders"]

log = logging.getLogger(__name__)

ACTORS, OFFICES, OFFERS = sheet("Akteure"), sheet("Ämter"), sheet("Angebote")
_AO = (NodeType.ACTOR, NodeType.OFFICE)
_STAMP = "%d.%m.%Y %H:%M"
_ANSWER_STAMP = re.compile(r"^(\d\d\.\d\d\.\d{4} \d\d:\d\d)")
_EDGE_COLUMNS = (EDGE_STATUS, EDGE_SIDE_SOURCE, EDGE_SIDE_TARGET, EDGE_SOURCE, EDGE_DECISION)
_MEMBER_COLUMNS = (EDGE_STATUS, EDGE_SOURCE, EDGE_DECISION)
_NODE_COLUMNS = (NODE_ANSWER, NODE_SOURCE, NODE_DUPLICATE)


# --- helpers -------------------------------------------------------------------------------


def _answer_time(value: object) -> datetime | None:
    match = _ANSWER_STAMP.match(str(value or ""))
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def _edge(m: NetworkMap, u: str, v: str, key: int) -> dict[str, Any]:
    """The attribute dict of one edge (live: changes go into the map)."""
    succ: dict[str, dict[str, dict[int, dict[str, Any]]]] = m.graph._succ  # type: ignore[attr-defined]
    return succ[u][v][key]


def _ascii_id(words: Iterable[str]) -> str:
    return re.sub(r"[^A-Z0-9-]+", "", "-".join(words).upper())[:28].strip("-") or "PARTNER"


@dataclass
class _Silent:
    """A contact row with an empty *Art*: the partner says there is no such tie."""

    row: int
    source: str
    answered: datetime


class _Merge:
    """One merge run (see the module notes)."""

    def __init__(self, base: NetworkMap, rule: StrengthRule, decisions: Decisions,
                 persons: bool) -> None:
        self.m = base.copy()
        self.rule, self.decisions, self.persons = rule, decisions, persons
        self.r = MergeResult(self.m, rule)
        graph = self.m.graph
        self.index = NameIndex({str(n): str(d.get("name") or n)
                                for n, d in graph.nodes(data=True) if d["type"] in _AO})
        self.committee_index = NameIndex({str(n): str(d.get("name") or n)
                                          for n, d in graph.nodes(data=True)
                                          if d["type"] is NodeType.COMMITTEE})
        self.ids = {fold(n): str(n) for n in graph}
        self.reports: dict[frozenset[str], dict[str, SideReport]] = {}
        self.silent: dict[str, dict[str, _Silent]] = {}
        self.now: dict[str, Answer] = {}  # partner -> the answer applied in this run
        self.created: set[str] = set()
        self.asked: set[str] | None = None  # partners sent a questionnaire, if the files say

    # --- problems -------------------------------------------------------------------------

    def problem(self, answer: Answer | str, message: str, sheet_name: str | None = None,
                row: int | None = None, column: str | None = None, value: Any = None, *,
                error: bool = False, code: IssueCode = IssueCode.ANSWER_ROW) -> None:
        source = answer if isinstance(answer, str) else answer.source
        self.r.problems.append((source, Issue(code, message, sheet_name, row, column,
                                              None if value is None else text_of(value),
                                              "error" if error else "warning")))

    # --- lookups --------------------------------------------------------------------------

    def find(self, text: str | None) -> str | None:
        """The node an ID means (exact, then ignoring case and dashes)."""
        if not text:
            return None
        if text in self.m.graph:
            return text
        return self.ids.get(fold(text))

    def node_extra(self, node: str) -> dict[str, Any]:
        data = self.m.graph.nodes[node]
        extra = data.get("extra")
        if extra is None:
            extra = data["extra"] = {}
        return extra

    def add_source(self, extra: dict[str, Any], key: str, text: str) -> None:
        current = str(extra.get(key) or "")
        if text not in current:
            extra[key] = f"{current}; {text}" if current else text

    # --- answers: which count ----------------------------------------------------------------

    def check(self, answer: Answer) -> bool:
        """Whether the answer belongs to this map; reports why not."""
        town, mine = answer.municipality, self.m.meta.municipality
        if town and mine and fold(town) != fold(mine):
            self.problem(answer, f"Der Fragebogen gehört zur Kommune „{town}“, diese Karte zu "
                         f"„{mine}“. Er wird nicht übernommen. Führen Sie ihn mit der Karte "
                         f"von „{town}“ zusammen.", error=True, code=IssueCode.OTHER_MAP)
            return False
        stand = answer.info.get("Stand")
        snapshot = self.m.meta.snapshot
        if stand and snapshot and stand != snapshot.strftime("%d.%m.%Y"):
            self.problem(answer, f"Der Fragebogen wurde aus der Karte mit Stand {stand} "
                         "erstellt, diese Karte hat einen anderen Stand. Die IDs werden "
                         "trotzdem zugeordnet; prüfen Sie die Angaben.",
                         code=IssueCode.OTHER_SNAPSHOT)
        if answer.partner is not None:
            node = self.find(answer.partner)
            if node is None:
                self.problem(answer, f"Die Einrichtung „{answer.info.get('Partner') or ''}“ "
                             f"(ID „{answer.partner}“) gibt es in dieser Karte nicht. Gehört "
                             "der Fragebogen zu einer anderen Karte? Er wird nicht "
                             "übernommen.", error=True, code=IssueCode.UNKNOWN_PARTNER)
                return False
            if self.m.graph.nodes[node]["type"] not in _AO:
                self.problem(answer, f"„{node}“ ist kein Akteur und kein Amt; der Fragebogen "
                             "wird nicht übernommen.", error=True, code=IssueCode.UNKNOWN_PARTNER)
                return False
            answer.partner = node
        for issue in answer.issues:
            self.r.problems.append((answer.source, issue))
        return True

    def note_asked(self, answer: Answer) -> None:
        """Questionnaires sent to only some partners list them (hidden *Befragte*)."""
        listed = answer.info.get("Befragte", "alle")
        if fold(listed) in ("alle", "") or self.asked == set():
            self.asked = set()  # someone got the questionnaire of all: every partner counts
            return
        ids = {self.find(part.strip()) for part in listed.split(";")}
        self.asked = (self.asked or set()) | {i for i in ids if i is not None}

    def blank_partner(self, answer: Answer) -> str | None:
        """The node a blank questionnaire's own record names (existing or new)."""
        name_field = answer.own_value("Name")
        name = cell_text(name_field.answer) if name_field else None
        if not name:
            self.problem(answer, "Im leeren Fragebogen fehlt der Name der Einrichtung "
                         f"(Blatt „{OWN_SHEET}“, Zeile „Name“, Spalte „Ihre Angabe“). Der "
                         "Fragebogen kann niemandem zugeordnet werden.", OWN_SHEET,
                         name_field.row if name_field else None, "Ihre Angabe", error=True,
                         code=IssueCode.UNKNOWN_PARTNER)
            return None
        cells = {f.field: f.answer for f in answer.own
                 if f.field not in ("ID", OWN_FILLED) and not is_blank(f.answer)}
        row = name_field.row if name_field else 0
        prov = Provenance(answer.source, OWN_SHEET, row, answer.answered)
        return self.mention(name, cells, prov, answer)

    # --- names -----------------------------------------------------------------------------

    def mention(self, name: str, cells: dict[str, object], prov: Provenance,
                answer: Answer) -> str:
        """The node a name without ID stands for: decided, same key, or a new node."""
        decided = self.decisions.same_as(None, name)
        if decided is not None and decided in self.m.graph:
            self.r.matched.append(NameMatchRecord(name, decided, self.m.name(decided),
                                                  prov.text(), "Ihre Entscheidung: dieselbe"))
            return decided
        exclude = self.decisions.not_same(None, name)
        district = cell_text(cells.get("Sozialraum"))
        exact = [n for n in self.index.exact(name) if n not in exclude]
        if len(exact) == 1:
            node = exact[0]
            theirs = self.m.graph.nodes[node].get("district")
            if not (district and theirs and fold(district) != fold(theirs)):
                self.fill_empty(node, cells, prov)
                if node in self.created:
                    self.add_source(self.node_extra(node), NODE_SOURCE, prov.text())
                elif fold(name) != fold(self.m.name(node)):
                    self.r.matched.append(NameMatchRecord(name, node, self.m.name(node),
                                                          prov.text()))
                return node
        candidates = self.index.similar(name, cutoff=POSSIBLE, limit=5, exclude=exclude)
        node = self.new_node(name, cells, prov, answer)
        if candidates:
            self.node_extra(node)[NODE_DUPLICATE] = "; ".join(
                f"{c.id} ({c.score:.0f} %)" for c in candidates)
        return node

    def new_node(self, name: str, cells: dict[str, object], prov: Provenance,
                 answer: Answer) -> str:
        base = "NEU-" + _ascii_id(name_words(name))
        node, n = base, 1
        while node in self.m.graph:
            n += 1
            node = f"{base}-{n}"
        records, issues = parse_records(ACTORS, [(prov.row, {**cells, "Name": name})],
                                        prov.sheet)
        for issue in issues:
            self.r.problems.append((answer.source, issue))
        record = records[0]
        extra = {**record.extra, NODE_SOURCE: CREATED + prov.text()}
        self.m.add_node(node, NodeType.ACTOR, name=name, extra=extra, **record.attrs)
        self.ids[fold(node)] = node
        self.index.add(node, name)
        self.created.add(node)
        org = cell_text(cells.get("Organisation"))
        if org:
            self.link_organisation(node, org, prov, answer)
        return node

    def fill_empty(self, node: str, cells: dict[str, object], prov: Provenance) -> None:
        """Values of a *Neue Partner* row for an existing entry: fill what is empty."""
        data = self.m.graph.nodes[node]
        wanted = {k: v for k, v in cells.items() if k not in ("Name", "ID", "Organisation")}
        if not wanted or data["type"] is not NodeType.ACTOR:
            return
        records, _ = parse_records(ACTORS, [(prov.row, {**wanted, "Name": self.m.name(node)})],
                                   prov.sheet)
        for header in wanted:
            try:
                attr = ACTORS.column(header).attr
            except KeyError:
                continue
            value = records[0].attrs.get(attr)
            if value is not None and data.get(attr) in (None, ()):
                data[attr] = value
                self.r.corrections.append(Correction(node, self.m.name(node), header, "",
                                                     text_of(value), prov.text()))

    def link_organisation(self, node: str, text: str, prov: Provenance, answer: Answer
                          ) -> None:
        target = self.find(_id_in(text))
        if target is None:
            exact = self.index.exact(_id_in(text))
            target = exact[0] if len(exact) == 1 else None
        column = "Übergeordnet" if self.m.graph.nodes[node]["type"] is NodeType.OFFICE \
            else "Organisation"
        if target is None or target == node:
            self.problem(answer, f"Die Organisation „{text}“ ist nicht auf der Karte; die "
                         "Zugehörigkeit wird nicht eingetragen. Tragen Sie sie in der Karte "
                         "nach.", prov.sheet, prov.row, column, text)
            return
        problem = self.m.endpoint_problem(node, target, EdgeKind.BELONGS_TO)
        if problem:
            self.problem(answer, f"„{text}“: {problem}", prov.sheet, prov.row, column, text)
            return
        if any(v == target and d["kind"] is EdgeKind.BELONGS_TO
               for _, v, d in self.m.graph.out_edges(node, data=True)):
            return
        self.m.add_edge(node, target, EdgeKind.BELONGS_TO, extra={EDGE_SOURCE: prov.text()})

    # --- own record ------------------------------------------------------------------------

    def own_record(self, partner: str, answer: Answer) -> None:
        if partner in self.created and answer.blank and \
                answer.source in str(self.node_extra(partner).get(NODE_SOURCE) or ""):
            return  # the node was made from this very record
        data = self.m.graph.nodes[partner]
        ntype = data["type"]
        table = ACTORS if ntype is NodeType.ACTOR else OFFICES
        fields = [f for f in answer.own if fold(f.field) not in (fold("ID"), fold(OWN_FILLED))]
        changed = [f for f in fields
                   if (f.changed if not answer.blank else not is_blank(f.answer))]
        cells: dict[str, object] = {}
        rows: dict[str, int] = {}
        for f in changed:
            try:
                column = table.column(next(h for h in table.headers if fold(h) == fold(f.field)))
            except StopIteration:
                self.problem(answer, f"Das Feld „{f.field}“ gibt es für "
                             f"{ntype.label} nicht; die Angabe wird nicht übernommen.",
                             OWN_SHEET, f.row, "Feld", f.answer)
                continue
            prov = Provenance(answer.source, OWN_SHEET, f.row, answer.answered)
            if column.edge is not None:
                self.own_reference(partner, column.header, f.before, f.answer, prov, answer)
            elif column.attr == "name":
                new = cell_text(f.answer)
                if new and new != self.m.name(partner):
                    self.r.corrections.append(Correction(partner, self.m.name(partner), "Name",
                                                         self.m.name(partner), new,
                                                         prov.text()))
                    data["name"] = new
                    self.index.add(partner, new)
            else:
                cells[column.header] = f.answer
                rows[column.header] = f.row
        if not cells:
            return
        first = min(rows.values())
        records, issues = parse_records(table, [(first, {**cells, "Name": self.m.name(partner)})],
                                        OWN_SHEET)
        bad = {i.column for i in issues}
        for issue in issues:
            self.r.problems.append((answer.source, Issue(
                issue.code, issue.message, OWN_SHEET, rows.get(issue.column or "", first),
                "Ihre Angabe", issue.value, "warning")))
        for header, raw in cells.items():
            attr = table.column(header).attr
            if header in bad:
                continue
            new = None if is_blank(raw) else records[0].attrs.get(attr)
            old = data.get(attr)
            if same_value(old, new):
                continue
            prov = Provenance(answer.source, OWN_SHEET, rows[header], answer.answered)
            self.r.corrections.append(Correction(partner, self.m.name(partner), header,
                                                 text_of(old), text_of(new), prov.text()))
            if new is None:
                data.pop(attr, None)
            else:
                data[attr] = new

    def own_reference(self, partner: str, header: str, before: object, after: object,
                      prov: Provenance, answer: Answer) -> None:
        """A changed *Organisation* or *Übergeordnet*: move the partner's ``belongs_to``."""
        old = self.find(_id_in(cell_text(before) or "")) if cell_text(before) else None
        text = cell_text(after)
        new = self.find(_id_in(text)) if text else None
        if new is not None and new == old:
            return
        if old is not None:
            for u, v, key, d in list(self.m.graph.out_edges(partner, keys=True, data=True)):
                if v == old and d["kind"] is EdgeKind.BELONGS_TO:
                    self.m.graph.remove_edge(u, v, key)
        if text:
            self.link_organisation(partner, text, prov, answer)
        self.r.corrections.append(Correction(partner, self.m.name(partner), header,
                                             cell_text(before) or "", text or "", prov.text()))

    # --- contacts --------------------------------------------------------------------------

    def contacts(self, partner: str, answer: Answer) -> None:
        seen: dict[str, str] = {}
        for row in answer.contacts:
            self.contact(partner, answer, row, seen)
        for row in answer.new_partners:
            self.new_partner(partner, answer, row, seen)

    def contact(self, partner: str, answer: Answer, row: AnswerRow, seen: dict[str, str]
                ) -> None:
        rid, name = row.text("ID"), row.text("Name")
        art_raw = row.cells.get("Art")
        art = parse_art(art_raw)
        prov = Provenance(answer.source, CONTACTS_SHEET, row.row, answer.answered)
        named = art is not NO_CONTACT
        other: str | None = None
        if rid is not None:
            other = self.find(rid)
            if other is None:
                if not named:
                    return  # an unknown row without a contact tells nothing
                if name:
                    self.problem(answer, f"Die ID „{rid}“ gibt es in der Karte nicht; der "
                                 f"Kontakt wird über den Namen „{name}“ zugeordnet.",
                                 CONTACTS_SHEET, row.row, "ID", rid)
                    other = self.mention(name, {}, prov, answer)
                else:
                    self.problem(answer, f"Die ID „{rid}“ gibt es in der Karte nicht, und ein "
                                 "Name fehlt; die Zeile wird nicht übernommen. Tragen Sie den "
                                 "Namen ein.", CONTACTS_SHEET, row.row, "ID", rid)
                    return
            elif name and not self.same_name(other, name):
                if named:
                    self.problem(answer, f"ID „{rid}“ und Name „{name}“ passen nicht zusammen "
                                 f"(laut Karte heißt „{rid}“ „{self.m.name(other)}“). Stammt "
                                 "die Zeile aus einem anderen Fragebogen? Sie wird nicht "
                                 "übernommen; prüfen Sie sie mit dem Partner.",
                                 CONTACTS_SHEET, row.row, "Name", name)
                return
        elif name:  # a row added by the partner: a new partner, with or without a tie
            other = self.mention(name, {"Sozialraum": row.cells.get("Sozialraum")}, prov,
                                 answer)
            if not named:
                return
        else:
            if named or row.cells.get("Stärke"):
                self.problem(answer, "Die Zeile hat weder ID noch Name; sie wird nicht "
                             "übernommen.", CONTACTS_SHEET, row.row, "Art", art_raw)
            return
        assert other is not None
        self.report(partner, other, answer, row, art, art_raw, prov, seen)

    def same_name(self, node: str, name: str) -> bool:
        """Whether a row's name fits the node of its ID (a pasted row does not)."""
        mine = self.m.name(node)
        if mine == name or fold(mine) == fold(name):
            return True
        a, b = name_key(mine), name_key(name)
        return a == b or score(a, b) >= POSSIBLE

    def report(self, partner: str, other: str, answer: Answer, row: AnswerRow,
               art: ArtChoice | None, art_raw: object, prov: Provenance,
               seen: dict[str, str]) -> None:
        sheet_name = row.sheet
        if other == partner:
            if art is not NO_CONTACT:
                self.problem(answer, "Die eigene Einrichtung steht als Kontakt; die Zeile wird "
                             "nicht übernommen.", sheet_name, row.row, "ID", other)
            return
        if self.m.graph.nodes[other]["type"] not in _AO:
            self.problem(answer, f"„{self.m.name(other)}“ ist ein "
                         f"{self.m.graph.nodes[other]['type'].label}, kein Partner; Kontakte "
                         "gibt es nur zu Akteuren und Ämtern. Die Zeile wird nicht übernommen.",
                         sheet_name, row.row, "ID", other)
            return
        if art is None:
            self.problem(answer, f"„{text_of(art_raw)}“ ist keine Art der Zusammenarbeit. "
                         "Möglich sind Kooperation, Kontrakt und Vermittlung; die Zeile wird "
                         "nicht übernommen.", sheet_name, row.row, "Art", art_raw)
            return
        pair = frozenset((partner, other))
        if art is NO_CONTACT:
            if other not in seen and (other in self.now or (
                    self.adjacent(partner, other)
                    and main_tie(self.m, partner, other) is not None)):
                self.silent.setdefault(partner, {})[other] = _Silent(row.row, answer.source,
                                                                     answer.answered)
            return
        if other in seen:
            self.problem(answer, f"„{self.m.name(other)}“ steht zweimal ({seen[other]}); "
                         "gelesen wird die erste Zeile.", sheet_name, row.row, "Name",
                         self.m.name(other))
            return
        seen[other] = f"zuerst in „{sheet_name}“, Zeile {row.row}"
        self.silent.get(partner, {}).pop(other, None)  # an empty row, then a named one
        strength_raw = row.cells.get("Stärke")
        strength = parse_survey_strength(strength_raw)
        if strength is None and not is_blank(strength_raw):
            self.problem(answer, f"„{text_of(strength_raw)}“ ist keine Stärke (1 bis 4); der "
                         "Kontakt wird ohne Stärke übernommen.", sheet_name, row.row, "Stärke",
                         strength_raw)
        since = self.since(answer, row)
        notes = [t for t in (row.text("Bemerkung"),) if t]
        notes += [f"{k}: {text_of(v)}" for k, v in row.extra.items()]
        kind = art.kind
        outgoing = art.outgoing  # partners are actors or offices: every Art fits them
        self.reports.setdefault(pair, {})[partner] = SideReport(
            partner, other, kind, outgoing, strength, since, " | ".join(notes), prov)

    def adjacent(self, u: str, v: str) -> bool:
        """Whether any edge joins *u* and *v* (a cheap test before :func:`main_tie`)."""
        succ = self.m.graph._succ  # type: ignore[attr-defined]
        return v in succ[u] or u in succ[v]

    def since(self, answer: Answer, row: AnswerRow) -> date | None:
        raw = row.cells.get("Seit")
        if is_blank(raw):
            return None
        day, _ = parse_date(raw)
        if day is None:
            self.problem(answer, f"„{text_of(raw)}“ ist kein Datum; „Seit“ bleibt leer.",
                         row.sheet, row.row, "Seit", raw)
        return day

    def new_partner(self, partner: str, answer: Answer, row: AnswerRow,
                    seen: dict[str, str]) -> None:
        name, rid = row.text("Name"), row.text("ID")
        prov = Provenance(answer.source, NEW_SHEET, row.row, answer.answered)
        cells = {h: v for h, v in row.cells.items() if h in ACTORS.headers}
        cells.update(row.extra)
        node = self.find(rid) if rid else None
        if node is None:
            if not name:
                if any(k not in ("Art", "Stärke", "Seit") for k in row.cells):
                    self.problem(answer, "In der Zeile fehlt der Name des neuen Partners; sie "
                                 "wird nicht übernommen.", NEW_SHEET, row.row, "Name")
                return
            node = self.mention(name, cells, prov, answer)
        art_raw = row.cells.get("Art")
        if is_blank(art_raw):
            return
        self.report(partner, node, answer, row, parse_art(art_raw), art_raw, prov, seen)

    # --- committees and offers -------------------------------------------------------------

    def committees(self, partner: str, answer: Answer) -> None:
        for row in answer.committees:
            raw = row.cells.get("Mitglied")
            flag = False if is_blank(raw) else parse_flag(raw)
            prov = Provenance(answer.source, COMMITTEES_SHEET, row.row, answer.answered)
            if flag is None:
                self.problem(answer, f"„{text_of(raw)}“ ist weder ja noch nein; die Zeile wird "
                             "nicht übernommen.", COMMITTEES_SHEET, row.row, "Mitglied", raw)
                continue
            committee = self.committee_of(row, answer, flag)
            if committee is None:
                continue
            edge = next(((k, d) for _, v, k, d in self.m.graph.out_edges(
                partner, keys=True, data=True)
                if v == committee and d["kind"] is EdgeKind.MEMBER), None)
            if flag:
                self.member(partner, committee, edge, row, prov, answer)
            elif edge is not None:
                extra = edge[1].setdefault("extra", {})
                if str(extra.get(EDGE_SOURCE) or "").startswith(CREATED):
                    self.m.graph.remove_edge(partner, committee, edge[0])
                    continue
                extra[EDGE_STATUS] = Confirmation.DISPUTED.label
                extra[EDGE_SOURCE] = prov.text()

    def committee_of(self, row: AnswerRow, answer: Answer, flag: bool) -> str | None:
        cid, name = row.text("ID"), row.text("Name")
        node = self.find(cid) if cid else None
        if node is not None and self.m.graph.nodes[node]["type"] is NodeType.COMMITTEE:
            return node
        if not flag:
            return None
        if name:
            exact = self.committee_index.exact(name)
            if len(exact) == 1:
                return exact[0]
            close = self.committee_index.similar(name, cutoff=POSSIBLE, limit=3)
            hint = (" Meinten Sie " + " oder ".join(f"„{self.m.name(c.id)}“ ({c.id})"
                                                    for c in close) + "?") if close else ""
            self.problem(answer, f"Das Gremium „{name}“ ist nicht auf der Karte.{hint} Die "
                         "Mitgliedschaft wird nicht übernommen; tragen Sie das Gremium in der "
                         "Karte nach und führen Sie erneut zusammen.", COMMITTEES_SHEET,
                         row.row, "Name", name)
        else:
            self.problem(answer, f"Das Gremium „{cid}“ gibt es in der Karte nicht; die "
                         "Mitgliedschaft wird nicht übernommen.", COMMITTEES_SHEET, row.row,
                         "ID", cid)
        return None

    def member(self, partner: str, committee: str, edge: tuple[int, dict[str, Any]] | None,
               row: AnswerRow, prov: Provenance, answer: Answer) -> None:
        raw = row.cells.get("Funktion")
        function = None if is_blank(raw) else parse_term(MemberFunction, raw)
        if function is None and not is_blank(raw):
            self.problem(answer, f"„{text_of(raw)}“ ist keine Funktion (Vorsitz, Koordination, "
                         "Mitglied, Gast); sie bleibt leer.", COMMITTEES_SHEET, row.row,
                         "Funktion", raw)
        since = self.since(answer, row)
        note = row.text("Bemerkung")
        name = self.m.name(committee)
        if edge is None:
            attrs: dict[str, Any] = {"function": function, "since": since, "note": note}
            self.m.add_edge(partner, committee, EdgeKind.MEMBER,
                            extra={EDGE_STATUS: Confirmation.CONFIRMED.label,
                                   EDGE_SOURCE: CREATED + prov.text()},
                            **{k: v for k, v in attrs.items() if v is not None})
            self.r.corrections.append(Correction(partner, self.m.name(partner),
                                                 f"Mitglied in „{name}“", "", "ja",
                                                 prov.text()))
            return
        data = edge[1]
        for attr, value, label in (("function", function, "Funktion"), ("since", since, "Seit"),
                                   ("note", note, "Bemerkung")):
            if value is not None and not same_value(data.get(attr), value):
                self.r.corrections.append(Correction(
                    partner, self.m.name(partner), f"{label} in „{name}“",
                    text_of(data.get(attr)), text_of(value), prov.text()))
                data[attr] = value
        extra = data.setdefault("extra", {})
        extra[EDGE_STATUS] = Confirmation.CONFIRMED.label
        created = str(extra.get(EDGE_SOURCE) or "").startswith(CREATED)
        extra[EDGE_SOURCE] = (CREATED if created else "") + prov.text()

    def offers(self, partner: str, answer: Answer) -> None:
        if not answer.offers:
            return
        mine = {str(v) for _, v, d in self.m.graph.out_edges(partner, data=True)
                if d["kind"] is EdgeKind.PROVIDES}
        by_name = NameIndex({o: self.m.name(o) for o in mine})
        usable = [r for r in answer.offers if r.text("ID") or r.text("Name")]
        records, issues = parse_records(OFFERS, [(r.row, {h: v for h, v in r.cells.items()
                                                          if h != "ID"}) for r in usable],
                                        OFFERS_SHEET)
        for issue in issues:
            self.r.problems.append((answer.source, issue))
        bad = {(i.row, i.column) for i in issues}
        for row, record in zip(usable, records, strict=True):
            prov = Provenance(answer.source, OFFERS_SHEET, row.row, answer.answered)
            rid, name = row.text("ID"), row.text("Name")
            offer = self.find(rid) if rid else None
            if offer is not None and offer not in mine:
                self.problem(answer, f"Das Angebot „{rid}“ gehört laut Karte nicht zu Ihrer "
                             "Einrichtung; die Zeile wird nicht übernommen.", OFFERS_SHEET,
                             row.row, "ID", rid)
                continue
            if offer is None and name:
                exact = by_name.exact(name)
                offer = exact[0] if len(exact) == 1 else None
            if offer is None:
                if not name:
                    self.problem(answer, f"Das Angebot „{rid}“ gibt es nicht, und ein Name "
                                 "fehlt; die Zeile wird nicht übernommen.", OFFERS_SHEET,
                                 row.row, "ID", rid)
                    continue
                offer = self.new_offer(partner, name, record.attrs, record.extra, prov)
                by_name.add(offer, name)
                mine.add(offer)
                continue
            self.update_offer(offer, row, record.attrs,
                              answer.columns.get(OFFERS_SHEET, set(OFFER_HEADERS)), bad, prov)

    def new_offer(self, partner: str, name: str, attrs: dict[str, Any],
                  extra: dict[str, Any], prov: Provenance) -> str:
        base = "NEU-ANG-" + _ascii_id(name_words(name))
        node, n = base, 1
        while node in self.m.graph:
            n += 1
            node = f"{base}-{n}"
        self.m.add_node(node, NodeType.OFFER, name=name,
                        extra={**extra, NODE_SOURCE: CREATED + prov.text()}, **attrs)
        self.ids[fold(node)] = node
        self.m.add_edge(partner, node, EdgeKind.PROVIDES)
        self.r.corrections.append(Correction(node, name, "neues Angebot", "", name,
                                             prov.text()))
        return node

    def update_offer(self, offer: str, row: AnswerRow, attrs: dict[str, Any],
                     present: set[str], bad: set[tuple[int | None, str | None]],
                     prov: Provenance) -> None:
        """Apply an offer row: the partner's statement on every column it has."""
        data = self.m.graph.nodes[offer]
        changed = False
        for header in OFFER_HEADERS[1:]:
            if header not in present or (row.row, header) in bad:
                continue
            column = OFFERS.column(header)
            if header == "Name":
                new: Any = row.text("Name")
                if new is None:
                    continue
            else:  # an emptied cell takes the category's default, as on import
                new = attrs.get(column.attr)
            old = data.get(column.attr)
            if same_value(old, new):
                continue
            self.r.corrections.append(Correction(offer, self.m.name(offer), header,
                                                 text_of(old), text_of(new), prov.text()))
            if new is None:
                data.pop(column.attr, None)
            else:
                data[column.attr] = new
            changed = True
        if changed:
            extra = self.node_extra(offer)
            created = str(extra.get(NODE_SOURCE) or "").startswith(CREATED)
            extra[NODE_SOURCE] = (CREATED if created else "") + prov.text()

    # --- ties ------------------------------------------------------------------------------

    def stored_reports(self, tie: tuple[str, str, int, dict[str, Any]] | None
                       ) -> dict[str, SideReport]:
        if tie is None:
            return {}
        source, target, _, data = tie
        extra = data.get("extra") or {}
        out: dict[str, SideReport] = {}
        for column, reporter, other in ((EDGE_SIDE_SOURCE, source, target),
                                        (EDGE_SIDE_TARGET, target, source)):
            report = SideReport.parse(extra.get(column), reporter, other)
            if report is not None:
                out[reporter] = report
        return out

    def ties(self) -> None:
        pairs: set[frozenset[str]] = set(self.reports)
        for u, v, d in self.m.graph.edges(data=True):
            extra = d.get("extra") or {}
            if (u in self.now or v in self.now) and d["kind"] in SURVEY_KINDS and (
                    extra.get(EDGE_SIDE_SOURCE) or extra.get(EDGE_SIDE_TARGET)):
                pairs.add(frozenset((str(u), str(v))))
        for partner, rows in self.silent.items():
            for other in rows:
                if main_tie(self.m, partner, other) is not None:
                    pairs.add(frozenset((partner, other)))
        for pair in sorted(pairs, key=sorted):
            self.tie(pair)

    def tie(self, pair: frozenset[str]) -> None:
        u, v = sorted(pair)
        tie = main_tie(self.m, u, v)
        reports = self.stored_reports(tie)
        for side in (u, v):
            if side in self.now:
                reports.pop(side, None)
        reports.update(self.reports.get(pair, {}))
        for side, other in ((u, v), (v, u)):
            silent = self.silent.get(side, {}).get(other)
            if side not in reports and silent is not None:
                reports[side] = SideReport(side, other, None, True, None, None, "", Provenance(
                    silent.source, CONTACTS_SHEET, silent.row, silent.answered))
        created = tie is not None and str((tie[3].get("extra") or {}).get(EDGE_SOURCE)
                                          or "").startswith(CREATED)
        ordered = sorted(reports.values(), key=lambda r: (r.source.answered if r.source
                                                          else datetime.min, r.reporter))
        state = confirmation(ordered, existed=tie is not None and not created)
        if state is None:
            if tie is not None:
                if created:
                    self.m.graph.remove_edge(tie[0], tie[1], tie[2])
                else:
                    extra = tie[3].get("extra") or {}
                    for column in _EDGE_COLUMNS:
                        extra.pop(column, None)
            return
        merged = merged_kind(ordered)
        if merged is None:  # disputed: the map's tie stays as it was
            assert tie is not None
            self.write_tie(tie, ordered, state, created=created)
            return
        kind, source, target = merged
        if tie is None:
            key = self.m.add_edge(source, target, kind)
            tie = (source, target, key, _edge(self.m, source, target, key))
            created = True
        elif tie[3]["kind"] is not kind or (kind is EdgeKind.REFERRAL
                                            and (tie[0], tie[1]) != (source, target)):
            tie = self.replace_edge(tie, kind, source, target)
        elif kind is not EdgeKind.REFERRAL:
            source, target = tie[0], tie[1]
        data = tie[3]
        strength = merged_strength(ordered, self.rule)
        if strength is not None:
            data["strength"] = strength
        dates = [r.since for r in ordered if r.named and r.since is not None]
        if dates:
            data["since"] = min(dates)
        named = [r for r in ordered if r.named]
        if state in (Confirmation.ONE_SIDED, Confirmation.UNCONFIRMED):
            data["reported_by"] = named[0].reporter
        self.write_tie(tie, ordered, state, created=created)

    def replace_edge(self, tie: tuple[str, str, int, dict[str, Any]], kind: EdgeKind,
                     source: str, target: str) -> tuple[str, str, int, dict[str, Any]]:
        old_source, old_target, key, data = tie
        self.m.graph.remove_edge(old_source, old_target, key)
        attrs = {k: v for k, v in data.items() if k not in ("kind", "extra")
                 and v is not None}
        new_key = self.m.add_edge(source, target, kind, extra=dict(data.get("extra") or {}),
                                  **attrs)
        return source, target, new_key, _edge(self.m, source, target, new_key)

    def write_tie(self, tie: tuple[str, str, int, dict[str, Any]],
                  reports: Sequence[SideReport], state: Confirmation, *, created: bool) -> None:
        source, target, _, data = tie
        extra = data.setdefault("extra", {})
        by = {r.reporter: r for r in reports}
        extra[EDGE_STATUS] = state.label
        for column, side in ((EDGE_SIDE_SOURCE, source), (EDGE_SIDE_TARGET, target)):
            report = by.get(side)
            if report is None:
                extra.pop(column, None)
            else:
                extra[column] = report.text()
        origin = "; ".join(r.source.text() for r in reports if r.source is not None)
        extra[EDGE_SOURCE] = (CREATED if created else "") + origin

    # --- decisions -------------------------------------------------------------------------

    def apply_tie_decisions(self) -> None:
        if not self.decisions.ties:
            return
        for u, v, key, data in list(self.m.graph.edges(keys=True, data=True)):
            extra = data.get("extra") or {}
            if not extra.get(EDGE_STATUS):
                continue
            decision = self.decisions.tie(str(u), str(v))
            if decision is None:
                continue
            what = (f"{self.m.name(u)} – {self.m.name(v)} ({data['kind'].label})")
            if decision.action == "remove":
                self.m.graph.remove_edge(u, v, key)
                self.r.removed.append(f"{what}: entfernt (Entscheidung)")
                continue
            if decision.action == "side" and decision.side in (u, v):
                column = EDGE_SIDE_SOURCE if decision.side == u else EDGE_SIDE_TARGET
                other = v if decision.side == u else u
                report = SideReport.parse(extra.get(column), str(decision.side), str(other))
                if report is not None and not report.named:
                    self.m.graph.remove_edge(u, v, key)
                    self.r.removed.append(f"{what}: entfernt (Angabe von "
                                          f"{decision.side}: kein Kontakt)")
                    continue
                if report is not None and report.kind is not None:
                    src, tgt = report.direction()
                    tie = (str(u), str(v), key, data)
                    if report.kind is not data["kind"] or (
                            (src, tgt) != (u, v) and report.kind is EdgeKind.REFERRAL):
                        tie = self.replace_edge(tie, report.kind, src, tgt)
                    if report.strength is not None:
                        tie[3]["strength"] = report.strength
                    tie[3].setdefault("extra", {})[EDGE_DECISION] = decision.label
                    continue
            extra[EDGE_DECISION] = decision.label

    def apply_duplicate_decisions(self) -> None:
        for node in list(self.m.graph.nodes):
            if node not in self.m.graph:
                continue
            extra = self.m.graph.nodes[node].get("extra") or {}
            marked = extra.get(NODE_DUPLICATE)
            if not marked:
                continue
            name = self.m.name(node)
            same = self.decisions.same_as(str(node), name)
            if same is not None and same in self.m.graph and same != node:
                self.absorb(str(node), same)
                continue
            different = self.decisions.not_same(str(node), name)
            kept = [(c, s) for c, s in DUPLICATE_ITEM.findall(str(marked))
                    if c.strip() not in different and c.strip() in self.m.graph]
            if kept:
                extra[NODE_DUPLICATE] = "; ".join(f"{c.strip()} ({s} %)" for c, s in kept)
            else:
                extra.pop(NODE_DUPLICATE, None)

    def absorb(self, new: str, old: str) -> None:
        """Merge node ``new`` into ``old`` (the coordinator decided they are the same)."""
        graph = self.m.graph
        edges: list[tuple[str, str, int, dict[str, Any]]] = [
            *graph.out_edges(new, keys=True, data=True), *graph.in_edges(new, keys=True,
                                                                          data=True)]
        for u, v, _key, data in edges:
            source, target = (old if u == new else u), (old if v == new else v)
            if source == target:
                continue
            existing: dict[Any, dict[str, Any]] = graph.get_edge_data(source, target,
                                                                      default={})
            if any(d["kind"] is data["kind"] for d in existing.values()):
                continue
            attrs = {k: val for k, val in data.items() if k not in ("kind", "extra")
                     and val is not None}
            if self.m.endpoint_problem(source, target, data["kind"]) is None:
                self.m.add_edge(source, target, data["kind"],
                                extra=dict(data.get("extra") or {}), **attrs)
        mine, theirs = graph.nodes[old], graph.nodes[new]
        for attr, value in theirs.items():
            if attr in ("type", "name", "extra"):
                continue
            if mine.get(attr) in (None, ()):
                mine[attr] = value
        extra = mine.setdefault("extra", {})
        for key, value in (theirs.get("extra") or {}).items():
            if key in (NODE_DUPLICATE, NODE_SOURCE):
                continue
            extra.setdefault(key, value)
        source = str((theirs.get("extra") or {}).get(NODE_SOURCE) or "").removeprefix(CREATED)
        if source:
            self.add_source(extra, NODE_SOURCE, source)
        self.r.removed.append(f"{self.m.name(new)} ({new}) mit {self.m.name(old)} ({old}) "
                              "zusammengeführt (Entscheidung)")
        self.m.remove_node(new)
        self.index.remove(new)

    # --- run -------------------------------------------------------------------------------

    def run(self, answers: Sequence[Answer | str | os.PathLike[str]]) -> MergeResult:
        opened: list[Answer] = []
        for order, item in enumerate(answers):
            answer = item if isinstance(item, Answer) else None
            if answer is None:
                path = Path(os.fspath(item))  # type: ignore[arg-type]
                try:
                    answer = open_answer(path, order=order)
                except InputError as err:
                    self.problem(path.name, f"Die Datei wird nicht übernommen: {err}",
                                 error=True, code=err.code)
                    self.r.answers.append(AnswerStatus(path.name, None, "", None,
                                                       "nicht verwendbar", str(err)))
                    continue
                except OSError as err:
                    self.problem(path.name, f"Die Datei lässt sich nicht lesen "
                                 f"({err.strerror or err}).", error=True, code=IssueCode.FILE_ERROR)
                    self.r.answers.append(AnswerStatus(path.name, None, "", None,
                                                       "nicht verwendbar", str(err)))
                    continue
            else:
                answer.order = order
            self.note_asked(answer)
            if not self.check(answer):
                self.r.answers.append(AnswerStatus(answer.source, answer.partner,
                                                   answer.info.get("Partner", ""),
                                                   answer.answered, "nicht verwendbar"))
                continue
            opened.append(answer)
        chosen: dict[str, Answer] = {}
        for answer in sorted(opened, key=lambda a: (a.answered, a.order)):
            partner = answer.partner if answer.partner is not None else \
                self.blank_partner(answer)
            if partner is None:
                self.r.answers.append(AnswerStatus(answer.source, None, "", answer.answered,
                                                   "nicht verwendbar"))
                continue
            answer.partner = partner
            earlier = chosen.get(partner)
            if earlier is not None:
                self.r.answers.append(AnswerStatus(earlier.source, partner,
                                                   self.m.name(partner), earlier.answered,
                                                   "ersetzt", f"spätere Antwort: {answer.source}"))
            chosen[partner] = answer
        for partner, answer in chosen.items():
            stored = _answer_time(self.node_extra(partner).get(NODE_ANSWER))
            if stored is not None and answer.answered < stored:
                self.r.answers.append(AnswerStatus(
                    answer.source, partner, self.m.name(partner), answer.answered, "älter",
                    "die Karte enthält schon eine neuere Antwort dieses Partners"))
                continue
            self.now[partner] = answer
        for partner, answer in sorted(self.now.items(),
                                      key=lambda item: (item[1].answered, item[1].order)):
            self.apply(partner, answer)
        self.ties()
        self.apply_tie_decisions()
        self.apply_duplicate_decisions()
        return self.finish()

    def apply(self, partner: str, answer: Answer) -> None:
        if answer.path is not None and not answer.contacts and not answer.committees \
                and not answer.offers and not answer.new_partners:
            known = len(answer.issues)
            load_rows(answer)
            self.r.problems.extend((answer.source, i) for i in answer.issues[known:])
        self.node_extra(partner)[NODE_ANSWER] = (f"{answer.answered.strftime(_STAMP)} "
                                                 f"({answer.source})")
        self.own_record(partner, answer)
        self.contacts(partner, answer)
        self.committees(partner, answer)
        self.offers(partner, answer)
        self.r.answers.append(AnswerStatus(answer.source, partner, self.m.name(partner),
                                           answer.answered, "übernommen"))
        if answer.path is not None:
            answer.release()

    # --- the end ---------------------------------------------------------------------------

    def finish(self) -> MergeResult:
        m = self.m
        for sheet_name, columns in (("Akteure", _NODE_COLUMNS), ("Ämter", _NODE_COLUMNS),
                                    ("Angebote", (NODE_SOURCE,)),
                                    ("Beziehungen", _EDGE_COLUMNS),
                                    ("Mitgliedschaften", _MEMBER_COLUMNS)):
            order = m.extra_columns.setdefault(sheet_name, [])
            order.extend(c for c in columns if c not in order)
        self.r.response = response(m, self.persons, self.asked or None)
        missing = self.r.response.missing
        stamps = [t for t in (_answer_time((d.get("extra") or {}).get(NODE_ANSWER))
                              for _, d in m.graph.nodes(data=True)) if t is not None]
        if stamps:
            m.meta.extra[META_RATE] = (f"{self.r.response.answered} von "
                                       f"{self.r.response.asked} "
                                       f"({round(100 * self.r.response.rate)} %)")
            m.meta.extra[META_MISSING] = "; ".join(missing) or "–"
            m.meta.extra[META_DATE] = max(stamps).strftime(_STAMP)
        self.r.duplicates = duplicates(m)
        self.r.ties = conflicts(m)
        self.r.map = m  # a fresh copy of the input since __init__; no cached projections
        return self.r


def merge_answers(base: NetworkMap, answers: Sequence[Answer | str | os.PathLike[str]], *,
                  rule: StrengthRule | str = StrengthRule.MINIMUM,
                  decisions: Decisions | None = None, persons: bool = False) -> MergeResult:
    """Merge returned questionnaires into a copy of ``base``.

    Parameters
    ----------
    base : NetworkMap
        The map the questionnaires were written for (or an earlier merge result).
    answers : sequence of Answer or path
        The returned questionnaires, in the order given on the command line.
    rule : StrengthRule or str, default "minimum"
        How the merged strength is chosen when both sides give one (``minimum``,
        ``maximum``, ``mittel``, ``neueste``; see :data:`~netzkarte.survey.ties.
        STRENGTH_RULES`).
    decisions : Decisions, optional
        The coordinator's decisions from a Rückmeldung.
    persons : bool, default False
        Count persons as asked partners (the questionnaires went to persons too).

    Returns
    -------
    MergeResult
        ``map`` is the merged map (``base`` is not changed); ``ok`` is ``False`` when an
        answer or part of one could not be used (``problems`` says which and why).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netzkarte import NetworkMap
    >>> from netzkarte.survey.questionnaire import write_questionnaire
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita")
    >>> m.add_node("GS", "actor", name="Grundschule am Park", category="Grundschule")
    >>> path = write_questionnaire(m, "K1", pathlib.Path(tempfile.mkdtemp()) / "k1.xlsx")
    >>> result = merge_answers(m, [path])
    >>> result.ok, result.response.answered, result.response.missing
    (True, 1, ['GS'])
    """
    chosen = rule if isinstance(rule, StrengthRule) else StrengthRule(str(rule))
    merge = _Merge(base, chosen, decisions or Decisions(), persons)
    result = merge.run(answers)
    counts = Counter(a.status for a in result.answers)
    log.info("%d Antworten übernommen, %d ersetzt, %d älter, %d nicht verwendbar.",
             counts["übernommen"], counts["ersetzt"], counts["älter"],
             counts["nicht verwendbar"])
    return result
