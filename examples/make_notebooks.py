"""Write the example notebooks of ``examples/`` (reproducible, outputs cleared).

Run ``python examples/make_notebooks.py`` after changing a notebook's text here; edit the
notebooks through this script, not in Jupyter, so that the repository holds no outputs and
the same script always gives the same files. ``tests/test_notebooks.py`` executes every
notebook in this folder.

Notebooks:

* ``01_erster_blick_kindertal.ipynb`` — the coordinator's first look at Kindertal.
* ``02_vorlage_pruefen_karte.ipynb`` — the administrator's path: template, fill, check, map.
* ``03_analyse_vertieft.ipynb`` — deep dive: thresholds, centrality, transitions, 2017/2019.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

__all__ = ["NOTEBOOKS", "build", "main"]

HERE = Path(__file__).resolve().parent

Cell = tuple[str, str]  # ("md" | "code", source)


def _md(text: str) -> Cell:
    return ("md", text.strip("\n"))


def _code(text: str) -> Cell:
    return ("code", text.strip("\n"))


FIRST_LOOK: list[Cell] = [
    _md("""
# Erster Blick auf die Netzwerkkarte von Kindertal

Dieses Notebook zeigt den Weg einer **Präventionskoordination**, die ihre Netzwerkkarte zum
ersten Mal ansieht. Als Beispiel dient die Stadt **Kindertal** (etwa 60.000 Einwohnerinnen und
Einwohner, belastete Sozialräume nördlich der A 40), die mit `netzkarte` mitgeliefert wird.

Mit Ihren eigenen Daten ersetzen Sie nur die erste Code-Zelle: statt
`datasets.kindertal(2019)` lesen Sie Ihre ausgefüllte Vorlage mit
`read_excel("ihre_datei.xlsx")` ein (siehe Notebook 02).
"""),
    _code("""
from netzkarte import datasets
from netzkarte.analysis import analyze, format_summary

karte = datasets.kindertal(2019)
print(karte)
print("Stand:", karte.meta.snapshot.strftime("%d.%m.%Y"), "–", karte.meta.title)
"""),
    _md("""
## Die Karte

Die Karte ist interaktiv: Ziehen verschiebt, das Mausrad zoomt, ein Klick auf einen Knoten
zeigt die Angaben dazu. Links lässt sich nach Knotentyp, Handlungsfeld, Sozialraum und
Lebensphase filtern. Die Farbe steht für das Handlungsfeld, die Form für den Knotentyp
(Akteur, Amt, Gremium, Angebot).
"""),
    _code("""
karte
"""),
    _md("""
## Was steckt in der Karte?

Jede Knotenart gibt es auch als Tabelle (pandas DataFrame), zum Beispiel die Gremien mit
Gremientyp und Steuerungsebene (a = gesamtkommunale Leitung, b = Koordinierung,
c = operative Steuerung im Sozialraum):
"""),
    _code("""
karte.committees[["name", "committee_type", "tier", "district"]].sort_values("tier").head(12)
"""),
    _md("""
## Alle Analysen auf einmal

`analyze` rechnet die Kennzahlen des Zusammenarbeitsnetzes und führt alle Analysen aus:
Parallelstrukturen, Lücken an den Übergängen, Versorgungslücken, Engpässe, Promotoren,
isolierte Knoten und den Qualitätsrahmen. Die Zusammenfassung ist dieselbe wie beim
Befehl `netzkarte analyse`.
"""),
    _code("""
befunde = analyze(karte, progress=False)
print(format_summary(befunde, top=5))
"""),
    _md("""
## Die wichtigsten Befunde

Die Befunde sind nach Schwere (hoch, mittel, niedrig, Hinweis) und innerhalb davon nach
Bedeutung sortiert. Jede Zeile enthält eine Empfehlung, was zu tun wäre – ein guter
Ausgangspunkt für die nächste Sitzung der Steuerungsgruppe.
"""),
    _code("""
befunde.to_frame()[["Schwere", "Art", "Befund", "Empfehlung"]].head(10)
"""),
    _md("""
