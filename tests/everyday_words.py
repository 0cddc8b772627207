"""How administrators actually write: word pools for the everyday workbooks of the tests.

Written from public lists of German towns (facility directories, school development plans,
Kita requirement plans, council papers) and from how such workbooks are filled in practice
— deliberately *not* from netzkarte's vocabulary: this module never imports
``netzkarte.vocab`` and copies none of its alias lists, so tests built on it measure what
the reader understands rather than what it was told.

Keys are the synthetic generator's own categories (one label per kind of institution), the
codes of ranks and roles and the codes of life phases; the values are what a careful person
types for exactly that meaning. Words that a person would read in more than one way sit in
:data:`AMBIGUOUS` and are used only where the name tells the truth or nothing depends on
the node.

Import: ``from everyday_words import WORDS`` (tests) — the benchmark puts ``tests`` on
``sys.path`` first.
"""

from __future__ import annotations

from netzkarte.datasets.synthetic import EverydayWords

__all__ = ["AMBIGUOUS", "CATEGORY_WORDS", "DATES", "MEETINGS", "PHASES", "RANKS", "ROLES",
           "STRENGTHS", "UNKNOWN", "WORDS"]

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    # childhood and family (district facilities)
    "Kita": ("Städt. Kindertageseinrichtung", "Kindertagesstätte", "Kath. Kindergarten",
             "Ev. Kindertagesstätte", "AWO-Kita", "Tageseinrichtung für Kinder",
             "Integrative Kindertagesstätte", "Kinderhaus", "Kindergarten"),
    "Familienzentrum": ("Familienzentrum NRW", "Kita und Familienzentrum",
                        "Eltern-Kind-Zentrum", "Stadtteil- und Familienzentrum"),
    "Kindertagespflege": ("Tagespflegeperson", "Großtagespflege", "Kindertagespflegestelle",
                          "Tagesmutter"),
    "Grundschule": ("Gemeinschaftsgrundschule", "GGS", "Katholische Grundschule",
                    "Städt. Grundschule", "Ev. Grundschule", "Grundschule mit OGS"),
    "Hauptschule": ("Städt. Hauptschule", "Mittelschule", "Weiterführende Schule"),
    "Realschule": ("Städt. Realschule", "Realschule plus", "Weiterführende Schule"),
    "Gesamtschule": ("Integrierte Gesamtschule", "Gemeinschaftsschule", "Stadtteilschule",
                     "Weiterführende Schule"),
    "Gymnasium": ("Städt. Gymnasium", "Bischöfliches Gymnasium", "Weiterführende Schule"),
    "Förderschule": ("Förderschule Schwerpunkt Lernen", "Sonderpädagogisches Förderzentrum",
                     "Schule mit dem Förderschwerpunkt Sprache"),
    "Kinderarztpraxis": ("Kinder- und Jugendarztpraxis",
                         "Praxis für Kinder- und Jugendmedizin", "Kinderärztliche Praxis",
                         "Pädiatrische Gemeinschaftspraxis"),
    "Hebamme": ("Freiberufliche Hebamme", "Nachsorgehebamme"),
    "Jugendzentrum": ("Jugendfreizeitheim", "Offene Tür", "Kinder- und Jugendhaus",
                      "Haus der Jugend", "Jugendtreff"),
    "Sportverein": ("Turnverein", "Fußballverein", "Turn- und Sportverein", "Schwimmverein"),
    "Kirchengemeinde": ("Ev. Kirchengemeinde", "Kath. Pfarrgemeinde", "Pfarrei",
                        "Moscheeverein"),
    "Migrantenorganisation": ("Migrantenselbstorganisation", "Deutsch-Türkischer Verein",
                              "Integrationsverein", "Elternverein"),
    "Ehrenamtsinitiative": ("Nachbarschaftshilfe", "Ehrenamtliche Initiative", "Bürgerverein",
                            "Förderverein"),
    "Therapiepraxis": ("Logopädische Praxis", "Praxis für Ergotherapie", "Physiotherapiepraxis"),
    "Musikschule": ("Städt. Musikschule", "Musik- und Kunstschule", "Jugendmusikschule"),
    "Bibliothek": ("Stadtteilbibliothek", "Stadtbücherei", "Öffentliche Bücherei"),
    # Kommune and Kreis actors
    "Freier Träger": ("Träger der freien Jugendhilfe", "freier Träger der Jugendhilfe",
                      "anerkannter Träger der Jugendhilfe"),
    "Wohlfahrtsverband": ("Spitzenverband der Freien Wohlfahrtspflege", "Kreisverband der AWO",
                          "Diakonisches Werk", "Caritasverband"),
    "Erziehungsberatungsstelle": ("Beratungsstelle für Eltern, Kinder und Jugendliche",
                                  "Psychologische Beratungsstelle", "Familienberatungsstelle",
                                  "Erziehungs- und Familienberatung"),
    "Schwangerschaftsberatung": ("Schwangerschaftsberatungsstelle",
                                 "Schwangerschaftskonfliktberatung",
                                 "Beratungsstelle für Schwangerschaftsfragen"),
    "Familienbildungsstätte": ("Familienbildungswerk", "Ev. Familienbildungsstätte",
                               "Haus der Familie"),
    "Frühförderstelle": ("Interdisziplinäre Frühförderstelle", "Heilpädagogische Frühförderung"),
    "Hilfen zur Erziehung": ("Ambulante Hilfen zur Erziehung", "Erziehungshilfe"),
    "Polizei": ("Polizeiwache", "Polizeiinspektion", "Bezirksdienst der Polizei"),
    "Wohnungsunternehmen": ("Wohnungsbaugenossenschaft", "Städtische Wohnungsgesellschaft"),
    "Bildungsträger": ("Träger der beruflichen Bildung", "Weiterbildungsträger", "Bildungswerk"),
    "Betrieb": ("Ausbildungsbetrieb", "Handwerksbetrieb", "Unternehmen"),
    "Geburtsklinik": ("Klinik für Geburtshilfe", "Frauenklinik", "Geburtshilfliche Abteilung"),
    "Sozialpädiatrisches Zentrum": ("Sozialpädiatrie", "SPZ"),
    "Volkshochschule": ("VHS", "Kreisvolkshochschule"),
    "Familiengericht": ("Amtsgericht (Familiengericht)", "Amtsgericht – Familiengericht"),
    "Stiftung": ("Bürgerstiftung", "gemeinnützige Stiftung"),
    "Politische Fraktion": ("Ratsfraktion", "Kreistagsfraktion"),
    "Agentur für Arbeit": ("Arbeitsagentur", "Bundesagentur für Arbeit",
                           "Berufsberatung der Agentur für Arbeit", "Jugendberufsagentur"),
    "Kammer": ("Industrie- und Handelskammer", "Handwerkskammer", "Kreishandwerkerschaft"),
    "Berufskolleg": ("Berufsbildende Schule", "Berufsschule", "Oberstufenzentrum",
                     "Berufsbildungszentrum"),
    "Kultureinrichtung": ("Stadtteilkulturzentrum", "Soziokulturelles Zentrum"),
    # offices
    "Verwaltungsspitze": ("Büro der Bürgermeisterin", "Bürgermeisteramt", "Verwaltungsleitung"),
    "Dezernat": ("Geschäftsbereich", "Beigeordnetenbereich", "Dezernat III"),
    "Jugendamt": ("Fachbereich Jugend und Familie", "Amt für Kinder, Jugend und Familie",
                  "Fachdienst Jugend", "Jugend- und Familienamt"),
    "Jugendhilfeplanung": ("Sachgebiet Jugendhilfeplanung", "Planungsstelle Jugend"),
    "Schulverwaltungsamt": ("Amt für Schule und Bildung", "Fachbereich Schule",
                            "Schulträgeramt"),
    "Sozialamt": ("Fachbereich Soziales", "Amt für Soziales und Wohnen", "Fachdienst Soziales"),
    "Stadtplanung": ("Stadtplanungsamt", "Amt für Stadtentwicklung",
                     "Fachbereich Stadtentwicklung"),
    "Sportamt": ("Amt für Kultur und Sport", "Sport- und Bäderamt", "Kulturamt"),
    "Standesamt": ("Standesamt",),
    "Gesundheitsamt": ("Kinder- und Jugendgesundheitsdienst", "Fachdienst Gesundheit",
                       "Amt für Gesundheit"),
    "Schulamt": ("Staatliches Schulamt", "Schulaufsicht"),
    "Bildungsbüro": ("Regionales Bildungsbüro", "Bildungskoordination"),
    "Kommunales Integrationszentrum": ("Integrationszentrum", "Integrationsbüro"),
    "Jobcenter": ("Kommunales Jobcenter", "Jobcenter (gemeinsame Einrichtung)",
                  "Jobcenter – Optionskommune"),
    "Statistikstelle": ("Kreisentwicklung und Statistik", "Kommunale Statistikstelle"),
    # offers
    "Babybesuchsdienst": ("Willkommensbesuche für Neugeborene", "Babybegrüßungsdienst",
                          "Begrüßungsbesuch nach der Geburt"),
    "Elterncafé": ("Elterntreff", "Familiencafé", "Eltern-Kind-Gruppe", "Krabbelgruppe"),
    "Familienhebamme (Angebot)": ("Einsatz Familienhebamme", "Familienhebammenbetreuung"),
    "Sprachförderung": ("Sprachförderkurs", "Rucksack-Programm",
                        "Alltagsintegrierte Sprachbildung"),
    "Übergangsangebot Kita-Grundschule": ("Brückenjahr", "Vorschulprogramm",
                                          "Übergangsbegleitung Kita–Schule"),
    "Übergangsangebot Grundschule-weiterführende Schule": ("Übergangsberatung Klasse 4",
                                                           "Schnupperunterricht Klasse 5"),
    "Berufsorientierung": ("Potenzialanalyse", "Berufsfelderkundung", "Bewerbungstraining"),
    "Beratungssprechstunde": ("Offene Sprechstunde", "Erziehungsberatung vor Ort"),
    "Elternkurs": ("Starke Eltern – Starke Kinder", "Elterntraining", "Elternschule"),
    "Hausaufgabenhilfe": ("Hausaufgabenbetreuung", "Lernförderung"),
    "Freizeitangebot": ("Ferienspiele", "Ferienprogramm", "Offener Treff"),
    "Gesundheitsförderung": ("Zahnprophylaxe", "Bewegungsförderung", "Ernährungsberatung"),
    "Lotsendienst": ("Stadtteilmütter", "Familienlotsen", "Babylotsen"),
    "Ausbildungsbegleitung": ("Ausbildungspaten", "Assistierte Ausbildung", "Mentoring"),
}
"""Generator category → everyday words that name exactly that kind of place or offer."""

