"""Files netzkarte wrote itself that are no map: a Maßnahmenliste, an Übersicht, the
findings or a comparison as JSON.

A coordinator keeps them next to the workbooks (``netzkarte demo`` writes them into one
folder). A folder read as one map leaves them out with a note
(:func:`netzkarte.io.combine.read_sources`); a file named as a map gets an ``own-output``
error that says what it is (:func:`refuse_own_output`). This module imports nothing heavy:
the command line asks it before it starts reading.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from netzkarte.errors import InputError, IssueCode
from netzkarte.vocab import fold

__all__ = ["own_output", "refuse_own_output"]

_OUTPUT_SHEETS = {"massnahmen": "eine Maßnahmenliste („netzkarte analyse --xlsx“)",
                  "kommunen": "eine Übersicht der Kommunen („netzkarte uebersicht --xlsx“)"}
_OUTPUT_KEYS = (({"findings", "quality_checks"}, "eine Datei mit den Befunden einer "
                 "Analyse („netzkarte analyse --json“)"),
                ({"findings_resolved", "nodes_added"}, "ein Vergleich zweier Stände "
                 "(„netzkarte vergleich --json“)"))


def own_output(path: str | os.PathLike[str]) -> str | None:
    """What netzkarte wrote this file as, when it is one of its outputs and no map
    (German, e.g. „eine Maßnahmenliste („netzkarte analyse --xlsx“)“), else ``None``.

    A workbook counts when it has none of the template's data sheets and a sheet the
    Maßnahmenliste or the Übersicht starts with; a JSON file when its keys are those of
    the findings or of a comparison. Unreadable files are ``None``: reading them says why.

    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "befunde.json"
    >>> _ = p.write_text(json.dumps({"findings": [], "quality_checks": []}))
    >>> own_output(p)
    'eine Datei mit den Befunden einer Analyse („netzkarte analyse --json“)'
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".json":
            with path.open("rb") as raw:
                if b'"schema"' in raw.read(4096):
                    return None  # an export starts with its schema: no second parse
            if path.stat().st_size > 200_000_000:
                return None
            with path.open(encoding="utf-8") as fh:
                doc = json.load(fh)
            if isinstance(doc, dict) and "schema" not in doc:
                keys = set(doc)
                return next((what for needed, what in _OUTPUT_KEYS if needed <= keys), None)
            return None
        if path.suffix.lower() == ".xlsx":
            from netzkarte.io.safety import _sheet_names
            from netzkarte.schema import SHEETS

            with zipfile.ZipFile(path) as zf:
                sheets = [fold(n) for n in _sheet_names(zf).values()]
            if not sheets or {fold(s.name) for s in SHEETS} & set(sheets):
                return None
            return next((what for key, what in _OUTPUT_SHEETS.items() if key in sheets), None)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    return None


def refuse_own_output(path: str | os.PathLike[str]) -> None:
    """Raise an ``own-output`` :class:`InputError` when a file named as a map is one of
    netzkarte's outputs (a Maßnahmenliste given instead of the filled template)."""
    what = own_output(path)
    if what is not None:
        raise InputError(f"„{Path(path).name}“ ist {what}, keine Karte. Geben Sie die "
                         "ausgefüllte Vorlage an (oder eine mit „netzkarte export“ "
                         "geschriebene .json-Datei).", IssueCode.OWN_OUTPUT)


