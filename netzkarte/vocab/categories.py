"""Categories of actors, offices and offers, and the defaults each one carries.

A category (Kita, Grundschule, Jobcenter, Elterncafé …) brings a node type, a sector and
life phases; a row's own values always win.

>>> category_info("Kindertagesstätte").label
'Kita'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from netzkarte.vocab.terms import ActorForm, LifePhase, NodeType, Sector, fold

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


class Method(StrEnum):
    """How a category was recognised (or why not)."""

    EXACT = "exact"  # the label or an alias, folded (case, dashes, umlaut spelling)
    WORD_PART = "word_part"  # a compound or inflection ("Städtische Gesamtschule")
    NAME = "name"  # the category was empty or unknown; the node's name told it
    AMBIGUOUS = "ambiguous"  # several categories fit: treated as unknown
    UNKNOWN = "unknown"  # nothing fits
    EMPTY = "empty"  # neither category nor a telling name


@dataclass(frozen=True, slots=True)
class Recognition:
    """The result of reading a category as a user typed it.

    ``info`` is ``None`` when the category is unknown, empty or ambiguous: analyses then
    treat the node as unclassified. ``candidates`` lists the labels an ambiguous word could
    mean; ``clue`` is the text that decided (the word part or the name).
    """

    info: CategoryInfo | None
    method: Method
    text: str | None = None
    clue: str | None = None
    candidates: tuple[str, ...] = field(default=())

    @property
    def guessed(self) -> bool:
        """``True`` when the reading needs a warning (anything but an exact match)."""
        return self.method not in (Method.EXACT, Method.EMPTY) or (
            self.method is Method.EXACT and self.info is None)

    @property
    def label(self) -> str | None:
        """The recognised category's label, or ``None``."""
        return self.info.label if self.info is not None else None

    def message(self) -> str | None:
        """German warning text saying what was recognised and why; ``None`` if exact."""
        text = f"„{self.text}“" if self.text else ""
        if self.method is Method.WORD_PART and self.info is not None:
            return (f"Die Kategorie {text} wurde als „{self.info.label}“ erkannt (enthält "
                    f"„{self.clue}“). Wählen Sie eine Kategorie aus der Liste, wenn das nicht "
                    "stimmt.")
        if self.method is Method.NAME and self.info is not None:
            return (f"Die Kategorie „{self.info.label}“ wurde aus dem Namen „{self.clue}“ "
                    "erschlossen. Tragen Sie die Kategorie selbst ein, wenn das nicht stimmt.")
        if self.method is Method.AMBIGUOUS:
            options = " oder ".join(f"„{c}“" for c in self.candidates)
            return (f"Die Kategorie {text} ist mehrdeutig: gemeint sein kann {options}. "
                    "Bis Sie eine davon eintragen, zählt der Eintrag in keiner Auswertung, "
                    "die die Kategorie braucht.")
        return None


_P = LifePhase
_ALL = tuple(LifePhase)
_EARLY = (_P.PREGNANCY, _P.U3)
_CHILD = (_P.U3, _P.KITA, _P.PRIMARY)
_SCHOOL = (_P.PRIMARY, _P.SECONDARY)
_YOUTH = (_P.SECONDARY, _P.TRANSITION_WORK)
_A, _O, _F = NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER
_ORG, _FAC, _PER = ActorForm.ORGANISATION, ActorForm.FACILITY, ActorForm.PERSON
_S = Sector


def _c(label: str, node_type: NodeType, sector: Sector, phases: tuple[LifePhase, ...],
       form: ActorForm | None = None, *aliases: str) -> CategoryInfo:
    return CategoryInfo(label, node_type, sector, phases, form, aliases)


