"""Categories of actors, offices and offers, and the defaults each one carries.

A category (Kita, Grundschule, Jobcenter, Elterncafé …) brings a node type, a sector and
life phases; a row's own values always win.

The vocabulary follows the words German municipalities use, taken from the published
legal and programme texts (the handbook page *Kategorien* lists them per category):
Schulgesetz für das Land Nordrhein-Westfalen (SchulG) §§ 9–23 and 26 (school forms, OGS,
Förderschwerpunkte, Berufskolleg, Weiterbildungskolleg) and the PRIMUS school trial;
Gesetz zur frühen Bildung und Förderung von Kindern (Kinderbildungsgesetz – KiBiz)
(Kindertageseinrichtung, Kindertagespflege, Familienzentrum); SGB VIII §§ 11, 13, 13a, 16,
17, 22, 28 (Jugendarbeit, Schulsozialarbeit, Familienbildung and -beratung, Hort and
Krippe, Erziehungsberatung); Gesetz zur Kooperation und Information im Kinderschutz (KKG)
§ 3 (members of the Netzwerke Frühe Hilfen); Schwangerschaftskonfliktgesetz (SchKG) §§ 3
and 8; SGB II §§ 6a, 6d, 16a and 44b (Jobcenter forms, Schuldner- and Suchtberatung);
SGB IX § 46 (Frühförderung); SGB V § 119 (Sozialpädiatrisches Zentrum); the NRW programme
"Kein Abschluss ohne Anschluss" (KAoA) and the Jugendberufsagenturen (SGB II, III, VIII).
The other Länder's words come from their school laws and programmes: the KMK's
"Vereinbarung über die Schularten und Bildungsgänge im Sekundarbereich I" (Schularten with
several Bildungsgänge: Oberschule, Regionale Schule, Regelschule, Realschule plus …, all
read as Sekundarschule; Hamburg's Stadtteilschule and Berlin's Integrierte Sekundarschule
as Gesamtschule), BayEUG (Mittelschule, Mittagsbetreuung), BayKiBiG Art. 2 (Haus für
Kinder), SchG BW (Werkrealschule, SBBZ), the Bavarian programmes KoKi, JaS and
Familienstützpunkte, Berlin's eFöB and Oberstufenzentren, Hamburg's GBS, EKiZ and
Elternschulen. A school with a Grundschule and a Sekundarstufe I (Grund- und Mittelschule)
is its own category, on neither side of Grundschule → weiterführende Schule. Abbreviations
two Länder use for different schools (KGS, GHS) are ambiguous. "u." and "&" stand for
"und" ("Kinder- u. Jugendarzt").

Reading a category as typed (:meth:`CategoryCatalogue.recognize`) goes beyond exact
spellings: inflections ("Kitas"), adjectives ("Städtische Kindertagesstätte"), the head
of a compound ("Gemeinschaftsgrundschule" – German compounds have their head at the end)
and, when the category is empty, unknown or ambiguous, the node's name ("Gesamtschule am
Park"). Words that mean several categories ("Beratungsstelle", "Schule", "Verein",
"Klinik" …) are never mapped silently: they come back as :attr:`Method.AMBIGUOUS` with the
candidates.

>>> category_info("Kindertagesstätte").label
'Kita'
>>> recognize_category("Städtische Kindertagesstätte").message()
'Die Kategorie „Städtische Kindertagesstätte“ wurde als „Kita“ gelesen (wegen „Kindertagesstätte“). Wählen Sie eine Kategorie aus der Liste, wenn das nicht stimmt.'
>>> recognize_category("Beratungsstelle").candidates[:2]
('Erziehungsberatungsstelle', 'Familienberatungsstelle')
"""  # noqa: E501

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from netzkarte.text import join_or, quote
from netzkarte.vocab.terms import (
    _DASHES,
    ActorForm,
    LifePhase,
    NodeType,
    Sector,
    _umlauts,
    fold,
)

__all__ = [
    "BUILTIN",
    "CATEGORIES",
    "CategoryCatalogue",
    "CategoryInfo",
    "Method",
    "Recognition",
    "category_info",
    "core_phase",
    "recognize_category",
    "suggest_category",
]


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """Defaults a category carries: node type, sector, life phases, actor form.

    ``core`` is the life phase a category spanning two phases is mainly about (a Kita
    also takes children under three, but at Familie → Kita it is the Kita side).
    ``town_wide`` marks categories that serve the whole town or Kreis wherever their
    address is (Geburtsklinik, Jobcenter, Agentur für Arbeit). ``custom`` marks a category
    a Kommune defined itself in its workbook.

    ``institution`` is ``False`` for places that belong to another institution or only
    accompany a stage (the Offene Ganztagsschule is part of its Grundschule, a Hort cares
    for Grundschule children after school): transitions skip them. ``work_partner`` marks
    the later side of Schule → Beruf (Jobcenter, Agentur für Arbeit, Jugendberufsagentur,
    Berufskolleg, Kammer); ``special_school`` the Förderschulen, which are on neither side
    of the general school transitions. ``brands`` are names of organisations that mostly
    run this kind of place (AWO, Caritas, pro familia …): they are read as the category
    only when the text says nothing more specific ("Caritas-Kita" is a Kita).
    """

    label: str
    node_type: NodeType
    sector: Sector
    life_phases: tuple[LifePhase, ...]
    form: ActorForm | None = None
    aliases: tuple[str, ...] = ()
    core: LifePhase | None = None
    town_wide: bool = False
    custom: bool = False
    institution: bool = True
    work_partner: bool = False
    special_school: bool = False
    brands: tuple[str, ...] = ()


class Method(StrEnum):
    """How a category was recognised (or why not)."""

    EXACT = "exact"  # the label or an alias, folded (case, dashes, umlaut spelling)
    WORD_PART = "word_part"  # a compound or inflection ("Städtische Gesamtschule")
    NAME = "name"  # the category was empty, unknown or ambiguous; the node's name told it
    AMBIGUOUS = "ambiguous"  # several categories fit: treated as unknown
    UNKNOWN = "unknown"  # nothing fits
    EMPTY = "empty"  # neither category nor a telling name


@dataclass(frozen=True, slots=True)
class Recognition:
    """The result of reading a category as a user typed it.

    ``info`` is ``None`` when the category is unknown, empty or ambiguous: analyses then
    treat the node as unclassified. ``candidates`` lists the labels an ambiguous word could
    mean (also kept when the name then decided). ``clue`` is the text that decided: the
    word(s) of the category for :attr:`Method.WORD_PART`, the name for :attr:`Method.NAME`
    (then ``word`` is the word of the name that decided). ``part`` is set when only the
    head of a compound decided ("Zahnarzt" in "Kinderzahnarzt").
    """

    info: CategoryInfo | None
    method: Method
    text: str | None = None
    clue: str | None = None
    candidates: tuple[str, ...] = field(default=())
    word: str | None = None
    part: str | None = None

    @property
    def guessed(self) -> bool:
        """``True`` when the reading needs a warning (anything but an exact match)."""
        return self.method not in (Method.EXACT, Method.EMPTY) or (
            self.method is Method.EXACT and self.info is None)

    @property
    def label(self) -> str | None:
        """The recognised category's label, or ``None``."""
        return self.info.label if self.info is not None else None

    def _why(self, word: str | None, whole: str | None) -> str:
        if self.part and word and fold(self.part) != fold(word):
            return f" (Wortteil „{self.part}“ in „{word}“)"
        return f" (wegen „{word}“)" if word and word != whole else ""

    def message(self) -> str | None:
        """German warning text saying what was recognised and why; ``None`` if exact."""
        text = f"„{self.text}“" if self.text else ""
        if self.method is Method.WORD_PART and self.info is not None:
            why = self._why(self.clue, self.text)
            return (f"Die Kategorie {text} wurde als „{self.info.label}“ gelesen{why}. "
                    "Wählen Sie eine Kategorie aus der Liste, wenn das nicht stimmt.")
        if self.method is Method.NAME and self.info is not None:
            why = self._why(self.word, self.clue)
            found = f"„{self.info.label}“ aus dem Namen „{self.clue}“ erschlossen{why}"
            if not self.text:
                return (f"Ohne Kategorie wurde {found}. Tragen Sie die Kategorie selbst ein, "
                        "wenn das nicht stimmt.")
            if self.candidates:
                return (f"Die Kategorie {text} ist mehrdeutig; es wurde {found}. Tragen Sie "
                        f"„{self.info.label}“ als Kategorie ein, wenn das stimmt.")
            return (f"Die Kategorie {text} ist nicht bekannt; es wurde {found}. Wählen Sie "
                    "eine Kategorie aus der Liste, wenn das nicht stimmt.")
        if self.method is Method.AMBIGUOUS:
            if not self.candidates:
                return (f"Die Kategorie {text} ist zu allgemein. Bis Sie eine genauere "
                        "Kategorie eintragen, zählt der Eintrag in keiner Auswertung, die die "
                        "Kategorie braucht.")
            return (f"Die Kategorie {text} ist mehrdeutig: gemeint sein kann "
                    f"{join_or([quote(c) for c in self.candidates])}. Bis Sie eine davon "
                    "eintragen, zählt der "
                    "Eintrag in keiner Auswertung, die die Kategorie braucht.")
        return None


# --- the built-in categories ---------------------------------------------------------------

