"""Fixtures for import tests; the helpers themselves live in ``xlsx_helpers.py``.

``write_workbook(path, sheets, anleitung_meta=None)`` writes a real .xlsx with openpyxl
(one sheet per entry, rows as lists, header first); ``base_sheets()`` is a small valid
Netzwerkkarte as row dicts. Test modules import them with ``from xlsx_helpers import …``
(a unique module name: every test folder has a ``conftest``).
"""

from __future__ import annotations

import pytest
from xlsx_helpers import Rows, base_sheets, write_workbook

__all__ = ["base_sheets", "sheets", "write_workbook"]


@pytest.fixture
def sheets() -> dict[str, Rows]:
    """A fresh copy of the valid base dataset (row dicts keyed by German headers)."""
    return base_sheets()
