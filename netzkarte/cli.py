"""The ``netzkarte`` command line (German, because its users are German).

Thin by design: parse arguments, call one public function, print, set the exit code.
Every command runs inside one error boundary (:func:`_run`), so bad input never ends in a
traceback:

====  ======================================================================
exit  meaning
====  ======================================================================
0     done (``pruefen``: valid, warnings allowed)
1     the input has errors (the report is printed)
2     a file cannot be read or written, or the command line is wrong
3     internal error (a bug): one German line; ``--debug`` shows the traceback
130   interrupted with Ctrl+C
====  ======================================================================

Start-up stays light: pandas-heavy readers and writers are imported inside the command
functions, matplotlib, igraph and pyvis never at import time.

Examples
--------
>>> main(["pruefen", "gibt-es-nicht.json"])  # the German message goes to stderr
2
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from netzkarte import __version__, _with_coverage_gaps
from netzkarte.errors import (
    InputError,
    IssueCode,
    NetzkarteError,
    OptionError,
    ValidationError,
    ValidationReport,
)
from netzkarte.gc_pause import no_collection_at_exit
from netzkarte.io.atomic import WriteError
from netzkarte.schema import SHEET_ORDER
from netzkarte.text import number

if TYPE_CHECKING:
    from netzkarte.io.combine import Combined
    from netzkarte.model import NetworkMap

__all__ = ["COMMANDS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_INVALID",
           "EXIT_OK", "GermanArgumentParser", "build_parser", "cmd_export", "cmd_pruefen",
           "cmd_uebersicht", "cmd_vergleich", "cmd_vorlage", "format_report", "load_map",
           "load_maps", "main"]

log = logging.getLogger("netzkarte")

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_COUNT_LABELS = (("actor", "Akteure"), ("office", "Ämter"), ("committee", "Gremien"),
                 ("offer", "Angebote"), ("edges", "Beziehungen"))

# --- German argparse ------------------------------------------------------------------------

# argparse's own messages are English (gettext without a German catalogue); these patterns
# translate the ones a user can trigger.
_ARGPARSE_DE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"^the following arguments are required: (.*)$", r"Es fehlt: \1"),
        (r"^unrecognized arguments: (.*)$", r"Unbekannte Angaben: \1"),
        (r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
         r"\1: ungültige Auswahl \2 (möglich: \3)"),
        (r"^argument (\S+): expected one argument$", r"\1 braucht einen Wert"),
        (r"^argument (\S+): expected at most one argument$", r"\1 erlaubt höchstens einen Wert"),
        (r"^argument (\S+): expected at least one argument$", r"\1 braucht mindestens einen Wert"),
        (r"^argument (\S+): not allowed with argument (\S+)$",
         r"\1 ist nicht zusammen mit \2 erlaubt"),
        (r"^argument (\S+): invalid (\S+) value: (.*)$", r"\1: ungültiger Wert \3"),
        (r"^argument (\S+): ignored explicit argument (.*)$", r"\1: Wert \2 ist nicht erlaubt"),
        (r"^ambiguous option: (\S+) could match (.*)$", r"Mehrdeutige Option \1 (passt zu \2)"),
        (r"^argument (\S+): (.*)$", r"\1: \2"),
    ))


def _german(message: str) -> str:
    for pattern, replacement in _ARGPARSE_DE:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help formatter with the German "Aufruf:" prefix."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """ArgumentParser with German help and German usage errors (exit code 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="diese Hilfe zeigen und beenden")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: Fehler: {_german(message)}\n"
                              f"Hilfe: {self.prog} --help\n")


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """-v/-q/--debug on the main parser and on every command (``netzkarte pruefen x -v``)."""
    default = 0 if top else argparse.SUPPRESS
    group = parser.add_argument_group("Ausgabe")
    group.add_argument("-v", "--verbose", action="count", default=default,
                       help="mehr Meldungen (zweimal: alle Details)")
    group.add_argument("-q", "--quiet", action="store_true",
                       default=False if top else argparse.SUPPRESS,
                       help="nur Fehler melden")
    group.add_argument("--debug", action="store_true",
                       default=False if top else argparse.SUPPRESS,
                       help="bei internen Fehlern den Python-Traceback zeigen")