_P = LifePhase
_ALL = tuple(LifePhase)
_EARLY = (_P.PREGNANCY, _P.U3)
_CHILD = (_P.U3, _P.KITA, _P.PRIMARY)
_SCHOOL = (_P.PRIMARY, _P.SECONDARY)
_YOUTH = (_P.SECONDARY, _P.TRANSITION_WORK)
_MINORS = (_P.U3, _P.KITA, _P.PRIMARY, _P.SECONDARY)
_A, _O, _F = NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER
_ORG, _FAC, _PER = ActorForm.ORGANISATION, ActorForm.FACILITY, ActorForm.PERSON
_S = Sector


def _c(label: str, node_type: NodeType, sector: Sector, phases: tuple[LifePhase, ...],
       form: ActorForm | None = None, *aliases: str, core: LifePhase | None = None,
       town_wide: bool = False, institution: bool = True, work_partner: bool = False,
       special_school: bool = False, brands: tuple[str, ...] = ()) -> CategoryInfo:
    return CategoryInfo(label, node_type, sector, phases, form, aliases, core=core,
                        town_wide=town_wide, institution=institution,
                        work_partner=work_partner, special_school=special_school,
                        brands=brands)


_FOERDERSCHWERPUNKTE = ("Lernen", "Sprache", "Emotionale und soziale Entwicklung",
                        "Hören und Kommunikation", "Sehen", "Geistige Entwicklung",
                        "Körperliche und motorische Entwicklung")

