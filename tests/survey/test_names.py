"""Duplicate matching: normalised names, typo scores, blocking instead of all pairs."""

from __future__ import annotations

import random
import time

import pytest

from netzkarte.survey.names import (
    LIKELY,
    POSSIBLE,
    NameIndex,
    find_duplicates,
    name_key,
    score,
)


@pytest.mark.parametrize(("a", "b"), [
    ("Kita Sonnenschein e.V.", "Kita Sonnenschein"),                       # legal form
    ("Familienzentrum Nord gGmbH", "Familienzentrum Nord"),
    ("Städt. Kita Am Kanal", "Städtische Kita Am Kanal"),                  # Städt.
    ("Städt. Kindertagesstätte Regenbogen", "Kita Regenbogen"),            # Kita synonym
    ("Kindergarten Arche Noah", "KiTa Arche Noah"),
    ("Jugendzentrum Ost", "JZ Ost"),
    ("Grundschule Mühlenweg", "Grundschule Muehlenweg"),                   # umlauts
    ("Erziehungsberatungsstelle Süd", "Süd, Erziehungsberatungsstelle"),   # word order
    ("Dr. Jan Feldmann", "Jan Feldmann"),                                  # titles
    ("Jugendamt der Stadt Kindertal", "Jugendamt Kindertal"),
    ("Kath. Kita St. Josef", "Katholische Kita Sankt Josef"),
])
def test_the_same_name_in_other_spellings_has_the_same_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b", "level"), [
    ("Kita Sonnenschien", "Kita Sonnenschein", LIKELY),                     # typo
    ("Grundschule am Prak", "Grundschule am Park", LIKELY),
    ("Familienzentrum Regenbogen", "Familienzentrum Regenbogen (Städt. Kita)", POSSIBLE),
    ("Jugendmigrationsdienst Kindertal", "Jugendmigrationsdienst Kindertl", LIKELY),
])
def test_typos_and_extra_words_score_as_duplicates(a: str, b: str, level: float) -> None:
    assert score(name_key(a), name_key(b)) >= level


@pytest.mark.parametrize(("a", "b"), [
    ("Grundschule 1", "Grundschule 2"),               # a number tells them apart
    ("Kita Sonnenschein", "Kita Regenbogen"),
    ("Gesundheitsamt", "Jugendamt"),
    ("Kita Nord", "Kita Süd"),
])
def test_different_partners_are_no_candidates(a: str, b: str) -> None:
    assert score(name_key(a), name_key(b)) < POSSIBLE


def test_index_finds_exact_and_close_names() -> None:
    index = NameIndex({"A-1": "Kita Sonnenschein", "A-2": "Kita Regenbogen",
                       "A-3": "Grundschule am Park"})
    assert index.exact("Kita Sonnenschein e. V.") == ["A-1"]
    found = index.similar("Kita Sonnenschien")
    assert [m.id for m in found] == ["A-1"] and not found[0].exact
    assert index.similar("Kita Sonnenschien", exclude=["A-1"]) == []
    index.add("A-4", "Kita Sonnenschein")
    assert index.exact("Kita Sonnenschein") == ["A-1", "A-4"]
    index.remove("A-4")
    assert index.exact("Kita Sonnenschein") == ["A-1"]


def _names(n: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    kinds = ["Kita", "Grundschule", "Familienzentrum", "Jugendzentrum", "Beratungsstelle",
             "Sportverein", "Praxis", "Kirchengemeinde"]
    syllables = ["son", "nen", "schein", "re", "gen", "bo", "lin", "den", "ha", "mel",
                 "tal", "berg", "wie", "sen", "feld", "bach", "horn", "mark", "stein"]
    out: dict[str, str] = {}
    while len(out) < n:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))).title()
        place = "".join(rng.choice(syllables) for _ in range(3)).title()
        out[f"N{len(out)}"] = f"{rng.choice(kinds)} {word} {place}"
    return out


def test_planted_duplicates_are_found_among_many_names() -> None:
    names = _names(3000, seed=4)
    names["X1"] = names["N10"] + " e. V."            # legal form
    names["X2"] = names["N20"].replace("Kita", "Kindertagesstätte")
    typo = names["N30"]
    names["X3"] = typo[:-2] + typo[-1] + typo[-2]     # swapped letters
    pairs = {(a, b) for a, b, _ in find_duplicates(names, cutoff=LIKELY)}
    assert {("N10", "X1"), ("N20", "X2"), ("N30", "X3")} <= pairs


def test_blocking_scales_without_all_pairs() -> None:
    small, big = _names(2000, seed=1), _names(16000, seed=2)
    timings = []
    for names in (small, big):
        start = time.perf_counter()
        find_duplicates(names)
        timings.append((time.perf_counter() - start) / len(names))
    # time per name stays flat (an all-pairs loop would grow eightfold)
    assert timings[1] < timings[0] * 4