CATEGORIES: tuple[CategoryInfo, ...] = (
    # actors: childhood and family
    _c("Kita", _A, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), _FAC, "Kindertagesstätte",
       "Kindergarten", "Kindertageseinrichtung", "KiTa", "Krippe"),
    _c("Familienzentrum", _A, _S.YOUTH_WELFARE, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienzentren", "Kita-Familienzentrum"),
    _c("Kindertagespflege", _A, _S.YOUTH_WELFARE, (_P.U3,), _FAC, "Tagespflege",
       "Tagesmutter", "Tagesvater"),
    _c("Offene Ganztagsschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "OGS", "Ganztag"),
    _c("Jugendzentrum", _A, _S.YOUTH_WELFARE, _YOUTH, _FAC, "Jugendtreff",
       "Offene Kinder- und Jugendarbeit", "Jugendfreizeitheim"),
    _c("Freier Träger", _A, _S.YOUTH_WELFARE, _ALL, _ORG, "Träger der freien Jugendhilfe",
       "Jugendhilfeträger"),
    _c("Wohlfahrtsverband", _A, _S.SOCIAL, _ALL, _ORG, "Freie Wohlfahrtspflege", "AWO",
       "Caritas", "Diakonie", "DRK", "Paritätischer"),
    _c("Erziehungsberatungsstelle", _A, _S.YOUTH_WELFARE, _CHILD + (_P.SECONDARY,), _FAC,
       "Erziehungsberatung", "EB", "Familienberatung", "Beratungsstelle"),
    _c("Schwangerschaftsberatung", _A, _S.HEALTH, _EARLY, _FAC,
       "Schwangerschaftsberatungsstelle", "Schwangerenberatung"),
    _c("Frühförderstelle", _A, _S.HEALTH, (_P.U3, _P.KITA), _FAC, "Frühförderung",
       "Interdisziplinäre Frühförderung"),
    _c("Hilfen zur Erziehung", _A, _S.YOUTH_WELFARE, _CHILD + _YOUTH, _ORG, "HzE",
       "Erziehungshilfe"),
    # schools and education
    _c("Grundschule", _A, _S.EDUCATION, (_P.PRIMARY,), _FAC, "GS", "Primarschule"),
    _c("Hauptschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC),
    _c("Realschule", _A, _S.EDUCATION, (_P.SECONDARY,), _FAC),
    _c("Gesamtschule", _A, _S.EDUCATION, _YOUTH, _FAC, "Sekundarschule"),
    _c("Gymnasium", _A, _S.EDUCATION, _YOUTH, _FAC),
    _c("Förderschule", _A, _S.EDUCATION, _SCHOOL, _FAC, "Förderzentrum"),
    _c("Berufskolleg", _A, _S.EDUCATION, (_P.TRANSITION_WORK,), _FAC, "Berufsschule",
       "Berufsbildende Schule"),
    _c("Schulsozialarbeit", _A, _S.YOUTH_WELFARE, _SCHOOL, _ORG, "Schulsozialarbeiter"),
    _c("Volkshochschule", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.TRANSITION_WORK), _FAC,
       "VHS"),
    _c("Familienbildungsstätte", _A, _S.EDUCATION, (_P.PREGNANCY, _P.U3, _P.KITA), _FAC,
       "Familienbildung", "FBS"),
    _c("Bibliothek", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Stadtbibliothek",
       "Bücherei"),
    # health
    _c("Hebamme", _A, _S.HEALTH, _EARLY, _PER, "Hebammen", "Familienhebamme",
       "Hebammenpraxis"),
    _c("Kinderarztpraxis", _A, _S.HEALTH, (_P.U3, _P.KITA, _P.PRIMARY, _P.SECONDARY), _FAC,
       "Kinderarzt", "Kinderärztin", "Pädiatrie", "Kinder- und Jugendarzt"),
    _c("Geburtsklinik", _A, _S.HEALTH, _EARLY, _FAC, "Krankenhaus", "Klinik",
       "Entbindungsstation", "Geburtshilfe"),
    _c("Therapiepraxis", _A, _S.HEALTH, _CHILD, _FAC, "Logopädie", "Ergotherapie",
       "Physiotherapie", "Therapeut", "Therapeutin"),
    _c("Sozialpädiatrisches Zentrum", _A, _S.HEALTH, _CHILD, _FAC, "SPZ"),
    # work
    _c("Agentur für Arbeit", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Arbeitsagentur",
       "Berufsberatung", "BA"),
    _c("Kammer", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "IHK", "Handwerkskammer", "HWK"),
    _c("Betrieb", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Unternehmen",
       "Ausbildungsbetrieb", "Arbeitgeber"),
    _c("Bildungsträger", _A, _S.WORK, (_P.TRANSITION_WORK,), _ORG, "Maßnahmeträger"),
    # culture, sport, civil society, other
    _c("Sportverein", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _ORG,
       "Verein", "Sportbund", "Stadtsportbund"),
    _c("Musikschule", _A, _S.CULTURE_SPORT, (_P.KITA, _P.PRIMARY, _P.SECONDARY), _FAC),
    _c("Kultureinrichtung", _A, _S.CULTURE_SPORT, _CHILD + _YOUTH, _FAC, "Museum", "Theater",
       "Kulturverein"),
    _c("Migrantenorganisation", _A, _S.INTEGRATION, _ALL, _ORG, "Migrantenselbstorganisation",
       "MSO", "Kulturverein der Migranten"),
    _c("Kirchengemeinde", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Moscheegemeinde",
       "Religionsgemeinschaft", "Gemeinde (kirchlich)"),
    _c("Ehrenamtsinitiative", _A, _S.CIVIL_SOCIETY, _ALL, _ORG, "Initiative", "Ehrenamt",
       "Bürgerinitiative", "Elterninitiative"),
    _c("Wohnungsunternehmen", _A, _S.URBAN, _ALL, _ORG, "Wohnungsbaugesellschaft",
       "Wohnungsgesellschaft", "Quartiersmanagement"),
    _c("Polizei", _A, _S.POLICE_JUSTICE, _YOUTH, _ORG, "Polizeiwache", "Bezirksdienst"),
    _c("Familiengericht", _A, _S.POLICE_JUSTICE, _ALL, _ORG, "Gericht", "Jugendgericht"),
    _c("Stiftung", _A, _S.CIVIL_SOCIETY, _ALL, _ORG),
    _c("Politische Fraktion", _A, _S.POLITICS, _ALL, _ORG, "Fraktion", "Partei"),
    _c("Person", _A, _S.CIVIL_SOCIETY, (), _PER, "Einzelperson"),
    # offices
    _c("Jugendamt", _O, _S.YOUTH_WELFARE, _ALL, None, "Fachbereich Jugend", "Jugendhilfe",
       "Kreisjugendamt", "Amt für Kinder, Jugend und Familie"),
    _c("Schulverwaltungsamt", _O, _S.EDUCATION, _SCHOOL + (_P.TRANSITION_WORK,), None,
       "Schulverwaltung", "Schulamt der Stadt", "Fachbereich Schule"),
    _c("Schulamt", _O, _S.EDUCATION, _SCHOOL, None, "Schulaufsicht", "Staatliches Schulamt",
       "Schulamt für den Kreis"),
    _c("Gesundheitsamt", _O, _S.HEALTH, _ALL, None, "Kinder- und Jugendgesundheitsdienst",
       "KJGD", "Fachbereich Gesundheit"),
    _c("Sozialamt", _O, _S.SOCIAL, _ALL, None, "Fachbereich Soziales"),
    _c("Jobcenter", _O, _S.WORK, (_P.TRANSITION_WORK,), None, "Kreis-Jobcenter",
       "Jobcenter (Geschäftsstelle)"),
    _c("Bildungsbüro", _O, _S.EDUCATION, _ALL, None, "Regionales Bildungsbüro", "RBN",
       "Regionales Bildungsnetzwerk", "Bildungskoordination"),
    _c("Kommunales Integrationszentrum", _O, _S.INTEGRATION, _ALL, None, "KI",
       "Integrationszentrum", "Integrationsbüro"),
    _c("Stadtplanung", _O, _S.URBAN, _ALL, None, "Stadtplanungsamt", "Stadtentwicklung",
       "Amt für Stadtentwicklung"),
    _c("Statistikstelle", _O, _S.URBAN, _ALL, None, "Statistisches Amt", "Statistik",
       "Kommunale Statistik", "Sozialplanung"),
    _c("Verwaltungsspitze", _O, _S.POLITICS, _ALL, None, "Bürgermeisterbüro",
       "Bürgermeisteramt", "Landratsamt", "Büro des Bürgermeisters"),
    _c("Dezernat", _O, _S.POLITICS, _ALL, None, "Verwaltungsvorstand", "Beigeordnete"),
    _c("Standesamt", _O, _S.SOCIAL, (_P.PREGNANCY,), None),
    _c("Ordnungsamt", _O, _S.POLICE_JUSTICE, _ALL, None),
    _c("Sportamt", _O, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Kulturamt",
       "Amt für Kultur und Sport"),
    _c("Jugendhilfeplanung", _O, _S.YOUTH_WELFARE, _ALL, None, "Sozialplanung Jugend"),
    # offers
    _c("Babybesuchsdienst", _F, _S.YOUTH_WELFARE, (_P.U3,), None, "Willkommensbesuch",
       "Babybegrüßung", "Neugeborenenbesuch"),
    _c("Elterncafé", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA), None, "Elterntreff", "Babytreff"),
    _c("Familienhebamme (Angebot)", _F, _S.HEALTH, _EARLY, None, "Familienhebammen-Einsatz"),
    _c("Sprachförderung", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None, "Sprachkurs",
       "Deutschförderung", "Rucksack"),
    _c("Übergangsangebot Kita-Grundschule", _F, _S.EDUCATION, (_P.KITA, _P.PRIMARY), None,
       "Schnuppertage", "Schnuppertage Kita-Grundschule", "Brückenjahr"),
    _c("Übergangsangebot Grundschule-weiterführende Schule", _F, _S.EDUCATION,
       (_P.PRIMARY, _P.SECONDARY), None, "Übergangsberatung"),
    _c("Berufsorientierung", _F, _S.WORK, (_P.SECONDARY, _P.TRANSITION_WORK), None,
       "Potenzialanalyse", "KAoA", "Berufsfelderkundung", "Praktikum"),
    _c("Beratungssprechstunde", _F, _S.YOUTH_WELFARE, _CHILD, None, "Sprechstunde",
       "Offene Sprechstunde", "Erziehungsberatungs-Sprechstunde"),
    _c("Elternkurs", _F, _S.YOUTH_WELFARE, (_P.U3, _P.KITA, _P.PRIMARY), None,
       "Elternbildung", "Elterntraining", "Starke Eltern – Starke Kinder"),
    _c("Hausaufgabenhilfe", _F, _S.EDUCATION, _SCHOOL, None, "Lernförderung", "Nachhilfe"),
    _c("Freizeitangebot", _F, _S.CULTURE_SPORT, _CHILD + _YOUTH, None, "Ferienprogramm",
       "Bewegungsangebot", "Sportangebot"),
    _c("Gesundheitsförderung", _F, _S.HEALTH, _CHILD, None, "Prävention", "Zahnprophylaxe",
       "Bewegungsförderung"),
    _c("Lotsendienst", _F, _S.YOUTH_WELFARE, _ALL, None, "Lotsenangebot", "Clearingstelle",
       "Babylotse"),
    _c("Ausbildungsbegleitung", _F, _S.WORK, (_P.TRANSITION_WORK,), None, "Jugendberufsagentur",
       "Jugendberufshilfe", "Mentoring"),
    _c("Ganztagsangebot", _F, _S.EDUCATION, _SCHOOL, None, "Ganztagsbetreuung",
       "Nachmittagsbetreuung"),
    _c("Schulsozialarbeit (Angebot)", _F, _S.YOUTH_WELFARE, _SCHOOL, None,
       "Schulsozialarbeit an Schulen"),
    _c("Frühförderung (Angebot)", _F, _S.HEALTH, (_P.U3, _P.KITA), None,
       "Frühförderangebot"),
    _c("Fortbildung", _F, _S.YOUTH_WELFARE, _ALL, None, "Qualifizierung", "Schulung",
       "Fachtag"),
    _c("Befragung", _F, _S.URBAN, _ALL, None, "Elternbefragung", "Elternfragebogen",
       "Monitoring"),
    _c("Quartiersprojekt", _F, _S.URBAN, _ALL, None, "Quartiersarbeit", "Stadtteilprojekt",
       "Soziale Stadt"),
)
"""Category defaults (seeds 002 and 003). A row's own sector or life phases always win."""