CATEGORIES: tuple[CategoryInfo, ...] = (
    # --- actors: childhood and family (KiBiz, SGB VIII § 22) ---
    _c("Kita", _A, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), _FAC, "Kindertagesstätte",
       "Kindergarten", "Kindertageseinrichtung", "KiTa", "Kindergärten",
       "Tageseinrichtung für Kinder", "Kindertagesstätten", "Kinderhaus", "plusKITA",
       "Sprach-Kita", "Kinderhäuser", "Haus für Kinder", "Häuser für Kinder", "Kinderladen",
       "Kinderläden", "Eltern-Initiativ-Kindertagesstätte", core=_P.KITA),
    _c("Krippe", _A, _S.YOUTH_WELFARE, (_P.U3,), _FAC, "Kinderkrippe", "Krabbelstube"),
    _c("Hort", _A, _S.YOUTH_WELFARE, (_P.PRIMARY,), _FAC, "Kinderhort", "Schülerhort",
       "Hort an der Schule", "Schülerladen", "Schülerläden", institution=False),
    # care at or beside a Grundschule under the Länder's names (BayEUG Art. 31 Abs. 3,
    # Mittagsbetreuung; Hessen's Betreuende Grundschule; Berlin's eFöB; Hamburg's GBS)
    _c("Schulkindbetreuung", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "Schulkinderbetreuung",
       "Mittagsbetreuung", "Verlängerte Mittagsbetreuung", "Betreuende Grundschule",
       "Betreuende GS", "Flexible Nachmittagsbetreuung", "Ergänzende Förderung und Betreuung",
       "eFöB", "Ganztägige Bildung und Betreuung an Schulen", institution=False),
    _c("Familienzentrum", _A, _S.YOUTH_WELFARE, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienzentren", "Kita-Familienzentrum", "Familienzentrum NRW",
       "Kinder- und Familienzentrum", "Eltern-Kind-Zentrum", "Verbundfamilienzentrum", "EKiZ",
       "KiFaZ"),
    _c("Kindertagespflege", _A, _S.YOUTH_WELFARE, (_P.U3,), _FAC, "Tagespflege",
       "Tagesmutter", "Tagesvater", "Tagesmütter", "Tagespflegeperson",
       "Kindertagespflegeperson", "Großtagespflege", "Kindertagespflegestelle",
       "Tagespflegestelle"),
    _c("Offene Ganztagsschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "OGS", "Ganztag",
       "Offener Ganztag", "Offene Ganztagsgrundschule", "OGGS", institution=False),
    _c("Jugendzentrum", _A, _S.YOUTH_WELFARE, _YOUTH, _FAC, "Jugendtreff",
       "Offene Kinder- und Jugendarbeit", "Jugendfreizeitheim", "Jugendhaus",
       "Jugendfreizeitstätte", "Jugendfreizeiteinrichtung", "Jugendclub",
       "Kinder- und Jugendtreff", "Kinder- und Jugendzentrum", "Offene Tür",
       "Haus der offenen Tür", "Kleine Offene Tür", "HOT", "KOT", "Haus der Jugend",
       "Offene Jugendarbeit", "OKJA", "Mobile Jugendarbeit", "Aufsuchende Jugendarbeit"),
    _c("Freier Träger", _A, _S.YOUTH_WELFARE, _ALL, _ORG, "Träger der freien Jugendhilfe",
       "Jugendhilfeträger", "Freier Träger der Jugendhilfe", "Freie Träger",
       "Träger der Jugendhilfe", "Anerkannter Träger der freien Jugendhilfe",
       # youth associations and their rings are recognised freie Träger (SGB VIII §§ 12, 75)
       "Jugendverband", "Jugendverbände", "Jugendring", "Kreisjugendring", "Stadtjugendring",
       "Bezirksjugendring", "KJR", "SJR"),
    # any other Träger of institutions, above all a municipal one (a Kita-Eigenbetrieb is no
    # freier Träger): an organisation for all life phases, so on neither side of a transition
    _c("Einrichtungsträger", _A, _S.YOUTH_WELFARE, _ALL, _ORG, "Kita-Träger", "Kitaträger",
       "Träger von Kindertageseinrichtungen", "Träger von Einrichtungen", "Eigenbetrieb",
       "Kommunaler Eigenbetrieb", "Kita-Eigenbetrieb", "Kommunaler Träger",
       "Öffentlicher Träger", "Trägergesellschaft", "Projektträger", "Anstellungsträger"),
    _c("Wohlfahrtsverband", _A, _S.SOCIAL, _ALL, _ORG, "Freie Wohlfahrtspflege",
       "Spitzenverband der Freien Wohlfahrtspflege",
       brands=("AWO", "Arbeiterwohlfahrt", "Caritas", "Caritasverband", "Diakonie",
               "Diakonisches Werk", "DRK", "Deutsches Rotes Kreuz", "Paritätischer",
               "Der Paritätische", "Paritätischer Wohlfahrtsverband", "Johanniter",
               "Malteser")),
    _c("Kinderschutzbund", _A, _S.YOUTH_WELFARE, _MINORS, _ORG,
       "Deutscher Kinderschutzbund", "DKSB", brands=("Kinderschutzbund",)),
    _c("Lebenshilfe", _A, _S.SOCIAL, _ALL, _ORG, brands=("Lebenshilfe",)),
    _c("Hilfen zur Erziehung", _A, _S.YOUTH_WELFARE, _CHILD + _YOUTH, _ORG, "HzE",
       "Erziehungshilfe", "Ambulante Hilfen zur Erziehung", "Sozialpädagogische Familienhilfe",
       "SPFH"),
    # --- actors: counselling (SGB VIII §§ 16, 17, 28; SchKG §§ 3, 8; SGB II § 16a) ---
    _c("Erziehungsberatungsstelle", _A, _S.YOUTH_WELFARE, _MINORS, _FAC,
       "Erziehungsberatung", "EB", "Erziehungs- und Familienberatung",
       "Erziehungs- und Familienberatungsstelle",
       "Beratungsstelle für Eltern, Kinder und Jugendliche",
       "Beratungsstelle für Kinder, Jugendliche und Eltern",
       "Psychologische Beratungsstelle für Eltern, Kinder und Jugendliche"),
    _c("Familienberatungsstelle", _A, _S.YOUTH_WELFARE, _MINORS, _FAC, "Familienberatung",
       "Ehe-, Familien- und Lebensberatung", "Ehe- und Familienberatung",
       "Familien- und Lebensberatung", "Lebensberatung", "EFL", "Paarberatung",
       "Trennungs- und Scheidungsberatung"),
    _c("Schwangerschaftsberatung", _A, _S.HEALTH, _EARLY, _FAC,
       "Schwangerschaftsberatungsstelle", "Schwangerenberatung",
       "Schwangerenberatungsstelle", "Schwangerschaftskonfliktberatung",
       "Schwangerschaftskonfliktberatungsstelle",
       "Schwangerschafts- und Schwangerschaftskonfliktberatung",
       "Beratungsstelle für Schwangerschaftsfragen", "Schwangerenkonfliktberatung",
       core=_P.PREGNANCY, brands=("pro familia", "donum vitae", "esperanza")),
    _c("Suchtberatung", _A, _S.HEALTH, _ALL, _FAC, "Suchtberatungsstelle",
       "Drogenberatung", "Drogenberatungsstelle", "Sucht- und Drogenberatung",
       "Jugend- und Drogenberatung", "Suchthilfe", "Fachstelle für Suchtprävention"),
    _c("Schuldnerberatung", _A, _S.SOCIAL, _ALL, _FAC, "Schuldnerberatungsstelle",
       "Schuldner- und Insolvenzberatung", "Insolvenzberatung"),
    _c("Migrationsberatung", _A, _S.INTEGRATION, _ALL, _FAC,
       "Migrationsberatung für erwachsene Zuwanderer", "MBE", "Migrationsdienst",
       "Jugendmigrationsdienst", "JMD", "Flüchtlingsberatung", "Integrationsagentur"),
    _c("Jugendberatung", _A, _S.YOUTH_WELFARE, _YOUTH, _FAC, "Jugendberatungsstelle",
       "Beratungsstelle für Jugendliche"),
    # --- actors: schools (SchulG NRW §§ 10–23, 26) ---
    _c("Grundschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "GS", "Primarschule",
       "Gemeinschaftsgrundschule", "GGS", "Katholische Grundschule",
       "Evangelische Grundschule", "EGS", "Bekenntnisgrundschule",
       "Katholische Bekenntnisgrundschule", "Evangelische Bekenntnisgrundschule",
       "Weltanschauungsgrundschule", "Grundschulverbund", "Verbundgrundschule"),
    _c("Hauptschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC, "Gemeinschaftshauptschule",
       "Katholische Hauptschule", "Mittelschule", "Werkrealschule"),
    _c("Realschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC),
    # the Länder's Schularten with several Bildungsgänge of the Sekundarstufe I (KMK)
    _c("Sekundarschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC, "Oberschule",
       "Regionale Schule", "Regionalschule", "Regelschule", "Realschule plus",
       "Mittelstufenschule", "Erweiterte Realschule", "Haupt- und Realschule",
       "Verbundene Haupt- und Realschule", "Integrierte Haupt- und Realschule",
       "Schule mit mehreren Bildungsgängen", "Schulart mit mehreren Bildungsgängen"),
    _c("Gesamtschule", _A, _S.EDUCATION, _YOUTH, _FAC, "Integrierte Gesamtschule", "IGS",
       "Kooperative Gesamtschule", "Stadtteilschule", "Integrierte Sekundarschule",
       core=_P.SECONDARY),
    _c("Gemeinschaftsschule", _A, _S.EDUCATION, _YOUTH, _FAC, core=_P.SECONDARY),
    _c("PRIMUS-Schule", _A, _S.EDUCATION, _SCHOOL, _FAC, "PRIMUS", "Primusschule"),
    # one school with a Grundschule and a school of the Sekundarstufe I: the transition
    # between them happens inside it, so it is on neither side of it (like PRIMUS)
    _c("Grund- und weiterführende Schule", _A, _S.EDUCATION, _SCHOOL, _FAC,
       "Grund- und Mittelschule", "Grundschule und Mittelschule", "Grund- und Hauptschule",
       "Grund- und Werkrealschule", "Grund- und Oberschule", "Grund- und Gemeinschaftsschule",
       "Grund- und Realschule plus", "Grund- und Regionalschule",
       "Schule mit Primar- und Sekundarstufe"),
    _c("Gymnasium", _A, _S.EDUCATION, _YOUTH, _FAC, "Gymnasien", core=_P.SECONDARY),
    _c("Weiterführende Schule", _A, _S.EDUCATION, _YOUTH, _FAC,
       "Schule der Sekundarstufe I", "Sekundarstufe I", "Sek I", "Sek-I-Schule",
       "Allgemeinbildende weiterführende Schule", core=_P.SECONDARY),
    _c("Förderschule", _A, _S.EDUCATION, _SCHOOL, _FAC, "Förderzentrum", "Sonderschule",
       "Kompetenzzentrum für sonderpädagogische Förderung", "Sprachheilschule",
       "Schule für Erziehungshilfe", "Schule für Kranke", "Klinikschule", "SBBZ",
       "Sonderpädagogisches Bildungs- und Beratungszentrum",
       "Sonderpädagogisches Förderzentrum",
       *(f"Förderschule {s}" for s in _FOERDERSCHWERPUNKTE),
       *(f"Förderschwerpunkt {s}" for s in _FOERDERSCHWERPUNKTE),
       special_school=True),
    _c("Berufskolleg", _A, _S.EDUCATION, (_P.TRANSITION_WORK,), _FAC, "Berufsschule",
       "Berufsbildende Schule", "BK", "Berufsfachschule", "Fachoberschule",
       "Berufliches Gymnasium", "Berufsbildungszentrum", "Berufskollegs", "Oberstufenzentrum",
       "OSZ", "Berufliche Schule", "Berufliches Schulzentrum", "Berufsschulzentrum", "BSZ",
       "BBS", "Berufsoberschule", "Berufseinstiegsschule",
       "Regionales Berufliches Bildungszentrum", work_partner=True),
    _c("Weiterbildungskolleg", _A, _S.EDUCATION, (_P.TRANSITION_WORK,), _FAC,
       "Abendrealschule", "Abendgymnasium", "WbK", town_wide=True),
    _c("Schulsozialarbeit", _A, _S.YOUTH_WELFARE, _SCHOOL, _ORG, "Schulsozialarbeiter",
       "Schulsozialarbeiterin", "Schulsozialarbeit an Schulen", "Jugendsozialarbeit an Schulen",
       "JaS"),
    _c("Volkshochschule", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.TRANSITION_WORK), _FAC,
       "VHS"),
    _c("Familienbildungsstätte", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienbildung", "FBS", "Familienbildungswerk", "Familienbildungseinrichtung",
       "Familienforum", "Familienstützpunkt", "Elternschule"),
    _c("Bibliothek", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Stadtbibliothek",
       "Bücherei", "Stadtbücherei", "Mediathek"),
    # --- actors: health (KKG § 3, SGB IX § 46, SGB V § 119) ---
    _c("Hebamme", _A, _S.HEALTH, _EARLY, _PER, "Hebammen", "Familienhebamme",
       "Hebammenpraxis", "Familien-Gesundheits- und Kinderkrankenpflegerin",
       "Familien-Gesundheits- und Kinderkrankenpfleger", "FGKiKP",
       "Familienkinderkrankenschwester", "Entbindungspfleger", core=_P.PREGNANCY),
    _c("Kinderarztpraxis", _A, _S.HEALTH, _MINORS, _FAC, "Kinderarzt", "Kinderärztin",
       "Kinderärzte", "Pädiatrie", "Kinder- und Jugendarzt", "Kinder- und Jugendärztin",
       "Kinder- und Jugendärzte", "Kinder- und Jugendarztpraxis", "Kinder- und Jugendmedizin",
       "Praxis für Kinder- und Jugendmedizin", "Kinderheilkunde",
       "Praxis für Kinderheilkunde", "Pädiater", "Pädiaterin", "Pädiatrische Praxis",
       "Kinderärztliche Praxis", "Kinder- und jugendärztliche Praxis",
       "Kinderärztliche Gemeinschaftspraxis"),
    _c("Hausarztpraxis", _A, _S.HEALTH, _ALL, _FAC, "Hausarzt", "Hausärztin", "Hausärzte",
       "Allgemeinmedizin", "Allgemeinarzt", "Allgemeinärztin", "Allgemeinmediziner",
       "Praxis für Allgemeinmedizin", "Hausärztliche Praxis"),
    _c("Zahnarztpraxis", _A, _S.HEALTH, _ALL, _FAC, "Zahnarzt", "Zahnärztin", "Zahnärzte",
       "Zahnmedizin", "Kieferorthopädie", "Kieferorthopäde", "Kieferorthopädin"),
    _c("Frauenarztpraxis", _A, _S.HEALTH, (_P.PREGNANCY,), _FAC, "Frauenarzt",
       "Frauenärztin", "Frauenärzte", "Gynäkologe", "Gynäkologin", "Gynäkologie",
       "Gynäkologische Praxis", "Frauenheilkunde", "Praxis für Frauenheilkunde",
       core=_P.PREGNANCY),
    _c("Geburtsklinik", _A, _S.HEALTH, _EARLY, _FAC, "Entbindungsstation", "Geburtshilfe",
       "Kreißsaal", "Geburtsstation", "Entbindungsklinik", "Geburtshilfliche Abteilung",
       "Klinik für Geburtshilfe", "Klinik für Frauenheilkunde und Geburtshilfe",
       "Frauenklinik", "Perinatalzentrum", "Wochenstation", "Geburtshaus",
       core=_P.PREGNANCY, town_wide=True),
    _c("Kinderklinik", _A, _S.HEALTH, _MINORS, _FAC, "Kinderkrankenhaus",
       "Klinik für Kinder- und Jugendmedizin", "Kinder- und Jugendklinik",
       "Kinderabteilung", "Pädiatrische Klinik", "Kinderstation", town_wide=True),
    _c("Kinder- und Jugendpsychiatrie", _A, _S.HEALTH,
       (_P.KITA, _P.PRIMARY, _P.SECONDARY, _P.TRANSITION_WORK), _FAC, "KJP",
       "Kinder- und Jugendpsychiater", "Kinder- und Jugendpsychiaterin", "Kinderpsychiater",
       "Klinik für Kinder- und Jugendpsychiatrie", "Kinder- und Jugendpsychotherapie",
       "Kinder- und Jugendlichenpsychotherapie", "Kinder- und Jugendlichenpsychotherapeut",
       "Kinder- und Jugendlichenpsychotherapeutin", "Kinderpsychotherapeut",
       "Kinderpsychotherapeutin", town_wide=True),
    _c("Therapiepraxis", _A, _S.HEALTH, _CHILD, _FAC, "Logopädie", "Ergotherapie",
       "Physiotherapie", "Therapeut", "Therapeutin", "Logopäde", "Logopädin",
       "Ergotherapeut", "Ergotherapeutin", "Physiotherapeut", "Physiotherapeutin",
       "Krankengymnastik", "Praxis für Logopädie", "Praxis für Ergotherapie"),
    _c("Sozialpädiatrisches Zentrum", _A, _S.HEALTH, _CHILD, _FAC, "SPZ", town_wide=True),
    _c("Frühförderstelle", _A, _S.HEALTH, (_P.U3, _P.KITA), _FAC, "Frühförderung",
       "Interdisziplinäre Frühförderung", "Interdisziplinäre Frühförderstelle",
       "Heilpädagogische Frühförderung", "Frühförderzentrum", "IFF", core=_P.U3,
       town_wide=True),  # one interdisciplinary centre serves a town or Kreis (SGB IX § 46)
    # --- actors: work (SGB III, SGB II, KAoA) ---
    _c("Agentur für Arbeit", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Arbeitsagentur",
       "Berufsberatung", "BA", "Bundesagentur für Arbeit", "Arbeitsamt",
       "Berufsberatung der Agentur für Arbeit", town_wide=True, work_partner=True),
    _c("Jugendberufsagentur", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "JBA",
       "Jugend-Job-Center", "Arbeitsbündnis Jugend und Beruf", town_wide=True,
       work_partner=True),
    _c("Kammer", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "IHK", "Handwerkskammer", "HWK",
       "Industrie- und Handelskammer", "Kreishandwerkerschaft", "Landwirtschaftskammer",
       "Innung", town_wide=True, work_partner=True),
    _c("Betrieb", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Unternehmen",
       "Ausbildungsbetrieb", "Arbeitgeber"),
    _c("Bildungsträger", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Maßnahmeträger",
       "Träger der beruflichen Bildung", "Träger beruflicher Bildung", "Bildungswerk",
       "Berufsbildungswerk", "Berufsbildungszentrum", "Weiterbildungsträger"),
    # --- actors: culture, sport, civil society, neighbourhood, other ---
    _c("Sportverein", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _ORG,
       "Sportbund", "Stadtsportbund", "Kreissportbund", "Turnverein", "TV", "TuS", "TSV",
       "SV", "SC", "FC", "VfL", "VfB", "DJK", "Sportclub", "Fußballverein",
       "Sportgemeinschaft", "Turn- und Sportverein", "Sportvereine"),
    _c("Musikschule", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _FAC),
    _c("Kultureinrichtung", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Museum", "Theater",
       "Kulturverein", "Kulturzentrum", "Soziokulturelles Zentrum", "Jugendkunstschule"),
    _c("Elternverein", _A, _S.CIVIL_SOCIETY, _MINORS, _ORG, "Elternvereine"),
    _c("Förderverein", _A, _S.CIVIL_SOCIETY, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _ORG,
       "Fördervereine", "Förderkreis", "Freundeskreis"),
    _c("Stadtteilmütter", _A, _S.CIVIL_SOCIETY, (_P.U3, _P.KITA, _P.PRIMARY), _ORG,
       "Stadtteilmutter", "Stadtteilmütter-Projekt", "Kiezmütter"),
    _c("Migrantenorganisation", _A, _S.INTEGRATION, _ALL, _ORG, "Migrantenselbstorganisation",
       "MSO", "Kulturverein der Migranten", "Migrantenverein"),
    _c("Kirchengemeinde", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Religionsgemeinschaft",
       "Gemeinde (kirchlich)", "Pfarrei", "Pfarrgemeinde", "Kirchengemeinden"),
    _c("Moscheegemeinde", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Moscheeverein", "Moschee",
       "Moscheegemeinschaft", "Islamische Gemeinde", brands=("DITIB",)),
    _c("Ehrenamtsinitiative", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Initiative", "Ehrenamt",
       "Bürgerinitiative", "Freiwilligenagentur", "Ehrenamtsagentur",
       "Freiwilligenzentrum", "Nachbarschaftshilfe"),
    _c("Tafel", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Tafeln", "Lebensmittelausgabe"),
    _c("Quartiersmanagement", _A, _S.URBAN, _ALL, None, "Stadtteilbüro", "Quartiersbüro",
       "Stadtteilmanagement", "Quartiersmanager", "Quartiersmanagerin", "Stadtteilarbeit",
       "Quartiersarbeit", "Gemeinwesenarbeit", "Stadtteilladen", "Stadtteilzentrum"),
    _c("Wohnungsunternehmen", _A, _S.URBAN, _ALL, _ORG, "Wohnungsbaugesellschaft",
       "Wohnungsgesellschaft", "Wohnungsbaugenossenschaft"),
    _c("Polizei", _A, _S.POLICE_JUSTICE, _YOUTH, _ORG, "Polizeiwache", "Bezirksdienst",
       "Kreispolizeibehörde", "Polizeipräsidium"),
    _c("Familiengericht", _A, _S.POLICE_JUSTICE, _ALL, _ORG, "Jugendgericht",
       "Familiengerichte", town_wide=True),
    _c("Stiftung", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Bürgerstiftung"),
    _c("Politische Fraktion", _A, _S.POLITICS, _ALL, _ORG, "Fraktion", "Partei"),
    _c("Person", _A, _S.CIVIL_SOCIETY, (), _PER, "Einzelperson"),
    # --- offices ---
    _c("Jugendamt", _O, _S.YOUTH_WELFARE, _ALL, None, "Fachbereich Jugend", "Jugendhilfe",
       "Kreisjugendamt", "Amt für Kinder, Jugend und Familie", "Stadtjugendamt",
       "Fachbereich Jugend und Familie", "Amt für Jugend und Familie",
       "Jugend- und Familienamt", "Fachdienst Jugend", "Träger der öffentlichen Jugendhilfe",
       town_wide=True),
    _c("Allgemeiner Sozialer Dienst", _O, _S.YOUTH_WELFARE, _ALL, None, "ASD",
       "Bezirkssozialdienst", "BSD", "Kommunaler Sozialer Dienst", "KSD",
       "Regionaler Sozialer Dienst", "RSD", "Bezirkssozialarbeit"),
    # the coordination of the Netzwerk Frühe Hilfen at the Jugendamt (KKG § 3 Abs. 4);
    # Bavaria's Koordinierende Kinderschutzstellen (KoKi – Netzwerk frühe Kindheit)
    _c("Koordinierungsstelle Frühe Hilfen", _O, _S.YOUTH_WELFARE, _EARLY, None, "Frühe Hilfen",
       "Koordinationsstelle Frühe Hilfen", "Fachstelle Frühe Hilfen",
       "Netzwerkkoordination Frühe Hilfen", "KoKi", "Koordinierende Kinderschutzstelle",
       "KoKi – Netzwerk frühe Kindheit", town_wide=True),
    _c("Schulverwaltungsamt", _O, _S.EDUCATION, _SCHOOL + (_P.TRANSITION_WORK,), None,
       "Schulverwaltung", "Schulamt der Stadt", "Fachbereich Schule", "Schulträger",
       town_wide=True),
    _c("Schulamt", _O, _S.EDUCATION, _SCHOOL, None, "Schulaufsicht", "Staatliches Schulamt",
       "Schulamt für den Kreis", "Untere Schulaufsicht", town_wide=True),
    _c("Schulpsychologischer Dienst", _O, _S.EDUCATION, _SCHOOL, None,
       "Schulpsychologische Beratungsstelle", "Schulpsychologie", "Schulberatungsstelle",
       "Regionale Schulberatungsstelle", town_wide=True),
    _c("Gesundheitsamt", _O, _S.HEALTH, _ALL, None, "Kinder- und Jugendgesundheitsdienst",
       "KJGD", "Fachbereich Gesundheit", "Kinder- und Jugendärztlicher Dienst", "KJÄD",
       "Öffentlicher Gesundheitsdienst", "ÖGD", "Untere Gesundheitsbehörde",
       "Amt für Gesundheit", "Fachdienst Gesundheit", "Jugendzahnärztlicher Dienst",
       town_wide=True),
    _c("Sozialamt", _O, _S.SOCIAL, _ALL, None, "Fachbereich Soziales", "Amt für Soziales",
       town_wide=True),
    _c("Jobcenter", _O, _S.WORK, (_P.TRANSITION_WORK,), None, "Kreis-Jobcenter",
       "Jobcenter (Geschäftsstelle)", "Kommunales Jobcenter", "Jobcenter gemeinsame Einrichtung",
       "Gemeinsame Einrichtung", "Jobcenter (gE)", "Jobcenter (zkT)", "Optionskommune",
       "Zugelassener kommunaler Träger", "zkT", "ARGE", "Grundsicherung für Arbeitsuchende",
       town_wide=True, work_partner=True),
    _c("Bildungsbüro", _O, _S.EDUCATION, _ALL, None, "Regionales Bildungsbüro", "RBN",
       "Regionales Bildungsnetzwerk", "Bildungskoordination", "Kommunale Koordinierungsstelle",
       town_wide=True),
    _c("Kommunales Integrationszentrum", _O, _S.INTEGRATION, _ALL, None, "KI",
       "Integrationszentrum", "Integrationsbüro", town_wide=True),
    _c("Stadtplanung", _O, _S.URBAN, _ALL, None, "Stadtplanungsamt", "Stadtentwicklung",
       "Amt für Stadtentwicklung", town_wide=True),
    _c("Statistikstelle", _O, _S.URBAN, _ALL, None, "Statistisches Amt", "Statistik",
       "Kommunale Statistik", "Sozialplanung", town_wide=True),
    _c("Verwaltungsspitze", _O, _S.POLITICS, _ALL, None, "Bürgermeisterbüro",
       "Bürgermeisteramt", "Landratsamt", "Büro des Bürgermeisters", town_wide=True),
    _c("Dezernat", _O, _S.POLITICS, _ALL, None, "Verwaltungsvorstand", "Beigeordnete",
       town_wide=True),
    _c("Standesamt", _O, _S.SOCIAL, (_P.PREGNANCY,), None, town_wide=True),
    _c("Ordnungsamt", _O, _S.POLICE_JUSTICE, _ALL, None, town_wide=True),
    _c("Sportamt", _O, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Kulturamt",
       "Amt für Kultur und Sport", town_wide=True),
    _c("Jugendhilfeplanung", _O, _S.YOUTH_WELFARE, _ALL, None, "Sozialplanung Jugend",
       town_wide=True),
    # --- offers ---
    _c("Babybesuchsdienst", _F, _S.YOUTH_WELFARE, (_P.U3,), None, "Willkommensbesuch",
       "Babybegrüßung", "Neugeborenenbesuch", "Begrüßungsbesuch", "Babybesuch",
       "Willkommensbesuche", "Babybegrüßungsdienst"),
    _c("Elterncafé", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), None, "Elterntreff", "Babytreff",
       "Elternfrühstück", "Familiencafé", "Müttercafé"),
    _c("Eltern-Kind-Gruppe", _F, _S.YOUTH_WELFARE, (_P.U3,), None, "Krabbelgruppe",
       "Spielgruppe", "PEKiP", "PEKiP-Gruppe", "Prager Eltern-Kind-Programm", "Babygruppe",
       "Mutter-Kind-Gruppe", "Vater-Kind-Gruppe", "Eltern-Kind-Kurs", "Babymassage",
       "Babykurs", "Elternstart", "Elternstart NRW", "Eltern-Kind-Gruppen"),
    _c("Familienbildungsangebot", _F, _S.YOUTH_WELFARE, (_P.PREGNANCY, _P.U3, _P.KITA), None,
       "Familienbildung", "Familienbildungskurs", "Angebot der Familienbildung", "Opstapje",
       "HIPPY"),
    _c("Geburtsvorbereitung", _F, _S.HEALTH, _EARLY, None, "Geburtsvorbereitungskurs",
       "Rückbildungskurs", "Rückbildungsgymnastik", "Säuglingspflegekurs",
       "Geburtsvorbereitung und Rückbildung"),
    _c("Familienhebamme (Angebot)", _F, _S.HEALTH, _EARLY, None, "Familienhebammen-Einsatz",
       "Familienhebamme", "Familienhebammen", "Einsatz einer Familienhebamme", "FGKiKP"),
    _c("Sprachförderung", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None, "Sprachkurs",
       "Deutschförderung", "Rucksack", "Rucksack KiTa", "Griffbereit", "Sprach-Kita",
       "Sprachcafé"),
    _c("Übergangsangebot Kita-Grundschule", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None,
       "Schnuppertage", "Schnuppertage Kita-Grundschule", "Brückenjahr"),
    _c("Übergangsangebot Grundschule-weiterführende Schule", _F, _S.EDUCATION,
       (_P.PRIMARY, _P.SECONDARY), None, "Übergangsberatung"),
    _c("Berufsorientierung", _F, _S.WORK, (_P.SECONDARY, _P.TRANSITION_WORK), None,
       "Potenzialanalyse", "KAoA", "Berufsfelderkundung", "Praktikum",
       "Kein Abschluss ohne Anschluss", "Berufliche Orientierung",
       "Studien- und Berufsorientierung", "Schülerbetriebspraktikum", "Praxiskurs",
       "Ausbildungsmesse", "Berufsinformationsbörse"),
    _c("Beratungssprechstunde", _F, _S.YOUTH_WELFARE, _CHILD, None, "Sprechstunde",
       "Offene Sprechstunde", "Erziehungsberatungs-Sprechstunde"),
    _c("Elternkurs", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA, _P.PRIMARY), None,
       "Elternbildung", "Elterntraining", "Starke Eltern – Starke Kinder", "Elternschule",
       "Elternseminar", "Erziehungskurs", "Kess-erziehen", "Triple P", "Elternkurse"),
    _c("Hausaufgabenhilfe", _F, _S.EDUCATION, _SCHOOL, None, "Lernförderung", "Nachhilfe",
       "Hausaufgabenbetreuung"),
    _c("Freizeitangebot", _F, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Ferienprogramm",
       "Bewegungsangebot", "Sportangebot", "Ferienfreizeit"),
    _c("Gesundheitsförderung", _F, _S.HEALTH, _CHILD, None, "Prävention", "Zahnprophylaxe",
       "Bewegungsförderung"),
    _c("Lotsendienst", _F, _S.YOUTH_WELFARE, _ALL, None, "Lotsenangebot", "Clearingstelle",
       "Babylotse", "Babylotsin", "Babylotsen", "Familienlotse", "Familienlotsin"),
    _c("Ausbildungsbegleitung", _F, _S.WORK, (_P.TRANSITION_WORK,), None, "Jugendberufsagentur",
       "Jugendberufshilfe", "Mentoring", "Assistierte Ausbildung", "Berufseinstiegsbegleitung",
       "Ausbildungsbegleitende Hilfen", "Ausbildungspatenschaft"),
    _c("Ganztagsangebot", _F, _S.EDUCATION, _SCHOOL, None, "Ganztagsbetreuung",
       "Nachmittagsbetreuung", "Ganztag", "Übermittagbetreuung", "Über-Mittag-Betreuung",
       "Schule von acht bis eins", "Dreizehn plus", "Schulkindbetreuung", "Schulkinderbetreuung",
       "Mittagsbetreuung", "Verlängerte Mittagsbetreuung", "Betreuende Grundschule",
       "Flexible Nachmittagsbetreuung", "Ergänzende Förderung und Betreuung", "eFöB"),
    _c("Schulsozialarbeit (Angebot)", _F, _S.YOUTH_WELFARE, _SCHOOL, None,
       "Schulsozialarbeit an Schulen", "Schulsozialarbeit", "Jugendsozialarbeit an Schulen",
       "JaS"),
    _c("Frühförderung (Angebot)", _F, _S.HEALTH, (_P.U3, _P.KITA), None,
       "Frühförderangebot", "Frühförderung"),
    _c("Familienpatenschaft", _F, _S.CIVIL_SOCIETY, (_P.U3, _P.KITA, _P.PRIMARY), None,
       "Familienpatenschaften", "Familienpaten", "Familienpate", "Familienpatin",
       "Patenschaftsprojekt", "wellcome"),
    _c("Fortbildung", _F, _S.YOUTH_WELFARE, _ALL, None, "Qualifizierung", "Schulung",
       "Fachtag"),
    _c("Befragung", _F, _S.URBAN, _ALL, None, "Elternbefragung", "Elternfragebogen",
       "Monitoring"),
    _c("Quartiersprojekt", _F, _S.URBAN, _ALL, None, "Quartiersarbeit", "Stadtteilprojekt",
       "Soziale Stadt", "Stadtteilarbeit", "Gemeinwesenarbeit", "Sozialer Zusammenhalt"),
)
"""The built-in categories. A row's own sector or life phases always win."""