def build_parser() -> GermanArgumentParser:
    """The complete argument parser (every command of the README's table)."""
    parser = GermanArgumentParser(
        prog="netzkarte",
        description="Netzwerkkarten kommunaler Präventionsketten: Excel-Vorlage, Prüfung, "
                    "Analysen, interaktive Karten.",
        epilog="Beispiel: netzkarte vorlage  →  ausfüllen  →  netzkarte pruefen "
               "netzkarte_vorlage.xlsx\nHilfe zu einem Befehl: netzkarte BEFEHL --help")
    parser.add_argument("--version", action="version", version=f"netzkarte {__version__}",
                        help="Versionsnummer zeigen und beenden")
    _add_common(parser, top=True)
    commands = parser.add_subparsers(title="Befehle", metavar="BEFEHL", dest="command",
                                     required=True, parser_class=GermanArgumentParser)

    def command(name: str, help_text: str) -> GermanArgumentParser:
        sub: GermanArgumentParser = commands.add_parser(name, help=help_text,
                                                        description=help_text)
        _add_common(sub, top=False)
        return sub

    datei = "ausgefüllte Vorlage (.xlsx) oder mit „export“ geschriebene .json-Datei"
    dateien = ("ausgefüllte Vorlagen (.xlsx), mit „export“ geschriebene .json-Dateien oder "
               "Ordner davon; mehrere werden als eine Karte gelesen (Kommunen eines Kreises)")
    p = command("vorlage", "leere Excel-Vorlage schreiben")
    p.add_argument("pfad", metavar="PFAD", nargs="?", default="netzkarte_vorlage.xlsx",
                   help="Zieldatei (Vorgabe: netzkarte_vorlage.xlsx)")
    p.add_argument("--ueberschreiben", action="store_true",
                   help="eine vorhandene Datei ersetzen")

    p = command("pruefen", "ausgefüllte Vorlage prüfen und alle Probleme auflisten")
    p.add_argument("datei", metavar="DATEI", nargs="+",
                   help=dateien.replace("gelesen", "geprüft, mit den Widersprüchen zwischen "
                                        "ihnen"))
    p.add_argument("--json", action="store_true",
                   help="Ergebnis als JSON auf die Standardausgabe schreiben")

    p = command("karte", "interaktive Karte als eine HTML-Datei schreiben")
    p.add_argument("datei", metavar="DATEI", nargs="+", help=dateien)
    p.add_argument("-o", "--ausgabe", metavar="KARTE.html", required=True, help="Zieldatei")
    p.add_argument("--layout", choices=("netz", "kette", "kreis", "stadtplan"), default=None,
                   help="Anordnung: netz (Vorgabe), kette (nach Lebensphasen), kreis, "
                        "stadtplan (nach Breitengrad und Längengrad)")
    p.add_argument("--sozialraeume", metavar="FLAECHEN.geojson",
                   help="Flächen der Sozialräume für --layout stadtplan (GeoJSON in "
                        "Längen- und Breitengrad; Vorgabe: Hülle um die Einrichtungen)")
    p.add_argument("--bedarf", metavar="SPALTE",
                   help="Bedarfsindikator aus dem Blatt Sozialräume (Vorgabe: die erste "
                        "Spalte mit SGB II, Armut oder BuT im Namen)")
    p.add_argument("--anonym", action="store_true",
                   help="Personennamen durch Kategorie und Organisation ersetzen")
    p.add_argument("--mit-kontaktdaten", action="store_true",
                   help="Kontaktdaten (personenbezogen) mit aufnehmen")
    p.add_argument("--ohne-befunde", action="store_true",
                   help="keine Analysen ausführen (schneller bei sehr großen Karten)")
    p.add_argument("--buendeln", choices=("sozialraum", "gremium"), default=None,
                   help="große Karten nach Sozialraum oder Gremium bündeln")

    p = command("analyse", "alle Analysen ausführen und Befunde zusammenfassen")
    p.add_argument("datei", metavar="DATEI", nargs="+", help=dateien)
    p.add_argument("--json", metavar="BEFUNDE.json", help="Befunde als JSON schreiben")
    p.add_argument("--xlsx", metavar="BEFUNDE.xlsx", help="Befunde als Excel-Tabelle schreiben")
    p.add_argument("--anonym", action="store_true",
                   help="Personennamen durch Kategorie und Organisation ersetzen")
    p.add_argument("--nur-bestaetigt", action="store_true",
                   help="nach einer Bestandsaufnahme nur mit Beziehungen rechnen, die beide "
                        "Seiten bestätigt haben")

    p = command("bericht", "Bericht für die Netzwerksitzung als HTML-Datei schreiben")
    p.add_argument("datei", metavar="DATEI", nargs="+", help=dateien)
    p.add_argument("-o", "--ausgabe", metavar="BERICHT.html", required=True, help="Zieldatei")
    p.add_argument("--anonym", action="store_true",
                   help="Personennamen durch Kategorie und Organisation ersetzen")
    p.add_argument("--mit-kontaktdaten", action="store_true",
                   help="Kontaktdaten (personenbezogen) mit aufnehmen")

    p = command("uebersicht", "Übersicht vieler Kommunen (Kreis, Land) als HTML-Seite mit "
                "Karten und Berichten der Kommunen")
    p.add_argument("quellen", metavar="QUELLE", nargs="+", help=dateien)
    p.add_argument("-o", "--ausgabe", metavar="UEBERSICHT.html", required=True,
                   help="Zieldatei; Karten und Berichte der Kommunen kommen in den Ordner "
                        "UEBERSICHT_dateien daneben")
    p.add_argument("--xlsx", metavar="UEBERSICHT.xlsx",
                   help="dieselben Tabellen als Excel-Arbeitsmappe")
    p.add_argument("--anonym", action="store_true",
                   help="Kommunen als „Kommune A“, „Kommune B“ … (zum Veröffentlichen; ohne "
                        "Karten und Berichte der Kommunen)")
    p.add_argument("--abbildungen", action="store_true",
                   help="Abbildungen in den Berichten der Kommunen (langsamer: 1–2 s je "
                        "Kommune)")

    p = command("vergleich", "zwei Stände derselben Kommune vergleichen")
    p.add_argument("alt", metavar="ALT", help="älterer Stand (.xlsx oder .json)")
    p.add_argument("neu", metavar="NEU", help="neuerer Stand (.xlsx oder .json)")
    p.add_argument("-o", "--ausgabe", metavar="VERGLEICH.html", help="Vergleich als HTML")
    p.add_argument("--json", metavar="VERGLEICH.json", help="Vergleich als JSON")
    p.add_argument("--anonym", action="store_true",
                   help="Personennamen durch Kategorie und Organisation ersetzen")

    p = command("export", "in ein anderes Format schreiben (.graphml, .gexf, .json, .xlsx)")
    p.add_argument("datei", metavar="DATEI", nargs="+",
                   help=dateien.replace("gelesen", "zu einer Datei zusammengeführt"))
    p.add_argument("-o", "--ausgabe", metavar="ZIEL", required=True,
                   help="Zieldatei; die Endung bestimmt das Format")
    p.add_argument("--mit-kontaktdaten", action="store_true",
                   help="GraphML/GEXF: Kontaktdaten mit aufnehmen (JSON und .xlsx: immer)")
    p.add_argument("--ueberschreiben", action="store_true",
                   help="eine vorhandene .xlsx-Datei ersetzen (eigene Blätter, Kommentare "
                        "und Formatierungen darin gehen verloren)")

    p = command("demo", "Beispielkommune Kindertal: Arbeitsmappe, Karte und Bericht schreiben")
    p.add_argument("-o", "--ausgabe", metavar="ORDNER", default="netzkarte-demo",
                   help="Zielordner (Vorgabe: netzkarte-demo)")

    p = command("erhebung", "Fragebögen für die Bestandsaufnahme mit den Partnern schreiben")
    p.add_argument("datei", metavar="DATEI", help=datei)
    p.add_argument("-o", "--ausgabe", metavar="ORDNER", required=True,
                   help="Zielordner: ein Fragebogen je Partner und ein leerer für neue Partner")
    p.add_argument("--partner", metavar="ID", nargs="+", action="extend",
                   help="nur für diese Partner (IDs von Akteuren oder Ämtern)")
    p.add_argument("--mit-personen", action="store_true",
                   help="auch Personen befragen und als Kontakte auflisten")

    p = command("zusammenfuehren", "ausgefüllte Fragebögen in die Karte zusammenführen")
    p.add_argument("datei", metavar="DATEI", help=datei)
    p.add_argument("antworten", metavar="ANTWORT", nargs="+",
                   help="zurückgeschickte Fragebögen (.xlsx, beliebige Dateinamen)")
    p.add_argument("-o", "--ausgabe", metavar="NEU.xlsx", required=True,
                   help="die zusammengeführte Karte als ausgefüllte Vorlage")
    p.add_argument("--bericht", metavar="RUECKMELDUNG.html",
                   help="Rückmeldung als HTML-Seite (Rücklauf, Dubletten, Konflikte)")
    p.add_argument("--entscheidungen", metavar="RUECKMELDUNG.xlsx",
                   help="Rückmeldung als Excel-Datei zum Entscheiden; vorhandene "
                        "Entscheidungen darin werden zuerst übernommen")
    p.add_argument("--staerke", choices=("minimum", "maximum", "mittel", "neueste"),
                   default="minimum",
                   help="Stärke, wenn beide Seiten verschiedene angeben (Vorgabe: minimum)")
    p.add_argument("--mit-personen", action="store_true",
                   help="Personen zählen als Befragte (wenn sie Fragebögen bekommen haben)")
    return parser


