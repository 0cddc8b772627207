"""The overview of many Kommunen (``netzkarte uebersicht``): one offline HTML page.

For the Kreis coordinator and the Land's Servicestelle: per Kommune the key figures, the
quality framework as a matrix (Kommune × check), the findings by kind and severity, the
change since the earlier snapshot and the *Datenlage* — a Kommune whose data say little
reads „unbekannt“ or „unzureichend“, never „erfüllt“. Next to the page, in the folder
``<name>_dateien``, each Kommune's interactive map and report; the page links them.

Every number comes from :class:`~netzkarte.results.Overview` (the per-Kommune
analysis results); this module only formats. :func:`overview_tables` builds the tables
once, and the page (:func:`render_overview`) and the workbook (:func:`write_overview_xlsx`)
show the same rows. The page is autoescaped Jinja (the report's environment), references
no other server, and shows every status as symbol and word besides its colour.

``anonymous=True`` (``--anonym``) is for a published comparison: Kommunen are „Kommune A“,
„Kommune B“ … in an order that does not follow their names, the Kreis is not named, the
findings of the Kreis level are only counted, and no map or report of a Kommune is
written (their entries name the Kommune).

Examples
--------
>>> from netzkarte.datasets.synthetic import synthetic
>>> from netzkarte import overview
>>> ov = overview(synthetic(1500, seed=2, municipalities=3).map, progress=False)
>>> page = render_overview(ov, anonymous=True)
>>> "Kommune A" in page, "Musterstadt" in page, "http" in page
(True, False, False)
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netzkarte.errors import IssueCode, OptionError
from netzkarte.io.atomic import atomic_path
from netzkarte.render.page import write_page
from netzkarte.render.style import SEVERITY_COLOURS, STATUS_COLOURS, STATUS_SYMBOLS
from netzkarte.results import (
    DATENLAGE_LABELS,
    KIND_LABELS,
    REASONS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    KommuneResult,
    Overview,
)
from netzkarte.text import column_letter, date_text, number
from netzkarte.vocab import fold

__all__ = ["Cell", "OverviewFiles", "Table", "anonymous_labels", "details_folder",
           "natural_key", "overview_tables", "render_overview", "write_overview",
           "write_overview_xlsx"]

log = logging.getLogger(__name__)

_PRESENCE = {"pass": "ja", "warn": "teilweise", "fail": "nein", "unknown": "unbekannt"}
_DATENLAGE_STATUS = {"good": "pass", "gaps": "warn", "poor": "unknown"}
_DETAIL_FILE = re.compile(r".+_(karte|bericht)\.html\Z")


@dataclass(frozen=True)
class Cell:
    """One table cell: the German text, the number behind it (for Excel), a style."""

    text: str
    value: Any = None  # number or text written to the workbook (default: the text)
    css: str = ""  # status-… or sev-… (colour; the text carries the meaning)
    href: str = ""
    title: str = ""

    @property
    def excel(self) -> Any:
        """What the workbook cell holds: the number where there is one, else the text."""
        return self.text if self.value is None else self.value


@dataclass
class Table:
    """A table of the overview: shown on the page and written as a sheet."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    header_titles: list[str] = field(default_factory=list)  # long names of short headers
    numeric: set[int] = field(default_factory=set)  # columns right-aligned


@dataclass
class OverviewFiles:
    """What :func:`write_overview` wrote."""

    page: Path
    folder: Path | None = None
    details: dict[str, tuple[Path, Path]] = field(default_factory=dict)  # Kommune → files
    workbook: Path | None = None


