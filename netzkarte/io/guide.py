"""What the *Anleitung* sheet of the template says: the guide text and the example rows.

The text is plain German for administrators; sheet names, headers, labels and edge
rules are taken from :mod:`netzkarte.schema` and :mod:`netzkarte.vocab`, so the guide
never names a column or value the template does not have. :func:`example_map` is a tiny
map whose first row per sheet the writer shows as an example, rendered by the same code
that writes real data.

>>> guide_lines()[0]
('h', 'Was ist eine Netzwerkkarte?')
>>> example_map().node("A-001")["name"]
'Kita Sonnenschein'
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from netzkarte.model import NetworkMap
from netzkarte.schema import LISTS_SHEET, SHEETS, ValueKind
from netzkarte.vocab import (
    EDGE_RULES,
    CategoryInfo,
    EdgeKind,
    LifePhase,
    NodeType,
    Sector,
    Strength,
)
from netzkarte.vocab.terms import STRENGTH_GUESSES

__all__ = ["example_map", "guide_lines"]

_SHEET_TEXT: dict[str, str] = {
    "Akteure": "Form: Organisation (z. B. ein Träger), Einrichtung (z. B. eine Kita) oder "
               "Person. „Organisation“ enthält die ID des Trägers oder Amts, zu dem die Zeile "
               "gehört.",
    "Ämter": "„Übergeordnet“ enthält die ID des übergeordneten Amts oder Dezernats.",
    "Gremien": "Steuerungsebene: a = gesamtkommunale Leitung, b = gesamtkommunale "
               "Koordinierung, c = operative Steuerung im Sozialraum. „Federführung“ und "
               "„Berichtet an“ enthalten IDs.",
    "Angebote": "„Anbieter“ ist die ID des Trägers, „Ort“ die ID der Einrichtung oder des "
                "Amts, wo das Angebot stattfindet (z. B. eine Kita oder das Rathaus).",
    "Mitgliedschaften": "Eine Zeile je Mitglied und Gremium: wer (ID eines Akteurs oder "
                        "Amts) sitzt in welchem Gremium (ID), mit welcher Funktion.",
    "Beziehungen": "Eine Zeile je Beziehung zwischen zwei Einträgen: Art aus der Liste, bei "
                   "Kooperationen die Stärke. Mitgliedschaften gehören ins eigene Blatt.",
    "Sozialräume": "Eine Zeile je Sozialraum. Weitere Spalten rechts sind Kennzahlen "
                   "(z. B. SGB-II-Quote Kinder, Anteil BuT) und enthalten Zahlen.",
    "Kategorien": "Nur ausfüllen, wenn Ihre Kommune Kategorien nutzt, die die Auswahlliste "
                  "nicht kennt (z. B. Krabbelgruppe, Stadtteilmütter): je Kategorie eine Zeile "
                  "mit Knotentyp, Sektor und Lebensphasen. Diese Vorgaben gelten dann für alle "
                  "Einträge der Kategorie und in allen Auswertungen. „ganze Kommune“ bei "
                  "Wirkungskreis heißt: wirkt für alle Sozialräume, wo immer die Adresse liegt. "
                  "Heißt eine Zeile wie eine eingebaute Kategorie, gilt Ihre Definition.",
}
_NODE_TEXT: dict[NodeType, str] = {
    NodeType.ACTOR: "Einrichtung, Organisation oder Person außerhalb der Kernverwaltung "
                    "(Kita, Schule, Hebamme, freier Träger, Sportverein …) – Blatt „Akteure“.",
    NodeType.OFFICE: "Einheit der öffentlichen Verwaltung (Jugendamt, Gesundheitsamt, "
                     "Jobcenter, Bildungsbüro …) – Blatt „Ämter“.",
    NodeType.COMMITTEE: "Ständige Runde, in der sich Menschen treffen (Steuerungsgruppe, "
                        "Netzwerk Frühe Hilfen, AG nach § 78 SGB VIII …) – Blatt „Gremien“.",
    NodeType.OFFER: "Leistung, Programm oder Maßnahme für Kinder, Jugendliche und Familien "
                    "(Elterncafé, Sprachförderung, Babybesuchsdienst …) – Blatt „Angebote“.",
}
_EDGE_TEXT: dict[EdgeKind, str] = {
    EdgeKind.MEMBER: "sitzt in einem Gremium (Blatt „Mitgliedschaften“)",
    EdgeKind.COOPERATION: "arbeitet zusammen, mit Stärke 1–4",
    EdgeKind.REFERRAL: "vermittelt Familien weiter (Lotsenweg), gerichtet",
    EdgeKind.PROVIDES: "ist Träger eines Angebots (auch Spalte „Anbieter“)",
    EdgeKind.BELONGS_TO: "ist Teil einer Organisation oder eines Amts (auch Spalten "
                         "„Organisation“ und „Übergeordnet“)",
    EdgeKind.REPORTS_TO: "Gremium berichtet an ein Gremium oder Amt (auch Spalte "
                         "„Berichtet an“)",
    EdgeKind.CONTRACT: "verbindliche Vereinbarung, z. B. ein Leitbild-Kontrakt",
    EdgeKind.FUNDS: "finanziert ein Angebot, eine Einrichtung oder eine Stelle",
}
_STRENGTH_TEXT: dict[Strength, str] = {
    Strength.EXCHANGE: "man kennt sich und tauscht Informationen aus",
    Strength.COOPERATION: "man hilft sich im Einzelfall",
    Strength.COORDINATION: "man plant gemeinsam und stimmt sich ab",
    Strength.INTEGRATION: "man arbeitet gemeinsam „aus einer Hand“ (Produktionsnetzwerk)",
}


def guide_lines() -> list[tuple[str, str]]:
    """Return the guide text of the *Anleitung* sheet, line by line.

    Returns
    -------
    list of (str, str)
        ``(style, text)`` pairs; style ``"h"`` marks a heading, ``""`` a paragraph.

    Examples
    --------
    >>> any("netzkarte pruefen datei.xlsx" in text for _, text in guide_lines())
    True
    """
    refs = [c.header for sh in SHEETS for c in sh.columns if c.kind is ValueKind.REF]
    multi = [c.header for sh in SHEETS for c in sh.columns
             if c.kind in (ValueKind.MULTI_ENUM, ValueKind.MULTI_TEXT)]
    choices = [c.header for sh in SHEETS for c in sh.columns if c.kind is ValueKind.MULTI_ENUM]
    lines: list[tuple[str, str]] = [
        ("h", "Was ist eine Netzwerkkarte?"),
        ("", "Die Netzwerkkarte ist die Bestandsaufnahme Ihrer Präventionskette: wer dazugehört, "
             "wer in welchem Gremium sitzt, wer mit wem zusammenarbeitet und welches Angebot "
             "welche Lebensphase in welchem Sozialraum erreicht."),
        ("", "Aus dieser Datei erstellt netzkarte eine Prüfung, Analysen (z. B. Lücken an "
             "Übergängen, Parallelstrukturen) und eine interaktive Karte für Netzwerktreffen."),
        ("h", "So füllen Sie die Datei aus"),
        ("", "Oben in Spalte B die Angaben zur Karte eintragen (Kommune, Stand …). In jedem "
             "Blatt ist eine Zeile ein Eintrag; die Überschriften in Zeile 1 nicht ändern."),
        ("", "Ein Klick auf eine Zelle zeigt einen Hinweis. Spalten mit fester Auswahl haben "
             "eine Auswahlliste. Eigene zusätzliche Spalten sind erlaubt und bleiben erhalten."),
    ]
    for sh in SHEETS:
        required = f" Pflichtspalten: {', '.join(sh.required)}." if sh.required else ""
        lines.append(("", f"„{sh.name}“: {sh.hint}{required} {_SHEET_TEXT[sh.name]}"))
    lines += [
        ("", f"„{LISTS_SHEET}“: die erlaubten Werte der Auswahllisten. Bitte nicht ändern."),
        ("h", "IDs und Verweise"),
        ("", "Jeder Akteur, jedes Amt, Gremium und Angebot hat eine eindeutige ID (z. B. A-001, "
             "AMT-01, G-01, ANG-001). Leere IDs werden erzeugt; IDs später nicht mehr ändern."),
        ("", f"Verweise ({', '.join(dict.fromkeys(refs))}) enthalten die ID des anderen "
             "Eintrags. Ein Name geht auch, wenn er eindeutig ist."),
        ("h", "Mehrere Werte, ja/nein, Datum, Zahlen"),
        ("", f"In {', '.join(dict.fromkeys(multi))} dürfen mehrere Werte stehen, getrennt durch "
             "; (Semikolon) oder je Wert eine Zeile (Alt+Eingabe), z. B. „0–3 Jahre; 3–6 Jahre "
             f"(Kita)“. In {', '.join(dict.fromkeys(choices))} trennen auch / und Komma."),
        ("", "Lebensphasen dürfen auch als Alter (0–16 Jahre, ab 14), Klassen (Klasse 1–4), "
             "Einrichtung (Krippe, Hort) oder „alle“ eingetragen werden; Altersangaben zählen "
             "zu jeder Lebensphase, die sie berühren (6–10 Jahre ist nur die Grundschulzeit)."),
        ("", "ja/nein-Spalten: ja oder nein (auch x, 1, 0; ein Strich heißt nein). Datum: "
             "TT.MM.JJJJ, z. B. 01.03.2019. Ungefähre Daten gelten ab ihrem Beginn: 2018 als "
             "01.01.2018, März 2020 als 01.03.2020, Herbst 2021 als 01.09.2021, Schuljahr "
             "2019/20 als 01.08.2019."),
        ("", "Zahlen: am besten nur die Zahl. „ca. 15“ gilt als 15, „10–12“ als 11, bei "
             "Sitzungen pro Jahr „monatlich“ als 12 und „14-tägig“ als 26."),
        ("", "Unbekanntes leer lassen oder „k. A.“, „unbekannt“ oder – eintragen: Das zählt "
             "als leer. Was netzkarte nicht lesen kann, bleibt als Text erhalten, zählt aber in "
             "keiner Auswertung; die Prüfung nennt jede solche Zelle und jede Deutung."),
        ("h", "Arten von Einträgen"),
    ]
    lines += [("", f"{t.label}: {_NODE_TEXT[t]}") for t in NodeType]
    lines.append(("h", "Arten von Beziehungen (Spalte „Art“)"))
    lines += [("", f"{k.label} ({EDGE_RULES[k].description}): {_EDGE_TEXT[k]}.")
              for k in EdgeKind]
    lines.append(("h", "Stärke einer Zusammenarbeit"))
    lines += [("", f"{s.value} {s.label}: {_STRENGTH_TEXT[s]}.") for s in Strength]
    words = "; ".join(f"{', '.join(STRENGTH_GUESSES[s][:4])} → {s.value}" for s in Strength)
    lines.append(("", "Am besten die Zahl eintragen. Auch Wörter werden gelesen und in der "
                      f"Prüfung als Hinweis genannt: {words}. Andere Wörter (z. B. „viel“) "
                      "sind ein Fehler, weil unklar ist, welche Stufe gemeint ist."))
    lines += [
        ("h", "Datenschutz"),
        ("", "Namen von Personen (Form „Person“) und die Spalte „Kontakt“ sind "
             "personenbezogene Daten: nur erfassen, was für die Netzwerkarbeit nötig ist."),
        ("", "Karten und Berichte zeigen Kontaktdaten nur auf ausdrücklichen Wunsch; die "
             "ausgefüllte Datei nur an Berechtigte weitergeben."),
        ("h", "Datei prüfen"),
        ("", "Im Terminal: netzkarte pruefen datei.xlsx – die Prüfung nennt jedes Problem mit "
             "Blatt, Zeile, Spalte und wie es zu beheben ist."),
        ("h", "Beispiele (je Blatt eine Zeile – bitte in die jeweiligen Blätter eintragen, "
              "nicht hier)"),
    ]
    return lines


def example_map() -> NetworkMap:
    """Return the small map behind the guide's example rows.

    The writer shows the first row of every sheet of this map on *Anleitung*; the other
    nodes exist only so that the example references (Organisation, Anbieter …) resolve.

    Returns
    -------
    NetworkMap
        Seven nodes of all four types, one membership, one cooperation, one district and
        one own category.

    Examples
    --------
    >>> m = example_map()
    >>> m.counts()["actor"], m.organisation("A-001")
    (3, 'A-002')
    """
    m = NetworkMap()
    m.set_categories([CategoryInfo("Krabbelgruppe", NodeType.OFFER, Sector.YOUTH_WELFARE,
                                   (LifePhase.U3,), aliases=("Krabbelkreis",), custom=True)])
    m.category_extra["Krabbelgruppe"] = {"note": "eigene Kategorie der Kommune"}
    # the example rows show sector and life phases (a category's defaults stay empty cells)
    m.add_node("A-001", "actor", name="Kita Sonnenschein", form="Einrichtung", category="Kita",
               sector="Kinder- und Jugendhilfe", life_phases=("0–3 Jahre", "3–6 Jahre (Kita)"),
               level="Sozialraum", municipality="Kindertal", district="Nord",
               contact="kita.sonnenschein@example.org", note="U3-Gruppe ab 2025")
    m.add_node("A-002", "actor", name="Familienhilfe e. V.", category="Freier Träger")
    m.add_node("A-003", "actor", name="Grundschule am Park", category="Grundschule")
    m.add_node("AMT-01", "office", name="Jugendamt", category="Jugendamt",
               sector="Kinder- und Jugendhilfe", level="Kommune",
               municipality="Kindertal", roles=["Machtpromotor"], rank="Amtsleitung")
    m.add_node("AMT-00", "office", name="Dezernat II", category="Dezernat")
    m.add_node("G-01", "committee", name="Steuerungsgruppe Präventionskette",
               committee_type="Steuerungsgruppe", tier="a", level="Kommune",
               municipality="Kindertal", topics=("Präventionskette", "Übergänge"),
               life_phases=tuple(LifePhase), meetings_per_year=4, lead="AMT-01",
               legitimated=True, network_kind="Austausch")
    m.add_node("ANG-001", "offer", name="Elterncafé Nord", category="Elterncafé",
               sector="Kinder- und Jugendhilfe", life_phases=("0–3 Jahre", "3–6 Jahre (Kita)"),
               target_group="Eltern mit Kindern unter 3", municipality="Kindertal",
               district="Nord", venue="A-001", outreach=False, status="laufend", capacity=40)
    m.add_edge("A-001", "A-002", "belongs_to")
    m.add_edge("A-001", "G-01", "member", function="Mitglied", since=date(2019, 3, 1))
    m.add_edge("A-001", "A-003", "cooperation", strength=3, formal=True,
               since=date(2021, 8, 1), note="Übergangsgespräche", reported_by="A-001")
    m.add_edge("AMT-01", "AMT-00", "belongs_to")
    m.add_edge("G-01", "AMT-00", "reports_to")
    m.add_edge("A-002", "ANG-001", "provides")
    m.set_districts(pd.DataFrame(
        {"municipality": ["Kindertal"], "population": [12500], "children": [2100],
         "SGB-II-Quote Kinder": [18.5]}, index=pd.Index(["Nord"], name="district")))
    return m
