"""The two steps of the command line as one call each: send questionnaires, merge answers.

``netzkarte erhebung`` and ``netzkarte zusammenfuehren`` stay thin: they parse their
arguments, call :func:`send_questionnaires` or :func:`merge_files` and print the German
lines these return.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netzkarte.errors import IssueCode, OptionError
from netzkarte.survey.decisions import Decisions, read_decisions
from netzkarte.survey.layout import Confirmation
from netzkarte.survey.merge import MergeResult, merge_answers
from netzkarte.survey.ties import StrengthRule

__all__ = ["MergeRun", "merge_files", "send_questionnaires"]


def send_questionnaires(map_path: str | os.PathLike[str], folder: str | os.PathLike[str], *,
                        partners: Sequence[str] | None = None, persons: bool = False
                        ) -> tuple[list[Path], str]:
    """Read a map and write its questionnaires; returns the files and a German summary."""
    from netzkarte.io.exchange import load
    from netzkarte.survey.questionnaire import write_questionnaires

    network = load(map_path)
    written = write_questionnaires(network, folder, partners=partners or None, persons=persons)
    summary = (f"{len(written) - 1} Fragebögen und ein leerer für neue Partner "
               f"({written[-1].name}) geschrieben nach {Path(folder).resolve()}.\n"
               "Schicken Sie jedem Partner seine Datei. Die ausgefüllten Fragebögen führen Sie "
               f"zusammen mit: netzkarte zusammenfuehren {map_path} ANTWORT… -o NEU.xlsx "
               "--bericht rueckmeldung.html --entscheidungen rueckmeldung.xlsx")
    return written, summary


@dataclass
class MergeRun:
    """What :func:`merge_files` did: the result, the files written and what to print."""

    result: MergeResult
    written: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every answer was used completely (exit code 0; otherwise 1)."""
        return self.result.ok


def _check_target(path: Path, suffixes: tuple[str, ...], option: str,
                  inputs: Sequence[Path]) -> None:
    if path.suffix.lower() not in suffixes:
        raise OptionError(f"{option}: „{path.name}“ muss auf {' oder '.join(suffixes)} enden.",
                          IssueCode.UNKNOWN_FORMAT)
    for given in inputs:
        if path.exists() and given.exists() and path.resolve() == given.resolve():
            raise OptionError(f"{option}: „{path}“ ist eine der Eingabedateien. Wählen Sie einen "
                              "anderen Namen – die Eingaben bleiben unverändert.",
                              IssueCode.FILE_EXISTS)


def merge_files(map_path: str | os.PathLike[str], answers: Sequence[str | os.PathLike[str]],
                output: str | os.PathLike[str], *, report: str | os.PathLike[str] | None = None,
                decisions: str | os.PathLike[str] | None = None,
                rule: StrengthRule | str = StrengthRule.MINIMUM,
                persons: bool = False) -> MergeRun:
    """Merge answer files into a map file and write the merged workbook and the Rückmeldung.

    Parameters
    ----------
    map_path : str or PathLike
        The map (filled template ``.xlsx`` or ``.json``).
    answers : sequence of paths
        The returned questionnaires.
    output : str or PathLike
        The merged map, a filled template (``.xlsx``).
    report : str or PathLike, optional
        The Rückmeldung as HTML.
    decisions : str or PathLike, optional
        The Rückmeldung workbook: read first when it exists (the coordinator's decisions
        are applied), then written anew with the decisions kept.
    rule : StrengthRule or str, default "minimum"
        The strength rule (:class:`~netzkarte.survey.ties.StrengthRule`).
    persons : bool, default False
        Persons were asked too.

    Raises
    ------
    InputError
        The map or the decisions file cannot be read, or an output name is wrong. A bad
        answer file never raises: it is listed and the others are merged.
    ValidationError
        The map has errors.
    """
    from netzkarte.io.exchange import load
    from netzkarte.io.template import write_excel
    from netzkarte.survey.feedback import write_feedback_html, write_feedback_xlsx

    target = Path(output)
    inputs = [Path(map_path), *(Path(a) for a in answers)]
    _check_target(target, (".xlsx",), "-o", inputs)
    if report is not None:
        _check_target(Path(report), (".html", ".htm"), "--bericht", inputs)
    chosen: Decisions | None = None
    notes: list[str] = []
    if decisions is not None:
        _check_target(Path(decisions), (".xlsx",), "--entscheidungen", inputs)
        if Path(decisions).exists():
            chosen, notes = read_decisions(decisions)
    network = load(map_path)
    result = merge_answers(network, answers, rule=rule, decisions=chosen, persons=persons)
    result.decision_notes = notes
    run = MergeRun(result)
    run.written.append(write_excel(result.map, target))
    if report is not None:
        run.written.append(write_feedback_html(result, report))
    if decisions is not None:
        run.written.append(write_feedback_xlsx(result, decisions, decisions=chosen))
    run.lines = _summary(result, run.written, detailed=report is None and decisions is None)
    run.errors = [*(f"Entscheidungen: {n}" for n in notes)]
    if not result.ok:
        run.errors.append("Nicht (vollständig) übernommen: " + ", ".join(result.failed))
        run.errors.extend(f"  {line}" for (_, issue), line in
                          zip(result.problems, result.problem_lines(), strict=True)
                          if issue.severity == "error")
    return run


def _summary(result: MergeResult, written: Sequence[Path], *, detailed: bool) -> list[str]:
    status = Counter(a.status for a in result.answers)
    states = Counter(c.status for c in result.ties)
    confirmed = sum(1 for state in _states(result) if state is Confirmation.CONFIRMED)
    r = result.response
    lines = [
        f"Antworten: {status['übernommen']} übernommen"
        + "".join(f", {n} {label}" for label, n in (("ersetzt durch eine spätere", status[
            "ersetzt"]), ("älter als die schon übernommene", status["älter"]),
            ("nicht verwendbar", status["nicht verwendbar"])) if n) + ".",
        f"Rücklauf: {r.answered} von {r.asked} ({round(100 * r.rate)} %)"
        + (f", dazu {r.new} neue Partner" if r.new else "") + f"; ohne Antwort: {len(r.missing)}.",
        f"Beziehungen: {confirmed} bestätigt, "
        + ", ".join(f"{states[s]} {s.label}" for s in (
            Confirmation.DISAGREEING, Confirmation.ONE_SIDED, Confirmation.DISPUTED,
            Confirmation.UNCONFIRMED)) + ".",
        f"Mögliche Dubletten (zu entscheiden): {len(result.duplicates)}; korrigierte Angaben: "
        f"{len(result.corrections)}; Hinweise zu einzelnen Zeilen: "
        f"{sum(1 for _, i in result.problems if i.severity != 'error')}.",
    ]
    if result.removed:
        lines.append(f"Auf Entscheidung geändert: {len(result.removed)}.")
    if detailed:
        lines.extend(f"  Hinweis: {line}" for (_, issue), line in
                     zip(result.problems, result.problem_lines(), strict=True)
                     if issue.severity != "error")
        if result.duplicates:
            lines.append("Mögliche Dubletten: " + "; ".join(
                f"{d.new_name} ({d.new}) ~ {d.existing_name} ({d.existing})"
                for d in result.duplicates))
    lines.append("Geschrieben: " + ", ".join(str(p) for p in written))
    return lines


def _states(result: MergeResult) -> list[Confirmation]:
    from netzkarte.survey.ties import tie_confirmation

    return [Confirmation(v) for v in tie_confirmation(result.map).values()]