def anonymous_labels(names: list[str]) -> dict[str, str]:
    """„Kommune A“, „Kommune B“ … in an order that does not follow the names.

    The order is that of a hash of each name, so the letters neither follow the alphabet
    nor change between runs. After Z come AA, AB …

    >>> labels = anonymous_labels(["Adorf", "Bstadt", "Cdorf"])
    >>> sorted(labels.values())
    ['Kommune A', 'Kommune B', 'Kommune C']
    """
    order = sorted(names, key=lambda n: (hashlib.sha1(fold(n).encode()).hexdigest(), n))
    return {name: f"Kommune {column_letter(i)}" for i, name in enumerate(order)}


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key that puts „Musterstadt 2“ before „Musterstadt 10“ and „Kommune Z“ before
    „Kommune AA“.

    >>> sorted(["Kommune AA", "Kommune B", "Stadt 10", "Stadt 2"], key=natural_key)
    ['Kommune B', 'Kommune AA', 'Stadt 2', 'Stadt 10']
    """
    letters = name.removeprefix("Kommune ")
    if letters != name and letters.isalpha() and letters.isupper():  # an anonymous label
        return (0, len(letters), letters)
    parts = re.split(r"(\d+)", fold(name))
    return (1, *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p])


def _slug(name: str, taken: set[str]) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe",
                           "Ü": "Ue"})
    text = name.translate(table).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kommune"
    base, n = text[:60], 2
    text = base
    while text in taken:
        text, n = f"{base}-{n}", n + 1
    taken.add(text)
    return text


def details_folder(page: str | os.PathLike[str]) -> Path:
    """The folder next to the page for the Kommunen's maps and reports:
    ``uebersicht.html`` → ``uebersicht_dateien``."""
    path = Path(page)
    return path.with_name(f"{path.stem}_dateien")


# --- tables ------------------------------------------------------------------------------------


def _status(status: str, labels: Mapping[str, str] = STATUS_LABELS) -> Cell:
    label = labels.get(status, status)
    return Cell(f"{STATUS_SYMBOLS.get(status, '?')} {label}", label, f"status-{status}")


def _count(value: int) -> Cell:
    return Cell(number(value, 0, thousands=True), value)


def _day(iso: str | None) -> Cell:
    if not iso:
        return Cell("–", "")
    return Cell(date_text(date.fromisoformat(iso)), iso)


def overview_tables(ov: Overview, *, anonymous: bool = False,
                    links: Mapping[str, tuple[str, str]] | None = None) -> list[Table]:
    """The tables of the overview, in page order (the workbook has one sheet each).

    Parameters
    ----------
    ov : Overview
    anonymous : bool
        Kommunen as „Kommune A“ …; the Kreis-level findings only counted.
    links : mapping, optional
        Kommune → (map, report) as relative links for the first table.

    Returns
    -------
    list of Table
        ``kommunen`` (key figures), ``qualitaet`` (matrix), ``befunde`` (by kind and
        severity), ``veraenderung`` (only when a Kommune has an earlier snapshot),
        ``datenlage`` and ``kreisebene``.
    """
    names = _names(ov, anonymous)
    rows = sorted(ov.kommunen, key=lambda k: natural_key(names[k.name]))
    tables = [_key_table(rows, names, links or {}), _matrix(ov, rows, names),
              _findings_table(rows, names)]
    if any(k.block.get("change") for k in rows):
        tables.append(_change_table(rows, names))
    tables += [_datenlage_table(rows, names), _county_table(ov, anonymous)]
    return tables


def _names(ov: Overview, anonymous: bool) -> dict[str, str]:
    names = [k.name for k in ov.kommunen]
    return anonymous_labels(names) if anonymous else {n: n for n in names}


def _findings_cell(k: KommuneResult) -> Cell:
    total = len(k.result.findings)
    if k.block["datenlage"] == "poor":
        return Cell(f"{number(total, 0)} (unvollständig)", total, "status-unknown",
                    title="Datenlage unzureichend: viele Einträge ließen sich nicht "
                          "beurteilen, weitere Befunde sind wahrscheinlich.")
    return _count(total)


def _key_table(rows: list[KommuneResult], names: dict[str, str],
               links: Mapping[str, tuple[str, str]]) -> Table:
    headers = ["Kommune", "Stand", "Akteure", "Ämter", "Gremien", "Angebote", "Beziehungen",
               "Kreis-/Landesstellen", "Steuerungsgruppe", "Koordination", "Qualitätsrahmen",
               "Datenlage", "Befunde", "davon hoch"]
    if links:
        headers += ["Karte", "Bericht"]
    out: list[list[Cell]] = []
    for k in rows:
        b = k.block
        nodes = b["nodes"]
        high = k.result.summary.get("findings_by_severity", {}).get("high", 0)
        row = [Cell(names[k.name]), _day(b.get("snapshot")),
               _count(nodes["actor"]), _count(nodes["office"]), _count(nodes["committee"]),
               _count(nodes["offer"]), _count(b["ties"]), _count(b["county_nodes"]),
               _status(b["steering"], _PRESENCE), _status(b["coordination"], _PRESENCE),
               _status(b["quality"]),
               _status(_DATENLAGE_STATUS[b["datenlage"]],
                       {_DATENLAGE_STATUS[key]: label
                        for key, label in DATENLAGE_LABELS.items()}),
               _findings_cell(k), _count(high)]
        if links:
            karte, bericht = links.get(k.name, ("", ""))
            row += [Cell("Karte", karte, href=karte, title=f"Netzwerkkarte {k.name}"),
                    Cell("Bericht", bericht, href=bericht, title=f"Bericht {k.name}")]
        out.append(row)
    return Table("kommunen", "Kennzahlen je Kommune", headers, out,
                 numeric={2, 3, 4, 5, 6, 7, 12, 13})


def _matrix(ov: Overview, rows: list[KommuneResult], names: dict[str, str]) -> Table:
    columns = [cid for cid, _ in ov.checks]
    headers = ["Kommune", *[f"Q{i}" for i in range(1, len(columns) + 1)]]
    titles = ["", *[title for _, title in ov.checks]]
    out: list[list[Cell]] = []
    for k in rows:
        status = {q.id: q.status for q in k.result.quality_checks}
        row = [Cell(names[k.name])]
        for cid, title in ov.checks:
            if cid in status:
                cell = _status(status[cid])
                row.append(Cell(cell.text, cell.value, cell.css, title=title))
            else:
                row.append(Cell("–", "nicht geprüft", title=f"{title}: nicht geprüft"))
        out.append(row)
    return Table("qualitaet", "Qualitätsrahmen: Kommune × Prüffrage", headers, out,
                 header_titles=titles)


def _findings_table(rows: list[KommuneResult], names: dict[str, str]) -> Table:
    headers = ["Kommune", *KIND_LABELS.values(), "zusammen",
               *[f"Schwere {label}" for label in SEVERITY_LABELS.values()], "unsicher"]
    out: list[list[Cell]] = []
    for k in rows:
        s = k.result.summary
        kinds = s.get("findings_by_kind", {})
        sev = s.get("findings_by_severity", {})
        out.append([Cell(names[k.name]), *[_count(kinds.get(kind, 0)) for kind in KIND_LABELS],
                    _findings_cell(k),
                    *[Cell(number(sev.get(x, 0), 0), sev.get(x, 0),
                           f"sev-{x}" if sev.get(x, 0) else "") for x in SEVERITY_LABELS],
                    _count(k.block["uncertain_findings"])])
    return Table("befunde", "Befunde nach Art und Schwere", headers, out,
                 numeric=set(range(1, len(headers))))


def _signed(value: int, added: bool) -> Cell:
    """``+3`` for three added, ``−2`` for two removed, ``0`` for none."""
    return Cell(f"{'+' if added else '−'}{value}" if value else "0", value)


def _change_table(rows: list[KommuneResult], names: dict[str, str]) -> Table:
    headers = ["Kommune", "früherer Stand", "jetziger Stand", "Knoten neu", "Knoten entfallen",
               "Beziehungen neu", "Beziehungen entfallen", "Befunde gelöst", "Befunde neu",
               "Prüfungen besser", "Prüfungen schlechter"]
    out: list[list[Cell]] = []
    for k in rows:
        c = k.block.get("change")
        if not c:
            continue
        out.append([Cell(names[k.name]), _day(c.get("since")), _day(k.block.get("snapshot")),
                    _signed(c["nodes_added"], True), _signed(c["nodes_removed"], False),
                    _signed(c["edges_added"], True), _signed(c["edges_removed"], False),
                    _count(c["findings_resolved"]), _count(c["findings_new"]),
                    _count(c["quality_better"]), _count(c["quality_worse"])])
    return Table("veraenderung", "Veränderung seit dem früheren Stand", headers, out,
                 numeric=set(range(3, len(headers))))


_SHOWN_REASONS = ("unknown_category", "ambiguous_category", "no_category", "no_life_phase",
                  "no_district", "no_sector")


def _datenlage_table(rows: list[KommuneResult], names: dict[str, str]) -> Table:
    headers = ["Kommune", "Datenlage", "Einträge ohne Einordnung", "beurteilbare Einträge",
               "Anteil", "Prüfungen unbekannt", "unsichere Befunde",
               *[REASONS[r] for r in _SHOWN_REASONS]]
    out: list[list[Cell]] = []
    for k in rows:
        b = k.block
        counts = k.result.data_quality.get("counts") or {}
        share = b["unclassified"] / b["judged"] if b["judged"] else None
        out.append([Cell(names[k.name]),
                    _status(_DATENLAGE_STATUS[b["datenlage"]],
                            {_DATENLAGE_STATUS[key]: label
                             for key, label in DATENLAGE_LABELS.items()}),
                    _count(b["unclassified"]), _count(b["judged"]),
                    Cell(f"{number(share * 100, 0)} %" if share is not None else "–",
                         round(share, 4) if share is not None else None),
                    _count(b["unknown_checks"]), _count(b["uncertain_findings"]),
                    *[_count(counts.get(r, 0)) for r in _SHOWN_REASONS]])
    return Table("datenlage", "Datenlage je Kommune", headers, out,
                 numeric=set(range(2, len(headers))))


def _county_table(ov: Overview, anonymous: bool) -> Table:
    if anonymous:
        counts = Counter((f.kind, f.severity) for f in ov.county_findings)
        rows = [[Cell(KIND_LABELS[kind]), _status_sev(sev), _count(n)]
                for (kind, sev), n in sorted(counts.items(), key=lambda kv: (
                    list(KIND_LABELS).index(kv[0][0]), list(SEVERITY_LABELS).index(kv[0][1])))]
        return Table("kreisebene", "Befunde auf Kreis- und Landesebene", ["Art", "Schwere",
                     "Anzahl"], rows, numeric={2})
    rows = [[Cell(f.title), _status_sev(f.severity), Cell(KIND_LABELS[f.kind]),
             Cell(f.recommendation)] for f in ov.county_findings]
    return Table("kreisebene", "Befunde auf Kreis- und Landesebene",
                 ["Befund", "Schwere", "Art", "Empfehlung"], rows)


def _status_sev(severity: str) -> Cell:
    label = SEVERITY_LABELS[severity]
    return Cell(label, label, f"sev-{severity}")


# --- page ----------------------------------------------------------------------------------------


def render_overview(ov: Overview, *, anonymous: bool = False,
                    links: Mapping[str, tuple[str, str]] | None = None,
                    title: str | None = None) -> str:
    """The overview as one self-contained HTML page (a string).

    Parameters
    ----------
    ov : Overview
        From :func:`netzkarte.analysis.overview.overview`.
    anonymous : bool
        For publication: Kommunen as „Kommune A“ …, no Kreis name, the Kreis-level
        findings only counted.
    links : mapping, optional
        Kommune → (map, report), relative links (see :func:`write_overview`).
    title : str, optional
        Heading (default „Übersicht <Kreis>“).

    Returns
    -------
    str
        German, offline, every input text escaped.
    """
    from netzkarte.render.page import environment

    tables = overview_tables(ov, anonymous=anonymous, links=None if anonymous else links)
    n = len(ov.kommunen)
    where = "" if anonymous else (ov.title or ov.county)
    heading = title or (f"Übersicht {where}".strip() if not anonymous else
                        "Übersicht der Kommunen (anonymisiert)")
    datenlage = Counter(k.block["datenlage"] for k in ov.kommunen)
    changes = sum(1 for k in ov.kommunen if k.block.get("change"))
    text_on = {c: ("#FFFFFF" if c in ("#A50026", "#E66101") else "#000000")
               for c in (*STATUS_COLOURS.values(), *SEVERITY_COLOURS.values())}
    context = {
        "title": heading,
        "anonymous": anonymous,
        "county": "" if anonymous else ov.county,
        "kommunen": n,
        "snapshot": date_text(ov.snapshot) if ov.snapshot else "",
        "generated": date_text(datetime.now().astimezone(), time=", %H:%M Uhr"),
        "version": ov.whole.version,
        "tables": tables,
        "checks": [(f"Q{i}", t) for i, (_, t) in enumerate(ov.checks, 1)],
        "datenlage": [(DATENLAGE_LABELS[k], datenlage[k]) for k in DATENLAGE_LABELS],
        "changes": changes,
        "has_links": bool(links) and not anonymous,
        "status_legend": [(STATUS_SYMBOLS[s], label, s) for s, label in STATUS_LABELS.items()],
        "status_colours": STATUS_COLOURS,
        "severity_colours": SEVERITY_COLOURS,
        "text_on": text_on,
        "county_total": len(ov.county_findings),
    }
    page: str = environment().get_template("overview.html.j2").render(**context)
    return page


def _check_folder(folder: Path) -> None:
    """Only a folder of earlier maps and reports may be replaced."""
    if folder.exists() and not folder.is_dir():
        raise OptionError(f"„{folder}“ ist eine Datei; dort legt die Übersicht die Karten und "
                          "Berichte der Kommunen ab. Benennen Sie die Datei um oder wählen Sie "
                          "einen anderen Namen für die Übersicht.", IssueCode.FILE_EXISTS)
    if folder.is_dir():
        foreign = [p.name for p in folder.iterdir() if not _DETAIL_FILE.match(p.name)]
        if foreign:
            raise OptionError(f"Im Ordner „{folder}“ liegen andere Dateien "
                              f"({', '.join(sorted(foreign)[:3])}{' …' if len(foreign) > 3 else ''}"
                              "); die Übersicht ersetzt dort nur ihre eigenen Karten und "
                              "Berichte. Wählen Sie einen anderen Namen für die Übersicht.",
                              IssueCode.FILE_EXISTS)


def _write_details(ov: Overview, folder: Path, *, figures: bool, progress: bool | None
                   ) -> dict[str, tuple[Path, Path]]:
    """Every Kommune's map and report into ``folder``, replaced as a whole at the end."""
    from netzkarte.progress import progress_bar
    from netzkarte.render.html_map import write_map
    from netzkarte.render.report import write_report

    _check_folder(folder)
    tmp = folder.with_name(f".{folder.name}.neu-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    taken: set[str] = set()
    out: dict[str, tuple[Path, Path]] = {}
    bar = progress_bar(len(ov.kommunen), desc="Karten und Berichte", enabled=progress)
    try:
        for k in ov.kommunen:
            bar.set_postfix_str(k.name[-30:])
            slug = _slug(k.name, taken)
            karte = write_map(k.map, tmp / f"{slug}_karte.html", findings=k.result,
                              title=f"Netzwerkkarte {k.name}")
            bericht = write_report(k.map, tmp / f"{slug}_bericht.html", result=k.result,
                                   include_map=False, figures=figures,
                                   title=f"Netzwerkbericht {k.name}")
            out[k.name] = (folder / karte.name, folder / bericht.name)
            bar.update()
        bar.close()
        old = folder.with_name(f".{folder.name}.alt-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        bar.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def write_overview(ov: Overview, path: str | os.PathLike[str], *, anonymous: bool = False,
                   xlsx: str | os.PathLike[str] | None = None, details: bool = True,
                   figures: bool = False, progress: bool | None = None) -> OverviewFiles:
    """Write the overview page, each Kommune's map and report, and optionally a workbook.

    Parameters
    ----------
    ov : Overview
    path : path-like
        The page (``.html``). The maps and reports go to :func:`details_folder` next to
        it (``uebersicht_dateien/<kommune>_karte.html`` and ``…_bericht.html``); the page
        links them with relative links, so the page and the folder move together.
    anonymous : bool
        For publication (see :func:`render_overview`); no maps and reports are written.
    xlsx : path-like, optional
        Also write the tables as a workbook (:func:`write_overview_xlsx`).
    details : bool
        Write the maps and reports (default); ``False`` writes only the page.
    figures : bool
        Draw the figures in each report (about 1–2 s per Kommune).
    progress : bool, optional
        Progress bar over the Kommunen.

    Returns
    -------
    OverviewFiles

    Raises
    ------
    InputError
        The folder for the maps exists and holds other files (nothing is written).

    Notes
    -----
    Every file is written atomically; the folder of maps and reports is written beside
    the old one and swapped in at the end, so an interrupted run leaves the previous
    overview complete.
    """
    target = Path(path)
    links: dict[str, tuple[str, str]] = {}
    files = OverviewFiles(page=target)
    if details and not anonymous and ov.kommunen:
        folder = details_folder(target)
        files.folder = folder
        files.details = _write_details(ov, folder, figures=figures, progress=progress)
        links = {name: (f"{folder.name}/{karte.name}", f"{folder.name}/{bericht.name}")
                 for name, (karte, bericht) in files.details.items()}
    write_page(target, render_overview(ov, anonymous=anonymous, links=links))
    if xlsx is not None:
        files.workbook = write_overview_xlsx(ov, xlsx, anonymous=anonymous)
    log.info("Übersicht geschrieben: %s", target)
    return files


def write_overview_xlsx(ov: Overview, path: str | os.PathLike[str], *,
                        anonymous: bool = False) -> Path:
    """The tables of the overview as a workbook, one sheet each (written atomically).

    Numbers stay numbers; statuses are written as words (the fill repeats them in colour);
    the matrix has the full check titles as headers.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    target = Path(path)
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="3D5A80")
    fills = {f"status-{k}": v.lstrip("#") for k, v in STATUS_COLOURS.items()}
    fills.update({f"sev-{k}": v.lstrip("#") for k, v in SEVERITY_COLOURS.items()})
    sheet_names = {"kommunen": "Kommunen", "qualitaet": "Qualitätsrahmen",
                   "befunde": "Befunde", "veraenderung": "Veränderung",
                   "datenlage": "Datenlage", "kreisebene": "Kreisebene"}
    for table in overview_tables(ov, anonymous=anonymous):
        ws = wb.create_sheet(sheet_names.get(table.key, table.key[:31]))
        headers = [t or h for h, t in zip(table.headers, table.header_titles, strict=True)] \
            if table.header_titles else table.headers
        ws.append(headers)
        for i, _ in enumerate(headers, 1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(i)].width = 40 if i == 1 else 16
        for row in table.rows:
            ws.append([c.excel for c in row])
            for i, c in enumerate(row, 1):
                cell = ws.cell(row=ws.max_row, column=i)
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text such as "=…" stays text
                fill = fills.get(c.css)
                if fill and fill != "FFFFFF":
                    cell.fill = PatternFill("solid", fgColor=fill)
        ws.freeze_panes = "B2"
        if table.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{ws.max_row}"
    wb.properties.title = "Übersicht der Kommunen" if anonymous else f"Übersicht {ov.title}"
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
