"""Speed of the Bestandsaufnahme: merging 300 answers into a 5,000-node map, and duplicate
matching over 50,000 names.

(a) **Merge.** A synthetic Kreis of about 5,000 nodes
(``netzkarte.datasets.synthetic.synthetic(5000, seed=…)``); 300 of its partners answer. Each
answer lists every actor and office of the map in *Ihre Kontakte* (about 2,400 rows), keeps
most of its known ties, changes the strength of some, denies a few, names two new ones and
sometimes a new partner with a typo or a legal-form variant of an existing name. The answers
are written once (plain workbooks, as any spreadsheet program may save them; setup time is
reported but not part of the target), then the merge is timed as ``netzkarte
zusammenfuehren`` runs it: read and merge (target ≤ 30 s), write the merged workbook, write
the Rückmeldung.

(b) **Duplicates.** All node names of ``synthetic(50000)`` (about 50,000): build the blocked
index, find every probable duplicate pair among them (no all-pairs loop), and match 1,000
names with planted typos and legal forms against the index (recall reported).

Run::

    python benchmarks/survey_benchmark.py [--answers 300] [--nodes 5000] [--names 50000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = ["main", "write_answers"]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

TARGET_MERGE_SECONDS = 30.0


def _answer_workbook(m: Any, partner: str, path: Path, when: datetime, rng: random.Random,
                     names: list[str]) -> None:
    """One filled questionnaire of ``partner``, as plain cells (no styles)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from netzkarte.survey.layout import (
        ART_CHOICES,
        COMMITTEE_HEADERS,
        CONTACT_HEADERS,
        NEW_EXTRA_HEADERS,
        OFFER_HEADERS,
        OWN_HEADERS,
        STRENGTH_CHOICES,
    )
    from netzkarte.survey.questionnaire import contact_order
    from netzkarte.survey.ties import main_tie
    from netzkarte.vocab import EdgeKind, NodeType

    graph = m.graph
    wb = Workbook(write_only=True)
    info = wb.create_sheet("Erhebung")
    for key, value in (("Format", "netzkarte-erhebung/1"), ("Kommune", m.meta.municipality),
                       ("Partner-ID", partner), ("Partner", m.name(partner)),
                       ("Befragte", "alle")):
        info.append([key, value])
    own = wb.create_sheet("Ihre Einrichtung")
    own.append(["Bitte prüfen."])
    own.append([])
    own.append(list(OWN_HEADERS))
    own.append(["ID", partner, partner])
    own.append(["Name", m.name(partner), m.name(partner)])
    own.append(["Ausgefüllt am", None, when.date()])
    contacts = wb.create_sheet("Ihre Kontakte")
    contacts.append(["Mit wem arbeiten Sie zusammen?"])
    contacts.append([])
    contacts.append(list(CONTACT_HEADERS))
    kinds = {EdgeKind.COOPERATION: ART_CHOICES[0].label, EdgeKind.CONTRACT: ART_CHOICES[1].label}
    order = contact_order(m, partner)
    new_ties = set(rng.sample(range(len(order)), 2))
    for i, (other, tied) in enumerate(order):
        art = strength = None
        tie = main_tie(m, partner, other) if tied else None
        if tie is not None and rng.random() > 0.05:  # 5 % of known ties denied
            art = kinds.get(tie[3]["kind"], ART_CHOICES[0].label)
            value = int(tie[3].get("strength") or 2)
            if rng.random() < 0.1:  # 10 % with another strength
                value = max(1, min(4, value + rng.choice((-1, 1))))
            strength = STRENGTH_CHOICES[value - 1]
        elif i in new_ties:
            art, strength = ART_CHOICES[0].label, STRENGTH_CHOICES[rng.randint(0, 3)]
        data = graph.nodes[other]
        sector = data.get("sector")
        contacts.append([other, data.get("name"), sector.label if sector else None,
                         data.get("district"), art, strength, None, None])
    committees = wb.create_sheet("Ihre Gremien")
    committees.append(["Gremien"])
    committees.append([])
    committees.append(list(COMMITTEE_HEADERS))
    for _, committee, d in graph.out_edges(partner, data=True):
        if d["kind"] is EdgeKind.MEMBER:
            committees.append([committee, m.name(committee), None, None, "ja", None, None, None])
    offers = wb.create_sheet("Ihre Angebote")
    offers.append(["Angebote"])
    offers.append([])
    offers.append(list(OFFER_HEADERS))
    for _, offer, d in graph.out_edges(partner, data=True):
        if d["kind"] is EdgeKind.PROVIDES and graph.nodes[offer]["type"] is NodeType.OFFER:
            offers.append([offer, m.name(offer)])
    new = wb.create_sheet("Neue Partner")
    new.append(["Neue Partner"])
    new.append([])
    from netzkarte.schema import sheet

    headers = [*sheet("Akteure").headers, *NEW_EXTRA_HEADERS]
    new.append(headers)
    if rng.random() < 0.2:  # a known partner under another spelling
        name = rng.choice(names)
        name = name + " e. V." if rng.random() < 0.5 else name[:-2] + name[-1] + name[-2]
        row = [None] * len(headers)
        row[1], row[-3], row[-2] = name, ART_CHOICES[0].label, STRENGTH_CHOICES[1]
        new.append(row)
    wb.properties.modified = wb.properties.created = when
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()


