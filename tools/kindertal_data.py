"""Kindertal: the fictitious example town of the quality framework, as template rows.

Kindertal (about 60,000 inhabitants) is the Kreisstadt of the Kreis Kindertal-Lernfurt in the
Ruhrgebiet. The A 40 separates the burdened northern districts from the better-off south. In
2013 the town adopted the Leitbild "Gut aufwachsen in Kindertal" with four strategic goals; the
Bürgermeisterin chairs a steering group of office heads from town and Kreis, and a full-time
prevention coordinator (Stabsstelle at the Jugendamt leadership) keeps the Netzwerkkarte.

Two snapshots of the same map:

* :func:`rows_2017` – the start state (Stand 30.06.2017), before the first two-year cycle of the
  action plan: two Familienzentren in the two burdened northern districts, no counselling
  offers of the Erziehungsberatung there, few Kita–Grundschule ties in the north, thematic
  networks not yet tied to the steering group.
* :func:`rows_2019` – after the first cycle (Stand 31.03.2019): three more Familienzentren in
  the north with Elternberatung (Bildungsberatung) and Erziehungsberatungs-Sprechstunden,
  Bewegungskindergärten, Quartiersmanagement, the Fachplanungskonferenz, stronger ties.

All names of persons and institutions are invented. The data are plain Python (no import of the
rest of the package); every row is keyed by the German column headers of the Excel template.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["CUTOFF_2017", "CUTOFF_2019", "META", "rows_2017", "rows_2019"]

Row = dict[str, object]
Sheets = dict[str, list[Row]]

# --- vocabulary (German labels exactly as in the template) ----------------------------------

PREG = "Schwangerschaft und Geburt"
U3 = "0–3 Jahre"
KITA = "3–6 Jahre (Kita)"
PRIM = "6–10 Jahre (Grundschule)"
SEC = "10–16 Jahre (weiterführende Schule)"
WORK = "16–27 Jahre (Übergang Schule–Beruf)"
ALL_PHASES = (PREG, U3, KITA, PRIM, SEC, WORK)

S_KJH = "Kinder- und Jugendhilfe"
S_EDU = "Schule und Bildung"
S_HEALTH = "Gesundheit"
S_SOC = "Soziales"
S_WORK = "Arbeit und Ausbildung"
S_CULT = "Kultur, Sport und Freizeit"
S_INT = "Integration"
S_URBAN = "Stadtentwicklung und Wohnen"
S_POL = "Polizei und Justiz"
S_TOP = "Politik und Verwaltungsspitze"
S_CIVIL = "Zivilgesellschaft"

MACHT = "Machtpromotor"
FACH = "Fachpromotor"
PROZESS = "Prozesspromotor"
BEZIEHUNG = "Beziehungspromotor"
KOORD = "Netzwerkkoordination"
LOTSE = "Lotse"
DREH = "Drehpunktperson"

R_TOP = "Verwaltungsspitze"
R_DEZ = "Verwaltungsvorstand/Dezernat"
R_AMT = "Amtsleitung"
R_ABT = "Abteilungsleitung"
R_STAB = "Stabsstelle"
R_FK = "Fachkraft"
R_EA = "Ehrenamt"

COOP = "Kooperation"
REFER = "Vermittlung"
CONTRACT = "Kontrakt"
FUNDS = "Finanzierung"
BELONGS = "gehört zu"
REPORTS = "berichtet an"
PROVIDES = "Trägerschaft"

ORG = "Organisation"
FAC = "Einrichtung"
PERSON = "Person"

TOWN = "Kindertal"
KREIS = "Kreis Kindertal-Lernfurt"
SEP = "; "

# snapshot dates: a node or edge belongs to a snapshot when it existed on that day
CUTOFF_2017 = "2017-06-30"
CUTOFF_2019 = "2019-03-31"

GOALS = (
    "Chancengerechtes Aufwachsen: Auf die ersten Jahre kommt es an",
    "Passgenaue Unterstützung: Elternbeteiligung als Schlüssel",
    "Bildungsübergänge biografieorientiert gestalten: Jedes Kind ist anders",
    "Buntes Kindertal: Vielfalt als Chance",
)

META: dict[str, str] = {
    "Kommune": TOWN,
    "Kreis": "Kindertal-Lernfurt",
    "Titel": "Netzwerkkarte der Präventionskette Kindertal",
    "Leitbild": "Gut aufwachsen in Kindertal",
    "Strategische Ziele": SEP.join(GOALS),
    "Bundesland": "Nordrhein-Westfalen",
    "Einwohner": "60000",
    "Sozialräume nördlich der A 40": "Nordstadt; Kreuzfeld; Zechenhöhe",
    "Programmgebiete": "Nordstadt; Kreuzfeld",
    "Quelle": "Fiktives Fallbeispiel des Qualitätsrahmens Präventionskette (Kapitel 3)",
}

COLUMNS: dict[str, tuple[str, ...]] = {
    "Akteure": ("ID", "Name", "Form", "Kategorie", "Sektor", "Ebene", "Kommune", "Sozialraum",
                "Lebensphasen", "Rollen", "Hierarchieebene", "Organisation", "Breitengrad",
                "Längengrad", "Kontakt", "Bemerkung"),
    "Ämter": ("ID", "Name", "Kategorie", "Sektor", "Ebene", "Kommune", "Rollen",
              "Hierarchieebene", "Übergeordnet", "Kontakt", "Bemerkung"),
    "Gremien": ("ID", "Name", "Gremientyp", "Steuerungsebene", "Ebene", "Kommune", "Sozialraum",
                "Themen", "Lebensphasen", "Sitzungen pro Jahr", "Federführung", "Berichtet an",
                "Politisch legitimiert", "Netzwerkart", "Bemerkung"),
    "Angebote": ("ID", "Name", "Anbieter", "Kategorie", "Lebensphasen", "Zielgruppe", "Kommune",
                 "Sozialraum", "Ort", "Aufsuchend", "Status", "Kapazität", "Breitengrad",
                 "Längengrad", "Bemerkung"),
    "Mitgliedschaften": ("Mitglied", "Gremium", "Funktion", "Seit", "Bemerkung"),
    "Beziehungen": ("Von", "Zu", "Art", "Stärke", "Formal", "Seit", "Bemerkung"),
    "Sozialräume": ("Sozialraum", "Kommune", "Einwohner", "Kinder unter 18",
                    "SGB-II-Quote Kinder (%)", "Kita-Eintrittsalter (Jahre)",
                    "Sprachförderbedarf Schuleingang (%)", "Visuomotorik auffällig (%)",
                    "Übergewicht Schuleingang (%)"),
}
NODE_SHEETS = ("Akteure", "Ämter", "Gremien", "Angebote")

# --- districts ------------------------------------------------------------------------------

NS, KF, ZH = "Nordstadt", "Kreuzfeld", "Zechenhöhe"  # north of the A 40
AS, SP, LH, WT = "Altstadt", "Südpark", "Lindenhöhe", "Wiesental"  # south of the A 40
NORTH = (NS, KF, ZH)
BURDENED = (NS, KF)
DISTRICTS = (NS, KF, ZH, AS, SP, LH, WT)
A40_LAT = 51.453  # the "Sozial-Äquator": every northern facility lies north of this latitude

_CENTRES: dict[str, tuple[float, float]] = {
    NS: (51.4680, 7.1950), KF: (51.4660, 7.2290), ZH: (51.4640, 7.1600),
    AS: (51.4440, 7.2000), SP: (51.4350, 7.2250), LH: (51.4330, 7.1750), WT: (51.4220, 7.2050),
}

# Einwohner, Kinder unter 18, SGB-II-Quote Kinder (%), Kita-Eintrittsalter (Jahre),
# Sprachförderbedarf (%), Visuomotorik auffällig (%), Übergewicht (%) at school entry.
# The school-entry values of 2017 are the "Nullmessung"; effects are not expected before the
# second cycle, so they move only a little. The Kita entry age falls in the north.
_INDICATORS: dict[int, dict[str, tuple[int, int, float, float, float, float, float]]] = {
    2019: {
        NS: (9800, 2050, 41.5, 3.7, 47.5, 27.0, 17.6),
        KF: (8600, 1890, 38.2, 3.6, 44.0, 24.8, 16.3),
        ZH: (7400, 1310, 22.4, 3.2, 29.0, 18.0, 12.1),
        AS: (9200, 1380, 17.8, 3.0, 24.0, 15.5, 10.6),
        SP: (8900, 1560, 6.9, 2.4, 11.0, 9.5, 7.2),
        LH: (8300, 1490, 4.8, 2.2, 8.5, 8.0, 6.1),
        WT: (7800, 1400, 5.6, 2.3, 9.5, 8.5, 6.8),
    },
    2017: {
        NS: (9650, 1990, 42.8, 4.1, 48.0, 27.5, 17.8),
        KF: (8500, 1840, 39.5, 4.0, 44.5, 25.0, 16.4),
        ZH: (7350, 1290, 23.0, 3.3, 29.5, 18.2, 12.0),
        AS: (9150, 1350, 18.1, 3.0, 24.5, 15.5, 10.5),
        SP: (8850, 1540, 7.1, 2.4, 11.5, 9.5, 7.3),
        LH: (8300, 1480, 4.9, 2.2, 8.5, 8.0, 6.0),
        WT: (7750, 1390, 5.8, 2.3, 9.0, 8.5, 6.9),
    },
}


def _district_rows(year: int) -> list[Row]:
    columns = COLUMNS["Sozialräume"]
    rows: list[Row] = []
    for district in DISTRICTS:
        values = _INDICATORS[year][district]
        rows.append(dict(zip(columns, (district, TOWN, *values), strict=True)))
    return rows


def _join(values: Iterable[str]) -> str | None:
    joined = SEP.join(values)
    return joined or None


# --- builder ---------------------------------------------------------------------------------


class _Builder:
    """Collects the 2019 rows plus what was different in 2017."""

    def __init__(self) -> None:
        self.sheets: Sheets = {name: [] for name in COLUMNS}
        self.sheets["Sozialräume"] = _district_rows(2019)
        self.added: dict[str, str] = {}  # node id -> date it entered the map
        self.kind: dict[str, str] = {}  # node id -> sheet name
        self.form: dict[str, str] = {}  # actor id -> Form
        self.coords: dict[str, tuple[float, float]] = {}
        self.before: dict[str, Row] = {}  # node id -> column values of 2017
        self.edge_before: dict[tuple[str, str, str], Row] = {}
        self._slots: Counter[str] = Counter()

    # nodes ---------------------------------------------------------------------------------

    def _node(self, sheet: str, values: Row, since: str, before: Row | None) -> str:
        row: Row = {column: values.get(column) for column in COLUMNS[sheet]}
        node_id = str(row["ID"])
        if node_id in self.kind:
            raise ValueError(f"doppelte ID {node_id}")
        self.sheets[sheet].append(row)
        self.kind[node_id] = sheet
        self.added[node_id] = since
        if before:
            self.before[node_id] = before
        return node_id

    def place(self, district: str) -> tuple[float, float]:
        """Next free spot in ``district`` on a sunflower spiral around its centre."""
        k = self._slots[district]
        self._slots[district] += 1
        lat0, lon0 = _CENTRES[district]
        radius = 0.0011 * math.sqrt(k + 0.5)
        angle = math.radians(137.508 * k)
        return (round(lat0 + radius * math.sin(angle), 5),
                round(lon0 + 1.6 * radius * math.cos(angle), 5))

    def office(self, node_id: str, name: str, category: str, sector: str, *,
               level: str = "Kommune", rank: str = R_AMT, parent: str | None = None,
               roles: Sequence[str] = (), note: str | None = None) -> str:
        return self._node("Ämter", {
            "ID": node_id, "Name": name, "Kategorie": category, "Sektor": sector,
            "Ebene": level, "Kommune": KREIS if level == "Kreis" else TOWN,
            "Rollen": _join(roles), "Hierarchieebene": rank, "Übergeordnet": parent,
            "Bemerkung": note}, "", None)

    def actor(self, node_id: str, name: str, form: str, category: str | None, sector: str, *,
              district: str | None = None, level: str | None = None,
              phases: Sequence[str] = (), roles: Sequence[str] = (), rank: str | None = None,
              org: str | None = None, located: bool | None = None, contact: str | None = None,
              note: str | None = None, since: str = "", before: Row | None = None) -> str:
        if level is None:
            level = "Sozialraum" if district and form == FAC else "Kommune"
        municipality: str | None = {"Kreis": KREIS, "Land": None}.get(level, TOWN)
        lat = lon = None
        if located is None:  # facilities are placed on the map, persons never
            located = form == FAC
        if located and district is not None:
            lat, lon = self.place(district)
            self.coords[node_id] = (lat, lon)
        self.form[node_id] = form
        return self._node("Akteure", {
            "ID": node_id, "Name": name, "Form": form, "Kategorie": category, "Sektor": sector,
            "Ebene": level, "Kommune": municipality, "Sozialraum": district,
            "Lebensphasen": _join(phases), "Rollen": _join(roles), "Hierarchieebene": rank,
            "Organisation": org, "Breitengrad": lat, "Längengrad": lon, "Kontakt": contact,
            "Bemerkung": note}, since, before)

    def person(self, node_id: str, name: str, org: str, sector: str, rank: str,
               roles: Sequence[str], *, level: str = "Kommune", district: str | None = None,
               contact: str | None = None, note: str | None = None, since: str = "") -> str:
        return self.actor(node_id, name, PERSON, "Person", sector, level=level,
                          district=district, roles=roles, rank=rank, org=org, contact=contact,
                          note=note, since=since)

    def committee(self, node_id: str, name: str, ctype: str, tier: str | None, *,
                  topics: Sequence[str], phases: Sequence[str] = ALL_PHASES,
                  meetings: float, lead: str, reports_to: str | None,
                  legitimated: bool, kind: str, level: str = "Kommune",
                  district: str | None = None, note: str | None = None, since: str = "",
                  before: Row | None = None) -> str:
        if district is not None:
            level = "Sozialraum"
        return self._node("Gremien", {
            "ID": node_id, "Name": name, "Gremientyp": ctype, "Steuerungsebene": tier,
            "Ebene": level, "Kommune": KREIS if level == "Kreis" else TOWN,
            "Sozialraum": district, "Themen": _join(topics), "Lebensphasen": _join(phases),
            "Sitzungen pro Jahr": meetings, "Federführung": lead, "Berichtet an": reports_to,
            "Politisch legitimiert": "ja" if legitimated else "nein", "Netzwerkart": kind,
            "Bemerkung": note}, since, before)

    def offer(self, node_id: str, name: str, provider: str, category: str,
              phases: Sequence[str], target: str, *, district: str | None = None,
              venue: str | None = None, outreach: bool = False, status: str = "laufend",
              capacity: int | None = None, note: str | None = None, since: str = "",
              before: Row | None = None) -> str:
        lat, lon = self.coords.get(venue, (None, None)) if venue else (None, None)
        return self._node("Angebote", {
            "ID": node_id, "Name": name, "Anbieter": provider, "Kategorie": category,
            "Lebensphasen": _join(phases), "Zielgruppe": target, "Kommune": TOWN,
            "Sozialraum": district, "Ort": venue, "Aufsuchend": "ja" if outreach else "nein",
            "Status": status, "Kapazität": capacity, "Breitengrad": lat, "Längengrad": lon,
            "Bemerkung": note}, since, before)

    # edges ---------------------------------------------------------------------------------

    def member(self, member: str, committee: str, function: str = "Mitglied",
               since: str | None = None, note: str | None = None) -> None:
        self.sheets["Mitgliedschaften"].append({
            "Mitglied": member, "Gremium": committee, "Funktion": function, "Seit": since,
            "Bemerkung": note})

    def members(self, committee: str, ids: Iterable[str], since: str | None = None) -> None:
        for member in ids:
            self.member(member, committee, since=since)

    def rel(self, source: str, target: str, kind: str, *, strength: int | None = None,
            formal: bool | None = None, since: str | None = None, note: str | None = None,
            strength_2017: int | None = None) -> None:
        if kind == COOP and strength is None:
            strength = 2
        self.sheets["Beziehungen"].append({
            "Von": source, "Zu": target, "Art": kind, "Stärke": strength,
            "Formal": None if formal is None else ("ja" if formal else "nein"),
            "Seit": since, "Bemerkung": note})
        if strength_2017 is not None:
            self.edge_before[(source, target, kind)] = {"Stärke": strength_2017}

    def coop(self, source: str, target: str, strength: int, *, formal: bool = False,
             since: str | None = None, note: str | None = None,
             strength_2017: int | None = None) -> None:
        self.rel(source, target, COOP, strength=strength, formal=formal, since=since, note=note,
                 strength_2017=strength_2017)


# --- the town ---------------------------------------------------------------------------------

# Kitas: id suffix, name (2019), Träger, district, Familienzentrum since ("" = none,
# "alt" = already before 2017, date = converted during the first cycle).
_KITAS: tuple[tuple[str, str, str, str, str], ...] = (
    ("NS1", "Regenbogen", "AMT-KITA", NS, "alt"),
    ("NS2", "Pusteblume", "A-SOZW", NS, "2018-08-01"),
    ("NS3", "St. Barbara", "A-KATH", NS, ""),
    ("NS4", "Zechenzwerge", "AMT-KITA", NS, ""),
    ("NS5", "Sternschnuppe", "A-HW", NS, ""),
    ("KF1", "Kunterbunt", "A-SOZW", KF, "alt"),
    ("KF2", "Sonnenschein", "AMT-KITA", KF, "2018-08-01"),
    ("KF3", "Löwenzahn", "A-HW", KF, "2019-01-01"),
    ("KF4", "Arche Noah", "A-EV", KF, ""),
    ("KF5", "Am Kanal", "AMT-KITA", KF, ""),
    ("ZH1", "Glückauf", "AMT-KITA", ZH, ""),
    ("ZH2", "St. Josef", "A-KATH", ZH, ""),
    ("ZH3", "Grubenlampe", "A-SOZW", ZH, ""),
    ("AS1", "Marktplatz", "AMT-KITA", AS, "alt"),
    ("AS2", "Lutherhaus", "A-EV", AS, ""),
    ("AS3", "Liebfrauen", "A-KATH", AS, ""),
    ("AS4", "Kleine Strolche", "A-EI", AS, ""),
    ("SP1", "St. Michael", "A-KATH", SP, "alt"),
    ("SP2", "Schatzkiste", "A-EV", SP, ""),
    ("SP3", "Rappelkiste", "A-EI", SP, ""),
    ("SP4", "Parkwichtel", "AMT-KITA", SP, ""),
    ("LH1", "Lindenblüte", "A-EV", LH, "alt"),
    ("LH2", "St. Anna", "A-KATH", LH, ""),
    ("LH3", "Wirbelwind", "A-EI", LH, ""),
    ("WT1", "Don Bosco", "A-KATH", WT, ""),
    ("WT2", "Wiesenhüpfer", "A-HW", WT, ""),
    ("WT3", "Kükennest", "A-EI", WT, ""),
)
_TRAEGER_PREFIX = {"AMT-KITA": "Städt. Kita", "A-SOZW": "Sozialwerk-Kita", "A-HW": "Hilfswerk-Kita",
                   "A-KATH": "Kath. Kita", "A-EV": "Ev. Kita", "A-EI": "Elterninitiative"}

# Grundschulen: id suffix, name, district
_PRIMARY: tuple[tuple[str, str, str], ...] = (
    ("NS1", "Gemeinschaftsgrundschule Am Förderturm", NS),
    ("NS2", "Kath. Grundschule St. Barbara", NS),
    ("KF1", "Gemeinschaftsgrundschule Kreuzfeld", KF),
    ("KF2", "Gemeinschaftsgrundschule Am Kanal", KF),
    ("ZH1", "Gemeinschaftsgrundschule Zechenhöhe", ZH),
    ("AS1", "Marktschule (Gemeinschaftsgrundschule Altstadt)", AS),
    ("SP1", "Gemeinschaftsgrundschule Südpark", SP),
    ("LH1", "Ev. Grundschule Lindenhöhe", LH),
    ("WT1", "Gemeinschaftsgrundschule Wiesental", WT),
)

# weiterführende Schulen: id, name, category, district
_SECONDARY: tuple[tuple[str, str, str, str], ...] = (
    ("A-HS-NS", "Hauptschule Nordstadt", "Hauptschule", NS),
    ("A-GES-KF", "Gesamtschule Kindertal-Nord", "Gesamtschule", KF),
    ("A-FOES-ZH", "Pestalozzischule (Förderschule Lernen)", "Förderschule", ZH),
    ("A-RS-AS", "Realschule Altstadt", "Realschule", AS),
    ("A-GYM-SP", "Gymnasium am Stadtpark", "Gymnasium", SP),
    ("A-GYM-LH", "Lindenhöhe-Gymnasium", "Gymnasium", LH),
)


def _kita_id(key: str) -> str:
    return f"A-KITA-{key}"


def _gs_id(key: str) -> str:
    return f"A-GS-{key}"


def _kita_name(key: str, *, year: int) -> str:
    _, name, traeger, _, fz = next(k for k in _KITAS if k[0] == key)
    is_fz = fz == "alt" or (fz != "" and year >= 2019)
    base = f"{_TRAEGER_PREFIX[traeger]} {name}"
    return f"Familienzentrum {name} ({_TRAEGER_PREFIX[traeger]})" if is_fz else base


def _is_fz(key: str, cutoff: str) -> bool:
    fz = next(k[4] for k in _KITAS if k[0] == key)
    return fz == "alt" or (fz != "" and fz <= cutoff)


def _fz_since(key: str) -> str:
    fz = next(k[4] for k in _KITAS if k[0] == key)
    return "" if fz == "alt" else fz


def _build() -> _Builder:
    b = _Builder()
    o, a, p, g = b.office, b.actor, b.person, b.committee

    # --- Ämter: Stadt Kindertal --------------------------------------------------------------
    o("AMT-VS", "Bürgermeisterin der Stadt Kindertal (Verwaltungsspitze)", "Verwaltungsspitze",
      S_TOP, rank=R_TOP)
    o("AMT-DEZ1", "Dezernat I – Finanzen und Kämmerei", "Dezernat", S_TOP, rank=R_DEZ,
      parent="AMT-VS", note="Präventionsbudget (umgeschichtete Haushaltsmittel)")
    o("AMT-DEZ2", "Dezernat II – Planen, Bauen, Umwelt", "Dezernat", S_URBAN, rank=R_DEZ,
      parent="AMT-VS")
    o("AMT-DEZ3", "Dezernat III – Jugend, Schule, Soziales", "Dezernat", S_KJH, rank=R_DEZ,
      parent="AMT-VS")
    o("AMT-JA", "Jugendamt der Stadt Kindertal", "Jugendamt", S_KJH, parent="AMT-DEZ3")
    o("AMT-JHP", "Jugendhilfeplanung", "Jugendhilfeplanung", S_KJH, rank=R_ABT,
      parent="AMT-JA", note="federführend für die Umsetzung von Ziel 1")
    o("AMT-FH", "Koordinierungsstelle Frühe Hilfen", "Jugendamt", S_KJH, rank=R_ABT,
      parent="AMT-JA")
    o("AMT-ASD", "Allgemeiner Sozialer Dienst", "Jugendamt", S_KJH, rank=R_ABT,
      parent="AMT-JA")
    o("AMT-KITA", "Abteilung Kindertagesbetreuung (städtische Kitas)", "Jugendamt", S_KJH,
      rank=R_ABT, parent="AMT-JA")
    o("AMT-SVA", "Schulverwaltungsamt der Stadt Kindertal", "Schulverwaltungsamt", S_EDU,
      parent="AMT-DEZ3")
    o("AMT-SOZ", "Sozialamt der Stadt Kindertal", "Sozialamt", S_SOC, parent="AMT-DEZ3")
    o("AMT-SPL", "Amt für Stadtplanung und Stadtentwicklung", "Stadtplanung", S_URBAN,
      parent="AMT-DEZ2")
    o("AMT-KULT", "Amt für Kultur und Sport", "Sportamt", S_CULT, parent="AMT-DEZ3")
    # --- Ämter: Kreis Kindertal-Lernfurt -----------------------------------------------------
    o("AMT-LR", "Landrat des Kreises Kindertal-Lernfurt (Verwaltungsspitze)",
      "Verwaltungsspitze", S_TOP, level="Kreis", rank=R_TOP,
      note="unmittelbare Haushaltsaufsicht der Stadt")
    o("AMT-JCK", "Jobcenter Kreis Kindertal-Lernfurt", "Jobcenter", S_WORK, level="Kreis")
    o("AMT-JC", "Jobcenter Kreis Kindertal-Lernfurt – Geschäftsstelle Kindertal", "Jobcenter",
      S_WORK, parent="AMT-JCK", note="örtliche Geschäftsstelle des Kreis-Jobcenters")
    o("AMT-KJA", "Kreisjugendamt Kindertal-Lernfurt", "Jugendamt", S_KJH, level="Kreis",
      parent="AMT-LR", note="zuständig für die kreisangehörigen Gemeinden ohne eigenes Jugendamt")
    o("AMT-KGA", "Kreisgesundheitsamt Kindertal-Lernfurt", "Gesundheitsamt", S_HEALTH,
      level="Kreis", parent="AMT-LR")
    o("AMT-KJGD", "Kinder- und Jugendgesundheitsdienst (Schuleingangsuntersuchung)",
      "Gesundheitsamt", S_HEALTH, level="Kreis", rank=R_ABT, parent="AMT-KGA")
    o("AMT-GKGS", "Geschäftsstelle der Kommunalen Gesundheitskonferenz", "Gesundheitsamt",
      S_HEALTH, level="Kreis", parent="AMT-KGA")
    o("AMT-RBB", "Regionales Bildungsbüro Kindertal-Lernfurt", "Bildungsbüro", S_EDU,
      level="Kreis", parent="AMT-LR", note="Geschäftsstelle des Regionalen Bildungsnetzwerks")
    o("AMT-KI", "Kommunales Integrationszentrum Kindertal-Lernfurt",
      "Kommunales Integrationszentrum", S_INT, level="Kreis", parent="AMT-LR")
    o("AMT-STAT", "Statistisches Amt des Kreises Kindertal-Lernfurt", "Statistikstelle",
      S_URBAN, level="Kreis", parent="AMT-LR")
    o("AMT-KSVA", "Schulverwaltungsamt des Kreises (Träger des Berufskollegs)",
      "Schulverwaltungsamt", S_EDU, level="Kreis", parent="AMT-LR")
    o("AMT-SA", "Schulamt für den Kreis Kindertal-Lernfurt", "Schulamt", S_EDU, level="Kreis",
      note="untere staatliche Schulaufsicht")

    # --- Träger and other organisations ------------------------------------------------------
    a("A-AGW", "Arbeitsgemeinschaft der Freien Wohlfahrtspflege im Kreis Kindertal-Lernfurt",
      ORG, "Wohlfahrtsverband", S_SOC, level="Kreis", phases=ALL_PHASES)
    a("A-CARITAS", "Caritasverband Kindertal-Lernfurt e. V.", ORG, "Wohlfahrtsverband", S_SOC,
      level="Kreis", phases=ALL_PHASES)
    a("A-DIAKONIE", "Diakonisches Werk Kindertal-Lernfurt", ORG, "Wohlfahrtsverband", S_SOC,
      level="Kreis", phases=ALL_PHASES)
    a("A-SOZW", "Sozialwerk Kindertal e. V.", ORG, "Wohlfahrtsverband", S_SOC,
      phases=ALL_PHASES, note="Träger von Kitas, OGS, Jugendhilfe und Frühförderung")
    a("A-HW", "Hilfswerk Kindertal-Lernfurt e. V.", ORG, "Wohlfahrtsverband", S_SOC,
      level="Kreis", phases=ALL_PHASES)
    a("A-KATH", "Kath. Kita-Zweckverband im Dekanat Kindertal", ORG, "Freier Träger", S_KJH,
      phases=(U3, KITA), note="konfessioneller Kita-Träger")
    a("A-EV", "Ev. Kirchenkreis Kindertal-Lernfurt – Kita-Verbund", ORG, "Freier Träger", S_KJH,
      phases=(U3, KITA, SEC), note="konfessioneller Kita-Träger")
    a("A-EI", "Verbund der Elterninitiativen Kindertal e. V.", ORG, "Freier Träger", S_KJH,
      phases=(U3, KITA), note="Dachverein der elterngetragenen Kitas")
    a("A-KSB", "Kinderschutzbund Ortsverband Kindertal e. V.", ORG, "Freier Träger", S_KJH,
      phases=(U3, KITA, PRIM, SEC))
    a("A-KLINIK", "Marienhospital Kindertal gGmbH", ORG, "Geburtsklinik", S_HEALTH,
      phases=(PREG, U3))
    a("A-AERZTE", "Ärztenetz Kindertal e. V. (Pädiatrie)", ORG, None, S_HEALTH,
      phases=(U3, KITA, PRIM, SEC), note="Zusammenschluss der Kinder- und Jugendarztpraxen")
    a("A-AA", "Agentur für Arbeit Kindertal-Lernfurt", ORG, "Agentur für Arbeit", S_WORK,
      district=AS, level="Kreis", phases=(SEC, WORK), located=True)
    a("A-IHK", "Industrie- und Handelskammer Kindertal-Lernfurt", ORG, "Kammer", S_WORK,
      level="Kreis", phases=(WORK,))
    a("A-KHS", "Kreishandwerkerschaft Kindertal-Lernfurt", ORG, "Kammer", S_WORK,
      level="Kreis", phases=(WORK,))
    a("A-WZ", "Werkstatt Zukunft gGmbH (Bildungsträger)", ORG, "Bildungsträger", S_WORK,
      phases=(SEC, WORK))
    a("A-FSA", "Fachstelle für sozialraumorientierte Armutsbekämpfung (FSA)", ORG,
      "Freier Träger", S_SOC, level="Land", phases=ALL_PHASES,
      note="berät Kommunen zu armutssensiblem Handeln und Indikatoren")
    a("A-FHK", "Fachhochschule Kindertal", ORG, None, S_EDU, district=AS, level="Kommune",
      located=True, since="2017-09-01",
      note="Evaluation der Sprachförderung, Lehrforschungsprojekt Elternfokusgruppen")
    a("A-STIFTV", "Lokaler Stiftungsverbund Kindertal", ORG, "Stiftung", S_CIVIL,
      phases=ALL_PHASES, since="2017-11-01", note="trägt die Hälfte der Mehrkosten des Szenarios")
    a("A-STIFTWP", "Stiftung Wohlfahrtspflege", ORG, "Stiftung", S_SOC, level="Land",
      since="2018-01-01", note="fördert armutssensibles Handeln von Kita-Fachkräften")
    a("A-GPA", "Gemeindeprüfungsanstalt Nordrhein-Westfalen (GPA)", ORG, None, S_TOP,
      level="Land", since="2018-02-01", note="entwickelt faire Wirkungsindikatoren mit der Stadt")
    a("A-POL", "Kreispolizeibehörde Kindertal-Lernfurt – Bezirksdienst", ORG, "Polizei", S_POL,
      level="Kreis", phases=(SEC, WORK))
    a("A-TDEV", "Türkisch-Deutscher Elternverein Kindertal e. V.", ORG, "Migrantenorganisation",
      S_INT, district=NS, located=True, phases=(KITA, PRIM, SEC))
    a("A-BRUECKE", "Kulturverein Brücke Kreuzfeld e. V.", ORG, "Migrantenorganisation", S_INT,
      district=KF, located=True, phases=(U3, KITA, PRIM, SEC, WORK))
    a("A-KG-BARBARA", "Kath. Kirchengemeinde St. Barbara", ORG, "Kirchengemeinde", S_CIVIL,
      district=NS, located=True)
    a("A-BIB", "Stadtbibliothek Kindertal", ORG, "Bibliothek", S_CULT, district=AS,
      located=True, phases=(KITA, PRIM, SEC))
    a("A-VHS", "Volkshochschule Kindertal", ORG, "Volkshochschule", S_EDU, district=AS,
      located=True, phases=(PREG, U3, WORK))
    # sports clubs
    for club_id, name, district in (
            ("A-TUSN", "TuS Kindertal-Nord 1908 e. V.", NS),
            ("A-SVKF", "SV Kreuzfeld 1921 e. V.", KF),
            ("A-TVSP", "TV Südpark 1880 e. V.", SP),
            ("A-DJK", "DJK Lindenhöhe e. V.", LH),
            ("A-SVK", "Schwimmverein Kindertal 1912 e. V.", AS)):
        a(club_id, name, ORG, "Sportverein", S_CULT, district=district, located=True,
          phases=(KITA, PRIM, SEC))

    # --- facilities -----------------------------------------------------------------------
    for key, _name, traeger, district, fz in _KITAS:
        is_fz = fz != ""
        before: Row | None = None
        if fz not in ("", "alt"):
            before = {"Name": _kita_name(key, year=2017), "Kategorie": "Kita",
                      "Lebensphasen": _join((U3, KITA)), "Bemerkung": None}
        a(_kita_id(key), _kita_name(key, year=2019), FAC,
          "Familienzentrum" if is_fz else "Kita", S_KJH, district=district,
          phases=(PREG, U3, KITA) if is_fz else (U3, KITA), org=traeger, before=before,
          note=f"seit {fz[:4]} Familienzentrum" if before else None)
    for key, name, district in _PRIMARY:
        a(_gs_id(key), name, FAC, "Grundschule", S_EDU, district=district, phases=(PRIM,),
          org="AMT-SVA")
    for node_id, name, category, district in _SECONDARY:
        a(node_id, name, FAC, category, S_EDU, district=district, phases=(SEC, WORK)
          if category in ("Gesamtschule", "Gymnasium", "Förderschule") else (SEC,),
          org="AMT-SVA")
    # run by the Kreis for the whole Kreis: no Sozialraum (its address is in the Altstadt)
    a("A-BK", "Berufskolleg Kindertal-Lernfurt", FAC, "Berufskolleg", S_EDU,
      level="Kreis", phases=(WORK,), org="AMT-KSVA")
    # health
    a("A-GEBKLINIK", "Geburtsklinik am Marienhospital", FAC, "Geburtsklinik", S_HEALTH,
      district=AS, level="Kommune", phases=(PREG, U3), org="A-KLINIK")
    a("A-HEB-AS", "Hebammenzentrum Kindertal", FAC, "Hebamme", S_HEALTH, district=AS,
      level="Kommune", phases=(PREG, U3))
    a("A-HEB-SP", "Hebammenpraxis Storchennest", FAC, "Hebamme", S_HEALTH, district=SP,
      phases=(PREG, U3))
    # no paediatric practice in the two burdened northern districts (the case study)
    for praxis_id, name, district in (
            ("A-KIA-AS1", "Kinder- und Jugendarztpraxis Dr. Feldmann", AS),
            ("A-KIA-AS2", "Kinderarztpraxis am Markt", AS),
            ("A-KIA-SP", "Kinderärztliche Gemeinschaftspraxis Südpark", SP),
            ("A-KIA-LH", "Kinderarztpraxis Lindenhöhe", LH),
            ("A-KIA-ZH", "Kinderarztpraxis Zechenhöhe", ZH)):
        a(praxis_id, name, FAC, "Kinderarztpraxis", S_HEALTH, district=district,
          phases=(U3, KITA, PRIM, SEC), org="A-AERZTE")
    # no Erziehungsberatungsstelle within walking distance of the north
    a("A-EB-SP", "Erziehungsberatungsstelle der Caritas", FAC, "Erziehungsberatungsstelle",
      S_KJH, district=SP, level="Kommune", phases=(U3, KITA, PRIM, SEC), org="A-CARITAS")
    a("A-EB-AS", "Ev. Beratungsstelle für Eltern, Kinder und Jugendliche", FAC,
      "Erziehungsberatungsstelle", S_KJH, district=AS, level="Kommune",
      phases=(U3, KITA, PRIM, SEC), org="A-DIAKONIE")
    a("A-SSB", "Schwangerschaftsberatungsstelle der Diakonie", FAC, "Schwangerschaftsberatung",
      S_HEALTH, district=AS, level="Kommune", phases=(PREG, U3), org="A-DIAKONIE")
    a("A-FRUEH", "Interdisziplinäre Frühförderstelle Kindertal", FAC, "Frühförderstelle",
      S_HEALTH, district=ZH, level="Kommune", phases=(U3, KITA), org="A-SOZW")
    # youth work, culture
    a("A-JZ-NS", "Jugendzentrum Nordpol", FAC, "Jugendzentrum", S_KJH, district=NS,
      phases=(SEC, WORK), org="AMT-JA")
    a("A-JZ-KF", "Jugendtreff Kreuzfeld", FAC, "Jugendzentrum", S_KJH, district=KF,
      phases=(PRIM, SEC), org="A-SOZW")
    a("A-JZ-AS", "Ev. Jugendhaus Altstadt", FAC, "Jugendzentrum", S_KJH, district=AS,
      phases=(SEC, WORK), org="A-EV")
    a("A-ASP-ZH", "Abenteuerspielplatz Zechenhöhe", FAC, "Jugendzentrum", S_KJH, district=ZH,
      phases=(PRIM, SEC), org="A-HW")
    a("A-MUSIK", "Musikschule Kindertal", FAC, "Musikschule", S_CULT, district=AS,
      level="Kommune", phases=(KITA, PRIM, SEC), org="AMT-KULT")
    a("A-BIB-NS", "Stadtteilbibliothek Nord", FAC, "Bibliothek", S_CULT, district=NS,
      phases=(KITA, PRIM, SEC), org="A-BIB")
    # Quartiersmanagement "Soziale Stadt" in both programme areas (new in the first cycle)
    a("A-QM-NS", "Quartiersbüro Nordstadt (Soziale Stadt)", FAC, "Quartiersmanagement", S_URBAN,
      district=NS, phases=ALL_PHASES, org="A-HW", since="2018-01-01")
    a("A-QM-KF", "Quartiersbüro Kreuzfeld (Soziale Stadt)", FAC, "Quartiersmanagement",
      S_URBAN, district=KF, phases=ALL_PHASES, org="A-HW", since="2018-01-01")

    # --- persons (all invented) ---------------------------------------------------------------
    def mail(name: str) -> str:
        local = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        return f"{local.replace(' ', '.')}@kindertal.example"

    p("A-P-HOFFMANN", "Gabriele Hoffmann-Kern", "AMT-VS", S_TOP, R_TOP, (MACHT,),
      note="Bürgermeisterin; Vorsitz der Steuerungsgruppe",
      contact=mail("gabriele hoffmann-kern"))
    p("A-P-ALBERS", "Dr. Stefan Albers", "AMT-DEZ3", S_KJH, R_DEZ, (MACHT,),
      note="Beigeordneter für Jugend, Schule und Soziales")
    p("A-P-BERGER", "Thomas Berger", "AMT-JA", S_KJH, R_AMT, (MACHT,),
      note="Leiter des Jugendamts")
    p("A-P-NEUMANN", "Julia Neumann", "AMT-JA", S_KJH, R_STAB, (KOORD, PROZESS),
      contact=mail("julia neumann"),
      note="Präventionskoordinatorin, unbefristete Stabsstelle bei der Jugendamtsleitung")
    p("A-P-KRAUSE", "Markus Krause", "AMT-JHP", S_KJH, R_FK, (FACH, PROZESS),
      contact=mail("markus krause"), note="Jugendhilfeplaner, federführend für Ziel 1")
    p("A-P-KOWALSKI", "Sabine Kowalski", "AMT-JC", S_WORK, R_AMT, (MACHT,),
      note="Leiterin der Jobcenter-Geschäftsstelle Kindertal")
    p("A-P-SCHAEFER", "Andrea Schäfer", "AMT-SVA", S_EDU, R_AMT, (MACHT,),
      note="Leiterin des Schulverwaltungsamts")
    p("A-P-LANGE", "Jürgen Lange", "AMT-SPL", S_URBAN, R_AMT, (MACHT,),
      note="Leiter der Stadtplanung")
    p("A-P-WOLFF", "Petra Wolff", "A-CARITAS", S_SOC, R_AMT, (MACHT, BEZIEHUNG),
      level="Kreis", note="Caritas-Geschäftsführerin, Sprecherin der AG Freie Wohlfahrtspflege")
    p("A-P-REUTER", "Dr. Claudia Reuter", "AMT-KGA", S_HEALTH, R_AMT, (MACHT,), level="Kreis",
      note="Leiterin des Kreisgesundheitsamts")
    p("A-P-HELLWIG", "Frank Hellwig", "AMT-RBB", S_EDU, R_AMT, (MACHT, PROZESS), level="Kreis",
      note="Leiter des Regionalen Bildungsbüros")
    p("A-P-DEMIR", "Aylin Demir", "AMT-KI", S_INT, R_AMT, (MACHT, BEZIEHUNG), level="Kreis",
      note="Leiterin des Kommunalen Integrationszentrums")
    p("A-P-VOGT", "Dr. Martin Vogt", "AMT-GKGS", S_HEALTH, R_AMT, (FACH,), level="Kreis",
      note="Geschäftsführer der Kommunalen Gesundheitskonferenz")
    p("A-P-WEGNER", "Klaus Wegner", "AMT-STAT", S_URBAN, R_AMT, (FACH,), level="Kreis",
      note="Leiter des Statistischen Amts des Kreises")
    p("A-P-KUHLMANN", "Bernd Kuhlmann", "AMT-LR", S_TOP, R_TOP, (MACHT,), level="Kreis",
      note="Landrat")
    p("A-P-SEIDEL", "Monika Seidel", "AMT-FH", S_KJH, R_FK, (KOORD, PROZESS),
      note="Netzwerkkoordinatorin Frühe Hilfen der Stadt")
    p("A-P-PETERS", "Karin Peters", "AMT-KJA", S_KJH, R_FK, (KOORD,), level="Kreis",
      note="Netzwerkkoordinatorin Frühe Hilfen des Kreises")
    p("A-P-BRAUN", "Nicole Braun", "AMT-SOZ", S_SOC, R_FK, (FACH,), note="Sozialplanerin")
    p("A-P-KOCH", "Sandra Koch", "AMT-KITA", S_KJH, R_FK, (FACH, DREH), district=NS,
      note="Leiterin des Familienzentrums Regenbogen")
    p("A-P-OEZTUERK", "Elif Öztürk", "A-SOZW", S_KJH, R_FK, (FACH, LOTSE), district=KF,
      note="Leiterin des Familienzentrums Kunterbunt")
    p("A-P-SCHMITZ", "Birgit Schmitz", "A-SOZW", S_KJH, R_ABT, (FACH, PROZESS),
      note="Fachberatung Kita, Sprecherin des Qualitätszirkels")
    p("A-P-HARTMANN", "Claudia Hartmann", "AMT-SVA", S_EDU, R_FK, (FACH,), district=NS,
      note="Schulleiterin der GGS Am Förderturm")
    p("A-P-KLEIN", "Daniel Klein", "A-SOZW", S_KJH, R_FK, (LOTSE,), district=KF,
      note="Schulsozialarbeiter an der Gesamtschule Kindertal-Nord")
    p("A-P-BECKER", "Anna Becker", "A-KLINIK", S_HEALTH, R_FK, (LOTSE,),
      note="Babylotsin an der Geburtsklinik")
    p("A-P-LORENZ", "Katrin Lorenz", "AMT-FH", S_HEALTH, R_FK, (FACH, LOTSE),
      note="Familienhebamme")
    p("A-P-FELDMANN", "Dr. Jan Feldmann", "A-AERZTE", S_HEALTH, R_FK, (FACH,),
      note="Kinder- und Jugendarzt, Sprecher des Ärztenetzes")
    p("A-P-WAGNER", "Miriam Wagner", "A-CARITAS", S_KJH, R_ABT, (FACH,),
      note="Leiterin der Erziehungsberatungsstelle")
    p("A-P-SCHULTE", "Lena Schulte", "A-HW", S_URBAN, R_FK, (BEZIEHUNG, DREH), district=NS,
      since="2018-01-01", note="Quartiersmanagerin Nordstadt")
    p("A-P-RICHTER", "Tobias Richter", "A-HW", S_URBAN, R_FK, (BEZIEHUNG,), district=KF,
      since="2018-01-01", note="Quartiersmanager Kreuzfeld")
    p("A-P-YILDIZ", "Hatice Yıldız", "A-TDEV", S_INT, R_EA, (DREH, BEZIEHUNG), district=NS,
      note="Vorsitzende des Türkisch-Deutschen Elternvereins")
    p("A-P-KAISER", "Sven Kaiser", "AMT-JA", S_KJH, R_FK, (DREH,), district=NS,
      note="Leiter des Jugendzentrums Nordpol")
    p("A-P-NOWAK", "Ralf Nowak", "A-TUSN", S_CULT, R_EA, (DREH,), district=NS,
      note="Jugendtrainer beim TuS Kindertal-Nord")
    p("A-P-JANSEN", "Stefanie Jansen", "A-AA", S_WORK, R_FK, (LOTSE,), level="Kreis",
      note="Berufsberaterin für die Schulen in Kindertal")
    p("A-P-BRANDT", "Oliver Brandt", "AMT-RBB", S_EDU, R_FK, (KOORD, PROZESS), level="Kreis",
      note="Kommunale Koordinierung KAoA")
    p("A-P-HADDAD", "Nadia Haddad", "AMT-KI", S_INT, R_FK, (LOTSE, BEZIEHUNG), level="Kreis",
      note="Integrationslotsin für neu zugewanderte Familien")
    p("A-P-SOMMER", "Dr. Heike Sommer", "A-FSA", S_SOC, R_FK, (FACH,), level="Land",
      note="Fachberaterin der FSA")
    p("A-P-BRANDES", "Prof. Dr. Ulrich Brandes", "A-FHK", S_EDU, R_FK, (FACH,),
      since="2017-09-01", note="Evaluation der Sprachförderung")
    p("A-P-ROTH", "Gisela Roth", "AMT-SA", S_EDU, R_ABT, (FACH,), level="Kreis",
      note="Schulrätin für die Grundschulen")
    p("A-P-LINDNER", "Dr. Eva Lindner", "AMT-KJGD", S_HEALTH, R_FK, (FACH,), level="Kreis",
      note="Schulärztin, Schuleingangsuntersuchung")
    p("A-P-MOELLER", "Jens Möller", "A-POL", S_POL, R_FK, (DREH,), level="Sozialraum",
      district=NS,
      note="Bezirksbeamter Nord")

    # --- Gremien --------------------------------------------------------------------------------
    g("G-RAT", "Rat der Stadt Kindertal", "Rat/Kreistag", None, topics=("Ratsbeschlüsse",),
      meetings=10, lead="AMT-VS", reports_to=None, legitimated=True, kind="Austausch",
      note="hat Leitbild und Handlungsszenario beschlossen")
    g("G-JHA", "Jugendhilfeausschuss der Stadt Kindertal", "Ausschuss", None,
      topics=("Jugendhilfeplanung", "Kita-Bedarfsplanung", "Frühe Hilfen"), meetings=6,
      lead="AMT-JA", reports_to="G-RAT", legitimated=True, kind="Austausch")
    g("G-SCHA", "Schulausschuss der Stadt Kindertal", "Ausschuss", None,
      topics=("Schulentwicklungsplanung", "Offener Ganztag"), phases=(PRIM, SEC, WORK),
      meetings=5, lead="AMT-SVA", reports_to="G-RAT", legitimated=True, kind="Austausch")
    g("G-VVK", "Verwaltungsvorstandskonferenz", "Konferenz", "a",
      topics=("Verwaltungssteuerung", "Aktionsplan", "Haushalt"), meetings=24, lead="AMT-VS",
      reports_to="G-RAT", legitimated=True, kind="Austausch",
      note="beschließt die Verwaltungsvorstandsvorlagen der Steuerungsgruppe")
    g("G-SG", "Steuerungsgruppe „Gut aufwachsen in Kindertal“", "Steuerungsgruppe", "a",
      topics=("Präventionskette", "Leitbild", "Aktionsplan", "Monitoring", "Übergänge"),
      meetings=4, lead="AMT-VS", reports_to="G-VVK", legitimated=True, kind="Produktion",
      note="ämter- und trägerübergreifend auf Leitungsebene besetzt; seit 2014")
    g("G-PK", "Präventionskonferenz Kindertal", "Konferenz", None,
      topics=("Präventionskette", "Leitbild", "Wirkungsbericht"), meetings=0.5, lead="AMT-VS",
      reports_to="G-SG", legitimated=True, kind="Austausch",
      note="alle zwei Jahre; Leitungskräfte und Fachpromotoren")
    g("G-PG", "Projektgruppe Präventionskette", "Projektgruppe", "b",
      topics=("Präventionskette", "Aktionsplan", "Netzwerkkarte", "Übergänge"), meetings=12,
      lead="AMT-JA", reports_to="G-SG", legitimated=False, kind="Produktion")
    g("G-FPK", "Fachplanungskonferenz Kindertal", "Konferenz", "b",
      topics=("Sozialplanung", "Jugendhilfeplanung", "Bildungsplanung", "Gesundheitsplanung",
              "Monitoring", "Stadtplanung"),
      meetings=2, lead="AMT-JHP", reports_to="G-SG", legitimated=False, kind="Austausch",
      since="2017-10-01", note="planungsbereichsübergreifend, Kreis und Stadt")
    g("G-QZ", "Qualitätszirkel Kindertageseinrichtungen und Freie Wohlfahrtspflege",
      "Qualitätszirkel", "b", topics=("Kita-Qualität", "Kita-Segregation", "Sprachförderung",
                                      "Elternarbeit"),
      phases=(U3, KITA), meetings=6, lead="AMT-KITA", reports_to="G-AG78-KITA",
      legitimated=False, kind="Produktion",
      note="bestand schon vor dem Aktionsplan; eigene Erhebungen zur Kita-Segregation")
    g("G-AG78-KITA", "AG nach § 78 SGB VIII Kindertagesbetreuung", "AG nach § 78 SGB VIII",
      "b", topics=("Kita-Bedarfsplanung", "Kita-Qualität"), phases=(U3, KITA), meetings=4,
      lead="AMT-JA", reports_to="G-JHA", legitimated=True, kind="Austausch")
    g("G-AG78-HZE", "AG nach § 78 SGB VIII Hilfen zur Erziehung und Familienberatung",
      "AG nach § 78 SGB VIII", "b", topics=("Erziehungsberatung", "Hilfen zur Erziehung"),
      phases=(U3, KITA, PRIM, SEC), meetings=4, lead="AMT-ASD", reports_to="G-JHA",
      legitimated=True, kind="Austausch")
    g("G-AG78-JA", "AG nach § 78 SGB VIII Jugendarbeit und Jugendsozialarbeit",
      "AG nach § 78 SGB VIII", "b", topics=("Offene Jugendarbeit", "Schulsozialarbeit"),
      phases=(PRIM, SEC, WORK), meetings=4, lead="AMT-JA", reports_to="G-JHA",
      legitimated=True, kind="Austausch")
    g("G-NFH", "Netzwerk Frühe Hilfen Kindertal", "Netzwerk", "b",
      topics=("Frühe Hilfen", "Kinderschutz", "Geburt"), phases=(PREG, U3), meetings=4,
      lead="AMT-FH", reports_to="G-JHA", legitimated=True, kind="Austausch")
    g("G-AK-USB", "Arbeitskreis Übergang Schule–Beruf Kindertal", "Arbeitskreis", "b",
      topics=("KAoA", "Übergang Schule–Beruf", "Berufsorientierung"), phases=(SEC, WORK),
      meetings=4, lead="AMT-SVA", reports_to="G-SCHA", legitimated=False, kind="Austausch",
      note="überschneidet sich mit dem KAoA-Steuerkreis des Kreises")
    g("G-INT", "Integrationsnetzwerk Kindertal", "Netzwerk", "b",
      topics=("Integration", "Neuzuwanderung", "Elternbildung"), meetings=4, lead="AMT-KI",
      reports_to="AMT-KI", legitimated=False, kind="Austausch")
    g("G-AK-SPRACHE", "Arbeitskreis Sprachbildung in Kitas", "Arbeitskreis", "b",
      topics=("Sprachförderung", "Evaluation"), phases=(U3, KITA), meetings=4,
      lead="AMT-KITA", reports_to="G-QZ", legitimated=False, kind="Produktion",
      since="2018-03-01", note="trägerübergreifende Evaluation durch die Fachhochschule")
    # Kreis level
    g("G-KT", "Kreistag Kindertal-Lernfurt", "Rat/Kreistag", None, topics=("Kreistag",),
      meetings=8, lead="AMT-LR", reports_to=None, legitimated=True, kind="Austausch",
      level="Kreis")
    g("G-KA", "Kreisausschuss Kindertal-Lernfurt", "Ausschuss", None,
      topics=("Kreisentwicklung", "Ausweitung auf das Kreisgebiet"), meetings=8,
      lead="AMT-LR", reports_to="G-KT", legitimated=True, kind="Austausch", level="Kreis")
    g("G-KJHA", "Jugendhilfeausschuss des Kreises Kindertal-Lernfurt", "Ausschuss", None,
      topics=("Jugendhilfeplanung", "Frühe Hilfen"), meetings=5, lead="AMT-KJA",
      reports_to="G-KT", legitimated=True, kind="Austausch", level="Kreis")
    g("G-BMK", "Bürgermeisterkonferenz des Kreises Kindertal-Lernfurt", "Konferenz", None,
      topics=("Kreisangelegenheiten", "Präventionskette"), meetings=6, lead="AMT-LR",
      reports_to=None, legitimated=True, kind="Austausch", level="Kreis",
      note="positives Votum zur Ausweitung der Präventionskette")
    g("G-GK", "Kommunale Gesundheitskonferenz Kindertal-Lernfurt", "Konferenz", "b",
      topics=("Gesundheitsberichterstattung", "Kindergesundheit", "Bewegung und Ernährung"),
      meetings=2, lead="AMT-GKGS", reports_to="G-KA", legitimated=True, kind="Austausch",
      level="Kreis")
    g("G-RBN", "Lenkungskreis Regionales Bildungsnetzwerk Kindertal-Lernfurt", "Lenkungskreis",
      "a", topics=("Bildungsnetzwerk", "Übergänge", "Bildungsmonitoring"),
      phases=(KITA, PRIM, SEC, WORK), meetings=2, lead="AMT-RBB", reports_to="G-KA",
      legitimated=True, kind="Austausch", level="Kreis")
    g("G-KAOA", "Steuerkreis KAoA Kreis Kindertal-Lernfurt", "Lenkungskreis", "b",
      topics=("KAoA", "Übergang Schule–Beruf", "Berufsorientierung"), phases=(SEC, WORK),
      meetings=3, lead="AMT-RBB", reports_to="G-RBN", legitimated=True, kind="Austausch",
      level="Kreis")
    g("G-NFH-KREIS", "Netzwerk Frühe Hilfen Kreis Kindertal-Lernfurt", "Netzwerk", "b",
      topics=("Frühe Hilfen", "Kinderschutz", "Geburt"), phases=(PREG, U3), meetings=3,
      lead="AMT-KJA", reports_to="G-KJHA", legitimated=True, kind="Austausch", level="Kreis",
      note="gleicher Auftrag wie das städtische Netzwerk, überwiegend dieselben Mitglieder")
    # tier c: district bodies
    g("G-SRK-NS", "Sozialraumkonferenz Nordstadt", "Sozialraumkonferenz", "c",
      topics=("Sozialraum", "Präventionskette", "Elternbeteiligung"), meetings=4,
      lead="AMT-JA", reports_to="G-PG", legitimated=True, kind="Produktion", district=NS)
    g("G-SRK-KF", "Sozialraumkonferenz Kreuzfeld", "Sozialraumkonferenz", "c",
      topics=("Sozialraum", "Präventionskette", "Elternbeteiligung"), meetings=4,
      lead="AMT-JA", reports_to="G-PG", legitimated=True, kind="Produktion", district=KF)
    g("G-SRK-ZH", "Sozialraumkonferenz Zechenhöhe", "Sozialraumkonferenz", "c",
      topics=("Sozialraum", "Präventionskette"), meetings=3, lead="AMT-JA", reports_to="G-PG",
      legitimated=True, kind="Austausch", district=ZH, since="2018-09-01")
    g("G-SRK-AS", "Sozialraumkonferenz Altstadt", "Sozialraumkonferenz", "c",
      topics=("Sozialraum", "Präventionskette"), meetings=3, lead="AMT-JA", reports_to="G-PG",
      legitimated=True, kind="Austausch", district=AS, since="2019-02-01",
      note="erste Konferenz im Süden: gesamtstädtische Ausweitung")
    g("G-STAK-NS", "Stadtteilarbeitskreis Nordstadt", "Arbeitskreis", "c",
      topics=("Sozialraum", "Stadtteilarbeit", "Kinder und Familien"), meetings=6,
      lead="A-CARITAS", reports_to=None, legitimated=False, kind="Austausch", district=NS,
      note="gewachsener Stadtteilkreis; tagt parallel zur Sozialraumkonferenz")
    g("G-AK-KG-SP", "Arbeitskreis Kita–Grundschule Südpark", "Arbeitskreis", "c",
      topics=("Übergang Kita–Grundschule",), phases=(KITA, PRIM), meetings=3, lead="A-GS-SP1",
      reports_to=None, legitimated=False, kind="Produktion", district=SP)
    g("G-AK-KG-LH", "Arbeitskreis Kita–Grundschule Lindenhöhe", "Arbeitskreis", "c",
      topics=("Übergang Kita–Grundschule",), phases=(KITA, PRIM), meetings=3, lead="A-GS-LH1",
      reports_to=None, legitimated=False, kind="Produktion", district=LH)
    _offers(b)
    _memberships(b)
    _relations(b)
    return b


def _offers(b: _Builder) -> None:
    f = b.offer
    # pregnancy and the first years
    f("ANG-BABYBESUCH", "Babybesuchsdienst „Willkommen in Kindertal“", "AMT-FH",
      "Babybesuchsdienst", (PREG, U3), "Familien mit Neugeborenen", outreach=True,
      capacity=550)
    f("ANG-FAMHEB", "Familienhebammen und Familien-Gesundheits- und Kinderkrankenpflege",
      "AMT-FH", "Familienhebamme (Angebot)", (PREG, U3),
      "Schwangere und Familien mit besonderem Unterstützungsbedarf", outreach=True,
      capacity=60)
    f("ANG-BABYLOTSE", "Babylotsin an der Geburtsklinik", "A-KLINIK", "Lotsendienst",
      (PREG, U3), "Schwangere und junge Eltern", district=AS, venue="A-GEBKLINIK",
      capacity=300)
    f("ANG-GEBV-AS", "Geburtsvorbereitungskurse", "A-HEB-AS", "Elternkurs", (PREG,),
      "Schwangere und Partner", district=AS, venue="A-HEB-AS")
    f("ANG-GEBV-SP", "Geburtsvorbereitung und Rückbildung", "A-HEB-SP", "Elternkurs",
      (PREG, U3), "Schwangere und junge Mütter", district=SP, venue="A-HEB-SP")
    f("ANG-SSB", "Schwangerschaftsberatung", "A-SSB", "Beratungssprechstunde", (PREG,),
      "Schwangere", district=AS, venue="A-SSB")
    f("ANG-HEBSPRECH-NS", "Hebammensprechstunde im Familienzentrum Regenbogen", "A-HEB-AS",
      "Beratungssprechstunde", (PREG, U3), "Schwangere und junge Eltern im Quartier",
      district=NS, venue=_kita_id("NS1"), since="2018-04-01")
    f("ANG-FRUEHFOERD", "Interdisziplinäre Frühförderung", "A-FRUEH", "Frühförderung (Angebot)",
      (U3, KITA), "Kinder mit Entwicklungsverzögerungen", district=ZH, venue="A-FRUEH",
      capacity=120)
    for district, kita in ((NS, "NS1"), (KF, "KF1")):
        f(f"ANG-GRIFF-{kita[:2]}", f"Griffbereit – Eltern-Kind-Gruppe {district}", "AMT-KI",
          "Elternkurs", (U3,), "zugewanderte Eltern mit Kleinkindern", district=district,
          venue=_kita_id(kita))
        f(f"ANG-RUCKSACK-{kita[:2]}", f"Rucksack KiTa {district}", "AMT-KI",
          "Sprachförderung", (KITA,), "mehrsprachige Familien", district=district,
          venue=_kita_id(kita))
    # per Familienzentrum: Elterncafé and Eltern-Kind-Gruppe
    for key, name, _traeger, district, fz in _KITAS:
        if not fz:
            continue
        since = _fz_since(key)
        f(f"ANG-ELTERNCAFE-{key}", f"Elterncafé im Familienzentrum {name}", _kita_id(key),
          "Elterncafé", (U3, KITA), "Eltern im Quartier", district=district,
          venue=_kita_id(key), since=since)
        f(f"ANG-EKG-{key}", f"Eltern-Kind-Gruppe im Familienzentrum {name}", _kita_id(key),
          "Elternkurs", (U3,), "Eltern mit Kindern unter 3", district=district,
          venue=_kita_id(key), since=since)
    # the case study's duplicate: a second parents' café in Kreuzfeld by another provider
    f("ANG-MUETTERCAFE-KF", "Mütter-Café Kreuzfeld", "A-BRUECKE", "Elterncafé", (U3, KITA),
      "Eltern im Quartier", district=KF, note="ähnlich dem Elterncafé im Familienzentrum")
    # counselling in the Familienzentren: in the south before, in the north since the cycle
    for key, provider, since in (("AS1", "A-EB-AS", "2015-03-01"), ("SP1", "A-EB-SP", ""),
                                 ("LH1", "A-EB-SP", "2016-01-01"),
                                 ("NS1", "A-EB-SP", "2018-02-01"),
                                 ("KF1", "A-EB-SP", "2018-02-01"),
                                 ("NS2", "A-EB-AS", "2018-09-01"),
                                 ("KF2", "A-EB-SP", "2018-09-01"),
                                 ("KF3", "A-EB-AS", "2019-01-15")):
        district = next(k[3] for k in _KITAS if k[0] == key)
        name = next(k[1] for k in _KITAS if k[0] == key)
        f(f"ANG-EBSPRECH-{key}", f"Sprechstunde der Erziehungsberatung im Familienzentrum {name}",
          provider, "Beratungssprechstunde", (U3, KITA, PRIM), "Eltern", district=district,
          venue=_kita_id(key), since=since)
    for key in ("NS2", "KF2", "KF3"):
        district = next(k[3] for k in _KITAS if k[0] == key)
        status = "geplant" if key == "KF3" else "laufend"
        f(f"ANG-BILDBER-{key}", f"Elternberatung mit Schwerpunkt Bildungsberatung ({district})",
          _kita_id(key), "Beratungssprechstunde", (KITA, PRIM), "Eltern im Programmgebiet",
          district=district, venue=_kita_id(key), status=status, since=_fz_since(key),
          note="Baustein des beschlossenen Handlungsszenarios")
    f("ANG-EB-SP", "Erziehungs- und Familienberatung", "A-EB-SP", "Beratungssprechstunde",
      (U3, KITA, PRIM, SEC), "Eltern, Kinder und Jugendliche", district=SP, venue="A-EB-SP")
    f("ANG-EB-AS", "Erziehungs- und Familienberatung", "A-EB-AS", "Beratungssprechstunde",
      (U3, KITA, PRIM, SEC), "Eltern, Kinder und Jugendliche", district=AS, venue="A-EB-AS")
    f("ANG-STARKEELTERN", "Elternkurs „Starke Eltern – Starke Kinder“", "A-KSB", "Elternkurs",
      (KITA, PRIM), "Eltern", district=AS, venue="A-VHS")
    # Kitas: language support in the north and in the Altstadt
    for key, name, _traeger, district, _fz in _KITAS:
        if district in (NS, KF, ZH, AS):
            f(f"ANG-SPRACH-{key}", f"Alltagsintegrierte Sprachbildung Kita {name}",
              _kita_id(key), "Sprachförderung", (U3, KITA), "Kinder mit Sprachförderbedarf",
              district=district, venue=_kita_id(key))
    f("ANG-SPRACHKITA-KF4", "Modellprojekt Sprach-Kita Arche Noah", _kita_id("KF4"),
      "Sprachförderung", (U3, KITA), "Kinder mit Sprachförderbedarf", district=KF,
      venue=_kita_id("KF4"), status="beendet", note="Förderung Ende 2018 ausgelaufen",
      before={"Status": "laufend", "Bemerkung": None})
    # two Bewegungskindergärten "mit dem Pluspunkt Ernährung" in each programme area
    for key in ("NS1", "NS4", "KF1", "KF5"):
        district = next(k[3] for k in _KITAS if k[0] == key)
        name = next(k[1] for k in _KITAS if k[0] == key)
        f(f"ANG-BEWEGUNG-{key}", f"Anerkannter Bewegungskindergarten mit dem Pluspunkt "
          f"Ernährung – Kita {name}", _kita_id(key), "Gesundheitsförderung", (U3, KITA),
          "Kita-Kinder und Eltern", district=district, venue=_kita_id(key), since="2018-06-01")
    f("ANG-FORTB-ARMUT", "Fortbildungsreihe armutssensibles Handeln für Kita-Fachkräfte",
      "A-FSA", "Fortbildung", (U3, KITA), "Kita-Fachkräfte in den Programmgebieten",
      capacity=80, since="2018-03-01")
    f("ANG-ZAHN", "Zahnprophylaxe in Kitas und Grundschulen", "AMT-KGA",
      "Gesundheitsförderung", (KITA, PRIM), "alle Kinder", outreach=True)
    f("ANG-SEU", "Schuleingangsuntersuchung", "AMT-KJGD", "Gesundheitsförderung", (KITA,),
      "Kinder vor der Einschulung", capacity=560)
    f("ANG-ELTERNFB", "Elternfragebogen zur Schuleingangsuntersuchung", "AMT-KJGD",
      "Befragung", (KITA,), "Eltern der Schulanfänger", since="2018-09-01",
      note="gemeinsam mit der Stadt entwickelt, fragt u. a. Vereinsaktivitäten ab")
    # Kita -> Grundschule: Schnuppertage; in the north only since the first cycle
    schnupper_since = {"NS1": "2018-05-01", "KF1": "2018-05-01"}
    for key, _name, district in _PRIMARY:
        if district in BURDENED and key not in schnupper_since:
            continue
        f(f"ANG-SCHNUPPER-{key}", f"Schnuppertage für Vorschulkinder ({_name})", _gs_id(key),
          "Übergangsangebot Kita-Grundschule", (KITA, PRIM), "Vorschulkinder und Eltern",
          district=district, venue=_gs_id(key), since=schnupper_since.get(key, ""))
    # primary schools: Offener Ganztag
    ogs_provider = {NS: "A-SOZW", KF: "A-SOZW", ZH: "A-HW", AS: "A-EV", SP: "A-EV",
                    LH: "A-EV", WT: "A-HW"}
    for key, name, district in _PRIMARY:
        f(f"ANG-OGS-{key}", f"Offene Ganztagsschule {name}", ogs_provider[district],
          "Ganztagsangebot", (PRIM,), "Grundschulkinder", district=district, venue=_gs_id(key),
          capacity=125)
    for key in ("NS1", "KF1", "AS1", "SP1"):
        district = next(d for k, _, d in _PRIMARY if k == key)
        f(f"ANG-JEKITS-{key}", "JeKits – Jedem Kind Instrumente, Tanzen, Singen", "A-MUSIK",
          "Freizeitangebot", (PRIM,), "Grundschulkinder", district=district,
          venue=_gs_id(key))
    f("ANG-FUSSBALL-NS1", "Fußball-AG im Ganztag", "A-TUSN", "Freizeitangebot", (PRIM,),
      "Grundschulkinder", district=NS, venue=_gs_id("NS1"))
    f("ANG-KINDERTURNEN", "Kinderturnen und Eltern-Kind-Turnen", "A-TVSP", "Freizeitangebot",
      (U3, KITA, PRIM), "Familien", district=SP)
    f("ANG-SCHWIMM", "Schwimmkurse für Grundschulkinder", "A-SVK", "Freizeitangebot", (PRIM,),
      "Nichtschwimmer im Grundschulalter", district=AS)
    f("ANG-LESEPATEN", "Vorlesepaten in der Stadtteilbibliothek", "A-BIB", "Freizeitangebot",
      (KITA, PRIM), "Kinder im Quartier", district=NS, venue="A-BIB-NS")
    f("ANG-UEBERGANG-GS", "Beratung zum Übergang in die weiterführende Schule", "AMT-SVA",
      "Übergangsangebot Grundschule-weiterführende Schule", (PRIM, SEC),
      "Eltern der Viertklässler")
    # secondary schools: Schulsozialarbeit and KAoA
    ssa_provider = {NS: "A-SOZW", KF: "A-SOZW", ZH: "A-HW", AS: "A-EV", SP: "A-EV", LH: "A-EV"}
    for node_id, name, category, district in _SECONDARY:
        short = node_id.removeprefix("A-")
        f(f"ANG-SSA-{short}", f"Schulsozialarbeit {name}", ssa_provider[district],
          "Schulsozialarbeit (Angebot)", (SEC,), "Schülerinnen und Schüler", district=district,
          venue=node_id)
        f(f"ANG-POTENZIAL-{short}", f"Potenzialanalyse (KAoA) {name}", "A-WZ",
          "Berufsorientierung", (SEC,), "Schülerinnen und Schüler der 8. Klasse",
          district=district, venue=node_id)
        f(f"ANG-BERUFSBER-{short}", f"Berufsberatung der Agentur für Arbeit ({name})", "A-AA",
          "Berufsorientierung", (SEC, WORK), "Schülerinnen und Schüler ab Klasse 8",
          district=district, venue=node_id)
        if category in ("Hauptschule", "Gesamtschule", "Realschule", "Förderschule"):
            f(f"ANG-BFE-{short}", f"Berufsfelderkundung (KAoA) {name}", node_id,
              "Berufsorientierung", (SEC,), "Schülerinnen und Schüler der 8. Klasse",
              district=district, venue=node_id)
    f("ANG-BERUFSBER-BK", "Berufsberatung am Berufskolleg", "A-AA", "Berufsorientierung",
      (WORK,), "Schülerinnen und Schüler des Berufskollegs", district=AS, venue="A-BK")
    f("ANG-BEREB", "Berufseinstiegsbegleitung", "A-WZ", "Ausbildungsbegleitung", (SEC, WORK),
      "förderbedürftige Schülerinnen und Schüler", district=KF, venue="A-GES-KF")
    f("ANG-AUSBBRUECKE", "Ausbildungsbrücke U25", "AMT-JC", "Ausbildungsbegleitung", (WORK,),
      "junge Menschen unter 25 im Leistungsbezug", capacity=90)
    f("ANG-EQ", "Einstiegsqualifizierung", "A-IHK", "Ausbildungsbegleitung", (WORK,),
      "Ausbildungsplatzsuchende")
    f("ANG-AV-BK", "Ausbildungsvorbereitung am Berufskolleg", "A-BK", "Ausbildungsbegleitung",
      (WORK,), "Jugendliche ohne Ausbildungsplatz", district=AS, venue="A-BK")
    f("ANG-JBH-KF", "Jugendberufshilfe Kreuzfeld", "A-SOZW", "Ausbildungsbegleitung", (WORK,),
      "junge Menschen im Übergang", district=KF, venue="A-JZ-KF")
    f("ANG-AUSBPATEN", "Ausbildungspaten", "A-BRUECKE", "Ausbildungsbegleitung", (SEC, WORK),
      "Jugendliche aus Zuwandererfamilien", district=KF)
    # youth work and leisure
    for jz, district in (("A-JZ-NS", NS), ("A-JZ-KF", KF), ("A-JZ-AS", AS), ("A-ASP-ZH", ZH)):
        f(f"ANG-OKJA-{jz.removeprefix('A-')}", "Offene Kinder- und Jugendarbeit", jz,
          "Freizeitangebot", (PRIM, SEC), "Kinder und Jugendliche", district=district,
          venue=jz)
    f("ANG-HAUSAUFG-NS", "Hausaufgabenhilfe im Jugendzentrum Nordpol", "A-JZ-NS",
      "Hausaufgabenhilfe", (PRIM, SEC), "Schülerinnen und Schüler", district=NS,
      venue="A-JZ-NS")
    f("ANG-FERIEN", "Ferienprogramm der Stadt Kindertal", "AMT-JA", "Freizeitangebot",
      (PRIM, SEC), "Kinder und Jugendliche")
    # integration
    f("ANG-INTLOTSEN", "Integrationslotsen für neu zugewanderte Familien", "AMT-KI",
      "Lotsendienst", ALL_PHASES, "neu zugewanderte Familien", outreach=True)
    f("ANG-SPRACHCAFE", "Sprachcafé für Mütter", "A-TDEV", "Sprachförderung", (U3, KITA),
      "zugewanderte Mütter", district=NS)
    f("ANG-QM-FONDS-NS", "Verfügungsfonds Nordstadt – Familienprojekte", "A-QM-NS",
      "Quartiersprojekt", ALL_PHASES, "Familien im Quartier", district=NS, venue="A-QM-NS",
      since="2018-04-01")


def _memberships(b: _Builder) -> None:
    m, ms = b.member, b.members
    # steering group: office heads of town and Kreis (the case study), since 2014
    sg = "2014-02-01"
    m("A-P-HOFFMANN", "G-SG", "Vorsitz", sg)
    m("A-P-NEUMANN", "G-SG", "Koordination", "2014-09-01")
    ms("G-SG", ("A-P-BERGER", "A-P-KOWALSKI", "A-P-SCHAEFER", "A-P-LANGE", "A-P-WOLFF",
                "A-P-REUTER", "A-P-HELLWIG", "A-P-DEMIR", "A-P-VOGT", "A-P-WEGNER"), sg)
    m("A-P-HOFFMANN", "G-VVK", "Vorsitz")
    ms("G-VVK", ("A-P-ALBERS", "AMT-DEZ1", "AMT-DEZ2"))
    m("A-P-HOFFMANN", "G-RAT", "Vorsitz")
    m("A-P-ALBERS", "G-JHA", "Gast")
    ms("G-JHA", ("A-P-BERGER", "A-AGW", "A-CARITAS", "A-DIAKONIE", "A-SOZW", "A-HW", "A-KSB"))
    m("AMT-SVA", "G-SCHA", "Koordination")
    ms("G-SCHA", ("A-P-SCHAEFER",))
    m("AMT-SA", "G-SCHA", "Gast")
    # Präventionskonferenz: leaders plus Fachpromotoren
    m("A-P-HOFFMANN", "G-PK", "Vorsitz", "2015-05-01")
    m("A-P-NEUMANN", "G-PK", "Koordination", "2015-05-01")
    ms("G-PK", ("A-P-BERGER", "A-P-ALBERS", "A-P-KOWALSKI", "A-P-SCHAEFER", "A-P-LANGE",
                "A-P-WOLFF", "A-P-REUTER", "A-P-HELLWIG", "A-P-DEMIR", "A-P-KRAUSE",
                "A-P-KOCH", "A-P-OEZTUERK", "A-P-SCHMITZ", "A-P-HARTMANN", "A-P-FELDMANN",
                "A-P-WAGNER", "A-P-YILDIZ", "A-P-LORENZ", "A-P-SEIDEL", "A-AGW", "A-AA",
                "A-IHK"), "2015-05-01")
    ms("G-PK", ("A-P-SCHULTE", "A-P-RICHTER", "A-P-BRANDES", "A-STIFTV"), "2018-11-01")
    # Projektgruppe (tier b)
    m("A-P-NEUMANN", "G-PG", "Vorsitz", "2014-10-01")
    m("A-P-KRAUSE", "G-PG", "Koordination", "2014-10-01")
    ms("G-PG", ("A-P-SEIDEL", "A-P-BRAUN", "A-P-SCHMITZ", "A-P-BRANDT", "AMT-SVA", "AMT-KI",
                "AMT-KJGD", "AMT-ASD"), "2014-10-01")
    m("A-FSA", "G-PG", "Gast", "2016-04-01")
    ms("G-PG", ("AMT-SPL", "A-P-SCHULTE", "A-P-RICHTER"), "2018-03-01")
    # Fachplanungskonferenz (new in the first cycle)
    m("A-P-KRAUSE", "G-FPK", "Vorsitz", "2017-10-01")
    ms("G-FPK", ("A-P-BRAUN", "AMT-SPL", "AMT-RBB", "AMT-KJGD", "AMT-STAT", "AMT-GKGS",
                 "A-P-NEUMANN"), "2017-10-01")
    m("A-P-SOMMER", "G-FPK", "Gast", "2017-10-01")
    # Qualitätszirkel: städtische Kitas and welfare organisations; the confessional Träger and
    # the Elterninitiativen joined after the debate on Kita segregation
    m("A-P-SCHMITZ", "G-QZ", "Vorsitz", "2012-01-01")
    m("AMT-KITA", "G-QZ", "Koordination", "2012-01-01")
    ms("G-QZ", ("A-SOZW", "A-HW", "A-CARITAS", "A-DIAKONIE", "A-P-KOCH", "A-P-OEZTUERK",
                _kita_id("NS4"), _kita_id("KF5"), _kita_id("ZH1"), _kita_id("SP4")),
       "2012-01-01")
    m("A-P-KRAUSE", "G-QZ", "Gast", "2016-09-01")
    ms("G-QZ", ("A-KATH", "A-EV", "A-EI"), "2018-01-15")
    m("A-FSA", "G-QZ", "Gast", "2018-01-15")
    # AGs nach § 78
    m("AMT-JHP", "G-AG78-KITA", "Koordination")
    ms("G-AG78-KITA", ("AMT-KITA", "A-KATH", "A-EV", "A-SOZW", "A-HW", "A-EI"))
    m("AMT-ASD", "G-AG78-HZE", "Koordination")
    ms("G-AG78-HZE", ("A-CARITAS", "A-DIAKONIE", "A-SOZW", "A-KSB", "A-EB-SP", "A-EB-AS"))
    m("AMT-JA", "G-AG78-JA", "Koordination")
    ms("G-AG78-JA", ("A-JZ-NS", "A-JZ-KF", "A-JZ-AS", "A-ASP-ZH", "A-SOZW", "A-EV", "A-HW",
                     "A-TUSN"))
    # Frühe Hilfen: town network and Kreis network with largely the same members
    m("A-P-SEIDEL", "G-NFH", "Koordination", "2012-06-01")
    m("AMT-FH", "G-NFH", "Vorsitz", "2012-06-01")
    nfh_common = ("A-GEBKLINIK", "A-HEB-AS", "A-SSB", "A-FRUEH", "A-EB-SP", "AMT-KGA", "A-KSB",
                  "A-AERZTE")
    ms("G-NFH", (*nfh_common, "A-HEB-SP", "A-KIA-AS1", "A-KIA-SP", _kita_id("NS1"),
                 _kita_id("KF1"), "AMT-ASD", "A-P-BECKER", "A-P-LORENZ", "A-P-FELDMANN"),
       "2012-06-01")
    m("AMT-JC", "G-NFH", "Gast", "2015-01-01")
    ms("G-NFH", (_kita_id("NS2"), _kita_id("KF2"), _kita_id("KF3"), "A-P-SCHULTE"),
       "2018-10-01")
    m("A-P-PETERS", "G-NFH-KREIS", "Koordination", "2012-09-01")
    m("AMT-KJA", "G-NFH-KREIS", "Vorsitz", "2012-09-01")
    ms("G-NFH-KREIS", (*nfh_common, "AMT-FH", "A-SOZW", "A-CARITAS"), "2012-09-01")
    m("A-P-SEIDEL", "G-NFH-KREIS", "Gast", "2013-01-01")
    # Kreis bodies
    m("AMT-LR", "G-KT", "Vorsitz")
    m("A-P-KUHLMANN", "G-KA", "Vorsitz")
    m("AMT-KJA", "G-KJHA", "Koordination")
    ms("G-KJHA", ("A-AGW", "A-CARITAS", "A-HW"))
    m("A-P-KUHLMANN", "G-BMK", "Vorsitz")
    m("A-P-HOFFMANN", "G-BMK")
    m("A-P-REUTER", "G-GK", "Vorsitz")
    m("AMT-GKGS", "G-GK", "Koordination")
    ms("G-GK", ("A-P-VOGT", "A-AERZTE", "A-KLINIK", "AMT-KJGD", "AMT-JA", "AMT-SOZ", "A-AGW",
                "A-SVK"))
    m("AMT-LR", "G-RBN", "Vorsitz")
    m("A-P-HELLWIG", "G-RBN", "Koordination")
    ms("G-RBN", ("AMT-SA", "AMT-SVA", "AMT-KSVA", "AMT-KI", "AMT-JA", "A-AA", "A-IHK", "A-BK",
                 "A-P-HOFFMANN"))
    # KAoA: Kreis steering circle and town working group overlap strongly
    m("AMT-RBB", "G-KAOA", "Vorsitz", "2016-08-01")
    m("A-P-BRANDT", "G-KAOA", "Koordination", "2016-08-01")
    usb_common = ("A-AA", "AMT-JC", "A-IHK", "A-KHS", "A-BK", "A-GES-KF", "A-RS-AS", "A-HS-NS")
    ms("G-KAOA", (*usb_common, "AMT-JCK", "AMT-SA", "AMT-KSVA"), "2016-08-01")
    m("AMT-SVA", "G-AK-USB", "Vorsitz", "2014-03-01")
    ms("G-AK-USB", (*usb_common, "A-FOES-ZH", "A-GYM-SP", "A-GYM-LH", "A-WZ", "A-SOZW",
                    "A-P-JANSEN", "A-P-KLEIN"), "2014-03-01")
    m("A-P-BRANDT", "G-AK-USB", "Gast", "2016-08-01")
    # integration network
    m("AMT-KI", "G-INT", "Vorsitz")
    m("A-P-HADDAD", "G-INT", "Koordination")
    ms("G-INT", ("A-P-DEMIR", "A-TDEV", "A-BRUECKE", "A-VHS", "AMT-JA", "AMT-JC", "A-CARITAS",
                 "A-KG-BARBARA"))
    # Arbeitskreis Sprachbildung (new)
    m("AMT-KITA", "G-AK-SPRACHE", "Koordination", "2018-03-01")
    ms("G-AK-SPRACHE", ("A-P-BRANDES", "A-FHK", "A-P-SCHMITZ", "AMT-KI", "AMT-KJGD", "A-SOZW",
                        "A-HW", "A-KATH", "A-EV", "A-P-KOCH", "A-P-OEZTUERK"), "2018-03-01")
    # district bodies (tier c)
    for district, srk in ((NS, "G-SRK-NS"), (KF, "G-SRK-KF")):
        m("A-P-NEUMANN", srk, "Koordination", "2015-01-01")
        code = srk[-2:]
        kitas = [_kita_id(k[0]) for k in _KITAS if k[3] == district]
        schools = [_gs_id(k) for k, _, d in _PRIMARY if d == district]
        schools += [s[0] for s in _SECONDARY if s[3] == district]
        ms(srk, (*kitas, *schools, "AMT-ASD"), "2015-01-01")
        qm = "A-QM-NS" if code == "NS" else "A-QM-KF"
        m(qm, srk, "Mitglied", "2018-02-01")
    ms("G-SRK-NS", ("A-JZ-NS", "A-P-KAISER", "A-TUSN", "A-P-NOWAK", "A-P-MOELLER",
                    "A-P-YILDIZ", "A-TDEV", "A-BIB-NS", "A-KG-BARBARA"), "2015-01-01")
    m("A-P-SCHULTE", "G-SRK-NS", "Koordination", "2018-02-01")
    ms("G-SRK-KF", ("A-JZ-KF", "A-SVKF", "A-BRUECKE", "A-P-KLEIN", "A-P-OEZTUERK"),
       "2015-01-01")
    m("A-P-RICHTER", "G-SRK-KF", "Koordination", "2018-02-01")
    m("A-P-KRAUSE", "G-SRK-ZH", "Koordination", "2018-09-01")
    ms("G-SRK-ZH", (*[_kita_id(k[0]) for k in _KITAS if k[3] == ZH], _gs_id("ZH1"),
                    "A-FOES-ZH", "A-ASP-ZH", "A-FRUEH", "A-KIA-ZH"), "2018-09-01")
    m("AMT-ASD", "G-SRK-AS", "Koordination", "2019-02-01")
    ms("G-SRK-AS", (*[_kita_id(k[0]) for k in _KITAS if k[3] == AS], _gs_id("AS1"),
                    "A-RS-AS", "A-JZ-AS", "A-EB-AS", "A-BIB"), "2019-02-01")
    m("A-CARITAS", "G-STAK-NS", "Vorsitz")
    ms("G-STAK-NS", (_kita_id("NS1"), _kita_id("NS3"), "A-JZ-NS", "A-TUSN", "A-TDEV",
                     "A-P-KAISER", "A-P-YILDIZ", "A-P-MOELLER", "A-KG-BARBARA", "A-P-KOCH"))
    for committee, district in (("G-AK-KG-SP", SP), ("G-AK-KG-LH", LH)):
        gs = next(_gs_id(k) for k, _, d in _PRIMARY if d == district)
        m(gs, committee, "Vorsitz", "2013-09-01")
        ms(committee, [_kita_id(k[0]) for k in _KITAS if k[3] == district], "2013-09-01")
        m("AMT-SA", committee, "Gast", "2013-09-01")


def _relations(b: _Builder) -> None:
    r, c = b.rel, b.coop
    # Leitbild-Kontrakte (the case study): Kreis, Regionales Bildungsnetzwerk, AG Freie
    # Wohlfahrtspflege
    for partner in ("AMT-LR", "AMT-RBB", "A-AGW"):
        r("AMT-VS", partner, CONTRACT, formal=True, since="2014-06-01",
          note="Leitbild „Gut aufwachsen in Kindertal“ als verbindliche Grundlage")
    r("AMT-JA", "A-CARITAS", CONTRACT, formal=True, since="2011-01-01",
      note="Leistungsvereinbarung Erziehungsberatung")
    r("AMT-JA", "AMT-JC", CONTRACT, formal=True, since="2015-07-01",
      note="Kooperationsvereinbarung Jugendamt–Jobcenter")
    # second reporting lines: networks tied to the steering group during the first cycle
    for committee in ("G-NFH", "G-QZ", "G-AK-USB", "G-INT"):
        r(committee, "G-SG", REPORTS, since="2018-01-01",
          note="Handlungsbedarfe per Onlineabfrage gebündelt")
    r("G-GK", "G-SG", REPORTS, since="2018-06-01", note="Gesundheitsberichterstattung")
    r("G-NFH-KREIS", "G-NFH", REPORTS, since="2013-01-01", note="jährlicher Austausch")
    # second affiliations
    r("A-P-WOLFF", "A-AGW", BELONGS, note="Sprecherin der Arbeitsgemeinschaft")
    r("A-P-SCHULTE", "AMT-SPL", BELONGS, since="2018-01-01", note="im Auftrag der Stadtplanung")
    r("A-P-RICHTER", "AMT-SPL", BELONGS, since="2018-01-01", note="im Auftrag der Stadtplanung")
    r("A-P-KLEIN", "AMT-SVA", BELONGS, since="2016-08-01", note="abgeordnet an die Schule")

    # --- Kita <-> Grundschule ---------------------------------------------------------------
    # south and Zechenhöhe: every Kita cooperates with the Grundschule of its district
    for key, _name, _traeger, district, fz in _KITAS:
        if district in BURDENED:
            continue
        gs = next(_gs_id(k) for k, _, d in _PRIMARY if d == district)
        c(_kita_id(key), gs, 3 if fz else 2, formal=bool(fz), since="2013-09-01",
          note="Kooperationsvereinbarung Übergang Kita–Grundschule" if fz else None)
    # north: only the Familienzentren had ties; two more grew in the first cycle
    c(_kita_id("NS1"), _gs_id("NS1"), 3, formal=True, since="2014-09-01", strength_2017=2)
    c(_kita_id("NS3"), _gs_id("NS2"), 2, since="2011-09-01")
    c(_kita_id("KF1"), _gs_id("KF1"), 3, formal=True, since="2014-09-01", strength_2017=2)
    c(_kita_id("NS2"), _gs_id("NS1"), 2, since="2018-10-01")
    c(_kita_id("KF2"), _gs_id("KF2"), 2, since="2018-11-01")
    # Grundschule -> weiterführende Schule
    for gs, sec, strength in (("NS1", "A-HS-NS", 2), ("NS2", "A-HS-NS", 2),
                              ("KF1", "A-GES-KF", 3), ("KF2", "A-GES-KF", 2),
                              ("ZH1", "A-GES-KF", 2), ("ZH1", "A-FOES-ZH", 1),
                              ("AS1", "A-RS-AS", 3), ("SP1", "A-GYM-SP", 3),
                              ("LH1", "A-GYM-LH", 3), ("WT1", "A-RS-AS", 2)):
        c(_gs_id(gs), sec, strength, since="2012-02-01")
    # KAoA: every secondary school with the Agentur für Arbeit, some with the Jobcenter
    for node_id, _name, category, _district in _SECONDARY:
        strength = 2 if category == "Gymnasium" else 3
        c(node_id, "A-AA", strength, formal=True, since="2016-08-01",
          note="KAoA-Kooperationsvereinbarung")
        c(node_id, "A-WZ", 2, since="2016-08-01", note="Potenzialanalyse")
    for node_id in ("A-HS-NS", "A-GES-KF", "A-FOES-ZH"):
        c(node_id, "AMT-JC", 2, since="2016-01-01", strength_2017=1)
    c("A-HS-NS", "A-BK", 2, since="2012-01-01")
    c("A-HS-NS", "A-KHS", 2, since="2018-04-01", note="Handwerkspraktika")
    c("A-GES-KF", "A-IHK", 2, since="2015-01-01")
    for partner, strength in (("A-IHK", 3), ("A-KHS", 3), ("A-AA", 3), ("AMT-JC", 2)):
        c("A-BK", partner, strength, formal=True, since="2010-01-01")
    c("AMT-JC", "A-AA", 4, formal=True, since="2015-07-01",
      note="gemeinsame Anlaufstelle U25 (Jugendberufsagentur)")
    c("AMT-JC", "A-SOZW", 2, since="2014-01-01", note="Jugendberufshilfe")
    c("AMT-RBB", "A-AA", 3, formal=True, since="2016-08-01")

    # --- health and early years ------------------------------------------------------------
    c("A-GEBKLINIK", "A-HEB-AS", 3, since="2009-01-01")
    c("A-GEBKLINIK", "A-HEB-SP", 2, since="2012-01-01")
    c("A-GEBKLINIK", "AMT-FH", 3, formal=True, since="2013-04-01", note="Babylotsen-Vereinbarung")
    c("A-GEBKLINIK", "A-SSB", 2, since="2010-01-01")
    c("A-HEB-AS", "AMT-FH", 2, since="2012-06-01")
    c("A-AERZTE", "AMT-FH", 3, since="2013-01-01", strength_2017=2)
    for praxis in ("A-KIA-AS1", "A-KIA-AS2", "A-KIA-SP", "A-KIA-LH", "A-KIA-ZH"):
        c(praxis, "A-FRUEH", 2, since="2010-01-01")
    c("A-KIA-AS1", "AMT-KJGD", 1, since="2014-01-01")
    c(_kita_id("SP1"), "A-KIA-SP", 2, since="2014-01-01")
    c(_kita_id("AS1"), "A-KIA-AS2", 2, since="2014-01-01")
    c(_kita_id("LH1"), "A-KIA-LH", 2, since="2015-01-01")
    c(_kita_id("NS1"), "A-KIA-ZH", 1, since="2018-09-01",
      note="Sprechzeiten für Familien aus dem Norden")
    c(_kita_id("KF1"), "A-FRUEH", 2, since="2015-01-01")
    # the Frühförderstelle treats children in the Kitas of its own district
    c("A-FRUEH", _kita_id("ZH3"), 3, formal=True, since="2011-01-01",
      note="Frühförderung in der Kita (gleicher Träger)")
    c("A-FRUEH", _kita_id("ZH1"), 2, since="2014-01-01", note="mobile Frühförderung in der Kita")
    c(_kita_id("NS1"), "A-SSB", 2, since="2016-01-01")
    # Erziehungsberatung and Familienzentren
    c("A-EB-SP", _kita_id("SP1"), 3, formal=True, since="2010-01-01")
    c("A-EB-SP", _kita_id("LH1"), 3, formal=True, since="2016-01-01")
    c("A-EB-AS", _kita_id("AS1"), 3, formal=True, since="2015-03-01")
    c("A-EB-SP", _kita_id("NS1"), 3, formal=True, since="2016-01-01", strength_2017=1)
    c("A-EB-SP", _kita_id("KF1"), 3, formal=True, since="2016-01-01", strength_2017=1)
    c("A-EB-AS", _kita_id("NS2"), 3, formal=True, since="2018-09-01")
    c("A-EB-SP", _kita_id("KF2"), 3, formal=True, since="2018-09-01")
    c("A-EB-AS", _kita_id("KF3"), 2, formal=True, since="2019-01-15")
    for key in ("NS1", "KF1", "NS2", "KF2"):
        c("AMT-ASD", _kita_id(key), 2, since="2014-01-01" if key in ("NS1", "KF1")
          else "2018-08-01")
    # youth, sport, culture
    c("A-JZ-NS", "A-HS-NS", 2, since="2012-01-01")
    c("A-JZ-NS", "A-TUSN", 2, since="2013-01-01")
    c("A-JZ-NS", "A-POL", 1, since="2014-01-01")
    c("A-JZ-KF", "A-GES-KF", 2, since="2012-01-01")
    c("A-JZ-AS", "A-RS-AS", 2, since="2012-01-01")
    c("A-TUSN", _gs_id("NS1"), 2, since="2015-08-01")
    c("A-TVSP", _gs_id("SP1"), 2, since="2011-01-01")
    c("A-TVSP", _kita_id("SP4"), 1, since="2014-01-01")
    c("A-DJK", _gs_id("LH1"), 2, since="2012-01-01")
    c("A-SVKF", "A-JZ-KF", 2, since="2016-01-01")
    for key in ("NS1", "KF1", "AS1", "SP1"):
        c("A-MUSIK", _gs_id(key), 2, since="2012-08-01")
    c("A-BIB", _kita_id("AS2"), 1, since="2013-01-01")
    c("A-BIB", _kita_id("SP2"), 1, since="2013-01-01")
    c("A-BIB-NS", _kita_id("NS1"), 2, since="2018-03-01")
    # integration
    c("AMT-KI", "A-TDEV", 3, since="2014-01-01")
    c("AMT-KI", "A-BRUECKE", 2, since="2015-01-01")
    c("AMT-KI", "A-VHS", 2, since="2012-01-01")
    c("A-TDEV", _kita_id("NS1"), 2, since="2015-01-01")
    c("A-BRUECKE", _kita_id("KF1"), 2, since="2016-01-01", strength_2017=1)
    # administration and planning: the ties that carried the first cycle
    c("AMT-JA", "AMT-SVA", 2, since="2012-01-01")
    c("AMT-JA", "AMT-KGA", 2, since="2012-01-01")
    c("AMT-JA", "AMT-SOZ", 2, since="2012-01-01")
    c("AMT-JHP", "A-FSA", 3, since="2016-04-01", strength_2017=2)
    c("AMT-JHP", "AMT-STAT", 3, formal=True, since="2015-01-01", strength_2017=1)
    c("AMT-JHP", "AMT-SPL", 3, since="2015-01-01", strength_2017=1)
    c("AMT-JHP", "AMT-SOZ", 3, since="2014-01-01", strength_2017=2)
    c("AMT-JHP", "AMT-RBB", 2, since="2015-01-01", strength_2017=1)
    c("AMT-JHP", "AMT-KJGD", 3, formal=True, since="2017-11-01",
      note="kleinräumige Daten der Schuleingangsuntersuchung")
    c("AMT-KITA", "A-FHK", 3, formal=True, since="2018-03-01", note="Evaluation Sprachförderung")
    c("AMT-SPL", "A-QM-NS", 4, formal=True, since="2018-01-01")
    c("AMT-SPL", "A-QM-KF", 4, formal=True, since="2018-01-01")
    c("AMT-VS", "A-GPA", 2, formal=True, since="2018-03-01", note="faire Wirkungsindikatoren")
    c("AMT-DEZ1", "A-GPA", 2, since="2018-03-01")
    c("AMT-KJA", "AMT-FH", 2, since="2012-09-01")
    c("AMT-ASD", "A-POL", 2, since="2012-01-01")
    c("AMT-ASD", "A-KSB", 2, since="2011-01-01")
    for welfare in ("A-CARITAS", "A-DIAKONIE", "A-SOZW", "A-HW"):
        c("A-AGW", welfare, 3, formal=True, since="2005-01-01")
    c("A-QM-NS", "A-JZ-NS", 3, since="2018-03-01")
    c("A-QM-NS", "A-TDEV", 2, since="2018-03-01")
    c("A-QM-KF", "A-BRUECKE", 2, since="2018-03-01")
    c("A-QM-KF", _kita_id("KF1"), 2, since="2018-03-01")
    # persons: the matching of power and expert promoters
    for left, right, strength, before in (
            ("A-P-HOFFMANN", "A-P-NEUMANN", 3, 2), ("A-P-BERGER", "A-P-NEUMANN", 4, 4),
            ("A-P-NEUMANN", "A-P-KRAUSE", 4, 3), ("A-P-NEUMANN", "A-P-SEIDEL", 3, 3),
            ("A-P-KRAUSE", "A-P-SOMMER", 3, 2), ("A-P-KRAUSE", "A-P-WEGNER", 3, 1),
            ("A-P-REUTER", "A-P-LINDNER", 3, 3), ("A-P-KOCH", "A-P-HARTMANN", 3, 1),
            ("A-P-OEZTUERK", "A-P-YILDIZ", 3, 3), ("A-P-KAISER", "A-P-NOWAK", 3, 3),
            ("A-P-KAISER", "A-P-MOELLER", 2, 2), ("A-P-BRANDT", "A-P-JANSEN", 3, 3),
            ("A-P-HADDAD", "A-P-YILDIZ", 2, 2), ("A-P-WOLFF", "A-P-BERGER", 2, 2),
            ("A-P-ALBERS", "A-P-KRAUSE", 2, 1), ("A-P-SEIDEL", "A-P-PETERS", 2, 2)):
        c(left, right, strength, since="2014-06-01", strength_2017=before)
    c("A-P-SCHMITZ", "A-P-BRANDES", 3, since="2018-03-01")
    c("A-P-SCHULTE", "A-P-KAISER", 3, since="2018-02-01")
    c("A-P-SCHULTE", "A-P-YILDIZ", 3, since="2018-02-01")
    c("A-P-RICHTER", "A-P-OEZTUERK", 3, since="2018-02-01")

    # --- Vermittlung (Lotsenwege) -----------------------------------------------------------
    for source, target, since in (
            ("ANG-BABYLOTSE", "ANG-BABYBESUCH", "2013-04-01"),
            ("ANG-BABYLOTSE", "ANG-FAMHEB", "2013-04-01"),
            ("A-P-BECKER", "ANG-FAMHEB", "2013-04-01"),
            ("A-HEB-AS", "ANG-FAMHEB", "2012-06-01"),
            ("A-KIA-AS1", "A-FRUEH", "2010-01-01"),
            ("A-KIA-ZH", "A-FRUEH", "2010-01-01"),
            ("ANG-SEU", "ANG-FRUEHFOERD", "2012-01-01"),
            ("A-P-OEZTUERK", "ANG-EBSPRECH-KF1", "2018-02-01"),
            ("A-P-KOCH", "ANG-EBSPRECH-NS1", "2018-02-01"),
            (_kita_id("NS4"), "ANG-EBSPRECH-NS1", "2018-04-01"),
            (_gs_id("NS1"), "A-EB-SP", "2015-01-01"),
            (_gs_id("AS1"), "A-EB-AS", "2012-01-01"),
            ("ANG-SSA-HS-NS", "ANG-AUSBBRUECKE", "2016-01-01"),
            ("ANG-SSA-GES-KF", "ANG-JBH-KF", "2014-01-01"),
            ("A-P-KLEIN", "ANG-JBH-KF", "2014-01-01"),
            ("ANG-POTENZIAL-HS-NS", "ANG-BFE-HS-NS", "2016-08-01"),
            ("ANG-BERUFSBER-HS-NS", "ANG-EQ", "2015-01-01"),
            ("A-P-JANSEN", "ANG-EQ", "2015-01-01"),
            ("ANG-INTLOTSEN", "ANG-GRIFF-NS", "2016-01-01"),
            ("A-P-HADDAD", "ANG-RUCKSACK-KF", "2016-01-01"),
            ("A-P-YILDIZ", "ANG-ELTERNCAFE-NS1", "2015-01-01"),
            ("A-P-SCHULTE", "ANG-BILDBER-NS2", "2018-09-01"),
            ("ANG-AV-BK", "ANG-EQ", "2014-01-01")):
        r(source, target, REFER, since=since)

    # --- Finanzierung ------------------------------------------------------------------------
    for source, target, since, note in (
            ("AMT-JA", "ANG-BABYBESUCH", "2012-01-01", None),
            ("AMT-JA", "ANG-FAMHEB", "2012-01-01", "mit Mitteln der Bundesstiftung Frühe Hilfen"),
            ("AMT-JA", "ANG-ELTERNCAFE-NS1", "2014-01-01", None),
            ("AMT-JA", "ANG-ELTERNCAFE-KF1", "2014-01-01", None),
            ("AMT-DEZ1", "ANG-EBSPRECH-NS2", "2018-09-01", "Präventionsbudget"),
            ("AMT-DEZ1", "ANG-EBSPRECH-KF2", "2018-09-01", "Präventionsbudget"),
            ("AMT-DEZ1", "ANG-BILDBER-NS2", "2018-08-01", "Präventionsbudget"),
            ("A-STIFTV", "ANG-BILDBER-KF2", "2018-08-01", "Stiftungsverbund"),
            ("A-STIFTV", "ANG-BILDBER-KF3", "2019-01-01", "Stiftungsverbund"),
            ("A-STIFTWP", "ANG-FORTB-ARMUT", "2018-03-01", None),
            ("AMT-SVA", "ANG-OGS-NS1", "2010-08-01", None),
            ("AMT-SVA", "ANG-OGS-KF1", "2010-08-01", None),
            ("A-AA", "ANG-BEREB", "2014-01-01", None),
            ("A-AA", "ANG-POTENZIAL-HS-NS", "2016-08-01", "KAoA-Kofinanzierung"),
            ("AMT-JC", "ANG-AUSBBRUECKE", "2015-01-01", None),
            ("AMT-SPL", "ANG-QM-FONDS-NS", "2018-04-01", "Städtebauförderung Soziale Stadt"),
            ("AMT-KGA", "ANG-ZAHN", "2008-01-01", None)):
        r(source, target, FUNDS, since=since, note=note)
    for key in ("NS1", "NS4", "KF1", "KF5"):
        r("A-STIFTV", f"ANG-BEWEGUNG-{key}", FUNDS, since="2018-06-01")

    # --- Trägerschaft: co-providers next to the Anbieter ---------------------------------------
    for key, _name, district in _PRIMARY:
        if district in BURDENED and key not in ("NS1", "KF1"):
            continue
        partner = next(k[0] for k in _KITAS if k[3] == district)
        since = "2018-05-01" if district in BURDENED else "2013-09-01"
        r(_kita_id(partner), f"ANG-SCHNUPPER-{key}", PROVIDES, since=since,
          note="gemeinsam mit der Grundschule")
    for short in ("HS-NS", "GES-KF", "RS-AS", "FOES-ZH"):
        r("A-IHK" if short != "HS-NS" else "A-KHS", f"ANG-BFE-{short}", PROVIDES,
          since="2016-08-01", note="Praktikumsplätze über die Kammer")
    r("AMT-JHP", "ANG-ELTERNFB", PROVIDES, since="2018-09-01", note="Entwicklung und Auswertung")
    r("AMT-STAT", "ANG-ELTERNFB", PROVIDES, since="2018-09-01", note="statistische Auswertung")
    r("A-AA", "ANG-AUSBBRUECKE", PROVIDES, since="2015-07-01", note="gemeinsame Anlaufstelle U25")
    r("A-AGW", "ANG-FORTB-ARMUT", PROVIDES, since="2018-03-01")


# --- snapshots --------------------------------------------------------------------------------


def _copy(sheets: Sheets) -> Sheets:
    return {name: [dict(row) for row in rows] for name, rows in sheets.items()}


def rows_2019() -> Sheets:
    """The Netzwerkkarte after the first two-year cycle (Stand 31.03.2019).

    Returns
    -------
    dict
        Sheet name → list of rows; each row is keyed by the German column headers.

    Examples
    --------
    >>> rows = rows_2019()
    >>> sum(len(rows[s]) for s in ("Akteure", "Ämter", "Gremien", "Angebote")) > 250
    True
    """
    return _copy(_build().sheets)


def rows_2017() -> Sheets:
    """The start state of the Netzwerkkarte (Stand 30.06.2017).

    Everything that entered the map later is left out, ties that grew are weaker, the
    Familienzentren of the first cycle are still plain Kitas, and the Sozialräume carry the
    figures of the first survey ("Nullmessung").

    Examples
    --------
    >>> rows = rows_2017()
    >>> [r["Name"] for r in rows["Akteure"] if r["ID"] == "A-KITA-NS2"]
    ['Sozialwerk-Kita Pusteblume']
    """
    built = _build()
    keep = {node_id for node_id, since in built.added.items() if since <= CUTOFF_2017}
    out: Sheets = {name: [] for name in COLUMNS}
    for sheet in NODE_SHEETS:
        for row in built.sheets[sheet]:
            node_id = str(row["ID"])
            if node_id in keep:
                out[sheet].append({**row, **built.before.get(node_id, {})})

    def early(row: Row) -> bool:
        since = row.get("Seit")
        return since is None or str(since) <= CUTOFF_2017

    for row in built.sheets["Mitgliedschaften"]:
        if early(row) and row["Mitglied"] in keep and row["Gremium"] in keep:
            out["Mitgliedschaften"].append(dict(row))
    for row in built.sheets["Beziehungen"]:
        if early(row) and row["Von"] in keep and row["Zu"] in keep:
            key = (str(row["Von"]), str(row["Zu"]), str(row["Art"]))
            out["Beziehungen"].append({**row, **built.edge_before.get(key, {})})
    out["Sozialräume"] = _district_rows(2017)
    return out


# --- self-check -------------------------------------------------------------------------------

_REF_RULES: dict[tuple[str, str], frozenset[str]] = {
    ("Akteure", "Organisation"): frozenset({"Akteure", "Ämter"}),
    ("Ämter", "Übergeordnet"): frozenset({"Ämter"}),
    ("Gremien", "Federführung"): frozenset({"Akteure", "Ämter"}),
    ("Gremien", "Berichtet an"): frozenset({"Gremien", "Ämter"}),
    ("Angebote", "Anbieter"): frozenset({"Akteure", "Ämter"}),
    ("Angebote", "Ort"): frozenset({"Akteure"}),
    ("Mitgliedschaften", "Mitglied"): frozenset({"Akteure", "Ämter"}),
    ("Mitgliedschaften", "Gremium"): frozenset({"Gremien"}),
}
_EDGE_RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    COOP: (frozenset({"Akteure", "Ämter"}), frozenset({"Akteure", "Ämter"})),
    CONTRACT: (frozenset({"Akteure", "Ämter"}), frozenset({"Akteure", "Ämter"})),
    REFER: (frozenset({"Akteure", "Angebote"}), frozenset({"Akteure", "Angebote"})),
    PROVIDES: (frozenset({"Akteure", "Ämter"}), frozenset({"Angebote"})),
    FUNDS: (frozenset({"Akteure", "Ämter"}), frozenset({"Angebote"})),
    BELONGS: (frozenset({"Akteure", "Ämter"}), frozenset({"Akteure", "Ämter"})),
    REPORTS: (frozenset({"Gremien"}), frozenset({"Gremien", "Ämter"})),
}


def _check(sheets: Sheets) -> list[str]:
    """Problems in one snapshot (empty when consistent)."""
    problems: list[str] = []
    kind: dict[str, str] = {}
    form: dict[str, object] = {}
    for sheet in NODE_SHEETS:
        for row in sheets[sheet]:
            if tuple(row) != COLUMNS[sheet]:
                problems.append(f"{sheet} {row['ID']}: Spalten weichen ab")
            node_id = str(row["ID"])
            if node_id in kind:
                problems.append(f"doppelte ID {node_id}")
            kind[node_id] = sheet
            form[node_id] = row.get("Form")
    for (sheet, column), allowed in _REF_RULES.items():
        for row in sheets[sheet]:
            ref = row[column]
            if ref is not None and kind.get(str(ref)) not in allowed:
                problems.append(f"{sheet}.{column}: {ref!r} fehlt oder hat falschen Typ")
            if ref is not None and row.get("ID") == ref:
                problems.append(f"{sheet}.{column}: Selbstbezug {ref}")
    for row in sheets["Akteure"]:
        org = row["Organisation"]
        if row["Form"] == PERSON and org is None:
            problems.append(f"Person {row['ID']} ohne Organisation")
        if org is not None and form.get(str(org)) in (PERSON, FAC):
            problems.append(f"{row['ID']} gehört zu Person/Einrichtung {org}")
        lat = row["Breitengrad"]
        if isinstance(lat, float) and (row["Sozialraum"] in NORTH) != (lat > A40_LAT):
            problems.append(f"{row['ID']} liegt auf der falschen Seite der A 40")
    for row in sheets["Angebote"]:
        venue = row["Ort"]
        if venue is not None and form.get(str(venue)) == PERSON:
            problems.append(f"Angebot {row['ID']}: Ort ist eine Person")
    seen: set[tuple[object, ...]] = set()
    for row in sheets["Beziehungen"]:
        source, target, art = str(row["Von"]), str(row["Zu"]), str(row["Art"])
        sources, targets = _EDGE_RULES[art]
        if kind.get(source) not in sources or kind.get(target) not in targets:
            problems.append(f"{art} {source} → {target}: Endpunkte passen nicht")
        if source == target:
            problems.append(f"Selbstschleife {source}")
        if art == COOP and row["Stärke"] not in (1, 2, 3, 4):
            problems.append(f"Kooperation {source} – {target} ohne Stärke 1–4")
        if art == BELONGS and form.get(target) in (PERSON, FAC):
            problems.append(f"gehört zu {source} → {target}: Ziel ist keine Organisation")
        if art == BELONGS and kind.get(source) == "Ämter" and kind.get(target) != "Ämter":
            problems.append(f"gehört zu {source} → {target}: Amt nur zu Amt")
        key = (*sorted((source, target)), art) if art in (COOP, CONTRACT) else (
            source, target, art)
        if key in seen:
            problems.append(f"doppelte Beziehung {key}")
        seen.add(key)
    pairs = Counter((row["Mitglied"], row["Gremium"]) for row in sheets["Mitgliedschaften"])
    problems += [f"doppelte Mitgliedschaft {pair}" for pair, n in pairs.items() if n > 1]
    return problems


def _summary(sheets: Sheets) -> str:
    nodes = {sheet: len(sheets[sheet]) for sheet in NODE_SHEETS}
    edges = Counter(str(row["Art"]) for row in sheets["Beziehungen"])
    implied = Counter[str]()
    implied["Mitglied"] = len(sheets["Mitgliedschaften"])
    implied[BELONGS + " (Spalte)"] = sum(
        1 for row in sheets["Akteure"] if row["Organisation"] is not None) + sum(
        1 for row in sheets["Ämter"] if row["Übergeordnet"] is not None)
    implied[PROVIDES + " (Anbieter)"] = len(sheets["Angebote"])
    implied[REPORTS + " (Spalte)"] = sum(
        1 for row in sheets["Gremien"] if row["Berichtet an"] is not None)
    forms = Counter(str(row["Form"]) for row in sheets["Akteure"])
    return (f"Knoten {sum(nodes.values())}: {nodes}\n  Akteure nach Form: {dict(forms)}\n"
            f"  Beziehungen: {dict(sorted(edges.items()))}\n  aus Spalten: {dict(implied)}")


if __name__ == "__main__":
    for year, build in ((2017, rows_2017), (2019, rows_2019)):
        snapshot = build()
        issues = _check(snapshot)
        print(f"== {year} ==\n{_summary(snapshot)}")
        for issue in issues:
            print("  FEHLER:", issue)
        node_count = sum(len(snapshot[s]) for s in NODE_SHEETS)
        assert not issues, f"{len(issues)} Probleme in {year}"
        assert all(snapshot[s] for s in NODE_SHEETS), "jede Knotenart muss vorkommen"
        kinds = {str(row["Art"]) for row in snapshot["Beziehungen"]}
        if year == 2019:
            assert 250 <= node_count <= 400, node_count
            assert kinds == set(_EDGE_RULES), kinds
    fz_2017 = [r["ID"] for r in rows_2017()["Akteure"]
               if r["Kategorie"] == "Familienzentrum" and r["Sozialraum"] in NORTH]
    assert len(fz_2017) == 2, fz_2017
    print("Selbstprüfung bestanden.")