_CATEGORY_INDEX: dict[str, CategoryInfo] = {}
for _info in CATEGORIES:
    for _spelling in (_info.label, *_info.aliases):
        _CATEGORY_INDEX.setdefault(fold(_spelling), _info)


class CategoryCatalogue:
    """The categories a map knows: the built-in ones plus a Kommune's own.

    A Kommune's own categories (sheet *Kategorien* of the template) win over built-in
    ones of the same name. :meth:`recognize` is cached per spelling.

    >>> BUILTIN.recognize("Kindertagesstätte").label
    'Kita'
    """

    def __init__(self, custom: Iterable[CategoryInfo] = ()) -> None:
        self.custom: tuple[CategoryInfo, ...] = tuple(custom)
        self._index: dict[str, CategoryInfo] = dict(_CATEGORY_INDEX)
        for info in self.custom:
            for spelling in (info.label, *info.aliases):
                self._index[fold(spelling)] = info
        self._cache: dict[tuple[str, str, NodeType | None], Recognition] = {}

    def __iter__(self):  # type: ignore[no-untyped-def]
        seen: set[str] = set()
        for info in (*self.custom, *CATEGORIES):
            if info.label not in seen:
                seen.add(info.label)
                yield info

    def get(self, label: object) -> CategoryInfo | None:
        """The category with this label or alias (folded), no guessing."""
        return self._index.get(fold(label)) if label else None

    def recognize(self, category: object, *, name: object = None,
                  node_type: NodeType | None = None) -> Recognition:
        """Read a category as typed, with the node's name as second hint.

        Parameters
        ----------
        category : str or None
            The cell *Kategorie* as typed.
        name : str, optional
            The node's name, used when the category is empty or unknown
            ("Gesamtschule am Park").
        node_type : NodeType, optional
            Only categories of this node type count (an office's category is never read
            as an offer's).
        """
        text = str(category).strip() if category is not None and str(category).strip() \
            else ""
        key = (text, str(name or ""), node_type)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._recognize(text, str(name or "").strip(), node_type)
            self._cache[key] = hit
        return hit

    def _fits(self, info: CategoryInfo, node_type: NodeType | None) -> bool:
        return node_type is None or info.node_type is node_type

    def _recognize(self, text: str, name: str, node_type: NodeType | None) -> Recognition:
        if text:
            info = self._index.get(fold(text))
            if info is not None and self._fits(info, node_type):
                return Recognition(info, Method.EXACT, text)
        if name:
            info = self._index.get(fold(name))
            if info is not None and self._fits(info, node_type):
                return Recognition(info, Method.NAME, text or None, clue=name)
        return Recognition(None, Method.UNKNOWN if text else Method.EMPTY, text or None)


