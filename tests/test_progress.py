"""The progress helper: passes items through, quiet unless asked or on a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from netzkarte.progress import progress, progress_enabled


def test_items_pass_through_unchanged_when_disabled(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(progress(iter([3, 1, 2]), total=3, desc="Test", enabled=False)) == [3, 1, 2]
    assert capsys.readouterr().err == ""


def test_default_is_quiet_when_stderr_is_not_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stderr", fake)
    assert progress_enabled() is False
    assert list(progress(range(3), desc="Analyse")) == [0, 1, 2]
    assert fake.getvalue() == ""


def test_enabled_shows_a_bar_with_the_german_label(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stderr", fake)
    assert list(progress(range(5), desc="Analyse", enabled=True)) == [0, 1, 2, 3, 4]
    assert "Analyse:" in fake.getvalue() and "/5" in fake.getvalue()


def test_leaving_the_loop_early_closes_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stderr", fake)
    gen = progress(range(100), desc="Abbruch", enabled=True)
    assert next(gen) == 0
    gen.close()  # runs the finally clause
    assert "Abbruch" in fake.getvalue()
