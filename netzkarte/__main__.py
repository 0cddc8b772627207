"""``python -m netzkarte``: the same program as the ``netzkarte`` console script."""

from __future__ import annotations

from netzkarte.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    raise SystemExit(main())