WORD_PHASES: dict[str, tuple[str, ...]] = {
    "Krabbelgruppe": ("u3",),
    "Vorschulprogramm": ("kita",),
    "Übergangsberatung Klasse 4": ("primary",),
    "Schnupperunterricht Klasse 5": ("primary",),
    "Weiterführende Schule": ("secondary",),
    "Mittelschule": ("secondary",),
}
"""Words whose life phases are narrower than their category's (a Krabbelgruppe is for the
under-threes): a row with such a word and an empty Lebensphasen cell means these."""

AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Beratungsstelle": ("Erziehungsberatungsstelle", "Schwangerschaftsberatung"),
    "Verein": ("Sportverein", "Migrantenorganisation", "Ehrenamtsinitiative",
               "Kultureinrichtung", "Kirchengemeinde"),
    "Praxis": ("Kinderarztpraxis", "Therapiepraxis"),
    "Träger": ("Freier Träger", "Wohlfahrtsverband", "Bildungsträger"),
    "Kulturverein": ("Kultureinrichtung", "Migrantenorganisation"),
}
"""Words a person reads in more than one way → the categories they may stand for."""

PHASES: dict[str, tuple[str, ...]] = {
    "alle": ("pregnancy", "u3", "kita", "primary", "secondary", "transition_work"),
    "Schwangerschaft": ("pregnancy",),
    "werdende Eltern": ("pregnancy",),
    "rund um die Geburt": ("pregnancy",),
    "U3": ("u3",),
    "unter 3 Jahren": ("u3",),
    "Krippenalter": ("u3",),
    "Ü3": ("kita",),
    "Kindergartenalter": ("kita",),
    "3 bis 6 Jahre": ("kita",),
    "Grundschulalter": ("primary",),
    "Klasse 1–4": ("primary",),
    "Klasse 1-4": ("primary",),
    "Hort": ("primary",),
    "Klasse 5–10": ("secondary",),
    "Klasse 5-10": ("secondary",),
    "Sek I": ("secondary",),
    "16–25 Jahre": ("transition_work",),
    "junge Erwachsene": ("transition_work",),
    "Übergang Schule/Beruf": ("transition_work",),
    "0–6": ("u3", "kita"),
    "0–16": ("u3", "kita", "primary", "secondary"),
    "0 bis 27": ("u3", "kita", "primary", "secondary", "transition_work"),
    "6–16 Jahre": ("primary", "secondary"),
    "Klasse 1–10": ("primary", "secondary"),
}
"""How a Lebensphasen cell is written → the life phases (codes) it means."""

