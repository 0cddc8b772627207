"""The vocabulary of a Netzwerkkarte, by concept.

* :mod:`~netzkarte.vocab.terms` – controlled values (node types, sectors, life phases,
  roles …) with German labels and accepted spellings, and :func:`fold`, the comparison key
  of everything a user types;
* :mod:`~netzkarte.vocab.edges` – which node types each kind of tie may connect;
* :mod:`~netzkarte.vocab.categories` – categories (Kita, Jobcenter, Elterncafé …) and the
  defaults they carry.

Everything is re-exported here: ``from netzkarte.vocab import Sector`` works.

>>> Sector.parse("kinder- und jugendhilfe")
<Sector.YOUTH_WELFARE: 'youth_welfare'>
"""

from __future__ import annotations

from netzkarte.vocab.categories import (
    BUILTIN,
    CATEGORIES,
    CategoryCatalogue,
    CategoryInfo,
    Method,
    Recognition,
    category_info,
    core_phase,
    recognize_category,
    suggest_category,
)
from netzkarte.vocab.edges import EDGE_RULES, EdgeRule, endpoint_problem
from netzkarte.vocab.terms import (
    CONFIRMATION_COLUMN,
    LIFE_PHASE_ORDER,
    NO_ANSWER_KEY,
    RANK_ORDER,
    STEERING_TYPES,
    ActorForm,
    CommitteeType,
    Confirmation,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NetworkKind,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Strength,
    Term,
    Tier,
    Transition,
    fold,
    is_steering_body,
    parse_bool,
)

__all__ = [
    "BUILTIN",
    "CATEGORIES",
    "CONFIRMATION_COLUMN",
    "EDGE_RULES",
    "LIFE_PHASE_ORDER",
    "NO_ANSWER_KEY",
    "RANK_ORDER",
    "STEERING_TYPES",
    "ActorForm",
    "CategoryCatalogue",
    "CategoryInfo",
    "CommitteeType",
    "Confirmation",
    "EdgeKind",
    "EdgeRule",
    "Level",
    "LifePhase",
    "MemberFunction",
    "Method",
    "NetworkKind",
    "NodeType",
    "OfferStatus",
    "Rank",
    "Recognition",
    "Role",
    "Sector",
    "Strength",
    "Term",
    "Tier",
    "Transition",
    "category_info",
    "core_phase",
    "endpoint_problem",
    "fold",
    "is_steering_body",
    "parse_bool",
    "recognize_category",
    "suggest_category",
]