_BY_LABEL: dict[str, CategoryInfo] = {c.label: c for c in CATEGORIES}


# --- ambiguous words and words that make a name a network ---------------------------------

_SCHOOLS = ("Grundschule", "Hauptschule", "Realschule", "Sekundarschule", "Gesamtschule",
            "Gemeinschaftsschule", "PRIMUS-Schule", "Grund- und weiterführende Schule",
            "Gymnasium", "Weiterführende Schule", "Förderschule", "Berufskolleg",
            "Weiterbildungskolleg", "Offene Ganztagsschule")
_COUNSELLING = ("Erziehungsberatungsstelle", "Familienberatungsstelle",
                "Schwangerschaftsberatung", "Suchtberatung", "Schuldnerberatung",
                "Migrationsberatung", "Jugendberatung")
_ASSOCIATIONS = ("Sportverein", "Förderverein", "Elternverein", "Migrantenorganisation",
                 "Freier Träger", "Ehrenamtsinitiative", "Kultureinrichtung", "Moscheegemeinde",
                 "Kinderschutzbund", "Lebenshilfe", "Tafel", "Wohlfahrtsverband", "Stiftung",
                 "Kirchengemeinde", "Musikschule")
_PRACTICES = ("Kinderarztpraxis", "Hausarztpraxis", "Frauenarztpraxis", "Zahnarztpraxis",
              "Therapiepraxis", "Kinder- und Jugendpsychiatrie", "Hebamme")
