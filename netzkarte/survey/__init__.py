"""The Bestandsaufnahme with the partners: questionnaires out, answers in, one merged map.

Who works with whom only the partners know. The survey runs in three steps, each a
command and a function:

1. :func:`write_questionnaires` (``netzkarte erhebung``) writes one Excel questionnaire per
   partner of the map, plus a blank one for partners not yet on it;
2. :func:`merge_answers` (``netzkarte zusammenfuehren``) reads the returned questionnaires
   and merges them into a copy of the map: IDs match directly, new names are matched by
   their normalised form and probable duplicates are listed, never merged silently; every
   tie records what both sides said and whether they agree;
3. :func:`write_feedback_html` and :func:`write_feedback_xlsx` write the Rückmeldung for
   the coordinator, whose decisions (:func:`read_decisions`) go into the next merge.

For the analyses and the map: :func:`tie_confirmation` gives the confirmation state of every
surveyed tie (edge column *Bestätigung*), :func:`non_responders` the partners that have not
answered (map metadata *Bestandsaufnahme ohne Antwort*).

>>> from netzkarte.survey import Confirmation, StrengthRule
>>> [c.label for c in Confirmation]
['bestätigt', 'abweichend', 'einseitig', 'unbestätigt', 'bestritten']
>>> StrengthRule("minimum").value
'minimum'
"""

from __future__ import annotations

from netzkarte.survey.answers import Answer, open_answer, read_answer
from netzkarte.survey.decisions import Decisions, read_decisions
from netzkarte.survey.feedback import render_feedback, write_feedback_html, write_feedback_xlsx
from netzkarte.survey.layout import (
    CONFIRMATION_LABELS,
    EDGE_DECISION,
    EDGE_SIDE_SOURCE,
    EDGE_SIDE_TARGET,
    EDGE_SOURCE,
    EDGE_STATUS,
    META_MISSING,
    META_RATE,
    NODE_ANSWER,
    NODE_DUPLICATE,
    NODE_SOURCE,
    STRENGTH_WORDS,
    Confirmation,
)
from netzkarte.survey.merge import MergeResult, merge_answers, non_responders
from netzkarte.survey.names import LIKELY, POSSIBLE, NameIndex, find_duplicates, name_key
from netzkarte.survey.questionnaire import (
    eligible_partners,
    write_questionnaire,
    write_questionnaires,
)
from netzkarte.survey.ties import STRENGTH_RULES, StrengthRule, tie_confirmation

__all__ = [
    "CONFIRMATION_LABELS",
    "EDGE_DECISION",
    "EDGE_SIDE_SOURCE",
    "EDGE_SIDE_TARGET",
    "EDGE_SOURCE",
    "EDGE_STATUS",
    "LIKELY",
    "META_MISSING",
    "META_RATE",
    "NODE_ANSWER",
    "NODE_DUPLICATE",
    "NODE_SOURCE",
    "POSSIBLE",
    "STRENGTH_RULES",
    "STRENGTH_WORDS",
    "Answer",
    "Confirmation",
    "Decisions",
    "MergeResult",
    "NameIndex",
    "StrengthRule",
    "eligible_partners",
    "find_duplicates",
    "merge_answers",
    "name_key",
    "non_responders",
    "open_answer",
    "read_answer",
    "read_decisions",
    "render_feedback",
    "tie_confirmation",
    "write_feedback_html",
    "write_feedback_xlsx",
    "write_questionnaire",
    "write_questionnaires",
]