## Die Befunde auf der Karte

Das Ergebnis der Analysen zeigt sich selbst auf der interaktiven Karte: links die Befunde –
ein Klick hebt hervor und zoomt auf das, was ein Befund betrifft; der Rundgang blättert sie
der Reihe nach durch. Darunter stehen die Befunde noch einmal als Tabelle. Eine andere
Anordnung wählt `show`, etwa `nk.show(karte, befunde, layout="kette")`.
"""),
    _code("""
befunde
"""),
    _md("""
## Der Qualitätsrahmen

Die Prüffragen des Qualitätsrahmens, die sich aus den Daten beantworten lassen – etwa ob
eine Steuerungsgruppe existiert, ob sie bereichsübergreifend besetzt ist und ob es in jedem
Sozialraum ein operatives Gremium gibt. Status: erfüllt, teilweise, nicht erfüllt oder
unbekannt (wenn die Daten nicht reichen).
"""),
    _code("""
qualitaet = befunde.quality_frame()
qualitaet[["Prüfung", "Status", "Beleg"]]
"""),
    _md("""
## Die Karte für die Sitzung speichern

Für das Netzwerktreffen schreibt `to_html` die Karte als **eine** HTML-Datei, die ohne
Internet funktioniert. Mit `findings=befunde` lassen sich die Befunde auf der Karte
hervorheben.
"""),
    _code("""
pfad = karte.to_html("kindertal_karte.html", findings=befunde)
print("Karte gespeichert:", pfad)
"""),
]


ADMIN_PATH: list[Cell] = [
    _md("""
# Vorlage ausfüllen, prüfen, Karte zeichnen

Dieses Notebook zeigt den Weg der **Datenpflege**: Die Excel-Vorlage wird erzeugt, mit je drei
Zeilen pro Blatt gefüllt – so, wie es eine Sachbearbeiterin in Excel täte, hier aber per
Programm mit `openpyxl` –, von `netzkarte` geprüft, korrigiert und schließlich als Karte
gezeichnet. Alles geschieht in einem temporären Ordner.

Auf der Kommandozeile entspricht das den Befehlen `netzkarte vorlage`, `netzkarte pruefen`
und `netzkarte karte`.
"""),
    _code("""
import tempfile
from pathlib import Path

import openpyxl

from netzkarte.io.excel import read_excel, validate_excel
from netzkarte.io.template import write_template

ordner = Path(tempfile.mkdtemp(prefix="netzkarte-"))
vorlage = write_template(ordner / "musterstadt.xlsx")
mappe = openpyxl.load_workbook(vorlage)
print("Vorlage:", vorlage.name)
print("Blätter:", ", ".join(mappe.sheetnames))
"""),
    _md("""
## Angaben zur Karte und je drei Zeilen pro Blatt

Oben im Blatt **Anleitung** stehen die Angaben zur Karte (Kommune, Stand …) in Spalte B.
Die Hilfsfunktion `eintragen` schreibt Zeilen unter die Überschriften eines Blatts – die
Spalten werden über ihre Überschrift gefunden, die Reihenfolge spielt also keine Rolle.
Bezüge zwischen Blättern (Anbieter, Mitglied, Gremium, Von, Zu) verwenden die **IDs**.

In der dritten Mitgliedschaft steckt absichtlich ein Tippfehler: `G-AKK` statt `G-AK`.
"""),
    _code("""
anleitung = mappe["Anleitung"]
anleitung["B3"] = "Musterstadt"
anleitung["B6"] = "01.03.2024"


def eintragen(blatt, zeilen):
    ws = mappe[blatt]
    spalten = {zelle.value: zelle.column for zelle in ws[1] if zelle.value}
    for nummer, werte in enumerate(zeilen, start=2):
        for kopf, wert in werte.items():
            ws.cell(row=nummer, column=spalten[kopf], value=wert)