_CLINICS = ("Geburtsklinik", "Kinderklinik", "Kinder- und Jugendpsychiatrie",
            "Sozialpädiatrisches Zentrum")
_CENTRES = ("Familienzentrum", "Jugendzentrum", "Sozialpädiatrisches Zentrum",
            "Quartiersmanagement", "Kommunales Integrationszentrum", "Frühförderstelle",
            "Förderschule", "Kultureinrichtung")
_OFFICES = tuple(c.label for c in CATEGORIES if c.node_type is NodeType.OFFICE)
_ACTORS = tuple(c.label for c in CATEGORIES if c.node_type is NodeType.ACTOR)
_OFFERS = tuple(c.label for c in CATEGORIES if c.node_type is NodeType.OFFER)


class _Ambiguity(NamedTuple):
    candidates: tuple[str, ...]  # shown to the user
    accepts: frozenset[str]  # labels a more telling word (or the name) may resolve it to


def _amb(words: tuple[str, ...], candidates: tuple[str, ...],
         accepts: tuple[str, ...] = ()) -> list[tuple[str, _Ambiguity]]:
    entry = _Ambiguity(candidates, frozenset(candidates) | frozenset(accepts))
    return [(w, entry) for w in words]


_AMBIGUOUS_WORDS: tuple[tuple[str, _Ambiguity], ...] = (
    *_amb(("Beratungsstelle", "Beratung", "Beratungszentrum", "Beratungsdienst",
           "Fachberatungsstelle", "Psychologische Beratungsstelle"), _COUNSELLING,
          ("Schulpsychologischer Dienst", "Frühförderstelle", "Sozialpädiatrisches Zentrum")),
    *_amb(("Schule", "Schulzentrum", "Schulstandort", "Allgemeinbildende Schule",
           "Schulverbund", "Ganztagsschule"),
          ("Grundschule", "Weiterführende Schule", "Förderschule", "Berufskolleg"), _SCHOOLS),
    # abbreviations one Land uses for another school: KGS is the katholische Grundschule in
    # NRW and the Kooperative Gesamtschule in Niedersachsen and Hessen; GHS the
    # Gemeinschaftshauptschule in NRW and the Grund- und Hauptschule in Baden-Württemberg
    *_amb(("KGS",), ("Grundschule", "Gesamtschule"), _SCHOOLS),
    *_amb(("GHS",), ("Hauptschule", "Grund- und weiterführende Schule"), _SCHOOLS),
    # Niedersachsen's Grundschule with fixed hours; Baden-Württemberg's care before and
    # after them
    *_amb(("Verlässliche Grundschule",), ("Grundschule", "Schulkindbetreuung"),
          _SCHOOLS + ("Schulkindbetreuung", "Hort")),
    # a Kita run by parents, or any parents' initiative
    *_amb(("Elterninitiative",), ("Kita", "Ehrenamtsinitiative"),
          ("Krippe", "Hort", "Familienzentrum", "Freier Träger", "Elternverein")),
    *_amb(("Verein", "e.V.", "eingetragener Verein", "Verband", "Club", "Trägerverein"),
          ("Sportverein", "Förderverein", "Elternverein", "Migrantenorganisation",
           "Freier Träger"), _ASSOCIATIONS),
    *_amb(("Träger", "Anbieter", "Leistungserbringer"),
          ("Freier Träger", "Wohlfahrtsverband", "Bildungsträger"),
          _ASSOCIATIONS + ("Bildungsträger", "Einrichtungsträger")),
    *_amb(("Einrichtung", "Institution", "Organisation", "Soziale Einrichtung", "Dienst",
           "Fachstelle", "Stelle"), ("Kita", "Familienzentrum", "Jugendzentrum",
                                     "Freier Träger"), _ACTORS),
    *_amb(("Praxis", "Arztpraxis", "Gemeinschaftspraxis", "Arzt", "Ärztin", "Ärzte",
           "Facharzt", "Fachärztin", "Facharztpraxis", "MVZ",
           "Medizinisches Versorgungszentrum", "Mediziner", "Medizinerin"),
          ("Kinderarztpraxis", "Hausarztpraxis", "Frauenarztpraxis", "Zahnarztpraxis",
           "Therapiepraxis"), _PRACTICES),
    *_amb(("Klinik", "Kliniken", "Krankenhaus", "Krankenhäuser", "Klinikum", "Hospital",
           "Spital", "Kreiskrankenhaus", "Stadtklinik"),
          ("Geburtsklinik", "Kinderklinik", "Kinder- und Jugendpsychiatrie"), _CLINICS),
    *_amb(("Zentrum", "Zentren", "Center"), ("Familienzentrum", "Jugendzentrum",
                                             "Sozialpädiatrisches Zentrum"), _CENTRES),
    *_amb(("Amt", "Ämter", "Behörde", "Verwaltung", "Stadtverwaltung", "Kreisverwaltung",
           "Fachbereich", "Fachdienst", "Abteilung", "Stadt", "Kreis", "Kommune"),
          ("Jugendamt", "Sozialamt", "Schulverwaltungsamt", "Gesundheitsamt"), _OFFICES),
    *_amb(("Gemeinde",), ("Kirchengemeinde", "Moscheegemeinde", "Verwaltungsspitze"),
          _OFFICES),
    *_amb(("Angebot", "Projekt", "Maßnahme", "Programm", "Kurs", "Gruppe", "Treff",
           "Treffpunkt"), ("Elterncafé", "Eltern-Kind-Gruppe", "Elternkurs",
                           "Freizeitangebot"), _OFFERS),
)
"""Words that mean several categories: never mapped silently."""