PHASE_SEPARATORS: tuple[str, ...] = (" / ", "/", ", ", "\n", "; ")

RANKS: dict[str, tuple[str, ...]] = {
    "top": ("Bürgermeisterin", "Bürgermeister", "Landrat", "Landrätin", "Verwaltungsspitze"),
    "department_head": ("Beigeordnete", "Beigeordneter", "Dezernentin", "Erster Beigeordneter"),
    "office_head": ("Fachdienstleitung", "Amtsleitung", "Fachbereichsleitung", "Amtsleiterin"),
    "division_head": ("Sachgebietsleitung", "Abteilungsleitung", "Einrichtungsleitung",
                      "Teamleitung"),
    "staff_unit": ("Stabsstelle", "Stabsstelle Prävention"),
    "professional": ("Sachbearbeitung", "Sachbearbeiterin", "pädagogische Fachkraft",
                     "Fachkraft", "Referentin"),
    "volunteer": ("ehrenamtlich", "Ehrenamt"),
}
"""Rank code → how the Hierarchieebene cell is written."""

ROLES: dict[str, tuple[str, ...]] = {
    "power_promoter": ("Machtpromotor", "Machtpromotorin"),
    "expert_promoter": ("Fachpromotor", "Fachpromotorin"),
    "process_promoter": ("Prozesspromotor", "Prozesspromotorin"),
    "relationship_promoter": ("Beziehungspromotor", "Beziehungspromotorin"),
    "coordinator": ("Netzwerkkoordinator", "Netzwerkkoordinatorin", "Koordination",
                    "Präventionskoordinatorin"),
    "guide": ("Lotsin", "Lotse", "Familienlotsin"),
    "key_person": ("Drehpunktperson", "Schlüsselperson"),
}
"""Role code → how it is written in Rollen."""

