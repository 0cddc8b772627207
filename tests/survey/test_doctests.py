"""The examples in the docstrings of the survey package run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["answers", "decisions", "layout", "merge", "names", "questionnaire", "result", "ties",
           "values", "workflow", "feedback", ""]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"netzkarte.survey.{name}".rstrip("."))
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