_BLOCK_HEADS = ("netz", "netzwerk", "verbund", "buendnis", "arbeitskreis", "kreis",
                "arbeitsgemeinschaft", "zusammenschluss", "dachverband", "konferenz",
                "ausschuss", "gremium", "rat", "pflegschaft", "vertretung", "leitung", "team")
"""A word ending like this makes the rest a description: "Ärztenetz (Pädiatrie)" is no
Kinderarztpraxis, "Kita-Verbund" no Kita, "Elternrat der Grundschule" no Grundschule."""

_NO_HEAD = frozenset({"kammer", "gericht", "partei", "betrieb", "unternehmen",
                      "person", "statistik", "praevention", "monitoring", "sprechstunde",
                      "jugendhilfe", "initiative", "ehrenamt", "tagespflege", "beratung",
                      "innung", "theater", "museum", "moschee", "sportbund", "paediatrie"})
"""Keys that are no head of a compound ("Ärztekammer" is no Kammer for Schule → Beruf)."""

_NOT_FROM_NAME = frozenset({"kammer", "person", "einzelperson", "betrieb", "unternehmen",
                            "arbeitgeber", "initiative", "ehrenamt", "gericht", "statistik",
                            "partei", "praktikum", "praevention", "schulung",
                            "monitoring", "qualifizierung", "fachtag", "mentoring",
                            "nachhilfe", "jugendhilfe", "innung", "tagespflege", "ganztag",
                            "sprechstunde", "rucksack", "theater", "museum", "stiftung",
                            "traeger", "eigenbetrieb"})
"""Keys a name never decides on: surnames ("Kammer"), everyday words, and legal forms – a
"Stiftung Evangelisches Krankenhaus" is a hospital run by a foundation, "Kindergärten City
(Eigenbetrieb)" may name the Kitas as well as their Träger."""

_ORGANISATION_HEADS = frozenset({"traeger", "verband", "verein", "stiftung", "eigenbetrieb"})
"""Heads that make a category text an organisation whatever its first part says
("Kita-Träger", "Kita Träger", "Kitaverein"): the node's name never reads it as the first
part's category."""


# --- normalisation and the index -----------------------------------------------------------

_SPLIT = re.compile(r"[^\w\-]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ENDINGS = (("nen", ""), ("ien", "ium"), ("en", "um"), ("en", "is"), ("en", ""), ("es", ""),
            ("er", ""), ("e", ""), ("n", ""), ("s", ""))
_MAX_WORDS = 12


def _keys(spelling: str) -> tuple[str, ...]:
    """The folded key of a spelling, then those of its short forms of "und": "Kinder- u.
    Jugendarzt" and "Kinder- & Jugendarzt" are spellings of "Kinder- und Jugendarzt"."""
    key = fold(spelling)
    if " und " not in spelling:
        return (key,)
    return (key, fold(spelling.replace(" und ", " u. ")), fold(spelling.replace(" und ", " & ")))


def _normal(text: str) -> str:
    """:func:`fold` without removing separators (case, dashes, umlaut spelling)."""
    if text.isascii():  # nothing to normalise but the case
        return text.lower()
    return _umlauts(unicodedata.normalize("NFKC", text).translate(_DASHES).casefold())


def _words(text: str) -> list[tuple[str, str]]:
    """(original, folded) per word; hyphenated compounds stay one word; "u." and "&" are
    read as "und"."""
    if "&" in text:
        text = text.replace("&", " und ")
    originals = [w for w in _SPLIT.split(text) if w.strip("-_")]
    if text.isascii():  # _normal() is lower(): the same words
        normals = [w.lower() for w in originals]
    else:
        normals = [w for w in _SPLIT.split(_normal(text)) if w.strip("-_")]
        if len(originals) != len(normals):
            normals = [_normal(w) for w in originals]
    out = []
    for orig, norm in zip(originals, normals, strict=True):
        # a word of ASCII letters and digits (most words) has nothing to remove
        folded = norm if norm.isascii() and norm.isalnum() else _NON_ALNUM.sub("", norm)
        if folded == "u":  # "Kinder- u. Jugendarzt"
            folded = "und"
        if folded:
            out.append((orig, folded))
    return out[:_MAX_WORDS]


def _stem(word: str) -> str:
    """Adjective and plural endings off a word that is not the last of a phrase."""
    if len(word) > 4:
        for suffix in ("en", "er", "es", "em", "e"):
            if word.endswith(suffix):
                return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _variants(word: str) -> tuple[str, ...]:
    """The word and its plausible base forms (plural, genitive, adjective endings)."""
    out = [word]
    for suffix, replacement in _ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + replacement
            if base not in out:
                out.append(base)
    return tuple(out)


class _Entry(NamedTuple):
    info: CategoryInfo
    spelling: str  # as written in the catalogue, for messages
    brand: bool  # an organisation's name: only when nothing more specific is written
    abbreviation: bool  # "GS", "TV": only when typed with capitals
    from_name: bool  # may a node's name decide on it


