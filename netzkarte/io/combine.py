"""Several workbooks into one map: the Kommunen of a Kreis, the Kreise of a Land.

A Kreis coordinator collects one filled template per Kommune (and perhaps one for the
Kreis offices and bodies); a Land's Servicestelle collects a folder of them, or JSON
exports. :func:`read_many` reads them all and returns one map whose Kommunen the
analyses judge separately (:mod:`netzkarte.analysis.kommunen`).

How the records of several files become one map
-----------------------------------------------
* **Each file is read on its own.** References inside a workbook (Mitgliedschaften,
  Beziehungen, Träger, Ort, Leitung) resolve to that workbook's own nodes before
  anything is combined, and every problem a file has keeps its file name in the message.
* **Which Kommune a record belongs to**: its column *Kommune*, its Sozialraum, its venue
  or organisation (as in :func:`~netzkarte.kommunen.municipality_of`); a record
  without any of them belongs to the Kommune its workbook describes (*Kommune* in the
  sheet *Anleitung*). *Ebene* Kreis or Land, or the Kommune column naming the Kreis,
  makes it a Kreis record; so does every record of a workbook describing the Kreis itself.
* **Shared Kreis records are matched, not duplicated**: two records are one node when they
  have the same ID and the same name (spelling folded: case, umlauts, spaces) and are not
  placed in two different Kommunen, or when both are on Ebene Kreis or Land with the same
  name and type (their IDs may differ). Where the matched records differ, the first
  (newest *Stand* first, then the order of the files) wins, empty fields are filled from
  the others, and a warning names the fields and files. A match of two records that are
  on no Ebene and in no Kommune column is reported too: if they are two different
  institutions, a Kommune column keeps them apart. Gremien and Angebote without Ebene
  are never matched across Kommunen (each Kommune has its own „Steuerungsgruppe“); a
  note names them, in case one is a Kreis body whose Ebene is missing.
* **IDs stay apart per Kommune**: an ID used for different nodes in two files is
  qualified with the Kommune, ``Adorf/K-1`` and ``Bstadt/K-1`` (two files of one
  Kommune: ``Adorf/kitas/K-1``), a Kreis record keeps its own ID. The user's ID stays
  visible in the qualified one; a warning lists the renamed IDs. Sozialräume of the same
  name in two Kommunen are renamed the same way, ``Nord (Adorf)``.
* **Kreise stay apart**: files naming different Kreise (*Kreis* in the sheet *Anleitung*)
  never share a record, however alike the names („Kreisjugendamt“).
* **Ties shared by several files** (the Kreisjugendamt in the Kreisnetzwerk, written in
  every Kommune's workbook) are one tie.
* **Snapshots**: when a Kommune comes in files of different *Stand*, the newest is the
  map and the one before is kept as the earlier snapshot (:attr:`Combined.earlier`) for
  :func:`netzkarte.compare`; older ones are left out with a note. Files without a
  *Stand* count as current.
* **Metadata**: each Kommune's Leitbild, goals and *Stand* are kept per Kommune in
  ``meta.extra`` (see :data:`~netzkarte.kommunen.MISSION_KEY`), so the quality
  framework judges each Kommune by its own; the Kreis is the map's name.

Examples
--------
>>> from netzkarte import NetworkMap
>>> a = NetworkMap("Adorf"); a.meta.county = "Musterkreis"
>>> a.add_node("K-1", "actor", name="Kita Sonnenschein", category="Kita")
>>> a.add_node("JA", "office", name="Kreisjugendamt", level="Kreis")
>>> _ = a.add_edge("K-1", "JA", "cooperation")
>>> b = NetworkMap("Bstadt"); b.meta.county = "Musterkreis"
>>> b.add_node("K-1", "actor", name="Kita Regenbogen", category="Kita")
>>> b.add_node("JA", "office", name="Kreisjugendamt", level="Kreis")
>>> both = combine([("adorf.xlsx", a), ("bstadt.xlsx", b)])
>>> sorted(both.map.graph.nodes)
['Adorf/K-1', 'Bstadt/K-1', 'JA']
>>> both.map.meta.municipality, both.map.name("Bstadt/K-1")
('Musterkreis', 'Kita Regenbogen')
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from netzkarte.errors import InputError, Issue, IssueCode, ValidationError, ValidationReport
from netzkarte.io.own_outputs import own_output, refuse_own_output
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.text import enumerate_names, quote
from netzkarte.vocab import EDGE_RULES, CategoryInfo, EdgeKind, Level, NodeType, fold

__all__ = ["READABLE", "Combined", "SourceFile", "combine", "per_municipality", "read_many",
           "read_sources", "source_files"]

log = logging.getLogger(__name__)

READABLE: tuple[str, ...] = (".xlsx", ".json")
"""Suffixes read from a folder: filled templates and netzkarte JSON exports."""

_ABOVE = (Level.COUNTY, Level.STATE)
_REFERENCE_FIELDS = ("venue", "lead")  # node fields holding another node's id
_EDGE_REFERENCE_FIELDS = ("reported_by",)
_NOTE_LIMIT = 5  # names listed in one merge note
_LOCAL_TYPES = (NodeType.COMMITTEE, NodeType.OFFER)  # without Ebene: the workbook's Kommune


@dataclass
class SourceFile:
    """One input of :func:`read_sources` and what became of it.

    ``municipalities`` are the Kommunen it describes (empty: a Kreis or Land workbook);
    ``used`` is ``"current"`` (in the map), ``"earlier"`` (the snapshot before, for the
    comparison), ``"older"`` (left out: two newer snapshots exist), ``"partly"`` (some
    Kommunen current, some earlier) or ``"unreadable"``.
    """

    label: str
    path: Path | None = None
    municipalities: list[str] = field(default_factory=list)
    snapshot: date | None = None
    used: str = "current"
    nodes: int = 0


@dataclass
class Combined:
    """The result of :func:`combine` and :func:`read_sources`.

    Attributes
    ----------
    map : NetworkMap
        The current state of every Kommune and the Kreis records, as one map.
    report : ValidationReport
        Every file's problems (the file name starts each message) and the notes of the
        merge (codes ``combined-…``, warnings).
    earlier : NetworkMap or None
        The snapshot before the newest of every Kommune that came in two, with the same
        IDs as ``map``; ``None`` when no Kommune came twice.
    sources : list of SourceFile
        Per input: its Kommunen, *Stand* and whether it is in ``map`` or ``earlier``.
    ids : dict of (str, str) to str
        (file label, ID in that file) → ID in the combined maps, for every node.
    """

    map: NetworkMap
    report: ValidationReport
    earlier: NetworkMap | None = None
    sources: list[SourceFile] = field(default_factory=list)
    ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def earlier_municipalities(self) -> list[str]:
        """The Kommunen with an earlier snapshot, in alphabetical order."""
        if self.earlier is None:
            return []
        from netzkarte.kommunen import municipalities

        current = {fold(k) for k in municipalities(self.map)}
        return sorted((k for k in municipalities(self.earlier) if fold(k) in current),
                      key=fold)


# --- files ------------------------------------------------------------------------------------


def source_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: every path given, a folder as every ``.xlsx``/``.json`` in it.

    Files of a folder come in name order; hidden files and the lock files of Excel
    (``~$…``) are skipped, as are sub-folders, and netzkarte's own outputs found in a
    folder (:func:`own_output`: a Maßnahmenliste, the findings JSON …). A file named
    twice is read once.

    Raises
    ------
    InputError
        A path does not exist, or a folder holds no ``.xlsx`` or ``.json`` file.
    """
    return _source_files(paths)[0]