def write_answers(m: Any, folder: Path, count: int, seed: int = 5) -> list[Path]:
    """``count`` filled questionnaires of randomly chosen partners of ``m``."""
    from netzkarte.survey.questionnaire import eligible_partners

    rng = random.Random(seed)
    partners = rng.sample(eligible_partners(m), count)
    names = [m.name(p) for p in eligible_partners(m)]
    start = datetime(2019, 5, 2, 8, 0)
    paths = []
    for i, partner in enumerate(partners):
        path = folder / f"antwort_{i:03d}.xlsx"
        _answer_workbook(m, partner, path, start + timedelta(minutes=7 * i), rng, names)
        paths.append(path)
    return paths


def _merge(nodes: int, answers: int, seed: int) -> list[tuple[str, str]]:
    from netzkarte.datasets.synthetic import synthetic
    from netzkarte.io.template import write_excel
    from netzkarte.survey import merge_answers, write_feedback_html, write_feedback_xlsx

    m = synthetic(nodes, seed=seed).map
    rows: list[tuple[str, str]] = [("map", f"{len(m)} nodes, {m.counts()['edges']} edges")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = write_answers(m, folder, answers)
        rows.append((f"setup: write {answers} answers (not timed)",
                     f"{time.perf_counter() - start:.1f} s"))
        start = time.perf_counter()
        result = merge_answers(m, paths)
        merge_time = time.perf_counter() - start
        rows.append((f"read and merge {answers} answers", f"{merge_time:.1f} s "
                     f"(target ≤ {TARGET_MERGE_SECONDS:.0f} s: "
                     f"{'ok' if merge_time <= TARGET_MERGE_SECONDS else 'MISSED'})"))
        start = time.perf_counter()
        write_excel(result.map, folder / "neu.xlsx")
        rows.append(("write merged workbook", f"{time.perf_counter() - start:.1f} s"))
        start = time.perf_counter()
        write_feedback_html(result, folder / "r.html")
        write_feedback_xlsx(result, folder / "r.xlsx")
        rows.append(("write Rückmeldung (HTML + xlsx)", f"{time.perf_counter() - start:.1f} s"))
        states: dict[str, int] = {}
        for t in result.ties:
            states[t.status.label] = states.get(t.status.label, 0) + 1
        used = sum(a.status == "übernommen" for a in result.answers)
        rows.append(("answers used / problems", f"{used} / {len(result.problems)}"))
        rows.append(("ties not confirmed", ", ".join(f"{n} {s}" for s, n in sorted(
            states.items()))))
        rows.append(("probable duplicates listed", str(len(result.duplicates))))
    return rows


def _duplicates(names_wanted: int, seed: int) -> list[tuple[str, str]]:
    from netzkarte.datasets.synthetic import synthetic
    from netzkarte.survey.names import LIKELY, NameIndex, find_duplicates

    m = synthetic(names_wanted, seed=seed).map
    names = {str(n): str(d.get("name") or n) for n, d in m.graph.nodes(data=True)}
    rows: list[tuple[str, str]] = [("names", f"{len(names)}")]
    start = time.perf_counter()
    index = NameIndex(names)
    rows.append(("build blocked index", f"{time.perf_counter() - start:.2f} s"))
    start = time.perf_counter()
    pairs = find_duplicates(names)
    rows.append(("all probable duplicate pairs among them",
                 f"{time.perf_counter() - start:.1f} s ({len(pairs)} pairs, "
                 f"{sum(s >= LIKELY for _, _, s in pairs)} likely)"))
    rng = random.Random(seed)
    planted: dict[str, str] = {}
    for node in rng.sample(sorted(names), 1000):
        name = names[node]
        if rng.random() < 0.5:
            name += " gGmbH"
        else:  # two letters swapped (a swapped digit makes another number: no duplicate)
            spots = [i for i in range(1, len(name) - 1)
                     if name[i].isalpha() and name[i + 1].isalpha() and name[i] != name[i + 1]]
            if spots:
                i = rng.choice(spots)
                name = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        planted[node] = name
    start = time.perf_counter()
    found = sum(1 for node, name in planted.items()
                if node in {m.id for m in index.similar(name, limit=0)})
    elapsed = time.perf_counter() - start
    rows.append(("match 1,000 planted variants", f"{elapsed:.2f} s "
                 f"({elapsed / len(planted) * 1000:.2f} ms each, recall {found / 10:.1f} %)"))
    return rows


def _table(title: str, rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--names", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    print(_table(f"(a) merge {args.answers} answers into a {args.nodes}-node map",
                 _merge(args.nodes, args.answers, args.seed)))
    print()
    print(_table(f"(b) duplicate matching over about {args.names} names",
                 _duplicates(args.names, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