def _is_abbreviation(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return len(fold(spelling)) <= 4 and sum(c.isupper() for c in letters) >= 2


class _Index:
    """Precompiled lookup structures over a tuple of categories (built once)."""

    def __init__(self, categories: Iterable[CategoryInfo]) -> None:
        categories = tuple(categories)
        self.exact: dict[str, tuple[CategoryInfo, ...]] = {}
        self.words: dict[str, tuple[_Entry, ...]] = {}
        self.heads: dict[str, tuple[_Entry, ...]] = {}
        self.phrases: dict[str, tuple[_Entry, ...]] = {}
        self.phrase_len: dict[str, int] = {}
        self.brand_keys = frozenset(fold(b) for c in categories for b in c.brands)
        #: the keys of the spellings as written (no short forms of "und"), for suggestions
        self.spelling_keys: list[str] = []
        exact: dict[str, list[CategoryInfo]] = {}
        words: dict[str, list[_Entry]] = {}
        phrases: dict[str, list[_Entry]] = {}
        abbreviation_only: dict[str, bool] = {}
        for info in categories:
            brands = {fold(b) for b in info.brands}
            spellings: dict[str, str] = {}
            for spelling in (info.label, *info.aliases, *info.brands):
                spellings.setdefault(fold(spelling), spelling)
            for key, spelling in spellings.items():
                if not key:
                    continue
                if key not in exact:
                    self.spelling_keys.append(key)
                brand = key in brands
                for alias_key in _keys(spelling):
                    if info not in exact.setdefault(alias_key, []):
                        exact[alias_key].append(info)
                parts = _words(spelling)
                abbreviation = _is_abbreviation(spelling)
                entry = _Entry(info, spelling, brand, abbreviation,
                               key not in _NOT_FROM_NAME and info.label != "Person")
                if len(parts) == 1:
                    words.setdefault(key, []).append(entry)
                    abbreviation_only[key] = abbreviation_only.get(key, True) and abbreviation
                else:
                    folded = [p for _, p in parts]
                    pkey = "".join(_stem(p) for p in folded[:-1]) + folded[-1]
                    phrases.setdefault(pkey, []).append(entry)
                    start = _stem(folded[0])
                    self.phrase_len[start] = max(self.phrase_len.get(start, 1), len(parts))
        self.exact = {k: tuple(v) for k, v in exact.items()}
        self.words = {k: tuple(e for e in v if not e.abbreviation or abbreviation_only[k])
                      for k, v in words.items()}
        self.words = {k: v for k, v in self.words.items() if v}
        for key, entries in self.words.items():
            if len(key) >= 4 and key not in _NO_HEAD and not abbreviation_only[key]:
                heads = tuple(e for e in entries if not e.brand)
                if heads:
                    self.heads[key] = heads
        self.phrases = {k: tuple(v) for k, v in phrases.items()}
        tails: dict[str, list[str]] = {}
        for key in sorted(self.heads, key=len, reverse=True):
            tails.setdefault(key[-4:], []).append(key)
        #: head keys by their last four letters, longest first
        self.tails: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in tails.items()}


_BUILTIN_INDEX = _Index(CATEGORIES)
_AMBIGUOUS_TEXT: dict[str, _Ambiguity] = {fold(w): a for w, a in _AMBIGUOUS_WORDS}
"""Ambiguous words and phrases, for a whole category text ("e. V.", "Psychologische
Beratungsstelle")."""
_AMBIGUOUS: dict[str, _Ambiguity] = {fold(w): a for w, a in _AMBIGUOUS_WORDS
                                     if len(_words(w)) == 1}
"""Ambiguous single words, for reading word by word ("Ev." is evangelisch, not "e. V.")."""
_CATEGORY_INDEX: dict[str, CategoryInfo] = {k: v[0] for k, v in _BUILTIN_INDEX.exact.items()}
_SCANNED_TYPES = frozenset(c.node_type for c in CATEGORIES)


# --- reading a text ------------------------------------------------------------------------

class _Hit(NamedTuple):
    entry: _Entry
    clue: str  # the word(s) as typed
    part: str | None = None  # the head of a compound, as spelled in the catalogue


class _Scan(NamedTuple):
    hit: _Hit | None
    ambiguity: _Ambiguity | None
    brand: _Hit | None


def _fits(info: CategoryInfo, node_type: NodeType | None) -> bool:
    return node_type is None or info.node_type is node_type


def _first(entries: Iterable[_Entry], node_type: NodeType | None, for_name: bool,
           capitals: bool) -> _Entry | None:
    for entry in entries:
        if (_fits(entry.info, node_type) and (capitals or not entry.abbreviation)
                and (entry.from_name or not for_name)):
            return entry
    return None


class _Adjective(NamedTuple):
    """An adjective made from a category word ("logopädische"): it only tells which
    meaning an ambiguous word right after it has ("Logopädische Praxis")."""

    hit: _Hit


_ADJECTIVE = re.compile(r"^(.{4,}?)isch(?:e|er|en|es|em)?$")
_REFINES: dict[str, frozenset[str]] = {"Kita": frozenset({"Familienzentrum"})}
"""A later word that makes the first one more specific: a Kita that is also a
Familienzentrum (KiBiz) is read as the Familienzentrum ("Kita und Familienzentrum")."""


def _whole(entries: tuple[_Entry, ...] | None, node_type: NodeType | None, for_name: bool,
           capitals: bool) -> _Entry | None:
    return _first(entries, node_type, for_name, capitals) if entries else None


@lru_cache(maxsize=65536)
def _read_word(original: str, word: str, node_type: NodeType | None, for_name: bool
               ) -> _Hit | _Ambiguity | _Adjective | bool | None:
    """One word: a hit, an ambiguity, an adjective, ``True`` for a word that blocks, or
    ``None``."""
    index = _BUILTIN_INDEX
    capitals = original != original.lower()
    variants = _variants(word)
    for variant in variants:
        entry = _whole(index.words.get(variant), node_type, for_name, capitals)
        if entry is not None:
            return _Hit(entry, original)
    for variant in variants:
        ambiguity = _AMBIGUOUS.get(variant)
        if ambiguity is not None:
            return ambiguity
    # a hyphenated compound has its head after the last hyphen ("AWO-Kita")
    parts = original.strip("-").rsplit("-", 1)
    if len(parts) == 2 and (not for_name or parts[0].isupper()
                            or fold(parts[0]) in index.brand_keys):
        last = fold(parts[1])
        for variant in _variants(last) if len(last) >= 2 else ():
            entry = _whole(index.words.get(variant), node_type, for_name,
                           parts[1] != parts[1].lower())
            if entry is not None and not entry.brand:
                return _Hit(entry, original, parts[1])
        if not for_name:  # the head decides even when it is ambiguous ("Kita-Verein")
            for variant in _variants(last) if len(last) >= 2 else ():
                if variant in _AMBIGUOUS:
                    return _AMBIGUOUS[variant]
    # the head of a compound ("Gemeinschaftsgrundschule"), never a short stem ("Nikita");
    # in a name a hyphen joins two names ("Meyer-Hort"), not a compound
    for variant in variants[:4] if not (for_name and len(parts) == 2) else ():
        for key in index.tails.get(variant[-4:], ()):
            prefix = len(variant) - len(key)
            if prefix >= (3 if len(key) >= 6 else 4) and variant.endswith(key):
                entry = _first(index.heads[key], node_type, for_name, True)
                if entry is not None:
                    return _Hit(entry, original, entry.spelling)
    if not for_name and not word.endswith(_BLOCK_HEADS):  # "Kitaverband", "Schulverein"
        for variant in variants[:4]:
            for key in _ORGANISATION_HEADS:
                if (variant.endswith(key) and len(variant) - len(key) >= 3
                        and key in _AMBIGUOUS):
                    return _AMBIGUOUS[key]
    adjective = _ADJECTIVE.match(word)
    if adjective is not None:
        stem = adjective.group(1)
        for base in (stem + "ie", stem, stem + "e"):
            entry = _whole(index.words.get(base), node_type, for_name, False)
            if entry is not None and not entry.brand:
                return _Adjective(_Hit(entry, original))
    return word.endswith(_BLOCK_HEADS)


def _phrase(words: list[tuple[str, str]], i: int, node_type: NodeType | None,
            for_name: bool) -> _Hit | None:
    """The longest phrase of the catalogue starting at word ``i`` ("Haus der Jugend")."""
    index = _BUILTIN_INDEX
    longest = index.phrase_len.get(_stem(words[i][1]), 1)
    for span in range(min(longest, len(words) - i), 1, -1):
        prefix = "".join(_stem(w) for _, w in words[i:i + span - 1])
        for variant in _variants(words[i + span - 1][1]):
            entry = _whole(index.phrases.get(prefix + variant), node_type, for_name, True)
            if entry is not None:
                return _Hit(entry, " ".join(o for o, _ in words[i:i + span]))
    return None


def _scan(text: str, node_type: NodeType | None, for_name: bool) -> _Scan:
    """Read a text word by word: the first telling word (or phrase) decides.

    German noun phrases put their head first ("Förderverein der Grundschule") and
    compounds put it last ("Gemeinschaftsgrundschule"), so the first word that names a
    category wins. An ambiguous word before it ("Verein zur Förderung der Kita") lets
    only the categories it may mean through; a network word ("Ärztenetz", "Kita-Verbund")
    stops the reading.
    """
    words = _words(text)
    ambiguity: _Ambiguity | None = None
    brand: _Hit | None = None
    found: _Hit | None = None
    adjective: _Hit | None = None
    for i, (original, word) in enumerate(words):
        hit = _phrase(words, i, node_type, for_name)
        if hit is None:
            read = _read_word(original, word, node_type, for_name)
            if isinstance(read, _Adjective):
                adjective = read.hit
                continue
            if isinstance(read, _Ambiguity):
                if adjective is not None and adjective.entry.info.label in read.accepts:
                    hit = _Hit(adjective.entry, f"{adjective.clue} {original}")
                else:
                    ambiguity = ambiguity or read
            elif read is True:
                if found is not None:
                    break
                return _Scan(None, ambiguity, None)
            elif isinstance(read, _Hit):
                hit = read
        adjective = None
        if hit is None:
            continue
        if found is not None:  # only looking for a more specific reading
            if hit.entry.info.label in _REFINES[found.entry.info.label]:
                found = hit
                break
        elif hit.entry.brand:
            brand = brand or hit
        elif ambiguity is None or hit.entry.info.label in ambiguity.accepts:
            found = hit
            head = _head_after(words, i, node_type) if not for_name else None
            if isinstance(head, _Ambiguity):
                return _Scan(None, head, None)
            if head is not None:
                found = head
                break
            if found.entry.info.label not in _REFINES:
                break
    return _Scan(found, ambiguity, brand)