def _source_files(paths: Iterable[str | os.PathLike[str]]
                  ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files to read, and the outputs of netzkarte left out of folders (with what
    they are)."""
    out: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted((p for p in path.iterdir() if p.is_file()
                            and p.suffix.lower() in READABLE
                            and not p.name.startswith(("~$", "."))),
                           key=lambda p: (p.name.casefold(), p.name))
            outputs = {p: what for p in found if (what := own_output(p)) is not None}
            skipped += [(p, what) for p, what in outputs.items()]
            found = [p for p in found if p not in outputs]
            if not found:
                raise InputError(f"Im Ordner „{path}“ liegt keine Arbeitsmappe (.xlsx) und "
                                 "keine netzkarte-JSON-Datei (.json)"
                                 + (" außer Ergebnissen von netzkarte" if outputs else "")
                                 + ".", IssueCode.EMPTY_FOLDER)
            candidates = found
        elif path.exists():
            candidates = [path]
        else:
            raise InputError(f"„{path}“ gibt es nicht: weder Datei noch Ordner. Prüfen Sie "
                             "den Namen.", IssueCode.FILE_MISSING)
        for candidate in candidates:
            key = os.path.normcase(os.path.abspath(candidate))
            if key not in seen:
                seen.add(key)
                out.append(candidate)
    return out, skipped


def _labels(files: Sequence[Path]) -> list[str]:
    """File names, or the paths where two files share a name."""
    names = Counter(p.name for p in files)
    return [p.name if names[p.name] == 1 else str(p) for p in files]


def _read_one(path: Path, label: str) -> tuple[NetworkMap | None, ValidationReport]:
    """One source: its map (``None`` when it has errors) and its report, never raising for
    bad content or an unreadable file (those become errors of the report)."""
    try:
        refuse_own_output(path)
        if path.suffix.lower() == ".json":
            from netzkarte.io.exchange import read_json

            try:
                network = read_json(path)
            except ValidationError as err:
                return None, err.report
            return network, ValidationReport(counts=network.counts(), source=label)
        from netzkarte.io.excel import validate_excel

        found, report = validate_excel(path)
        return found, report
    except InputError as err:
        report = ValidationReport(source=label)
        report.add(err.code, str(err))
        return None, report
    except MemoryError:
        report = ValidationReport(source=label)
        report.add(IssueCode.FILE_TOO_LARGE, "Die Datei ist zu groß für den Arbeitsspeicher.")
        return None, report


def _labelled(issue: Issue, label: str) -> Issue:
    message = issue.message if issue.message.startswith(f"{label}: ") else \
        f"{label}: {issue.message}"
    return Issue(issue.code, message, issue.sheet, issue.row, issue.column, issue.value,
                 issue.severity)


def read_sources(paths: Iterable[str | os.PathLike[str]], *, progress: bool | None = False
                 ) -> Combined:
    """Read several workbooks, JSON exports or folders of them as one map.

    Parameters
    ----------
    paths : iterable of path-like
        Files (``.xlsx``, ``.json``) and folders (every such file in them, by name).
    progress : bool, optional
        Show a progress bar over the files (``None``: when stderr is a terminal).

    Returns
    -------
    Combined
        The map, the joint report (every message starts with its file's name), the
        earlier snapshot where a Kommune came twice, and what became of each file. When
        the report has errors, the map holds only the files without errors.

    Raises
    ------
    InputError
        A path does not exist or a folder holds no readable file (nothing is read).
    """
    from netzkarte.progress import progress_bar

    files, skipped = _source_files(paths)
    labels = _labels(files)
    report = ValidationReport(source=", ".join(labels))
    for path, what in skipped:
        report.warn(IssueCode.COMBINED_OUTPUT_SKIPPED,
                    f"„{path.name}“ im Ordner „{path.parent}“ ist {what}, keine Karte, und "
                    "wird übergangen.")
    readable: list[tuple[str, NetworkMap]] = []
    unreadable: list[SourceFile] = []
    bar = progress_bar(len(files), desc="Lesen", enabled=progress)
    try:
        for path, label in zip(files, labels, strict=True):
            bar.set_postfix_str(label[-30:])
            network, own = _read_one(path, label)
            report.issues += [_labelled(i, label) for i in own.issues]
            if network is None or not own.ok:
                unreadable.append(SourceFile(label, path, used="unreadable"))
            else:
                network.meta.source = network.meta.source or str(path)
                readable.append((label, network))
            bar.update()
    finally:
        bar.close()
    combined = combine(readable)
    for source, (label, _) in zip(combined.sources, readable, strict=True):
        source.path = files[labels.index(label)]
    combined.report.issues = report.issues + combined.report.issues
    combined.report.source = report.source
    combined.sources += unreadable
    order = {label: i for i, label in enumerate(labels)}
    combined.sources.sort(key=lambda s: order.get(s.label, len(order)))
    return combined


def read_many(paths: Iterable[str | os.PathLike[str]]) -> tuple[NetworkMap, ValidationReport]:
    """Several workbooks, JSON exports or folders of them as one map, with one report.

    The map holds the current snapshot of every Kommune (see the module docstring for
    how records are matched and IDs kept apart); the report every file's problems, each
    message starting with the file's name, and the notes of the merge. When the report
    has errors (``report.ok`` is ``False``) the map holds only the files without errors:
    do not use it as the whole.

    Raises
    ------
    InputError
        A path does not exist or a folder holds no readable file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netzkarte import NetworkMap, save
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for town in ("Adorf", "Bstadt"):
    ...     m = NetworkMap(town)
    ...     m.add_node("K-1", "actor", name=f"Kita {town}", category="Kita")
    ...     _ = save(m, folder / f"{town.lower()}.json")
    >>> karte, report = read_many([folder])
    >>> report.ok, sorted(karte.graph.nodes)
    (True, ['Adorf/K-1', 'Bstadt/K-1'])
    """
    combined = read_sources(paths)
    return combined.map, combined.report


# --- the merge --------------------------------------------------------------------------------


@dataclass
class _Record:
    """One node of one source."""

    source: int
    id: str
    data: dict[str, Any]
    home: str | None  # its Kommune (display spelling); None: Kreis or Land level
    above: bool  # Ebene Kreis/Land, Kommune column naming the Kreis, or a Kreis workbook
    placed: bool  # its Kommune comes from the record itself (column, Sozialraum, venue …)


@dataclass
class _Source:
    label: str
    map: NetworkMap
    municipality: str | None  # the one Kommune it describes, None for a Kreis workbook
    kommunen: list[str]
    county: list[str]
    kreis_source: bool
    ids: dict[str, int] = field(default_factory=dict)  # user id → record index
    districts: dict[str, str] = field(default_factory=dict)  # old → new Sozialraum name


@lru_cache(maxsize=1 << 17)
def _id_key(node_id: str) -> str:
    """IDs compare as the importer compares them: NFC, no invisible characters, any case."""
    if not node_id.isascii():
        node_id = unicodedata.normalize("NFC", node_id)
        node_id = "".join(c for c in node_id if unicodedata.category(c) != "Cf")
    return " ".join(node_id.split()).casefold()


def _describe(label: str, network: NetworkMap) -> _Source:
    from netzkarte.kommunen import county_keys, county_names, municipalities

    kommunen = list(municipalities(network))
    meta = network.meta
    own = (meta.municipality or "").strip()
    kreis = bool(own) and fold(own) in county_keys(network)
    if not kommunen and not kreis:
        levels = {d.get("level") for _, d in network.graph.nodes(data=True)}
        kreis = bool(levels) and levels <= set(_ABOVE)
    single: str | None = None
    if not kreis:
        if len(kommunen) == 1:
            single = kommunen[0]
        elif not kommunen:
            single = own or Path(label).stem
    return _Source(label, network, single, kommunen or ([single] if single else []),
                   county_names(network), kreis)


def _records(i: int, src: _Source) -> list[_Record]:
    from netzkarte.kommunen import county_keys, municipality_of

    network = src.map
    owner = municipality_of(network)
    counties = county_keys(network)
    out: list[_Record] = []
    for node, data in network.graph.nodes(data=True):
        column = data.get("municipality")
        above = data.get("level") in _ABOVE or (bool(column) and fold(column) in counties)
        home = owner.get(node)
        placed = home is not None
        if above:
            home, placed = None, True
        elif home is None:
            home = src.municipality  # a Kreis workbook: None, the level above
            above = src.kreis_source
        out.append(_Record(i, str(node), data, home, above, placed))
    return out


class _Groups:
    """Union-find over records; a group never holds two records of one source."""

    def __init__(self, records: list[_Record]) -> None:
        self.parent = list(range(len(records)))
        self.sources = [{r.source} for r in records]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.sources[ra] & self.sources[rb]:
            return False
        first, second = min(ra, rb), max(ra, rb)
        self.parent[second] = first
        self.sources[first] |= self.sources[second]
        return True


def combine(items: Sequence[tuple[str, NetworkMap]]) -> Combined:
    """Merge maps read from several files into one (the merge of :func:`read_sources`).

    Parameters
    ----------
    items : sequence of (str, NetworkMap)
        A label for the messages (the file name) and the map read from it, in the order
        the user gave them.

    Returns
    -------
    Combined
        See :class:`Combined`; the rules are in the module docstring.
    """
    from netzkarte.gc_pause import gc_paused

    with gc_paused():  # hundreds of thousands of small dicts: no cycle search meanwhile
        return _combine(items)


def _combine(items: Sequence[tuple[str, NetworkMap]]) -> Combined:
    report = ValidationReport()
    sources = [_describe(label, network) for label, network in items]
    records: list[_Record] = []
    for i, src in enumerate(sources):
        for rec in _records(i, src):
            src.ids[rec.id] = len(records)
            records.append(rec)
    current, earlier_sel, files = _snapshots(sources, records, report)
    groups = _match(records, report, sources)
    # IDs must be unique within each map, not across snapshots: last year's Kita 2 is no
    # clash with this year's (the comparison matches them by that very ID)
    ids = _assign_ids(records, groups, sources, report, current)
    earlier_ids = _assign_ids(records, groups, sources, None, earlier_sel, ids)
    _rename_districts(sources, report)
    merged = _build(sources, records, groups, ids, current, report, "current")
    earlier = (_build(sources, records, groups, earlier_ids, earlier_sel, report, "earlier")
               if any(earlier_sel) else None)
    log.info("Zusammengeführt: %d Dateien, %d Knoten", len(sources), len(merged))
    roots = [groups.find(k) for k in range(len(records))]
    mapping = {(sources[r.source].label, r.id): ids.get(root, earlier_ids.get(root, r.id))
               for r, root in zip(records, roots, strict=True)}
    merged.meta.source = "; ".join(s.label for s in sources) or None
    report.counts = merged.counts()
    return Combined(merged, report, earlier, files, mapping)


def _snapshots(sources: list[_Source], records: list[_Record], report: ValidationReport
               ) -> tuple[list[bool], list[bool], list[SourceFile]]:
    """Which records are the current map and which the earlier snapshot.

    Per Kommune (a Kreis workbook counts as one of its own) the sources are ranked by
    *Stand*, newest first: rank 0 is current, 1 the earlier snapshot, beyond that older.
    A source without *Stand* is current. Kreis records follow the parts of their file.
    """
    keys_of = [[fold(k) for k in src.kommunen] or [_kreis_key(src)] for src in sources]
    dates: defaultdict[str, set[date]] = defaultdict(set)
    for src, keys in zip(sources, keys_of, strict=True):
        if src.map.meta.snapshot is not None:
            for key in keys:
                dates[key].add(src.map.meta.snapshot)
    ranked = {key: sorted(found, reverse=True) for key, found in dates.items()}
    ranks: list[dict[str, int]] = []
    for src, keys in zip(sources, keys_of, strict=True):
        when = src.map.meta.snapshot
        ranks.append({key: 0 if when is None else ranked[key].index(when) for key in keys})
    current = [False] * len(records)
    earlier = [False] * len(records)
    for k, rec in enumerate(records):
        mine = ranks[rec.source]
        if rec.home is not None and not rec.above and fold(rec.home) in mine:
            r = mine[fold(rec.home)]
            current[k], earlier[k] = r == 0, r == 1
        else:
            current[k], earlier[k] = 0 in mine.values(), 1 in mine.values()
    files: list[SourceFile] = []
    for src, mine, keys in zip(sources, ranks, keys_of, strict=True):
        used = set(mine.values())
        state = ("current" if used == {0} else "earlier" if used == {1} else
                 "older" if min(used) >= 2 else "partly")
        files.append(SourceFile(src.label, None, list(src.kommunen), src.map.meta.snapshot,
                                state, len(src.map)))
        day = _day(src.map.meta.snapshot)
        if state == "older":
            report.warn(IssueCode.COMBINED_OLDER_SNAPSHOT,
                        f"{src.label}: Stand {day} ist älter als zwei andere Stände "
                        "derselben Kommune und wird nicht verwendet.")
        elif state in ("earlier", "partly"):
            newer = _day(ranked[keys[0]][0])
            report.warn(IssueCode.COMBINED_EARLIER_SNAPSHOT,
                        f"{src.label}: Stand {day} ist ein früherer Stand (neuer: {newer}); "
                        "er dient dem Vergleich, die Karte zeigt den neueren.")
    return current, earlier, files


def _kreis_key(src: _Source) -> str:
    return "\x00kreis:" + fold(", ".join(src.county) or src.map.meta.municipality or src.label)


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else "ohne Datum"


def _match(records: list[_Record], report: ValidationReport, sources: list[_Source]
           ) -> _Groups:
    """Union the records that are one node (see the module docstring)."""
    groups = _Groups(records)
    by_id: defaultdict[tuple[str, str, Any], list[int]] = defaultdict(list)
    by_name: defaultdict[tuple[str, Any], list[int]] = defaultdict(list)
    for k, rec in enumerate(records):
        name = fold(rec.data.get("name") or rec.id)
        by_id[(_id_key(rec.id), name, rec.data["type"])].append(k)
        if rec.above and rec.placed:  # Ebene Kreis/Land or the Kreis as Kommune
            by_name[(name, rec.data["type"])].append(k)
    shared: dict[tuple[str, str], set[str]] = {}
    apart: dict[tuple[str, str], set[str]] = {}
    kreise = [frozenset(fold(c) for c in src.county) for src in sources]

    def same_kreis(a: _Record, b: _Record) -> bool:
        """Files naming different Kreise hold different Kreis offices, however named."""
        ka, kb = kreise[a.source], kreise[b.source]
        return not (ka and kb) or bool(ka & kb)

    for same in by_id.values():
        if len(same) < 2:
            continue
        for i, other in enumerate(same[1:], 1):
            first = next((k for k in same[:i] if same_kreis(records[k], records[other])),
                         None)
            if first is None:
                continue
            a, b = records[first], records[other]
            elsewhere = bool(a.home and b.home and fold(a.home) != fold(b.home)) \
                and not (a.above or b.above)
            if elsewhere and ((a.placed and b.placed) or a.data["type"] in _LOCAL_TYPES):
                # two Kommunen's own records that happen to share ID and name; a Gremium
                # or Angebot without Ebene belongs to the Kommune of its workbook
                if not (a.placed and b.placed):
                    apart.setdefault((a.id, str(a.data.get("name") or a.id)), set()).update(
                        (sources[a.source].label, sources[b.source].label))
                continue
            if groups.union(first, other) and elsewhere:
                shared.setdefault((a.id, str(a.data.get("name") or a.id)), set()).update(
                    (sources[a.source].label, sources[b.source].label))
    for same in by_name.values():
        for i, other in enumerate(same[1:], 1):
            first = next((k for k in same[:i] if same_kreis(records[k], records[other])),
                         None)
            if first is not None:
                groups.union(first, other)
    if shared:
        report.warn(IssueCode.COMBINED_SHARED_RECORD,
                    "Gleiche ID und gleicher Name ohne Ebene und ohne Kommune in den Dateien "
                    "mehrerer Kommunen, je als ein gemeinsamer Eintrag übernommen: "
                    + _listed(shared) + ". Sind es verschiedene Einträge, tragen Sie in der "
                    "Spalte „Kommune“ ihre Kommune ein; gehört einer zum Kreis, die Ebene "
                    "„Kreis“.")
    if apart:
        report.warn(IssueCode.COMBINED_KEPT_APART,
                    "Gremien oder Angebote mit gleicher ID und gleichem Namen ohne Ebene in den "
                    "Dateien mehrerer Kommunen, je als eigenes der Kommune übernommen: "
                    + _listed(apart) + ". Gehört eines zum Kreis, tragen Sie die Ebene "
                    "„Kreis“ ein; dann wird es ein gemeinsamer Eintrag.")
    return groups


def _listed(items: dict[tuple[str, str], set[str]]) -> str:
    """„Jobcenter“ (JC; 12 Dateien), … for a merge note."""
    shown = [f"{quote(name)} ({node_id}; {len(files)} Dateien)"
             for (node_id, name), files in sorted(items.items(), key=lambda kv: kv[0][1])]
    return enumerate_names(shown, limit=_NOTE_LIMIT)


def _home(records: list[_Record], members: list[int]) -> str | None:
    """The Kommune of a group: None when any record is Kreis level or they disagree."""
    homes = {fold(records[k].home or "") for k in members}
    if any(records[k].above or records[k].home is None for k in members) or len(homes) > 1:
        return None
    return records[members[0]].home


def _assign_ids(records: list[_Record], groups: _Groups, sources: list[_Source],
                report: ValidationReport | None, selected: list[bool],
                given: dict[int, str] | None = None) -> dict[int, str]:
    """The ID of every group of one snapshot (``selected`` records): the user's, qualified
    with the Kommune where it clashes (a note in ``report``). Groups with an ID in
    ``given`` (the current map's, for the earlier snapshot) keep it."""
    members: defaultdict[int, list[int]] = defaultdict(list)
    for k in range(len(records)):
        if selected[k]:
            members[groups.find(k)].append(k)
    ids: dict[int, str] = {root: given[root] for root in members if given and root in given}
    taken: set[str] = {_id_key(nid) for nid in ids.values()}
    wanted: defaultdict[str, list[int]] = defaultdict(list)
    for root in members:
        if root not in ids:
            wanted[_id_key(records[root].id)].append(root)
    renamed: list[str] = []
    clashing = {key: roots for key, roots in wanted.items()
                if len(roots) > 1 or key in taken}
    for key, roots in wanted.items():
        if key in clashing:
            continue
        ids[roots[0]] = records[roots[0]].id
        taken.add(key)
    for key, roots in clashing.items():
        kreis = [r for r in roots if _home(records, members[r]) is None]
        keep = kreis[0] if kreis and key not in taken else None
        prefixes: dict[int, str] = {}
        for root in roots:
            if root != keep:
                src = sources[records[root].source]
                prefixes[root] = _home(records, members[root]) or ", ".join(src.county) \
                    or Path(src.label).stem
        twice = Counter(fold(p) for p in prefixes.values())
        for root in roots:
            rec = records[root]
            if root == keep:
                ids[root] = rec.id
                taken.add(_id_key(rec.id))
                continue
            prefix = prefixes[root]
            if twice[fold(prefix)] > 1:
                prefix = f"{prefix}/{Path(sources[rec.source].label).stem}"
            new = base = f"{prefix}/{rec.id}"
            number = 2
            while _id_key(new) in taken or _id_key(new) in wanted:
                new, number = f"{base}~{number}", number + 1
            ids[root] = new
            taken.add(_id_key(new))
            renamed.append(f"{rec.id} → {new} ({sources[rec.source].label})")
    if renamed and report is not None:
        report.warn(IssueCode.COMBINED_ID_QUALIFIED,
                    "IDs, die in mehreren Dateien verschiedene Einträge bezeichnen, tragen "
                    "jetzt ihre Kommune davor: "
                    f"{enumerate_names(renamed, limit=_NOTE_LIMIT)}. In den Dateien selbst "
                    "ändert sich nichts.")
    return ids


def _rename_districts(sources: list[_Source], report: ValidationReport) -> None:
    """Sozialräume of one name in two Kommunen: ``Nord (Adorf)`` and ``Nord (Bstadt)``."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    per_source: list[dict[str, str]] = []
    for src in sources:
        table = src.map.districts
        column = table["municipality"] if "municipality" in table.columns else None
        homes: dict[str, str] = {}
        for i, name in enumerate(table.index):
            muni = column.iloc[i] if column is not None else None
            home = str(muni).strip() if isinstance(muni, str) and muni.strip() else \
                (src.municipality or "")
            homes[str(name)] = home
        for _, data in src.map.graph.nodes(data=True):
            district = data.get("district")
            if district and str(district) not in homes:
                homes[str(district)] = str(data.get("municipality") or src.municipality or "")
        per_source.append(homes)
        for name, home in homes.items():
            if home:
                owners[fold(name)].add(fold(home))
    renamed: dict[str, None] = {}
    for src, homes in zip(sources, per_source, strict=True):
        for name, home in homes.items():
            if len(owners[fold(name)]) > 1 and home:
                src.districts[name] = f"{name} ({home})"
                renamed[f"{name} ({home})"] = None
    if renamed:
        report.warn(IssueCode.COMBINED_DISTRICT_RENAMED,
                    "Sozialräume gleichen Namens in mehreren Kommunen tragen jetzt ihre "
                    f"Kommune im Namen: {enumerate_names(sorted(renamed), limit=_NOTE_LIMIT)}.")


def _precedence(sources: list[_Source]) -> list[int]:
    """Source order for conflicting values: newest Stand first, then the order given."""
    return sorted(range(len(sources)), key=lambda i: (
        -(sources[i].map.meta.snapshot or date.min).toordinal(), i))


def _build(sources: list[_Source], records: list[_Record], groups: _Groups,
           ids: dict[int, str], selected: list[bool], report: ValidationReport, which: str
           ) -> NetworkMap:
    rank = {s: r for r, s in enumerate(_precedence(sources))}
    out = NetworkMap(meta=_meta(sources, selected, records))
    _categories(out, sources, report if which == "current" else None)
    members: defaultdict[int, list[int]] = defaultdict(list)
    order: list[int] = []
    for k in range(len(records)):
        if not selected[k]:
            continue
        root = groups.find(k)
        if root not in members:
            order.append(root)
        members[root].append(k)
    node_of = {k: ids[groups.find(k)] for k in range(len(records)) if selected[k]}
    differing: list[str] = []
    for root in order:
        ks = sorted(members[root], key=lambda k: rank[records[k].source])
        data = _merged_data(records, ks, sources, node_of, differing)
        home = _home(records, members[root])
        if home and not data.get("municipality"):
            data["municipality"] = home
        out._add_typed_node(ids[root], data.pop("type"), data)
    if differing and which == "current":
        report.warn(IssueCode.COMBINED_RECORD_DIFFERS,
                    "Gemeinsame Einträge, die in den Dateien verschieden stehen (übernommen "
                    "ist der neueste Stand, dann die erste Datei; leere Felder aus den "
                    f"anderen): {enumerate_names(differing, limit=_NOTE_LIMIT)}.")
    _edges(out, sources, records, node_of, selected)
    out.set_districts(_district_table(sources, records, selected))
    extra: dict[str, list[str]] = {}
    for src in sources:
        for sheet_name, columns in src.map.extra_columns.items():
            known = extra.setdefault(sheet_name, [])
            known += [c for c in columns if c not in known]
    out.extra_columns = extra
    for src in sources:
        for label, values in src.map.category_extra.items():
            out.category_extra.setdefault(label, dict(values))
    out._cache.clear()
    return out


_FIELD_LABELS = {"name": "Name", "category": "Kategorie", "sector": "Handlungsfeld",
                 "level": "Ebene", "municipality": "Kommune", "district": "Sozialraum",
                 "contact": "Kontakt", "note": "Bemerkung", "rank": "Rang",
                 "roles": "Rollen", "life_phases": "Lebensphasen", "form": "Form"}


def _merged_data(records: list[_Record], ks: list[int], sources: list[_Source],
                 node_of: dict[int, str], differing: list[str]) -> dict[str, Any]:
    def own(k: int) -> dict[str, Any]:
        rec = records[k]
        src = sources[rec.source]
        data = dict(rec.data)
        data["extra"] = dict(rec.data.get("extra") or {})
        for attr in src.map.defaulted.get(rec.id, ()):
            # filled from the category, not typed: empty again, so that a record that
            # typed it wins and the combined map fills (and remembers) the default anew
            data.pop(attr, None)
        for name in _REFERENCE_FIELDS:
            ref = data.get(name)
            if isinstance(ref, str) and ref in src.ids and src.ids[ref] in node_of:
                data[name] = node_of[src.ids[ref]]
        district = data.get("district")
        if district and str(district) in src.districts:
            data["district"] = src.districts[str(district)]
        return data

    data = own(ks[0])
    fields: list[str] = []
    for k in ks[1:]:
        other = own(k)
        for key, value in other.items():
            if key == "extra":
                for name, v in value.items():
                    data["extra"].setdefault(name, v)
                continue
            mine = data.get(key)
            if mine in (None, "", ()):
                data[key] = value
            elif value not in (None, "", ()) and _differs(mine, value) and key not in fields:
                fields.append(key)
    if fields:
        labels = ", ".join(_FIELD_LABELS.get(f, f) for f in fields)
        files = " / ".join(dict.fromkeys(sources[records[k].source].label for k in ks))
        differing.append(f"{quote(data.get('name') or records[ks[0]].id)} ({labels}: {files})")
    return data


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) != fold(b)
    return bool(a != b)


_DIRECTED = {kind: EDGE_RULES[kind].directed for kind in EdgeKind}


def _edges(out: NetworkMap, sources: list[_Source], records: list[_Record],
           node_of: dict[int, str], selected: list[bool]) -> None:
    """Every source's ties among selected records; a tie written in several files once."""
    present: Counter[tuple[str, str, EdgeKind]] = Counter()
    for src in sources:
        mine: Counter[tuple[str, str, EdgeKind]] = Counter()
        for u, v, _, data in src.map.iter_edges():
            ku, kv = src.ids[str(u)], src.ids[str(v)]
            if not (selected[ku] and selected[kv]):
                continue
            nu, nv = node_of[ku], node_of[kv]
            if nu == nv:
                continue  # two records of one file matched as one node: no self-loop
            kind = data["kind"]
            key = (nv, nu, kind) if nv < nu and not _DIRECTED[kind] else (nu, nv, kind)
            mine[key] += 1
            if mine[key] <= present.get(key, 0):
                continue  # the same tie from another file
            copied = dict(data)
            copied["extra"] = dict(data.get("extra") or {})
            for name in _EDGE_REFERENCE_FIELDS:
                ref = copied.get(name)
                if isinstance(ref, str) and ref in src.ids and src.ids[ref] in node_of:
                    copied[name] = node_of[src.ids[ref]]
            out._add_typed_edge(nu, nv, copied)
        for key, n in mine.items():
            present[key] = max(present[key], n)


def _district_table(sources: list[_Source], records: list[_Record], selected: list[bool]
                    ) -> pd.DataFrame:
    used = {r.source for k, r in enumerate(records) if selected[k]}
    frames: list[pd.DataFrame] = []
    seen: set[str] = set()
    for i, src in enumerate(sources):
        if i not in used or src.map.districts.empty:
            continue
        table = src.map.districts.copy()
        table.index = pd.Index([src.districts.get(str(n), str(n)) for n in table.index],
                               name="district")
        if src.municipality is not None:
            if "municipality" not in table.columns:
                table.insert(0, "municipality", src.municipality)
            else:
                table["municipality"] = [v if isinstance(v, str) and v.strip() else
                                         src.municipality for v in table["municipality"]]
        keep = [fold(n) not in seen for n in table.index]
        seen.update(fold(n) for n in table.index)
        frames.append(table.loc[keep])
    if not frames:
        return NetworkMap().districts
    table = pd.concat(frames)
    table.index.name = "district"
    return table


def _meta(sources: list[_Source], selected: list[bool], records: list[_Record]) -> MapMeta:
    from netzkarte.kommunen import GOALS_KEY, MISSION_KEY, SNAPSHOT_KEY

    used = sorted({r.source for k, r in enumerate(records) if selected[k]})
    counties: list[str] = []
    for i in used:
        for name in sources[i].county:
            if fold(name) not in {fold(c) for c in counties}:
                counties.append(name)
    kreis = [sources[i] for i in used if sources[i].kreis_source]
    snapshots = [d for i in used if (d := sources[i].map.meta.snapshot) is not None]
    name = (counties[0] if len(counties) == 1 else
            enumerate_names(counties, limit=3, others="weitere Kreise") if counties else
            (kreis[0].map.meta.municipality if kreis else
             enumerate_names([k for i in used for k in sources[i].kommunen], limit=3)))
    # the map's own Leitbild: the Kreis's, else the one every file shares
    missions = {sources[i].map.meta.mission.strip() for i in used}
    all_goals = {sources[i].map.meta.goals for i in used}
    first_kreis = kreis[0].map.meta if kreis else None
    mission = first_kreis.mission if first_kreis is not None else \
        (next(iter(missions)) if len(missions) == 1 else "")
    goals: tuple[str, ...] = first_kreis.goals if first_kreis is not None else \
        (next(iter(all_goals)) if len(all_goals) == 1 else ())
    extra: dict[str, str] = {}
    for i in used:
        src = sources[i]
        for key, value in src.map.meta.extra.items():
            if key not in extra:
                extra[key] = value
            elif extra[key] != value:
                extra[f"{key} ({src.label})"] = value
        if src.municipality is not None:  # a Kommune's own, even when empty
            meta = src.map.meta
            extra.setdefault(f"{MISSION_KEY} {src.municipality}", meta.mission)
            extra.setdefault(f"{GOALS_KEY} {src.municipality}", "\n".join(meta.goals))
            if meta.snapshot is not None:
                extra.setdefault(f"{SNAPSHOT_KEY} {src.municipality}",
                                 meta.snapshot.isoformat())
    titles = {sources[i].map.meta.title for i in used if sources[i].kreis_source}
    return MapMeta(municipality=name, county=", ".join(counties),
                   title=next(iter(titles)) if len(titles) == 1 else "",
                   snapshot=max(snapshots) if snapshots else None, mission=mission,
                   goals=goals, extra=extra)


def _categories(out: NetworkMap, sources: list[_Source], report: ValidationReport | None
                ) -> None:
    own: dict[str, CategoryInfo] = {}
    differing: list[str] = []
    for src in sources:
        for info in src.map.categories.custom:
            key = fold(info.label)
            if key not in own:
                own[key] = info
            elif own[key] != info and info.label not in differing:
                differing.append(info.label)
    if own:
        out.set_categories(own.values())
    if differing and report is not None:
        report.warn(IssueCode.COMBINED_CATEGORY_DIFFERS,
                    "Eigene Kategorien sind in den Dateien verschieden festgelegt: "
                    f"{enumerate_names([quote(d) for d in differing], limit=_NOTE_LIMIT)}. "
                    "Für alle Kommunen gilt die Festlegung der ersten Datei.")


# --- the other way round -----------------------------------------------------------------------


def per_municipality(m: NetworkMap) -> list[tuple[str, NetworkMap]]:
    """A map of several Kommunen as the files their coordinators keep: the inverse of
    :func:`combine`.

    One map per Kommune — its own nodes, every node they are tied to or name (Träger,
    Ort, Leitung, Kreis offices, partners in a neighbouring Kommune) as a record, its
    Sozialräume, its own Leitbild, goals and *Stand* — and, when the map has a Kreis or
    Land level, one map of it (named after the Kreis). Every node carries its Kommune in
    the column *Kommune* (or its *Ebene*), so :func:`combine` of these maps gives back
    ``m``: the same nodes, ties and attributes.

    Returns
    -------
    list of (str, NetworkMap)
        Kommunen in alphabetical order, the Kreis level last (named after the Kreis, or
        „Kreis- und Landesebene“ when the map names several Kreise).
    """
    from netzkarte.kommunen import (
        GOALS_KEY,
        MISSION_KEY,
        SNAPSHOT_KEY,
        county_names,
        meta_for,
        municipalities,
        municipality_of,
    )

    owner = municipality_of(m)
    g = m.graph
    out: list[tuple[str, NetworkMap]] = []

    def closure(start: set[str], neighbours: bool) -> set[str]:
        keep = set(start)
        todo = list(keep)
        while todo:
            node = todo.pop()
            data = g.nodes[node]
            refs = [data.get(f) for f in _REFERENCE_FIELDS]
            if neighbours and node in start:
                refs += [*g.succ[node], *g.pred[node]]
                refs += [d.get(f) for nb in g.succ[node] for d in g.succ[node][nb].values()
                         for f in _EDGE_REFERENCE_FIELDS]
            for ref in refs:
                if isinstance(ref, str) and ref in g and ref not in keep:
                    keep.add(ref)
                    todo.append(ref)
        return keep

    def placed(sub: NetworkMap) -> NetworkMap:
        for node, data in sub.graph.nodes(data=True):
            home = owner.get(node)
            if home is not None and not data.get("municipality"):
                data["municipality"] = home
        return sub

    districts = m.districts
    column = districts["municipality"] if "municipality" in districts.columns else None
    for muni, nodes in sorted(municipalities(m).items(), key=lambda kv: fold(kv[0])):
        sub = placed(m.subgraph(closure(set(nodes), True)))
        meta = meta_for(m, muni)
        per_kommune = {f"{key} {name}" for key in (MISSION_KEY, GOALS_KEY, SNAPSHOT_KEY)
                       for name in municipalities(m)}
        meta.extra = {k: v for k, v in m.meta.extra.items() if k not in per_kommune}
        sub.meta = meta
        if column is not None:
            sub.districts = districts.loc[[isinstance(v, str) and fold(v) == fold(muni)
                                           for v in column]].copy()
        else:
            used = {fold(str(d)) for n in nodes if (d := g.nodes[n].get("district"))}
            sub.districts = districts.loc[[fold(str(d)) in used
                                           for d in districts.index]].copy()
        out.append((muni, sub))
    above = {n for n, home in owner.items() if home is None}
    if above:
        kreis = placed(m.subgraph(closure(above, False)))
        name = m.meta.county or m.meta.municipality or "Kreis"
        label = name if len(county_names(m)) <= 1 else "Kreis- und Landesebene"
        kreis.meta = MapMeta(municipality=name, county=m.meta.county, title=m.meta.title,
                             snapshot=m.meta.snapshot, mission=m.meta.mission,
                             goals=m.meta.goals, extra=dict(kreis.meta.extra))
        kreis.districts = districts.iloc[0:0].copy()
        out.append((label, kreis))
    return out
