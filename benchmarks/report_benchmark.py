"""Time the meeting report for Kindertal: analysis, figures, page (prints a table).

Run: ``python benchmarks/report_benchmark.py``
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from netzkarte.analysis.core import analyze
from netzkarte.datasets import kindertal
from netzkarte.render.report import write_report


def main() -> None:
    m = kindertal(2019)
    rows = []
    for label, kwargs in (("mit Karte", {}), ("ohne Karte", {"include_map": False}),
                          ("anonym", {"anonymous": True})):
        out = Path(tempfile.mkdtemp()) / "bericht.html"
        started = time.perf_counter()
        result = analyze(m, progress=False)
        analysed = time.perf_counter()
        write_report(m, out, result=result, **kwargs)
        done = time.perf_counter()
        rows.append((label, analysed - started, done - analysed, done - started,
                     out.stat().st_size / 1e6))
    print(f"{'Bericht Kindertal':<18}{'Analyse s':>10}{'Bericht s':>10}{'gesamt s':>10}{'MB':>7}")
    for label, a, r, t, mb in rows:
        print(f"{label:<18}{a:>10.2f}{r:>10.2f}{t:>10.2f}{mb:>7.2f}")


if __name__ == "__main__":
    main()
