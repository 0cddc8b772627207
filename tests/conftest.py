"""Shared fixtures: a tiny hand-built map every test module may use."""

from __future__ import annotations

import pytest
from maps import build_small_map

from netzkarte import NetworkMap


@pytest.fixture
def small_map() -> NetworkMap:
    """A fresh copy of the tiny hand-built map."""
    return build_small_map()