# --- shared helpers -------------------------------------------------------------------------


def load_map(path: str | Path) -> NetworkMap:
    """Read the map every command works on: a filled template (.xlsx) or a .json export.

    Raises
    ------
    InputError
        Unreadable file or unknown format (exit code 2).
    ValidationError
        The content has errors (exit code 1, the report is printed).
    """
    from netzkarte.io.exchange import load
    from netzkarte.io.own_outputs import refuse_own_output

    refuse_own_output(path)
    network = load(path)
    c = network.counts()
    log.info("Karte gelesen: %s (%d Knoten, %d Beziehungen)", path, len(network), c["edges"])
    return network


def load_maps(paths: Sequence[str | Path]) -> NetworkMap:
    """Read one input as :func:`load_map`, several (or a folder) as one combined map.

    Several files are merged by :func:`netzkarte.io.combine.read_sources` (IDs kept apart
    per Kommune, shared Kreis records matched); the notes of the merge are logged as
    warnings.

    Raises
    ------
    InputError
        A path does not exist or a folder holds no readable file (exit code 2).
    ValidationError
        Any file has errors: all of them, each with its file name (exit code 1).
    """
    return _combined(paths).map


def _combined(paths: Sequence[str | Path]) -> Combined:
    """The combined inputs (:class:`netzkarte.io.combine.Combined`); one plain file is
    read as it always was."""
    from netzkarte.io.combine import Combined as Result
    from netzkarte.io.combine import read_sources

    if len(paths) == 1 and not Path(paths[0]).is_dir():
        network = load_map(paths[0])
        return Result(network, ValidationReport(counts=network.counts()))
    combined = read_sources(paths, progress=sys.stderr.isatty())
    if not combined.report.ok:
        raise ValidationError(combined.report)
    notes = [i for i in combined.report.warnings if i.code.startswith("combined-")]
    for issue in notes[:_NOTES_SHOWN]:
        log.warning("Hinweis: %s", issue.message)
    if len(notes) > _NOTES_SHOWN:
        rest = len(notes) - _NOTES_SHOWN
        log.warning("… und %s zum Zusammenführen.",
                    "1 weiterer Hinweis" if rest == 1 else f"{rest} weitere Hinweise")
    for issue in combined.report.warnings:
        if not issue.code.startswith("combined-"):
            log.info("Hinweis: %s", issue)
    network = combined.map
    c = network.counts()
    log.info("Karte aus %d Dateien: %d Knoten, %d Beziehungen", len(combined.sources),
             len(network), c["edges"])
    return combined


_NOTES_SHOWN = 10


def _check_outside(option: str, target: str | Path | None, inputs: Sequence[str | Path]
                   ) -> None:
    """An output that would be read as an input next time (.xlsx/.json in an input folder)
    is refused, as is a folder of outputs that is an input folder."""
    if target is None:
        return
    path = Path(target)
    for source in inputs:
        folder = Path(source)
        if not folder.is_dir():
            continue
        if _same_file(folder, path) or (path.suffix.lower() in (".xlsx", ".json")
                                        and _same_file(folder, path.parent)):
            raise OptionError(
                f"{option} {path}: liegt im Eingabeordner „{folder}“; beim nächsten Lauf "
                "würde die Datei als Karte einer Kommune gelesen. Wählen Sie einen anderen "
                "Ordner für die Ausgabe.", IssueCode.OUTPUT_IS_INPUT)


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{label}: {counts.get(key, 0)}" for key, label in _COUNT_LABELS)


def _shown(value: Any, limit: int = 60) -> str:
    """A cell value quoted in a message: a whole number as typed (``2019``, not
    ``2019.0``), everything else as text, cut after ``limit`` characters."""
    whole = (isinstance(value, float) and value.is_integer() and abs(value) < 1e15)
    text = str(int(value)) if whole else str(value)
    return f"„{text[:limit]}…“" if len(text) > limit else f"„{text}“"


REPORT_LIMIT = 200
"""Problems :func:`format_report` lists per sheet, for errors and for warnings each; the rest
are counted ("… und 12.345 weitere"). ``pruefen --json`` lists every one."""