eintragen("Akteure", [
    {"ID": "A-KITA", "Name": "Kita Sonnenblume", "Form": "Einrichtung", "Kategorie": "Kita",
     "Sozialraum": "Nord"},
    {"ID": "A-GS", "Name": "Grundschule am Bach", "Form": "Einrichtung",
     "Kategorie": "Grundschule", "Sozialraum": "Nord"},
    {"ID": "A-FZ", "Name": "Familienzentrum Regenbogen", "Form": "Einrichtung",
     "Kategorie": "Familienzentrum", "Sozialraum": "Nord"},
])
eintragen("Ämter", [
    {"ID": "AMT-JA", "Name": "Jugendamt Musterstadt", "Kategorie": "Jugendamt",
     "Hierarchieebene": "Amtsleitung"},
    {"ID": "AMT-SV", "Name": "Schulverwaltungsamt", "Kategorie": "Schulverwaltungsamt",
     "Hierarchieebene": "Amtsleitung"},
    {"ID": "AMT-GA", "Name": "Gesundheitsamt", "Kategorie": "Gesundheitsamt"},
])
eintragen("Gremien", [
    {"ID": "G-SG", "Name": "Steuerungsgruppe Präventionskette", "Gremientyp": "Steuerungsgruppe",
     "Steuerungsebene": "a", "Sitzungen pro Jahr": 4, "Politisch legitimiert": "ja"},
    {"ID": "G-AK", "Name": "Arbeitskreis Übergang Kita–Grundschule Nord",
     "Gremientyp": "Arbeitskreis", "Steuerungsebene": "c", "Sozialraum": "Nord",
     "Lebensphasen": "Kita; Grundschule"},
    {"ID": "G-NFH", "Name": "Netzwerk Frühe Hilfen", "Gremientyp": "Netzwerk",
     "Steuerungsebene": "b"},
])
eintragen("Angebote", [
    {"ID": "ANG-CAFE", "Name": "Elterncafé im Familienzentrum", "Anbieter": "A-FZ",
     "Kategorie": "Elterncafé", "Sozialraum": "Nord", "Status": "laufend"},
    {"ID": "ANG-SCHNUPPER", "Name": "Schnuppertage für Vorschulkinder", "Anbieter": "A-GS",
     "Kategorie": "Übergangsangebot Kita-Grundschule", "Sozialraum": "Nord"},
    {"ID": "ANG-BABY", "Name": "Babybesuchsdienst", "Anbieter": "AMT-JA",
     "Kategorie": "Babybesuchsdienst", "Aufsuchend": "ja"},
])
eintragen("Mitgliedschaften", [
    {"Mitglied": "AMT-JA", "Gremium": "G-SG", "Funktion": "Vorsitz"},
    {"Mitglied": "A-KITA", "Gremium": "G-AK"},
    {"Mitglied": "A-GS", "Gremium": "G-AKK", "Seit": "01.08.2019"},  # Tippfehler!
])
eintragen("Beziehungen", [
    {"Von": "A-KITA", "Zu": "A-GS", "Art": "Kooperation", "Stärke": "Koordination",
     "Formal": "ja"},
    {"Von": "A-FZ", "Zu": "A-KITA", "Art": "Kooperation", "Stärke": 2},
    {"Von": "AMT-JA", "Zu": "AMT-GA", "Art": "Kooperation", "Stärke": "Austausch"},
])
eintragen("Sozialräume", [
    {"Sozialraum": "Nord", "Kommune": "Musterstadt", "Einwohner": 12000,
     "Kinder unter 18": 2300},
    {"Sozialraum": "Mitte", "Kommune": "Musterstadt", "Einwohner": 15000,
     "Kinder unter 18": 2100},
    {"Sozialraum": "Süd", "Kommune": "Musterstadt", "Einwohner": 9000,
     "Kinder unter 18": 1500},
])
mappe.save(vorlage)
"""),
    _md("""
## Prüfen

`validate_excel` liest die Datei und sammelt **alle** Probleme auf einmal. Jedes Problem nennt
Blatt, Excel-Zeile (Überschrift = Zeile 1), Spalte, den Wert und sagt, wie es zu beheben ist.
Fehler verhindern das Einlesen; Warnungen zeigen, wo `netzkarte` etwas vermutet hat.
"""),
    _code("""