def _modifier_only(text: str, node_type: NodeType | None) -> bool:
    """``True`` when the last word is a hyphenated compound whose head is unknown but whose
    first part names a category ("Kita-Fachberatung"): it is about that category, no
    such place."""
    words = _words(text)
    if not words or "-" not in words[-1][0].strip("-"):
        return False
    first = words[-1][0].strip("-").split("-", 1)[0]
    return any(_whole(_BUILTIN_INDEX.words.get(v), node_type, False, first != first.lower())
               for v in _variants(fold(first))) if len(fold(first)) >= 2 else False


def _head_after(words: list[tuple[str, str]], i: int, node_type: NodeType | None
                ) -> _Hit | _Ambiguity | None:
    """An organisation word right after word ``i`` that is the head of a compound written
    apart ("Kita Träger", "Kita Verein"): it decides instead of word ``i``."""
    if i + 1 >= len(words):
        return None
    original, word = words[i + 1]
    if not any(v in _ORGANISATION_HEADS for v in _variants(word)):
        return None
    read = _read_word(original, word, node_type, False)
    return read if isinstance(read, _Hit | _Ambiguity) else None


class _Open(NamedTuple):
    """A category text that does not decide alone (empty, unknown or ambiguous): the
    node's name has to settle it."""

    ambiguity: _Ambiguity | None


def _only(ambiguity: _Ambiguity, node_type: NodeType | None) -> tuple[str, ...]:
    return tuple(c for c in ambiguity.candidates if _fits(_BY_LABEL[c], node_type))


class CategoryCatalogue:
    """The categories a map knows: the built-in ones plus a Kommune's own.

    A Kommune's own categories (sheet *Kategorien* of the template) win over built-in
    ones of the same name; they are matched by label and aliases (folded). Built-in
    categories are also read from word parts and, when the category is empty, unknown or
    ambiguous, from the node's name. :meth:`recognize` reads each category text once per
    node type (cached); only a text that does not decide alone is read again with the
    name, cached per (category, name, node type).

    >>> BUILTIN.recognize("Kindertagesstätte").label
    'Kita'
    >>> r = BUILTIN.recognize(None, name="Gesamtschule am Park")
    >>> r.label, r.method.value, r.word
    ('Gesamtschule', 'name', 'Gesamtschule')
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, custom: Iterable[CategoryInfo] = ()) -> None:
        self.custom: tuple[CategoryInfo, ...] = tuple(custom)
        self._custom: dict[str, list[CategoryInfo]] = {}
        for info in self.custom:
            for spelling in (info.label, *info.aliases):
                for key in _keys(spelling):
                    if key and info not in self._custom.setdefault(key, []):
                        self._custom[key].append(info)
        self._by_text: dict[tuple[str, NodeType | None], Recognition | _Open] = {}
        self._cache: dict[tuple[str, str, NodeType | None], Recognition] = {}

    def __iter__(self) -> Iterator[CategoryInfo]:
        seen: set[str] = set()
        for info in (*self.custom, *CATEGORIES):
            if info.label not in seen:
                seen.add(info.label)
                yield info

    def get(self, label: object) -> CategoryInfo | None:
        """The category with this label or alias (folded), no guessing."""
        if not label:
            return None
        key = fold(label)
        found = self._custom.get(key) or _BUILTIN_INDEX.exact.get(key)
        return found[0] if found else None

    def recognize(self, category: object, *, name: object = None,
                  node_type: NodeType | None = None) -> Recognition:
        """Read a category as typed, with the node's name as second hint.

        Parameters
        ----------
        category : str or None
            The cell *Kategorie* as typed.
        name : str, optional
            The node's name, used when the category is empty, unknown or ambiguous
            ("Gesamtschule am Park").
        node_type : NodeType, optional
            Only categories of this node type count (an office's category is never read
            as an offer's).

        Returns
        -------
        Recognition
            :attr:`Method.EXACT` for a label or alias, :attr:`Method.WORD_PART` for an
            inflection, adjective or compound, :attr:`Method.NAME` when the name decided,
            :attr:`Method.AMBIGUOUS` (with ``candidates``), :attr:`Method.UNKNOWN` or
            :attr:`Method.EMPTY`.
        """
        text = str(category).strip() if category is not None else ""
        by_text = self._by_text.get((text, node_type))
        if by_text is None:
            if len(self._by_text) >= self._CACHE_LIMIT:
                self._by_text.clear()
            by_text = self._by_text[text, node_type] = self._read_text(text, node_type)
        if isinstance(by_text, Recognition):  # the text alone decides: the name is not read
            return by_text
        label = str(name).strip() if name is not None else ""
        key = (text, label, node_type)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            hit = self._recognize(text, label, node_type, by_text.ambiguity)
            self._cache[key] = hit
        return hit

    def _read_text(self, text: str, node_type: NodeType | None) -> Recognition | _Open:
        """What the category text alone says: a :class:`Recognition` when it decides
        (exact, word part, brand), else what the name has to settle (:class:`_Open`)."""
        ambiguity: _Ambiguity | None = None
        if text:
            key = fold(text)
            for info in (*self._custom.get(key, ()), *_BUILTIN_INDEX.exact.get(key, ())):
                if _fits(info, node_type):
                    return Recognition(info, Method.EXACT, text)
            if key in _AMBIGUOUS_TEXT and _only(_AMBIGUOUS_TEXT[key], node_type):
                ambiguity = _AMBIGUOUS_TEXT[key]
            elif node_type is None or node_type in _SCANNED_TYPES:
                scan = _scan(text, node_type, False)
                if scan.hit is not None:
                    return Recognition(scan.hit.entry.info, Method.WORD_PART, text,
                                       clue=scan.hit.clue, part=scan.hit.part)
                if scan.ambiguity is not None and _only(scan.ambiguity, node_type) and not (
                        scan.brand is not None  # "Kreisverband der AWO"
                        and scan.brand.entry.info.label in scan.ambiguity.accepts):
                    ambiguity = scan.ambiguity
                elif scan.brand is not None:
                    return Recognition(scan.brand.entry.info, Method.WORD_PART, text,
                                       clue=scan.brand.clue)
                elif scan.ambiguity is None and _modifier_only(text, node_type):
                    # "Kita-Fachberatung" is a Fachberatung: the name must not make it a Kita
                    return Recognition(None, Method.UNKNOWN, text)
        return _Open(ambiguity)

    def _recognize(self, text: str, name: str, node_type: NodeType | None,
                   ambiguity: _Ambiguity | None) -> Recognition:
        """The reading of a text that does not decide alone, with the node's name."""
        candidates = _only(ambiguity, node_type) if ambiguity is not None else ()
        if name and (node_type is None or node_type in _SCANNED_TYPES):
            scan = _scan(name, node_type, True)
            found = scan.hit or (scan.brand if scan.ambiguity is None else None)
            if found is not None and (ambiguity is None
                                      or found.entry.info.label in ambiguity.accepts):
                return Recognition(found.entry.info, Method.NAME, text or None, clue=name,
                                   candidates=candidates, word=found.clue, part=found.part)
        if ambiguity is not None:
            return Recognition(None, Method.AMBIGUOUS, text, candidates=candidates)
        return Recognition(None, Method.UNKNOWN if text else Method.EMPTY, text or None)


BUILTIN = CategoryCatalogue()
"""The built-in categories only."""


def recognize_category(category: object, *, name: object = None,
                       node_type: NodeType | None = None) -> Recognition:
    """:meth:`CategoryCatalogue.recognize` over the built-in categories.

    >>> recognize_category("Kita").label
    'Kita'
    >>> recognize_category("Kinderzahnarzt").label
    'Zahnarztpraxis'
    """
    return BUILTIN.recognize(category, name=name, node_type=node_type)


def category_info(category: object) -> CategoryInfo | None:
    """The defaults for a category as typed by a user, or ``None`` if unknown.

    Exact (folded) label or alias of a built-in category, no guessing; a word used by
    several node types gives the first (use :meth:`CategoryCatalogue.recognize` with a
    node type to choose).

    >>> info = category_info("kindertagesstaette")
    >>> info.label, info.sector.label, [p.value for p in info.life_phases]
    ('Kita', 'Kinder- und Jugendhilfe', ['u3', 'kita'])
    """
    return _CATEGORY_INDEX.get(fold(category))


def suggest_category(category: object, node_type: NodeType | None = None, n: int = 3
                     ) -> list[str]:
    """Known category labels close to an unknown one."""
    keys = difflib.get_close_matches(fold(category), _BUILTIN_INDEX.spelling_keys, n=n * 3,
                                     cutoff=0.75)
    labels: list[str] = []
    for key in keys:
        for info in _BUILTIN_INDEX.exact[key]:
            if (node_type is None or info.node_type is node_type) and info.label not in labels:
                labels.append(info.label)
                break
    return labels[:n]


def core_phase(category: object) -> LifePhase | None:
    """The life phase a two-phase category is mainly about, for transitions.

    A Kita also takes children under three, but at the transition Familie → Kita it is
    the Kita side; a Hebamme also visits after birth, but at Geburt → Frühe Hilfen she is
    the birth side.

    >>> core_phase("Kindertagesstätte")
    <LifePhase.KITA: 'kita'>
    """
    info = category_info(category)
    return info.core if info is not None else None