_OVERVIEW_FROM = 20  # more errors or warnings than this: first an overview by kind
_KIND_LABELS: dict[str, str] = {
    IssueCode.NAME_REFERENCE: "Name statt ID – netzkarte hat den Eintrag gefunden",
    IssueCode.GENERATED_ID: "ID fehlt – netzkarte hat eine vorläufige vergeben",
    IssueCode.GUESSED_CATEGORY: "Kategorie aus einem Wort oder dem Namen erschlossen",
    IssueCode.UNKNOWN_CATEGORY: "Kategorie nicht bekannt",
    IssueCode.AMBIGUOUS_CATEGORY: "Kategorie mehrdeutig",
    IssueCode.GUESSED_VALUE: "Wert gedeutet (Abkürzung, Altersangabe, Schreibweise)",
    IssueCode.UNKNOWN_VALUE: "Wert nicht aus der Auswahlliste – der Text bleibt erhalten",
    IssueCode.BAD_DATE: "Datum nicht lesbar",
    IssueCode.BAD_NUMBER: "Zahl nicht lesbar",
    IssueCode.BAD_STRENGTH: "Stärke nicht lesbar",
    IssueCode.BAD_BOOL: "Ja/Nein-Angabe nicht lesbar",
    IssueCode.CONTRADICTION: "Ebene, Sozialraum und Kategorie passen nicht zusammen",
    IssueCode.UNKNOWN_COLUMN: "Spalte gehört nicht zur Vorlage",
    IssueCode.UNKNOWN_DISTRICT: "Sozialraum nicht im Blatt „Sozialräume“",
    IssueCode.NORMALISED_ID: "unsichtbare Zeichen in einer ID",
    IssueCode.UNKNOWN_REFERENCE: "Verweis auf einen Eintrag, den es nicht gibt",
    IssueCode.AMBIGUOUS_REFERENCE: "Verweis passt auf mehrere Einträge",
    IssueCode.MISSING_VALUE: "Pflichtangabe fehlt",
    IssueCode.MISSING_COLUMN: "Pflichtspalte fehlt",
    IssueCode.MISSING_SHEET: "Blatt fehlt",
    IssueCode.DUPLICATE_ID: "ID doppelt vergeben",
    IssueCode.DUPLICATE_EDGE: "Beziehung doppelt eingetragen",
}


def _kinds_overview(title: str, issues: list[Any]) -> list[str]:
    """The most frequent kinds of ``issues`` with their counts and where the first is: a
    hurried administrator's 370 warnings are mostly three kinds."""
    kinds: dict[str, list[Any]] = {}
    for issue in issues:
        kinds.setdefault(issue.code, []).append(issue)
    ranked = sorted(kinds.items(), key=lambda kv: -len(kv[1]))
    width = len(number(len(ranked[0][1]), 0, thousands=True))
    lines = [f"Übersicht: {number(len(issues), 0, thousands=True)} {title} nach Art"]
    shown = ranked if len(ranked) <= 9 else ranked[:8]
    for code, found in shown:
        first = found[0]
        text = first.message
        label = _KIND_LABELS.get(code) or (f"{text[:70].rstrip()} …" if len(text) > 72 else text)
        where = ", ".join(x for x in (f"Blatt „{first.sheet}“" if first.sheet else "",
                                      f"Zeile {first.row}" if first.row is not None else "")
                          if x)
        lines.append(f"  {number(len(found), 0, thousands=True):>{width}} × {label}"
                     + (f" (zuerst: {where})" if where else ""))
    if len(shown) < len(ranked):
        rest = sum(len(found) for _, found in ranked[len(shown):])
        lines.append(f"  {number(rest, 0, thousands=True):>{width}} × andere")
    return lines


def format_report(report: ValidationReport, limit: int | None = REPORT_LIMIT) -> str:
    """The German, human-readable list of a validation report, grouped by sheet.

    Each line has row, column, value and the message (which says how to fix it); the last
    line is a summary like ``2 Fehler, 1 Warnung — Akteure: 12, Ämter: 5, …``. At most
    ``limit`` errors and ``limit`` warnings are listed per sheet (``None``: all); a line
    counts the others, so a workbook full of mistakes prints quickly and stays readable.

    Examples
    --------
    >>> report = ValidationReport(counts={"actor": 2, "edges": 1})
    >>> from netzkarte.errors import IssueCode
    >>> report.add(IssueCode.UNKNOWN_REFERENCE, "Gremium „G-9“ gibt es nicht.",
    ...            sheet="Mitgliedschaften", row=4, column="Gremium", value="G-9")
    >>> print(format_report(report))
    Fehler (1):
      Blatt „Mitgliedschaften“
        - Zeile 4, Spalte „Gremium“, Wert „G-9“: Gremium „G-9“ gibt es nicht.
    <BLANKLINE>
    Die Datei enthält Fehler. Korrigieren Sie die genannten Stellen und prüfen Sie erneut.
    1 Fehler, 0 Warnungen — Akteure: 2, Ämter: 0, Gremien: 0, Angebote: 0, Beziehungen: 1
    """
    lines: list[str] = []
    for title, issues in (("Fehler", report.errors), ("Warnungen", report.warnings)):
        if len(issues) > _OVERVIEW_FROM:
            lines += [*_kinds_overview(title, issues), ""]
    for title, issues in (("Fehler", report.errors), ("Warnungen", report.warnings)):
        if not issues:
            continue
        lines.append(f"{title} ({len(issues)}):")
        order = {name: i for i, name in enumerate(SHEET_ORDER)}
        groups: dict[str | None, list[Any]] = {}
        for issue in issues:
            groups.setdefault(issue.sheet, []).append(issue)
        for sheet in sorted(groups, key=lambda s: (s is None, order.get(s or "", 99), s or "")):
            lines.append(f"  Blatt „{sheet}“" if sheet else "  Datei")
            ordered = sorted(groups[sheet], key=lambda i: (i.row is None, i.row or 0))
            for issue in ordered[:limit]:
                where = [f"Zeile {issue.row}" if issue.row is not None else "",
                         f"Spalte „{issue.column}“" if issue.column else "",
                         f"Wert {_shown(issue.value)}" if issue.value not in (None, "") else ""]
                prefix = ", ".join(w for w in where if w)
                lines.append(f"    - {prefix + ': ' if prefix else ''}{issue.message}")
            if limit is not None and len(ordered) > limit:
                rest = len(ordered) - limit
                if rest == 1:
                    more = "1 weiterer Fehler" if title == "Fehler" else "1 weitere Warnung"
                else:
                    more = f"{number(rest, 0, thousands=True)} weitere {title}"
                lines.append(f"    … und {more} in diesem Blatt "
                             "(alle: netzkarte pruefen DATEI --json)")
        lines.append("")
    n_err, n_warn = len(report.errors), len(report.warnings)
    verdict = ("Die Datei ist gültig." if report.ok else
               "Die Datei enthält Fehler. Korrigieren Sie die genannten Stellen und prüfen Sie "
               "erneut.")
    lines.append(verdict)
    lines.append(f"{number(n_err, 0, thousands=True)} Fehler, "
                 f"{number(n_warn, 0, thousands=True)} "
                 f"{'Warnung' if n_warn == 1 else 'Warnungen'} — "
                 f"{_counts_line(report.counts)}")
    return "\n".join(lines)


