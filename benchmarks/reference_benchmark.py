"""Time reference checking: a valid workbook against the same one with 300 typos.

Builds row dicts for maps of 20,000 and 60,000 nodes (actors, offices, committees and
offers with made-up but German-looking names; every actor in one or two committees, offers
with a provider), then times :func:`netzkarte.io.build.build_map` on

* the valid rows,
* the same rows with 300 references broken: 100 mistyped IDs, 100 mistyped names and
  100 short forms of names (first word dropped, legal form left out).

Unknown references get "meinten Sie" suggestions and close names are matched from indexes
(:mod:`netzkarte.io.refs`), so the typos should cost about as much as a few milliseconds
each, not a scan of every ID per typo. Prints a table of seconds and issue counts.

Run::

    python benchmarks/reference_benchmark.py [--sizes 20000 60000] [--typos 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from netzkarte.io.build import build_map  # noqa: E402

__all__ = ["break_references", "main", "rows"]

Rows = dict[str, list[dict[str, Any]]]

# kind of facility in the name -> its category (so that only references are timed)
_KINDS = {"Kita": "Kita", "Grundschule": "Grundschule", "Familienzentrum": "Familienzentrum",
          "Beratungsstelle": "Familienberatungsstelle", "Jugendtreff": "Jugendzentrum",
          "Hebammenpraxis": "Hebamme", "Kinderarztpraxis": "Kinderarztpraxis",
          "Förderverein": "Freier Träger", "Elterninitiative": "Freier Träger"}
_FORMS = ("", "", "", " e.V.", " gGmbH", " e. V.")
_SYLLABLES = ("son", "nen", "blu", "me", "re", "gen", "bo", "wald", "au", "berg", "lin",
              "den", "ha", "fen", "ro", "se", "kas", "ta", "nie", "hof", "mar", "tin",
              "eich", "feld", "bach", "tal", "stein", "hei", "de", "lo", "ri", "ka")


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()


def rows(n: int, seed: int = 1) -> Rows:
    """Valid sheets of about ``n`` nodes as row dicts keyed by German header."""
    rnd = random.Random(seed)
    out: Rows = {"Akteure": [], "Ämter": [], "Gremien": [], "Angebote": [],
                 "Mitgliedschaften": [], "Beziehungen": []}
    towns = [f"{_word(rnd)}stadt" for _ in range(max(1, n // 1000))]
    names: set[str] = set()

    def unique(name: str) -> str:
        while name in names:
            name = f"{name} {_word(rnd)}"
        names.add(name)
        return name

    offices = []
    for t, town in enumerate(towns):
        for j in range(10):
            oid = f"AMT-{t:03d}-{j}"
            offices.append(oid)
            out["Ämter"].append({"ID": oid, "Name": unique(f"Amt {j} {town}"),
                                 "Kategorie": "Jugendamt"})
    committees = []
    for t, town in enumerate(towns):
        for j in range(8):
            gid = f"G-{t:03d}-{j}"
            committees.append(gid)
            out["Gremien"].append({"ID": gid, "Name": unique(f"Netzwerk {_word(rnd)} – {town}"),
                                   "Federführung": rnd.choice(offices)})
    actors = []
    n_actors = n - len(offices) - len(committees) - n // 10
    for i in range(n_actors):
        aid = f"A-{i:06d}"
        actors.append(aid)
        kind = rnd.choice(list(_KINDS))
        name = f"{kind} {_word(rnd)} {rnd.choice(towns)}{rnd.choice(_FORMS)}"
        out["Akteure"].append({"ID": aid, "Name": unique(name), "Kategorie": _KINDS[kind]})
        for gid in rnd.sample(committees, rnd.randint(1, 2)):
            out["Mitgliedschaften"].append({"Mitglied": aid, "Gremium": gid})
    for i in range(n // 10):
        out["Angebote"].append({"ID": f"ANG-{i:06d}", "Name": unique(f"Kurs {_word(rnd)} {i}"),
                                "Kategorie": "Elternkurs", "Anbieter": rnd.choice(actors)})
    for _ in range(n // 2):
        a, b = rnd.sample(actors, 2)
        out["Beziehungen"].append({"Von": a, "Zu": b, "Art": "Kooperation"})
    return out


def _typo(rnd: random.Random, text: str) -> str:
    i = rnd.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1:] if rnd.random() < 0.5 else text[:i] + "x" + text[i:]


def break_references(data: Rows, typos: int, seed: int = 2) -> Rows:
    """A copy of ``data`` with ``typos`` memberships pointing at broken references."""
    rnd = random.Random(seed)
    out = {name: list(sheet) for name, sheet in data.items()}
    members = out["Mitgliedschaften"] = [dict(r) for r in out["Mitgliedschaften"]]
    names = {r["ID"]: r["Name"] for r in out["Akteure"]}
    for k, row in enumerate(rnd.sample(members, typos)):
        aid = row["Mitglied"]
        if k % 3 == 0:
            row["Mitglied"] = _typo(rnd, aid)
        elif k % 3 == 1:
            row["Mitglied"] = _typo(rnd, names[aid])
        else:  # short form: no leading kind, no legal form
            words = names[aid].replace(" e. V.", "").replace(" e.V.", "").split()
            row["Mitglied"] = " ".join(words[1:]).replace(" gGmbH", "")
    return out


def _time(data: Rows, repeat: int) -> tuple[float, int, int]:
    times = []
    report = None
    for _ in range(repeat):
        start = time.perf_counter()
        _, report = build_map(data)
        times.append(time.perf_counter() - start)
    assert report is not None
    return statistics.median(times), len(report.errors), len(report.warnings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 60_000])
    parser.add_argument("--typos", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'nodes':>7} {'case':<12} {'seconds':>8} {'errors':>7} {'warnings':>9}")
    for n in args.sizes:
        valid = rows(n)
        broken = break_references(valid, args.typos)
        for label, data in (("valid", valid), (f"{args.typos} typos", broken)):
            seconds, errors, warnings = _time(data, args.repeat)
            print(f"{n:>7} {label:<12} {seconds:>8.2f} {errors:>7} {warnings:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
