"""Time the synthetic generator from one town to a state programme.

Run ``python benchmarks/synthetic_benchmark.py`` (add ``--plant`` to plant every problem).
Prints one row per size: Kommunen, Sozialräume, nodes, edges and seconds (best of
``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from netzkarte.datasets.synthetic import synthetic

__all__ = ["main"]

SIZES = (300, 1_000, 5_000, 15_000, 50_000)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the timing table; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plant", action="store_true", help="plant every known problem")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (best counts)")
    args = parser.parse_args(argv)
    print(f"{'n_nodes':>8} {'Kommunen':>8} {'Sozialr.':>8} {'nodes':>8} {'edges':>8} "
          f"{'seconds':>8}")
    for n in SIZES:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = synthetic(n, seed=0, plant="all" if args.plant else None)
            best = min(best, time.perf_counter() - start)
        m = result.map
        print(f"{n:>8} {m.districts['municipality'].nunique():>8} {len(m.districts):>8} "
              f"{len(m):>8} {m.graph.number_of_edges():>8} {best:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