def _print_json(document: dict[str, Any]) -> None:
    """Print JSON as UTF-8 whatever the terminal's encoding."""
    _write_utf8([json.dumps(document, ensure_ascii=False, indent=2) + "\n"])


def _write_utf8(parts: Iterable[str]) -> None:
    """Print text piece by piece as UTF-8 whatever the terminal's encoding."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    buffer = getattr(sys.stdout, "buffer", None)
    if encoding != "utf8" and buffer is not None:
        sys.stdout.flush()
        for part in parts:
            buffer.write(part.encode("utf-8"))
        buffer.flush()
    else:
        for part in parts:
            sys.stdout.write(part)


def _report_json(report: ValidationReport) -> Iterator[str]:
    """``json.dumps(report.to_dict(), indent=2)`` in pieces, one issue at a time.

    The same text, but a report of half a million issues never exists as one string or
    one list of dicts: memory stays at the size of the report itself.
    """
    yield f'{{\n  "ok": {json.dumps(report.ok)},\n'
    for key, severity in (("errors", "error"), ("warnings", "warning")):
        yield f'  "{key}": ['
        first = True
        for issue in report.issues:
            if issue.severity != severity:
                continue
            data = issue.to_dict()
            del data["severity"]
            text = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            yield f'{"" if first else ","}\n    {text}'
            first = False
        yield "],\n" if first else "\n  ],\n"
    counts = json.dumps(report.counts, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield f'  "counts": {counts}\n}}\n'


def _say(text: str) -> None:
    print(text)


_HTML = (".html", ".htm")


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Do two paths name the same file (also through a symbolic or hard link)?"""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(pa)) == os.path.normcase(os.path.abspath(pb))


def _check_output(option: str, target: str | Path | None, inputs: Sequence[str | Path], *,
                  suffixes: tuple[str, ...], what: str) -> None:
    """Refuse an output with the wrong suffix or one that is an input (exit code 2).

    Runs before anything is read or written, so a refused command changes no file.
    """
    if target is None:
        return
    path = Path(target)
    if path.suffix.lower() not in suffixes:
        example = path.with_suffix(suffixes[0]).name if path.stem else f"ausgabe{suffixes[0]}"
        raise OptionError(f"{option} {path.name or path}: {what}; geben Sie einen Namen mit "
                          f"{suffixes[0]} an, z. B. {example}.", IssueCode.WRONG_SUFFIX)
    for source in inputs:
        if _same_file(source, path):
            raise OptionError(
                f"{option} {path}: Das ist dieselbe Datei wie die Eingabe „{source}“; sie "
                "würde überschrieben und Ihre Daten gingen verloren. Geben Sie für die Ausgabe "
                "einen anderen Dateinamen an.", IssueCode.OUTPUT_IS_INPUT)


def _error(text: str) -> None:
    print(f"netzkarte: {text}", file=sys.stderr)


# --- commands -------------------------------------------------------------------------------


def cmd_vorlage(args: argparse.Namespace) -> int:
    """``netzkarte vorlage [PFAD]``: write the empty template."""
    from netzkarte.io.template import write_template

    target = Path(args.pfad)
    if target.suffix.lower() != ".xlsx":
        raise OptionError(f"Die Vorlage ist eine Excel-Arbeitsmappe: der Dateiname muss auf "
                          f".xlsx enden, nicht „{target.name}“.", IssueCode.UNKNOWN_FORMAT)
    if target.exists() and not args.ueberschreiben:
        raise OptionError(f"„{target}“ gibt es schon; sie wird nicht überschrieben, damit keine "
                          "ausgefüllte Vorlage verloren geht. Wählen Sie einen anderen Namen "
                          "oder hängen Sie --ueberschreiben an.", IssueCode.FILE_EXISTS)
    written = write_template(target)
    _say(f"Vorlage geschrieben: {written.resolve()}\n"
         f"Füllen Sie sie aus und prüfen Sie sie mit: netzkarte pruefen {written}")
    return EXIT_OK