karte, bericht = validate_excel(vorlage)
print("gültig:", bericht.ok)
for problem in bericht.errors:
    print("-", problem)
"""),
    _code("""
bericht.to_frame()
"""),
    _md("""
## Korrigieren und erneut prüfen

Die Meldung schlägt die richtige ID schon vor. Wir korrigieren die Zelle (Blatt
Mitgliedschaften, Zeile 4, Spalte B = „Gremium“), speichern und prüfen noch einmal.
"""),
    _code("""
mappe["Mitgliedschaften"]["B4"] = "G-AK"
mappe.save(vorlage)

karte, bericht = validate_excel(vorlage)
print("gültig:", bericht.ok, "–", len(bericht.errors), "Fehler,", len(bericht.warnings),
      "Warnungen")
print(karte)
"""),
    _md("""
## Die Karte

Die gültige Datei lässt sich jetzt auch direkt mit `read_excel` lesen (das wirft bei Fehlern
eine `ValidationError` mit dem ganzen Bericht). Die Karte erscheint hier im Notebook und wird
als eigenständige HTML-Datei neben die Vorlage geschrieben.
"""),
    _code("""
karte = read_excel(vorlage)
karte.to_html(ordner / "musterstadt_karte.html", layout="kette")
karte
"""),
    _md("""
Die Tabellen der Knoten und Beziehungen – zum Beispiel zur Kontrolle oder zur Weitergabe an
die Jugendhilfeplanung:
"""),
    _code("""
karte.nodes()[["type", "name", "category", "district"]]
"""),
    _code("""
karte.edges()[["source", "target", "kind", "strength"]]
"""),
]


DEEP_DIVE: list[Cell] = [
    _md("""
# Vertiefte Analyse: Schwellenwerte, Zentralität, Übergänge, Vergleich 2017/2019

Für die **Jugendhilfeplanung** und die Koordination, die tiefer einsteigen möchten: eigene
Schwellenwerte, die Tabellen hinter den Befunden, die Übergänge eines Sozialraums und der
Vergleich zweier Stände von Kindertal (2017: Ausgangslage, 2019: nach dem ersten
Zwei-Jahres-Zyklus des Handlungsplans).
"""),
    _code("""
from netzkarte import datasets
from netzkarte.analysis import analyze
from netzkarte.analysis.compare import compare
from netzkarte.analysis.core import analysis_options
from netzkarte.analysis.coverage import coverage_table

karte = datasets.kindertal(2019)
optionen = analysis_options()
optionen["bottlenecks"]
"""),
    _md("""
## Eigene Schwellenwerte

Alle Schwellenwerte haben dokumentierte Vorgaben (`analysis_options()` listet sie). Hier
gelten strengere Maßstäbe für Engpässe: Wer in mehr als **4** Gremien sitzt, gilt schon als
überlastet (Vorgabe 5), und ein Knoten darf höchstens **40 %** der kürzesten Wege vermitteln
(Vorgabe 50 %). Eine unbekannte Option führt zu einer deutschen Fehlermeldung mit dem
ähnlichsten bekannten Namen.
"""),
    _code("""
befunde = analyze(karte, progress=False, max_committees=4, max_betweenness_share=0.4)
streng = befunde.to_frame()
streng[streng["Art"] == "Engpass"][["Schwere", "Befund", "Empfehlung"]]
"""),
    _md("""
## Zentralität: Wer hält das Netz zusammen?

Die Tabelle `centrality` enthält für jeden Akteur und jedes Amt: Zahl der Verbindungen
(`degree`), Vermittlungszentralität (`betweenness`, Freeman 1977), Nähe (`closeness`),
Eigenvektor-Zentralität, Gemeinschaft und die Zahl der Schritte bis zur Steuerungsgruppe.
Hohe Vermittlungszentralität heißt: Viele Wege laufen über diese Stelle – fällt sie aus, reißt
die Kette.
"""),
    _code("""
zentral = befunde.tables["centrality"]
zentral.sort_values("betweenness", ascending=False)[
    ["name", "sector", "degree", "betweenness", "steps_to_steering"]].head(10)