ROLE_SEPARATORS: tuple[str, ...] = (" / ", "; ", "\n", ", ")

STRENGTHS: dict[int, tuple[str, ...]] = {
    1: ("lose", "gelegentlich"),
    2: ("regelmäßig",),
    3: ("eng",),
    4: ("sehr eng",),
}
"""Tie strength 1–4 → the words people use for it in Stärke."""

MEETINGS: dict[int, tuple[str, ...]] = {
    12: ("monatlich", "1x im Monat"),
    10: ("10x im Jahr",),
    6: ("alle zwei Monate", "zweimonatlich", "6x jährlich"),
    4: ("vierteljährlich", "quartalsweise", "4x jährlich"),
    3: ("3x jährlich", "dreimal im Jahr"),
    2: ("2x jährlich", "halbjährlich"),
    1: ("jährlich", "einmal im Jahr"),
}
"""Meetings per year → the rhythm words of Sitzungen pro Jahr."""

DATES: tuple[str, ...] = (
    "2018", "2021", "03/2020", "11/2017", "März 2020", "Januar 2019", "seit 2018",
    "seit März 2016", "Frühjahr 2020", "Herbst 2021", "Schuljahr 2019/20",
    "Schuljahr 2021/22", "01.09.2019")
"""How a Seit cell is written (a year, a month, a season, a school year …)."""

UNKNOWN: tuple[str, ...] = ("k. A.", "k.A.", "–", "unbekannt")
"""What people write in a cell whose value they do not know."""

STATUSES: dict[str, tuple[str, ...]] = {
    "running": ("laufend", "läuft", "aktiv", ""),
    "planned": ("geplant", "in Planung"),
    "ended": ("beendet", "eingestellt", "ausgelaufen"),
}
"""Offer status code → the words of Status ("" = left empty)."""

WORDS = EverydayWords(
    categories=CATEGORY_WORDS, word_phases=WORD_PHASES, ambiguous=AMBIGUOUS, phases=PHASES,
    phase_separators=PHASE_SEPARATORS, ranks=RANKS, roles=ROLES,
    role_separators=ROLE_SEPARATORS, strengths=STRENGTHS, meetings=MEETINGS, dates=DATES,
    unknown=UNKNOWN, statuses=STATUSES,
    capacities=("ca. {n}", "{n} Plätze", "ca. {n} Plätze"),
    percents=("{x} %", "{x}%"), approximate=("ca. {n}",), municipal_levels=("Kommune", "Stadt"))
"""Everything above as the generator's :class:`EverydayWords`."""