def _validate(path: Path) -> ValidationReport:
    """The full report of one input (.xlsx or .json); InputError if it cannot be read."""
    from netzkarte.io.own_outputs import refuse_own_output

    refuse_own_output(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from netzkarte.io.excel import validate_excel

        network, report = validate_excel(path)
        if not report.counts and network is not None:
            report.counts = network.counts()
        return report
    if suffix == ".json":
        from netzkarte.io.exchange import read_json

        try:
            network = read_json(path)
        except ValidationError as err:
            return err.report
        return ValidationReport(counts=network.counts(), source=str(path))
    network = load_map(path)  # missing file, unknown format: InputError
    return ValidationReport(counts=network.counts(), source=str(path))


def cmd_pruefen(args: argparse.Namespace) -> int:
    """``netzkarte pruefen DATEI... [--json]``: list every problem of a workbook, or of
    several workbooks, exports and folders read as one map (each message starts with its
    file's name; the merge's own notes follow)."""
    paths = [Path(p) for p in args.datei]
    shown = ", ".join(str(p) for p in paths)
    try:
        if len(paths) == 1 and not paths[0].is_dir():
            report = _validate(paths[0])
        else:
            from netzkarte.io.combine import read_sources

            combined = read_sources(paths, progress=None)
            report = combined.report
            report.counts = combined.map.counts()
    except InputError as err:
        if args.json:
            _print_json({"ok": False,
                         "errors": [{"code": err.code, "message": str(err), "sheet": None,
                                     "row": None, "column": None, "value": shown}],
                         "warnings": [],
                         "counts": {key: 0 for key, _ in _COUNT_LABELS}})
        raise
    counts = {key: int(report.counts.get(key, 0)) for key, _ in _COUNT_LABELS}
    report.counts = counts
    if args.json:
        _write_utf8(_report_json(report))
    else:
        _say(f"Prüfung von {shown}:\n")
        _say(format_report(report))
    return EXIT_OK if report.ok else EXIT_INVALID


def cmd_export(args: argparse.Namespace) -> int:
    """``netzkarte export DATEI... -o ZIEL``: write another format; several workbooks,
    exports or folders are combined first (as ``karte`` reads them), so that a Kreis can
    hand on one file of all its Kommunen."""
    from netzkarte.io.exchange import SUFFIXES, save
    from netzkarte.io.json_format import check_map

    target = Path(args.ausgabe)
    if target.suffix.lower() not in SUFFIXES:
        raise OptionError(f"Unbekanntes Zielformat „{target.suffix or target.name}“. Möglich "
                          "sind " + ", ".join(SUFFIXES) + ".", IssueCode.UNKNOWN_FORMAT)
    _check_output("-o", target, args.datei, suffixes=SUFFIXES, what="")
    _check_outside("-o", target, args.datei)
    if target.suffix.lower() == ".xlsx" and target.exists():
        _existing_workbook(target, replace=args.ueberschreiben)
    network = load_maps(args.datei)
    report = check_map(network)  # never write a file that netzkarte could not read back
    if not report.ok:
        raise ValidationError(report)
    written = save(network, target, include_contact=args.mit_kontaktdaten)
    c = network.counts()
    _say(f"Exportiert: {written} ({len(network)} Knoten, {c['edges']} Beziehungen)")
    return EXIT_OK


def _existing_workbook(target: Path, *, replace: bool) -> None:
    """``export -o X.xlsx`` onto an existing workbook: refuse, or warn what is not kept.

    The export writes a fresh workbook after the template; sheets of its own, comments,
    formulas and formatting in the existing file would be gone. Like ``vorlage``, it
    replaces the file only with ``--ueberschreiben``.
    """
    from netzkarte.io.safety import foreign_sheets

    foreign = foreign_sheets(target)
    lost = ("die Blätter " + ", ".join(f"„{s}“" for s in foreign) + " (nicht Teil der "
            "Vorlage), " if foreign else "") + "Kommentare, Formeln und Formatierungen"
    if not replace:
        raise OptionError(f"„{target}“ gibt es schon. Der Export schreibt eine neue "
                          f"Arbeitsmappe nach der Vorlage; {lost} dieser Datei gingen verloren. "
                          "Wählen Sie einen anderen Dateinamen oder hängen Sie --ueberschreiben "
                          "an.", IssueCode.FILE_EXISTS)
    log.warning("Achtung: „%s“ wird ersetzt; %s der bisherigen Datei werden nicht übernommen.",
                target, lost)


def cmd_demo(args: argparse.Namespace) -> int:
    """``netzkarte demo [-o ORDNER]``: write the example town Kindertal and list the files."""
    from netzkarte.demo import run_demo

    outputs = run_demo(Path(args.ausgabe), progress=sys.stderr.isatty())
    _say(f"Beispielstadt Kindertal geschrieben nach {outputs.folder.resolve()}:")
    for written in outputs.files:
        _say(f"  {written.path}  – {written.description}")
    return EXIT_OK


def cmd_vergleich(args: argparse.Namespace) -> int:
    """``netzkarte vergleich ALT NEU [-o vergleich.html] [--json VERGLEICH.json] [--anonym]``.

    Without ``-o`` and ``--json`` the page goes to ``vergleich.html``; with only ``--json``
    only the JSON is written. ``--anonym`` hides person names in page, JSON and summary.
    """
    from netzkarte.analysis.compare import compare
    from netzkarte.io.atomic import atomic_write_text
    from netzkarte.render.comparison import (
        comparison_json,
        format_comparison,
        write_comparison,
    )

    html_target = args.ausgabe or (None if args.json else "vergleich.html")
    inputs = [args.alt, args.neu]
    _check_output("-o", html_target, inputs, suffixes=_HTML,
                  what="Der Vergleich wird als HTML-Datei geschrieben")
    _check_output("--json", args.json, inputs, suffixes=(".json",),
                  what="Der Vergleich wird als JSON-Datei geschrieben")
    old, new = load_map(args.alt), load_map(args.neu)
    if old.meta.municipality and new.meta.municipality \
            and old.meta.municipality != new.meta.municipality:
        log.warning("Achtung: Die Stände gehören zu verschiedenen Kommunen („%s“ und „%s“). "
                    "Verglichen wird trotzdem, nach den IDs der Knoten.",
                    old.meta.municipality, new.meta.municipality)
    diff = compare(old, new, analyses=True)
    written: list[Path] = []
    if html_target:
        written.append(write_comparison(diff, html_target, anonymous=args.anonym))
    if args.json:
        written.append(atomic_write_text(args.json,
                                         comparison_json(diff, anonymous=args.anonym) + "\n"))
    _say(format_comparison(diff, anonymous=args.anonym))
    for path in written:
        _say(f"Geschrieben: {path}")
    return EXIT_OK


def cmd_bericht(args: argparse.Namespace) -> int:
    """``netzkarte bericht DATEI -o bericht.html``: the meeting report as one HTML file."""
    from netzkarte.analysis.core import analyze
    from netzkarte.render.report import write_report

    _check_output("-o", args.ausgabe, args.datei, suffixes=_HTML,
                  what="Der Bericht wird als HTML-Datei geschrieben")
    network = load_maps(args.datei)
    result = analyze(network, progress=sys.stderr.isatty())
    written = write_report(network, args.ausgabe, result=result, anonymous=args.anonym,
                           with_contacts=args.mit_kontaktdaten)
    _say(f"Bericht geschrieben: {written.resolve()}\n"
         f"{len(result.findings)} Befunde; im Browser öffnen, zum Drucken „Als PDF speichern“.")
    return EXIT_OK


def cmd_karte(args: argparse.Namespace) -> int:
    """``netzkarte karte DATEI -o karte.html``: the interactive map with the findings panel."""
    from netzkarte.render.html_map import write_map

    _check_output("-o", args.ausgabe, args.datei, suffixes=_HTML,
                  what="Die Karte wird als HTML-Datei geschrieben")
    layout = args.layout or ("stadtplan" if args.sozialraeume else "netz")
    shapes = None
    if args.sozialraeume:
        if layout != "stadtplan":
            raise OptionError(f"--sozialraeume gilt nur für --layout stadtplan (gewählt ist "
                              f"„{layout}“).", IssueCode.OPTION_CONFLICT)
        from netzkarte.io.geojson import read_district_shapes

        shapes = read_district_shapes(args.sozialraeume)  # before the workbook: fail fast
    network = load_maps(args.datei)
    if layout == "stadtplan" and not shapes:
        from netzkarte.render.layouts import NO_COORDINATES, located_nodes

        if not located_nodes(network):
            raise NetzkarteError(NO_COORDINATES)
    options = {"need_indicator": args.bedarf} if args.bedarf else {}
    result = None
    if not args.ohne_befunde:
        from netzkarte.analysis.core import analyze

        result = analyze(network, progress=sys.stderr.isatty(), **options)
    # the Stadtplan outlines the coverage gaps, with or without findings panel
    gaps = _with_coverage_gaps(network, result, {"layout": layout, **options}).get(
        "coverage_gaps")
    cluster: Literal["district", "committee"] | None = None
    if args.buendeln:
        cluster = "district" if args.buendeln == "sozialraum" else "committee"
    written = write_map(network, args.ausgabe, layout=layout, anonymous=args.anonym,
                        with_contacts=args.mit_kontaktdaten, findings=result, cluster=cluster,
                        district_shapes=shapes, need_indicator=args.bedarf,
                        coverage_gaps=gaps)
    befunde = f", {len(result.findings)} Befunde zum Einblenden" if result is not None else ""
    _say(f"Karte geschrieben: {written.resolve()} ({len(network)} Knoten{befunde}).\n"
         "Im Browser öffnen; sie funktioniert ohne Internet.")
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    """``netzkarte analyse DATEI [--json …] [--xlsx …] [--anonym]``: all analyses, summary.

    ``--anonym`` hides person names (and ids) in the summary, the JSON and the list.
    """
    from netzkarte.analysis.core import analyze, format_summary
    from netzkarte.io.atomic import atomic_write_text

    _check_output("--json", args.json, args.datei, suffixes=(".json",),
                  what="Die Befunde werden als JSON-Datei geschrieben")
    _check_output("--xlsx", args.xlsx, args.datei, suffixes=(".xlsx",),
                  what="Die Maßnahmenliste wird als Excel-Arbeitsmappe geschrieben")
    _check_outside("--json", args.json, args.datei)
    _check_outside("--xlsx", args.xlsx, args.datei)
    network = load_maps(args.datei)
    result = analyze(network, progress=sys.stderr.isatty(),
                     confirmed_only=args.nur_bestaetigt)
    if args.anonym:
        from netzkarte.render.privacy import anonymous_result

        result = anonymous_result(result, network)
    _say(format_summary(result))
    if args.json:
        _say(f"Befunde (JSON): {atomic_write_text(args.json, result.to_json() + chr(10))}")
    if args.xlsx:
        from netzkarte.render.action_list import write_action_list

        _say(f"Maßnahmenliste: {write_action_list(result, args.xlsx)}")
    return EXIT_OK


def cmd_erhebung(args: argparse.Namespace) -> int:
    """``netzkarte erhebung DATEI -o ORDNER [--partner ID …]``: write the questionnaires."""
    from netzkarte.survey.workflow import send_questionnaires

    _, summary = send_questionnaires(args.datei, args.ausgabe, partners=args.partner,
                                     persons=args.mit_personen)
    _say(summary)
    return EXIT_OK


def cmd_zusammenfuehren(args: argparse.Namespace) -> int:
    """``netzkarte zusammenfuehren DATEI ANTWORT… -o NEU.xlsx``: merge the answers.

    Exit code 1 when an answer (or part of one) could not be used; the others are merged.
    """
    from netzkarte.survey.workflow import merge_files

    run = merge_files(args.datei, args.antworten, args.ausgabe, report=args.bericht,
                      decisions=args.entscheidungen, rule=args.staerke,
                      persons=args.mit_personen)
    _say("\n".join(run.lines))
    for line in run.errors:
        _error(line)
    return EXIT_OK if run.ok else EXIT_INVALID


def cmd_uebersicht(args: argparse.Namespace) -> int:
    """``netzkarte uebersicht QUELLE… -o uebersicht.html [--xlsx …] [--anonym]``.

    Reads every source as one map (:func:`load_maps`), analyses it once per Kommune and
    writes the page, each Kommune's map and report next to it and, with ``--xlsx``, the
    tables as a workbook.
    """
    from netzkarte.analysis.overview import overview
    from netzkarte.render.overview import details_folder, write_overview

    _check_output("-o", args.ausgabe, args.quellen, suffixes=_HTML,
                  what="Die Übersicht wird als HTML-Datei geschrieben")
    _check_output("--xlsx", args.xlsx, args.quellen, suffixes=(".xlsx",),
                  what="Die Tabellen werden als Excel-Arbeitsmappe geschrieben")
    _check_outside("--xlsx", args.xlsx, args.quellen)
    _check_outside("-o", details_folder(args.ausgabe), args.quellen)
    combined = _combined(args.quellen)
    progress = sys.stderr.isatty()
    result = overview(combined.map, earlier=combined.earlier, progress=progress)
    files = write_overview(result, args.ausgabe, anonymous=args.anonym, xlsx=args.xlsx,
                           figures=args.abbildungen, progress=progress)
    n = len(result.kommunen)
    _say(f"Übersicht geschrieben: {files.page.resolve()} ({n} "
         f"{'Kommune' if n == 1 else 'Kommunen'}, {len(result.county_findings)} Befunde auf "
         "Kreisebene).")
    if files.folder is not None:
        _say(f"Karten und Berichte der Kommunen: {files.folder.resolve()}")
    elif args.anonym:
        _say("Anonymisiert: ohne Karten und Berichte der einzelnen Kommunen.")
    if files.workbook is not None:
        _say(f"Tabellen: {files.workbook.resolve()}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "vorlage": cmd_vorlage,
    "pruefen": cmd_pruefen,
    "export": cmd_export,
    "karte": cmd_karte,
    "analyse": cmd_analyse,
    "bericht": cmd_bericht,
    "vergleich": cmd_vergleich,
    "demo": cmd_demo,
    "erhebung": cmd_erhebung,
    "zusammenfuehren": cmd_zusammenfuehren,
    "uebersicht": cmd_uebersicht,
}
"""Command name → function(args) → exit code. Every command runs inside :func:`_run`."""


# --- error boundary and entry point ---------------------------------------------------------


_OS_REASONS: dict[int, str] = {
    errno.EACCES: "keine Berechtigung", errno.EPERM: "keine Berechtigung",
    errno.ENOENT: "Datei oder Ordner nicht gefunden",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner", errno.EISDIR: "das ist ein Ordner",
    errno.EEXIST: "dort liegt eine Datei, wo ein Ordner sein müsste",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger", errno.EROFS: "schreibgeschützt",
}


_WRITE_HINTS: dict[int, str] = {
    errno.ENOSPC: "Geben Sie Speicherplatz frei oder wählen Sie ein anderes Laufwerk.",
    errno.EDQUOT: "Geben Sie Speicherplatz frei oder wählen Sie ein anderes Laufwerk.",
    errno.EACCES: "Wählen Sie einen Ordner, in dem Sie schreiben dürfen (z. B. Ihre "
                  "Dokumente), oder schließen Sie die Datei, falls sie in einem anderen "
                  "Programm geöffnet ist.",
    errno.EPERM: "Wählen Sie einen Ordner, in dem Sie schreiben dürfen (z. B. Ihre Dokumente).",
    errno.EROFS: "Wählen Sie einen Ordner auf einem beschreibbaren Laufwerk.",
}


def _write_error(err: OSError) -> str:
    """The German message for a failed write; it names the file the user asked for."""
    name = str(err.filename)
    reason = _OS_REASONS.get(err.errno or 0, err.strerror or str(err))
    hint = _WRITE_HINTS.get(err.errno or 0, "Prüfen Sie Pfad und Schreibrechte.")
    kept = (f" Die vorhandene Datei „{name}“ ist unverändert." if Path(name).exists() else
            " Es wurde nichts geschrieben.")
    return f"„{name}“ kann nicht geschrieben werden: {reason}. {hint}{kept}"


def _run(fn: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command; map every failure to a German message and an exit code."""
    try:
        return fn(args)
    except InputError as err:
        _error(str(err))
        return EXIT_INPUT
    except ValidationError as err:
        print(format_report(err.report), file=sys.stderr)
        return EXIT_INVALID
    except NetzkarteError as err:
        _error(str(err))
        return EXIT_INVALID
    except KeyboardInterrupt:
        _error("Abgebrochen (Strg+C). Bereits vorhandene Ausgabedateien sind unverändert.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK  # output piped into `head` and closed early
    except WriteError as err:
        _error(_write_error(err))
        return EXIT_INPUT
    except OSError as err:
        name = f"„{err.filename}“" if err.filename else "Eine Datei"
        reason = _OS_REASONS.get(err.errno or 0, err.strerror or str(err))
        _error(f"{name} kann nicht gelesen oder geschrieben werden: {reason}. Prüfen Sie "
               "Pfad und Schreibrechte.")
        return EXIT_INPUT
    except Exception as err:  # the boundary: no traceback for users
        if getattr(args, "debug", False):
            traceback.print_exc()
        _error(f"interner Fehler ({type(err).__name__}: {err}). Das ist ein Fehler in "
               "netzkarte, nicht in Ihren Daten. Für Details erneut mit --debug ausführen "
               "und die Ausgabe melden.")
        return EXIT_INTERNAL


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Log to whatever ``sys.stderr`` is at the moment (tests swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING
    if getattr(args, "quiet", False):
        level = logging.ERROR
    elif getattr(args, "verbose", 0) >= 2:
        level = logging.DEBUG
    elif getattr(args, "verbose", 0) == 1:
        level = logging.INFO
    for handler in list(log.handlers):
        if isinstance(handler, _StderrHandler):
            log.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(level)


def _tolerant_streams() -> None:
    """Never crash on a terminal that cannot show umlauts."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring).

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code.
    """
    _tolerant_streams()
    no_collection_at_exit()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_INPUT
    _configure_logging(args)
    return _run(COMMANDS[args.command], args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