"""),
    _md("""
## Vermittlerrollen zwischen Handlungsfeldern

Nach Gould & Fernandez (1989) vermittelt ein Eintrag als **Koordinator** (alle drei im selben
Handlungsfeld), **Berater** (die beiden anderen teilen ein Feld, er gehört zu einem anderen),
**Repräsentant** (er vertritt sein Feld nach außen), **Türsteher** (er lässt ein fremdes Feld in
seines herein) oder **Verbindungsperson** (zwischen zwei fremden Handlungsfeldern). Die Spalten
der Tabelle tragen die englischen Namen aus der Fachliteratur: `coordinator`, `itinerant`,
`representative`, `gatekeeper`, `liaison`. `cross_group` zählt die Vermittlungen über
Handlungsfeldgrenzen hinweg.
"""),
    _code("""
befunde.tables["brokerage"].sort_values("cross_group", ascending=False).head(10)
"""),
    _md("""
## Übergänge in einem Sozialraum: Zechenhöhe

Die Übergangslücken in Zechenhöhe (nördlich der A 40, belastet) und das Angebot je
Lebensphase im Verhältnis zur Zahl der Kinder (`per_1000_children`). Für einen anderen
Sozialraum ändern Sie nur den Namen in der ersten Zeile.
"""),
    _code("""
sozialraum = "Zechenhöhe"
alle = befunde.to_frame()
alle[(alle["Art"] == "Übergangslücke") & (alle["Sozialraum"] == sozialraum)][
    ["Schwere", "Übergang", "Befund", "Empfehlung"]]
"""),
    _code("""
coverage_table(karte).loc[sozialraum]
"""),
    _md("""
## Was hat der erste Zyklus gebracht? Kindertal 2017 → 2019

`compare` gleicht die beiden Stände über die stabilen IDs ab: welche Knoten und Beziehungen
neu sind oder entfallen, wie sich die Kennzahlen bewegt haben und welche Befunde gelöst oder
neu sind. Die Darstellung unten entspricht der Seite, die `netzkarte vergleich ALT NEU`
schreibt.
"""),
    _code("""
vergleich = compare(datasets.kindertal(2017), karte)
print(vergleich.headline())
vergleich
"""),
    _md("""
Die Kennzahlen und die einzelnen Änderungen gibt es auch als Tabellen, die gelösten Befunde
als Liste:
"""),
    _code("""
vergleich.figures.loc[["Knoten: Angebot", "Beziehungen: Kooperation", "Dichte",
                       "Befunde (hoch)", "Befunde: Übergangslücken"]]
"""),
    _code("""
for befund in vergleich.findings_resolved:
    print("gelöst:", befund.title)
"""),
    _code("""
from netzkarte.render.comparison import write_comparison

pfad = write_comparison(vergleich, "vergleich_kindertal.html")
print("Vergleich gespeichert:", pfad)
"""),
]

NOTEBOOKS: dict[str, list[Cell]] = {
    "01_erster_blick_kindertal.ipynb": FIRST_LOOK,
    "02_vorlage_pruefen_karte.ipynb": ADMIN_PATH,
    "03_analyse_vertieft.ipynb": DEEP_DIVE,
}
"""File name → cells (kind, source)."""


def build(cells: list[Cell]) -> Any:
    """One notebook (nbformat v4, kernel ``python3``, no outputs, stable cell ids)."""
    nb = new_notebook()  # type: ignore[no-untyped-call]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for number, (kind, source) in enumerate(cells, start=1):
        cell = (new_markdown_cell(source) if kind == "md"  # type: ignore[no-untyped-call]
                else new_code_cell(source))  # type: ignore[no-untyped-call]
        cell["id"] = f"zelle-{number:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def main(argv: list[str] | None = None) -> int:
    """Write every notebook into ``examples/`` (or the folder given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else HERE
    folder.mkdir(parents=True, exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        target = folder / name
        nbformat.write(build(cells), target)  # type: ignore[no-untyped-call]
        print(f"Notebook geschrieben: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