BUILTIN = CategoryCatalogue()
"""The built-in categories only."""


def recognize_category(category: object, *, name: object = None,
                       node_type: NodeType | None = None) -> Recognition:
    """:meth:`CategoryCatalogue.recognize` over the built-in categories.

    >>> recognize_category("Kita").label
    'Kita'
    """
    return BUILTIN.recognize(category, name=name, node_type=node_type)


def category_info(category: object) -> CategoryInfo | None:
    """The defaults for a category as typed by a user, or ``None`` if unknown.

    >>> info = category_info("kindertagesstaette")
    >>> info.label, info.sector.label, [p.value for p in info.life_phases]
    ('Kita', 'Kinder- und Jugendhilfe', ['u3', 'kita'])
    """
    return _CATEGORY_INDEX.get(fold(category))


def suggest_category(category: object, node_type: NodeType | None = None, n: int = 3
                     ) -> list[str]:
    """Known category labels close to an unknown one."""
    keys = difflib.get_close_matches(fold(category), list(_CATEGORY_INDEX), n=n * 3,
                                     cutoff=0.75)
    labels: list[str] = []
    for key in keys:
        info = _CATEGORY_INDEX[key]
        if (node_type is None or info.node_type is node_type) and info.label not in labels:
            labels.append(info.label)
    return labels[:n]


_CORE_PHASES: dict[str, LifePhase] = {
    "Kita": LifePhase.KITA, "Geburtsklinik": LifePhase.PREGNANCY,
    "Schwangerschaftsberatung": LifePhase.PREGNANCY, "Hebamme": LifePhase.PREGNANCY,
    "Frühförderstelle": LifePhase.U3, "Gesamtschule": LifePhase.SECONDARY,
    "Gymnasium": LifePhase.SECONDARY,
}


def core_phase(category: object) -> LifePhase | None:
    """The life phase a two-phase category is mainly about, for transitions.

    A Kita also takes children under three, but at the transition Familie → Kita it is
    the Kita side; a Hebamme also visits after birth, but at Geburt → Frühe Hilfen she is
    the birth side.

    >>> core_phase("Kindertagesstätte")
    <LifePhase.KITA: 'kita'>
    """
    info = category_info(category)
    return _CORE_PHASES.get(info.label) if info is not None else None
